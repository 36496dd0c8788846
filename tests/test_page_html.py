"""Generated pages as finished HTML: title, table of contents, ids, and the parts search does not index."""

from __future__ import annotations

import json
import re
from pathlib import Path

from annotated_reading.rendering.page_html import PERMALINK_TITLE, PageHtml, finish, heading, not_indexed


def test_heading_escapes_text_and_links_to_itself() -> None:
    assert heading(2, "Al <b>&  Co", "al-co", "x") == (
        '<h2 id="al-co" class="x">Al &lt;b&gt;&amp; Co'
        '<a class="headerlink" href="#al-co" title="Link to this section">&para;</a></h2>'
    )
    assert heading(1, "Title <i>") == "<h1>Title &lt;i&gt;</h1>"


def test_finish_nests_the_table_of_contents_and_names_the_title() -> None:
    page = finish(
        "\n".join(
            [
                heading(1, "Groups & allies"),
                heading(2, "A", "a"),
                heading(3, "A one", "a-one"),
                heading(2, "B", "b"),
                '<p id="p1">text</p>',
            ]
        )
    )
    assert page.title == "Groups &amp; allies"
    [top] = page.toc
    assert (top["level"], top["id"], top["name"]) == (1, "groups-allies", "Groups &amp; allies")
    assert [(c["id"], [g["id"] for g in c["children"]]) for c in top["children"]] == [("a", ["a-one"]), ("b", [])]
    assert page.ids == {"groups-allies", "a", "a-one", "b", "p1"}
    assert '<h1 id="groups-allies">Groups &amp; allies<a class="headerlink" href="#groups-allies"' in page.html


def test_title_id_never_takes_an_id_the_page_uses() -> None:
    page = finish(heading(1, "Sahel") + heading(2, "Sahel", "sahel") + '<p id="sahel_1"></p>')
    assert page.toc[0]["id"] == "sahel_1_1"
    assert len(re.findall(r'id="sahel"', page.html)) == 1


def test_parts_held_from_search_come_back_in_place() -> None:
    body = "<p>before</p>" + not_indexed("<div>card one</div>") + "<p>middle</p>" + not_indexed("<svg>2</svg>")
    page = finish(heading(1, "T") + body)
    searched, parts = page.for_search()
    assert "card one" not in searched
    assert "<svg>" not in searched
    assert parts == ["<div>card one</div>", "<svg>2</svg>"]
    restored = PageHtml.restore(searched, parts)
    assert restored == page.html.replace("<!--ann:not-indexed-->", "").replace("<!--/ann:not-indexed-->", "")


def test_search_skips_cards_but_readers_get_them(built: Path) -> None:
    """In the real site, cards and JSON-LD are on the article page but not in its search entry."""
    page = (built / "articles" / "west-africa-alliance.html").read_text(encoding="utf-8")
    assert page.count('class="ann-card ') >= 90
    assert 'type="application/ld+json"' in page
    assert "ann:not-indexed" not in page
    assert "ann:part" not in page
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    article = [d for d in index["docs"] if d["location"].startswith("articles/west-africa-alliance.html")]
    text = " ".join(d["text"] for d in article)
    assert "Groups linked to" in text  # the article itself is searchable
    assert "@context" not in text
    assert "Full profile" not in text
    assert "How the article sourced this" not in text
    assert len(text) < 2 * sum(len(p) for p in _paragraphs())


def _paragraphs() -> list[str]:
    root = Path(__file__).resolve().parent.parent
    return (root / "articles" / "west-africa-alliance" / "article.txt").read_text(encoding="utf-8").splitlines()


def test_drawing_assets_load_only_where_drawings_are(built: Path) -> None:
    """The drawings' styles and script (timeline filter, maps' opening position) load on their pages, not elsewhere."""

    def loaded(page: str) -> set[str]:
        html = (built / page).read_text(encoding="utf-8")
        return {Path(p).name for p in re.findall(r'(?:href|src)="([^"]*assets/[a-z]+\.(?:css|js))"', html)}

    assert loaded("timeline.html") == {"annotate.css", "annotate.js", "pictures.css", "pictures.js"}
    assert loaded("map.html") == {"annotate.css", "annotate.js", "pictures.css", "pictures.js"}
    assert loaded("articles/west-africa-alliance.html") == {"annotate.css", "annotate.js"}


def test_marks_do_not_nest() -> None:
    page = finish(heading(1, "T") + not_indexed("<p>a</p>" + not_indexed("<p>b</p>")) + "<p>c</p>")
    searched, parts = page.for_search()
    assert parts == ["<p>a</p><p>b</p>"]
    assert "<p>c</p>" in searched
    assert "<!--" not in PageHtml.restore(searched, parts)


def test_permalinks_read_as_on_hand_written_pages() -> None:
    """Generated headings use the permalink tooltip mkdocs.yml gives Python-Markdown for hand-written pages."""
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"permalink_title: {PERMALINK_TITLE}\n" in config
