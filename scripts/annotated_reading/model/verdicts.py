"""The hindsight scale: how a claim of an article held up, in six verdicts defined here once.

The schema's `hindsight.verdict` enum lists the same ids (a test holds the two together); every page, card, note
and export takes a verdict's name, sign and meaning from here.
"""

from __future__ import annotations

import msgspec

from annotated_reading.model.records import EntryFields, Figure, Hindsight, Source, VerdictId


class Verdict(msgspec.Struct, frozen=True):
    """One step of the scale."""

    id: VerdictId
    name: str
    """How readers see it, e.g. "Borne out"."""
    sign: str
    """A character shown with the name, so that no verdict is told by colour alone."""
    meaning: str
    """What the verdict says, for the explanation of the scale."""
    rating: int
    """Its place for schema.org's reviewRating (5: borne out ... 1: not borne out); 0 where it rates nothing."""


SCALE: tuple[Verdict, ...] = (
    Verdict("borne-out", "Borne out", "✓", "Later events bore the claim out.", 5),
    Verdict("partly-borne-out", "Partly borne out", "◐", "Later events bore out part of the claim, not all of it.", 3),
    Verdict("not-borne-out", "Not borne out", "✗", "Later events went against the claim.", 1),
    Verdict(
        "overtaken",
        "Overtaken by events",
        "↷",
        "Events moved past the claim before it could come true or false: what it described changed.",
        0,
    ),
    Verdict("too-early", "Too early to tell", "…", "What the claim predicts has not yet had time to happen.", 0),
    Verdict("not-checkable", "Not checkable", "–", "No later event can test the claim; the note says why.", 0),
)

VERDICTS: dict[str, Verdict] = {v.id: v for v in SCALE}
"""Each verdict by its id."""


def hindsight_of(data: EntryFields, statement: int | None) -> Hindsight | None:
    """The verdict block of one of a source's statements, or of a figure (statement None), if it has one."""
    if statement is not None and isinstance(data, Source):
        return data.statements[statement].hindsight
    if statement is None and isinstance(data, Figure):
        return data.hindsight
    return None
