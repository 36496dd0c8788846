"""The Jinja environment the pages are rendered in: templates from `rendering/templates/`, autoescaped.

Templates get typed records and small view objects, never HTML made in Python, except what these filters
return: contributor Markdown after the sanitizer, and links worked out relative to the page.

Every page template is rendered with `page` (its path under docs/, for links) and `md` (the page's Markdown
renderer, see `Context.markup`) in its context; the filters that need them read them from there.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, Template, pass_context
from jinja2.runtime import Context as TemplateContext
from markupsafe import Markup as Html

from annotated_reading.rendering.languages import language_name
from annotated_reading.rendering.links import article_page, entry_page, relative
from annotated_reading.rendering.markup import Markup, date_text


def environment(bytecode_cache: BytecodeCache | None = None) -> Environment:
    """A template environment for the engine's pages.

    Arguments:
        bytecode_cache: where compiled templates are kept between processes (see `BuildCache`), if anywhere.
    """
    env = Environment(
        loader=PackageLoader("annotated_reading", "rendering/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=bytecode_cache,
    )
    env.filters.update(
        date_text=date_text,
        language_name=language_name,
        url=_url,
        entry_url=_entry_url,
        article_url=_article_url,
        markdown=_markdown,
        first_paragraph=_first_paragraph,
        inline=_inline,
        n=number,
        count=count,
    )
    return env


def render(env: Environment, name: str, page: str, md: Markup, **context: Any) -> str:
    """Render template `name` for the page at `page` (a path under docs/)."""
    template: Template = env.get_template(name)
    return template.render(page=page, md=md, **context)


def number(value: float) -> str:
    """A drawing coordinate: one decimal at most, no trailing zeros, no `-0`."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def count(n: int, singular: str, plural: str = "") -> str:
    """A number with its noun, singular for exactly one: `count(1, "statement")` is "1 statement".

    Arguments:
        n: how many.
        singular: the noun for one ("annotated entry").
        plural: the noun for any other number, when it is not the singular with an "s" ("annotated entries").
    """
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


@pass_context
def _url(context: TemplateContext, target: str) -> str:
    """A link from the page being rendered to a docs path (with an optional `#fragment`)."""
    return relative(context["page"], target)


@pass_context
def _entry_url(context: TemplateContext, ref: str) -> str:
    """A link from the page being rendered to an entry, given as `<kind>/<id>`."""
    return relative(context["page"], entry_page(ref))


@pass_context
def _article_url(context: TemplateContext, article_id: str) -> str:
    """A link from the page being rendered to an article's reading page, given its id."""
    return relative(context["page"], article_page(article_id))


@pass_context
def _markdown(context: TemplateContext, source: str) -> Html:
    """Contributor Markdown as sanitized HTML blocks."""
    return Html(context["md"].block(source))


@pass_context
def _first_paragraph(context: TemplateContext, source: str) -> Html:
    """The first paragraph of contributor Markdown, sanitized, without its `<p>`: a card's text."""
    return Html(context["md"].first_paragraph(source))


@pass_context
def _inline(context: TemplateContext, source: str) -> Html:
    """A one-line Markdown fragment, sanitized, without a paragraph around it."""
    return Html(context["md"].inline(source))
