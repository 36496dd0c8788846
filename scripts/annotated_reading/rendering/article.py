"""The annotated article page: numbered paragraphs with nested annotation spans, and one card per entry."""

from __future__ import annotations

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.kinds import STATEMENT_KINDS, Article, Entry
from annotated_reading.pictures.maps import inset, inset_defs
from annotated_reading.rendering import markup, page_html
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.links import article_page, entry_page, relative, statement_anchor

_MORE = {
    "glossary": "Full definition",
    "groups": "Full profile",
    "sources": "All statements",
    "figures": "Other estimates",
}
_SOURCE_TYPES = {"named": "Named source", "anonymous": "Anonymous source", "document": "Document"}
_HIGHLIGHTS = (
    ("all", "All kinds"),
    ("glossary", "Terms"),
    ("groups", "Groups"),
    ("people", "People"),
    ("places", "Places"),
    ("figures", "Figures"),
    ("sources", "Sources"),
    ("statements", "Statements"),
)
"""The reading controls' choices of what to highlight, in order; each shown only if the article has it."""


def card_id(ref: str, statement: int | None = None) -> str:
    """The element id of an entry's (or a statement's) card."""
    base = "card-" + ref.replace("/", "-")
    return base if statement is None else f"{base}-s{statement + 1}"


def render_article(ctx: Context, article: Article) -> str:
    """HTML of an article page: a heading, provenance, the annotated text and its cards."""
    page = article_page(article.id)
    first = article.meta["first_published"]
    provenance = (
        f'<p class="ann-provenance">As republished by {markup.text(article.meta["publisher"])}; first published by '
        f'{markup.text(first["publisher"])} on <time datetime="{markup.text(first["date"])}">'
        f"{markup.text(markup.date_text(str(first['date'])))}</time>. The text is theirs, reproduced unaltered; "
        f"the annotations are this project's.</p>"
    )
    notes = _notes(ctx, article)
    # The number is drawn by CSS from data-n, so that the article's text content is exactly its
    # paragraphs joined by newlines: the plain text that the exported W3C selectors count in.
    body = [
        f'<p id="p{n}" class="ann-p"><a class="ann-pn" href="#p{n}" data-n="{n}" aria-label="Paragraph {n}" '
        f'title="Link to paragraph {n}"></a>'
        f'<span class="ann-text">{_paragraph(ctx, page, article, n, notes)}</span></p>'
        for n in range(1, len(article.paragraphs) + 1)
    ]
    cards = _cards(ctx, page, notes)
    return (
        "\n\n".join(
            [
                page_html.heading(1, article.title),
                provenance,
                _toolbar(notes),
                f'<div class="ann-article" data-article="{markup.text(article.id)}">'
                + "\n".join(body)
                + f'</div>\n<p class="ann-credit">{markup.text(article.credit)}</p>',
                page_html.not_indexed('<div class="ann-cards">\n' + "\n".join(cards) + "\n</div>"),
            ]
        )
        + "\n"
    )


def _paragraph(ctx: Context, page: str, article: Article, number: int, notes: Notes) -> str:
    text = article.paragraphs[number - 1]
    spans = ctx.anchoring.spans.get((article.id, number), [])
    out: list[str] = []
    open_spans: list[Span] = []
    cursor = 0

    def close_until(position: int) -> None:
        nonlocal cursor
        while open_spans and open_spans[-1].end <= position:
            span = open_spans.pop()
            out.append(markup.text(text[cursor : span.end]))
            cursor = span.end
            out.append(_close(ctx, page, span, notes))

    for span in spans:
        close_until(span.start)
        out.append(markup.text(text[cursor : span.start]))
        cursor = span.start
        out.append(_open(ctx, page, span, notes))
        open_spans.append(span)
    close_until(len(text) + 1)
    out.append(markup.text(text[cursor:]))
    return "".join(out)


def _open(ctx: Context, page: str, span: Span, notes: Notes) -> str:
    entry = ctx.by_ref[span.ref]
    if span.statement is not None:
        return (
            f'<span class="ann-stmt ann-{entry.data["type"]}" data-annotation="{span.ref}" '
            f'data-statement="{span.statement + 1}">'
        )
    href = relative(page, entry_page(span.ref))
    return (
        f'<a class="ann ann-{entry.kind.name}" href="{href}" data-annotation="{span.ref}" '
        f'data-card="{card_id(span.ref)}" data-note="{notes[(span.ref, None)]}">'
    )


