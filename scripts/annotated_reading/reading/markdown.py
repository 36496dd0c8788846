"""Contributor Markdown (CommonMark, as GitHub shows it) converted once, with what it holds that the page drops.

The check (`checking.markdown`) reports raw HTML, images and links the page would lose; the renderer
(`rendering.markup`) sanitizes the same conversion. Raw HTML never reaches a page: CommonMark's safe mode leaves
a marker in its place, which the sanitizer drops.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import cmarkgfm
import msgspec
from cmarkgfm.cmark import Options


class Converted(msgspec.Struct, frozen=True):
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
    text is shown on a card and an entry page, and again at every `mkdocs serve` rebuild.
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
