"""The JSON Schemas and the typed records: the same fields, required alike, so checked data always converts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import ROOT

from annotated_reading.checking.entries import to_record
from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.model.kinds import KINDS
from annotated_reading.model.records import ArticleMeta, CitationPolicy
from annotated_reading.reading.documents import load_file

SCHEMAS = SchemaSet.read(ROOT / "schemas")
RECORDS: dict[str, type[msgspec.Struct]] = {
    **{k.name: k.record for k in KINDS.values()},
    "article": ArticleMeta,
    "citation-policy": CitationPolicy,
}


def _object_schema(schema: Any, base: str) -> tuple[dict[str, Any], str]:
    """A schema with its `$ref` followed (and `allOf` wrappers opened), and the file it is in."""
    while isinstance(schema, dict) and ("$ref" in schema or "allOf" in schema):
        if "$ref" in schema:
            schema, base = SCHEMAS.resolve_ref(schema["$ref"], base)
        else:
            schema = schema["allOf"][0]
    return schema, base


def _pairs(schema: Any, base: str, info: msgspec.inspect.Type, where: str) -> list[tuple[str, Any, str, Any]]:
    """Every (place, schema, file, record type) pair to compare, from the top down."""
    schema, base = _object_schema(schema, base)
    if isinstance(info, msgspec.inspect.UnionType):
        info = next(t for t in info.types if not isinstance(t, msgspec.inspect.NoneType))
    if isinstance(info, msgspec.inspect.VarTupleType | msgspec.inspect.ListType) and "items" in schema:
        return _pairs(schema["items"], base, info.item_type, where + "[]")
    if isinstance(info, msgspec.inspect.StructType):
        found = [(where, schema, base, info)]
        fields = {f.encode_name: f for f in info.fields}
        for name, sub in (schema.get("properties") or {}).items():
            if name in fields:
                found += _pairs(sub, base, fields[name].type, f"{where}.{name}")
        return found
    return []


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_every_schema_object_has_a_record_with_the_same_fields(name: str) -> None:
    """Field for field, at every level: what the schema allows, the record holds; what it requires, it requires."""
    schema_file = f"{name}.schema.json"
    pairs = _pairs(SCHEMAS.documents[schema_file], schema_file, msgspec.inspect.type_info(RECORDS[name]), name)
    assert len(pairs) > 1
    for where, schema, _, info in pairs:
        fields = {f.encode_name: f for f in info.fields}
        assert set(fields) == set(schema.get("properties") or {}), where
        assert {n for n, f in fields.items() if f.required} == set(schema.get("required") or []), where
        assert schema.get("additionalProperties") is False, f"{where}: the schema must refuse unknown fields"


@pytest.mark.parametrize(
    "path", sorted(ROOT.glob("annotations/*/*.yml")), ids=lambda p: p.relative_to(ROOT / "annotations").as_posix()
)
def test_every_real_file_converts_to_its_record(path: Path) -> None:
    doc, problems = load_file(path, path.name)
    assert problems == []
    assert doc is not None
    kind = path.parent.name
    assert SCHEMAS.problems(doc, kind, kind) == []
    record = to_record(doc.data, KINDS[kind].record)
    assert msgspec.to_builtins(record) == msgspec.to_builtins(to_record(msgspec.to_builtins(record), type(record)))
