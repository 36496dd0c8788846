"""The engine's time and memory, measured with pyperf: `python scripts/bench/bench_engine.py --project DIR -o out.json`.

`run_bench.py` (`make bench`) runs it for the real project and for larger synthetic ones. Benchmarks, chosen with
`--bench`:

- `first`: the first build in a fresh process, as `mkdocs build` pays it (the engine's modules already imported,
  run by the MkDocs plugin's own `build`: its compiled templates read from .cache/, the cycle collector paused);
- `rebuild`: a build that keeps what the previous one read, as a `mkdocs serve` rebuild after an edit;
- `afresh`: all the work of a build again, in a process that has built before (no start-up costs);
- `analyse` and `render`: the two halves of `afresh`: read, check and anchor; then the pages and the export.

With pyperf's `--track-memory`, the values are peak memory instead of time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyperf
from jinja2 import FileSystemBytecodeCache

from annotated_reading.cache import BuildCache
from annotated_reading.mkdocs.plugin import AnnotatedReadingPlugin
from annotated_reading.pipeline import Project, analyse, render_all
from annotated_reading.rendering.export import export_text, web_annotations

BENCHES = ("first", "rebuild", "afresh", "analyse", "render")


def _cache(project: Project) -> BuildCache:
    """A fresh cache that reads compiled templates from where the MkDocs plugin keeps them."""
    folder = project.root / ".cache" / "engine-templates"
    folder.mkdir(parents=True, exist_ok=True)
    return BuildCache(compiled=FileSystemBytecodeCache(str(folder)))


def main() -> None:
    """Run the chosen benchmark."""

    def worker_args(command: list[str], args: argparse.Namespace) -> None:
        command += ["--project", args.project, "--bench", args.bench]

    runner = pyperf.Runner(add_cmdline_args=worker_args)
    runner.argparser.add_argument("--project", required=True, help="the project to build")
    runner.argparser.add_argument("--bench", choices=BENCHES, required=True)
    args = runner.parse_args()
    project = Project(Path(args.project).resolve())
    if args.bench in ("first", "afresh"):
        # A new plugin, with a new cache, for every build: `first` runs once per process (run_bench.py sets
        # --values 1 --warmups 0).
        runner.bench_time_func(args.bench, _timed, lambda: AnnotatedReadingPlugin().build(project.root))
    elif args.bench == "rebuild":
        plugin = AnnotatedReadingPlugin()
        plugin.build(project.root)
        runner.bench_time_func(args.bench, _timed, lambda: plugin.build(project.root))
    else:
        templates = _cache(project)
        analyse(project, templates)  # compiles the templates, which a fresh cache then shares
        if args.bench == "analyse":
            runner.bench_time_func(args.bench, _timed, lambda: analyse(project, _reuse(templates)))
        else:
            ctx, _ = analyse(project, _reuse(templates))
            assert ctx is not None
            runner.bench_time_func(args.bench, _timed, lambda: (render_all(ctx), export_text(web_annotations(ctx))))


def _reuse(cache: BuildCache) -> BuildCache:
    """A fresh cache, but for the compiled templates."""
    return BuildCache(templates=cache.templates, compiled=cache.compiled)


def _timed(loops: int, work: object) -> float:
    assert callable(work)
    start = time.perf_counter()
    for _ in range(loops):
        work()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
