"""Typographic folding: one character for one, so that offsets carry over."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotated_reading.anchoring.normalize import _EQUIVALENT, fold


@given(st.text(st.sampled_from(list("aZé İẞǅΣς’“\u00a0-x"))))
def test_case_folding_keeps_every_offset(text: str) -> None:
    """Folding maps each character to one character: to its lower case where that is one character."""
    folded = fold(text, case_sensitive=False)
    assert len(folded) == len(text)
    for original, low in zip(fold(text), folded, strict=True):
        assert low == (original.lower() if len(original.lower()) == 1 else original)


@given(st.text(st.sampled_from([*_EQUIVALENT, *"aZé’'\"- x"])))
def test_folding_maps_each_odd_character_to_its_plain_one(text: str) -> None:
    """Curly quotes, odd spaces and hyphens become plain ones, wherever and however often they occur."""
    assert fold(text) == "".join(_EQUIVALENT.get(ch, ch) for ch in text)
