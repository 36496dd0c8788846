"""The timeline page: every dated event, by year, with its entry and citations, and a filter by group.

Without JavaScript every event shows and the filter stays hidden; docs/assets/pictures.js reveals it.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Any

from annotated_reading.pictures.timeline import Event, collect_events, publication_date
from annotated_reading.rendering import markup, page_html
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.links import article_page, entry_page, relative

TIMELINE_PAGE = "timeline.md"


def render_timeline(ctx: Context) -> str:
    """HTML of the timeline page."""
    page = TIMELINE_PAGE
    events = collect_events(ctx)
    reference = publication_date(ctx)
    first = events[0].date[:4] if events else ""
    last = events[-1].date[:4] if events else ""
    parts = [
        page_html.heading(1, "Timeline"),
        f'<p class="ann-intro">The {sum(1 for e in events if e.ref)} dated events in the annotations, from {first} '
        f"to {last}, oldest first: when the groups were founded and who led them, the people's lives and roles, "
        f'and what happened after the article. <a href="#{_article_id(ctx.articles[0].id)}">The article\'s '
        "publication</a> "
        f"({markup.text(markup.date_text(reference))}) is marked; events after it are later context, marked "
        "“Since publication”. Each event links to its entry and to its sources.</p>",
        _filter(ctx, events),
    ]
    for year, items in groupby(events, key=lambda e: _year(e, reference)):
        group = list(items)
        parts.append(page_html.heading(2, str(year), f"y{year}", "pic-year"))
        events_html = "".join(_event(ctx, page, e) for e in group)
        parts.append(page_html.not_indexed(f'<ol class="pic-events" data-year="{year}">{events_html}</ol>'))
    return "\n\n".join(parts) + "\n"


def _year(event: Event, reference: str) -> str:
    return event.date[:4] if not (event.since and event.date[:4] < reference[:4]) else reference[:4]


def _filter(ctx: Context, events: list[Event]) -> str:
    counts = Counter(g for e in events for g in e.groups)
    options = [
        '<label class="pic-option"><input type="radio" name="pic-group" value="" checked> All events '
        f'<span class="pic-n">({sum(1 for e in events if e.ref)})</span></label>'
    ]
    for group in ctx.of_kind("groups"):
        if counts[group.id]:
            options.append(
                f'<label class="pic-option"><input type="radio" name="pic-group" value="{group.id}"> '
                f'{markup.text(group.label)} <span class="pic-n">({counts[group.id]})</span></label>'
            )
    return (
        '<form class="pic-filter" hidden><fieldset><legend>Show the events of one group</legend>'
        + "".join(options)
        + '</fieldset><p class="pic-count" role="status"></p></form>'
    )


def _event(ctx: Context, page: str, event: Event) -> str:
    md = ctx.markup(page)
    classes = ["pic-event"]
    if event.since:
        classes.append("pic-since")
    when = f'<time datetime="{markup.text(event.date)}">{markup.text(markup.date_text(event.date))}</time>' + (
        ' <span class="pic-badge">Since publication</span>' if event.since else ""
    )
    if event.article is not None:
        article = ctx.article(event.article)
        href = relative(page, article_page(article.id))
        return (
            f'<li class="pic-event pic-article" id="{_article_id(article.id)}" data-groups="">'
            f'<p class="pic-when">{when}</p>'
            f'<p class="pic-what"><span class="pic-tag">The article</span></p>'
            f'<p class="pic-text">{markup.text(event.text)}</p>'
            f'<p class="pic-cite"><a href="{href}">Read the annotated article</a></p></li>'
        )
    assert event.ref is not None
    entry = ctx.by_ref[event.ref]
    href = relative(page, entry_page(event.ref))
    text = md.inline(event.text) if event.markdown else markup.text(event.text)
    tag = "" if event.what == "Since publication" else f' · <span class="pic-tag">{markup.text(event.what)}</span>'
    groups = " ".join(sorted(event.groups))
    return (
        f'<li class="{" ".join(classes)}" data-groups="{groups}" data-ref="{event.ref}">'
        f'<p class="pic-when">{when}</p>'
        f'<p class="pic-what"><a class="pic-entry" href="{href}">{markup.text(entry.label)}</a> '
        f'<span class="pic-kind">({markup.text(entry.kind.singular)})</span>{tag}</p>'
        f'<p class="pic-text">{text}</p>{_citations(event.sources)}</li>'
    )


def _article_id(article_id: str) -> str:
    return f"article-{article_id}"


def _citations(citations: list[dict[str, Any]]) -> str:
    if not citations:
        return ""
    links = "; ".join(
        f'<a href="{markup.text(c["url"])}" rel="noopener noreferrer" title="{markup.text(c["title"])}">'
        f"{markup.text(c['publisher'])}, {markup.text(markup.date_text(str(c['date'])))}</a>"
        + (
            f' (via <a href="{markup.text(c["via"]["url"])}" rel="noopener noreferrer">'
            f"{markup.text(c['via']['publisher'])}</a>)"
            if c.get("via")
            else ""
        )
        for c in citations
    )
    return f'<p class="pic-cite">Sources: {links}</p>'
