"""The reference pages: glossary, groups (an index and a page each), sources, people, places, figures, articles.

Each is a template in `templates/`; this module gathers what it shows.
"""

from __future__ import annotations

from typing import Any

import msgspec

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.entries import Article, Entry
from annotated_reading.model.kinds import KINDS, STATEMENT_KINDS
from annotated_reading.model.records import Group, Source, SourceType, Statement, Term
from annotated_reading.rendering.context import AnyEntry, Context
from annotated_reading.rendering.export import text_fragment
from annotated_reading.rendering.links import (
    ARTICLE_INDEX,
    article_page,
    entry_page,
    kind_page,
    relative,
    statement_anchor,
)
from annotated_reading.rendering.templates import render

SNIPPET_CONTEXT = 50
"""Characters of context on each side of a mention in occurrence lists."""

SOURCE_SECTIONS: tuple[tuple[SourceType, str, str, str], ...] = (
    ("named", "Named people", "People the article names.", "People the articles name."),
    (
        "anonymous",
        "Unnamed officials",
        "Officials and military leaders the article quotes or draws on without naming them, as it describes them.",
        "Officials and military leaders the articles quote or draw on without naming them, as they describe them.",
    ),
    (
        "unattributed",
        "Unattributed",
        "Claims the article makes without saying who made them, or credits only to unnamed reports.",
        "Claims the articles make without saying who made them, or credit only to unnamed reports.",
    ),
    (
        "document",
        "Documents",
        "Reports, slides and other documents the article draws on.",
        "Reports, slides and other documents the articles draw on.",
    ),
)
"""The sources page's sections: type, heading, introduction for a site of one article, and of several."""

RELATIONS = {
    "cooperation": "Cooperation",
    "rivalry": "Rivalry",
    "fighting": "Fighting",
    "merged-into": "Merged into",
    "split-from": "Split from",
    "affiliate-of": "Affiliate of",
    "parent-of": "Parent of",
}
PLACE_TYPES = {
    "country": "Country",
    "city": "City",
    "region": "Region",
    "border-area": "Border area",
    "site": "Site",
    "continent": "Continent",
}
LIST_INTROS = {
    "people": (
        "People the article mentions, with their role when it was written and what followed.",
        "People the articles mention, with their role when each was written and what followed.",
    ),
    "places": ("Places the article mentions.", "Places the articles mention."),
    "figures": (
        "The numbers the article gives, each with what it counts and other estimates, in reading order.",
        "The numbers the articles give, each with what it counts and other estimates, in reading order.",
    ),
}
"""The introductions of the one-page lists: for a site of one article, and of several."""


class Occurrence(msgspec.Struct, frozen=True):
    """A mention of an entry, as an occurrence list shows it: a link to its paragraph and a snippet."""

    href: str
    paragraph: int
    before: str
    """The text before the mention, cut at a word edge (with "…" where it was cut)."""
    text: str
    after: str


class InArticle(msgspec.Struct, frozen=True):
    """An entry's mentions in one article, as its occurrence list shows them under a label ("In ...")."""

    where: str
    """"the article" where the site has one; the article's title where it has several."""
    occurrences: list[Occurrence]


class StatementView(msgspec.Struct, frozen=True):
    """One statement on the sources page."""

    anchor: str
    statement: Statement
    how: str
    """"Direct quote", "Paraphrase"..."""
    paragraph: int | None
    """Where it was found (None if not)."""
    article: str
    """The title of the article it was found in, where the site has several; empty otherwise."""
    href: str
    show: str
    """A link that highlights the passage (a text fragment)."""


class Link(msgspec.Struct, frozen=True):
    """A link to an entry from the page being rendered, under the entry's label."""

    href: str
    label: str


