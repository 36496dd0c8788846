"""`mkdocs serve` never freezes: while an annotation is broken it shows the problems over the last good pages.

They go when the file is fixed (the page reloads itself through MkDocs' live reload).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import MakeProject, term

BROKEN = "term: Sahel\ndefnition: oops\nsources: []\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _serving(root: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def _until(url: str, test: Callable[[str], bool], seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _page(url)
            if test(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed what was expected; last:\n{last[-600:]}")


def test_a_broken_file_shows_its_problems_over_the_last_good_pages(make_project: MakeProject) -> None:
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")}, with_docs=True)
    sahel = root / "annotations/glossary/sahel.yml"
    with _serving(root) as url:
        _until(url + "glossary.html", lambda html: "About Sahel." in html and "ann-problems" not in html)
        sahel.write_text(BROKEN, encoding="utf-8")
        broken = _until(url + "glossary.html", lambda html: "ann-problems" in html)
        assert "About Sahel." in broken, "the last good page stays"
        assert "annotations/glossary/sahel.yml:2:1" in broken
        assert "did you mean" in broken
        sahel.write_text(term("Sahel"), encoding="utf-8")
        _until(url + "glossary.html", lambda html: "ann-problems" not in html)


def test_a_first_build_that_fails_still_serves_its_problems(make_project: MakeProject) -> None:
    root = make_project({"annotations/glossary/sahel.yml": BROKEN}, with_docs=True)
    with _serving(root) as url:
        home = _until(url, lambda html: "ann-problems" in html)
        assert "annotations/glossary/sahel.yml:2:1" in home
