"""How an article held up: its claims in reading order, each with its verdict, and the counts computed from them.

A claim is a statement of a source entry, or a figure the article states, whose entry carries a `hindsight` block
(see `model.verdicts` for the scale). The "How it held up" page lists them; cards and margin notes show the verdict
of their own claim; the page's JSON-LD publishes each as a schema.org ClaimReview (`rendering.structured`).
"""

from __future__ import annotations

import msgspec

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.entries import Article
from annotated_reading.model.records import Hindsight, Source
from annotated_reading.model.verdicts import SCALE, VERDICTS, Verdict, hindsight_of
from annotated_reading.rendering.context import AnyEntry, Context
from annotated_reading.rendering.links import claim_anchor, held_up_page
from annotated_reading.rendering.reference import Views
from annotated_reading.rendering.templates import render

SPEAKERS: tuple[tuple[str, str], ...] = (
    ("named", "Named people"),
    ("anonymous", "Unnamed officials"),
    ("unattributed", "Unattributed"),
    ("document", "Documents"),
    ("figure", "Figures stated as fact"),
)
"""The kinds of claim the summary counts, by who makes them: a source's type, or the article itself for figures."""
SPEAKER = {
    "named": "named source",
    "anonymous": "unnamed source",
    "unattributed": "unattributed",
    "document": "document",
    "figure": "figure",
}
"""One claim's kind of speaker, as the line above its words names it."""


HELD_UP = "How it held up"
"""The title of an article's page of verdicts, and of the links to it."""


def held_up_label(ctx: Context, article: Article) -> str:
    """The page's title: "How it held up", with the article's title where the site has several."""
    return HELD_UP if len(ctx.articles) == 1 else f"{HELD_UP}: {article.title}"


class Claim(msgspec.Struct, frozen=True):
    """One claim of an article and how it held up."""

    anchor: str
    """Its id on the "How it held up" page: the statement's id on the sources page, or `figure-<id>`."""
    entry: AnyEntry
    statement: int | None
    span: Span
    words: str
    """The article's own words."""
    speaker: str
    """Who makes the claim: kind of source as `SPEAKERS` names it."""
    hindsight: Hindsight
    verdict: Verdict


class Summary(msgspec.Struct, frozen=True):
    """Claims counted by verdict (rows, in the scale's order) and by who makes them (columns, `SPEAKERS`)."""

    rows: tuple[tuple[Verdict, tuple[int, ...], int], ...]
    """Each verdict, its count per kind of speaker, and its total."""
    totals: tuple[int, ...]
    total: int


def claims(ctx: Context, article: Article) -> list[Claim]:
    """The article's claims with a verdict, in reading order (a figure where the article first gives it)."""
    found: list[Claim] = []
    seen: set[tuple[str, int | None]] = set()
    for span in sorted(ctx.spans_in(article.id)):
        key = (span.ref, span.statement)
        entry = ctx.by_ref[span.ref]
        hindsight = hindsight_of(entry.data, span.statement)
        if hindsight is None or key in seen:
            continue
        seen.add(key)
        data = entry.data
        speaker = data.type if isinstance(data, Source) and span.statement is not None else "figure"
        anchor = claim_anchor(entry.id, span.statement)
        words = article.paragraphs[span.paragraph - 1][span.start : span.end]
        found.append(Claim(anchor, entry, span.statement, span, words, speaker, hindsight, VERDICTS[hindsight.verdict]))
    return found


def summary(found: list[Claim]) -> Summary:
    """The claims counted by verdict and by who makes them."""
    speakers = [key for key, _ in SPEAKERS]
    rows = []
    for verdict in SCALE:
        counts = tuple(sum(1 for c in found if c.verdict.id == verdict.id and c.speaker == s) for s in speakers)
        rows.append((verdict, counts, sum(counts)))
    totals = tuple(sum(1 for c in found if c.speaker == s) for s in speakers)
    return Summary(tuple(rows), totals, len(found))


def render_held_up(ctx: Context, article: Article) -> str:
    """The body of an article's "How it held up" page: the scale, the counts, then each claim in reading order."""
    page = held_up_page(article.id)
    found = claims(ctx, article)
    return render(
        ctx.templates,
        "held_up.html.jinja",
        page,
        ctx.markup(page),
        views=Views(ctx, page),
        article=article,
        claims=found,
        summary=summary(found),
        scale=SCALE,
        speakers=SPEAKERS,
        speaker=SPEAKER,
        latest=max((c.hindsight.as_of for c in found), default=None),
    )