def _close(ctx: Context, page: str, span: Span, notes: Notes) -> str:
    if span.statement is None:
        return "</a>"
    entry = ctx.by_ref[span.ref]
    kind_name, entry_id = span.ref.split("/", 1)
    href = relative(page, f"{kind_name}.md#{statement_anchor(entry_id, span.statement)}")
    label = f"Who said this: {entry.label}"
    return (
        f'</span><a class="ann-mark ann-{entry.data["type"]}" href="{href}" data-annotation="{span.ref}" '
        f'data-statement="{span.statement + 1}" data-card="{card_id(span.ref, span.statement)}" '
        f'data-note="{notes[(span.ref, span.statement)]}" '
        f'aria-label="{markup.text(label)}" title="{markup.text(label)}"></a>'
    )


def _toolbar(notes: Notes) -> str:
    """The reading controls, in the page from the start so that nothing moves when the script wires them up.

    Readers without JavaScript never see them (a `<noscript>` style in the page head hides them).
    """
    present = {ref.split("/", 1)[0] for ref, statement in notes if statement is None}
    if any(statement is not None for _, statement in notes):
        present.add("statements")
    if not present:
        return ""
    choices = "".join(
        f'<label class="ann-kind"><input type="radio" name="ann-kind" value="{kind}"'
        f'{" checked" if kind == "all" else ""}><span class="ann-sample ann-{kind}">{label}</span></label>'
        for kind, label in _HIGHLIGHTS
        if kind == "all" or kind in present
    )
    return (
        '<div class="ann-tools" role="group" aria-label="Reading controls">'
        '<button type="button" class="ann-toggle" aria-pressed="true" data-control="on">Annotations</button>'
        '<button type="button" class="ann-toggle" aria-pressed="false" data-control="first">First mention only'
        f'</button><fieldset class="ann-kinds"><legend>Highlight</legend>{choices}</fieldset></div>'
    )


Notes = dict[tuple[str, int | None], int]
"""(ref, statement) -> note number, in order of first appearance; cards double as print endnotes."""


def _notes(ctx: Context, article: Article) -> Notes:
    notes: Notes = {}
    for number in range(1, len(article.paragraphs) + 1):
        for span in ctx.anchoring.spans.get((article.id, number), []):
            notes.setdefault((span.ref, span.statement), len(notes) + 1)
    return notes


def _cards(ctx: Context, page: str, notes: Notes) -> list[str]:
    cards = [_card(ctx, page, ctx.by_ref[ref], statement, n) for (ref, statement), n in notes.items()]
    defs = inset_defs(ctx, (ctx.by_ref[ref] for ref, statement in notes if statement is None))
    return [*cards, defs] if defs else cards


def _card(ctx: Context, page: str, entry: Entry, statement: int | None, note: int) -> str:
    md = ctx.markup(page)
    kind = entry.kind
    if statement is None:
        label = kind.singular.capitalize()
        if kind.name == "sources":
            label = _SOURCE_TYPES[entry.data["type"]]
        text = entry.data.get(kind.text_field)
        body = f'<p class="ann-card-text">{md.first_paragraph(text)}</p>' if text else ""
        if kind.name == "sources":
            body = _source_line(entry) + body
        if kind.name == "places":
            body += inset(ctx, page, entry)
        more = relative(page, entry_page(entry.ref))
        more_text = _MORE.get(kind.name, "Full entry")
    else:
        spec = entry.statements[statement]
        how = STATEMENT_KINDS.get(spec.get("kind", ""), "statement").capitalize()
        label = f"{how} · {_SOURCE_TYPES[entry.data['type']]}"
        body = _source_line(entry)
        if spec.get("note"):
            body += f'<p class="ann-card-text">{md.first_paragraph(spec["note"])}</p>'
        more = relative(page, f"sources.md#{statement_anchor(entry.id, statement)}")
        more_text = "How the article sourced this"
    title = entry.label
    cid = card_id(entry.ref, statement)
    return (
        f'<div class="ann-card ann-card-{kind.name}" id="{cid}" data-note="{note}" role="dialog" '
        f'aria-labelledby="{cid}-t" hidden>'
        f'<p class="ann-card-kind">{markup.text(label)}</p>'
        f'<p class="ann-card-title" id="{cid}-t">{markup.text(title)}</p>{body}'
        f'<p class="ann-card-more"><a href="{more}">{more_text}</a></p></div>'
    )


def _source_line(entry: Entry) -> str:
    parts = [entry.data[k] for k in ("role", "affiliation") if entry.data.get(k)]
    line = f'<p class="ann-card-role">{markup.text(" — ".join(parts))}</p>' if parts else ""
    if entry.data.get("anonymity"):
        line += f'<p class="ann-card-role">Unnamed because: {markup.text(entry.data["anonymity"])}</p>'
    return line
