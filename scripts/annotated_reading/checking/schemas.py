"""The JSON Schemas in `schemas/`, compiled with jsonschema-rs, and what each file breaks of them.

The schema files are the published contract: editors autocomplete from them, and every annotation file is
checked against its kind's schema. They refer to each other (`common.schema.json#/$defs/...`), so they are
registered together under one base address that is never fetched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import msgspec

from annotated_reading.checking.explain import explain
from annotated_reading.errors import Problem
from annotated_reading.reading.documents import Document

BASE = "https://annotated-reading.invalid/schemas/"
"""The address the schema files are registered under (`.invalid` never resolves: nothing is fetched)."""

SUFFIX = ".schema.json"


class SchemaSet(msgspec.Struct, frozen=True):
    """Every schema file of a project, parsed and compiled."""

    texts: tuple[tuple[str, str], ...]
    """(file name, text) of every schema file, sorted by name: the same texts make the same set."""
    documents: dict[str, Any]
    """File name -> parsed schema."""
    validators: dict[str, jsonschema_rs.Validator]
    """Schema name (`groups`, `article`...) -> its compiled validator."""

    @classmethod
    def read(cls, folder: Path) -> SchemaSet:
        """Read and compile every `<name>.schema.json` in `folder`."""
        texts = tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*" + SUFFIX)))
        documents = {name: json.loads(text) for name, text in texts}
        registry = jsonschema_rs.Registry([(BASE + name, schema) for name, schema in documents.items()])
        validators = {
            name.removesuffix(SUFFIX): jsonschema_rs.validator_for(schema, registry=registry, base_uri=BASE + name)
            for name, schema in documents.items()
        }
        return cls(texts, documents, validators)

    def problems(self, doc: Document, name: str, what: str) -> list[Problem]:
        """Every way `doc` breaks schema `name`, each at its position, with a hint; `what` names the entry."""
        validator = self.validators[name]
        if validator.is_valid(doc.data):
            return []
        return explain(list(validator.iter_errors(doc.data)), doc, what, self.subschema)

    def subschema(self, location: str) -> Any:
        """The schema at an absolute keyword location, e.g. `<BASE>common.schema.json#/$defs/citation`."""
        address, _, pointer = location.partition("#")
        return resolve_pointer(self.documents[address.removeprefix(BASE)], pointer)

    def resolve_ref(self, ref: str, base: str) -> tuple[Any, str]:
        """The target of `$ref` `file.schema.json#/json/pointer` or `#/json/pointer` (in file `base`), and its file."""
        file, _, pointer = ref.partition("#")
        file = file or base
        if file not in self.documents:
            raise ValueError(f"{base}: $ref to unknown schema file {file!r}")
        return resolve_pointer(self.documents[file], pointer), file


def resolve_pointer(document: Any, pointer: str) -> Any:
    """The part of a JSON document at a JSON Pointer (`/$defs/citation`); the whole for an empty pointer."""
    target = document
    for part in filter(None, pointer.split("/")):
        key = part.replace("~1", "/").replace("~0", "~")
        target = target[int(key)] if isinstance(target, list) else target[key]
    return target
