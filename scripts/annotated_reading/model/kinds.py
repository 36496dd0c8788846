"""The records the engine passes between stages: kinds, entries, articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from annotated_reading.reading.yaml_reader import Document


@dataclass(frozen=True)
class Kind:
    """A kind of annotation: one folder of `annotations/`, one JSON Schema, one reference page layout."""

    name: str
    """Folder name and the first half of `data-annotation`, e.g. `groups`."""
    singular: str
    """How a reader names one entry, e.g. `group`."""
    label_field: str
    """The field that names the entry, and the default match form."""
    text_field: str
    """The Markdown field whose first paragraph is the card text."""
    title: str
    """The reference page's title, e.g. `Glossary`."""
    one_page: bool
    """True: all entries on one page (`glossary.md#<id>`); false: a page each (`groups/<id>.md`)."""


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("glossary", "term", "term", "definition", "Glossary", one_page=True),
        Kind("groups", "group", "name", "summary", "Groups", one_page=False),
        Kind("sources", "source", "name", "description", "Sources", one_page=True),
        Kind("people", "person", "name", "summary", "People", one_page=True),
        Kind("places", "place", "name", "description", "Places", one_page=True),
        Kind("figures", "figure", "figure", "note", "Figures", one_page=True),
    )
}


STATEMENT_KINDS = {"direct": "direct quote", "paraphrase": "paraphrase", "claim": "attributed claim"}
"""How a statement's `kind` reads in a sentence."""


@dataclass(eq=False)
class Entry:
    """One annotation file after loading: its kind, id, data and positions.

    An entry does not change once loaded, so what the renderers ask of it thousands of times per build (its
    data, reference and label) is worked out once.
    """

    kind: Kind
    id: str
    doc: Document

    @cached_property
    def data(self) -> dict[str, Any]:
        """The file's contents (a mapping, once validated)."""
        return self.doc.data

    @cached_property
    def ref(self) -> str:
        """`<kind>/<id>`, the value of `data-annotation`."""
        return f"{self.kind.name}/{self.id}"

    @cached_property
    def label(self) -> str:
        """The entry's display name."""
        return str(self.data[self.kind.label_field])

    @property
    def explicit_match(self) -> bool:
        """Whether the contributor listed match forms (then each must be found)."""
        return "match" in self.data

    @property
    def match_forms(self) -> list[str]:
        """The surface forms to find in the article."""
        return list(self.data.get("match") or [self.label])

    @property
    def case_sensitive(self) -> bool:
        """Whether forms must match letter case exactly."""
        return bool(self.data.get("case_sensitive", True))

    @property
    def statements(self) -> list[dict[str, Any]]:
        """Attributed statements (sources only)."""
        return list(self.data.get("statements") or [])


@dataclass
class Article:
    """An article's text and provenance. Paragraphs are exactly the source lines, unaltered."""

    id: str
    title: str
    paragraphs: list[str]
    credit: str
    meta: dict[str, Any]
    path: str
    """The text file, relative to the project root."""
    first_line: int = 2
    """The file line of paragraph 1 (the title is line 1)."""
    extra: dict[str, Any] = field(default_factory=dict)

    def paragraph_line(self, number: int) -> int:
        """File line of paragraph `number` (1-based)."""
        return self.first_line + number - 1
