"""The field reference: every kind's fields, read from the JSON Schemas in `schemas/` at build time.

The schemas are the contract every file is checked against; this page only reads them, so it can never say
something they do not. Nested records (a citation, a statement, a point) are listed under the field that holds
them, as `sources[].url`.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from annotated_reading.checking.schemas import BASE, SUFFIX, SchemaSet
from annotated_reading.model.kinds import KINDS
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.templates import render

FIELDS_PAGE = "fields.md"

_TYPES = {"string": "text", "array": "list", "object": "record", "integer": "whole number", "number": "number"}
_TYPES |= {"boolean": "true or false"}


class Field(msgspec.Struct, frozen=True):
    """One field of a kind's file, as its schema defines it."""

    path: str
    """`name`, or `sources[].url` for a field of a record inside a list."""
    depth: int
    kind: str
    """What it holds, in words: "text", "list of text", "one of the values below", "date"..."""
    required: bool
    description: str
    allowed: tuple[str, ...]
    examples: tuple[str, ...]


class FileReference(msgspec.Struct, frozen=True):
    """The fields of one kind of file."""

    title: str
    schema: str
    """The schema's file name, under `schemas/`."""
    anchor: str
    fields: tuple[Field, ...]


def render_fields(ctx: Context) -> str:
    """The field reference page (empty of kinds if the context has no schemas)."""
    files = _references(ctx.schemas) if ctx.schemas is not None else []
    return render(ctx.templates, "fields.html.jinja", FIELDS_PAGE, ctx.markup(FIELDS_PAGE), files=files)


def _references(schemas: SchemaSet) -> list[FileReference]:
    names = ["article", *KINDS, "citation-policy"]
    found = []
    for name in names:
        file = name + SUFFIX
        schema = schemas.documents.get(file)
        if schema is None:
            continue
        fields = tuple(_fields(schemas, file, schema, "", 0))
        found.append(FileReference(str(schema.get("title", name)), file, name, fields))
    return found


def _resolve(schemas: SchemaSet, file: str, schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A schema with its `$ref` followed (the referring schema's own keywords win), and the file it is in."""
    while "$ref" in schema:
        target, _, pointer = str(schema["$ref"]).partition("#")
        file = target or file
        found = schemas.subschema(f"{BASE}{file}#{pointer}")
        schema = {**found, **{k: v for k, v in schema.items() if k != "$ref"}}
    return file, schema


def _fields(schemas: SchemaSet, file: str, schema: dict[str, Any], prefix: str, depth: int) -> list[Field]:
    file, schema = _resolve(schemas, file, schema)
    required = set(schema.get("required", ()))
    rows = []
    for name, spec in schema.get("properties", {}).items():
        spec_file, spec = _resolve(schemas, file, spec)
        kind, inner_file, inner = _kind(schemas, spec_file, spec)
        rows.append(
            Field(
                prefix + name,
                depth,
                kind,
                name in required,
                str(spec.get("description") or inner.get("description") or spec.get("title") or ""),
                tuple(_show(v) for v in _allowed(inner)),
                tuple(_show(v) for v in spec.get("examples", inner.get("examples", ()))),
            )
        )
        if inner.get("properties"):
            below = prefix + name + ("[]." if spec.get("type") == "array" else ".")
            rows += _fields(schemas, inner_file, inner, below, depth + 1)
    return rows


def _kind(schemas: SchemaSet, file: str, spec: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    """What a field holds, in words, and the schema of its values (its items' for a list)."""
    if spec.get("type") == "array" and "items" in spec:
        item_file, item = _resolve(schemas, file, spec["items"])
        words, _, _ = _kind(schemas, item_file, item)
        return f"list of {words}", item_file, item
    if "enum" in spec:
        return "one of the values below", file, spec
    if "const" in spec:
        return "exactly the value below", file, spec
    if spec.get("format") == "date" or "date" in str(spec.get("title", "")).lower():
        return "date", file, spec
    kind = spec.get("type")
    if isinstance(kind, list):
        return " or ".join(_TYPES.get(str(k), str(k)) for k in kind), file, spec
    return _TYPES.get(str(kind), "value") if kind else "value", file, spec


def _allowed(spec: dict[str, Any]) -> list[Any]:
    if "enum" in spec:
        return list(spec["enum"])
    if "const" in spec:
        return [spec["const"]]
    return []


def _show(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
