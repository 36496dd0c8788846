"""End to end: `mkdocs build --strict` of the real project, then every page, link and fragment checked."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from helpers import ROOT, mkdocs_build

from annotated_reading.pipeline import Project, analyse
from annotated_reading.rendering.markup import date_text


class _Page(HTMLParser):
    """Ids, links and paragraph texts of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.paragraphs: dict[str, str] = {}
        self._in_text: str | None = None
        self._depth = 0
        self._current_p: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "p" and str(attributes.get("class")) == "ann-p":
            self._current_p = str(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(str(attributes[name]))
        if self._in_text is not None:
            self._depth += 1
        elif attributes.get("class") == "ann-text" and self._current_p:
            self._in_text, self._depth = self._current_p, 1
            self.paragraphs[self._current_p] = ""

    def handle_endtag(self, tag: str) -> None:
        if self._in_text is not None:
            self._depth -= 1
            if self._depth == 0:
                self._in_text = None

    def handle_data(self, data: str) -> None:
        if self._in_text is not None:
            self.paragraphs[self._in_text] += data


def _directive_matches(directive: str, paragraph: str) -> bool:
    """Whether a `text=[prefix-,]start[,end][,-suffix]` directive finds its words, in order, in the paragraph."""
    assert directive.startswith("text="), directive
    terms = [unquote(t) for t in directive[5:].split(",")]
    words = [t.removesuffix("-") if t.endswith("-") else t.removeprefix("-") for t in terms]
    at = 0
    for word in words:
        at = paragraph.find(word, at)
        if at < 0:
            return False
        at += len(word)
    return True


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_article_page_shows_every_paragraph_unaltered(built: Path) -> None:
    """Paragraphs p1..pN appear in order, each exactly as in the article's text file."""
    lines = (ROOT / "articles/west-africa-alliance/article.txt").read_text(encoding="utf-8").split("\n")
    page = _parse(built / "articles/west-africa-alliance.html")
    expected = {f"p{n}": text for n, text in enumerate(lines[1:-1], start=1)}
    assert len(expected) == 27
    assert page.paragraphs == expected
    html = (built / "articles/west-africa-alliance.html").read_text(encoding="utf-8")
    assert 'data-annotation="groups/jnim"' in html


def test_every_generated_page_exists(built: Path) -> None:
    """Glossary, sources, the groups index and one page per group are built."""
    ctx, problems = analyse(Project(ROOT))
    assert not problems
    assert ctx is not None
    expected = ["glossary.html", "sources.html", "groups/index.html", "about.html", "index.html"]
    expected += [f"groups/{e.id}.html" for e in ctx.of_kind("groups")]
    missing = [name for name in expected if not (built / name).is_file()]
    assert missing == []
    glossary = _parse(built / "glossary.html")
    assert {e.id for e in ctx.of_kind("glossary")} <= glossary.ids
    sources = _parse(built / "sources.html")
    for entry in ctx.of_kind("sources"):
        assert entry.id in sources.ids
        assert {f"{entry.id}-s{n}" for n in range(1, len(entry.statements) + 1)} <= sources.ids


def test_every_internal_link_and_fragment_resolves(built: Path) -> None:
    """No relative link in any page points at a missing file or a missing #fragment."""
    # 404.html is served by web hosts at any depth, so MkDocs gives it root-absolute links; not used offline.
    pages = {p: _parse(p) for p in built.rglob("*.html") if p.name != "404.html"}
    broken = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{path.relative_to(built)}: {link} (no file)")
            elif parts.fragment and target.suffix == ".html":
                target_page = pages[target] if target in pages else _parse(target)
                fragment, _, directive = parts.fragment.partition(":~:")
                if unquote(fragment) not in target_page.ids:
                    broken.append(f"{path.relative_to(built)}: {link} (no #{fragment})")
                elif directive and not _directive_matches(directive, target_page.paragraphs.get(fragment, "")):
                    broken.append(f"{path.relative_to(built)}: {link} (text directive not in #{fragment})")
    assert checked > 500
    assert broken == []


def test_home_page_introduces_each_article(built: Path) -> None:
    """The home page gives each article's title, provenance, summary and why it matters, and a link into it."""
    ctx, _ = analyse(Project(ROOT))
    assert ctx is not None
    html = (built / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="ann-home-article".*?</section>', html, re.S)
    assert len(sections) == len(ctx.articles)
    for article, section in zip(ctx.articles, sections, strict=True):
        text = " ".join(unescape(re.sub(r"<[^>]+>", "", section)).split())
        meta, first = article.meta, article.meta.first_published
        assert meta.summary, "what the article says"
        assert meta.why_it_matters, "why it still matters"
        assert article.title in text
        assert (
            f"First published by {first.publisher} on {date_text(first.date)}; as republished by {meta.publisher}."
            in text
        )
        assert " ".join(meta.summary.split()) in text
        assert " ".join(meta.why_it_matters.split()) in text
        start = re.search(r'<a href="([^"]+)">Start reading', section)
        assert start is not None, "a start-reading link"
        target = built / start.group(1)
        assert target.resolve() == (built / "articles" / f"{article.id}.html").resolve()
        assert 'id="p1"' in target.read_text(encoding="utf-8")
    guide = html.split('id="behind-the-annotations"')[1]
    for page in ("glossary", "groups/index", "sources", "people", "places", "figures", "map", "timeline", "about"):
        assert f'<a href="{page}.html">' in guide, page
    assert "Where the article comes from" in guide, "a hand-written page's line is its front matter's description"


def test_about_page_counts_are_computed(built: Path) -> None:
    """The about page's sourcing table is computed from the source entries, not typed by hand."""
    ctx, _ = analyse(Project(ROOT))
    assert ctx is not None
    html = (built / "about.html").read_text(encoding="utf-8")
    sources = ctx.of_kind("sources")
    statements = sum(len(e.statements) for e in sources)
    assert f'<tr class="ann-total"><th scope="row">All</th> <td>{len(sources)}</td> <td>{statements}</td>' in html
    assert "<!-- include:" not in html


def test_a_site_url_makes_404_absolute_and_pages_canonical(tmp_path: Path) -> None:
    """With SITE_URL set, 404.html links from the site's path on the host, and every page names its address."""
    site = tmp_path / "site"
    result = mkdocs_build(ROOT, site, {"SITE_URL": "https://example.org/annotated-reading/"})
    assert result.returncode == 0, result.stderr
    missing = _parse(site / "404.html")
    assert len(missing.links) >= 20
    assert [link for link in missing.links if not link.startswith("/annotated-reading/")] == []
    assert {"/annotated-reading/assets/annotate.css", "/annotated-reading/glossary.html"} <= set(missing.links)
    for path in ("index.html", "glossary.html", "groups/jnim.html", "articles/west-africa-alliance.html"):
        canonical = f'<link rel="canonical" href="https://example.org/annotated-reading/{path}">'
        assert canonical in (site / path).read_text(encoding="utf-8"), path
