"""The contents of annotation files and `article.yml`, as typed, immutable records.

One record type per schema in `schemas/`, field for field: a file that passes its JSON Schema converts to its
record (`msgspec.convert`), and the renderers read attributes, never string keys. The schemas stay the
published contract (editors autocomplete from them, and `make check` explains what breaks them); a test holds
these records to the schemas, so that a field added to one is added to the other.
"""

from __future__ import annotations

from typing import Literal, NewType

import msgspec

Markdown = NewType("Markdown", str)
"""Contributor Markdown: rendered and sanitized (`rendering.markup`), never printed as it is."""

Date = NewType("Date", str)
"""`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the annotation gives it."""

Ref = NewType("Ref", str)
"""Another entry, as `<kind>/<id>`, e.g. `groups/jnim`."""


class Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A part of an annotation file. Fields named `from` in YAML are `start` here (`from` is a keyword).

    Every record class repeats these class options: msgspec and type checkers do not carry them over to subclasses.
    """


# --- Shared parts ---------------------------------------------------------------------------------------------


class Via(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Where a cited text was read, when that was a copy of the original."""

    title: str
    publisher: str
    url: str
    date: Date | None = None
    original_unavailable: bool = False
    """No page of the original publisher could be found: the citation points at this copy too."""


class Citation(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A published source that supports the text it is attached to: a page, or the annotated article itself."""

    title: str
    publisher: str
    date: Date
    url: str | None = None
    """The original publisher's page; None when the source is `article`."""
    article: str | None = None
    """The id of the article annotated here, when that is the source (its original address being unknown)."""
    note: str | None = None
    via: Via | None = None


class DatedNote(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A dated, cited piece of text: a timeline event, a later development, a founding."""

    date: Date
    text: Markdown
    sources: tuple[Citation, ...]


VerdictId = Literal["borne-out", "partly-borne-out", "not-borne-out", "overtaken", "too-early", "not-checkable"]
"""A verdict of the hindsight scale; `model.verdicts` gives each its name and meaning."""


class Hindsight(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How a claim of the article held up: a verdict as of a date, explained and cited."""

    verdict: VerdictId
    as_of: Date
    explanation: Markdown
    sources: tuple[Citation, ...] = ()
    """Published after the article; empty only for a claim that is not checkable."""


class Point(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A point in decimal degrees (WGS 84)."""

    lat: float
    lon: float


class EntryFields(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What every kind of entry may have."""

    sources: tuple[Citation, ...]
    match: tuple[str, ...] | None = None
    """The surface forms to find in the article; None: the entry's label."""
    case_sensitive: bool = True
    reference_only: bool = False
    """Not in the article: reached through `see_also` links only."""
    see_also: tuple[Ref, ...] = ()
    since_publication: tuple[DatedNote, ...] = ()

    @property
    def label(self) -> str:
        """The entry's display name, and its default match form."""
        raise NotImplementedError

    @property
    def text(self) -> Markdown | None:
        """The Markdown whose first paragraph is the card text."""
        raise NotImplementedError


# --- The kinds ------------------------------------------------------------------------------------------------


class Term(EntryFields, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A glossary term (`annotations/glossary/<id>.yml`)."""

    term: str
    definition: Markdown
    category: Literal["jihadist", "military", "diplomatic", "political", "geographic", "general"] | None = None
    wikidata: str | None = None

    @property
    def label(self) -> str:
        """The term."""
        return self.term

    @property
    def text(self) -> Markdown:
        """The definition."""
        return self.definition


class Leader(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A leader of a group, with the dates of their leadership."""

    name: str
    sources: tuple[Citation, ...]
    role: str | None = None
    start: Date | None = msgspec.field(default=None, name="from")
    to: Date | None = None
    note: Markdown | None = None
    fate: str | None = None
    """What became of them: killed, detained, still in post."""


class Allegiance(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Whom a group has pledged allegiance to: another entry (`groups/<id>`) or a name."""

    to: str
    sources: tuple[Citation, ...]
    start: Date | None = msgspec.field(default=None, name="from")
    until: Date | None = None
    note: Markdown | None = None


class Strength(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A dated estimate of a group's size."""

    date: Date
    estimate: str
    sources: tuple[Citation, ...]
    low: int | None = None
    high: int | None = None
    """The estimate's bounds as numbers of fighters, where it gives them."""
    note: Markdown | None = None


RelationType = Literal["cooperation", "rivalry", "fighting", "merged-into", "split-from", "affiliate-of", "parent-of"]


class Relation(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """How a group relates to another group."""

    with_: Ref = msgspec.field(name="with")
    type: RelationType
    text: Markdown
    sources: tuple[Citation, ...]
    start: Date | None = msgspec.field(default=None, name="from")
    until: Date | None = None


class Alias(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Another name of a group, in its language."""

    name: str
    language: str
    """A BCP 47 tag: `en`, `fr`, `ar-Latn`."""
    note: str | None = None


class Area(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Where a group operates: a place entry, narrowed by a detail."""

    place: Ref
    detail: str | None = None


class Designation(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A listing of a group as a terrorist organisation."""

    by: str
    list: str
    date: Date
    sources: tuple[Citation, ...]
    reference: str | None = None
    note: str | None = None


class Group(EntryFields, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An armed group or organisation (`annotations/groups/<id>.yml`)."""

    name: str
    summary: Markdown
    full_name: str | None = None
    aliases: tuple[Alias, ...] = ()
    type: str | None = None
    ideology: str | None = None
    founded: DatedNote | None = None
    founders: tuple[str, ...] = ()
    """Entries (`people/<id>`, `groups/<id>`) or names."""
    leaders: tuple[Leader, ...] = ()
    allegiance: tuple[Allegiance, ...] = ()
    strength: tuple[Strength, ...] = ()
    areas: tuple[Area, ...] = ()
    timeline: tuple[DatedNote, ...] = ()
    relations: tuple[Relation, ...] = ()
    designations: tuple[Designation, ...] = ()
    last_reviewed: Date | None = None
    """When the whole profile was last checked against recent sources."""
    wikidata: str | None = None

    @property
    def label(self) -> str:
        """The name the article uses."""
        return self.name

    @property
    def text(self) -> Markdown:
        """The summary."""
        return self.summary


SourceType = Literal["named", "anonymous", "unattributed", "document"]
StatementKind = Literal["direct", "paraphrase", "claim"]


class Statement(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Words of the article attributed to a source."""

    quote: str
    """The exact words of the article (straight and curly quotes both match)."""
    kind: StatementKind | None = None
    prefix: str | None = None
    suffix: str | None = None
    occurrence: int | None = None
    note: Markdown | None = None
    article: str | None = None
    """The article it belongs to, where the same words occur in two."""
    hindsight: Hindsight | None = None


class Source(EntryFields, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Who the article quotes or draws on (`annotations/sources/<id>.yml`)."""

    name: str
    type: SourceType
    statements: tuple[Statement, ...]
    role: str | None = None
    affiliation: str | None = None
    description: Markdown | None = None
    anonymity: str | None = None
    wikidata: str | None = None

    @property
    def label(self) -> str:
        """The speaker as the article describes them."""
        return self.name

    @property
    def text(self) -> Markdown | None:
        """The description, if any."""
        return self.description


class Role(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A position a person held."""

    role: str
    sources: tuple[Citation, ...]
    start: Date | None = msgspec.field(default=None, name="from")
    to: Date | None = None
    note: Markdown | None = None


class Person(EntryFields, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A person the article mentions (`annotations/people/<id>.yml`)."""

    name: str
    summary: Markdown
    role_at_publication: str | None = None
    born: Date | None = None
    died: Date | None = None
    roles: tuple[Role, ...] = ()
    wikidata: str | None = None

    @property
    def label(self) -> str:
        """The person's name."""
        return self.name

    @property
    def text(self) -> Markdown:
        """The summary."""
        return self.summary


PlaceType = Literal["country", "city", "region", "border-area", "site", "continent"]


class Place(EntryFields, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A place the article mentions (`annotations/places/<id>.yml`)."""

    name: str
    type: PlaceType
    description: Markdown
    coordinates: Point | None = None
    outline: tuple[Point, ...] = ()
    """For a region or border area: a rough outline, in order."""
    wikidata: str | None = None

    @property
    def label(self) -> str:
        """The place's name."""
        return self.name

    @property
    def text(self) -> Markdown:
        """The description."""
        return self.description


class Estimate(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Another dated, cited estimate of what a figure counts."""

    date: Date
    value: str
    sources: tuple[Citation, ...]
    note: Markdown | None = None


class Figure(EntryFields, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A number the article gives (`annotations/figures/<id>.yml`)."""

    figure: str
    note: Markdown
    estimates: tuple[Estimate, ...] = ()
    hindsight: Hindsight | None = None

    @property
    def label(self) -> str:
        """The number as the article gives it."""
        return self.figure

    @property
    def text(self) -> Markdown:
        """The note."""
        return self.note


# --- Articles -------------------------------------------------------------------------------------------------


class FirstPublication(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Where and when the article first ran."""

    publisher: str
    date: Date
    headline: str | None = None


class Edition(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What is known of one outlet's version of an article, and the copies that show it."""

    publisher: str
    seen_in: tuple[Via, ...]
    headline: str | None = None
    date: Date | None = None
    by_date: Date | None = None
    """When only a day by which it had appeared is known."""
    byline: str | None = None
    url: str | None = None
    note: Markdown | None = None


class ArticleMeta(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An article's provenance (`articles/<id>/article.yml`)."""

    title: str
    publisher: str
    first_published: FirstPublication
    credit: str
    text: str
    """The text file beside article.yml."""
    url: str | None = None
    summary: Markdown | None = None
    """What the article says, in one or two sentences."""
    why_it_matters: Markdown | None = None
    """Why it still matters, from what happened after it was published."""
    title_note: Markdown | None = None
    """Where the title of the text comes from, where it is not an outlet's headline."""
    editions: tuple[Edition, ...] = ()


# --- Project policy -------------------------------------------------------------------------------------------


class HostRule(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A host whose pages are copies, gatherings or summaries of others' work, or encyclopedia articles."""

    host: str
    why: str


class CitationPolicy(Record, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What the project accepts as a source (`citation-policy.yml`)."""

    unaccepted: tuple[HostRule, ...]
