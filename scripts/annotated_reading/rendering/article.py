"""The annotated article page: numbered paragraphs with nested annotation spans, their notes, and their cards.

This module turns the anchoring into what `templates/article.html.jinja` prints: each paragraph as a tree of
text and annotated spans, and one short note per numbered span; and into the script with the cards those spans
open (`rendering.cards`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

import msgspec

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.entries import Article
from annotated_reading.model.records import Source
from annotated_reading.rendering.cards import CardMaker, Key, Note
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.hindsight import claims
from annotated_reading.rendering.links import (
    article_page,
    cards_path,
    entry_page,
    held_up_page,
    relative,
    statement_anchor,
)
from annotated_reading.rendering.templates import render

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


class Mention(msgspec.Struct, frozen=True):
    """A span of the text that mentions an entry: a link to it that opens its card."""

    kind: str
    ref: str
    href: str
    note: int
    """The note's number, in order of first appearance (print endnotes); its card is `cards.card_id(ref)`."""
    is_quote: ClassVar[bool] = False


class Quote(msgspec.Struct, frozen=True):
    """A span of the text attributed to a source, and the mark after it that opens the statement's card."""

    source_type: str
    ref: str
    statement: int
    """1-based."""
    href: str
    note: int
    label: str
    """The mark's accessible name: "Who said this: <source>"."""
    is_quote: ClassVar[bool] = True


Token = tuple[Literal["text"], str] | tuple[Literal["open", "close"], Mention | Quote]
"""A paragraph read in order: its text, and where each span opens and closes (spans nest, outer ones first)."""


Notes = dict[Key, int]
"""(ref, statement) -> note number, in order of first appearance (print endnotes)."""


class ArticleOutput(msgspec.Struct, frozen=True):
    """An article page's body, and the script with its cards."""

    body: str
    cards: str | None
    """None if the article has no annotations. Kept out of the page, which loads it when a reader first reaches
    for a card: most readers open a few cards, and the page's weight is its first screen's speed."""


def render_article(ctx: Context, article: Article) -> ArticleOutput:
    """An article page: provenance, reading controls, the annotated text and its notes; its cards' script."""
    page = article_page(article.id)
    notes: Notes = {}
    for number in range(1, len(article.paragraphs) + 1):
        for span in ctx.anchoring.spans.get((article.id, number), []):
            notes.setdefault((span.ref, span.statement), len(notes) + 1)
    builder = _Builder(ctx, page, notes)
    paragraphs = [builder.paragraph(article, n) for n in range(1, len(article.paragraphs) + 1)]
    held_up = held_up_page(article.id) if claims(ctx, article) else None
    maker = CardMaker(ctx, page, ctx.crosslinker, held_up)
    printed: list[Note] = [maker.note(key) for key in notes]
    script = cards_path(article.id)
    body = render(
        ctx.templates,
        "article.html.jinja",
        page,
        ctx.markup(page),
        article=article,
        highlights=_highlights(notes),
        paragraphs=paragraphs,
        notes=printed,
        cards=relative(page, script) if notes else None,
        held_up=relative(page, held_up) if held_up else None,
    )
    if not notes:
        return ArticleOutput(body, None)
    deck = maker.deck(list(notes))
    return ArticleOutput(body, render(ctx.templates, "cards.js.jinja", script, ctx.markup(script), deck=deck))


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
                self.notes[(span.ref, None)],
            )
        assert isinstance(entry.data, Source)
        return Quote(
            entry.data.type,
            span.ref,
            span.statement + 1,
            relative(self.page, f"{entry.kind.name}.md#{statement_anchor(entry.id, span.statement)}"),
            self.notes[(span.ref, span.statement)],
            f"Who said this: {entry.label}",
        )
