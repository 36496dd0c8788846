"""Shared fixtures: throwaway projects built from a few strings."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

ARTICLE_META = """\
title: {title}
publisher: The Test Gazette
first_published:
  publisher: The Test Post
  date: "2020-02-22"
credit: "Source: Test"
text: article.txt
"""

CITATION = '  - {title: A page, publisher: A publisher, url: "https://example.org/page", date: "2020-01-01"}\n'


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-goldens` rewrites golden files from the current output."""
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files."""
    return bool(request.config.getoption("--update-goldens"))


MakeProject = Callable[..., Path]


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Build a project folder: the real schemas, one article, and the given annotation files."""

    def make(
        files: dict[str, str | bytes] | None = None,
        paragraphs: list[str] | None = None,
        *,
        title: str = "A test article",
        article_id: str = "test-article",
        with_docs: bool = False,
    ) -> Path:
        root = tmp_path / "project"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(ROOT / "schemas", root / "schemas")
        folder = root / "articles" / article_id
        folder.mkdir(parents=True)
        body = paragraphs if paragraphs is not None else ["The Sahel is a region."]
        (folder / "article.txt").write_text("\n".join([title, *body, "Source: Test"]), encoding="utf-8")
        (folder / "article.yml").write_text(ARTICLE_META.format(title=title), encoding="utf-8")
        for kind in ("glossary", "groups", "sources"):
            (root / "annotations" / kind).mkdir(parents=True)
        for name, content in (files or {}).items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        if with_docs:
            shutil.copytree(ROOT / "docs", root / "docs")
            shutil.copytree(ROOT / "overrides", root / "overrides")
            for name in ["mkdocs.yml", *(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))]:
                text = (ROOT / name).read_text(encoding="utf-8")
                (root / name).write_text(text.replace("west-africa-alliance", article_id), encoding="utf-8")
        return root

    return make


def term(name: str, extra: str = "") -> str:
    """A minimal valid glossary file."""
    return f"term: {name}\ndefinition: About {name}.\n{extra}sources:\n{CITATION}"


def group(name: str, extra: str = "") -> str:
    """A minimal valid group file."""
    return f"name: {name}\nsummary: About {name}.\n{extra}sources:\n{CITATION}"


def source(name: str, quotes: list[str], kind: str = "named", extra: str = "") -> str:
    """A minimal valid source file with the given statements."""
    statements = "".join(f"  - quote: {json.dumps(q, ensure_ascii=False)}\n" for q in quotes)
    return f"name: {name}\ntype: {kind}\n{extra}statements:\n{statements}sources:\n{CITATION}"


def mkdocs_build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict build of the project at `root` into `site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1582329600"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site
