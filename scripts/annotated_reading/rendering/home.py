"""The home page: a landing for readers that introduces each article and points to the reference pages.

Built from the articles' data (`article.yml`: provenance, `summary`, `why_it_matters`) and the places they
mention; the template is `home.html.jinja`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec

from annotated_reading.model.entries import Article
from annotated_reading.model.verdicts import Verdict
from annotated_reading.pictures.maps import MAP_PAGE, ArticleMap, article_map
from annotated_reading.pictures.timeline import TIMELINE_PAGE
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.hindsight import claims, summary
from annotated_reading.rendering.links import ARTICLE_INDEX, article_page, held_up_page, kind_page, relative
from annotated_reading.rendering.templates import render

HOME_PAGE = "index.md"
"""The home page's path under docs/ (published as index.html)."""

GUIDE: dict[str, str] = {
    kind_page("glossary"): "What the terms mean",
    kind_page("groups"): "A profile of each armed group and organisation",
    kind_page("sources"): "Who said what, and how each claim was sourced",
    kind_page("people"): "The people mentioned, then and since",
    kind_page("places"): "What and where each place is",
    kind_page("figures"): "The numbers given, with other estimates",
    MAP_PAGE: "Every place on a map",
    TIMELINE_PAGE: "Events before and since publication, in order",
    ARTICLE_INDEX: "Every annotated article, with its provenance",
    "fields.md": "Every field an annotation file can hold, for contributors",
}
"""What each of the engine's reference pages offers, in a line; in the order the home page lists them when it is
not given the site's navigation."""


class PageLink(msgspec.Struct, frozen=True):
    """A page as the site's navigation names it (see `render_home`)."""

    title: str
    path: str
    """Its path under docs/, e.g. `glossary.md`."""
    description: str = ""
    """What it offers, in a line (for hand-written pages, their `description`); empty for the engine's own."""


class HeldUp(msgspec.Struct, frozen=True):
    """The link to an article's "How it held up" page, with its claims counted by verdict."""

    href: str
    counts: tuple[tuple[Verdict, int], ...]
    """Each verdict that some claim has, with how many claims have it, in the scale's order."""


class Introduction(msgspec.Struct, frozen=True):
    """An article as the home page introduces it."""

    article: Article
    href: str
    """Its page, from the home page."""
    anchor: str
    """The id of its heading on the home page."""
    map: ArticleMap | None
    held_up: HeldUp | None = None


class GuideLine(msgspec.Struct, frozen=True):
    """A reference page in the home page's list: a link and what the page offers."""

    href: str
    title: str
    line: str


def home_title(ctx: Context) -> str:
    """The home page's heading: it names one reading, or several."""
    return "An annotated reading" if len(ctx.articles) == 1 else "Annotated readings"


def _held_up(ctx: Context, page: str, article: Article) -> HeldUp | None:
    found = claims(ctx, article)
    if not found:
        return None
    rows = summary(found).rows
    return HeldUp(relative(page, held_up_page(article.id)), tuple((v, total) for v, _, total in rows if total))


def render_home(ctx: Context, titles: Mapping[str, str], nav: Sequence[PageLink] | None = None) -> str:
    """The home page's body: each article introduced, then the reference pages, a line each.

    Arguments:
        ctx: the analysed project.
        titles: the engine's pages' titles, by path under docs/ (the pages that exist).
        nav: the site's navigation, top-level pages in order, if the site has one: its titles and order, and its
            hand-written pages with a description, win over the engine's defaults.
    """
    page = HOME_PAGE
    introductions = [
        Introduction(
            article,
            relative(page, article_page(article.id)),
            f"article-{article.id}",
            article_map(ctx, page, article.id),
            _held_up(ctx, page, article),
        )
        for article in ctx.articles
    ]
    skip = {page, *(article_page(a.id) for a in ctx.articles)}
    if len(ctx.articles) == 1:
        skip.add(ARTICLE_INDEX)  # its one entry is introduced above
    links = nav if nav is not None else [PageLink(titles[path], path) for path in GUIDE if path in titles]
    guide = [
        GuideLine(relative(page, link.path), link.title, link.description or GUIDE.get(link.path, ""))
        for link in links
        if link.path not in skip
    ]
    return render(ctx.templates, "home.html.jinja", page, ctx.markup(page), articles=introductions, guide=guide)
