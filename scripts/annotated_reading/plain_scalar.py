"""How YAML 1.1 reads a plain (unquoted) scalar, shared by the full reader and the quick one."""

from __future__ import annotations

import functools
from typing import Any

import yaml

_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
"""First character -> the (tag, pattern) pairs a plain scalar starting with it may match."""
TYPED_STARTS = frozenset(_IMPLICIT)
"""The first characters of plain scalars that YAML 1.1 may read as something other than text."""
_BUILT = {f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "null")}
"""What a plain scalar can be other than text. Dates stay text, and so do `=` and `<<`: PyYAML reads them as a
"value" and a "merge" it cannot build (and a file that merges mappings is refused anyway: it needs an alias)."""


@functools.lru_cache(maxsize=4096)
def plain_value(text: str) -> Any:
    """A plain (unquoted) scalar as YAML 1.1 reads it (numbers, booleans, null), except that dates stay text.

    The same few keys and values recur in every file: each is resolved once (the values are immutable).
    """
    candidates = _IMPLICIT.get(text[0] if text else "")
    if not candidates:
        return text
    for tag, pattern in candidates:
        if pattern.match(text):
            if tag not in _BUILT:
                return text
            return yaml.constructor.SafeConstructor().construct_object(yaml.ScalarNode(tag, text))
    return text
