"""`make bench`: the engine's time and memory, whole builds, `mkdocs serve` rebuilds, the article page's weight.

The engine is timed with pyperf, whole builds against plain Material with hyperfine. Prints a table, writes it to
benchmarks/latest.md and .json (and, with --readme, into README.md), and exits 1 if a figure misses its budget.
Timings on a shared machine vary from run to run: the builds are compared as ratios of medians taken in the same
run, each build with its template caches warm, or each without.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pyperf
from bench_projects import ARTICLE, ROOT, floor_project, plain_project, synthetic

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1582329600"}
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class Figure:
    """One measured figure, and its budget if it has one."""

    name: str
    value: float
    unit: str
    target: float | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        """Whether the figure keeps to its budget (figures without one always do)."""
        return self.target is None or self.value <= self.target


# --- The engine (pyperf) ---------------------------------------------------------------------------------------


def engine(project: Path, bench: str, *options: str) -> pyperf.Benchmark:
    """Run one benchmark of scripts/bench/bench_engine.py on a project; pyperf spawns and times the processes."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        command = [sys.executable, str(HERE / "bench_engine.py"), "--project", str(project), "--bench", bench]
        subprocess.run([*command, "--quiet", "-o", str(out), *options], env=ENV, check=True)
        return pyperf.Benchmark.load(str(out))


def first_runs(project: Path, processes: int) -> pyperf.Benchmark:
    """The first build of each of `processes` fresh processes."""
    return engine(project, "first", "--processes", str(processes), "--values", "1", "--warmups", "0", "--loops", "1")


def peak_memory(project: Path) -> float:
    """Peak memory of a process that makes one build, in MB (pyperf's --track-memory)."""
    found = engine(project, "first", "--processes", "3", "--values", "1", "--warmups", "0", "--loops", "1",
                   "--track-memory")  # fmt: skip
    return statistics.median(found.get_values()) / 1e6


def spread(bench: pyperf.Benchmark, scale: float = 1000) -> str:
    """The range of a benchmark's values, for the notes."""
    values = bench.get_values()
    return f"from {min(values) * scale:,.0f} to {max(values) * scale:,.0f}"


def engine_figures(quick: bool) -> list[Figure]:
    """The engine on the real project, and on projects 10 and 100 times its size."""
    processes = 5 if quick else 11
    first = first_runs(ROOT, processes)
    figures = [
        Figure(
            "engine, real content: first build",
            first.median() * 1000,
            "ms",
            None,
            f"a fresh process, as `mkdocs build` pays it (median of {processes} processes, {spread(first)})",
        )
    ]
    for bench, note in (
        ("rebuild", "the same process again, files unchanged: a `mkdocs serve` rebuild"),
        ("afresh", "all the work again in a process that has built before (no start-up)"),
        ("analyse", "of which reading, checking and anchoring"),
        ("render", "of which the pages and the export"),
    ):
        found = engine(ROOT, bench, "--processes", "3" if quick else "6")
        figures.append(Figure(f"engine, real content: {bench}", found.median() * 1000, "ms", None, note))
    figures.append(Figure("engine, real content: peak memory", peak_memory(ROOT), "MB", None, "whole process"))
    for scale in (10, 100):
        project = synthetic(scale)
        try:
            found = first_runs(project, 3 if quick or scale == 100 else 5)
            memory = peak_memory(project)
        finally:
            shutil.rmtree(project)
        budget = 2000 if scale == 100 else None
        figures.append(
            Figure(f"engine, {scale}x content: first build", found.median() * 1000, "ms", budget, spread(found))
        )
        figures.append(Figure(f"engine, {scale}x content: peak memory", memory, "MB", 500 if scale == 100 else None))
    return figures


# --- Whole builds (hyperfine) -----------------------------------------------------------------------------------


