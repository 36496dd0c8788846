"""Command line: `python -m annotated_reading check` validates; `pages DIR` writes the generated pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotated_reading.checking.citations import tally
from annotated_reading.errors import AnnotationError
from annotated_reading.pipeline import Project, analyse, build_pages


def get_parser() -> argparse.ArgumentParser:
    """The argument parser."""
    parser = argparse.ArgumentParser(prog="annotated_reading", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project root (default: current folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate articles and annotations; exit 1 listing every problem")
    pages = sub.add_parser("pages", help="write the generated pages' HTML to a folder (glossary.html...), to inspect")
    pages.add_argument("out", type=Path)
    return parser


def main(args: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    options = get_parser().parse_args(args)
    project = Project(options.root.resolve())
    if options.command == "check":
        context, problems = analyse(project)
        if problems:
            print(AnnotationError(problems).report(), file=sys.stderr)
            return 1
        print("All annotations are valid.")
        if context is not None:
            print(tally(context.entries).report())
        return 0
    try:
        pages = build_pages(project)
    except AnnotationError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    for name, html in pages.items():
        target = options.out / Path(name).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    print(f"Wrote {len(pages)} pages to {options.out}")
    return 0
