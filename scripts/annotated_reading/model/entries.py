"""What the later stages work on: entries (a checked annotation file each) and articles."""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

from annotated_reading.model.kinds import Kind
from annotated_reading.model.records import ArticleMeta, EntryFields, Markdown, Source, Statement
from annotated_reading.reading.documents import Document, Pointer

D = TypeVar("D", bound=EntryFields, covariant=True)


class Entry(msgspec.Struct, Generic[D], frozen=True, eq=False):
    """One annotation file after checking: its kind, id and record, and where each value stands in the file."""

    kind: Kind
    id: str
    data: D
    doc: Document
    """The file as read, for the positions of problems found after checking."""

    @property
    def ref(self) -> str:
        """`<kind>/<id>`, the value of `data-annotation`."""
        return f"{self.kind.name}/{self.id}"

    @property
    def path(self) -> str:
        """The file, as problems name it."""
        return self.doc.path

    @property
    def label(self) -> str:
        """The entry's display name."""
        return self.data.label

    @property
    def text(self) -> Markdown | None:
        """The Markdown whose first paragraph is the card text."""
        return self.data.text

    @property
    def match_forms(self) -> tuple[str, ...]:
        """The surface forms to find in the article."""
        return self.data.match or (self.label,)

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Attributed statements (sources only)."""
        return self.data.statements if isinstance(self.data, Source) else ()

    def form_pointer(self, index: int) -> Pointer:
        """Where match form `index` is written: the `match` list, or the label field it defaults to."""
        return ("match", index) if self.data.match is not None else (self.kind.label_field,)


class Article(msgspec.Struct, frozen=True):
    """An article's text and provenance. Paragraphs are exactly the text file's lines, unaltered."""

    id: str
    meta: ArticleMeta
    paragraphs: tuple[str, ...]
    path: str
    """The text file, relative to the project root."""

    @property
    def title(self) -> str:
        """The headline as republished."""
        return self.meta.title

    @property
    def credit(self) -> str:
        """The credit line."""
        return self.meta.credit

    @property
    def rights(self) -> str:
        """Whose the text is and on what terms it is shown, in a line (plain text): the article page's footer."""
        first, publisher = self.meta.first_published.publisher, self.meta.publisher
        owner = first if first == publisher else f"{first}, as republished by {publisher}"
        return (
            f"Article text © {owner}; reproduced unaltered for commentary. Annotations by the project's contributors."
        )
