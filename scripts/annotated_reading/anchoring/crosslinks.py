"""Mentions of entries in the annotations' own texts, found by the article's rules, for links between cards.

A card's text may name other entries ("JNIM's leader, Iyad Ag Ghaly, ..."): those names are found with the same
match forms, whole-word and letter-case rules and longest-match-wins as in the article. Unlike the article, a text
that does not mention an entry, or a form two entries claim, is nobody's error: such a name is simply not linked.
"""

from __future__ import annotations

from collections.abc import Sequence

import ahocorasick
import msgspec

from annotated_reading.anchoring.normalize import fold, whole_words
from annotated_reading.model.entries import Entry
from annotated_reading.model.records import EntryFields

AnyEntry = Entry[EntryFields]


class Found(msgspec.Struct, frozen=True):
    """A mention of an entry in a text: `text[start:end]`."""

    start: int
    end: int
    ref: str


class _Form(msgspec.Struct, frozen=True):
    ref: str
    text: str
    case_sensitive: bool


class CrossLinker:
    """Finds entries' match forms in short texts; built once for all of them."""

    def __init__(self, entries: Sequence[AnyEntry]) -> None:
        """Index every entry's match forms; a form claimed by two entries (ignoring case) is left out."""
        by_key: dict[str, list[_Form]] = {}
        for entry in entries:
            for form in entry.match_forms:
                if form.strip():
                    key = fold(form, case_sensitive=False)
                    by_key.setdefault(key, []).append(_Form(entry.ref, form, entry.data.case_sensitive))
        self._automaton: ahocorasick.Automaton | None = None
        unique = {key: forms[0] for key, forms in by_key.items() if len({f.ref for f in forms}) == 1}
        if unique:
            self._automaton = ahocorasick.Automaton()
            for key, chosen in unique.items():
                self._automaton.add_word(key, (len(key), chosen))
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Found]:
        """Every mention in `text`, in order: overlapping candidates go to the longest, then the earliest."""
        if self._automaton is None or not text:
            return []
        exact = fold(text)
        candidates: list[Found] = []
        for last, (length, form) in self._automaton.iter(fold(text, case_sensitive=False)):
            start, end = last + 1 - length, last + 1
            if form.case_sensitive and exact[start:end] != fold(form.text):
                continue
            if whole_words(text, start, end, form.text):
                candidates.append(Found(start, end, form.ref))
        candidates.sort(key=lambda f: (f.start - f.end, f.start))
        chosen: list[Found] = []
        for found in candidates:
            if all(found.end <= other.start or other.end <= found.start for other in chosen):
                chosen.append(found)
        return sorted(chosen, key=lambda f: f.start)
