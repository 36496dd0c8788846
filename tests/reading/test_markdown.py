"""Contributor Markdown as converted: raw HTML found as written, in one pass; the short path for plain text."""

from __future__ import annotations

import re

import cmarkgfm
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reading.reading.markdown import _read_fully, convert, raw_html_pieces

_RAW_HTML = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])[^>]*>", re.DOTALL)
"""The definition of raw HTML pieces that `raw_html_pieces` follows."""


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["<", "<!--", "-->", ">", "/", "a", "B", "1", "-", " ", "\n", "\u2003", "é", "!"])).map(
        "".join
    )
)
def test_raw_html_pieces_are_what_the_pattern_finds(text: str) -> None:
    assert raw_html_pieces(text) == [match.group(0) for match in _RAW_HTML.finditer(text)]


def test_thousands_of_unclosed_comments_and_tags_are_read_in_one_pass() -> None:
    """Each unclosed comment or tag would make the pattern search to the end again: minutes for this text."""
    text = "<b>x</b> " + "<!--" * 100_000 + "<a " * 100_000
    assert raw_html_pieces(text) == ["<b>", "</b>"]
    assert convert(text).raw_html == ("<b>", "</b>")


PIECES = [*"ab *_`!()]>&#:/\\\n-1.|~h", "http://x.org", "![", "](", "&lt;", "    code", "```"]


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_text_without_brackets_needs_no_second_reading(source: str) -> None:
    """Without `[` or `<` CommonMark makes no link, image or raw HTML: the short path gives the full reading."""
    source = source.replace("[", "").replace("<", "")
    assert convert(source) == _read_fully(source, cmarkgfm.markdown_to_html(source))
