"""The command line behind `make check`."""

from __future__ import annotations

import pytest

from annotated_reading.cli import main
from conftest import MakeProject, term


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


def test_edits_between_checks_are_seen(make_project: MakeProject) -> None:
    """A cache reuses a file between builds only while its bytes and the schemas are unchanged (`mkdocs serve`)."""
    from annotated_reading.cache import BuildCache
    from annotated_reading.pipeline import Project, analyse

    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    cache = BuildCache()

    def messages() -> list[str]:
        return [p.message for p in analyse(Project(root), cache)[1]]

    path = root / "annotations/glossary/sahel.yml"
    assert messages() == []
    path.write_text(term("Sahel", "colour: red\n"), encoding="utf-8")
    assert messages() == ["glossary/sahel: unknown field 'colour'"]
    path.write_text(term("Sahel"), encoding="utf-8")
    assert messages() == []
    schema = root / "schemas/glossary.schema.json"
    path.write_text(term("Sahel", "category: geographic\n"), encoding="utf-8")
    assert messages() == []
    schema.write_text(schema.read_text(encoding="utf-8").replace('"category":', '"kategory":'), encoding="utf-8")
    assert messages() == ["glossary/sahel: unknown field 'category'"]
