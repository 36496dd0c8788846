"""Safe HTML from untrusted annotation text: escaping for plain fields, sanitized Markdown for rich ones."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "br", "sub", "sup"}
_ATTRIBUTES = {"a": {"href", "title"}}
_SCHEMES = {"http", "https", "mailto"}
_REF_LINK = re.compile(r"^([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*)$")
_PLAIN = re.compile(r"[^<]*(?:(?:</?(?:p|em|strong|code|ul|ol|li|blockquote|sub|sup)>|<br />)[^<]*)*")
"""HTML with no tag but those allowed (see _TAGS), each without attributes."""


def text(value: object) -> str:
    """Escape plain text for HTML text and attribute values (both quote kinds)."""
    value = str(value)
    # Most labels and names have nothing to escape: one search instead of html.escape's five replacements.
    return value if _SPECIAL.search(value) is None else html.escape(value, quote=True)


_SPECIAL = re.compile("[&<>\"']")


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


_OMITTED = "<!-- raw HTML omitted -->"
_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1|^(?: {4}|\t).*$|^(`{3,}|~{3,}).*?^\2", re.DOTALL | re.MULTILINE)


def raw_html_pieces(text: str) -> list[str]:
    r"""CommonMark's raw HTML in a text, as written: comments, and open or closing tags, in order.

    A tag is a name, then a space, "/" or ">". This finds what `<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])[^>]*>`
    finds, in time that grows with the text: the pattern looks for the end of every unclosed comment or tag again,
    all the way to the end of the text, and thousands of them in a hostile file would hold a build for minutes.
    """
    pieces: list[str] = []
    # The last search for each end: where it started and what it found (-1: none from there on).
    ends = {"-->": (len(text) + 1, -1), ">": (len(text) + 1, -1)}

    def first(end: str, start: int) -> int:
        searched, found = ends[end]
        if searched <= start and (found < 0 or start <= found):
            return found  # the end found for an earlier start is the first one after this start too
        found = text.find(end, start)
        ends[end] = (start, found)
        return found

    at = 0
    while (start := text.find("<", at)) >= 0:
        at = start + 1
        if text.startswith("<!--", start):
            close = first("-->", start + 4)
            if close >= 0:
                pieces.append(text[start : close + 3])
                at = close + 3
            continue
        name = start + 2 if text.startswith("</", start) else start + 1
        if name >= len(text) or not (text[name].isascii() and text[name].isalpha()):
            continue
        after = name + 1
        while after < len(text) and ((text[after].isascii() and text[after].isalnum()) or text[after] == "-"):
            after += 1
        if after < len(text) and (text[after].isspace() or text[after] in "/>"):
            close = first(">", after)
            if close >= 0:
                pieces.append(text[start : close + 1])
                at = close + 1
    return pieces


class _Targets(HTMLParser):
    """Link targets and image sources in converted HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and "href" in attributes:
            self.links.append(attributes["href"] or "")
        elif tag == "img":
            self.images.append(attributes.get("src") or "")

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """`<![...`, read as browsers read it in HTML: a bogus comment, up to the next ">" (or the end).

        Python's parser (before 3.13) raises AssertionError on `<![` not followed by a keyword it knows, which
        a contributor's text can hold.
        """
        end = self.rawdata.find(">", i + 3)
        return len(self.rawdata) if end < 0 else end + 1


@functools.lru_cache(maxsize=8192)
def convert(source: str) -> Converted:
    """Convert contributor Markdown (CommonMark, as GitHub shows it) once for the check and every page.

    Conversion depends on the text alone (entry links are resolved per page when sanitizing), and the same
    text is shown on a card and an entry page, and again at every `mkdocs serve` rebuild. Raw HTML never
    reaches the page: CommonMark's safe mode leaves a marker in its place, which the sanitizer drops.
    """
    safe = cmarkgfm.markdown_to_html(source)
    if "[" not in source and "<" not in source:
        # CommonMark makes links and images only from brackets, autolinks and raw HTML only from angle brackets.
        return Converted(safe.strip(), (), (), ())
    return _read_fully(source, safe)


def _read_fully(source: str, safe: str) -> Converted:
    """`convert` for a text that may hold links, images or raw HTML: read them from an unsafe conversion."""
    targets = _Targets()
    # Unsafe mode only to read what was written: link targets as given, raw HTML as typed.
    targets.feed(cmarkgfm.markdown_to_html(source, options=Options.CMARK_OPT_UNSAFE))
    raw: tuple[str, ...] = ()
    if _OMITTED in safe:
        raw = tuple(raw_html_pieces(_CODE.sub("", source))) or ("<…>",)
    return Converted(safe.replace(_OMITTED, "").strip(), raw, tuple(targets.links), tuple(targets.images))


def is_plain(converted: Converted) -> bool:
    """Whether a converted text holds nothing but allowed tags without attributes, and text as CommonMark escapes it.

    That is: no link, image or raw HTML was written, and no heading, rule or numbered list start was made.
    """
    if converted.links or converted.images or converted.raw_html:
        return False
    return _PLAIN.fullmatch(converted.html) is not None


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
        converted = convert(source)
        if is_plain(converted):
            # The sanitizer would return it as it is, written its own way; checking that costs a tenth as much.
            return converted.html.replace("&quot;", '"').replace("<br />", "<br>").replace("\xa0", "&nbsp;")
        return self._cleaner.clean(converted.html)

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
