"""A parsed file against its kind's schema; a file that passes becomes its typed record."""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.errors import Problem
from annotated_reading.model.entries import Entry
from annotated_reading.model.records import ArticleMeta, EntryFields, Record
from annotated_reading.reading.collect import SourceFile
from annotated_reading.reading.documents import Document

R = TypeVar("R", bound=Record)


def check_entry(file: SourceFile, doc: Document, schemas: SchemaSet) -> tuple[Entry[EntryFields] | None, list[Problem]]:
    """The entry a parsed annotation file holds, or every way it breaks its kind's schema."""
    what = f"{file.kind.name}/{file.id}"
    if not isinstance(doc.data, dict):
        hint = f"start with '{file.kind.label_field}: ...'"
        return None, [Problem(doc.path, 1, 1, f"{what}: the file must hold a mapping of fields", hint)]
    problems = schemas.problems(doc, file.kind.name, what)
    if problems:
        return None, problems
    return Entry(file.kind, file.id, to_record(doc.data, file.kind.record), doc), []


def check_article_meta(doc: Document, what: str, schemas: SchemaSet) -> tuple[ArticleMeta | None, list[Problem]]:
    """An `article.yml`'s record, or every way it breaks the article schema."""
    problems = schemas.problems(doc, "article", what)
    return (None, problems) if problems else (to_record(doc.data, ArticleMeta), [])


def to_record(data: Any, record: type[R]) -> R:
    """Data that passed its schema, as its record.

    The schemas and the records describe the same fields (a test holds them together), so this cannot fail for
    checked data; if it does, the two have drifted apart, which is the engine's error, not the contributor's.
    """
    return msgspec.convert(data, record)
