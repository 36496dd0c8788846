"""The reference pages: glossary (A-Z), one page per group and an index, and the sources page."""

from __future__ import annotations

from typing import Any

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.kinds import KINDS, STATEMENT_KINDS, Entry
from annotated_reading.rendering import markup, page_html
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.export import text_fragment
from annotated_reading.rendering.links import article_page, entry_page, kind_page, relative, statement_anchor
from annotated_reading.rendering.markup import Markup

SNIPPET_CONTEXT = 50
"""Characters of context on each side of a mention in occurrence lists."""

_SOURCE_SECTIONS = (
    ("named", "Named people", "People the article names."),
    (
        "anonymous",
        "Anonymous officials",
        "People the article quotes without naming them, described as it describes them.",
    ),
    ("document", "Documents", "Reports, slides and other documents the article draws on."),
)
_RELATIONS = {
    "cooperation": "Cooperation",
    "rivalry": "Rivalry",
    "fighting": "Fighting",
    "merged-into": "Merged into",
    "split-from": "Split from",
    "affiliate-of": "Affiliate of",
    "parent-of": "Parent of",
}


def render_glossary(ctx: Context) -> str:
    """HTML of the glossary: terms A-Z under letter headings, with a letter index."""
    page = kind_page("glossary")
    md = ctx.markup(page)
    entries = ctx.of_kind("glossary")
    letters: dict[str, list[Entry]] = {}
    for entry in entries:
        first = entry.label.lstrip("'\"‘“(")[:1].upper()
        letters.setdefault(first if first.isalpha() else "#", []).append(entry)
    index = " ".join(f'<a href="#letter-{_letter_id(c)}">{markup.text(c)}</a>' for c in letters)
    parts = [
        page_html.heading(1, "Glossary"),
        '<p class="ann-intro">Terms the article uses, with where each occurs in the text.</p>',
        f'<nav class="ann-az" aria-label="Glossary letters">{index}</nav>',
    ]
    for letter, group in letters.items():
        parts.append(page_html.heading(2, letter, f"letter-{_letter_id(letter)}"))
        for entry in group:
            parts.append(page_html.heading(3, entry.label, entry.id))
            parts.append(_entry_block(ctx, md, page, entry, [md.block(entry.data["definition"])]))
    return "\n\n".join(parts) + "\n"


def _letter_id(letter: str) -> str:
    return letter.lower() if letter.isascii() and letter.isalpha() else "other"


def render_group_index(ctx: Context) -> str:
    """HTML of the groups index: each group with its card text."""
    page = kind_page("groups")
    md = ctx.markup(page)
    items = []
    for entry in ctx.of_kind("groups"):
        href = relative(page, entry_page(entry.ref))
        full = (
            f' <span class="ann-fullname">({markup.text(entry.data["full_name"])})</span>'
            if entry.data.get("full_name")
            else ""
        )
        items.append(
            f'<li><a href="{href}"><strong>{markup.text(entry.label)}</strong></a>{full}'
            f"<br>{md.first_paragraph(entry.data['summary'])}</li>"
        )
    return (
        "\n\n".join(
            [
                page_html.heading(1, "Groups"),
                '<p class="ann-intro">The armed groups and organisations in the article, each with a profile.</p>',
                '<ul class="ann-list">\n' + "\n".join(items) + "\n</ul>",
            ]
        )
        + "\n"
    )


