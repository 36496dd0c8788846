"""The benchmark's own parts, so that `make bench` cannot rot unnoticed (its figures are never asserted here)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import bench  # scripts/bench.py: scripts/ is on the test path (pyproject.toml)
import pytest

from annotated_reading.pipeline import Project, analyse
from conftest import ROOT


def test_synthetic_project_is_valid_and_uses_every_term() -> None:
    root = bench.synthetic(ROOT, 2)
    try:
        ctx, problems = analyse(Project(root))
        assert problems == []
        assert ctx is not None
        assert len(ctx.articles) == 2
        synthetic = [e for e in ctx.entries if e.id.startswith("synthetic-")]
        assert len(synthetic) == 40
        anchored = {span.ref for spans in ctx.anchoring.spans.values() for span in spans}
        assert {e.ref for e in synthetic} <= anchored
    finally:
        shutil.rmtree(root)


@pytest.mark.parametrize("make", [bench.plain_project, bench.plain_cached_project], ids=["plain", "cached"])
def test_plain_projects_build_the_bare_article(make: Callable[[], Path], tmp_path: Path) -> None:
    root = make()
    try:
        bench.build_seconds(root, tmp_path / "site")
        page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
        title = (ROOT / "articles" / bench.ARTICLE / "article.txt").read_text(encoding="utf-8").split("\n")[0]
        assert title in page
        assert "data-annotation" not in page
    finally:
        shutil.rmtree(root)


def test_page_weight_counts_what_the_article_page_loads(built: Path) -> None:
    weight = bench.page_weight(built)
    own = [built / "assets" / "annotate.css", built / "assets" / "annotate.js"]
    assert weight["own_files"] == 2
    assert weight["own"] == sum(p.stat().st_size for p in own)
    assert weight["own_source"] > weight["own"]
    assert weight["requests"] >= 5
    assert weight["total"] > weight["html"] + weight["own"]
    assert weight["search_gz"] < weight["search"] == (built / "search" / "search_index.json").stat().st_size


def test_report_marks_missed_targets() -> None:
    table = bench.report([bench.Figure("fast", 1.0, "s", 2.0), bench.Figure("slow", 3.0, "s", 2.0)])
    rows = table.splitlines()[2:]
    assert rows[0].split("|")[4].strip() == "yes"
    assert rows[1].split("|")[4].strip() == "**no**"