def builds(runs: int) -> tuple[dict[str, list[float]], Path]:
    """Build times of the real site and of the same article without the engine, warm caches and fresh ones.

    Returns each build's times in seconds, and the real site's folder.
    """
    projects = {
        "real": ROOT,
        "floor": floor_project(),
        "plain": plain_project(template_cache=True),
    }
    out = Path(tempfile.mkdtemp(prefix="bench-builds-"))
    commands: list[str] = []
    names = []
    for name, root in projects.items():
        build = f"cd {root} && {' '.join(MKDOCS)} build -q -d {out / name}"
        names += [name, f"{name} fresh"]
        commands += ["-n", name, build, "-n", f"{name} fresh", f"rm -rf {root / '.cache'} && {build}"]
    result = out / "hyperfine.json"
    subprocess.run(
        ["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs), "--export-json", str(result), *commands],
        env=ENV,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    times = {r["command"]: r["times"] for r in json.loads(result.read_text(encoding="utf-8"))["results"]}
    for name in ("floor", "plain"):
        shutil.rmtree(projects[name])
    subprocess.run([*MKDOCS, "build", "-q"], cwd=ROOT, env=ENV, check=True)  # leave the real caches warm
    return times, out / "real"


def build_figures(runs: int) -> tuple[list[Figure], Path]:
    """The build times as ratios: the engine's share of a build, and the whole against plain Material."""
    times, site = builds(runs)

    def median(name: str) -> float:
        return statistics.median(times[name])

    pages = len(list(site.rglob("*.html")))
    figures = [
        Figure("full build: annotated site", median("real"), "s", None, f"median of {runs}, {pages} pages"),
        Figure("full build: same pages without the engine", median("floor"), "s", None, "made in advance"),
        Figure("full build: plain Material, same text", median("plain"), "s", None, "the article as one page"),
        Figure(
            "full build: the engine's share",
            median("real") / median("floor"),
            "x",
            1.25,
            "annotated build / the same pages handed to MkDocs without the engine; both keep compiled templates",
        ),
        Figure(
            "full build: the engine's share, fresh clone",
            median("real fresh") / median("floor fresh"),
            "x",
            None,
            "the same with no compiled templates kept, as in CI",
        ),
        Figure(
            "full build: annotated / plain",
            median("real") / median("plain"),
            "x",
            None,
            "against the article as one plain Material page; both keep compiled templates",
        ),
        Figure(
            "full build: annotated / plain, fresh clone",
            median("real fresh") / median("plain fresh"),
            "x",
            None,
            "the same with no compiled templates kept",
        ),
        Figure(
            "full build: without the engine / plain",
            median("floor") / median("plain"),
            "x",
            None,
            "MkDocs' own cost of the 18 extra pages, their navigation and search",
        ),
    ]
    return figures, site


# --- mkdocs serve ------------------------------------------------------------------------------------------------


def serve_rebuilds(changes: int) -> list[float]:
    """Seconds from saving an annotation file to `mkdocs serve` having rebuilt the site, for each change.

    No benchmarking tool times this; the server's own log says when it has rebuilt.
    """
    copy = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    for name in ("mkdocs.yml", "docs", "overrides", "data", "annotations", "articles", "schemas"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=copy,
        env=ENV,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    times: list[float] = []
    try:
        _wait_for(server, "Serving on")
        target = next((copy / "annotations" / "glossary").glob("*.yml"))
        for n in range(changes):
            time.sleep(1.0)
            start = time.perf_counter()
            target.write_text(target.read_text(encoding="utf-8") + f"# benchmark edit {n}\n", encoding="utf-8")
            _wait_for(server, "Reloading browsers")
            times.append(time.perf_counter() - start)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(copy)
    return times


def _wait_for(server: subprocess.Popen[str], text: str, timeout: float = 60) -> None:
    assert server.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if not line and server.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped before printing {text!r}")
        if text in line:
            return
    raise TimeoutError(f"mkdocs serve did not print {text!r} within {timeout} s")


# --- Page weight ------------------------------------------------------------------------------------------------


def page_weight(site: Path) -> dict[str, float]:
    """Bytes of the article page, of our CSS and JS, and of everything the page loads (raw and gzipped)."""
    page = site / "articles" / f"{ARTICLE}.html"
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:script|img)[^>]*\ssrc="([^"]+)"|<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    loaded = {(page.parent / (a or b)).resolve() for a, b in refs if not (a or b).startswith(("http:", "https:"))}
    # Ours: every stylesheet and script the page loads from docs/assets/, except vendored files.
    own = sorted(
        p
        for p in loaded
        if "assets" in p.parts and "vendor" not in p.parts and (ROOT / "docs" / p.relative_to(site.resolve())).is_file()
    )

    def size(paths: list[Path], *, zipped: bool = False) -> float:
        return sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) if zipped else p.stat().st_size for p in paths)

    return {
        "html": page.stat().st_size,
        "html_gz": size([page], zipped=True),
        "own": size(own),
        "own_source": sum((ROOT / "docs" / p.relative_to(site.resolve())).stat().st_size for p in own),
        "own_files": len(own),
        "own_gz": size(own, zipped=True),
        "total": page.stat().st_size + size(sorted(loaded)),
        "total_gz": size([page], zipped=True) + size(sorted(loaded), zipped=True),
        "requests": 1 + len(loaded),
        "search": (site / "search" / "search_index.json").stat().st_size,
        "search_gz": size([site / "search" / "search_index.json"], zipped=True),
    }


