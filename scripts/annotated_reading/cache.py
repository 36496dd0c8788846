"""What one build keeps for the next in the same process: `mkdocs serve` rebuilds after every edit.

A cache is an object the caller owns and passes to `pipeline.build_site` (the MkDocs plugin keeps one for
its whole `mkdocs serve` session); a build without one starts from nothing and keeps nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from annotated_reading.errors import Problem

if TYPE_CHECKING:
    from jinja2 import BytecodeCache, Environment

    from annotated_reading.checking.schemas import SchemaSet
    from annotated_reading.model.entries import Entry
    from annotated_reading.model.records import EntryFields
    from annotated_reading.pictures.geo import BaseMap


class LoadedFile(msgspec.Struct, frozen=True):
    """One annotation file as the last build read and checked it."""

    raw: bytes
    """Its bytes: a file whose bytes are the same is not read again (comparing costs less than hashing)."""
    schemas: tuple[tuple[str, str], ...]
    """The schema texts it was checked against (see `SchemaSet.texts`)."""
    entry: Entry[EntryFields] | None
    problems: list[Problem]


class BuildCache(msgspec.Struct):
    """Inputs already read, checked or decoded, each kept with what it was made from."""

    files: dict[tuple[str, str], LoadedFile] = msgspec.field(default_factory=dict)
    """(file as shown, kind) -> the file as last read and checked."""
    schemas: SchemaSet | None = None
    """The schema files as last compiled (compared by their texts)."""
    basemap: tuple[int, BaseMap] | None = None
    """The base map, with the modification time of its file."""
    templates: Environment | None = None
    """The pages' templates, compiled as they are first used (Jinja reloads a template whose file changed)."""
    compiled: BytecodeCache | None = None
    """Where compiled templates are kept for the next process, if anywhere (the MkDocs plugin sets one)."""
