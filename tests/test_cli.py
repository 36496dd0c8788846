"""The command line: `check` lists every problem; `pages` writes the generated pages."""

from __future__ import annotations

import pytest
from helpers import MakeProject, term

from annotated_reading.cli import main


def test_check_passes_on_valid_input(make_project: MakeProject, capsys: pytest.CaptureFixture[str]) -> None:
    """A valid project exits 0 and says so."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "All annotations are valid." in out
    assert "1 citation: 0 read in a copy named under 'via' (0.0%)" in out


def test_check_reports_how_many_citations_were_read_in_copies(
    make_project: MakeProject, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make check` says how many citations name a copy under `via`, and how many point at the copy itself."""
    copy = '{title: T, publisher: P, url: "https://example.org/copy"}'
    root = make_project(
        {
            "annotations/glossary/a.yml": term("Alpha"),
            "annotations/glossary/b.yml": (
                "term: Beta\ndefinition: A term.\nsources:\n"
                f'  - {{title: T, publisher: P, url: "https://example.org/o", date: "2020", via: {copy}}}\n'
                '  - {title: T, publisher: P, url: "https://example.org/copy", date: "2020",'
                ' via: {title: T, publisher: P, url: "https://example.org/copy", original_unavailable: true}}\n'
                '  - {title: T, publisher: P, article: test-article, date: "2020"}\n'
            ),
        },
        ["Alpha and Beta."],
    )
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "4 citations: 2 read in a copy named under 'via' (50.0%), 1 of them pointing at the copy itself" in out
    assert "(25.0% of all); 1 of the article annotated here." in out


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