def weight_figures(site: Path) -> list[Figure]:
    """The article page's weight, with the budget every issue keeps."""
    weight = page_weight(site)
    return [
        Figure("article page: HTML", weight["html"] / 1024, "KB", None, f"{weight['html_gz'] / 1024:.1f} KB gzipped"),
        Figure(
            "article page: our CSS + JS",
            weight["own"] / 1024,
            "KB",
            30,
            f"{weight['own_files']:.0f} files as shipped, minified by the build (sources "
            f"{weight['own_source'] / 1024:.1f} KB); {weight['own_gz'] / 1024:.1f} KB gzipped",
        ),
        Figure(
            "article page: total loaded, gzipped",
            weight["total_gz"] / 1024,
            "KB",
            105,
            f"{weight['total'] / 1024:.0f} KB raw, {weight['requests']:.0f} files, before the search index",
        ),
        Figure(
            "article page: search index",
            weight["search"] / 1024,
            "KB",
            None,
            f"{weight['search_gz'] / 1024:.1f} KB gzipped; Material's search fetches it once the page has loaded",
        ),
    ]


# --- Report -----------------------------------------------------------------------------------------------------


def report(figures: list[Figure]) -> str:
    """A Markdown table of the figures."""
    rows = ["| Figure | Value | Budget | Kept | Notes |", "| --- | ---: | ---: | :---: | --- |"]
    for f in figures:
        value = f"{f.value:,.2f} {f.unit}" if f.value < 100 else f"{f.value:,.0f} {f.unit}"
        target = f"≤ {f.target:g} {f.unit}" if f.target is not None else ""
        kept = ("yes" if f.ok else "**no**") if f.target is not None else ""
        rows.append(f"| {f.name} | {value} | {target} | {kept} | {f.note} |")
    return "\n".join(rows)


def main(args: list[str] | None = None) -> int:
    """Measure, print and save; exit 1 if a figure misses its budget."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10, help="whole builds of each kind (default 10)")
    parser.add_argument("--serve-changes", type=int, default=3, help="annotation edits timed under mkdocs serve")
    parser.add_argument("--quick", action="store_true", help="fewer processes for the engine's figures")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "latest")
    parser.add_argument("--readme", type=Path, help="also put the table between the bench markers of this file")
    options = parser.parse_args(args)
    if shutil.which("hyperfine") is None:
        sys.exit("make bench needs hyperfine: apt-get install hyperfine (Debian's package; PyPI's is another tool)")
    figures = engine_figures(options.quick)
    built, site = build_figures(options.runs)
    figures += built
    if options.serve_changes:
        rebuilds = serve_rebuilds(options.serve_changes)
        figures.append(
            Figure(
                "serve: rebuild after an annotation edit",
                statistics.median(rebuilds),
                "s",
                1.0,
                f"median of {len(rebuilds)}, from saving the file to the reload signal",
            )
        )
    figures += weight_figures(site)
    shutil.rmtree(site.parent)
    table = report(figures)
    print(table)  # noqa: T201 - this is a command-line report
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    dated = f"Measured {stamp} on {os.cpu_count()} cores.\n\n{table}\n"
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.with_suffix(".md").write_text(dated, encoding="utf-8")
    data = [
        {"name": f.name, "value": round(f.value, 3), "unit": f.unit, "target": f.target, "met": f.ok, "note": f.note}
        for f in figures
    ]
    options.out.with_suffix(".json").write_text(
        json.dumps({"date": stamp, "figures": data}, indent=2) + "\n", encoding="utf-8"
    )
    if options.readme:
        text = options.readme.read_text(encoding="utf-8")
        start, end = text.index("<!-- bench -->") + len("<!-- bench -->"), text.index("<!-- /bench -->")
        options.readme.write_text(text[:start] + "\n" + dated + text[end:], encoding="utf-8")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
