"""Find the project's inputs: the annotation files, one per entry, and the articles with their text."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import msgspec

from annotated_reading.errors import Problem
from annotated_reading.model.entries import Article
from annotated_reading.model.kinds import KINDS, Kind
from annotated_reading.model.records import ArticleMeta
from annotated_reading.reading.documents import Document, load_file
from annotated_reading.reading.files import read_text

IGNORED = frozenset({"README.md", ".gitkeep"})
"""Files that may sit among the annotation folders without being annotations."""

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class SourceFile(msgspec.Struct, frozen=True):
    """One annotation file found: `annotations/<kind>/<id>.yml`."""

    kind: Kind
    id: str
    path: Path
    display: str
    """The path as problems name it: relative to the project root, with forward slashes."""


def is_valid_id(stem: str) -> bool:
    """Whether a file or folder name can serve as an id: lowercase letters, digits and hyphens."""
    return bool(_ID.match(stem))


def display(path: Path, root: Path) -> str:
    """A path as problems name it: relative to the project root where it can be, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def annotation_files(annotations: Path, root: Path) -> tuple[list[SourceFile], list[Problem]]:
    """Every `annotations/<kind>/<id>.yml`, in a stable order; a problem for anything else found there."""
    if not annotations.is_dir():
        hint = "create it with one subfolder per kind: " + ", ".join(KINDS)
        return [], [Problem(display(annotations, root), 1, 1, "annotations folder not found", hint)]
    found: list[SourceFile] = []
    problems: list[Problem] = []
    for folder in sorted(annotations.iterdir()):
        shown = display(folder, root)
        if folder.name in IGNORED or folder.name.startswith("."):
            continue
        if not folder.is_dir() or folder.name not in KINDS:
            hint = "put annotation files in one of: " + ", ".join(f"annotations/{k}/" for k in KINDS)
            problems.append(Problem(shown, 1, 1, f"'{folder.name}' is not a kind of annotation", hint))
            continue
        # scandir: its entries know whether they are files without asking the file system again.
        with os.scandir(folder) as listing:
            items = sorted(listing, key=lambda item: item.name)
        for item in items:
            name = item.name
            if name in IGNORED or name.startswith("."):
                continue
            where = f"{shown}/{name}"
            path = folder / name
            if path.suffix not in (".yml", ".yaml") or not item.is_file():
                hint = "rename it to end in .yml, or move it out of annotations/"
                problems.append(Problem(where, 1, 1, "not an annotation file (expected <id>.yml)", hint))
            elif not is_valid_id(path.stem):
                suggestion = "-".join("".join(c if c.isalnum() else " " for c in path.stem.lower()).split())
                hint = f"use lowercase letters, digits and hyphens, e.g. '{suggestion or 'my-entry'}.yml'"
                problems.append(Problem(where, 1, 1, f"file name '{name}' is not a valid id", hint))
            else:
                found.append(SourceFile(KINDS[folder.name], path.stem, path, where))
    return found, problems


CheckMeta = Callable[[Document, str], tuple[ArticleMeta | None, list[Problem]]]
"""Checks a parsed `article.yml` (named in messages by the given text) and converts it to its record."""


def read_articles(articles: Path, root: Path, check: CheckMeta) -> tuple[list[Article], list[Problem], list[str]]:
    """Every `articles/<id>/article.yml`, with the text file it names; and the ids of those that could not be read.

    Arguments:
        articles: the articles folder.
        root: the project root, for the paths in problems.
        check: checks each `article.yml` against its schema before the text file it names is read.
    """
    folders = sorted(p for p in articles.iterdir() if p.is_dir()) if articles.is_dir() else []
    if not folders:
        hint = "add articles/<id>/article.yml and the text file it names"
        return [], [Problem(display(articles, root), 1, 1, "no article found", hint)], []
    result: list[Article] = []
    problems: list[Problem] = []
    unread: list[str] = []
    for folder in folders:
        article, found = _read_article(folder, root, check)
        problems += found
        if article is not None:
            result.append(article)
        else:
            unread.append(folder.name)
    return result, problems, unread


def _read_article(folder: Path, root: Path, check: CheckMeta) -> tuple[Article | None, list[Problem]]:
    meta_path = folder / "article.yml"
    shown = display(meta_path, root)
    if not is_valid_id(folder.name):
        hint = "use lowercase letters, digits and hyphens"
        return None, [Problem(display(folder, root), 1, 1, f"article folder '{folder.name}' is not a valid id", hint)]
    if not meta_path.is_file():
        hint = "describe the article's provenance in article.yml (see schemas/article.schema.json)"
        return None, [Problem(shown, 1, 1, "article.yml is missing", hint)]
    doc, problems = load_file(meta_path, shown)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [Problem(shown, 1, 1, "article.yml must hold a mapping of fields", "start with 'title: ...'")]
    meta, problems = check(doc, f"article {folder.name}")
    if meta is None:
        return None, problems
    text_path = folder / meta.text
    text_shown = display(text_path, root)
    if not text_path.is_file():
        hint = "put the article text beside article.yml"
        return None, [Problem(shown, *doc.where(("text",)), f"text file '{meta.text}' not found", hint)]
    text, problems = read_text(text_path, text_shown)
    if text is None:
        return None, problems
    lines = text.rstrip().split("\n")
    if len(lines) < 3:
        hint = "one paragraph per line"
        return None, [Problem(text_shown, 1, 1, "expected a title line, paragraphs and a credit line", hint)]
    for name, expected, line, where in (
        ("title", meta.title, lines[0], "first line"),
        ("credit", meta.credit, lines[-1], "last line"),
    ):
        if line != expected:
            problems.append(
                Problem(
                    shown,
                    *doc.where((name,)),
                    f"{name} does not match the {where} of {meta.text}: {line!r}",
                    f"the {name} must be the text's {where}, exactly",
                )
            )
    body = lines[1:-1]
    blank = [n for n, line in enumerate(body, start=2) if not line.strip()]
    if blank:
        hint = "one paragraph per line, with no blank lines between them"
        problems.append(Problem(text_shown, blank[0], 1, "blank line inside the article", hint))
    if problems:
        return None, problems
    return Article(folder.name, meta, tuple(body), text_shown), []