class Views(msgspec.Struct, frozen=True):
    """What the reference templates ask of the analysed project for the page being rendered."""

    ctx: Context
    page: str

    @property
    def several(self) -> bool:
        """Whether the site has more than one article (and so names the article wherever it points into one)."""
        return len(self.ctx.articles) > 1

    @property
    def published(self) -> str:
        """When the site's one article was first published, as YYYY-MM; empty where the site has several."""
        return "" if self.several else self.ctx.articles[0].meta.first_published.date[:7]

    def active_here(self, entry: AnyEntry) -> list[tuple[Entry[Group], str | None]]:
        """The groups whose profiles name this place among their areas, each with the part they name, if any."""
        return [
            (group, area.detail)
            for group in self.ctx.entries_of(Group)
            for area in group.data.areas
            if area.place == entry.ref
        ]

    def occurrences(self, entry: AnyEntry) -> list[InArticle]:
        """The entry's mentions, article by article (those that mention it), each in reading order.

        Statements are listed on the sources page instead.
        """
        by_article: dict[str, list[Occurrence]] = {}
        for span in self.ctx.spans(entry.ref):
            if span.statement is None:
                by_article.setdefault(span.article, []).append(self._occurrence(span))
        return [
            InArticle(article.title if self.several else "the article", by_article[article.id])
            for article in self.ctx.articles
            if article.id in by_article
        ]

    def _occurrence(self, span: Span) -> Occurrence:
        article = self.ctx.article(span.article)
        text = article.paragraphs[span.paragraph - 1]
        left = max(0, span.start - SNIPPET_CONTEXT)
        right = min(len(text), span.end + SNIPPET_CONTEXT)
        while left > 0 and not text[left - 1].isspace():
            left += 1
            if left >= span.start:
                left = span.start
                break
        while right < len(text) and not text[right].isspace() and right > span.end:
            right -= 1
        return Occurrence(
            relative(self.page, f"{article_page(span.article)}#p{span.paragraph}"),
            span.paragraph,
            ("…" if left > 0 else "") + text[left : span.start],
            text[span.start : span.end],
            text[span.end : right] + ("…" if right < len(text) else ""),
        )

    def statements(self, entry: Entry[Source]) -> list[StatementView]:
        """A source's statements, each with where the article has it."""
        spans = {s.statement: s for s in self.ctx.spans(entry.ref) if s.statement is not None}
        views = []
        for index, statement in enumerate(entry.data.statements):
            span = spans.get(index)
            href = show = title = ""
            if span is not None:
                title = self.ctx.article(span.article).title if self.several else ""
                page = article_page(span.article)
                href = relative(self.page, f"{page}#p{span.paragraph}")
                show = relative(self.page, f"{page}#{text_fragment(self.ctx.article(span.article), span)}")
            how = STATEMENT_KINDS[statement.kind] if statement.kind else "statement"
            anchor = statement_anchor(entry.id, index)
            views.append(
                StatementView(anchor, statement, how.capitalize(), span.paragraph if span else None, title, href, show)
            )
        return views

    def see_also(self, entry: AnyEntry) -> list[Link]:
        """Links to the entries that `entry` names in `see_also`, in its order (the checks made sure they exist)."""
        return [Link(relative(self.page, entry_page(ref)), self.ctx.by_ref[ref].label) for ref in entry.data.see_also]

    def entry(self, ref: str) -> AnyEntry | None:
        """The entry with this reference, if there is one."""
        return self.ctx.by_ref.get(ref)


def _render(ctx: Context, name: str, page: str, **context: Any) -> str:
    return render(ctx.templates, name, page, ctx.markup(page), views=Views(ctx, page), **context)


