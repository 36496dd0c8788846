"""Everything the renderers need, gathered once per build: articles, entries, where they were found, the base map."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Sequence
from typing import TypeVar, cast

import msgspec
from jinja2 import Environment

from annotated_reading.anchoring.anchor import Anchoring, Span
from annotated_reading.anchoring.crosslinks import CrossLinker
from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.model.entries import Article, Entry
from annotated_reading.model.kinds import KINDS
from annotated_reading.model.records import EntryFields
from annotated_reading.pictures.geo import BaseMap
from annotated_reading.rendering.links import entry_page, relative, site_path
from annotated_reading.rendering.markup import Markup
from annotated_reading.rendering.templates import environment
from annotated_reading.repository import Repository

R = TypeVar("R", bound=EntryFields)
AnyEntry = Entry[EntryFields]


class EntryLinks(msgspec.Struct, frozen=True):
    """An entry's ways in for readers: its file in the host's editor, and the correction form about it."""

    edit: str
    report: str


class Context:
    """Articles, entries and where they were anchored."""

    def __init__(
        self,
        articles: Sequence[Article],
        entries: Sequence[AnyEntry],
        anchoring: Anchoring,
        basemap: BaseMap | None = None,
        templates: Environment | None = None,
        schemas: SchemaSet | None = None,
    ) -> None:
        """Gather what the renderers look up: entries by reference and kind, articles by id, spans by article.

        Arguments:
            articles: the articles, in order.
            entries: every entry.
            anchoring: where the entries and statements were found.
            basemap: country shapes for the maps (None: the maps show places on a plain ground).
            templates: where the pages' templates come from (see `rendering.templates`); by default, a new one.
            schemas: the project's JSON Schemas, for the field reference (None: it lists no kinds).
        """
        self.articles = articles
        self.entries = entries
        self.anchoring = anchoring
        self.basemap = basemap
        self.templates = templates if templates is not None else environment()
        self.schemas = schemas
        self.by_ref: dict[str, AnyEntry] = {e.ref: e for e in entries}
        self.site_url = ""
        """The published site's address, ending in `/`, where known (set by `pipeline.build_site`)."""
        self.repository: Repository | None = None
        """Where the project's files are kept online, for edit and report links (set by `pipeline.build_site`)."""
        self._markups: dict[str, Markup] = {}
        self._by_article = {a.id: a for a in articles}
        self._by_kind: dict[str, list[AnyEntry]] = {}
        for kind in KINDS:
            chosen = (e for e in entries if e.kind.name == kind)
            self._by_kind[kind] = sorted(chosen, key=lambda e: (e.label.casefold(), e.id))
        self._in_article: dict[str, list[Span]] = {}
        for (article_id, _), spans in anchoring.spans.items():
            self._in_article.setdefault(article_id, []).extend(spans)

    @functools.cached_property
    def crosslinker(self) -> CrossLinker:
        """Finds the entries a card's text names (built on first use, once per build)."""
        return CrossLinker(self.entries)

    def contribute(self, entry: AnyEntry) -> EntryLinks | None:
        """Links to edit an entry's file and to report a problem with it, where the repository is known."""
        if self.repository is None:
            return None
        page = self.site_url + site_path(entry_page(entry.ref))
        return EntryLinks(self.repository.edit(entry.path), self.repository.report(entry.ref, entry.label, page))

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

    def spans_in(self, article_id: str) -> list[Span]:
        """All spans of an article, in reading order."""
        return self._in_article.get(article_id, [])

    def article(self, article_id: str) -> Article:
        """The article with this id."""
        return self._by_article[article_id]
