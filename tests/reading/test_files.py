"""Reading a file as text: encodings, a byte that is not UTF-8, and where it stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CITATION, MakeProject

from annotated_reading.pipeline import Project, build_pages, check
from annotated_reading.reading.documents import load_file

BODY = f"term: Sahel\ndefinition: A region.\nsources:\n{CITATION}"


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(BODY.encode("utf-8"), id="plain"),
        pytest.param(b"\xef\xbb\xbf" + BODY.encode("utf-8"), id="utf8-bom"),
        pytest.param(BODY.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(b"\xef\xbb\xbf" + BODY.replace("\n", "\r\n").encode("utf-8"), id="bom-and-crlf"),
    ],
)
def test_valid_encodings_build(make_project: MakeProject, raw: bytes) -> None:
    """BOM and CRLF files load, validate and render like plain UTF-8 ones."""
    root = make_project({"annotations/glossary/sahel.yml": raw})
    assert check(Project(root)) == []
    assert 'data-annotation="glossary/sahel"' in build_pages(Project(root))["articles/test-article.md"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "utf8-bom"])
def test_a_bad_byte_is_placed_where_it_is(tmp_path: Path, bom: bytes) -> None:
    """The position and value of a byte that is not UTF-8, with or without a BOM before it."""
    path = tmp_path / "x.yml"
    path.write_bytes(bom + b"term: Sahel\ndefinition: caf\xe9\n")
    doc, problems = load_file(path, "x.yml")
    assert doc is None
    assert [(p.line, p.column, p.message) for p in problems] == [(2, 16, "file is not valid UTF-8 (byte 0xe9)")]
