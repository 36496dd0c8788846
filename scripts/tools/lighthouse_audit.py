"""Lighthouse on one page of the built site, served gzipped on localhost: `python scripts/tools/lighthouse_audit.py`.

Lighthouse (the pinned npm package) runs with its default mobile preset against Chromium (`CHROME_PATH`), several
times, over `serve_gzip`; the median of each category's score and of the layout shift is held against the
budgets below and written as a table to benchmarks/audit.md. Exit status 1 when a figure misses its budget.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from serve_gzip import serving

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
PAGE = "articles/west-africa-alliance.html"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class Budget:
    """The least score (0-100) a category must reach, or the most layout shift allowed."""

    figure: str
    limit: float
    higher_is_better: bool = True

    def kept(self, value: float) -> bool:
        """Whether value is within the budget."""
        return value >= self.limit if self.higher_is_better else value < self.limit

    def describe(self) -> str:
        """The budget as the table shows it."""
        return f"≥ {self.limit:g}" if self.higher_is_better else f"< {self.limit:g}"


BUDGETS = (
    Budget("performance", 95),
    Budget("accessibility", 100),
    Budget("best-practices", 100),
    Budget("seo", 100),
    Budget("cumulative layout shift", 0.02, higher_is_better=False),
)


@dataclass(frozen=True)
class Run:
    """What one Lighthouse run measured: each category's score (0-100), the layout shift, what lost points."""

    scores: dict[str, float]
    shift: float
    losses: tuple[tuple[str, str], ...]
    """(category: audit title, the audit's figure) for each scored audit that lost points."""
    opportunities: tuple[tuple[str, str], ...]
    """(title, estimated saving) for each of Lighthouse's suggestions to load the page faster."""
    version: str


def figures(run: Run) -> dict[str, float]:
    """A run's figures by the names the budgets use."""
    return {**run.scores, "cumulative layout shift": run.shift}


def read_report(report: dict[str, Any]) -> Run:
    """The figures of a Lighthouse JSON report, and the audits that cost its categories points."""
    categories = report["categories"]
    audits = report["audits"]
    losses = [
        (f"{name}: {audits[ref['id']]['title']}", str(audits[ref["id"]].get("displayValue") or "failed"))
        for name in CATEGORIES
        for ref in categories[name]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]
    opportunities = [
        (str(audit["title"]), str(audit.get("displayValue") or ""))
        for audit in audits.values()
        if (audit.get("details") or {}).get("type") == "opportunity"
        and audit["score"] is not None
        and audit["score"] < 1
    ]
    return Run(
        {name: round(categories[name]["score"] * 100) for name in CATEGORIES},
        float(audits["cumulative-layout-shift"]["numericValue"]),
        tuple(losses),
        tuple(opportunities),
        str(report["lighthouseVersion"]),
    )


def run_lighthouse(url: str, chrome: str) -> Run:
    """One Lighthouse run on url, mobile preset, with Chromium at chrome."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} missing: run `npm ci`")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        result = subprocess.run(
            command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=False
        )
        if result.returncode != 0 or not report.is_file():
            raise SystemExit(f"lighthouse failed ({result.returncode}):\n{result.stderr}")
        return read_report(json.loads(report.read_text(encoding="utf-8")))


def table(runs: list[Run], page: str) -> tuple[str, bool]:
    """The Markdown report of the runs, and whether every median is within its budget."""
    lines = [
        f"Lighthouse {runs[0].version} on `{page}`, mobile preset, served gzipped from localhost;"
        f" median of {len(runs)} runs, measured {time.strftime('%Y-%m-%d', time.gmtime())}"
        f" on {os.cpu_count()} cores.",
        "",
        "| Figure | Median | Runs | Budget | Kept |",
        "| --- | ---: | ---: | ---: | :---: |",
    ]
    kept_all = True
    for budget in BUDGETS:
        values = [figures(run)[budget.figure] for run in runs]
        median = statistics.median(values)
        kept = budget.kept(median)
        kept_all &= kept
        shown = ", ".join(f"{v:g}" for v in values)
        lines.append(
            f"| {budget.figure} | {median:g} | {shown} | {budget.describe()} | {'yes' if kept else '**no**'} |"
        )
    for heading, found in (
        ("What cost points, in the runs that lost them", [run.losses for run in runs]),
        (
            "Lighthouse's suggestions for loading faster, with their estimated savings",
            [run.opportunities for run in runs],
        ),
    ):
        grouped: dict[str, list[str]] = {}
        for items in found:
            for title, value in items:
                grouped.setdefault(title, []).append(value)
        if grouped:
            lines += ["", f"{heading}:", ""]
            lines += [f"- {title}: {', '.join(v for v in values if v) or 'yes'}" for title, values in grouped.items()]
    return "\n".join(lines) + "\n", kept_all


def main(argv: list[str] | None = None) -> int:
    """Command line: audit PAGE of SITE, write the report, exit 1 if a budget is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--page", default=PAGE, help=f"the page, relative to the site (default: {PAGE})")
    parser.add_argument("--runs", type=int, default=3, help="how many runs the medians are of (default: 3)")
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "audit.md", help="where to write")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    with serving(args.site) as url:
        runs = [run_lighthouse(url + args.page, chrome) for _ in range(args.runs)]
    report, kept = table(runs, args.page)
    args.report.write_text(report, encoding="utf-8")
    print(report, end="")  # noqa: T201
    return 0 if kept else 1


if __name__ == "__main__":
    sys.exit(main())
