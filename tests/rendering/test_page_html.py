"""Finished pages: the title and its id, the table of contents, the ids, the schema.org data."""

from __future__ import annotations

import json
import re

from helpers import ROOT

from annotated_reading.rendering.page_html import PERMALINK_TITLE, finish
from annotated_reading.rendering.templates import environment

ENV = environment()


def _heading(level: int, text: str, anchor: str) -> str:
    macro = ENV.get_template("macros.html.jinja").module.heading  # type: ignore[attr-defined]
    return str(macro(level, text, anchor))


def test_headings_escape_their_text_and_link_to_themselves() -> None:
    assert _heading(2, "Al <b>&  Co", "al-co") == (
        '<h2 id="al-co">Al &lt;b&gt;&amp; Co'
        '<a class="headerlink" href="#al-co" title="Link to this section">&para;</a></h2>'
    )


def test_finish_nests_the_table_of_contents_and_names_the_title() -> None:
    body = "\n".join([_heading(2, "A", "a"), _heading(3, "A one", "a-one"), _heading(2, "B", "b"), '<p id="p1">x</p>'])
    page = finish(ENV, "Groups & allies", body)
    assert page.title == "Groups &amp; allies"
    [top] = page.toc
    assert (top["level"], top["id"], top["name"]) == (1, "groups-allies", "Groups &amp; allies")
    assert [(c["id"], [g["id"] for g in c["children"]]) for c in top["children"]] == [("a", ["a-one"]), ("b", [])]
    assert page.ids == {"groups-allies", "a", "a-one", "b", "p1"}
    assert page.html.startswith('<h1 id="groups-allies">Groups &amp; allies<a class="headerlink" href="#groups-allies"')


def test_title_id_never_takes_an_id_the_page_uses() -> None:
    page = finish(ENV, "Sahel", _heading(2, "Sahel", "sahel") + '<p id="sahel_1"></p>')
    assert page.toc[0]["id"] == "sahel_1_1"
    assert len(re.findall(r'id="sahel"', page.html)) == 1


def test_schema_org_data_cannot_close_its_script() -> None:
    page = finish(ENV, "T", "<p>x</p>\n", {"name": "</script><script>alert(1)</script>"})
    block = page.html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block) == {"name": "</script><script>alert(1)</script>"}
    assert "<" not in block


def test_permalinks_read_as_on_hand_written_pages() -> None:
    """Generated headings use the permalink tooltip mkdocs.yml gives Python-Markdown for hand-written pages."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"permalink_title: {PERMALINK_TITLE}\n" in config
