"""What the tests share besides fixtures: the project root, factories for small annotation files, a build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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

MakeProject = Callable[..., Path]
"""The `make_project` fixture: a throwaway project from a few files (see conftest.py)."""


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


def mkdocs_build(root: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a strict build of the project at `root` into `site`, with `env` added to the environment."""
    inherited = {name: value for name, value in os.environ.items() if name != "SITE_URL"}  # a site for the disk
    env = {**inherited, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1582329600", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
