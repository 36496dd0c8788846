"""The command line: `check` lists every problem; `pages` writes the generated pages."""

from __future__ import annotations

import pytest
from helpers import MakeProject, term

from annotated_reading.cli import main


def test_check_passes_on_valid_input(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid project exits 0 and says so."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    assert main(["--root", str(root), "check"]) == 0
    assert "All annotations are valid." in capsys.readouterr().out


def test_check_lists_all_problems(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid project exits 1 and lists every problem, across files, with positions."""
    root = make_project(
        {
            "annotations/glossary/sahel.yml": term("Sahel", "colour: red\n"),
            "annotations/glossary/desert.yml": term("Desert"),
        }
    )
    assert main(["--root", str(root), "check"]) == 1
    err = capsys.readouterr().err
    assert "annotations/glossary/sahel.yml:3:1: glossary/sahel: unknown field 'colour'" in err
    assert "annotations/glossary/desert.yml:1:7: glossary/desert: appears nowhere in the article" in err
    assert err.rstrip().endswith("2 problems found.")


def test_pages_writes_generated_pages(make_project: MakeProject, tmp_path: object) -> None:
    """`pages DIR` writes every generated page for inspection."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    out = root / "out"
    assert main(["--root", str(root), "pages", str(out)]) == 0
    assert (out / "glossary.html").read_text(encoding="utf-8").startswith('<h1 id="glossary">Glossary<a ')
    assert (out / "articles/test-article.html").is_file()
