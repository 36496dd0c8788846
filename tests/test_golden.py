"""Golden-file tests: every error message, and the rendered pages, compared with committed files.

Regenerate after an intended change with `make goldens` (pytest --update-goldens), then review the diff.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import MakeProject

from annotated_reading.errors import AnnotationError
from annotated_reading.pipeline import Project, build_site, check

GOLDEN = Path(__file__).parent / "golden"
ERROR_CASES = sorted((GOLDEN / "errors").glob("*.yml"))
RENDER_CASES = sorted((GOLDEN / "render").glob("*.yml"))


class _BlockDumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str)


def _materialise(case: dict[str, Any]) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for name, content in (case.get("files") or {}).items():
        files[name] = content
    for name, spec in (case.get("generated") or {}).items():
        files[name] = spec["prefix"].encode() + bytes.fromhex(spec.get("hex", "")) * int(spec.get("repeat", 1))
    return files


def _project(make_project: MakeProject, case: dict[str, Any]) -> Path:
    root = make_project(_materialise(case), case.get("paragraphs"))
    for name, content in (case.get("replace") or {}).items():
        (root / name).write_text(content, encoding="utf-8")
    return root


@pytest.mark.parametrize("path", ERROR_CASES, ids=[p.stem for p in ERROR_CASES])
def test_error_message(path: Path, make_project: MakeProject, update_goldens: bool) -> None:
    """`make check` prints exactly the committed report for each malformed input."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = check(Project(_project(make_project, case)))
    assert problems, "a malformed input must produce at least one problem"
    report = AnnotationError(problems).report() + "\n"
    if update_goldens:
        case["output"] = report
        path.write_text(yaml.dump(case, Dumper=_BlockDumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert report == case.get("output")


@pytest.mark.parametrize("path", RENDER_CASES, ids=[p.stem for p in RENDER_CASES])
def test_rendered_pages(path: Path, make_project: MakeProject, update_goldens: bool) -> None:
    """The HTML of each generated page, and each file they load (the cards' scripts), match the golden copies."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        site = build_site(Project(_project(make_project, case)))
    except AnnotationError as exc:
        pytest.fail(exc.report())
    expected_dir = path.with_suffix("")
    pages = {Path(name).with_suffix(".html").as_posix(): page.html for name, page in site.pages.items()}
    pages |= site.files
    if update_goldens:
        for old in (p for p in expected_dir.rglob("*") if p.is_file()):
            old.unlink()
        for name, html in pages.items():
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_text(html, encoding="utf-8")
    expected = {
        p.relative_to(expected_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in expected_dir.rglob("*")
        if p.is_file()
    }
    assert sorted(pages) == sorted(expected)
    for name, source in pages.items():
        assert source == expected[name], f"{name} differs from its golden copy"
