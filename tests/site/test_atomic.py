"""Atomic builds: `make site` either replaces site/ with a complete new build, or leaves it exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import CITATION, MakeProject
from make_support import ROOT, copy_project, make, tree_hashes

ARTICLE = "west-africa-alliance"  # the real article's id, so that the test project's pages have the real ones' paths


def sahel(definition: str) -> str:
    return f"term: Sahel\ndefinition: {definition}\nsources:\n{CITATION}"


@pytest.fixture
def project(make_project: MakeProject) -> Path:
    if shutil.which("make") is None:
        pytest.fail("GNU make is needed: apt-get install make")
    root = make_project({"annotations/glossary/sahel.yml": sahel("A region.")}, article_id=ARTICLE, with_docs=True)
    shutil.copy2(ROOT / "Makefile", root / "Makefile")
    for name in ("requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, root / name)
    (root / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return root


def test_failed_build_leaves_site_untouched(project: Path) -> None:
    """Build, break an annotation, build again: the second build fails clearly and site/ is byte-for-byte as before."""
    env = {"SOURCE_DATE_EPOCH": "1582329600"}
    first = make(project, "site", **env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (project / "site" / "index.html").is_file()
    before = tree_hashes(project / "site")
    assert len(before) > 20

    (project / "annotations" / "glossary" / "sahel.yml").write_text(sahel("[unclosed"), encoding="utf-8")
    second = make(project, "site", **env)
    output = second.stdout + second.stderr
    assert second.returncode != 0
    assert "annotations/glossary/sahel.yml:3:8: YAML syntax error" in output, output
    assert "problem found" in output, output
    assert "Traceback" not in output, output
    assert tree_hashes(project / "site") == before
    assert not (project / "site.old").exists()

    (project / "annotations" / "glossary" / "sahel.yml").write_text(sahel("A semi-arid belt."), encoding="utf-8")
    third = make(project, "site", **env)
    assert third.returncode == 0, third.stdout + third.stderr
    assert "A semi-arid belt." in (project / "site" / "glossary.html").read_text(encoding="utf-8")
    assert not (project / "site.new").exists()
    assert not (project / "site.old").exists()


def test_failed_build_of_the_real_project_leaves_site_untouched(tmp_path: Path) -> None:
    """The same with the project itself, copied: a broken annotation file does not touch the site."""
    root = copy_project(tmp_path / "project")
    env = {"SOURCE_DATE_EPOCH": "1582329600"}
    first = make(root, "site", **env)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_hashes(root / "site")
    victim = sorted((root / "annotations" / "groups").glob("*.yml"))[0]
    victim.write_text(victim.read_text(encoding="utf-8").replace("summary:", "sumary:", 1), encoding="utf-8")
    second = make(root, "site", **env)
    output = second.stdout + second.stderr
    assert second.returncode != 0
    assert f"annotations/groups/{victim.name}:" in output, output
    assert "did you mean 'summary'?" in output, output
    assert "Traceback" not in output, output
    assert tree_hashes(root / "site") == before
