"""The annotated article page: numbered paragraphs with nested annotation spans, and one card per entry.

This module turns the anchoring into what `templates/article.html.jinja` prints: each paragraph as a tree of
text and annotated spans, and the cards those spans open.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import msgspec

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.entries import Article
from annotated_reading.model.kinds import STATEMENT_KINDS
from annotated_reading.model.records import Markdown, Place, Source
from annotated_reading.pictures.maps import InsetView, inset, inset_layers
from annotated_reading.rendering.context import AnyEntry, Context
from annotated_reading.rendering.links import article_page, card_maps_path, entry_page, relative, statement_anchor
from annotated_reading.rendering.templates import render

MORE = {
    "glossary": "Full definition",
    "groups": "Full profile",
    "sources": "All statements",
    "figures": "Other estimates",
}
"""What a card's link to the full entry says, by kind ("Full entry" for the others)."""
SOURCE_TYPES = {"named": "Named source", "anonymous": "Anonymous source", "document": "Document"}
HIGHLIGHTS = (
    ("all", "All kinds"),
    ("glossary", "Terms"),
    ("groups", "Groups"),
    ("people", "People"),
    ("places", "Places"),
    ("figures", "Figures"),
    ("sources", "Sources"),
    ("statements", "Statements"),
)
"""The reading controls' choices of what to highlight, in order; each shown only if the article has it."""


def card_id(ref: str, statement: int | None = None) -> str:
    """The element id of an entry's (or a statement's) card."""
    base = "card-" + ref.replace("/", "-")
    return base if statement is None else f"{base}-s{statement + 1}"


class Mention(msgspec.Struct, frozen=True):
    """A span of the text that mentions an entry: a link to it that opens its card."""

    kind: str
    ref: str
    href: str
    card: str
    note: int
    """The card's number, in order of first appearance (print endnotes)."""
    is_quote: ClassVar[bool] = False


class Quote(msgspec.Struct, frozen=True):
    """A span of the text attributed to a source, and the mark after it that opens the statement's card."""

    source_type: str
    ref: str
    statement: int
    """1-based."""
    href: str
    card: str
    note: int
    label: str
    """The mark's accessible name: "Who said this: <source>"."""
    is_quote: ClassVar[bool] = True


Token = tuple[Literal["text"], str] | tuple[Literal["open", "close"], Mention | Quote]
"""A paragraph read in order: its text, and where each span opens and closes (spans nest, outer ones first)."""


class Card(msgspec.Struct, frozen=True):
    """What a span opens: an entry's (or a statement's) short text, with a link to the full entry."""

    id: str
    kind: str
    note: int
    label: str
    """What it is: "Term", "Named source", "Direct quote · Named source"..."""
    title: str
    roles: tuple[str, ...]
    """A source's role and affiliation, and why it is unnamed (for sources and statements)."""
    text: Markdown | None
    """The Markdown whose first paragraph the card shows."""
    inset: InsetView | None
    more: str
    more_text: str


Notes = dict[tuple[str, int | None], int]
"""(ref, statement) -> note number, in order of first appearance; cards double as print endnotes."""


class ArticleOutput(msgspec.Struct, frozen=True):
    """An article page's body, and the script with the drawings its place cards' small maps share."""

    body: str
    card_maps: str | None
    """None if no card has a small map. Kept out of the page, which loads it when a card first opens: most
    readers never open a place card, and the page's weight is its first screen's speed."""


def render_article(ctx: Context, article: Article) -> ArticleOutput:
    """An article page: provenance, reading controls, the annotated text and its cards; its card maps' script."""
    page = article_page(article.id)
    notes: Notes = {}
    for number in range(1, len(article.paragraphs) + 1):
        for span in ctx.anchoring.spans.get((article.id, number), []):
            notes.setdefault((span.ref, span.statement), len(notes) + 1)
    builder = _Builder(ctx, page, notes)
    paragraphs = [builder.paragraph(article, n) for n in range(1, len(article.paragraphs) + 1)]
    cards = [builder.card(ctx.by_ref[ref], statement, n) for (ref, statement), n in notes.items()]
    layers = inset_layers(ctx, (ctx.by_ref[ref] for ref, statement in notes if statement is None))
    maps = card_maps_path(article.id)
    body = render(
        ctx.templates,
        "article.html.jinja",
        page,
        ctx.markup(page),
        article=article,
        highlights=_highlights(notes),
        paragraphs=paragraphs,
        cards=cards,
        card_maps=relative(page, maps) if layers else None,
    )
    script = render(ctx.templates, "card_maps.js.jinja", maps, ctx.markup(maps), layers=layers) if layers else None
    return ArticleOutput(body, script)


