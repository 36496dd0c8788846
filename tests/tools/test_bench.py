"""The benchmark's own parts, so that `make bench` cannot rot unnoticed (its figures are never asserted here)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bench_projects import ARTICLE, floor_project, plain_project, synthetic  # scripts/bench/, on the test path
from helpers import ROOT, mkdocs_build
from run_bench import Figure, page_weight, report

from annotated_reading.pipeline import Project, analyse


def test_synthetic_project_is_valid_and_uses_every_term() -> None:
    root = synthetic(2)
    try:
        ctx, problems = analyse(Project(root))
        assert problems == []
        assert ctx is not None
        assert len(ctx.articles) == 2
        made_up = [e for e in ctx.entries if e.id.startswith("synthetic-")]
        assert len(made_up) == 40
        anchored = {span.ref for spans in ctx.anchoring.spans.values() for span in spans}
        assert {e.ref for e in made_up} <= anchored
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize("cached", [False, True], ids=["plain", "with-template-cache"])
def test_plain_projects_build_the_bare_article(cached: bool, tmp_path: Path) -> None:
    root = plain_project(template_cache=cached)
    try:
        result = mkdocs_build(root, tmp_path / "site")
        assert result.returncode == 0, result.stderr
        page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
        title = (ROOT / "articles" / ARTICLE / "article.txt").read_text(encoding="utf-8").split("\n")[0]
        assert title in page
        assert "data-annotation" not in page
        assert (root / ".cache" / "jinja").is_dir() is cached
    finally:
        shutil.rmtree(root)


def test_the_engine_less_build_serves_the_same_pages(built: Path, tmp_path: Path) -> None:
    """The floor build hands MkDocs the engine's pages made in advance: the same site, without the engine."""
    root = floor_project()
    try:
        result = mkdocs_build(root, tmp_path / "site")
        assert result.returncode == 0, result.stderr
        assert "annotated_reading" not in (root / "mkdocs.yml").read_text(encoding="utf-8")
        for page in ("articles/west-africa-alliance.html", "groups/jnim.html", "about.html", "map.html"):
            assert (tmp_path / "site" / page).read_text(encoding="utf-8") == (built / page).read_text(encoding="utf-8")
        assert json.loads((tmp_path / "site" / "annotations.jsonld").read_text(encoding="utf-8"))["total"] > 100
    finally:
        shutil.rmtree(root)


def test_page_weight_counts_what_the_article_page_loads(built: Path) -> None:
    weight = page_weight(built)
    own = [built / "assets" / "annotate.css", built / "assets" / "annotate.js"]
    assert weight["own_files"] == 2
    assert weight["own"] == sum(p.stat().st_size for p in own)
    assert weight["own_source"] > weight["own"]
    assert weight["requests"] >= 5
    assert weight["total"] > weight["html"] + weight["own"]
    fonts = list((built / "assets" / "vendor").rglob("*latin-400-normal.woff2"))
    assert weight["fonts"] == 1, "the article's text needs the latin face only"
    assert weight["total_gz"] > weight["html_gz"] + weight["own_gz"] + fonts[0].stat().st_size
    assert weight["search_gz"] < weight["search"] == (built / "search" / "search_index.json").stat().st_size


def test_report_marks_missed_budgets() -> None:
    table = report([Figure("fast", 1.0, "s", 2.0), Figure("slow", 3.0, "s", 2.0), Figure("free", 5.0, "s")])
    rows = [row.split("|")[4].strip() for row in table.splitlines()[2:]]
    assert rows == ["yes", "**no**", ""]
