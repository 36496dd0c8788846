"""Schema violations as contributors read them: the field, what was expected, what was found, and a fix."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from typing import Any

import jsonschema_rs

from annotated_reading.errors import Problem
from annotated_reading.reading.documents import Document, Pointer, field_name

_TYPE_NAMES = {
    str: "text",
    bool: "true/false",
    int: "a number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (empty)",
}
_SCHEMA_TYPES = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}
_DATE_FIELDS = ("date", "from", "to", "until")
_REQUIRED_HINTS = {
    "sources": "cite at least one source: a list of items with title, publisher, url and date",
    "statements": "list what the source says: '- quote: <exact words of the article>'",
    "type": "say 'type: named', 'type: anonymous', 'type: unattributed' or 'type: document'",
    "quote": "give the exact words of the article as 'quote: ...'",
    "url": "add the original publisher's address, 'url: https://...', or 'article: <id>' if the source is the article "
    "annotated here",
}


def explain(
    errors: list[jsonschema_rs.ValidationError], doc: Document, what: str, subschema: Callable[[str], Any]
) -> list[Problem]:
    """Problems for a document's schema errors (from jsonschema-rs), each at the position of its field.

    Arguments:
        errors: what the validator found.
        doc: the document, for positions.
        what: how the messages name the entry, e.g. `groups/jnim`.
        subschema: the schema at an error's absolute keyword location (to list the fields allowed where an
            unknown one was found).
    """
    problems = [p for error in errors for p in _explain(error, doc, what, subschema)]
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


def _explain(
    error: jsonschema_rs.ValidationError, doc: Document, what: str, subschema: Callable[[str], Any]
) -> list[Problem]:
    pointer: Pointer = tuple(error.instance_path)
    where = field_name(pointer)
    keyword = error.kind.name
    facts = error.kind.as_dict()
    value = error.instance
    if keyword == "required":
        name = facts["property"]
        return [
            Problem(
                doc.path,
                *doc.where(pointer),
                f"{what}: missing required field '{name}'" + (f" in {where}" if pointer else ""),
                _REQUIRED_HINTS.get(name, f"add a line '{name}: ...'"),
            )
        ]
    if keyword == "additionalProperties":
        location = (error.absolute_keyword_location or "").removesuffix("/additionalProperties")
        allowed = sorted((subschema(location).get("properties") or {}).keys())
        problems = []
        for key in facts["unexpected"]:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(allowed)
            message = f"{what}: unknown field '{key}'" + (f" in {where}" if pointer else "")
            problems.append(Problem(doc.path, *doc.where((*pointer, key), key=True), message, hint))
        return problems
    line, column = doc.where(pointer)
    message, hint = _message(keyword, facts, value, pointer, where)
    if not message:
        message, hint = f"{where}: {error.message[:200]}", "see the JSON Schema in schemas/"
    return [Problem(doc.path, line, column, f"{what}: {message}", hint)]


def _message(keyword: str, facts: dict[str, Any], value: Any, pointer: Pointer, where: str) -> tuple[str, str]:
    """The message (after "<entry>: ") and hint for one violation of a value's own form; empty if unknown."""
    if keyword == "type":
        expected = facts["types"]
        want = " or ".join(_SCHEMA_TYPES.get(name, name) for name in expected)
        hint = f"write {want} here"
        if expected == ["string"]:
            hint = "write one piece of text here" if isinstance(value, list | dict) else "put the text in quotes"
        elif expected == ["array"]:
            hint = "write a list: one '- item' per line"
        return f"{where} must be {want}, got {_type_name(value)} {_short(value)}", hint
    if keyword == "enum":
        options = [str(o) for o in facts["options"]]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "use one of the listed values"
        return f"{where} must be one of {', '.join(options)}; got {_short(value)}", hint
    if keyword == "pattern":
        last = pointer[-1] if pointer else ""
        if last == "url":
            return (
                f"{where} must be an http or https URL, got {_short(value)}",
                "copy the full address, starting with https:// or http://",
            )
        if last == "host":
            return (
                f"{where} must be a host name, got {_short(value)}",
                "write the name alone, in lowercase, e.g. 'wikipedia.org': no https://, no path",
            )
        if last in _DATE_FIELDS:
            return (
                f"{where} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {_short(value)}",
                'for example "2020-02-22" (in quotes), "2020-02" or "2020"',
            )
        return f"{where} has the wrong form: {_short(value)}", f"it must match {facts['pattern']}"
    if keyword in ("minLength", "minItems"):
        return f"{where} is empty", "fill it in, or remove the field if it is optional"
    if keyword == "maxLength":
        return f"{where} is longer than {facts['limit']} characters", "shorten it"
    if keyword == "uniqueItems":
        return f"{where} lists the same item twice", "remove the repeated item"
    if keyword == "minimum":
        limit = facts["limit"]
        return f"{where} must be at least {limit}", "count from 1" if limit == 1 else f"use a number from {limit} up"
    if keyword == "maximum":
        return f"{where} must be at most {facts['limit']}", f"use a number up to {facts['limit']}"
    return "", ""


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)
