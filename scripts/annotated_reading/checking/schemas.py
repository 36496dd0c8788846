"""Check loaded entries against the JSON Schemas and against each other."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotated_reading.anchoring.normalize import fold
from annotated_reading.errors import Problem
from annotated_reading.model.kinds import KINDS, Entry
from annotated_reading.reading.yaml_reader import Document, Pointer, field_name, walk
from annotated_reading.schema_check import compile_check

if TYPE_CHECKING:
    from jsonschema import ValidationError

REFERENCE_FIELDS: tuple[tuple[str, ...], ...] = (("see_also", "*"), ("relations", "*", "with"))
"""Where entries name other entries as `<kind>/<id>`."""

_TYPE_NAMES = {
    str: "text",
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (empty)",
}


class Schema:
    """One annotation kind's JSON Schema, every `$ref` resolved in advance.

    Valid files, nearly all of them, are confirmed by a check compiled from the schema (`conforms`);
    only a file that fails it goes through `jsonschema`, which explains each violation. Importing and
    running `jsonschema` costs more than the rest of loading, so a build with no problems never pays it.
    """

    def __init__(self, name: str, schema: dict[str, Any], memo: dict[int, tuple[Any, Any]] | None = None) -> None:
        """`memo` may be shared by the schemas of one set, which share subschemas (see `compile_check`)."""
        self.name = name
        self.schema = schema
        self.conforms = compile_check(schema, memo)
        self._full: Any = None

    def iter_errors(self, data: Any) -> Iterator[Any]:
        """Every violation, as `jsonschema.ValidationError`s (Draft 2020-12)."""
        if self._full is None:
            from jsonschema import Draft202012Validator

            self._full = Draft202012Validator(self.schema)
        return self._full.iter_errors(data)


def read_schemas(schema_dir: Path) -> dict[str, Any]:
    """Every schema file `<name>.schema.json`, parsed, keyed by file name (parsed again only when one changes)."""
    return _loaded(schema_dir)[0]


def load_validators(schema_dir: Path) -> dict[str, Schema]:
    """One `Schema` per schema file `<name>.schema.json`, keyed by `<name>`.

    The files keep their `$ref`s to `common.schema.json` for editors; the validators get self-contained
    copies, because resolving references while validating costs most of the validation time. The same
    schema texts give the same validators (so loaded files can be reused between `mkdocs serve` rebuilds).
    """
    return _loaded(schema_dir)[1]


def _loaded(schema_dir: Path) -> tuple[dict[str, Any], dict[str, Schema]]:
    texts = tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json")))
    if texts not in _LOADED:
        _LOADED.clear()
        schemas = {name: json.loads(text) for name, text in texts}
        inlined: dict[tuple[str, str], Any] = {}
        compiled: dict[int, tuple[Any, Any]] = {}
        validators = {
            name.removesuffix(".schema.json"): Schema(name, _inline(schema, schemas, name, inlined), compiled)
            for name, schema in schemas.items()
        }
        _LOADED[texts] = (schemas, validators)
    return _LOADED[texts]


_LOADED: dict[tuple[tuple[str, str], ...], tuple[dict[str, Any], dict[str, Schema]]] = {}


def resolve_ref(ref: str, schemas: dict[str, Any], base: str) -> tuple[Any, str]:
    """The target of `$ref` `file.schema.json#/json/pointer` or `#/json/pointer` (in `base`), and its file."""
    file, _, pointer = ref.partition("#")
    file = file or base
    if file not in schemas:
        raise ValueError(f"{base}: $ref to unknown schema file {file!r}")
    target = schemas[file]
    for part in filter(None, pointer.split("/")):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    return target, file


def _inline(schema: Any, schemas: dict[str, Any], base: str, memo: dict[tuple[str, str], Any], depth: int = 0) -> Any:
    """A copy of `schema` with each `$ref` replaced by its target (the schemas have no recursive references).

    Each target is inlined once (`memo`) and shared by every place that refers to it.
    """
    if depth > 50:
        raise ValueError("schema references nest too deeply (a recursive $ref?)")
    if isinstance(schema, list):
        return [_inline(item, schemas, base, memo, depth + 1) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        resolved, file = resolve_ref(schema["$ref"], schemas, base)
        key = (file, schema["$ref"].partition("#")[2])
        if key not in memo:
            memo[key] = _inline(resolved, schemas, file, memo, depth + 1)
        target = memo[key]
        rest = {k: _inline(v, schemas, base, memo, depth + 1) for k, v in schema.items() if k != "$ref"}
        if set(rest) <= {"description", "title"} and isinstance(target, dict):
            return {**target, **rest}
        return {"allOf": [target], **rest}
    return {k: _inline(v, schemas, base, memo, depth + 1) for k, v in schema.items() if k not in ("$defs", "$id")}


def schema_problems(doc: Document, validator: Schema, what: str) -> list[Problem]:
    """Every schema violation in `doc`, each with its position and a hint."""
    if validator.conforms(doc.data):
        return []
    problems = []
    for error in validator.iter_errors(doc.data):
        problems.extend(_explain(error, doc, what))
    # A misspelt required field is reported once, as the unknown field with its "did you mean".
    suggested = {p.hint for p in problems if p.hint.startswith("did you mean")}
    return [
        p
        for p in problems
        if not (
            p.message.startswith(f"{what}: missing required field ")
            and f"did you mean '{p.message.split(chr(39))[1]}'?" in suggested
        )
    ]


def check_references(entries: list[Entry]) -> list[Problem]:
    """Duplicate ids, match forms claimed twice, and references to unknown entries."""
    problems: list[Problem] = []
    known = {e.ref: e for e in entries}
    seen_ids: dict[str, Entry] = {}
    claimed: dict[str, tuple[Entry, int]] = {}
    for entry in entries:
        if entry.ref in seen_ids:
            other = seen_ids[entry.ref]
            problems.append(
                Problem(
                    entry.doc.path,
                    1,
                    1,
                    f"duplicate id '{entry.ref}' (also {other.doc.path})",
                    "rename one file: an id names one entry",
                )
            )
        seen_ids[entry.ref] = entry
        forms = entry.match_forms
        for index, form in enumerate(forms):
            key = fold(form, case_sensitive=False)
            if key in claimed and claimed[key][0] is not entry:
                other, _ = claimed[key]
                pointer: Pointer = ("match", index) if entry.explicit_match else (entry.kind.label_field,)
                problems.append(
                    Problem(
                        entry.doc.path,
                        *entry.doc.where(pointer),
                        f"match form '{form}' is also claimed by {other.ref} ({other.doc.path})",
                        "a span of the article can belong to one entry only: remove the form from one of them, "
                        "or link the entries with see_also",
                    )
                )
            claimed.setdefault(key, (entry, index))
        for pattern in REFERENCE_FIELDS:
            for pointer, value in walk(entry.data, pattern):
                if isinstance(value, str) and value not in known:
                    line, column = entry.doc.where(pointer)
                    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'?" if close else "check the kind and id (the file name)"
                    problems.append(
                        Problem(
                            entry.doc.path,
                            line,
                            column,
                            f"{entry.ref}: {field_name(pointer)} names unknown entry '{value}'",
                            hint,
                        )
                    )
    return problems


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _explain(error: ValidationError, doc: Document, what: str) -> list[Problem]:
    pointer: Pointer = tuple(error.absolute_path)
    where = field_name(pointer)
    validator = error.validator
    value = error.instance
    if validator == "required":
        missing = [k for k in error.validator_value if not (isinstance(value, dict) and k in value)]
        line, column = doc.where(pointer)
        return [
            Problem(
                doc.path,
                line,
                column,
                f"{what}: missing required field '{name}'" + (f" in {where}" if pointer else ""),
                _REQUIRED_HINTS.get(name, f"add a line '{name}: ...'"),
            )
            for name in missing
        ]
    if validator == "additionalProperties":
        schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = sorted((schema.get("properties") or {}).keys())
        extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        problems = []
        for key in extra:
            line, column = doc.where((*pointer, key), key=True)
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(allowed)
            problems.append(
                Problem(
                    doc.path, line, column, f"{what}: unknown field '{key}'" + (f" in {where}" if pointer else ""), hint
                )
            )
        return problems
    line, column = doc.where(pointer)
    if validator == "type":
        expected = error.validator_value
        names = {
            "string": "text",
            "array": "a list",
            "object": "a mapping",
            "boolean": "true or false",
            "integer": "a whole number",
            "number": "a number",
        }
        want = names.get(expected, str(expected)) if isinstance(expected, str) else " or ".join(expected)
        hint = f"write {want} here"
        if expected == "string":
            hint = "write one piece of text here" if isinstance(value, list | dict) else "put the text in quotes"
        if expected == "array":
            hint = "write a list: one '- item' per line"
        return [
            Problem(
                doc.path, line, column, f"{what}: {where} must be {want}, got {_type_name(value)} {_short(value)}", hint
            )
        ]
    if validator == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "use one of the listed values"
        return [
            Problem(
                doc.path,
                line,
                column,
                f"{what}: {where} must be one of {', '.join(options)}; got {_short(value)}",
                hint,
            )
        ]
    if validator == "pattern":
        last = pointer[-1] if pointer else ""
        if last == "url":
            return [
                Problem(
                    doc.path,
                    line,
                    column,
                    f"{what}: {where} must be an http or https URL, got {_short(value)}",
                    "copy the full address, starting with https:// or http://",
                )
            ]
        if last in ("date", "from", "to", "until"):
            return [
                Problem(
                    doc.path,
                    line,
                    column,
                    f"{what}: {where} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {_short(value)}",
                    'for example "2020-02-22" (in quotes), "2020-02" or "2020"',
                )
            ]
        return [
            Problem(
                doc.path,
                line,
                column,
                f"{what}: {where} has the wrong form: {_short(value)}",
                f"it must match {error.validator_value}",
            )
        ]
    if validator in ("minLength", "minItems"):
        return [
            Problem(
                doc.path, line, column, f"{what}: {where} is empty", "fill it in, or remove the field if it is optional"
            )
        ]
    if validator == "maxLength":
        return [
            Problem(
                doc.path,
                line,
                column,
                f"{what}: {where} is longer than {error.validator_value} characters",
                "shorten it",
            )
        ]
    if validator == "uniqueItems":
        return [
            Problem(doc.path, line, column, f"{what}: {where} lists the same item twice", "remove the repeated item")
        ]
    if validator == "minimum":
        return [
            Problem(doc.path, line, column, f"{what}: {where} must be at least {error.validator_value}", "count from 1")
        ]
    return [
        Problem(doc.path, line, column, f"{what}: {where}: {error.message[:200]}", "see the JSON Schema in schemas/")
    ]


_REQUIRED_HINTS = {
    "sources": "cite at least one source: a list of items with title, publisher, url and date",
    "statements": "list what the source says: '- quote: <exact words of the article>'",
    "type": "say 'type: named', 'type: anonymous' or 'type: document'",
    "quote": "give the exact words of the article as 'quote: ...'",
}


__all__ = ["KINDS", "check_references", "load_validators", "schema_problems"]
