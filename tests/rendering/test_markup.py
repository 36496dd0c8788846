"""Contributor Markdown on the page: every text sanitized by nh3, entry links resolved."""

from __future__ import annotations

import pytest

from annotated_reading.rendering.markup import Markup


def _renderer() -> Markup:
    return Markup(lambda ref: f"../{ref}.md" if ref.startswith("groups/") else None)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("*a* **b** `c`", "<p><em>a</em> <strong>b</strong> <code>c</code></p>"),
        ("[JNIM](groups/jnim)", '<p><a href="../groups/jnim.md" rel="noopener noreferrer">JNIM</a></p>'),
        ("[x](glossary/none)", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("[x](other.html)", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("[x](//evil.example/)", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("# Head", "Head"),
        ("a <b>c</b>", "<p>a c</p>"),
    ],
    ids=["emphasis", "entry-link", "unknown-entry", "relative", "protocol-relative", "heading", "raw-html"],
)
def test_the_sanitizer_keeps_what_pages_allow(source: str, html: str) -> None:
    """Entry links become links to the entry; other relative links lose their target; headings and raw HTML go."""
    assert _renderer().block(source) == html


def test_a_card_shows_the_first_paragraph_without_its_p() -> None:
    markup = _renderer()
    assert markup.first_paragraph("One *two*.\n\nThree.") == "One <em>two</em>."
    assert markup.inline("A line\nwrapped.") == "A line wrapped."


def test_unsafe_text_still_reaches_the_page_inert() -> None:
    """Raw HTML and script links never take the quick path: the sanitizer drops them."""
    markup = _renderer()
    out = markup.block('<img src=x onerror="alert(1)"> [x](javascript:alert(1)) <script>alert(2)</script> & "q"')
    for unsafe in ("onerror", "javascript", "<script"):
        assert unsafe not in out
    assert out.endswith('&amp; "q"</p>')
