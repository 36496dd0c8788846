"""End to end: `mkdocs build --strict` of the real project, then every page, link and fragment checked."""

from __future__ import annotations

import gc
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rcssmin
import rjsmin

from annotated_reading.cache import BuildCache
from annotated_reading.pipeline import Project, analyse
from conftest import ROOT, MakeProject, group, mkdocs_build, term


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


def test_bad_annotation_fails_the_build_with_a_clear_message(make_project: MakeProject, tmp_path: Path) -> None:
    """A broken file stops `mkdocs build` with file:line:column and a hint, never a traceback."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel", "defnition: oops\n")}, with_docs=True)
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "annotations/glossary/sahel.yml:3:1: glossary/sahel: unknown field 'defnition'" in result.stderr
    assert "did you mean 'definition'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_hand_written_page_is_never_overwritten(make_project: MakeProject, tmp_path: Path) -> None:
    """A docs/ file at a generated page's path stops the build instead of being replaced."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")}, with_docs=True)
    (root / "docs/glossary.md").write_text("# Mine\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/glossary.md is generated from the annotations" in result.stderr
    assert (root / "docs/glossary.md").read_text(encoding="utf-8") == "# Mine\n"


def test_about_page_counts_are_computed(built: Path) -> None:
    """The about page's sourcing table is computed from the source entries, not typed by hand."""
    ctx, _ = analyse(Project(ROOT))
    assert ctx is not None
    html = (built / "about.html").read_text(encoding="utf-8")
    sources = ctx.of_kind("sources")
    statements = sum(len(e.statements) for e in sources)
    assert f'<tr class="ann-total"><th scope="row">All</th><td>{len(sources)}</td><td>{statements}</td>' in html
    assert "<!-- include:" not in html


def test_unknown_include_is_an_error(make_project: MakeProject, tmp_path: Path) -> None:
    """A misspelt include marker stops the build, naming the page and line."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")}, with_docs=True)
    (root / "docs/about.md").write_text("# About\n\n<!-- include: sourcing-tabel -->\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/about.md:3: unknown include 'sourcing-tabel' (known: sourcing-table)" in result.stderr


def test_group_pages_join_the_navigation_with_escaped_titles(make_project: MakeProject, tmp_path: Path) -> None:
    """Each group page is listed under Groups in the sidebar, in label order; markup in a label shows as text."""
    root = make_project(
        {
            "annotations/groups/jnim.yml": group("JNIM", "match: [JNIM]\n").replace(
                "name: JNIM", "name: 'JNIM <b>x</b> & \"co\"'"
            ),
            "annotations/groups/isgs.yml": group("ISGS"),
        },
        ["JNIM and ISGS met."],
        with_docs=True,
    )
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "glossary.html").read_text(encoding="utf-8")
    links = re.findall(
        r'<a href="(groups/[^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', page, re.S
    )
    assert links == [
        ("groups/isgs.html", "ISGS"),
        ("groups/jnim.html", "JNIM &lt;b&gt;x&lt;/b&gt; &amp; &quot;co&quot;"),
    ]
    assert "<b>x</b>" not in page
    own = (tmp_path / "site" / "groups" / "jnim.html").read_text(encoding="utf-8")
    title = own.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title
    assert html.unescape(title).startswith('JNIM <b>x</b> & "co" - ')


@pytest.mark.parametrize(("command", "frozen"), [("build", True), ("serve", False)])
def test_adapter_freezes_the_collector_only_for_a_one_off_build(command: str, frozen: bool) -> None:
    """`mkdocs build` exits after one build; `mkdocs serve` rebuilds in-process, where frozen objects would pile up."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(ROOT / "mkdocs.yml"))
    gc.unfreeze()
    try:
        config.plugins.on_startup(command=command, dirty=False)
        for _ in range(2):
            files = config.plugins.on_files(Files([]), config=config)
            assert (gc.get_freeze_count() > 0) is frozen
            assert gc.isenabled()
        assert any(f.src_uri == "glossary.md" for f in files)
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("name", ["annotate.css", "annotate.js", "pictures.css", "pictures.js"])
def test_our_assets_ship_minified(built: Path, name: str) -> None:
    """The site carries our stylesheets and scripts minified; docs/assets keeps the readable sources."""
    source = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
    shipped = (built / "assets" / name).read_text(encoding="utf-8")
    assert shipped == (rcssmin.cssmin(source) if name.endswith(".css") else rjsmin.jsmin(source))
    assert len(shipped) < 0.85 * len(source)


def test_no_script_holds_up_the_first_paint(built: Path) -> None:
    """Scripts load at the end of the body; the search shim still comes before Material's bundle that needs it."""
    page = (built / "articles" / "west-africa-alliance.html").read_text(encoding="utf-8")
    head, body = page.split("</head>", 1)
    assert re.search(r"<script[^>]*\ssrc=", head) is None
    sources = re.findall(r'<script[^>]*\ssrc="([^"]+)"', body)
    shim = next(i for i, s in enumerate(sources) if "iframe-worker/shim" in s)
    bundle = next(i for i, s in enumerate(sources) if "/bundle." in s)
    assert shim < bundle


def test_a_rebuild_reads_again_exactly_the_files_that_changed(make_project: MakeProject) -> None:
    """As `mkdocs serve` rebuilds: an edit of the same length is seen; an untouched file is not parsed again."""
    root = make_project(
        {"annotations/glossary/sahel.yml": term("Sahel"), "annotations/glossary/mali.yml": term("Mali")},
        ["The Sahel borders Mali."],
    )
    cache = BuildCache()
    first, _ = analyse(Project(root), cache)
    assert first is not None
    path = root / "annotations/glossary/sahel.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("About Sahel.", "Abut Sahel!"), encoding="utf-8")
    second, _ = analyse(Project(root), cache)
    assert second is not None
    before, after = ({e.id: e for e in ctx.entries} for ctx in (first, second))
    assert after["sahel"].text == "Abut Sahel!"
    assert after["sahel"] is not before["sahel"]
    assert after["mali"] is before["mali"]
    assert second.templates is first.templates
