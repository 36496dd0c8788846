"""Sanitizing: a text that holds only allowed markup skips the sanitizer and comes out exactly as it would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reading.checking.markdown import markdown_patterns
from annotated_reading.pipeline import Project, analyse
from annotated_reading.reading.yaml_reader import walk
from annotated_reading.rendering.markup import Markup, convert, is_plain, raw_html_pieces
from conftest import ROOT


def _renderer() -> Markup:
    return Markup(lambda ref: f"../{ref}.md" if ref.startswith("groups/") else None)


def _sanitized(markup: Markup, source: str) -> str:
    """What the sanitizer makes of a text: the reference the quick path must match."""
    return markup._cleaner.clean(convert(source).html)


def test_every_real_text_comes_out_as_the_sanitizer_writes_it() -> None:
    """All the project's Markdown, as pages show it (whole, first paragraph, one line): the quick path serves it."""
    ctx, problems = analyse(Project(ROOT))
    assert problems == []
    assert ctx is not None
    patterns = markdown_patterns(ROOT / "schemas")
    sources = set()
    for entry in ctx.entries:
        for pattern in patterns.get(entry.kind.name, []):
            for _, value in walk(entry.data, pattern):
                if isinstance(value, str):
                    sources |= {value, value.strip().split("\n\n", 1)[0], " ".join(value.split())}
    markup = _renderer()
    quick = [source for source in sources if is_plain(convert(source))]
    assert len(quick) > 0.9 * len(sources) > 300
    assert [source for source in sources if markup.block(source) != _sanitized(markup, source)] == []


_PIECES = [*"ab *_`!()[]<>&#:/\\\n-1.|~\"'\xa0", "  \n", "\n\n", "1. ", "3. ", "> ", "# ", "---", "    code", "```"]
_PIECES += ["<b>", "</p>", "<br />", "<hr>", "&quot;", "&amp;", "&nbsp;", "[x](groups/jnim)", "[y](javascript:x)"]
_PIECES += ["<https://e.org>", "![i](https://e.org/i.png)", "<!-- c -->", "<p onclick=x>", "^x^", "~x~", "**"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_any_text_comes_out_as_the_sanitizer_writes_it(source: str) -> None:
    """Markdown syntax, entities, quotes, no-break spaces, links and raw HTML: one output, whichever path."""
    markup = _renderer()
    assert markup.block(source) == _sanitized(markup, source)


def test_markup_the_sanitizer_rewrites_is_not_taken_as_plain() -> None:
    """Headings, rules, list numbers, links and raw HTML, which the sanitizer drops or rewrites, are not plain."""
    for source in ["# Head", "a\n\n---\n\nb", "3. item", "```\ncode\n```", "[x](https://e.org)", "a <b>c</b>"]:
        assert not is_plain(convert(source)), source
    assert is_plain(convert('*a* **b** `c` & "d"\n\n- e\n- f\n\n1. g\n\n> h  \ni'))


def test_unsafe_text_still_reaches_the_page_inert() -> None:
    """Raw HTML and script links never take the quick path: the sanitizer drops them."""
    markup = _renderer()
    out = markup.block('<img src=x onerror="alert(1)"> [x](javascript:alert(1)) <script>alert(2)</script> & "q"')
    for unsafe in ("onerror", "javascript", "<script"):
        assert unsafe not in out
    assert out.endswith('&amp; "q"</p>')


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
