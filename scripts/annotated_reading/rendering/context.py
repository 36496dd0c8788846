"""Everything the renderers need, gathered once per build: articles, entries, where they were found, the base map."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar, cast

from jinja2 import Environment

from annotated_reading.anchoring.anchor import Anchoring, Span
from annotated_reading.model.entries import Article, Entry
from annotated_reading.model.kinds import KINDS
from annotated_reading.model.records import EntryFields
from annotated_reading.pictures.geo import BaseMap
from annotated_reading.rendering.links import entry_page, relative
from annotated_reading.rendering.markup import Markup
from annotated_reading.rendering.templates import environment

R = TypeVar("R", bound=EntryFields)
AnyEntry = Entry[EntryFields]


@dataclass
class Context:
    """Articles, entries and where they were anchored."""

    articles: Sequence[Article]
    entries: Sequence[AnyEntry]
    anchoring: Anchoring
    basemap: BaseMap | None = None
    """Country shapes for the maps (None: the maps show places on a plain ground)."""
    templates: Environment = field(default_factory=environment)
    """Where the pages' templates come from (see `rendering.templates`)."""
    by_ref: dict[str, AnyEntry] = field(init=False)
    _markups: dict[str, Markup] = field(init=False, default_factory=dict)
    _by_kind: dict[str, list[AnyEntry]] = field(init=False, default_factory=dict)
    _by_article: dict[str, Article] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_ref = {e.ref: e for e in self.entries}
        self._by_article = {a.id: a for a in self.articles}
        for kind in KINDS:
            chosen = (e for e in self.entries if e.kind.name == kind)
            self._by_kind[kind] = sorted(chosen, key=lambda e: (e.label.casefold(), e.id))

    def markup(self, page: str) -> Markup:
        """A Markdown renderer whose entry links are relative to `page`.

        Links relative to a page are the same from every page of its folder, so the pages of a folder share
        one renderer (and what it has already sanitized).
        """
        folder = posixpath.dirname(page)
        if folder not in self._markups:
            here = posixpath.join(folder, "index.md")
            self._markups[folder] = Markup(lambda ref: relative(here, entry_page(ref)) if ref in self.by_ref else None)
        return self._markups[folder]

    def of_kind(self, kind: str) -> list[AnyEntry]:
        """Entries of one kind, sorted by label (case- and accent-insensitive enough for A-Z)."""
        return list(self._by_kind[kind])

    def entries_of(self, record: type[R]) -> list[Entry[R]]:
        """The entries whose files hold this record type (`Group`...), sorted by label."""
        kind = next(k for k in KINDS.values() if k.record is record)
        return cast("list[Entry[R]]", self.of_kind(kind.name))

    def spans(self, ref: str) -> list[Span]:
        """All places an entry occurs, in reading order."""
        return self.anchoring.by_ref.get(ref, [])

    def article(self, article_id: str) -> Article:
        """The article with this id."""
        return self._by_article[article_id]
