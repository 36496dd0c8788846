"""A fast yes/no check of a value against a JSON Schema, compiled once into nested closures.

It answers only "valid or not", for the Draft 2020-12 keywords our schemas use; `validate` asks
`jsonschema` to explain a value this check rejects. A schema with any other keyword compiles to a
check that always says "not sure" (False), so the full validator decides: this check may be slower
than needed, never more lenient than `jsonschema`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
Compile = Callable[[Any], Check]
"""Compiles a subschema (keyword compilers get one, so that shared subschemas are compiled once)."""

_ANNOTATIONS = {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "format"}
"""Keywords that never make a value invalid (`format` only annotates unless a format checker is given)."""

_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


def compile_check(schema: Any, memo: dict[int, tuple[Any, Check]] | None = None) -> Check:
    """A function telling whether a value is valid against `schema` (a schema with no `$ref` left).

    Schemas whose `$ref`s were inlined share subschemas (a citation appears in every kind): with a `memo`
    shared between calls, each subschema object is compiled once.
    """
    memo = {} if memo is None else memo
    found = memo.get(id(schema))
    if found is not None and found[0] is schema:
        return found[1]
    check = _compile(schema, lambda sub: compile_check(sub, memo))
    memo[id(schema)] = (schema, check)  # the schema is kept, so that its id is not reused while the memo lives
    return check


def _compile(schema: Any, compile_sub: Compile) -> Check:
    if schema is True or schema == {}:
        return _anything
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        return _unsure
    if schema.get("type") == "string" and schema.keys() - _ANNOTATIONS <= _STRING:
        return _string(schema)
    if schema.get("type") == "array" and schema.keys() - _ANNOTATIONS <= _ARRAY:
        return _array(schema, compile_sub)
    checks: list[Check] = []
    # A mapping's fields are checked in one pass over it, rather than one pass per keyword.
    fused = any(keyword in schema for keyword in _MAPPING)
    if fused:
        checks.append(_mapping(schema, compile_sub))
    for keyword, argument in schema.items():
        if keyword in _ANNOTATIONS or (fused and (keyword in _MAPPING or (keyword, argument) == ("type", "object"))):
            continue
        compiler = _KEYWORDS.get(keyword)
        if compiler is None:
            return _unsure
        checks.append(compiler(argument, schema, compile_sub))
    return _every(checks)


# The checks below loop explicitly rather than through all()/any() over generators: they run for every
# value of every annotation file at every build, and a generator costs more than the test it wraps.


def _every(checks: list[Check]) -> Check:
    if not checks:
        return _anything
    if len(checks) == 1:
        return checks[0]

    def check(value: Any) -> bool:
        for test in checks:
            if not test(value):
                return False
        return True

    return check


def _anything(value: Any) -> bool:
    return True


def _unsure(value: Any) -> bool:
    return False


def _type(argument: Any, schema: dict[str, Any], compile_sub: Compile) -> Check:
    names = [argument] if isinstance(argument, str) else list(argument)
    if any(name not in _TYPES for name in names):
        return _unsure
    tests = [_TYPES[name] for name in names]
    if len(tests) == 1:
        return tests[0]
    return lambda value: any(test(value) for test in tests)


_MAPPING = ("properties", "required", "additionalProperties")


def _mapping(schema: dict[str, Any], compile_sub: Compile) -> Check:
    """`properties`, `required`, `additionalProperties` and `type: object` of one schema, as one check."""
    typed = schema.get("type") == "object"
    checks = {name: compile_sub(sub) for name, sub in schema.get("properties", {}).items()}
    required = list(schema.get("required", ()))
    extra = compile_sub(schema["additionalProperties"]) if "additionalProperties" in schema else None

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return not typed
        for name in required:
            if name not in value:
                return False
        for key, item in value.items():
            test = checks.get(key, extra)
            if test is not None and not test(item):
                return False
        return True

    return check


_STRING = {"type", "minLength", "maxLength", "pattern"}


def _string(schema: dict[str, Any]) -> Check:
    """A text field's type, length and pattern as one check: most values are such fields."""
    low = schema.get("minLength", 0)
    high = schema.get("maxLength")
    search = re.compile(schema["pattern"]).search if "pattern" in schema else None

    def check(value: Any) -> bool:
        if not isinstance(value, str) or len(value) < low or (high is not None and len(value) > high):
            return False
        return search is None or search(value) is not None

    return check


