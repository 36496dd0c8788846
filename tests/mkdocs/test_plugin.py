"""The MkDocs adapter: pages handed over as finished HTML, problems as a build error, assets as shipped."""

from __future__ import annotations

import gc
import html
import json
import re
from pathlib import Path

import pytest
import rcssmin
import rjsmin
from helpers import ROOT, MakeProject, group, mkdocs_build, term


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


def test_unknown_include_is_an_error(make_project: MakeProject, tmp_path: Path) -> None:
    """A misspelt include marker stops the build, naming the page and line."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")}, with_docs=True)
    (root / "docs/about.md").write_text("# About\n\n<!-- include: sourcing-tabel -->\n", encoding="utf-8")
    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/about.md:3: unknown include 'sourcing-tabel' (known: provenance, sourcing-table)" in result.stderr


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


@pytest.mark.parametrize("name", ["annotate.css", "annotate.js", "pictures.css", "pictures.js", "home.css"])
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


def test_search_skips_cards_but_readers_get_them(built: Path) -> None:
    """In the real site, the cards come in their own script; notes and JSON-LD are on the page, not in its search."""
    page = (built / "articles" / "west-africa-alliance.html").read_text(encoding="utf-8")
    assert 'data-cards="../assets/cards/west-africa-alliance.js"' in page
    script = (built / "assets" / "cards" / "west-africa-alliance.js").read_text(encoding="utf-8")
    prefix = "window.annotatedReadingCards = "
    assert script.startswith(prefix)
    cards = json.loads(script.removeprefix(prefix).strip().rstrip(";"))
    assert cards.count('class="ann-card ') >= 90
    assert 'class="ann-card ' not in page
    assert 'type="application/ld+json"' in page
    notes = re.findall(r'<li><b>([^<]+)</b> ([^<]+?)(?: <i class="ann-v"[^>]*>[^<]*</i>)?</li>', page)
    assert len(notes) >= 90
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    article = [d for d in index["docs"] if d["location"].startswith("articles/west-africa-alliance.html")]
    text = " ".join(d["text"] for d in article)
    assert "Groups linked to" in text  # the article itself is searchable
    assert "@context" not in text
    assert "Full profile" not in text
    assert "How the article sourced this" not in text
    assert not any(gloss in text for _, gloss in notes if len(gloss) > 40), "a note's text is in the search"
    assert len(text) < 2 * sum(len(p) for p in _paragraphs())


def test_search_index_keeps_labels_and_values_apart(built: Path) -> None:
    """The facts of a place, a person and a group, and the cells of a table, are separate words in the index."""
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = {d["location"]: d["text"] for d in index["docs"]}
    assert "Type: City Location: 12.65° N, 8.00° W" in text["places.html#bamako"]
    assert "2020: Leader (emir) of al-Qaeda Life: born 19 June 1951" in text["people.html#ayman-al-zawahiri"]
    assert "Full name: Jama'at Nusrat al-Islam wal-Muslimin Also known as: " in text["groups/jnim.html"]
    assert "Kind of source Sources Statements Direct quotes" in text["about.html#how-the-article-sources-its-claims"]
    assert "Date Estimate Source and notes July 2018 " in text["figures.html#isgs-strength"]


def test_search_ranks_groups_people_and_places_higher(built: Path) -> None:
    """Every section of a group's page and of the people and places pages, and no other, carries a search boost."""
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosted = {d["location"].split("#")[0] for d in index["docs"] if d.get("boost", 1) > 1}
    assert boosted == {"people.html", "places.html"} | {
        f"groups/{p.stem}.html" for p in (ROOT / "annotations" / "groups").glob("*.yml")
    }


def test_theme_markup_is_valid_html(built: Path) -> None:
    """Material's toggles carry no autocomplete (no checkbox may) and its section labels no empty tabindex."""
    for path in [built / "404.html", *sorted(built.rglob("*.html"))]:
        page = path.read_text(encoding="utf-8")
        assert page.count('<input class="md-toggle" data-md-toggle=') == 2, path
        assert re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete', page) is None, path
        assert 'tabindex=""' not in page, path
    glossary = (built / "glossary.html").read_text(encoding="utf-8")
    assert re.search(r'<label class="md-nav__link[^"]*" for="__nav_\d+" id="__nav_\d+_label">', glossary)


def _paragraphs() -> list[str]:
    root = ROOT
    return (root / "articles" / "west-africa-alliance" / "article.txt").read_text(encoding="utf-8").splitlines()


def test_drawing_assets_load_only_where_drawings_are(built: Path) -> None:
    """The drawings' styles and script load on their pages only; the reference pages' styles on all but articles."""

    def loaded(page: str) -> set[str]:
        html = (built / page).read_text(encoding="utf-8")
        return {Path(p).name for p in re.findall(r'(?:href|src)="([^"]*assets/[a-z]+\.(?:css|js))"', html)}

    drawings = {"annotate.css", "annotate.js", "reference.css", "pictures.css", "pictures.js"}
    assert loaded("timeline.html") == drawings
    assert loaded("map.html") == drawings
    assert loaded("glossary.html") == {"annotate.css", "annotate.js", "reference.css"}
    assert loaded("about.html") == {"annotate.css", "annotate.js", "reference.css"}
    assert loaded("articles/west-africa-alliance.html") == {"annotate.css", "annotate.js"}
    assert loaded("index.html") == {"annotate.css", "annotate.js", "pictures.css", "home.css"}, "its maps, its own"


def test_repository_links_without_asking_github(make_project: MakeProject, tmp_path: Path) -> None:
    """With the repository known, the footer and every entry link to it, and Material's widget is not on the pages.

    That widget, which MkDocs' `repo_url` brings, would fetch star counts from GitHub's API from every page.
    """
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")}, with_docs=True)
    env = {"REPO_URL": "https://github.com/example/annotated", "REPO_BRANCH": "main"}
    result = mkdocs_build(root, tmp_path / "site", env)
    assert result.returncode == 0, result.stderr
    glossary = (tmp_path / "site" / "glossary.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/annotated/edit/main/annotations/glossary/sahel.yml"' in glossary
    assert 'class="ann-online" href="https://github.com/example/annotated"' in glossary  # the footer
    assert 'data-md-component="source"' not in glossary
    unknown = mkdocs_build(root, tmp_path / "plain", {"REPO_URL": "", "GITHUB_REPOSITORY": ""})
    assert "no repository address known" in unknown.stderr
    assert "ann-contribute" not in (tmp_path / "plain" / "glossary.html").read_text(encoding="utf-8")
