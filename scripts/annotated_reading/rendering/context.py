"""Everything the renderers need, gathered once per build."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from annotated_reading.anchoring.anchor import Anchoring, Span
from annotated_reading.model.kinds import Article, Entry
from annotated_reading.pictures.geo import BaseMap
from annotated_reading.rendering.links import entry_page, relative
from annotated_reading.rendering.markup import Markup


@dataclass
class Context:
    """Articles, entries and where they were anchored."""

    articles: list[Article]
    entries: list[Entry]
    anchoring: Anchoring
    basemap: BaseMap | None = None
    """Country shapes for the maps (None: the maps show places on a plain ground)."""
    by_ref: dict[str, Entry] = field(init=False)
    _markups: dict[str, Markup] = field(init=False, default_factory=dict)
    _page_markups: dict[str, Markup] = field(init=False, default_factory=dict)
    _by_kind: dict[str, list[Entry]] = field(init=False, default_factory=dict)
    _by_article: dict[str, Article] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_ref = {e.ref: e for e in self.entries}
        self._by_article = {a.id: a for a in self.articles}

    def markup(self, page: str) -> Markup:
        """A Markdown renderer whose entry links are relative to `page`.

        Links relative to a page are the same from every page of its folder, so the pages of a folder share
        one renderer (and what it has already sanitized).
        """
        found = self._page_markups.get(page)  # asked for again and again by the page's cards and events
        if found is None:
            folder = posixpath.dirname(page)
            if folder not in self._markups:
                here = posixpath.join(folder, "index.md")
                self._markups[folder] = Markup(
                    lambda ref: relative(here, entry_page(ref)) if ref in self.by_ref else None
                )
            found = self._page_markups[page] = self._markups[folder]
        return found

    def of_kind(self, kind: str) -> list[Entry]:
        """Entries of one kind, sorted by label (case- and accent-insensitive enough for A-Z)."""
        if kind not in self._by_kind:
            chosen = (e for e in self.entries if e.kind.name == kind)
            self._by_kind[kind] = sorted(chosen, key=lambda e: (e.label.casefold(), e.id))
        return list(self._by_kind[kind])

    def spans(self, ref: str) -> list[Span]:
        """All places an entry occurs, in reading order."""
        return self.anchoring.by_ref.get(ref, [])

    def article(self, article_id: str) -> Article:
        """The article with this id."""
        return self._by_article[article_id]
