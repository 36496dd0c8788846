"""`make bench`: the engine's time and memory, whole builds, `mkdocs serve` rebuilds, the article page's weight.

The engine is timed with pyperf, whole builds against plain Material with hyperfine. Prints a table, writes it to
benchmarks/latest.md and .json (and, with --readme, into README.md), and exits 1 if a figure misses its budget.
Timings on a shared machine vary from run to run: the builds are compared as ratios of medians taken in the same
run, each build with its template caches warm, or each without.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
import html as html_module
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
import tinycss2
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


def builds(rounds: int, runs: int) -> tuple[list[dict[str, list[float]]], Path]:
    """Build times of the real site and of the same article without the engine, warm caches and fresh ones.

    On a shared machine the speed drifts over minutes, so the kinds of build take turns: `rounds` hyperfine runs,
    each building every kind `runs` times. Returns each round's times in seconds by kind, and the real site.
    """
    projects = {"real": ROOT, "floor": floor_project(), "plain": plain_project(template_cache=True)}
    out = Path(tempfile.mkdtemp(prefix="bench-builds-"))
    commands: list[str] = []
    for name, root in projects.items():
        build = f"cd {root} && {' '.join(MKDOCS)} build -q -d {out / name}"
        commands += ["-n", name, build, "-n", f"{name} fresh", f"rm -rf {root / '.cache'} && {build}"]
    result = out / "hyperfine.json"
    times = []
    for round_ in range(rounds):
        subprocess.run(
            [
                *("hyperfine", "--style", "none", "--warmup", "1" if round_ == 0 else "0", "--runs", str(runs)),
                *("--export-json", str(result), *commands),
            ],
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append({r["command"]: r["times"] for r in json.loads(result.read_text(encoding="utf-8"))["results"]})
    for name in ("floor", "plain"):
        shutil.rmtree(projects[name])
    subprocess.run([*MKDOCS, "build", "-q"], cwd=ROOT, env=ENV, check=True)  # leave the real caches warm
    return times, out / "real"


def build_figures(rounds: int, runs: int) -> tuple[list[Figure], Path]:
    """The build times as ratios: the engine's share of a build, and the whole against plain Material."""
    times, site = builds(rounds, runs)

    def median(name: str) -> float:
        return statistics.median(t for round_ in times for t in round_[name])

    def ratio(a: str, b: str) -> tuple[float, str]:
        each = [statistics.median(round_[a]) / statistics.median(round_[b]) for round_ in times]
        return statistics.median(each), f"median of {rounds} rounds (from {min(each):.2f} to {max(each):.2f})"

    pages = len(list(site.rglob("*.html")))
    builds_run = f"median of {rounds * runs} builds in {rounds} rounds"
    figures = [
        Figure("full build: annotated site", median("real"), "s", None, f"{builds_run}, {pages} pages"),
        Figure("full build: same pages without the engine", median("floor"), "s", None, "made in advance"),
        Figure("full build: plain Material, same text", median("plain"), "s", None, "the article as one page"),
    ]
    for name, (a, b), budget, note in (
        ("the engine's share", ("real", "floor"), 1.25, "annotated / the same pages without the engine, both warm"),
        ("the engine's share, fresh clone", ("real fresh", "floor fresh"), None, "both with no compiled templates"),
        ("annotated / plain", ("real", "plain"), None, "against the article as one plain Material page, both warm"),
        ("annotated / plain, fresh clone", ("real fresh", "plain fresh"), None, "both with no compiled templates"),
        ("without the engine / plain", ("floor", "plain"), None, "MkDocs' own cost of the extra pages"),
    ):
        value, spread_ = ratio(a, b)
        figures.append(Figure(f"full build: {name}", value, "x", budget, f"{note}; {spread_}"))
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


_COMPRESSED = {".woff2", ".png", ".jpg", ".webp"}
"""Files a server sends as they are: gzip would not make them smaller."""


