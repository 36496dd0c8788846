"""The timeline: every dated field an event, in date order, with its entry, sources and groups."""

from __future__ import annotations

import re
from collections import Counter

from annotated_reading.model.records import Group, Person
from annotated_reading.pictures.timeline import TIMELINE_PAGE, after, collect_events, padded, publication_date
from annotated_reading.rendering.context import Context


def _dated_fields(ctx: Context) -> Counter[tuple[str, str]]:
    """(entry, date) of every dated field the issue lists, counted independently of timeline.py."""
    found: Counter[tuple[str, str]] = Counter()
    for entry in ctx.entries:
        data = entry.data
        items = list(data.since_publication)
        if isinstance(data, Group):
            items += [*data.timeline, *([data.founded] if data.founded else [])]
            found.update((entry.ref, d) for leader in data.leaders for d in (leader.start, leader.to) if d)
        found.update((entry.ref, i.date) for i in items)
        if isinstance(data, Person):
            found.update((entry.ref, d) for role in data.roles for d in (role.start, role.to) if d)
            found.update((entry.ref, d) for d in (data.born, data.died) if d)
    return found


_EVENT = re.compile(
    r'<li class="(pic-event[^"]*)"(?: id="[^"]*")? data-groups="([^"]*)"(?: data-ref="([^"]+)")?>'
    r'<p class="pic-when"><time datetime="([^"]+)">.*?</li>',
    re.S,
)


def test_every_dated_event_is_on_the_timeline_in_date_order(ctx: Context, pages: dict[str, str]) -> None:
    source = pages[TIMELINE_PAGE]
    events = _EVENT.findall(source)
    shown = Counter((ref, date) for _, _, ref, date in events if ref)
    assert shown == _dated_fields(ctx)
    reference = publication_date(ctx)
    keys = []
    for classes, _, ref, date in events:
        key = padded(date)
        if after(date, reference):
            assert "pic-since" in classes, f"{ref} {date} is later than the article"
        elif "pic-since" in classes:
            # A since-publication note dated only by the article's year or month: after the article.
            assert reference.startswith(date), f"{ref} {date}: marked as later context, dated before the article"
            key = padded(reference) + "~"
        keys.append(key)
    assert keys == sorted(keys)
    article = [e for e in events if "pic-article" in e[0]]
    assert len(article) == len(ctx.articles)
    assert article[0][3] == reference


def test_every_event_shows_date_entry_and_citations(ctx: Context, pages: dict[str, str]) -> None:
    items = re.findall(r'<li class="pic-event[^"]*"[^>]*>.*?</li>', pages[TIMELINE_PAGE], re.S)
    assert len(items) == len(collect_events(ctx))
    for item in items:
        assert "<time datetime=" in item
        if "pic-article" in item:
            assert 'href="articles/west-africa-alliance.html"' in item
            continue
        assert re.search(r'<a class="pic-entry" href="[^"]+\.html(#[a-z0-9-]+)?">', item), item[:200]
        assert re.search(r'<p class="pic-cite">Sources: <a href="https?://', item), item[:200]
        if "pic-since" in item:
            assert '<span class="pic-badge">Since publication</span>' in item


def test_filter_offers_the_groups_with_events(ctx: Context, pages: dict[str, str]) -> None:
    source = pages[TIMELINE_PAGE]
    assert '<form class="pic-filter" hidden>' in source, "hidden until the script shows it"
    offered = re.findall(r'name="pic-group" value="([a-z0-9-]*)"', source)
    assert offered[0] == ""
    assert set(offered[1:]) == {g.id for g in ctx.of_kind("groups")}
    for group in offered[1:]:
        assert re.search(rf'data-groups="[^"]*\b{group}\b', source)
