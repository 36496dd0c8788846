"""Safe HTML from untrusted annotation text: escaping for plain fields, sanitized Markdown for rich ones."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

import markdown
import nh3

_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "sub", "sup"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_REF_LINK = re.compile(r"^([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*)$")


def text(value: object) -> str:
    """Escape plain text for HTML text and attribute values (both quote kinds)."""
    return html.escape(str(value), quote=True)


def heading(value: object) -> str:
    """Escape plain text for a Markdown heading line: HTML-escaped, Markdown syntax neutralised."""
    one_line = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=True))


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_text(iso: str) -> str:
    """A schema date (`2020`, `2020-02`, `2020-02-22`) as readers write it: `22 February 2020`."""
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@functools.lru_cache(maxsize=8192)
def _to_html(source: str) -> str:
    # The same text is rendered for a card and for its entry page, and again on every `mkdocs serve`
    # rebuild; conversion depends on the text alone (links are resolved per page when sanitizing).
    _MARKDOWN.reset()
    return _MARKDOWN.convert(source)


class Markup:
    """Renders contributor Markdown to sanitized HTML; `kind/id` links become links to entries."""

    def __init__(self, resolve: Callable[[str], str | None]) -> None:
        """`resolve` maps an entry reference (`groups/jnim`) to a URL, or None if there is no such entry."""
        self._resolve = resolve

    def block(self, source: str) -> str:
        """Full Markdown to sanitized HTML."""
        return nh3.clean(
            _to_html(source),
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_SCHEMES,
            link_rel="noopener noreferrer",
            attribute_filter=self._filter,
        )

    def first_paragraph(self, source: str) -> str:
        """The first paragraph only, for cards: sanitized HTML without the surrounding <p>."""
        first = source.strip().split("\n\n", 1)[0]
        body = self.block(first).strip()
        if body.startswith("<p>") and body.endswith("</p>") and body.count("<p>") == 1:
            body = body[3:-4]
        return body

    def inline(self, source: str) -> str:
        """A one-line Markdown fragment without a paragraph wrapper."""
        return self.first_paragraph(" ".join(source.split()))

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            match = _REF_LINK.match(value)
            if match:
                return self._resolve(value)
            if value.startswith("//") or ":" not in value.split("/", 1)[0]:
                return None  # other relative links would point at pages that do not exist
        return value
