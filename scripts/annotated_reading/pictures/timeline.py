"""The timeline page, and the dated events in the annotations that it lists.

Every dated field becomes an event: a group's founding, timeline, and leaders' first and last dates; every
kind's `since_publication` notes; a person's birth, death and roles; and each article's first publication.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import msgspec

from annotated_reading.model.entries import Article
from annotated_reading.model.records import Citation, Group, Person
from annotated_reading.rendering.context import AnyEntry, Context
from annotated_reading.rendering.links import article_page, entry_page, relative
from annotated_reading.rendering.templates import render


class Event(msgspec.Struct, frozen=True):
    """One dated event on the timeline."""

    date: str
    """As the annotation gives it: `2020`, `2020-02` or `2020-02-22`."""
    what: str
    """What kind of event it is, as a short label: `Founded`, `Leader from`, `Since publication`..."""
    text: str
    markdown: bool
    """Whether `text` is contributor Markdown (rendered and sanitized) or plain text."""
    ref: str | None
    """The entry it comes from; None for an article's publication."""
    sources: tuple[Citation, ...]
    groups: frozenset[str] = msgspec.field(default_factory=frozenset)
    """Ids of the groups it concerns, for the filter."""
    since: bool = False
    """Whether it happened after the article was published."""
    article: str | None = None
    """The article whose publication this is (article events only)."""


def padded(date: str, fill: str = "00") -> str:
    """A partial date padded to `YYYY-MM-DD` for comparison (`2020` -> `2020-00-00`)."""
    parts = date.split("-")
    return "-".join(parts + [fill] * (3 - len(parts)))


def after(date: str, reference: str) -> bool:
    """Whether `date` certainly falls after `reference`: `2020-03` is after `2020-02-22`, `2020-02` is not."""
    size = min(len(date), len(reference))
    return date[:size] > reference[:size]


def publication_date(ctx: Context) -> str:
    """The date the events are 'since': the first publication of the earliest article."""
    return min(a.meta.first_published.date for a in ctx.articles)


def related_groups(ctx: Context, entry: AnyEntry) -> frozenset[str]:
    """The groups all of an entry's events concern: the group itself, or the groups it and they name in `see_also`.

    Events that name a group in their text are tagged with it as well (see `collect_events`).
    """
    if entry.kind.name == "groups":
        return frozenset({entry.id})
    found = {ref.split("/", 1)[1] for ref in entry.data.see_also if ref.startswith("groups/")}
    for group in ctx.of_kind("groups"):
        if entry.ref in group.data.see_also:
            found.add(group.id)
    return frozenset(found)


def group_mentions(ctx: Context) -> re.Pattern[str] | None:
    """A pattern that finds the groups' names and match forms in event text (group `name` = group id)."""
    forms = []
    for group in ctx.of_kind("groups"):
        names = sorted({group.label, *group.match_forms}, key=len, reverse=True)
        alternatives = "|".join(re.escape(n) for n in names)
        forms.append(f"(?P<g_{group.id.replace('-', '_')}>{alternatives})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(forms) + r")(?![\w-])") if forms else None


def collect_events(ctx: Context) -> list[Event]:
    """Every dated event, in date order (see `sort_key`)."""
    reference = publication_date(ctx)
    events = [_article_event(a, reference) for a in ctx.articles]
    mentions = group_mentions(ctx)
    for entry in sorted(ctx.entries, key=lambda e: e.ref):
        events += _entry_events(ctx, entry, reference, mentions)
    return sorted(events, key=lambda e: sort_key(e, reference))


def sort_key(event: Event, reference: str) -> tuple[str, int, str, str]:
    """Date order; at a shared date the article first; later context never before the article."""
    key = padded(event.date)
    rank = 0 if event.article else 1
    if event.since and key < padded(reference):
        key, rank = padded(reference), 2
    return (key, rank, event.ref or "", event.what)