def render_glossary(ctx: Context) -> str:
    """The glossary's body: terms A-Z under letter headings, with a letter index."""
    letters: dict[str, list[Entry[Term]]] = {}
    for entry in ctx.entries_of(Term):
        first = entry.label.lstrip("'\"‘“(")[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(entry)
    anchors = {c: c.lower() if c.isascii() and c.isalpha() else "other" for c in letters}
    return _render(ctx, "glossary.html.jinja", kind_page("glossary"), letters=letters, anchors=anchors)


def render_group_index(ctx: Context) -> str:
    """The groups index's body: each group with its card text."""
    return _render(ctx, "group_index.html.jinja", kind_page("groups"), groups=ctx.entries_of(Group))


def render_group(ctx: Context, entry: Entry[Group]) -> str:
    """One group's profile page body."""
    return _render(ctx, "group.html.jinja", entry_page(entry.ref), entry=entry, relations=RELATIONS)


def render_sources(ctx: Context) -> str:
    """The sources page's body: named people, unnamed sources, documents."""
    entries = ctx.entries_of(Source)
    several = len(ctx.articles) > 1
    sections = [
        (key, title, many if several else one, [e for e in entries if e.data.type == key])
        for key, title, one, many in SOURCE_SECTIONS
    ]
    return _render(ctx, "sources.html.jinja", kind_page("sources"), sections=sections, **_sourcing(ctx))


class SourcingRow(msgspec.Struct, frozen=True):
    """One row of the sourcing table: a kind of source and its counts."""

    key: str
    title: str
    counts: tuple[int, ...]
    """Sources, statements, then statements of each kind (direct quotes, paraphrases, claims)."""


def _sourcing(ctx: Context) -> dict[str, Any]:
    """The sourcing table's rows, totals and column headings, counted from the source entries."""
    entries = ctx.entries_of(Source)
    rows = []
    for key, title, *_ in SOURCE_SECTIONS:
        group = [e for e in entries if e.data.type == key]
        statements = [s for e in group for s in e.data.statements]
        by_kind = [sum(1 for s in statements if s.kind == k) for k in STATEMENT_KINDS]
        rows.append(SourcingRow(key, title, (len(group), len(statements), *by_kind)))
    totals = tuple(sum(column) for column in zip(*(row.counts for row in rows), strict=True))
    kinds = [f"{name.capitalize()}s" for name in STATEMENT_KINDS.values()]
    return {"rows": rows, "totals": totals, "kinds": kinds}


def sourcing_table(ctx: Context, page: str) -> str:
    """How the article sources its claims, as a table for `page`: sources and statements per type."""
    return _render(ctx, "sourcing_table.html.jinja", page, **_sourcing(ctx)).rstrip("\n")


def provenance(ctx: Context, page: str) -> str:
    """Where the articles come from, for `page`: each outlet's headline, date and byline, and the copies seen."""
    return _render(ctx, "provenance.html.jinja", page, articles=ctx.articles).rstrip("\n")


def render_entry_list(ctx: Context, kind: str) -> str:
    """The body of a one-page kind other than the glossary: people, places or figures."""
    entries = ctx.of_kind(kind)
    if kind == "figures":  # numbers read best in the order the article gives them
        entries.sort(
            key=lambda e: min(((s.article, s.paragraph, s.start) for s in ctx.spans(e.ref)), default=("", 0, 0))
        )
    return _render(
        ctx,
        "entry_list.html.jinja",
        kind_page(kind),
        kind=KINDS[kind],
        intro=LIST_INTROS[kind][len(ctx.articles) > 1],
        entries=entries,
        place_types=PLACE_TYPES,
    )


class ArticleSummary(msgspec.Struct, frozen=True):
    """An article as the index of articles lists it."""

    article: Article
    href: str
    entries: int
    """Entries annotated in it."""
    statements: int


def render_article_index(ctx: Context) -> str:
    """The body of the index of articles: each with its provenance, summary and annotation counts."""
    page = ARTICLE_INDEX
    summaries = []
    for article in ctx.articles:
        spans = ctx.spans_in(article.id)
        summaries.append(
            ArticleSummary(
                article,
                relative(page, article_page(article.id)),
                len({s.ref for s in spans if s.statement is None}),
                sum(1 for s in spans if s.statement is not None),
            )
        )
    return _render(ctx, "article_index.html.jinja", page, articles=summaries)
