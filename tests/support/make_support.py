"""Helpers for tests that run the Makefile in a copy of the project, reusing this checkout's virtual environment."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = (".git", ".venv", "node_modules", "site", "site.new", "site.old", "*.zip", "*.part", "__pycache__")
SKIP += (".cache", ".pytest_cache", ".ruff_cache", ".hypothesis", "benchmarks", "screenshots")


def copy_project(target: Path, source: Path = ROOT) -> Path:
    """A copy of the project at `target` (no build output, no caches), with `.venv` linked to this checkout's.

    File times are kept, so the Makefile's environment stamp stays newer than the requirements files.
    """
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*SKIP), symlinks=True)
    (target / ".venv").symlink_to(ROOT / ".venv", target_is_directory=True)
    return target


def make(root: Path, target: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `make <target>` in `root` without reinstalling the environment (`-o` marks the stamp as up to date)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", target],
        cwd=root,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def tree_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under `folder`, by relative path (symlinks and empty folders included by name)."""
    hashes: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            hashes[name] = f"-> {path.readlink()}"
        elif path.is_file():
            hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir() and not any(path.iterdir()):
            hashes[name + "/"] = "empty"
    return hashes