def _fonts_used(css_file: Path, text: str) -> set[Path]:
    """The font files of a stylesheet's @font-face rules whose unicode-range covers a character of `text`.

    A browser fetches a face's file only when the page has a character in its range (and an element uses the face:
    not checked here, so this may count a file the page does not fetch, never the other way round).
    """
    used = set()
    points = {ord(ch) for ch in text}
    rules = tinycss2.parse_stylesheet(css_file.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or rule.content is None:
            continue
        url, ranges = None, []
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type != "declaration":
                continue
            if declaration.lower_name == "src":
                # url(x) is a token of its own; url("x") a function whose argument is a string.
                for token in declaration.value:
                    if token.type == "url":
                        url = token.value
                    elif token.type == "function" and token.lower_name == "url" and token.arguments:
                        url = token.arguments[0].value
            elif declaration.lower_name == "unicode-range":
                ranges = [(t.start, t.end) for t in declaration.value if t.type == "unicode-range"]
        if url and (not ranges or any(start <= p <= end for p in points for start, end in ranges)):
            used.add((css_file.parent / url).resolve())
    return used


def page_weight(site: Path) -> dict[str, float]:
    """Bytes of the article page, of our CSS and JS, and of everything the page loads (raw and gzipped).

    Everything: its stylesheets, scripts, images and icon, and the font files its text needs; not the search
    index, which Material's search fetches once the page has loaded (reported on its own).
    """
    page = site / "articles" / f"{ARTICLE}.html"
    html = page.read_text(encoding="utf-8")
    refs = re.findall(
        r'<(?:script|img)[^>]*\ssrc="([^"]+)"|<link[^>]*rel="(?:stylesheet|icon)"[^>]*href="([^"]+)"', html
    )
    loaded = {(page.parent / (a or b)).resolve() for a, b in refs if not (a or b).startswith(("http:", "https:"))}
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", html))
    for css in [p for p in loaded if p.suffix == ".css"]:
        loaded |= _fonts_used(css, text)
    # Ours: every stylesheet and script the page loads from docs/assets/, except vendored files.
    own = sorted(
        p
        for p in loaded
        if p.suffix in (".css", ".js")
        and "assets" in p.parts
        and "vendor" not in p.parts
        and (ROOT / "docs" / p.relative_to(site.resolve())).is_file()
    )

    def size(paths: list[Path], *, zipped: bool = False) -> float:
        squeezed = [p for p in paths if zipped and p.suffix not in _COMPRESSED]
        as_is = [p for p in paths if p not in squeezed]
        return sum(len(gzip.compress(p.read_bytes(), 9, mtime=0)) for p in squeezed) + sum(
            p.stat().st_size for p in as_is
        )

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
        "fonts": len([p for p in loaded if p.suffix == ".woff2"]),
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
            40,
            f"{weight['own_files']:.0f} files as shipped, minified by the build (sources "
            f"{weight['own_source'] / 1024:.1f} KB); {weight['own_gz'] / 1024:.1f} KB gzipped",
        ),
        Figure(
            "article page: total loaded, gzipped",
            weight["total_gz"] / 1024,
            "KB",
            105,
            f"{weight['total'] / 1024:.0f} KB raw, {weight['requests']:.0f} files (the text face and icon included), "
            "before the search index",
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
    parser.add_argument("--rounds", type=int, default=5, help="rounds of whole builds (default 5)")
    parser.add_argument("--runs", type=int, default=2, help="whole builds of each kind per round (default 2)")
    parser.add_argument("--serve-changes", type=int, default=3, help="annotation edits timed under mkdocs serve")
    parser.add_argument("--quick", action="store_true", help="fewer processes for the engine's figures")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "latest")
    parser.add_argument("--readme", type=Path, help="also put the table between the bench markers of this file")
    options = parser.parse_args(args)
    if shutil.which("hyperfine") is None:
        sys.exit("make bench needs hyperfine: apt-get install hyperfine (Debian's package; PyPI's is another tool)")
    # As pip compiles installed packages (and `make site` the engine): where PYTHONDONTWRITEBYTECODE is set, every
    # build would otherwise compile the engine from source, while MkDocs and Material load compiled code.
    compileall.compile_dir(ROOT / "scripts" / "annotated_reading", quiet=1)
    figures = engine_figures(options.quick)
    built, site = build_figures(options.rounds, options.runs)
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
