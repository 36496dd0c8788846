"""The field reference is read from the schemas: every field of every kind, with its allowed values."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from helpers import ROOT, MakeProject, term

from annotated_reading.pipeline import Project, build_site


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_every_field_of_every_kind_is_listed(make_project: MakeProject) -> None:
    page = build_site(Project(make_project({"annotations/glossary/sahel.yml": term("Sahel")}))).pages["fields.md"].html
    text = _text(page)
    for schema_file in sorted((ROOT / "schemas").glob("*.schema.json")):
        if schema_file.name == "common.schema.json":
            continue
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        assert f"schemas/{schema_file.name}" in text
        for name, spec in schema["properties"].items():
            assert f"<code>{name}</code>" in page, f"{schema_file.name}: {name}"
            for value in spec.get("enum", ()):
                assert f"<code>{value}</code>" in page, f"{schema_file.name}: {name} = {value}"
    assert "<code>sources[].<wbr>url</code>" in page, "fields of records inside lists"
    assert "For example: <code>2020-02-22</code>, <code>2020-02</code>, <code>2020</code>" in page


def test_a_new_field_in_a_schema_appears_without_anything_typed(make_project: MakeProject) -> None:
    root: Path = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    path = root / "schemas" / "glossary.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["mood"] = {"enum": ["calm", "stormy"], "description": "How the term feels."}
    path.write_text(json.dumps(schema), encoding="utf-8")
    text = _text(build_site(Project(root)).pages["fields.md"].html)
    assert "mood one of the values below How the term feels. Allowed: calm , stormy" in text
