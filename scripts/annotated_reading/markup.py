"""Safe HTML from untrusted annotation text: escaping for plain fields, sanitized Markdown for rich ones."""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

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
    # Quotes need no escaping in heading text, and escaped ones would show as &#x27; in the table of contents.
    return _MD_SPECIAL.sub(r"\\\1", html.escape(one_line, quote=False))


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


@dataclass(frozen=True)
class Converted:
    """One Markdown text as converted, before sanitizing, with what the sanitizer would drop or rewrite."""

    html: str
    raw_html: tuple[str, ...]
    """Raw HTML pieces as written (entities such as `&amp;` included)."""
    links: tuple[str, ...]
    """Link targets, as written."""
    images: tuple[str, ...]
    """Image sources, as written."""


class _Collect(Treeprocessor):
    """Records the targets of links and images once inline Markdown is parsed."""

    links: list[str]
    images: list[str]

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                self.links.append(element.get("href", "").replace(AMP_SUBSTITUTE, "&"))
            elif element.tag == "img":
                self.images.append(element.get("src", "").replace(AMP_SUBSTITUTE, "&"))


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")
_COLLECT = _Collect(_MARKDOWN)
_MARKDOWN.treeprocessors.register(_COLLECT, "annotated-reading-collect", 1)


@functools.lru_cache(maxsize=8192)
def convert(source: str) -> Converted:
    """Convert contributor Markdown once: the check (`markdown_check`) and every page share the result.

    Conversion depends on the text alone (entry links are resolved per page when sanitizing), and the same
    text is shown on a card and an entry page, and again at every `mkdocs serve` rebuild.
    """
    _COLLECT.links, _COLLECT.images = [], []
    _MARKDOWN.reset()
    rendered = _MARKDOWN.convert(source)
    raw = tuple(str(piece) for piece in _MARKDOWN.htmlStash.rawHtmlBlocks)
    return Converted(rendered, raw, tuple(_COLLECT.links), tuple(_COLLECT.images))


class Markup:
    """Renders contributor Markdown to sanitized HTML; `kind/id` links become links to entries."""

    def __init__(self, resolve: Callable[[str], str | None]) -> None:
        """`resolve` maps an entry reference (`groups/jnim`) to a URL, or None if there is no such entry."""
        self._resolve = resolve

    def block(self, source: str) -> str:
        """Full Markdown to sanitized HTML."""
        return nh3.clean(
            convert(source).html,
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
