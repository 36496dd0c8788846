"""Reproducible builds: the same tree, built in two folders at two times in two time zones, gives the same bytes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from make_support import ROOT, copy_project, make, tree_hashes

EPOCH = "1582329600"  # 2020-02-22, as `git log -1 --format=%ct` would give for a commit of that day


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two copies of one snapshot of the project, each built with `make zip` (which builds site/ first)."""
    snapshot = tmp_path_factory.mktemp("snapshot") / "tree"
    copy_project(snapshot)  # copied once, so that both builds see the same files even while the tree is edited
    (snapshot / ".venv").unlink()
    roots = []
    for n, environment in enumerate(
        (
            {"TZ": "UTC", "LC_ALL": "C.UTF-8"},
            {"TZ": "Pacific/Kiritimati", "LC_ALL": "C"},  # UTC+14: another calendar day than UTC for 14 hours
        )
    ):
        if n:
            time.sleep(1.1)  # file times and any clock read during the build differ by at least a second
        root = copy_project(tmp_path_factory.mktemp(f"build-{n}") / "annotated-reading", source=snapshot)
        result = make(root, "zip", SOURCE_DATE_EPOCH=EPOCH, **environment)
        assert result.returncode == 0, result.stdout + result.stderr
        roots.append(root)
    return roots[0], roots[1]


def test_two_builds_give_identical_sites(builds: tuple[Path, Path]) -> None:
    """Every file of site/ is byte-identical, and no file is only in one build."""
    first, second = (tree_hashes(root / "site") for root in builds)
    assert len(first) > 20
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"files that differ between the two builds: {differing[:10]}"


def test_two_builds_give_identical_zips(builds: tuple[Path, Path]) -> None:
    """The offline archive is byte-identical too (entry order, times and permissions fixed)."""
    first, second = ((root / "annotated-reading.zip").read_bytes() for root in builds)
    assert first == second


def test_no_build_path_in_the_output(builds: tuple[Path, Path]) -> None:
    """No output file records where it was built (or where this checkout is)."""
    needles = [str(root).encode() for root in builds] + [str(ROOT).encode(), str(Path.home()).encode() + b"/"]
    for root in builds:
        for path in sorted((root / "site").rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                found = [n.decode() for n in needles if n in data]
                assert not found, f"{path.relative_to(root)} contains {found}"
