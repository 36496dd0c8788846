"""Loading: valid edge cases that must build, and the positions kept for error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated_reading.build import Project, build_pages, check
from annotated_reading.load import load_file, parse_yaml
from conftest import CITATION, MakeProject

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


def test_crlf_positions_match_lines(tmp_path: Path) -> None:
    """Line and column survive CRLF line ends."""
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: 1\r\nb:\r\n  - x\r\n  - y\r\n")
    doc, problems = load_file(path, "x.yml")
    assert problems == []
    assert doc is not None
    assert doc.positions[("b", 1)] == (4, 5)
    assert doc.key_positions[("b",)] == (2, 1)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("date: 2020-02-22\n", {"date": "2020-02-22"}),
        ("n: 3\n", {"n": 3}),
        ("flag: true\n", {"flag": True}),
        ("quoted: 'yes'\n", {"quoted": "yes"}),
        ("block: |\n  two\n  lines\n", {"block": "two\nlines\n"}),
    ],
)
def test_scalars(source: str, expected: dict[str, object]) -> None:
    """Timestamps stay text; numbers and booleans are typed; quoted and block scalars are text."""
    doc, problems = parse_yaml(source, "x.yml")
    assert problems == []
    assert doc is not None
    assert doc.data == expected


def test_billion_laughs_is_refused_before_expansion() -> None:
    """Alias bombs are refused from the parse events, without building anything."""
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    doc, problems = parse_yaml(bomb, "x.yml")
    assert doc is None
    assert {p.message.split(" ")[1] for p in problems} == {"anchor", "alias"}


def test_deep_nesting_is_refused_without_recursion() -> None:
    """Ten thousand nested lists give one clear problem, not a RecursionError."""
    doc, problems = parse_yaml("a: " + "[" * 10000 + "]" * 10000 + "\n", "x.yml")
    assert doc is None
    assert [p.message for p in problems] == ["nesting is deeper than 12 levels"]
