"""Benchmark: engine time and memory at three scales, build time against plain Material, serve rebuild, page weight.

Run with `make bench`. Prints a table and writes the same figures to benchmarks/latest.json and .md.
Each figure is compared with its target from the performance issue; the exit status is 1 if any misses it.
"""

from __future__ import annotations

import argparse
import compileall
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "west-africa-alliance"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1582329600"}


@dataclass
class Figure:
    """One measured figure and its target."""

    name: str
    value: float
    unit: str
    target: float | None = None
    note: str = ""

    @property
    def ok(self) -> bool:
        """Whether the figure meets its target (figures without one always do)."""
        return self.target is None or self.value <= self.target


# --- engine ---

_ENGINE_PROBE = """
import json, resource, statistics, sys, time
from pathlib import Path
from annotated_reading.pipeline import Project, analyse, build_site, clear_caches
project = Project(Path(sys.argv[1]))
runs, afresh = [], []
for n in range(2 * int(sys.argv[2]) + 1):
    if n > int(sys.argv[2]):
        clear_caches()
    timings = {}
    start = time.perf_counter()
    # What the adapter runs, as it runs it: `mkdocs build` once (one_off), then as `mkdocs serve` rebuilds.
    site = build_site(project, timings=timings, one_off=n == 0)
    timings["total"] = time.perf_counter() - start  # the whole call: the stages, and the collector after them
    (afresh if n > int(sys.argv[2]) else runs).append(timings)
    if n == 0:
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # a build's peak, as `mkdocs build`'s
# The first run is what a fresh `mkdocs build` pays; the next ones, what a `mkdocs serve` rebuild pays (files
# that did not change are not read again); the last ones do all the work again in a process that has run it.
median = {k: runs[0][k] for k in runs[0]}
median.update({"warm_" + k: statistics.median(r[k] for r in runs[1:]) for k in runs[0]})
median.update({"afresh_" + k: statistics.median(r[k] for r in afresh) for k in runs[0]})
median["peak_mb"] = peak_mb
ctx, _ = analyse(project)
median["pages"] = len(site.pages)
median["entries"] = len(ctx.entries)
median["articles"] = len(ctx.articles)
median["chars"] = sum(len(p) for a in ctx.articles for p in a.paragraphs)
print(json.dumps(median))
"""


def engine(root: Path, runs: int, processes: int = 5) -> dict[str, float]:
    """Stage timings of a first run in a fresh process, the median of `runs` more, and the peak memory.

    Each figure is the median over `processes` fresh processes: one cold run is too noisy on a shared machine.
    `total_low` and `total_high` give the spread of the first runs' totals.
    """
    samples = []
    for _ in range(processes):
        result = subprocess.run(
            [sys.executable, "-c", _ENGINE_PROBE, str(root), str(runs)],
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(result.stdout))
    found = {key: statistics.median(sample[key] for sample in samples) for key in samples[0]}
    found["total_low"] = min(sample["total"] for sample in samples)
    found["total_high"] = max(sample["total"] for sample in samples)
    return found


