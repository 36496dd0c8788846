"""The cards an article's spans open, the cards their texts link to, and the short notes printed in their place.

Cards are not written into the article page: they come in a script of their own (`templates/cards.js.jinja`),
loaded when a reader first reaches for one, with the drawings their small maps share. The page keeps a compact
list of notes, one per numbered span, for print and for the margin notes.

A card's text links the other entries it names (see `anchoring.crosslinks`): the first mention of each, never the
card's own entry. Those links open the linked entry's card on top of the first, so every card reachable from the
article's within `MAX_DEPTH` steps is in the script.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Literal

import msgspec
from markupsafe import Markup as Html

from annotated_reading.anchoring.crosslinks import CrossLinker
from annotated_reading.model.kinds import STATEMENT_KINDS
from annotated_reading.model.records import Hindsight, Markdown, Place, Source
from annotated_reading.model.verdicts import VERDICTS, Verdict, hindsight_of
from annotated_reading.pictures.maps import InsetLayer, InsetView, inset, inset_layers
from annotated_reading.rendering.context import AnyEntry, Context, EntryLinks
from annotated_reading.rendering.links import claim_anchor, entry_page, relative, statement_anchor

MORE = {
    "glossary": "Full definition",
    "groups": "Full profile",
    "sources": "All statements",
    "figures": "Other estimates",
}
"""What a card's link to the full entry says, by kind ("Full entry" for the others)."""
SOURCE_TYPES = {
    "named": "Named source",
    "anonymous": "Anonymous source",
    "unattributed": "Unattributed",
    "document": "Document",
}
MAX_DEPTH = 3
"""How many cards a reader can stack: the article's, and two more opened from card texts."""
GLOSS_LENGTH = 80
"""Under two printed lines in a column of notes, with the title."""


def card_id(ref: str, statement: int | None = None) -> str:
    """The element id of an entry's (or a statement's) card."""
    base = "card-" + ref.replace("/", "-")
    return base if statement is None else f"{base}-s{statement + 1}"


class CardLink(msgspec.Struct, frozen=True):
    """A name in a card's text that links to its entry and opens that entry's card."""

    text: str
    href: str
    ref: str


Piece = tuple[Literal["markup"], Html] | tuple[Literal["text"], str] | tuple[Literal["link"], CardLink]
"""A card text read in order: sanitized tags, plain text, and links to other cards."""


class CardVerdict(msgspec.Struct, frozen=True):
    """How a card's claim held up: the verdict, its date, the start of its explanation, the link to the rest."""

    verdict: Verdict
    as_of: str
    text: Html
    href: str


class Card(msgspec.Struct, frozen=True):
    """What a span opens: an entry's (or a statement's) short text, with a link to the full entry."""

    id: str
    kind: str
    label: str
    """What it is: "Term", "Named source", "Direct quote · Named source"..."""
    title: str
    roles: tuple[str, ...]
    """A source's role and affiliation, and why it is unnamed (for sources and statements)."""
    text: tuple[Piece, ...]
    """The first paragraph of the entry's Markdown, sanitized, with the entries it names linked."""
    inset: InsetView | None
    more: str
    more_text: str
    links: EntryLinks | None = None
    """Edit the entry's file, report a problem with it (where the repository is known)."""
    verdict: CardVerdict | None = None


class Note(msgspec.Struct, frozen=True):
    """A numbered span's short note: what prints at the end of the article, and what a margin note says."""

    title: str
    gloss: str
    """A line or two: the start of the card's text, or for a statement the speaker's role."""
    verdict: Verdict | None = None
    as_of: str | None = None
    """How the claim held up, and as of when (claims with a verdict only)."""


class Deck(msgspec.Struct, frozen=True):
    """An article's cards, in note order and then the cards only reachable from other cards, and their maps."""

    cards: tuple[Card, ...]
    layers: tuple[InsetLayer, ...]


Key = tuple[str, int | None]
"""(entry ref, statement index or None): what a card is of."""


