"""Every annotation as W3C Web Annotations (JSON-LD), with selectors that any annotation tool can anchor.

Positions count Unicode code points in an article's plain text: its paragraphs joined by newlines, which is
exactly the text content of the article element on its page (see `render_article`).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from annotated_reading.anchoring.anchor import Span
from annotated_reading.model.entries import Article
from annotated_reading.model.records import Hindsight
from annotated_reading.model.verdicts import VERDICTS, hindsight_of
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.links import (
    article_page,
    claim_anchor,
    entry_page,
    held_up_page,
    site_path,
    statement_anchor,
)

EXPORT_PATH = "annotations.jsonld"
"""Where the collection is published in the site."""

CONTEXT_WIDTH = 32
"""Characters of prefix and suffix in each TextQuoteSelector."""


def plain_text(article: Article) -> str:
    """The text the selectors count in: the paragraphs, joined by newlines."""
    return "\n".join(article.paragraphs)


def paragraph_offsets(article: Article) -> list[int]:
    """Where each paragraph starts in `plain_text` (index 0 is paragraph 1)."""
    offsets, at = [], 0
    for text in article.paragraphs:
        offsets.append(at)
        at += len(text) + 1
    return offsets


def web_annotations(ctx: Context, base_url: str = "") -> dict[str, Any]:
    """An AnnotationCollection holding one Annotation per annotated span of every article.

    Arguments:
        ctx: the analysed project.
        base_url: the site's address (ending in `/`); empty for links relative to the export file.
    """
    items = []
    for article in ctx.articles:
        text = plain_text(article)
        offsets = paragraph_offsets(article)
        seen: dict[str, int] = {}
        for number in range(1, len(article.paragraphs) + 1):
            for span in ctx.anchoring.spans.get((article.id, number), []):
                key = span.ref if span.statement is None else f"{span.ref}/s{span.statement + 1}"
                seen[key] = seen.get(key, 0) + 1
                start = offsets[number - 1] + span.start
                annotation = _annotation(ctx, article, span, text, start, f"{key}/{seen[key]}", base_url)
                items.append(annotation)
                held = hindsight_of(ctx.by_ref[span.ref].data, span.statement)
                if held is not None and seen[key] == 1:  # a verdict once per claim and article: on its first words
                    items.append(_assessment(ctx, article, span, held, annotation["target"], key, base_url))
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": base_url + EXPORT_PATH,
        "type": "AnnotationCollection",
        "label": "Annotations of " + "; ".join(a.title for a in ctx.articles),
        "total": len(items),
        "first": {"id": base_url + EXPORT_PATH + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def export_text(collection: dict[str, Any]) -> str:
    """The collection as JSON text with one annotation per line: readable, diffable, and quick to write.

    (Indenting every annotation with `json.dumps(indent=...)` takes Python's slow encoder: four times the time.)
    """
    items = collection["first"]["items"]
    shell = {**collection, "first": {**collection["first"], "items": []}}
    text = json.dumps(shell, ensure_ascii=False, indent=1)
    # Only the key itself can read `"items": []` here: inside a JSON string its quotes would be escaped.
    rows = ",\n".join("   " + json.dumps(item, ensure_ascii=False, separators=(",", ":")) for item in items)
    return text.replace('"items": []', '"items": [\n' + rows + "\n  ]" if rows else '"items": []', 1) + "\n"


def _annotation(
    ctx: Context, article: Article, span: Span, text: str, start: int, key: str, base_url: str
) -> dict[str, Any]:
    entry = ctx.by_ref[span.ref]
    end = start + (span.end - span.start)
    if span.statement is None:
        link, motivation = entry_page(span.ref), "identifying"
        label = f"{entry.kind.singular.capitalize()}: {entry.label}"
    else:
        link = f"sources.md#{statement_anchor(entry.id, span.statement)}"
        motivation = "describing"
        label = f"Statement attributed to {entry.label}"
    return {
        "id": f"{base_url}{EXPORT_PATH}#{quote(key, safe='/')}",
        "type": "Annotation",
        "motivation": motivation,
        "body": [
            {"type": "TextualBody", "value": label, "format": "text/plain", "language": "en", "purpose": "tagging"},
            {"type": "SpecificResource", "source": base_url + site_path(link), "purpose": motivation},
        ],
        "target": {
            "source": base_url + site_path(article_page(article.id)),
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[start:end],
                    "prefix": text[max(0, start - CONTEXT_WIDTH) : start],
                    "suffix": text[end : end + CONTEXT_WIDTH],
                },
                {"type": "TextPositionSelector", "start": start, "end": end},
            ],
        },
    }


def _assessment(
    ctx: Context, article: Article, span: Span, held: Hindsight, target: dict[str, Any], key: str, base_url: str
) -> dict[str, Any]:
    """How a claim held up, as an `assessing` annotation on the same words as the claim's own annotation."""
    verdict = VERDICTS[held.verdict]
    page = held_up_page(article.id)
    anchor = claim_anchor(span.ref.split("/", 1)[1], span.statement)
    return {
        "id": f"{base_url}{EXPORT_PATH}#{quote(key, safe='/')}/assessment",
        "type": "Annotation",
        "motivation": "assessing",
        "body": [
            {
                "type": "TextualBody",
                "value": f"{verdict.name} (as of {held.as_of})",
                "format": "text/plain",
                "language": "en",
                "purpose": "assessing",
            },
            {
                "type": "TextualBody",
                "value": held.explanation,
                "format": "text/markdown",
                "language": "en",
                "purpose": "commenting",
            },
            {"type": "SpecificResource", "source": base_url + site_path(f"{page}#{anchor}"), "purpose": "assessing"},
        ],
        "target": target,
    }


def text_fragment(article: Article, span: Span) -> str:
    """A `#pN:~:text=…` fragment that highlights the span in browsers that support text fragments.

    Browsers without support get `#pN:~:text=…` as a fragment; the page's script then scrolls to `#pN`.
    """
    text = article.paragraphs[span.paragraph - 1]
    exact = text[span.start : span.end]
    words = exact.split()
    # Long quotes: a start and an end are enough, and keep the URL short.
    long = len(words) > 10
    directive = f"{_term(' '.join(words[:4]))},{_term(' '.join(words[-4:]))}" if long else _term(exact)
    before = text[: span.start].split()[-3:]
    if before:
        directive = f"{_term(' '.join(before))}-,{directive}"
    return f"p{span.paragraph}:~:text={directive}"


def _term(value: str) -> str:
    # The directive's own syntax characters (- , &) must be escaped inside terms.
    return quote(value, safe="").replace("-", "%2D")
