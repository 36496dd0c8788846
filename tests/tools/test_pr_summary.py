"""The pull request's job summary: changed entries with their pages in the artifacts, and `make check`'s result."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from pr_summary import SITE_ARTIFACT, ZIP_ARTIFACT, changes, code, code_block, main, summary

ROOT = Path(__file__).resolve().parents[2]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_changed_files_map_to_their_pages(tmp_path: Path) -> None:
    """Entries map to the engine's pages, an article's files to one article, and a deleted file to a removed entry."""
    _write(tmp_path, {"annotations/groups/jnim.yml": "", "articles/a/article.yml": "", "articles/a/article.txt": ""})
    files = [
        "annotations/groups/jnim.yml",
        "annotations/glossary/sahel.yml",  # deleted: not under tmp_path
        "articles/a/article.txt",
        "articles/a/article.yml",
        "articles/gone/article.yml",
        "annotations/README.md",
        "annotations/nokind/x.yml",
        "scripts/annotated_reading/cli.py",
        "README.md",
    ]
    found, others = changes(files, tmp_path)
    assert [(c.ref, c.page, c.files, c.removed) for c in found] == [
        ("articles/a", "articles/a.html", ["articles/a/article.txt", "articles/a/article.yml"], False),
        ("articles/gone", "articles/gone.html", ["articles/gone/article.yml"], True),
        ("glossary/sahel", "glossary.html#sahel", ["annotations/glossary/sahel.yml"], True),
        ("groups/jnim", "groups/jnim.html", ["annotations/groups/jnim.yml"], False),
    ]
    assert others == ["annotations/README.md", "annotations/nokind/x.yml"]


def test_code_survives_backticks() -> None:
    assert code("groups/jnim") == "`groups/jnim`"
    assert code("a`b") == "``a`b``"
    assert code("`x") == "`` `x ``"
    block = code_block("before\n```\ninside\n```\n")
    assert block.startswith("````text\nbefore\n```\n")
    assert block.endswith("\n```\n````")


def test_failed_check_is_summarised_with_its_output(tmp_path: Path) -> None:
    """A failed check still gets a summary: the verdict, and the output open below it; no preview is offered."""
    log = "annotations/groups/jnim.yml:3:1: unknown field 'nmae'\n  hint: did you mean 'name'?\n"
    text = summary(["annotations/groups/jnim.yml"], tmp_path, "failure", log, built=False)
    assert "`make check` **failed**" in text
    assert "<details open><summary>Output</summary>\n\n```text\n" + log.rstrip() + "\n```" in text
    assert "The site was not built, so this run has no preview to download." in text
    assert "| `groups/jnim` | `annotations/groups/jnim.yml` | removed |" in text


def test_no_change_and_a_passing_check(tmp_path: Path) -> None:
    text = summary(["scripts/tools/pr_summary.py"], tmp_path, "success", "All annotations are valid.\n", built=True)
    assert "This pull request changes no article or annotation." in text
    assert "`make check` passed." in text
    assert "<details><summary>Output</summary>" in text
    assert "Its output was not kept." in summary([], tmp_path, "skipped", None, built=False)


def _git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    return subprocess.run([*command, *args], cwd=root, check=True, capture_output=True, text=True).stdout.strip()


def test_summary_of_a_branch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From a real git history: what the branch changed since its base, not what the base changed meanwhile."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _write(repo, {"annotations/groups/jnim.yml": "name: JNIM\n", "annotations/glossary/sahel.yml": "term: Sahel\n"})
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "switch", "-qc", "change")
    _write(repo, {"annotations/groups/jnim.yml": "name: JNIM\nsummary: changed\n", "annotations/people/x.yml": ""})
    _git(repo, "mv", "annotations/glossary/sahel.yml", "annotations/glossary/sahel-region.yml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "change")
    _git(repo, "switch", "-q", "main")
    _write(repo, {"annotations/places/mali.yml": ""})  # on the base branch after the fork: not the pull request's
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "meanwhile")
    _git(repo, "switch", "-q", "change")
    log = tmp_path / "check.log"
    log.write_text("All annotations are valid.\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html>", encoding="utf-8")

    assert main(["--base", "main", "--root", str(repo), "--check-log", str(log), "--site", str(site)]) == 0
    text = capsys.readouterr().out
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows == [
        "| `glossary/sahel` | `annotations/glossary/sahel.yml` | removed |",
        "| `glossary/sahel-region` | `annotations/glossary/sahel-region.yml` | `glossary.html#sahel-region` |",
        "| `groups/jnim` | `annotations/groups/jnim.yml` | `groups/jnim.html` |",
        "| `people/x` | `annotations/people/x.yml` | `people.html#x` |",
    ]
    assert f"**{SITE_ARTIFACT}** holds the site" in text


def test_workflow_uploads_the_artifacts_the_summary_names() -> None:
    """The pull-request workflow uploads site/ and the zip under the names the summary gives, and writes it always."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pr.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uploads = {s["with"]["name"]: s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload-")}
    assert uploads[SITE_ARTIFACT] == "site"
    assert uploads[ZIP_ARTIFACT] == f"{ZIP_ARTIFACT}.zip"
    step = next(s for s in steps if "pr_summary.py" in s.get("run", ""))
    assert step["if"] == "always()"
    assert '>> "$GITHUB_STEP_SUMMARY"' in step["run"]