class CardMaker:
    """Cards for one page; each card is made once."""

    def __init__(self, ctx: Context, page: str, linker: CrossLinker, held_up: str | None = None) -> None:
        """Cards whose links are relative to `page` (the page they open on).

        `held_up` is the "How it held up" page of the page's article, if it has one: claims' cards link to it.
        """
        self.ctx = ctx
        self.page = page
        self.linker = linker
        self.held_up = held_up
        self._cards: dict[Key, Card] = {}

    def deck(self, keys: list[Key]) -> Deck:
        """The cards of `keys`, then those their texts link to, breadth first, up to `MAX_DEPTH` cards deep."""
        order = list(dict.fromkeys(keys))
        level = order
        for _ in range(MAX_DEPTH - 1):
            linked = [(piece[1].ref, None) for key in level for piece in self.card(key).text if piece[0] == "link"]
            level = [key for key in dict.fromkeys(linked) if key not in order]
            order += level
        cards = tuple(self.card(key) for key in order)
        entries = (self.ctx.by_ref[ref] for ref, statement in order if statement is None)
        return Deck(cards, tuple(inset_layers(self.ctx, entries)))

    def note(self, key: Key) -> Note:
        """The short note of a numbered span: the start of the card's text, else who the source is."""
        card = self.card(key)
        said = card.roles[0] if card.roles else card.label
        held = self._hindsight(*key)
        verdict = VERDICTS[held.verdict] if held else None
        as_of = held.as_of if held else None
        if key[1] is not None:
            return Note(card.title, said, verdict, as_of)
        return Note(card.title, gloss(plain(card.text)) or said, verdict, as_of)

    def _hindsight(self, ref: str, statement: int | None) -> Hindsight | None:
        """A claim's verdict, where the page's article has a "How it held up" page to show it on."""
        return hindsight_of(self.ctx.by_ref[ref].data, statement) if self.held_up else None

    def _verdict(self, entry: AnyEntry, statement: int | None) -> CardVerdict | None:
        held = self._hindsight(entry.ref, statement)
        if held is None or self.held_up is None:
            return None
        href = relative(self.page, f"{self.held_up}#{claim_anchor(entry.id, statement)}")
        text = Html(self.ctx.markup(self.page).first_paragraph(held.explanation))
        return CardVerdict(VERDICTS[held.verdict], held.as_of, text, href)

    def card(self, key: Key) -> Card:
        """The card of an entry, or of one of a source's statements."""
        if key not in self._cards:
            self._cards[key] = self._make(*key)
        return self._cards[key]

    def _make(self, ref: str, statement: int | None) -> Card:
        entry = self.ctx.by_ref[ref]
        data = entry.data
        roles: tuple[str, ...] = ()
        if isinstance(data, Source):
            roles = tuple(filter(None, [" — ".join(filter(None, [data.role, data.affiliation]))]))
            if data.anonymity:
                roles += (f"Unnamed because: {data.anonymity}",)
        if statement is None:
            label = SOURCE_TYPES[data.type] if isinstance(data, Source) else entry.kind.singular.capitalize()
            return Card(
                card_id(ref),
                entry.kind.name,
                label,
                entry.label,
                roles,
                self._text(entry, entry.text),
                inset(self.ctx, self.page, entry) if isinstance(data, Place) else None,
                relative(self.page, entry_page(ref)),
                MORE.get(entry.kind.name, "Full entry"),
                self.ctx.contribute(entry),
                self._verdict(entry, None),
            )
        assert isinstance(data, Source)
        spec = data.statements[statement]
        how = (STATEMENT_KINDS[spec.kind] if spec.kind else "statement").capitalize()
        return Card(
            card_id(ref, statement),
            entry.kind.name,
            f"{how} · {SOURCE_TYPES[data.type]}",
            entry.label,
            roles,
            self._text(entry, spec.note),
            None,
            relative(self.page, f"sources.md#{statement_anchor(entry.id, statement)}"),
            "How the article sourced this",
            self.ctx.contribute(entry),
            self._verdict(entry, statement),
        )

    def _text(self, entry: AnyEntry, source: Markdown | None) -> tuple[Piece, ...]:
        if not source:
            return ()
        reader = _Pieces()
        reader.feed(self.ctx.markup(self.page).first_paragraph(source))
        reader.close()
        pieces: list[Piece] = []
        seen = {entry.ref}
        for piece, linkable in reader.pieces:
            if piece[0] != "text" or not linkable:
                pieces.append(piece)
                continue
            text = piece[1]
            cursor = 0
            for found in self.linker.find(text):
                if found.ref in seen:
                    continue
                seen.add(found.ref)
                if cursor < found.start:
                    pieces.append(("text", text[cursor : found.start]))
                href = relative(self.page, entry_page(found.ref))
                pieces.append(("link", CardLink(text[found.start : found.end], href, found.ref)))
                cursor = found.end
            if cursor < len(text):
                pieces.append(("text", text[cursor:]))
        return tuple(pieces)


class _Pieces(HTMLParser):
    """Sanitized HTML split into tags (kept as they are) and text, each text marked linkable or not."""

    _UNLINKED = frozenset({"a", "code"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[Piece, bool]] = []
        self._inside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(self.get_starttag_text() or "")
        if tag in self._UNLINKED:
            self._inside.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self._inside and self._inside[-1] == tag:
            self._inside.pop()
        self.pieces.append((("markup", Html("</{}>").format(tag)), False))

    def handle_data(self, data: str) -> None:
        self.pieces.append((("text", data), not self._inside))

    def _tag(self, raw: str) -> None:
        # The sanitizer wrote this tag: its attributes are already safe and escaped.
        self.pieces.append((("markup", Html(raw)), False))


def plain(pieces: tuple[Piece, ...]) -> str:
    """A card text's words, without its tags."""
    return "".join(p[1].text if p[0] == "link" else p[1] for p in pieces if p[0] != "markup")


def gloss(text: str, limit: int = GLOSS_LENGTH) -> str:
    """The start of a text, a line or two long: its first sentence if that is short enough, else cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    end = text.find(". ", limit // 3, limit)
    if end > 0:
        return text[: end + 1]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:—– ") + "…"
