"""Safe HTML from untrusted annotation text: escaping for plain fields, sanitized Markdown for rich ones."""

from __future__ import annotations

import re
from collections.abc import Callable

import nh3

from annotated_reading.reading.markdown import convert

_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "sub", "sup"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_REF_LINK = re.compile(r"^([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*)$")


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


class Markup:
    """Renders contributor Markdown to sanitized HTML; `kind/id` links become links to entries."""

    def __init__(self, resolve: Callable[[str], str | None]) -> None:
        """`resolve` maps an entry reference (`groups/jnim`) to a URL, or None if there is no such entry."""
        self._resolve = resolve
        self._blocks: dict[str, str] = {}
        # Built once: a one-off nh3.clean() sets up the same sanitizer again for every text.
        self._cleaner = nh3.Cleaner(
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes=_SCHEMES,
            link_rel="noopener noreferrer",
            attribute_filter=self._filter,
        )

    def block(self, source: str) -> str:
        """Full Markdown to sanitized HTML (each text sanitized once per renderer)."""
        if source not in self._blocks:
            self._blocks[source] = self._clean(source)
        return self._blocks[source]

    def _clean(self, source: str) -> str:
        return self._cleaner.clean(convert(source).html)

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