def render_group(ctx: Context, entry: Entry) -> str:
    """HTML of one group's profile page."""
    page = entry_page(entry.ref)
    md = ctx.markup(page)
    data = entry.data
    parts = [page_html.heading(1, entry.label)]
    facts = []
    if data.get("full_name"):
        facts.append(("Full name", markup.text(data["full_name"])))
    if data.get("other_names"):
        facts.append(("Also known as", "; ".join(markup.text(n) for n in data["other_names"])))
    if data.get("founded"):
        founded = data["founded"]
        facts.append(
            ("Founded", f"{_date(founded['date'])}: {md.inline(founded['text'])}" + _cite_marks(founded["sources"]))
        )
    if data.get("leaders"):
        facts.append(("Leaders", "<br>".join(_leader(md, leader) for leader in data["leaders"])))
    if data.get("allegiance"):
        facts.append(("Allegiance", "<br>".join(_allegiance(ctx, md, page, a) for a in data["allegiance"])))
    if data.get("areas"):
        facts.append(("Areas", "; ".join(markup.text(a) for a in data["areas"])))
    blocks = [md.block(data["summary"])]
    if facts:
        blocks.append('<dl class="ann-facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
    parts.append(_entry_block(ctx, md, page, entry, blocks, sections=False))
    if data.get("strength"):
        rows = "".join(
            f"<tr><td>{_date(s['date'])}</td><td>{markup.text(s['estimate'])}</td>"
            f"<td>{md.inline(s['note']) if s.get('note') else ''}{_citations_inline(s['sources'])}</td></tr>"
            for s in data["strength"]
        )
        parts += [
            page_html.heading(2, "Strength estimates", "strength"),
            '<table class="ann-table"><thead><tr><th>Date</th><th>Estimate</th><th>Source and notes</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>",
        ]
    if data.get("timeline"):
        parts += [page_html.heading(2, "Timeline", "timeline"), _dated_list(md, data["timeline"])]
    if data.get("relations"):
        items = "".join(
            f"<li><strong>{_RELATIONS[r['type']]}</strong>: {_ref_link(ctx, page, r['with'])} — "
            f"{md.inline(r['text'])}{_citations_inline(r['sources'])}</li>"
            for r in data["relations"]
        )
        parts += [
            page_html.heading(2, "Relations with other groups", "relations"),
            f'<ul class="ann-relations">{items}</ul>',
        ]
    parts += _common_sections(ctx, md, page, entry)
    return "\n\n".join(parts) + "\n"


def render_sources(ctx: Context) -> str:
    """HTML of the sources page: named people, anonymous officials, documents."""
    page = kind_page("sources")
    md = ctx.markup(page)
    entries = ctx.of_kind("sources")
    intro = '<p class="ann-intro">Who said what in the article, and how the article knows it.</p>'
    parts = [page_html.heading(1, "Sources"), intro, sourcing_table(ctx, page)]
    for key, title, intro in _SOURCE_SECTIONS:
        group = [e for e in entries if e.data["type"] == key]
        parts.append(page_html.heading(2, title, key))
        parts.append(f'<p class="ann-intro">{intro}</p>' if group else '<p class="ann-intro">None.</p>')
        for entry in group:
            parts.append(page_html.heading(3, entry.label, entry.id))
            blocks = []
            role = [markup.text(entry.data[k]) for k in ("role", "affiliation") if entry.data.get(k)]
            if role:
                blocks.append(f'<p class="ann-role">{" — ".join(role)}</p>')
            if entry.data.get("anonymity"):
                blocks.append(
                    f'<p class="ann-anonymity"><strong>Why unnamed:</strong> {markup.text(entry.data["anonymity"])}</p>'
                )
            if entry.data.get("description"):
                blocks.append(md.block(entry.data["description"]))
            blocks.append(_statements(ctx, md, page, entry))
            parts.append(_entry_block(ctx, md, page, entry, blocks, occurrences_title="Mentioned in the article"))
    return "\n\n".join(parts) + "\n"


def sourcing_table(ctx: Context, page: str) -> str:
    """How the article sources its claims: sources and statements per type, counted from the entries."""
    entries = ctx.of_kind("sources")
    kinds = list(STATEMENT_KINDS)
    head = "".join(f'<th scope="col">{STATEMENT_KINDS[k].capitalize()}s</th>' for k in kinds)
    rows = []
    totals = [0] * (2 + len(kinds))
    for key, title, _ in _SOURCE_SECTIONS:
        group = [e for e in entries if e.data["type"] == key]
        statements = [s for e in group for s in e.statements]
        cells = [len(group), len(statements)] + [sum(1 for s in statements if s.get("kind") == k) for k in kinds]
        totals = [a + b for a, b in zip(totals, cells, strict=True)]
        link = relative(page, f"{kind_page('sources')}#{key}")
        rows.append(
            f'<tr><th scope="row"><a href="{link}">{title}</a></th>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
        )
    rows.append('<tr class="ann-total"><th scope="row">All</th>' + "".join(f"<td>{c}</td>" for c in totals) + "</tr>")
    return (
        '<table class="ann-table ann-sourcing"><caption>How the article sources its claims</caption><thead><tr>'
        '<th scope="col">Kind of source</th><th scope="col">Sources</th><th scope="col">Statements</th>'
        f"{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _statements(ctx: Context, md: Markup, page: str, entry: Entry) -> str:
    spans = {s.statement: s for s in ctx.spans(entry.ref) if s.statement is not None}
    items = []
    for index, spec in enumerate(entry.statements):
        span = spans.get(index)
        where = ""
        if span is not None:
            href = relative(page, article_page(span.article) + f"#p{span.paragraph}")
            where = f' <a class="ann-where" href="{href}">paragraph {span.paragraph}</a>'
            show = relative(page, article_page(span.article) + "#" + text_fragment(ctx.article(span.article), span))
            where += f' · <a class="ann-show" href="{markup.text(show)}">show the passage</a>'
        how = STATEMENT_KINDS.get(spec.get("kind", ""), "statement")
        note = md.block(spec["note"]) if spec.get("note") else ""
        items.append(
            f'<li id="{statement_anchor(entry.id, index)}"><blockquote class="ann-quote">'
            f'{markup.text(spec["quote"])}</blockquote><p class="ann-how">{how.capitalize()},{where}</p>{note}</li>'
        )
    return '<p class="ann-label">Statements</p><ol class="ann-statements">' + "".join(items) + "</ol>"


def _entry_block(
    ctx: Context,
    md: Markup,
    page: str,
    entry: Entry,
    blocks: list[str],
    *,
    sections: bool = True,
    occurrences_title: str = "In the article",
) -> str:
    """An entry's body: its text, then (for one-page kinds) later context, occurrences, see also and sources."""
    out = list(blocks)
    if sections:
        if entry.data.get("since_publication"):
            out.append(_since(md, entry.data["since_publication"], heading=False))
        out.append(_occurrences(ctx, page, entry, occurrences_title, heading=False))
        if entry.data.get("see_also"):
            out.append(_see_also(ctx, page, entry))
        out.append(_citations(entry.data["sources"], heading=False))
    inner = "\n".join(b for b in out if b)
    # Sources also carry their type (named, anonymous, document), for the reader's visual cues.
    classes = f"ann-entry ann-entry-{entry.kind.name}"
    if entry.kind.name == "sources":
        classes += f" ann-source-{entry.data['type']}"
    return f'<div class="{classes}" data-annotation="{entry.ref}">\n{inner}\n</div>'


def _common_sections(ctx: Context, md: Markup, page: str, entry: Entry) -> list[str]:
    parts = []
    if entry.data.get("since_publication"):
        parts += [
            page_html.heading(2, "Since publication", "since-publication"),
            _since(md, entry.data["since_publication"]),
        ]
    parts += [
        page_html.heading(2, "In the article", "in-the-article"),
        _occurrences(ctx, page, entry, "", heading=True),
    ]
    if entry.data.get("see_also"):
        parts += [page_html.heading(2, "See also", "see-also"), _see_also(ctx, page, entry, heading=True)]
    parts += [page_html.heading(2, "Sources", "sources"), _citations(entry.data["sources"])]
    return parts


def _occurrences(ctx: Context, page: str, entry: Entry, title: str, *, heading: bool) -> str:
    spans = [s for s in ctx.spans(entry.ref) if s.statement is None]
    label = "" if heading else f'<p class="ann-label">{title} ({len(spans)})</p>'
    if not spans:
        note = "Not mentioned in the article itself." if entry.data.get("reference_only") else "Only in statements."
        return f'{label}<p class="ann-none">{note}</p>'
    items = "".join(_occurrence(ctx, page, span) for span in spans)
    return label + page_html.not_indexed(f'<ol class="ann-occurrences">{items}</ol>')


def _occurrence(ctx: Context, page: str, span: Span) -> str:
    text = ctx.article(span.article).paragraphs[span.paragraph - 1]
    left = max(0, span.start - SNIPPET_CONTEXT)
    right = min(len(text), span.end + SNIPPET_CONTEXT)
    while left > 0 and not text[left - 1].isspace():
        left += 1
        if left >= span.start:
            left = span.start
            break
    while right < len(text) and not text[right].isspace() and right > span.end:
        right -= 1
    before = ("…" if left > 0 else "") + text[left : span.start]
    after = text[span.end : right] + ("…" if right < len(text) else "")
    href = relative(page, article_page(span.article) + f"#p{span.paragraph}")
    prefix = f"{ctx.article(span.article).title}, " if len(ctx.articles) > 1 else ""
    return (
        f'<li><a class="ann-where" href="{href}" aria-label="{markup.text(prefix)}paragraph {span.paragraph}">'
        f"{markup.text(prefix)}¶{span.paragraph}</a> "
        f'<span class="ann-snippet">{markup.text(before)}<mark>{markup.text(text[span.start : span.end])}</mark>'
        f"{markup.text(after)}</span></li>"
    )


def _since(md: Markup, notes: list[dict[str, Any]], *, heading: bool = True) -> str:
    label = "" if heading else '<p class="ann-label ann-later-label">Since publication</p>'
    return (
        f'<div class="ann-later">{label}<p class="ann-later-note">Later context: events after the article '
        f"was published in February 2020.</p>{_dated_list(md, notes)}</div>"
    )


def _dated_list(md: Markup, notes: list[dict[str, Any]]) -> str:
    ordered = sorted(notes, key=lambda n: str(n["date"]))
    items = "".join(
        f"<li>{_date(n['date'])} {md.inline(n['text'])}{_citations_inline(n['sources'])}</li>" for n in ordered
    )
    return f'<ol class="ann-dated">{items}</ol>'


def _date(value: object) -> str:
    iso = str(value)
    return f'<time class="ann-date" datetime="{markup.text(iso)}">{markup.text(markup.date_text(iso))}</time>'


def _leader(md: Markup, leader: dict[str, Any]) -> str:
    span = ""
    if leader.get("from") or leader.get("to"):
        start = markup.date_text(str(leader["from"])) if leader.get("from") else "?"
        end = markup.date_text(str(leader["to"])) if leader.get("to") else ""
        span = f" ({markup.text(start)}–{markup.text(end)})"
    role = f", {markup.text(leader['role'])}" if leader.get("role") else ""
    note = f" — {md.inline(leader['note'])}" if leader.get("note") else ""
    return f"{markup.text(leader['name'])}{role}{span}{note}{_citations_inline(leader['sources'])}"


def _allegiance(ctx: Context, md: Markup, page: str, item: dict[str, Any]) -> str:
    target = item["to"]
    shown = _ref_link(ctx, page, target) if target in ctx.by_ref else markup.text(target)
    when = ""
    if item.get("from"):
        when = f" (from {markup.text(markup.date_text(str(item['from'])))}"
        when += f" to {markup.text(markup.date_text(str(item['until'])))})" if item.get("until") else ")"
    note = f" — {md.inline(item['note'])}" if item.get("note") else ""
    return f"{shown}{when}{note}{_citations_inline(item['sources'])}"


def _ref_link(ctx: Context, page: str, ref: str) -> str:
    entry = ctx.by_ref[ref]
    return f'<a href="{relative(page, entry_page(ref))}">{markup.text(entry.label)}</a>'


def _see_also(ctx: Context, page: str, entry: Entry, *, heading: bool = False) -> str:
    links = ", ".join(_ref_link(ctx, page, ref) for ref in entry.data["see_also"])
    return f'<p class="ann-see-also">{"" if heading else "<strong>See also:</strong> "}{links}</p>'


def _citation(c: dict[str, Any]) -> str:
    note = f" {markup.text(c['note'])}" if c.get("note") else ""
    return (
        f'<a href="{markup.text(c["url"])}" rel="noopener noreferrer">{markup.text(c["title"])}</a>, '
        f'<span class="ann-publisher">{markup.text(c["publisher"])}</span>, {_date(c["date"])}.{note}{_via(c)}'
    )


def _via(c: dict[str, Any]) -> str:
    """Where the cited text was read, when that was a copy of the original."""
    via = c.get("via")
    if not via:
        return ""
    copy = (
        f'<a href="{markup.text(via["url"])}" rel="noopener noreferrer">{markup.text(via["title"])}</a>, '
        f"{markup.text(via['publisher'])}"
    )
    if not via.get("original_unavailable"):
        return f' <span class="ann-via">Read in {copy}.</span>'
    where = "" if via["url"] == c["url"] else f" Read in {copy}."
    return f' <span class="ann-via">A copy: no page of the original publisher could be found.{where}</span>'


def _citations(citations: list[dict[str, Any]], *, heading: bool = True) -> str:
    label = "" if heading else '<p class="ann-label">Sources</p>'
    items = "".join(f"<li>{_citation(c)}</li>" for c in citations)
    return f'{label}<ol class="ann-citations">{items}</ol>'


def _citations_inline(citations: list[dict[str, Any]]) -> str:
    return (
        '<span class="ann-cite"> ('
        + "; ".join(
            f'<a href="{markup.text(c["url"])}" rel="noopener noreferrer">{markup.text(c["publisher"])}, '
            f"{markup.text(markup.date_text(str(c['date'])))}</a>"
            + (
                f' (via <a href="{markup.text(c["via"]["url"])}" rel="noopener noreferrer">'
                f"{markup.text(c['via']['publisher'])}</a>)"
                if c.get("via")
                else ""
            )
            for c in citations
        )
        + ")</span>"
    )


def _cite_marks(citations: list[dict[str, Any]]) -> str:
    return _citations_inline(citations)


_LIST_INTROS = {
    "people": "People the article mentions, with their role when it was written and what followed.",
    "places": "Places the article mentions.",
    "figures": "The numbers the article gives, each with what it counts and other estimates, in reading order.",
}
_PLACE_TYPES = {
    "country": "Country",
    "city": "City",
    "region": "Region",
    "border-area": "Border area",
    "site": "Site",
    "continent": "Continent",
}


def render_entry_list(ctx: Context, kind: str) -> str:
    """HTML of a one-page kind other than the glossary: people, places or figures."""
    page = kind_page(kind)
    md = ctx.markup(page)
    entries = ctx.of_kind(kind)
    if kind == "figures":  # numbers read best in the order the article gives them
        entries.sort(
            key=lambda e: min(((s.article, s.paragraph, s.start) for s in ctx.spans(e.ref)), default=("", 0, 0))
        )
    parts = [page_html.heading(1, KINDS[kind].title), f'<p class="ann-intro">{_LIST_INTROS[kind]}</p>']
    if not entries:
        parts.append('<p class="ann-none">None yet.</p>')
    for entry in entries:
        parts.append(page_html.heading(2, entry.label, entry.id))
        blocks = _list_facts(md, kind, entry)
        blocks.insert(0, md.block(entry.data[KINDS[kind].text_field]))
        parts.append(_entry_block(ctx, md, page, entry, blocks))
    return "\n\n".join(parts) + "\n"


def _list_facts(md: Markup, kind: str, entry: Entry) -> list[str]:
    data = entry.data
    facts: list[tuple[str, str]] = []
    if kind == "people":
        if data.get("role_at_publication"):
            facts.append(("In February 2020", markup.text(data["role_at_publication"])))
        life = [
            f"born {markup.date_text(str(data['born']))}" if data.get("born") else "",
            f"died {markup.date_text(str(data['died']))}" if data.get("died") else "",
        ]
        if any(life):
            facts.append(("Life", markup.text(", ".join(x for x in life if x))))
        if data.get("roles"):
            facts.append(("Roles", "<br>".join(_role(md, r) for r in data["roles"])))
    elif kind == "places":
        facts.append(("Type", _PLACE_TYPES[data["type"]]))
        if data.get("coordinates"):
            point = data["coordinates"]
            facts.append(
                (
                    "Location",
                    f"{abs(point['lat']):.2f}° {'N' if point['lat'] >= 0 else 'S'}, "
                    f"{abs(point['lon']):.2f}° {'E' if point['lon'] >= 0 else 'W'}",
                )
            )
    blocks = []
    if facts:
        blocks.append('<dl class="ann-facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>")
    if kind == "figures" and data.get("estimates"):
        rows = "".join(
            f"<tr><td>{_date(e['date'])}</td><td>{markup.text(e['value'])}</td>"
            f"<td>{md.inline(e['note']) if e.get('note') else ''}{_citations_inline(e['sources'])}</td></tr>"
            for e in sorted(data["estimates"], key=lambda e: str(e["date"]))
        )
        blocks.append(
            '<table class="ann-table"><thead><tr><th>Date</th><th>Estimate</th><th>Source and notes</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    return blocks


def _role(md: Markup, role: dict[str, Any]) -> str:
    start = markup.date_text(str(role["from"])) if role.get("from") else ""
    end = markup.date_text(str(role["to"])) if role.get("to") else ""
    span = f" ({markup.text(start)}–{markup.text(end)})" if start or end else ""
    note = f" — {md.inline(role['note'])}" if role.get("note") else ""
    return f"{markup.text(role['role'])}{span}{note}{_citations_inline(role['sources'])}"


def render_article_index(ctx: Context) -> str:
    """HTML of the index of articles: each with its provenance, summary and annotation counts."""
    page = "articles/index.md"
    md = ctx.markup(page)
    items = []
    for article in ctx.articles:
        first = article.meta["first_published"]
        spans = [s for (aid, _), found in ctx.anchoring.spans.items() if aid == article.id for s in found]
        entries = {s.ref for s in spans if s.statement is None}
        statements = sum(1 for s in spans if s.statement is not None)
        summary = f"<p>{md.inline(article.meta['summary'])}</p>" if article.meta.get("summary") else ""
        items.append(
            f'<li><a href="{relative(page, article_page(article.id))}">'
            f"<strong>{markup.text(article.title)}</strong></a>"
            f'<p class="ann-provenance">{markup.text(article.meta["publisher"])}; first published by '
            f"{markup.text(first['publisher'])}, {_date(first['date'])}.</p>{summary}"
            f'<p class="ann-counts">{len(entries)} annotated entries, {statements} attributed statements.</p></li>'
        )
    return (
        "\n\n".join(
            [
                page_html.heading(1, "Articles"),
                '<p class="ann-intro">The annotated articles. Glossary terms, groups, people, places and figures '
                "are shared between them; each statement belongs to one article.</p>",
                '<ul class="ann-list">\n' + "\n".join(items) + "\n</ul>",
            ]
        )
        + "\n"
    )
