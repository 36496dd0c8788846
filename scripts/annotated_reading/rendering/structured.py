"""schema.org descriptions of the pages, as JSON-LD for search engines and knowledge graphs."""

from __future__ import annotations

from typing import Any

from annotated_reading.model.entries import Article, Entry
from annotated_reading.model.records import EntryFields, Group, Person, Place, Source
from annotated_reading.rendering.context import AnyEntry, Context
from annotated_reading.rendering.hindsight import Claim, claims
from annotated_reading.rendering.links import (
    article_page,
    entry_page,
    held_up_page,
    kind_page,
    site_path,
    statement_anchor,
)

_TYPES = {"groups": "Organization", "people": "Person", "places": "Place", "glossary": "DefinedTerm"}


def page_data(ctx: Context, page: str, base_url: str = "") -> dict[str, Any] | None:
    """The JSON-LD for a generated page, or None for pages without one."""
    for article in ctx.articles:
        if page == article_page(article.id):
            return _news_article(ctx, article, base_url)
        if page == held_up_page(article.id):
            reviews = [_claim_review(ctx, article, claim, base_url) for claim in claims(ctx, article)]
            return {"@context": "https://schema.org", "@graph": reviews}
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
            "@graph": [q for e in ctx.entries_of(Source) for q in _quotations(ctx, e, base_url)],
        }
    for kind in ("people", "places"):
        if page == kind_page(kind):
            return {"@context": "https://schema.org", "@graph": [_entity(e, base_url) for e in ctx.of_kind(kind)]}
    for entry in ctx.of_kind("groups"):
        if page == entry_page(entry.ref):
            return {"@context": "https://schema.org", **_entity(entry, base_url)}
    return None


def _id(entry: AnyEntry, base_url: str) -> str:
    return base_url + site_path(entry_page(entry.ref))


def _reference(entry: AnyEntry, base_url: str) -> dict[str, Any]:
    """A mentioned entity by its type and id: its own page describes it in full, name included (see `_entity`).

    An article mentions about a hundred entities: their names would weigh half a kilobyte on its page, gzipped.
    """
    return {key: value for key, value in _entity(entry, base_url).items() if key in ("@type", "@id")}


def _entity(entry: AnyEntry, base_url: str) -> dict[str, Any]:
    """A mentioned entity as its schema.org type, with its Wikidata item as `sameAs` where known."""
    record = entry.data
    kind = entry.kind.name
    if isinstance(record, Source):
        kind = "people" if record.type == "named" else ""
    data: dict[str, Any] = {
        "@type": _TYPES.get(kind, "Thing"),
        "@id": _id(entry, base_url),
        "name": entry.label,
        "url": _id(entry, base_url),
    }
    if kind == "glossary":
        data["inDefinedTermSet"] = base_url + site_path(kind_page("glossary"))
    if isinstance(record, Group) and (record.full_name or record.aliases):
        full = [record.full_name] if record.full_name else []
        data["alternateName"] = [*full, *(alias.name for alias in record.aliases)]
    if isinstance(record, Person) and record.role_at_publication:
        data["jobTitle"] = record.role_at_publication
    if isinstance(record, Source) and kind == "people" and record.role:
        data["jobTitle"] = record.role
    if isinstance(record, Place) and record.coordinates:
        point = record.coordinates
        data["geo"] = {"@type": "GeoCoordinates", "latitude": point.lat, "longitude": point.lon}
    wikidata = getattr(record, "wikidata", None)
    if wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{wikidata}"
    return data


def _news_article(ctx: Context, article: Article, base_url: str) -> dict[str, Any]:
    meta = article.meta
    first = meta.first_published
    mentioned = sorted({s.ref for s in ctx.spans_in(article.id)})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": base_url + site_path(article_page(article.id)),
        "headline": article.title,
        "publisher": {"@type": "Organization", "name": meta.publisher},
        "isBasedOn": {
            "@type": "NewsArticle",
            "publisher": {"@type": "Organization", "name": first.publisher},
            "datePublished": first.date,
            **({"headline": first.headline} if first.headline else {}),
        },
        "datePublished": first.date,
        "creditText": article.credit,
        "mentions": [_reference(ctx.by_ref[ref], base_url) for ref in mentioned],
    }
    if meta.url:
        data["url"] = meta.url
    return data


REVIEWER = "The contributors of this annotated reading"
"""Who reviews the claims, as ClaimReview's `author` names them."""


def _claim_review(ctx: Context, article: Article, claim: Claim, base_url: str) -> dict[str, Any]:
    """A claim's verdict as schema.org ClaimReview: the words, who said them where, and the rating by name.

    Verdicts that rate nothing (overtaken, too early, not checkable) carry no `ratingValue`: their name says it.
    """
    entry = claim.entry
    first = article.meta.first_published
    if claim.statement is None:
        author: dict[str, Any] = {"@type": "Organization", "name": first.publisher}
    else:
        author = _speaker(entry, base_url) or {"@type": "Organization", "name": first.publisher}
    review_id = base_url + site_path(f"{held_up_page(article.id)}#{claim.anchor}")
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict.name}
    if claim.verdict.rating:
        rating |= {"ratingValue": claim.verdict.rating, "bestRating": 5, "worstRating": 1}
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": review_id,
        "claimReviewed": claim.words,
        "itemReviewed": {
            "@type": "Claim",
            "author": author,
            "datePublished": first.date,
            "appearance": {
                "@type": "NewsArticle",
                "@id": base_url + site_path(article_page(article.id)),
                "headline": article.title,
                "publisher": {"@type": "Organization", "name": article.meta.publisher},
            },
        },
        "reviewRating": rating,
        "author": {"@type": "Organization", "name": REVIEWER, **({"url": base_url} if _absolute(base_url) else {})},
        "datePublished": claim.hindsight.as_of,
    }
    if _absolute(base_url):
        review["url"] = review_id
    return review


def _absolute(base_url: str) -> bool:
    return base_url.startswith(("https://", "http://"))


def _speaker(entry: Entry[EntryFields], base_url: str) -> dict[str, Any] | None:
    """Who said a statement, as its Quotation's creator names them; None where the article does not say."""
    data = entry.data
    if not isinstance(data, Source):
        return None
    if data.type == "anonymous":
        return {"@type": "Person", "description": entry.label}
    if data.type == "document":
        return {"@type": "CreativeWork", "name": entry.label}
    if data.type == "unattributed":
        return None  # the article does not say whose words they are
    return _entity(entry, base_url)


def _quotations(ctx: Context, entry: Entry[Source], base_url: str) -> list[dict[str, Any]]:
    creator = _speaker(entry, base_url)
    spans = {s.statement: s for s in ctx.spans(entry.ref) if s.statement is not None}
    out = []
    for index in range(len(entry.statements)):
        span = spans.get(index)
        if span is None:
            continue
        text = ctx.article(span.article).paragraphs[span.paragraph - 1][span.start : span.end]
        quotation: dict[str, Any] = {
            "@type": "Quotation",
            "@id": base_url + site_path(f"{kind_page('sources')}#{statement_anchor(entry.id, index)}"),
            "text": text,
        }
        if creator is not None:
            quotation["creator"] = creator
        quotation["isPartOf"] = {"@id": base_url + site_path(article_page(span.article))}
        out.append(quotation)
    return out