def synthetic(root: Path, scale: int) -> Path:
    """A project `scale` times the real one: `scale` articles of its size, 20 x scale entries, 3 sources each.

    Articles are the real text plus sentences naming synthetic terms; every term occurs somewhere, every
    quote exactly once. The real glossary, group, people, place and figure entries are kept (they occur in
    every article); the real sources are not (their quotes would be ambiguous across copies).
    """
    out = Path(tempfile.mkdtemp(prefix=f"bench-x{scale}-"))
    shutil.copytree(ROOT / "schemas", out / "schemas")
    for kind in ("glossary", "groups", "people", "places", "figures"):
        for path in sorted((ROOT / "annotations" / kind).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            # Links into the real sources, which are left out, are dropped.
            data["see_also"] = [ref for ref in data.get("see_also", []) if not ref.startswith("sources/")]
            if not data["see_also"]:
                del data["see_also"]
            text = re.sub(r"\]\(sources/[a-z0-9-]+\)", "](https://example.org/)", yaml.safe_dump(data))
            (out / "annotations" / kind).mkdir(parents=True, exist_ok=True)
            (out / "annotations" / kind / path.name).write_text(text, encoding="utf-8")
    (out / "annotations" / "sources").mkdir(parents=True)
    lines = (ROOT / "articles" / ARTICLE / "article.txt").read_text(encoding="utf-8").split("\n")
    meta = (ROOT / "articles" / ARTICLE / "article.yml").read_text(encoding="utf-8")
    terms = 20 * scale
    citation = '  - {title: Synthetic, publisher: Bench, url: "https://example.org/bench", date: "2020"}\n'
    glossary = out / "annotations" / "glossary"
    for t in range(terms):
        (glossary / f"synthetic-{t}.yml").write_text(
            f"term: Zorvanite{t}\ndefinition: A made-up term for the benchmark, number {t}.\nsources:\n{citation}",
            encoding="utf-8",
        )
    for a in range(scale):
        body = list(lines[1:-1])
        for t in range(a, terms, scale):
            body[t % len(body)] += f" Analysts also mentioned Zorvanite{t} here."
        quotes = []
        for q in range(3):
            sentence = f"Official {a}-{q} said sector {a}-{q} was changing fast."
            body[(q * 7 + a) % len(body)] += " " + sentence
            quotes.append(sentence)
        folder = out / "articles" / f"article-{a}"
        folder.mkdir(parents=True)
        (folder / "article.txt").write_text("\n".join([lines[0], *body, lines[-1]]), encoding="utf-8")
        (folder / "article.yml").write_text(meta, encoding="utf-8")
        for q, sentence in enumerate(quotes):
            (out / "annotations" / "sources" / f"official-{a}-{q}.yml").write_text(
                f'name: Official {a}-{q}\ntype: anonymous\nstatements:\n  - quote: "{sentence}"\n'
                f"    article: article-{a}\nsources:\n{citation}",
                encoding="utf-8",
            )
    return out


# --- full builds ---


def plain_project() -> Path:
    """The same article text as one plain Material page: same theme and plugins, no hooks, no annotations."""
    out = Path(tempfile.mkdtemp(prefix="bench-plain-"))
    lines = (ROOT / "articles" / ARTICLE / "article.txt").read_text(encoding="utf-8").split("\n")
    (out / "docs").mkdir()
    (out / "docs" / "index.md").write_text(f"# {lines[0]}\n\n" + "\n\n".join(lines[1:]) + "\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\nnav:\n(?:  .*\n)+", "\n", config)
    config = re.sub(r"\n(?:  #.*\n)*  - annotated-reading\n", "\n", config)
    config = re.sub(r"\nextra_(css|javascript):\n(?:  .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(?:  .*\n)+", "\n", config)
    config = re.sub(r"\n  polyfills:\n(?:    .*\n)+", "\n", config)
    config = re.sub(r"\n  custom_dir: .*\n", "\n", config)
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    return out


_CACHE_HOOK = """
from pathlib import Path

from jinja2 import FileSystemBytecodeCache


def on_env(env, config, files):
    folder = Path(__file__).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
"""


def plain_cached_project() -> Path:
    """The plain project with only the template cache the adapter keeps: how much of the gap that cache hides."""
    out = plain_project()
    (out / "cache_hook.py").write_text(_CACHE_HOOK, encoding="utf-8")
    with (out / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - cache_hook.py\n")
    return out


_FLOOR_DUMP = """
import json, sys
from pathlib import Path
from annotated_reading.pipeline import INCLUDE, Project, build_site
site = build_site(Project(Path(sys.argv[1])))
docs = Path(sys.argv[2])
for page in sorted(docs.rglob("*.md")):
    text = page.read_text(encoding="utf-8")
    uri = page.relative_to(docs).as_posix()
    page.write_text(INCLUDE.sub(lambda m: site.includes[m.group(1)](uri), text), encoding="utf-8")
print(json.dumps({"pages": site.pages, "files": site.files, "assets": site.assets}))
"""

_FLOOR_HOOK = """
import json
from pathlib import Path

from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc

from annotated_reading.rendering.page_html import PageHtml, finish

SITE = json.loads((Path(__file__).parent / "site.json").read_text(encoding="utf-8"))
HELD = {}


def on_files(files, config):
    for path, content in {**SITE["pages"], **SITE["files"]}.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    html = SITE["pages"].get(page.file.src_uri)
    if html is None:
        return markdown
    assets = SITE["assets"].get(page.file.src_uri, [])
    page.meta["ann_styles"] = [a for a in assets if a.endswith(".css")]
    page.meta["ann_scripts"] = [a for a in assets if a.endswith(".js")]
    page.meta.setdefault("title", vars(page).get("title") or finish(html).title)
    return ""


def on_page_content(html, page, config, files):
    source = SITE["pages"].get(page.file.src_uri)
    if source is None:
        return html
    finished = finish(source)
    page.toc = get_toc(finished.toc)
    body, HELD[page.file.src_uri] = finished.for_search()
    return body


def on_page_context(context, page, config, nav):
    parts = HELD.pop(page.file.src_uri, None)
    if parts:
        page.content = PageHtml.restore(page.content, parts)
    return context
"""
_FLOOR_HOOK += _CACHE_HOOK


def floor_project() -> Path:
    """The annotated site with its pages generated in advance: MkDocs gets the same HTML, but runs no engine.

    A small hook does what the adapter does with the engine's output (pages, titles, tables of contents,
    what search skips, per-page assets, the template cache); the difference from the real build is the
    engine's own cost. The hook copies the adapter's page handling rather than importing the adapter, whose
    import would load the engine.
    """
    out = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    shutil.copytree(ROOT / "docs", out / "docs")
    shutil.copytree(ROOT / "overrides", out / "overrides")
    result = subprocess.run(
        [sys.executable, "-c", _FLOOR_DUMP, str(ROOT), str(out / "docs")],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    (out / "site.json").write_text(result.stdout, encoding="utf-8")
    (out / "floor_hook.py").write_text(_FLOOR_HOOK, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n(?:  #.*\n)*  - annotated-reading\n", "\n", config) + "\nhooks:\n  - floor_hook.py\n"
    config = re.sub(r"\nwatch:\n(?:  .*\n)+", "\n", config)
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    return out


def build_seconds(root: Path, site: Path, *, fresh: bool = False) -> float:
    """Wall time of one `mkdocs build` (a fresh process, as `make site` runs it).

    With `fresh`, the project's template cache (`.cache/jinja`) is deleted first, as on a fresh clone.
    """
    if fresh:
        shutil.rmtree(root / ".cache" / "jinja", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
        cwd=root,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def builds(runs: int) -> tuple[dict[str, list[float]], Path]:
    """Interleaved build times of the real site (also from a fresh clone), the plain ones and the floor.

    Returns the real site's folder too.
    """
    projects = {"real": ROOT, "real_fresh": ROOT, "plain": plain_project(), "plain_cached": plain_cached_project()}
    projects["floor"] = floor_project()
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    times: dict[str, list[float]] = {name: [] for name in projects}
    for name, root in projects.items():  # warm the file cache for each
        build_seconds(root, site / name)
    for _ in range(runs):
        for name, root in projects.items():
            times[name].append(build_seconds(root, site / name, fresh=name == "real_fresh"))
    for name in ("plain", "plain_cached", "floor"):
        shutil.rmtree(projects[name])
    return times, site / "real"


# --- serve ---


def serve_rebuilds(changes: int) -> list[float]:
    """Seconds from saving an annotation file to `mkdocs serve` having rebuilt the site, for each change."""
    copy = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    for name in ("mkdocs.yml", "docs", "overrides", "data", "annotations", "articles", "schemas", "scripts"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / name)
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=copy,
        env=ENV,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    assert server.stderr is not None
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


# --- page weight ---


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


# --- report ---


def measure(runs: int, serve_changes: int) -> list[Figure]:
    """Every figure of the benchmark."""
    figures: list[Figure] = []
    real = engine(ROOT, runs, processes=9)
    figures.append(
        Figure(
            "engine, real content: total",
            real["total"] * 1000,
            "ms",
            50,
            f"first run in a fresh process, as `mkdocs build` pays it (median of 9 processes, from "
            f"{real['total_low'] * 1000:.0f} to {real['total_high'] * 1000:.0f}); "
            f"{real['articles']:.0f} article, "
            f"{real['entries']:.0f} entries, {real['chars']:,.0f} characters",
        )
    )
    for stage in ("load", "check", "anchor", "render"):
        figures.append(Figure(f"engine, real content: {stage}", real[stage] * 1000, "ms"))
    figures.append(
        Figure(
            "engine, real content: total, warm",
            real["warm_total"] * 1000,
            "ms",
            None,
            f"median of {runs} more runs in the same process, as a `mkdocs serve` rebuild pays it",
        )
    )
    figures.append(
        Figure(
            "engine, real content: total, repeated from scratch",
            real["afresh_total"] * 1000,
            "ms",
            None,
            f"median of {runs} more runs with every in-process cache cleared first: all the work, none of the "
            "start-up (close to the first run: the time is the work)",
        )
    )
    figures.append(Figure("engine, real content: peak memory", real["peak_mb"], "MB", None, "whole process, first run"))
    scaled: dict[int, dict[str, float]] = {}
    for scale in (10, 100):
        root = synthetic(ROOT, scale)
        try:
            found = scaled[scale] = engine(root, max(1, runs // scale))
        finally:
            shutil.rmtree(root)
        note = (
            f"{found['articles']:.0f} articles, {found['entries']:.0f} entries, {found['chars']:,.0f} characters; "
            f"first run, median of 5 fresh processes (from {found['total_low'] * 1000:,.0f} to "
            f"{found['total_high'] * 1000:,.0f})"
        )
        target_s = 2000 if scale == 100 else None
        figures.append(Figure(f"engine, {scale}x scale: total", found["total"] * 1000, "ms", target_s, note))
        for stage in ("load", "anchor", "render"):
            figures.append(Figure(f"engine, {scale}x scale: {stage}", found[stage] * 1000, "ms"))
        figures.append(
            Figure(
                f"engine, {scale}x scale: peak memory",
                found["peak_mb"],
                "MB",
                500 if scale == 100 else None,
                "whole process, first run",
            )
        )
    small, large = scaled[10], scaled[100]
    grown = f"content {large['chars'] / small['chars']:.1f}x, entries {large['entries'] / small['entries']:.1f}x"
    for stage in ("total", "load", "anchor", "render"):
        figures.append(
            Figure(
                f"engine, growth from 10x to 100x: {stage}",
                large[stage] / small[stage],
                "x",
                None,
                f"for {grown}: under 10x means the work grows no faster than the input" if stage == "total" else "",
            )
        )
    times, site = builds(runs)

    def ratio(a: str, b: str) -> float:
        return statistics.median(x / y for x, y in zip(times[a], times[b], strict=True))

    def spread(a: str, b: str) -> str:
        ratios = [x / y for x, y in zip(times[a], times[b], strict=True)]
        return f"from {min(ratios):.2f} to {max(ratios):.2f}"

    pages = len(list(site.rglob("*.html")))
    builds_run = f"median of {runs}, `mkdocs build` in a fresh process"
    figures += [
        Figure(
            "full build: annotated site", statistics.median(times["real"]), "s", None, f"{builds_run}, {pages} pages"
        ),
        Figure(
            "full build: annotated site, fresh clone",
            statistics.median(times["real_fresh"]),
            "s",
            None,
            "the first build after a clone, as in CI: Material's templates compiled, not read from `.cache/jinja`",
        ),
        Figure(
            "full build: plain Material, same text",
            statistics.median(times["plain"]),
            "s",
            None,
            "the article as one page, same theme and plugins, no hooks (stock Material compiles its templates "
            "at every build)",
        ),
        Figure(
            "full build: plain Material with our template cache",
            statistics.median(times["plain_cached"]),
            "s",
            None,
            "the same, given the Jinja bytecode cache our adapter keeps",
        ),
        Figure(
            "full build: same pages without the engine",
            statistics.median(times["floor"]),
            "s",
            None,
            "the same pages generated in advance and handed to MkDocs by a small hook (with the template cache)",
        ),
        Figure(
            "full build: annotated / plain",
            ratio("real", "plain"),
            "x",
            1.3,
            f"median of interleaved runs ({spread('real', 'plain')}); repeated builds, each as it runs (ours "
            "reuses compiled templates)",
        ),
        Figure(
            "full build: annotated / plain, fresh clone",
            ratio("real_fresh", "plain"),
            "x",
            None,
            "the first build after a clone against stock Material",
        ),
        Figure(
            "full build: annotated / plain with template cache",
            ratio("real", "plain_cached"),
            "x",
            None,
            "like for like: both builds reuse compiled templates",
        ),
        Figure(
            "full build: without engine / plain with template cache",
            ratio("floor", "plain_cached"),
            "x",
            None,
            "MkDocs' own cost of rendering and indexing the 18 extra pages",
        ),
        Figure(
            "full build: annotated / without engine",
            ratio("real", "floor"),
            "x",
            None,
            "the engine's own share of the build (its import and run)",
        ),
    ]
    if serve_changes:
        rebuilds = serve_rebuilds(serve_changes)
        figures.append(
            Figure(
                "serve: rebuild after an annotation edit",
                statistics.median(rebuilds),
                "s",
                1.0,
                f"median of {len(rebuilds)}, save to reload signal",
            )
        )
    weight = page_weight(site)
    shutil.rmtree(site.parent)
    figures.append(
        Figure("article page: HTML", weight["html"] / 1024, "KB", None, f"{weight['html_gz'] / 1024:.1f} KB gzipped")
    )
    figures.append(
        Figure(
            "article page: our CSS + JS",
            weight["own"] / 1024,
            "KB",
            30,
            f"{weight['own_files']:.0f} files as shipped, minified by the build (sources "
            f"{weight['own_source'] / 1024:.1f} KB); {weight['own_gz'] / 1024:.1f} KB gzipped",
        )
    )
    figures.append(
        Figure(
            "article page: total loaded",
            weight["total"] / 1024,
            "KB",
            None,
            f"{weight['total_gz'] / 1024:.1f} KB gzipped, {weight['requests']:.0f} files, before the search index",
        )
    )
    figures.append(
        Figure(
            "article page: search index",
            weight["search"] / 1024,
            "KB",
            None,
            f"{weight['search_gz'] / 1024:.1f} KB gzipped; Material's search fetches it once the page has loaded",
        )
    )
    return figures


def report(figures: list[Figure]) -> str:
    """A Markdown table of the figures."""
    rows = ["| Figure | Value | Target | Met | Notes |", "| --- | ---: | ---: | :---: | --- |"]
    for f in figures:
        value = f"{f.value:,.2f} {f.unit}" if f.value < 100 else f"{f.value:,.0f} {f.unit}"
        target = f"≤ {f.target:g} {f.unit}" if f.target is not None else ""
        met = ("yes" if f.ok else "**no**") if f.target is not None else ""
        rows.append(f"| {f.name} | {value} | {target} | {met} | {f.note} |")
    return "\n".join(rows)


def main(args: list[str] | None = None) -> int:
    """Measure, print and save; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="repetitions per timing (default 7)")
    parser.add_argument("--serve-changes", type=int, default=3, help="annotation edits timed under mkdocs serve")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "latest")
    parser.add_argument("--readme", type=Path, help="also put the table between the bench markers of this file")
    options = parser.parse_args(args)
    # As pip does for installed packages (and `make site` for ours): where PYTHONDONTWRITEBYTECODE is set, every
    # run would otherwise compile the engine from source, while MkDocs and Material load compiled code.
    compileall.compile_dir(ROOT / "scripts", quiet=1)
    figures = measure(options.runs, options.serve_changes)
    table = report(figures)
    print(table)  # noqa: T201 - this is a command-line report
    options.out.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    options.out.with_suffix(".md").write_text(
        f"Measured {stamp} on {os.cpu_count()} cores.\n\n{table}\n", encoding="utf-8"
    )
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
        dated = f"\nMeasured {stamp} on {os.cpu_count()} cores.\n\n{table}\n"
        options.readme.write_text(text[:start] + dated + text[end:], encoding="utf-8")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