_ARRAY = {"type", "items", "minItems", "maxItems"}


def _array(schema: dict[str, Any], compile_sub: Compile) -> Check:
    """A list field's type, length and items as one check."""
    low = schema.get("minItems", 0)
    high = schema.get("maxItems")
    items = _items(schema["items"], schema, compile_sub) if "items" in schema else _anything

    def check(value: Any) -> bool:
        if not isinstance(value, list) or len(value) < low or (high is not None and len(value) > high):
            return False
        return items(value)

    return check


def _items(argument: Any, schema: dict[str, Any], compile_sub: Compile) -> Check:
    if "prefixItems" in schema:
        return _unsure
    sub = compile_sub(argument)

    def check(value: Any) -> bool:
        if isinstance(value, list):
            for item in value:
                if not sub(item):
                    return False
        return True

    return check


def _pattern(argument: str, schema: dict[str, Any], compile_sub: Compile) -> Check:
    search = re.compile(argument).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _bound(kind: type | tuple[type, ...], size: Callable[[Any], float], fits: Callable[[float, float], bool]) -> Any:
    def compiler(argument: float, schema: dict[str, Any], compile_sub: Compile) -> Check:
        def check(value: Any) -> bool:
            if not isinstance(value, kind) or isinstance(value, bool):
                return True
            return fits(size(value), argument)

        return check

    return compiler


def _number(value: Any) -> float:
    return value


def _equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema means it: true is not 1, and lists and mappings compare item by item."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _enum(argument: list[Any], schema: dict[str, Any], compile_sub: Compile) -> Check:
    return lambda value: any(_equal(value, option) for option in argument)


def _const(argument: Any, schema: dict[str, Any], compile_sub: Compile) -> Check:
    return lambda value: _equal(value, argument)


def _unique(argument: bool, schema: dict[str, Any], compile_sub: Compile) -> Check:
    def check(value: Any) -> bool:
        if not argument or not isinstance(value, list):
            return True
        return not any(_equal(value[i], value[j]) for i in range(len(value)) for j in range(i + 1, len(value)))

    return check


def _all_of(argument: list[Any], schema: dict[str, Any], compile_sub: Compile) -> Check:
    return _every([compile_sub(sub) for sub in argument])


def _any_of(argument: list[Any], schema: dict[str, Any], compile_sub: Compile) -> Check:
    subs = [compile_sub(sub) for sub in argument]
    return lambda value: any(sub(value) for sub in subs)


def _one_of(argument: list[Any], schema: dict[str, Any], compile_sub: Compile) -> Check:
    subs = [compile_sub(sub) for sub in argument]
    return lambda value: sum(1 for sub in subs if sub(value)) == 1


_KEYWORDS: dict[str, Callable[[Any, dict[str, Any], Compile], Check]] = {
    "type": _type,
    "items": _items,
    "pattern": _pattern,
    "minLength": _bound(str, len, lambda n, limit: n >= limit),
    "maxLength": _bound(str, len, lambda n, limit: n <= limit),
    "minItems": _bound(list, len, lambda n, limit: n >= limit),
    "maxItems": _bound(list, len, lambda n, limit: n <= limit),
    "minProperties": _bound(dict, len, lambda n, limit: n >= limit),
    "maxProperties": _bound(dict, len, lambda n, limit: n <= limit),
    "minimum": _bound((int, float), _number, lambda n, limit: n >= limit),
    "maximum": _bound((int, float), _number, lambda n, limit: n <= limit),
    "exclusiveMinimum": _bound((int, float), _number, lambda n, limit: n > limit),
    "exclusiveMaximum": _bound((int, float), _number, lambda n, limit: n < limit),
    "enum": _enum,
    "const": _const,
    "uniqueItems": _unique,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
}
