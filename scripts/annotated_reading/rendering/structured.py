"""schema.org descriptions of the pages, as JSON-LD for search engines and knowledge graphs."""

from __future__ import annotations

import json
from typing import Any

from annotated_reading.model.kinds import Article, Entry
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.links import article_page, entry_page, kind_page, site_path, statement_anchor

_TYPES = {"groups": "Organization", "people": "Person", "places": "Place", "glossary": "DefinedTerm"}


def script(data: dict[str, Any]) -> str:
    """A `<script type="application/ld+json">` block; `<` is escaped so no text can close the element."""
    body = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False).replace("<", "\\u003c")
    return f'<script type="application/ld+json">{body}</script>'


def page_data(ctx: Context, page: str, base_url: str = "") -> dict[str, Any] | None:
    """The JSON-LD for a generated page, or None for pages without one."""
    for article in ctx.articles:
        if page == article_page(article.id):
            return _news_article(ctx, article, base_url)
    if page == kind_page("glossary"):
        return {
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "@id": base_url + site_path(page),
            "name": "Glossary",
            "hasDefinedTerm": [_entity(e, base_url) for e in ctx.of_kind("glossary")],
        }
    if page == kind_page("sources"):
        return {
            "@context": "https://schema.org",
            "@graph": [q for e in ctx.of_kind("sources") for q in _quotations(ctx, e, base_url)],
        }
    for kind in ("people", "places"):
        if page == kind_page(kind):
            return {"@context": "https://schema.org", "@graph": [_entity(e, base_url) for e in ctx.of_kind(kind)]}
    for entry in ctx.of_kind("groups"):
        if page == entry_page(entry.ref):
            return {"@context": "https://schema.org", **_entity(entry, base_url)}
    return None


def _id(entry: Entry, base_url: str) -> str:
    return base_url + site_path(entry_page(entry.ref))


def _entity(entry: Entry, base_url: str) -> dict[str, Any]:
    """A mentioned entity as its schema.org type, with its Wikidata item as `sameAs` where known."""
    kind = entry.kind.name
    if kind == "sources":
        kind = "people" if entry.data["type"] == "named" else ""
    data: dict[str, Any] = {
        "@type": _TYPES.get(kind, "Thing"),
        "@id": _id(entry, base_url),
        "name": entry.label,
        "url": _id(entry, base_url),
    }
    if kind == "glossary":
        data["inDefinedTermSet"] = base_url + site_path(kind_page("glossary"))
    if entry.data.get("full_name"):
        data["alternateName"] = [entry.data["full_name"], *entry.data.get("other_names", [])]
    if kind == "people" and entry.data.get("role_at_publication"):
        data["jobTitle"] = entry.data["role_at_publication"]
    if kind == "people" and entry.data.get("role"):
        data["jobTitle"] = entry.data["role"]
    if kind == "places" and entry.data.get("coordinates"):
        point = entry.data["coordinates"]
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point["lat"], "longitude": point["lon"]}
    if entry.data.get("wikidata"):
        data["sameAs"] = f"https://www.wikidata.org/wiki/{entry.data['wikidata']}"
    return data


def _news_article(ctx: Context, article: Article, base_url: str) -> dict[str, Any]:
    meta = article.meta
    first = meta["first_published"]
    mentioned = sorted({s.ref for (aid, _), spans in ctx.anchoring.spans.items() if aid == article.id for s in spans})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": base_url + site_path(article_page(article.id)),
        "headline": article.title,
        "publisher": {"@type": "Organization", "name": meta["publisher"]},
        "isBasedOn": {
            "@type": "NewsArticle",
            "publisher": {"@type": "Organization", "name": first["publisher"]},
            "datePublished": first["date"],
            **({"headline": first["headline"]} if first.get("headline") else {}),
        },
        "datePublished": first["date"],
        "creditText": article.credit,
        "mentions": [_entity(ctx.by_ref[ref], base_url) for ref in mentioned],
    }
    if meta.get("url"):
        data["url"] = meta["url"]
    return data


def _quotations(ctx: Context, entry: Entry, base_url: str) -> list[dict[str, Any]]:
    creator = _entity(entry, base_url)
    if entry.data["type"] == "anonymous":
        creator = {"@type": "Person", "description": entry.label}
    elif entry.data["type"] == "document":
        creator = {"@type": "CreativeWork", "name": entry.label}
    spans = {s.statement: s for s in ctx.spans(entry.ref) if s.statement is not None}
    out = []
    for index in range(len(entry.statements)):
        span = spans.get(index)
        if span is None:
            continue
        text = ctx.article(span.article).paragraphs[span.paragraph - 1][span.start : span.end]
        out.append(
            {
                "@type": "Quotation",
                "@id": base_url + site_path(f"{kind_page('sources')}#{statement_anchor(entry.id, index)}"),
                "text": text,
                "creator": creator,
                "isPartOf": {"@id": base_url + site_path(article_page(span.article))},
            }
        )
    return out
