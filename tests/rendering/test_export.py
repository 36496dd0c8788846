"""Interoperability: the W3C Web Annotation export, schema.org JSON-LD and quote links."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT, MakeProject, term
from playwright.sync_api import Page

from annotated_reading.model.records import Source
from annotated_reading.pipeline import Project, analyse, build_site
from annotated_reading.rendering.export import EXPORT_PATH, export_text, plain_text, web_annotations


class _ShownSpans(HTMLParser):
    """Offsets, in the article element's text, of every element carrying data-annotation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.spans: list[tuple[int, int, str]] = []
        self._stack: list[tuple[str, int, str | None]] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._depth == 0 and attributes.get("class") == "ann-article":
            self._depth = 1
            return
        if self._depth:
            self._depth += 1
            label = attributes.get("data-annotation")
            if label and "ann-mark" not in str(attributes.get("class")):
                statement = attributes.get("data-statement")
                label = f"{label}/s{statement}" if statement else label
            else:
                label = None
            self._stack.append((tag, len(self.text), label))

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        self._depth -= 1
        if self._depth and self._stack:
            _, start, label = self._stack.pop()
            if label:
                self.spans.append((start, len(self.text), label))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.text += data


@pytest.fixture(scope="module")
def collection(built: Path) -> dict:
    """The export file of the real site."""
    return json.loads((built / EXPORT_PATH).read_text(encoding="utf-8"))


def test_collection_shape(collection: dict) -> None:
    """One AnnotationCollection with an embedded first page holding every annotation."""
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) > 100
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert item["type"] == "Annotation"
        kinds = {s["type"] for s in item["target"]["selector"]}
        assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
        assert any(b.get("source", "").endswith(".html") or "#" in b.get("source", "") for b in item["body"])


def test_export_text_is_the_collection_one_annotation_a_line(built: Path) -> None:
    """The file parses to exactly what `web_annotations` made; each annotation stands on a line of its own."""
    ctx, _ = analyse(Project(ROOT))
    assert ctx is not None
    made = web_annotations(ctx)
    text = (built / EXPORT_PATH).read_text(encoding="utf-8")
    assert json.loads(text) == made
    lines = text.splitlines()
    for item in made["first"]["items"]:
        assert json.loads(next(line for line in lines if f'"id":"{item["id"]}"' in line).strip().rstrip(",")) == item
    tricky = {**made, "label": 'a "items": [] b', "first": {**made["first"], "items": []}}
    assert json.loads(export_text(tricky)) == tricky


def test_selectors_reanchor_to_the_spans_the_site_shows(collection: dict, built: Path) -> None:
    """Every TextQuoteSelector finds exactly one place, equal to its TextPositionSelector and to the page's span."""
    ctx, _ = analyse(Project(ROOT))
    assert ctx is not None
    article = ctx.articles[0]
    text = plain_text(article)
    parser = _ShownSpans()
    parser.feed((built / f"articles/{article.id}.html").read_text(encoding="utf-8"))
    assert parser.text == text, "the article element's text must be the plain text the selectors count in"
    shown = sorted(parser.spans)
    exported = []
    for item in collection["first"]["items"]:
        if item["motivation"] == "assessing":
            continue  # a verdict on a claim: the same words as the claim's own annotation
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
        needle = quote["prefix"] + quote["exact"] + quote["suffix"]
        hits = [i for i in range(len(text)) if text.startswith(needle, i)]
        assert len(hits) == 1, f"{item['id']}: quote selector matches {len(hits)} times"
        start = hits[0] + len(quote["prefix"])
        assert (start, start + len(quote["exact"])) == (position["start"], position["end"])
        assert text[position["start"] : position["end"]] == quote["exact"]
        key = item["id"].split("#", 1)[1].rsplit("/", 1)[0]
        exported.append((position["start"], position["end"], key))
    assert sorted(exported) == shown


def test_about_page_links_the_export(built: Path) -> None:
    """The about page links to the export file."""
    assert f'href="{EXPORT_PATH}"' in (built / "about.html").read_text(encoding="utf-8")


def _json_ld(html: str) -> list[dict]:
    marker = '<script type="application/ld+json">'
    blocks = []
    while marker in html:
        html = html.split(marker, 1)[1]
        body, html = html.split("</script>", 1)
        blocks.append(json.loads(body))
    return blocks


def test_schema_org_json_ld(built: Path) -> None:
    """Article, glossary, groups, people and quotations are described with the schema.org types."""
    ctx, _ = analyse(Project(ROOT))
    assert ctx is not None
    [article] = _json_ld((built / "articles/west-africa-alliance.html").read_text(encoding="utf-8"))
    assert article["@type"] == "NewsArticle"
    assert article["isBasedOn"]["publisher"]["name"] == "The Washington Post"
    mentioned = {m["@id"] for m in article["mentions"]}
    assert "groups/jnim.html" in mentioned
    [glossary] = _json_ld((built / "glossary.html").read_text(encoding="utf-8"))
    assert glossary["@type"] == "DefinedTermSet"
    assert {t["@type"] for t in glossary["hasDefinedTerm"]} == {"DefinedTerm"}
    [group] = _json_ld((built / "groups/jnim.html").read_text(encoding="utf-8"))
    assert group["@type"] == "Organization"
    [sources] = _json_ld((built / "sources.html").read_text(encoding="utf-8"))
    quotations = sources["@graph"]
    assert len(quotations) == sum(len(e.statements) for e in ctx.of_kind("sources"))
    assert {q["@type"] for q in quotations} == {"Quotation"}
    unattributed = {
        e.ref for e in ctx.of_kind("sources") if isinstance(e.data, Source) and e.data.type == "unattributed"
    }
    assert unattributed, "the real article has claims it attributes to no one"
    for q in quotations:
        # An unattributed claim has no creator: the article does not say whose words they are.
        entry_id = q["@id"].rsplit("#", 1)[1].rsplit("-s", 1)[0]
        assert ("creator" in q) == (f"sources/{entry_id}" not in unattributed), q["@id"]
    named = [q for q in quotations if q.get("creator", {}).get("@type") == "Person" and "name" in q["creator"]]
    assert named, "named sources are Persons"


def test_json_ld_cannot_close_its_script(make_project: MakeProject) -> None:
    """Text with `</script>` in it is escaped inside JSON-LD."""
    hostile = 'term: "Sahel </script><script>alert(1)</script>"\nmatch: ["Sahel"]\nwikidata: Q6452\n'
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel").replace("term: Sahel\n", hostile)})
    glossary = build_site(Project(root)).pages["glossary.md"].html
    block = glossary.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "\\u003c/script>\\u003cscript>" in block
    assert json.loads(block)["hasDefinedTerm"][0]["sameAs"] == "https://www.wikidata.org/wiki/Q6452"


def test_quote_link_opens_the_passage(page: Page, site: Path) -> None:
    """A statement's quote link scrolls the article to its passage (text directive, with #pN underneath)."""
    page.goto((site / "sources.html").as_uri())
    link = page.locator("a.ann-show").last
    href = link.get_attribute("href") or ""
    assert ":~:text=" in href
    paragraph = href.split("#", 1)[1].split(":~:", 1)[0]
    link.click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    assert page.evaluate("location.hash") == f"#{paragraph}"
    top = page.evaluate(f"document.getElementById('{paragraph}').getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    viewport = page.viewport_size
    assert viewport is not None
    assert 0 <= top < viewport["height"]
