"""The project's repository, found once from the environment, and the links made from it."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from helpers import MakeProject, term

from annotated_reading.pipeline import Project, build_site
from annotated_reading.repository import Repository, find_repository


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_an_explicit_address_wins(tmp_path: Path) -> None:
    env = {
        "REPO_URL": "https://github.com/a/b.git",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "c/d",
    }
    assert find_repository(tmp_path, env) == Repository("https://github.com/a/b", "main")


def test_github_runners_name_the_repository_and_branch(tmp_path: Path) -> None:
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "c/d", "GITHUB_REF_NAME": "main"}
    assert find_repository(tmp_path, env) == Repository("https://github.com/c/d", "main")
    pull = env | {"GITHUB_REF_NAME": "12/merge", "GITHUB_BASE_REF": "main"}
    assert find_repository(tmp_path, pull) == Repository("https://github.com/c/d", "main")


def test_the_origin_remote_when_it_is_an_https_address(tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "remote", "add", "origin", "https://codeberg.org/e/f.git")
    assert find_repository(tmp_path, {}) == Repository("https://codeberg.org/e/f", "main")
    _git(tmp_path, "remote", "set-url", "origin", "git@github.com:e/f.git")
    assert find_repository(tmp_path, {}) is None, "an ssh remote is no address a reader can open"


def test_no_repository_anywhere(tmp_path: Path) -> None:
    assert find_repository(tmp_path, {"REPO_URL": "not an address"}) is None


def test_edit_and_report_links() -> None:
    repo = Repository("https://github.com/a/b", "main")
    assert repo.edit("annotations/groups/jnim.yml") == "https://github.com/a/b/edit/main/annotations/groups/jnim.yml"
    report = urlsplit(repo.report("groups/jnim", "JNIM & co", "https://site.example/groups/jnim.html"))
    assert report.path == "/a/b/issues/new"
    assert parse_qs(report.query) == {
        "template": ["correction.yml"],
        "title": ["Correction: JNIM & co"],
        "entry": ["groups/jnim"],
        "page": ["https://site.example/groups/jnim.html"],
    }


def test_pages_and_cards_carry_the_links_only_where_the_repository_is_known(make_project: MakeProject) -> None:
    """Each entry, on its page and in its card, links its file in the editor and the correction form."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    repo = Repository("https://github.com/a/b", "main")
    site = build_site(Project(root), "https://site.example/", repository=repo)
    glossary = site.pages["glossary.md"].html
    assert 'href="https://github.com/a/b/edit/main/annotations/glossary/sahel.yml"' in glossary
    assert "entry=glossary%2Fsahel&amp;page=https%3A%2F%2Fsite.example%2Fglossary.html%23sahel" in glossary
    cards = site.files["assets/cards/test-article.js"]
    assert "annotations/glossary/sahel.yml" in cards
    plain = build_site(Project(root))
    assert "ann-contribute" not in plain.pages["glossary.md"].html
    assert "ann-contribute" not in plain.files["assets/cards/test-article.js"]
