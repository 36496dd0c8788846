"""Typographic equivalence: one character in, one character out, so offsets carry over."""

from __future__ import annotations

_EQUIVALENT = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u2010": "-",
    "\u2011": "-",
}
_PAIRS = tuple(_EQUIVALENT.items())


def fold(text: str, *, case_sensitive: bool = True) -> str:
    """Map curly quotes to straight ones and odd spaces or hyphens to plain ones; lower-case if asked.

    The result always has the same length as `text`, so a position in one is a position in the other.
    """
    # A replace per character present: str.translate looks up every character of the text in a dict, which for
    # the article (thousands of characters, not all ASCII) costs far more than these searches.
    folded = text
    if not text.isascii():
        for odd, plain in _PAIRS:
            if odd in folded:
                folded = folded.replace(odd, plain)
    if case_sensitive:
        return folded
    # The whole string at once when that is the same as character by character: no character lower-cases to
    # nothing, so equal lengths mean one for one, and capital sigma is the only one whose case depends on context.
    lowered = folded.lower()
    if len(lowered) == len(folded) and "\u03a3" not in folded:
        return lowered
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in folded)


def is_word_char(ch: str) -> bool:
    """Whether `ch` is part of a word (letters, digits, underscore) for whole-word matching."""
    return ch.isalnum() or ch == "_"


def whole_words(text: str, start: int, end: int, form: str) -> bool:
    """Whether `text[start:end]` (a match of `form`) neither starts nor ends inside a word or a number like 1,400.

    An end of the form that is not a word character (a quote, a parenthesis) may touch anything.
    """
    if is_word_char(form[0]) and start > 0:
        if is_word_char(text[start - 1]):
            return False
        if form[0].isdigit() and start > 1 and text[start - 1] in ",." and text[start - 2].isdigit():
            return False
    if is_word_char(form[-1]) and end < len(text):
        if is_word_char(text[end]):
            return False
        if form[-1].isdigit() and end + 1 < len(text) and text[end] in ",." and text[end + 1].isdigit():
            return False
    return True