def _article_event(article: Article, reference: str) -> Event:
    first = article.meta.first_published
    return Event(
        date=first.date,
        what="The article",
        text=f"{first.publisher} publishes “{article.title}”; {article.meta.publisher} republishes it.",
        markdown=False,
        ref=None,
        sources=(),
        article=article.id,
        since=after(first.date, reference),
    )


def _entry_events(ctx: Context, entry: AnyEntry, reference: str, mentions: re.Pattern[str] | None) -> list[Event]:
    data = entry.data
    groups = related_groups(ctx, entry)
    found: list[Event] = []

    def add(date: str, what: str, text: str, sources: Sequence[Citation], *, markdown: bool = True) -> None:
        since = what == "Since publication" or after(date, reference)
        tags = set(groups)
        if mentions is not None:
            # An event that names a group concerns it too, e.g. a note on Mali about JNIM's blockade.
            for match in mentions.finditer(text):
                tags |= {name[2:].replace("_", "-") for name, value in match.groupdict().items() if value}
        found.append(Event(date, what, text, markdown, entry.ref, tuple(sources), frozenset(tags), since))

    if isinstance(data, Group):
        if data.founded:
            add(data.founded.date, "Founded", data.founded.text, data.founded.sources)
        for item in data.timeline:
            add(item.date, "Event", item.text, item.sources)
        for leader in data.leaders:
            who = leader.name + (f", {leader.role}" if leader.role else "")
            if leader.start:
                add(leader.start, "Leader from", who, leader.sources, markdown=False)
            if leader.to:
                add(leader.to, "Leader until", who, leader.sources, markdown=False)
    if isinstance(data, Person):
        # Birth and death dates carry no citation of their own: the entry's sources support them.
        if data.born:
            add(data.born, "Born", f"{entry.label} was born.", data.sources, markdown=False)
        if data.died:
            add(data.died, "Died", f"{entry.label} died.", data.sources, markdown=False)
        for role in data.roles:
            if role.start:
                add(role.start, "Role from", role.role, role.sources, markdown=False)
            if role.to:
                add(role.to, "Role until", role.role, role.sources, markdown=False)
    for note in data.since_publication:
        add(note.date, "Since publication", note.text, note.sources)
    return found


# --- The timeline page ------------------------------------------------------------------------------------------

TIMELINE_PAGE = "timeline.md"


class EventView(msgspec.Struct, frozen=True):
    """An event as the timeline page lists it."""

    event: Event
    href: str
    """Its entry's page, or the article's."""
    label: str
    """Its entry's label (empty for an article's publication)."""
    singular: str
    """What kind of entry that is: "group", "person"..."""
    groups: str
    """The ids of the groups it concerns, sorted, separated by spaces (the page's filter reads them)."""


def render_timeline(ctx: Context) -> str:
    """The timeline page's body: every dated event, by year, with a filter by group.

    Without JavaScript every event shows and the filter stays hidden; docs/assets/pictures.js reveals it.
    """
    page = TIMELINE_PAGE
    events = collect_events(ctx)
    reference = publication_date(ctx)
    years: dict[str, list[EventView]] = {}
    for event in events:
        year = event.date[:4] if not (event.since and event.date[:4] < reference[:4]) else reference[:4]
        if event.ref is None:
            assert event.article is not None
            view = EventView(event, relative(page, article_page(event.article)), "", "", "")
        else:
            entry = ctx.by_ref[event.ref]
            groups = " ".join(sorted(event.groups))
            view = EventView(event, relative(page, entry_page(event.ref)), entry.label, entry.kind.singular, groups)
        years.setdefault(year, []).append(view)
    counts = Counter(g for e in events for g in e.groups)
    return render(
        ctx.templates,
        "timeline.html.jinja",
        page,
        ctx.markup(page),
        years=years,
        total=sum(1 for e in events if e.ref),
        first=events[0].date[:4] if events else "",
        last=events[-1].date[:4] if events else "",
        reference=reference,
        article=ctx.articles[0],
        groups=[(group, counts[group.id]) for group in ctx.of_kind("groups") if counts[group.id]],
    )
