"""A pull request's job summary: `python scripts/tools/pr_summary.py --base SHA [--check-log FILE] ...`.

Lists the entries and articles the pull request adds, changes or removes (its files under annotations/ and
articles/, from `git diff` against the base), the result of `make check` with its output, and where each changed
page is inside the run's artifacts. Artifacts download as zips, so the summary gives paths, not links; the paths
come from the engine (`entry_page`), so `groups/jnim` is `groups/jnim.html` and `glossary/sahel` is
`glossary.html#sahel`. Writes Markdown to standard output, for `>> "$GITHUB_STEP_SUMMARY"`.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from make_zip import TOP

from annotated_reading.model.kinds import KINDS
from annotated_reading.rendering.links import article_page, entry_page, site_path

SITE_ARTIFACT = "site"
"""The name of the run's artifact holding site/ (see .github/workflows/pr.yml)."""
ZIP_ARTIFACT = TOP
"""The name of the run's artifact holding the offline zip, whose files sit under the folder `TOP`."""
ANNOTATION_SUFFIXES = (".yml", ".yaml")


@dataclass
class Change:
    """An entry or article that the pull request touches."""

    ref: str
    """`<kind>/<id>` for an entry, `articles/<id>` for an article."""
    page: str
    """Its page in the built site, with the fragment of its place on the page: `glossary.html#sahel`."""
    files: list[str] = field(default_factory=list)
    """The changed files that make it."""
    removed: bool = False
    """True when the pull request deletes it."""


def changed_files(base: str, root: Path) -> list[str]:
    """The files the commits since base's merge base with HEAD add, change or delete (a rename as both)."""
    out = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", "-z", f"{base}...HEAD"],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [path for path in out.split("\0") if path]


def changes(files: list[str], root: Path) -> tuple[list[Change], list[str]]:
    """The entries and articles among files (paths relative to root), and the other files under their folders.

    An entry is removed when its file no longer exists under root; an article when its `article.yml` does not.
    """
    found: dict[str, Change] = {}
    others: list[str] = []
    for path in sorted(set(files)):
        parts = PurePosixPath(path).parts
        if len(parts) == 3 and parts[0] == "annotations" and parts[1] in KINDS and path.endswith(ANNOTATION_SUFFIXES):
            ref = f"{parts[1]}/{PurePosixPath(parts[2]).stem}"
            change = found.setdefault(ref, Change(ref, site_path(entry_page(ref))))
            change.removed = not (root / path).exists()
        elif len(parts) >= 3 and parts[0] == "articles":
            ref = f"articles/{parts[1]}"
            change = found.setdefault(ref, Change(ref, site_path(article_page(parts[1]))))
            change.removed = not (root / "articles" / parts[1] / "article.yml").exists()
        else:
            if parts and parts[0] in ("annotations", "articles"):
                others.append(path)
            continue
        change.files.append(path)
    return sorted(found.values(), key=lambda c: c.ref), others


def code(text: str) -> str:
    """Text as a Markdown code span, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(text: str) -> str:
    """Text as a fenced Markdown code block, whatever fences it holds."""
    longest = max((len(run) for run in re.findall(r"^`{3,}", text, re.MULTILINE)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}"


def check_section(outcome: str, log: str | None) -> list[str]:
    """The result of `make check` (a step outcome: success, failure, cancelled or skipped) and its output."""
    verdict = {
        "success": "passed",
        "failure": "**failed**: the problems below must be fixed before the site can be built",
        "cancelled": "was cancelled",
        "skipped": "did not run (an earlier step failed)",
    }.get(outcome, f"ended as {outcome}")
    lines = ["## `make check`", "", f"`make check` {verdict}.", ""]
    if log is None or not log.strip():
        lines += ["It printed nothing." if log is not None else "Its output was not kept.", ""]
    else:
        open_ = " open" if outcome != "success" else ""
        lines += [f"<details{open_}><summary>Output</summary>", "", code_block(log), "", "</details>", ""]
    return lines


def changes_section(found: list[Change], others: list[str], built: bool) -> list[str]:
    """The table of changed entries and articles, with the path of each page in the artifacts."""
    lines = ["## Changed entries and articles", ""]
    if not found and not others:
        return [*lines, "This pull request changes no article or annotation.", ""]
    if found:
        if built:
            lines += [
                f"Download the run's artifacts: **{SITE_ARTIFACT}** holds the site (open `index.html`), "
                f"**{ZIP_ARTIFACT}** the offline zip, whose pages are under `{TOP}/`. "
                "Each changed page is at this path inside them:",
                "",
            ]
        else:
            lines += ["The site was not built, so this run has no preview to download.", ""]
        lines += ["| Entry | Files | Page in the site |", "| --- | --- | --- |"]
        for change in found:
            files = "<br>".join(code(f) for f in change.files)
            page = "removed" if change.removed else code(change.page)
            lines.append(f"| {code(change.ref)} | {files} | {page} |")
        lines.append("")
    if others:
        lines += ["Other changed files under annotations/ and articles/:", ""]
        lines += [f"- {code(path)}" for path in others]
        lines.append("")
    return lines


def summary(files: list[str], root: Path, check_outcome: str, check_log: str | None, built: bool) -> str:
    """The whole summary, as Markdown."""
    found, others = changes(files, root)
    lines = ["# Preview of this pull request", ""]
    lines += changes_section(found, others, built)
    lines += check_section(check_outcome, check_log)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: print the summary of the pull request's changes since --base."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the base branch's commit (the pull request's base.sha)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the checkout (default: current folder)")
    parser.add_argument("--check-log", type=Path, help="the output of `make check`, kept in a file")
    parser.add_argument("--check-outcome", default="success", help="the check step's outcome (default: success)")
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    args = parser.parse_args(argv)
    kept = args.check_log is not None and args.check_log.is_file()
    log = args.check_log.read_text(encoding="utf-8", errors="replace") if kept else None
    built = (args.site / "index.html").is_file()
    text = summary(changed_files(args.base, args.root), args.root, args.check_outcome, log, built)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
