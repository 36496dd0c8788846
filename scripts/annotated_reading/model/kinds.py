"""The kinds of annotation: one folder, schema, record type and reference page layout each."""

from __future__ import annotations

import msgspec

from annotated_reading.model.records import EntryFields, Figure, Group, Person, Place, Source, StatementKind, Term


class Kind(msgspec.Struct, frozen=True):
    """A kind of annotation: one folder of `annotations/`, one JSON Schema, one record type, one reference page."""

    name: str
    """Folder name and the first half of `data-annotation`, e.g. `groups`."""
    singular: str
    """How a reader names one entry, e.g. `group`."""
    record: type[EntryFields]
    """What a file of this kind converts to."""
    label_field: str
    """The field that names the entry (and is its default match form), for positions in messages."""
    title: str
    """The reference page's title, e.g. `Glossary`."""
    one_page: bool
    """True: all entries on one page (`glossary.md#<id>`); false: a page each (`groups/<id>.md`)."""


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("glossary", "term", Term, "term", "Glossary", one_page=True),
        Kind("groups", "group", Group, "name", "Groups", one_page=False),
        Kind("sources", "source", Source, "name", "Sources", one_page=True),
        Kind("people", "person", Person, "name", "People", one_page=True),
        Kind("places", "place", Place, "name", "Places", one_page=True),
        Kind("figures", "figure", Figure, "figure", "Figures", one_page=True),
    )
}


STATEMENT_KINDS: dict[StatementKind, str] = {
    "direct": "direct quote",
    "paraphrase": "paraphrase",
    "claim": "attributed claim",
}
"""How a statement's `kind` reads in a sentence."""
