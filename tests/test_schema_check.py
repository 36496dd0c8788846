"""The fast schema check agrees with `jsonschema` on every value: real entries, golden error cases, mutations."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from annotated_reading.checking.schemas import load_validators
from annotated_reading.reading.yaml_reader import load_file, parse_yaml
from annotated_reading.schema_check import compile_check

ROOT = Path(__file__).resolve().parent.parent
VALIDATORS = load_validators(ROOT / "schemas")
KIND_OF = {"article.yml": "article"}


def _real() -> list[tuple[str, Any]]:
    """(schema name, data) for every annotation file and article in the repository."""
    found = []
    for path in sorted((ROOT / "annotations").glob("*/*.yml")) + sorted((ROOT / "articles").glob("*/article.yml")):
        doc, problems = load_file(path, path.name)
        assert doc is not None, problems
        found.append(("article" if path.name == "article.yml" else path.parent.name, doc.data))
    return found


REAL = _real()


def _golden_inputs() -> list[tuple[str, Any]]:
    """(schema name, data) for every YAML file of the golden error cases that parses."""
    found = []
    for case_path in sorted((ROOT / "tests" / "golden" / "errors").glob("*.yml")):
        case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
        for name, text in case.get("files", {}).items():
            parts = Path(name).parts
            kind = "article" if parts[-1] == "article.yml" else parts[1] if parts[0] == "annotations" else None
            if kind in VALIDATORS and isinstance(text, str):
                doc, _ = parse_yaml(text, name)
                if doc is not None:
                    found.append((kind, doc.data))
    return found


def _agree(kind: str, data: Any) -> None:
    schema = VALIDATORS[kind]
    full = Draft202012Validator(schema.schema)
    assert schema.conforms(data) == full.is_valid(data), (kind, data)


def test_real_entries_conform() -> None:
    for kind, data in REAL:
        assert VALIDATORS[kind].conforms(data), kind


def test_golden_error_inputs_agree() -> None:
    cases = _golden_inputs()
    assert sum(not VALIDATORS[k].conforms(d) for k, d in cases) >= 10  # the cases do exercise rejection
    for kind, data in cases:
        _agree(kind, data)


def _pointers(value: Any, prefix: tuple[Any, ...] = ()) -> Any:
    """Every path inside `value`, parents before children."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield (*prefix, key)
        yield from _pointers(item, (*prefix, key))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 3000)
    | st.floats(-10, 10, allow_nan=False)
    | st.sampled_from(
        [
            "",
            "x",
            "2020-13-01",
            "2020-02-22",
            "https://example.org/",
            "http://a b",
            "groups/jnim",
            "Q42",
            "named",
            "quote",
            "not-a-kind/x",
            "a" * 700,
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["text", "url", "x", "date"]), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_entries_agree(data: st.DataObject) -> None:
    kind, original = data.draw(st.sampled_from(REAL))
    value = copy.deepcopy(original)
    for _ in range(data.draw(st.integers(1, 3))):
        pointers = list(_pointers(value))
        if not pointers:
            break
        pointer = data.draw(st.sampled_from(pointers))
        parent = value
        for part in pointer[:-1]:
            parent = parent[part]
        if not isinstance(parent, (dict, list)):
            continue
        key = pointer[-1]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[key] = data.draw(JSON_VALUES)
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["unknown", "note", "wikidata", "date"]))] = data.draw(JSON_VALUES)
        else:
            parent.append(copy.deepcopy(parent[0]) if parent else data.draw(JSON_VALUES))
    _agree(kind, value)


