"""Relative links between pages of the built site."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from annotated_reading.rendering.links import relative

SEGMENT = st.sampled_from(["a", "b", "groups", "articles", "x-y", ".", ".."])
PAGE = st.lists(SEGMENT, min_size=0, max_size=3).map(lambda dirs: "/".join([*dirs, "page.md"]))


@given(PAGE, PAGE, st.sampled_from(["", "#frag"]))
def test_relative_matches_posixpath(from_page: str, to_page: str, fragment: str) -> None:
    relative.cache_clear()
    here, target = from_page[:-3] + ".html", to_page[:-3] + ".html"
    expected = (
        posixpath.basename(target) if here == target else posixpath.relpath(target, posixpath.dirname(here) or ".")
    )
    assert relative(from_page, to_page + fragment) == expected + fragment


def test_relative_examples() -> None:
    assert relative("groups/jnim.md", "glossary.md#sahel") == "../glossary.html#sahel"
    assert relative("groups/jnim.md", "groups/isgs.md") == "isgs.html"
    assert relative("glossary.md", "glossary.md#sahel") == "glossary.html#sahel"
    assert relative("articles/a.md", "#p1") == "#p1"
