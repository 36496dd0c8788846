"""How the article held up: a verdict on every claim, the page that lists them, ClaimReview and the W3C export."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from helpers import ROOT

from annotated_reading.model.records import Figure, Source
from annotated_reading.model.verdicts import SCALE, VERDICTS
from annotated_reading.pipeline import Project, build_site
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.export import web_annotations
from annotated_reading.rendering.hindsight import claims
from annotated_reading.rendering.links import held_up_page, site_path

SITE = "https://example.org/reading/"


def _json_ld(html: str) -> list[dict]:
    return [json.loads(body) for body in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_the_scale_is_defined_once_and_matches_the_schema() -> None:
    """The schema's verdicts are the scale's, in the same order; each has a name, a sign and a meaning."""
    schema = json.loads((ROOT / "schemas/common.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["hindsight"]["properties"]["verdict"]["enum"] == [v.id for v in SCALE]
    assert len({v.sign for v in SCALE}) == len(SCALE), "each verdict is told apart by its sign, not only colour"
    assert all(v.name and v.meaning for v in SCALE)


def test_every_claim_has_a_verdict_or_says_why_not(ctx: Context) -> None:
    """Every statement of the article, and every figure it states, carries a hindsight block."""
    missing = [
        f"{e.ref} statement {i + 1}"
        for e in ctx.entries_of(Source)
        for i, s in enumerate(e.data.statements)
        if s.hindsight is None
    ]
    missing += [e.ref for e in ctx.entries_of(Figure) if e.data.hindsight is None and not e.data.reference_only]
    assert not missing


def test_verdicts_are_dated_after_the_article_and_cite_later_sources(ctx: Context) -> None:
    """Each verdict holds as of a date after publication and cites a source published after the article.

    A claim no later event can test says why instead of citing.
    """
    published = ctx.articles[0].meta.first_published.date
    for article in ctx.articles:
        for claim in claims(ctx, article):
            held = claim.hindsight
            assert held.as_of > published, claim.anchor
            assert held.explanation.strip(), claim.anchor
            if held.verdict != "not-checkable":
                assert any(c.date > published for c in held.sources), f"{claim.anchor}: no source after the article"
            for citation in held.sources:
                assert citation.article is None, f"{claim.anchor}: the article cannot vouch for itself"


def test_the_summary_counts_equal_the_data(ctx: Context, pages: dict[str, str]) -> None:
    """The table's counts, read back from the page, are the verdicts counted from the entries themselves."""
    article = ctx.articles[0]
    expected: Counter[tuple[str, str]] = Counter()
    for entry in ctx.entries_of(Source):
        for statement in entry.data.statements:
            if statement.hindsight is not None:
                expected[(statement.hindsight.verdict, entry.data.type)] += 1
    for entry in ctx.entries_of(Figure):
        if entry.data.hindsight is not None and ctx.spans(entry.ref):
            expected[(entry.data.hindsight.verdict, "figure")] += 1
    html = pages[held_up_page(article.id)]
    table = html.split('<table class="ann-table ann-held-up">', 1)[1].split("</table>", 1)[0]
    kinds = ["named", "anonymous", "unattributed", "document", "figure"]
    for verdict in SCALE:
        row = re.search(rf'data-v="{verdict.id}".*?</tr>', table, re.S)
        assert row is not None, verdict.id
        counts = [int(n) for n in re.findall(r'<td class="ann-number">(\d+)</td>', row.group(0))]
        assert counts == [expected[(verdict.id, k)] for k in kinds] + [sum(expected[(verdict.id, k)] for k in kinds)]
    total = re.search(r'<tr class="ann-total">.*?</tr>', table, re.S)
    assert total is not None
    assert int(re.findall(r"(\d+)</td>", total.group(0))[-1]) == sum(expected.values()) == len(claims(ctx, article))


def test_each_verdict_is_published_as_a_claim_review(ctx: Context) -> None:
    """ClaimReview JSON-LD, checked property by property on the parsed JSON (nothing is fetched)."""
    article = ctx.articles[0]
    site = build_site(Project(ROOT), base_url=SITE)
    page = site.pages[held_up_page(article.id)].html
    [data] = _json_ld(page)
    reviews = data["@graph"]
    found = claims(ctx, article)
    assert len(reviews) == len(found)
    for review, claim in zip(reviews, found, strict=True):
        assert review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.words
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["author"]["@type"] in ("Person", "Organization", "CreativeWork")
        assert item["appearance"]["@id"] == SITE + f"articles/{article.id}.html"
        assert item["datePublished"] == article.meta.first_published.date
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == VERDICTS[claim.hindsight.verdict].name
        assert ("ratingValue" in rating) == bool(VERDICTS[claim.hindsight.verdict].rating)
        assert review["author"]["name"]
        assert review["datePublished"] == claim.hindsight.as_of
        assert review["url"] == SITE + site_path(held_up_page(article.id)) + "#" + claim.anchor
        assert f'id="{claim.anchor}"' in page


def test_claim_reviews_have_no_url_where_the_site_address_is_unknown(pages: dict[str, str], ctx: Context) -> None:
    [data] = _json_ld(pages[held_up_page(ctx.articles[0].id)])
    assert all("url" not in review for review in data["@graph"])


def test_the_export_assesses_each_claim_on_its_words(ctx: Context) -> None:
    """The W3C export has an `assessing` annotation per claim, on the same selector as the claim's own."""
    items = web_annotations(ctx)["first"]["items"]
    by_id = {item["id"]: item for item in items}
    assessing = [item for item in items if item["motivation"] == "assessing"]
    assert len(assessing) == len(claims(ctx, ctx.articles[0]))
    for item in assessing:
        own = by_id[item["id"].removesuffix("/assessment") + "/1"]
        assert item["target"] == own["target"]
        verdict, _ = item["body"][0]["value"].split(" (as of ")
        assert verdict in {v.name for v in SCALE}
        assert item["body"][2]["source"].startswith(site_path(held_up_page(ctx.articles[0].id)) + "#")


def test_the_page_is_linked_from_the_article_and_the_home_page(ctx: Context, pages: dict[str, str]) -> None:
    article = ctx.articles[0]
    assert 'class="ann-held-up" href="west-africa-alliance/how-it-held-up.html"' in pages[f"articles/{article.id}.md"]
    assert 'href="articles/west-africa-alliance/how-it-held-up.html"' in pages["index.md"]


def test_printed_notes_carry_the_verdict_in_words(ctx: Context, pages: dict[str, str]) -> None:
    """The notes (print, margin) give each claim's verdict by name and date, not by colour."""
    html = pages[f"articles/{ctx.articles[0].id}.md"]
    notes = html.split('<ol class="ann-notes"', 1)[1].split("</ol>", 1)[0]
    shown = re.findall(r'<i class="ann-v" data-v="([a-z-]+)">(.) ([^,<]+), ([A-Za-z]+ \d{4})</i>', notes)
    assert len(shown) == len(claims(ctx, ctx.articles[0]))
    for verdict, sign, name, _ in shown:
        assert (sign, name) == (VERDICTS[verdict].sign, VERDICTS[verdict].name)


def test_held_up_page_is_built_into_the_site(built: Path, ctx: Context) -> None:
    page = built / site_path(held_up_page(ctx.articles[0].id))
    assert page.is_file()
    assert "How it held up" in page.read_text(encoding="utf-8")