def _highlights(notes: Notes) -> list[tuple[str, str]]:
    """The reading controls' choices: every kind the page has, and statements if it has any."""
    present = {ref.split("/", 1)[0] for ref, statement in notes if statement is None}
    if any(statement is not None for _, statement in notes):
        present.add("statements")
    if not present:
        return []
    return [(kind, label) for kind, label in HIGHLIGHTS if kind == "all" or kind in present]


class _Builder:
    """Paragraph trees and cards for one article page."""

    def __init__(self, ctx: Context, page: str, notes: Notes) -> None:
        self.ctx = ctx
        self.page = page
        self.notes = notes

    def paragraph(self, article: Article, number: int) -> list[Token]:
        """Paragraph `number` as text and spans, nested as the anchoring nested them (outer spans first)."""
        text = article.paragraphs[number - 1]
        tokens: list[Token] = []
        open_spans: list[tuple[Span, Mention | Quote]] = []
        cursor = 0

        def close_until(position: int) -> None:
            nonlocal cursor
            while open_spans and open_spans[-1][0].end <= position:
                span, piece = open_spans.pop()
                if cursor < span.end:
                    tokens.append(("text", text[cursor : span.end]))
                cursor = span.end
                tokens.append(("close", piece))

        for span in self.ctx.anchoring.spans.get((article.id, number), []):
            close_until(span.start)
            if cursor < span.start:
                tokens.append(("text", text[cursor : span.start]))
            cursor = span.start
            piece = self._piece(span)
            tokens.append(("open", piece))
            open_spans.append((span, piece))
        close_until(len(text) + 1)
        if cursor < len(text):
            tokens.append(("text", text[cursor:]))
        return tokens

    def _piece(self, span: Span) -> Mention | Quote:
        entry = self.ctx.by_ref[span.ref]
        if span.statement is None:
            return Mention(
                entry.kind.name,
                span.ref,
                relative(self.page, entry_page(span.ref)),
                card_id(span.ref),
                self.notes[(span.ref, None)],
            )
        assert isinstance(entry.data, Source)
        return Quote(
            entry.data.type,
            span.ref,
            span.statement + 1,
            relative(self.page, f"{entry.kind.name}.md#{statement_anchor(entry.id, span.statement)}"),
            card_id(span.ref, span.statement),
            self.notes[(span.ref, span.statement)],
            f"Who said this: {entry.label}",
        )

    def card(self, entry: AnyEntry, statement: int | None, note: int) -> Card:
        """The card of an entry, or of one of a source's statements."""
        data = entry.data
        roles: tuple[str, ...] = ()
        if isinstance(data, Source):
            roles = tuple(filter(None, [" — ".join(filter(None, [data.role, data.affiliation]))]))
            if data.anonymity:
                roles += (f"Unnamed because: {data.anonymity}",)
        if statement is None:
            label = SOURCE_TYPES[data.type] if isinstance(data, Source) else entry.kind.singular.capitalize()
            return Card(
                card_id(entry.ref),
                entry.kind.name,
                note,
                label,
                entry.label,
                roles,
                entry.text,
                inset(self.ctx, self.page, entry) if isinstance(data, Place) else None,
                relative(self.page, entry_page(entry.ref)),
                MORE.get(entry.kind.name, "Full entry"),
            )
        assert isinstance(data, Source)
        spec = data.statements[statement]
        how = (STATEMENT_KINDS[spec.kind] if spec.kind else "statement").capitalize()
        return Card(
            card_id(entry.ref, statement),
            entry.kind.name,
            note,
            f"{how} · {SOURCE_TYPES[data.type]}",
            entry.label,
            roles,
            spec.note,
            None,
            relative(self.page, f"sources.md#{statement_anchor(entry.id, statement)}"),
            "How the article sourced this",
        )