@pytest.mark.parametrize(
    ("schema", "value", "expected"),
    [
        ({"type": "integer"}, 3.0, True),
        ({"type": "integer"}, True, False),
        ({"enum": [1]}, True, False),
        ({"uniqueItems": True}, [1, True], True),
        ({"uniqueItems": True}, [{"a": 1}, {"a": 1}], False),
        ({"minimum": 2}, "text", True),
        ({"pattern": "^a$"}, "a\n", True),
        ({"minLength": 2}, "é", False),
        ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2}, False),
        ({"properties": {"a": {}}}, {"a": {"b": 1}}, True),
        ({"items": True}, [{"x": 1}, [2]], True),
        ({"allOf": [{"type": "object"}, {"required": ["a", "b"]}]}, {"a": 1}, False),
        ({"type": ["string", "null"]}, None, True),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, [], False),
        ({"properties": {"a": {"type": "string"}}}, [], True),
        ({"properties": {"a": {}}, "required": ["b"]}, {"a": 1}, False),
        ({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, {"a": "x", "b": 2}, True),
        ({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, {"a": "x", "b": "y"}, False),
        ({"type": ["object", "null"], "properties": {"a": {"type": "string"}}}, None, True),
        ({"type": ["object", "null"], "properties": {"a": {"type": "string"}}}, {"a": 1}, False),
        ({"required": ["a"]}, {"b": 1}, False),
        ({"required": ["a"]}, "text", True),
        ({"type": "object", "required": ["a"]}, [], False),
        ({"additionalProperties": {"type": "string"}}, {"a": 1}, False),
        ({"additionalProperties": {"type": "string"}}, {"a": "x"}, True),
        ({"type": "string", "minLength": 1, "maxLength": 3, "pattern": "b"}, "abc", True),
        ({"type": "string", "minLength": 1, "maxLength": 3, "pattern": "b"}, "abcd", False),
        ({"type": "string", "minLength": 1, "maxLength": 3, "pattern": "b"}, "", False),
        ({"type": "string", "minLength": 1, "maxLength": 3, "pattern": "b"}, "ac", False),
        ({"type": "string", "maxLength": 1}, "é", True),
        ({"type": "string", "minLength": 2}, 12, False),
        ({"type": "string", "pattern": "^a$", "description": "x"}, "a\n", True),
        ({"type": "string", "enum": ["a"]}, "b", False),
        ({"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}, [1, 2], True),
        ({"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}, [1, 2, 3], False),
        ({"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}, [], False),
        ({"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}, ["1"], False),
        ({"type": "array", "minItems": 1}, {"a": 1}, False),
        ({"type": "array", "items": {"type": "string"}, "uniqueItems": True}, ["a", "a"], False),
    ],
)
def test_edge_cases_match_jsonschema(schema: dict[str, Any], value: Any, expected: bool) -> None:
    assert Draft202012Validator(schema).is_valid(value) is expected
    assert compile_check(schema)(value) is expected


def test_unknown_keyword_defers_to_jsonschema() -> None:
    schema = {"type": "object", "propertyNames": {"maxLength": 1}}
    assert compile_check(schema)({"a": 1}) is False  # not sure: the full validator decides
    assert Draft202012Validator(schema).is_valid({"a": 1})


def test_a_subschema_shared_by_the_kinds_is_inlined_and_compiled_once() -> None:
    """Every kind cites sources with common.schema.json's citation: one object, compiled once for all of them."""

    def citation(schema: Any) -> Any:
        return schema["properties"]["sources"]["items"]

    glossary, groups = VALIDATORS["glossary"].schema, VALIDATORS["groups"].schema
    assert citation(glossary) is citation(groups)
    memo: dict[int, tuple[Any, Any]] = {}
    check = compile_check({"properties": {"a": citation(glossary), "b": citation(groups)}}, memo)
    assert memo[id(citation(glossary))][0] is citation(glossary)
    assert compile_check(citation(groups), memo) is memo[id(citation(glossary))][1]
    good = {"title": "A report", "url": "https://example.org/a", "publisher": "Example", "date": "2020-02-22"}
    assert Draft202012Validator(citation(glossary)).is_valid(good)
    assert check({"a": good, "b": good}) is True
    assert check({"a": good, "b": {"url": "not a web address"}}) is False
