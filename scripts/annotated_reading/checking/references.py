"""Entries against each other: duplicate ids, and references to entries that do not exist."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

from annotated_reading.errors import Problem
from annotated_reading.model.entries import Entry
from annotated_reading.model.records import EntryFields, Group
from annotated_reading.reading.documents import Pointer, field_name

_REFERENCE = re.compile(r"^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$")
"""A text that names an entry rather than a name: fields that take either (a founder, an allegiance) are read so."""


def is_reference(text: str) -> bool:
    """Whether a field that takes an entry or a name holds an entry's `<kind>/<id>`."""
    return bool(_REFERENCE.match(text))


def references(entry: Entry[EntryFields]) -> Iterator[tuple[Pointer, str]]:
    """Where an entry names other entries as `<kind>/<id>`.

    That is `see_also`, and a group's relations, areas, founders and allegiances (the last two only where they give
    an entry rather than a name).
    """
    for index, ref in enumerate(entry.data.see_also):
        yield ("see_also", index), ref
    group = entry.data
    if isinstance(group, Group):
        for index, relation in enumerate(group.relations):
            yield ("relations", index, "with"), relation.with_
        for index, area in enumerate(group.areas):
            yield ("areas", index, "place"), area.place
        for index, founder in enumerate(group.founders):
            if is_reference(founder):
                yield ("founders", index), founder
        for index, allegiance in enumerate(group.allegiance):
            if is_reference(allegiance.to):
                yield ("allegiance", index, "to"), allegiance.to


def check_references(entries: Sequence[Entry[EntryFields]]) -> list[Problem]:
    """Duplicate ids, and references to unknown entries (with the closest known one)."""
    problems: list[Problem] = []
    known = {e.ref for e in entries}
    seen: dict[str, Entry[EntryFields]] = {}
    for entry in entries:
        if entry.ref in seen:
            problems.append(
                Problem(
                    entry.path,
                    1,
                    1,
                    f"duplicate id '{entry.ref}' (also {seen[entry.ref].path})",
                    "rename one file: an id names one entry",
                )
            )
        seen.setdefault(entry.ref, entry)
        for pointer, ref in references(entry):
            if ref in known:
                continue
            close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
            problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where(pointer),
                    f"{entry.ref}: {field_name(pointer)} names unknown entry '{ref}'",
                    f"did you mean '{close[0]}'?" if close else "check the kind and id (the file name)",
                )
            )
    return problems
