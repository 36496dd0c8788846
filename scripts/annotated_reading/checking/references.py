"""Entries against each other: duplicate ids, and references to entries that do not exist."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from annotated_reading.errors import Problem
from annotated_reading.model.entries import Entry
from annotated_reading.model.records import EntryFields, Group
from annotated_reading.reading.documents import Pointer, field_name


def references(entry: Entry[EntryFields]) -> Iterator[tuple[Pointer, str]]:
    """Where an entry names other entries as `<kind>/<id>`: `see_also`, and a group's `relations`."""
    for index, ref in enumerate(entry.data.see_also):
        yield ("see_also", index), ref
    if isinstance(entry.data, Group):
        for index, relation in enumerate(entry.data.relations):
            yield ("relations", index, "with"), relation.with_


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
