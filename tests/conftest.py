"""Shared fixtures: throwaway projects built from a few strings, and the real project analysed and built once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ARTICLE_META, ROOT, MakeProject, mkdocs_build

from annotated_reading.pipeline import Project, analyse, render_all
from annotated_reading.rendering.context import Context

pytest_plugins = ["browser_support"]  # one Chromium for the whole session (its `browser` fixture, and pages)


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-goldens` rewrites golden files from the current output."""
    parser.addoption("--update-goldens", action="store_true", help="rewrite golden files instead of comparing")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files."""
    return bool(request.config.getoption("--update-goldens"))


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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def ctx() -> Context:
    """The real project, analysed once per test session."""
    found, problems = analyse(Project(ROOT))
    assert problems == []
    assert found is not None
    return found


@pytest.fixture(scope="session")
def pages(ctx: Context) -> dict[str, str]:
    """The HTML of the real project's generated pages, by path under docs/."""
    return {path: page.html for path, page in render_all(ctx).pages.items()}
