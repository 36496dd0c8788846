"""Find and load the project's inputs: articles and annotation files, each checked by its schema."""

from __future__ import annotations

import os
from pathlib import Path

from annotated_reading.checking.schemas import Schema, schema_problems
from annotated_reading.errors import Problem
from annotated_reading.model.kinds import KINDS, Article, Entry, Kind
from annotated_reading.reading.yaml_reader import decode, is_valid_id, load_file, parse_yaml, read_bytes, read_text

_IGNORED = {"README.md", ".gitkeep"}


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def collect_entries(annotations: Path, root: Path, validators: dict[str, Schema]) -> tuple[list[Entry], list[Problem]]:
    """Load every `annotations/<kind>/<id>.yml`, in a stable order; report anything else found there."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    if not annotations.is_dir():
        return [], [
            Problem(
                _display(annotations, root),
                1,
                1,
                "annotations folder not found",
                "create it with one subfolder per kind: " + ", ".join(KINDS),
            )
        ]
    for folder in sorted(annotations.iterdir()):
        shown = _display(folder, root)
        if folder.name in _IGNORED or folder.name.startswith("."):
            continue
        if not folder.is_dir() or folder.name not in KINDS:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"'{folder.name}' is not a kind of annotation",
                    "put annotation files in one of: " + ", ".join(f"annotations/{k}/" for k in KINDS),
                )
            )
            continue
        kind = KINDS[folder.name]
        # os.scandir: the directory listing says which names are files, without asking the disk about each.
        # Names as strings, not Path objects: this runs for every file at every build.
        for item in sorted(os.scandir(folder), key=lambda item: item.name):
            name = item.name
            display = f"{shown}/{name}"
            if name in _IGNORED or name.startswith("."):
                continue
            stem, suffix = os.path.splitext(name)  # noqa: PTH122 (a Path per file costs more than the read)
            if suffix not in (".yml", ".yaml") or not item.is_file():
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        "not an annotation file (expected <id>.yml)",
                        "rename it to end in .yml, or move it out of annotations/",
                    )
                )
                continue
            if not is_valid_id(stem):
                suggestion = "-".join("".join(c if c.isalnum() else " " for c in stem.lower()).split())
                problems.append(
                    Problem(
                        display,
                        1,
                        1,
                        f"file name '{name}' is not a valid id",
                        f"use lowercase letters, digits and hyphens, e.g. '{suggestion or 'my-entry'}.yml'",
                    )
                )
                continue
            entry, found = _load_entry(kind, item.path, stem, display, validators[kind.name])
            problems.extend(found)
            if entry is not None:
                entries.append(entry)
    return entries, problems


_LOADED: dict[tuple[str, str], tuple[bytes, int, Entry | None, list[Problem]]] = {}
"""(file, kind) -> (its bytes, validator id, result): `mkdocs serve` parses again only the files that changed.

The bytes themselves are kept and compared (a few hundred KB in all): comparing costs less than hashing."""


def _load_entry(
    kind: Kind, path: str, stem: str, display: str, validator: Schema
) -> tuple[Entry | None, list[Problem]]:
    raw, problems = read_bytes(path, display)
    if raw is None:
        return None, problems
    cached = _LOADED.get((display, kind.name))
    if cached and cached[1] == id(validator) and cached[0] == raw:
        return cached[2], cached[3]
    text, problems = decode(raw, display)
    doc = None
    if text is not None:
        doc, problems = parse_yaml(text, display)
    entry = None
    if doc is not None:
        what = f"{kind.name}/{stem}"
        if not isinstance(doc.data, dict):
            problems = [
                Problem(
                    display,
                    1,
                    1,
                    f"{what}: the file must hold a mapping of fields",
                    f"start with '{kind.label_field}: ...'",
                )
            ]
        else:
            problems = schema_problems(doc, validator, what)
            if not problems:
                entry = Entry(kind, stem, doc)
    _LOADED[(display, kind.name)] = (raw, id(validator), entry, problems)
    return entry, problems


def collect_articles(articles: Path, root: Path, validators: dict[str, Schema]) -> tuple[list[Article], list[Problem]]:
    """Load every `articles/<id>/article.yml` with the text file it names."""
    folders = sorted(p for p in articles.iterdir() if p.is_dir()) if articles.is_dir() else []
    if not folders:
        hint = "add articles/<id>/article.yml and the text file it names"
        return [], [Problem(_display(articles, root), 1, 1, "no article found", hint)]
    result: list[Article] = []
    problems: list[Problem] = []
    for folder in folders:
        article, found = _load_article(folder, root, validators)
        problems += found
        if article is not None:
            result.append(article)
    return result, problems


def _load_article(folder: Path, root: Path, validators: dict[str, Schema]) -> tuple[Article | None, list[Problem]]:
    meta_path = folder / "article.yml"
    display = _display(meta_path, root)
    if not is_valid_id(folder.name):
        hint = "use lowercase letters, digits and hyphens"
        return None, [Problem(_display(folder, root), 1, 1, f"article folder '{folder.name}' is not a valid id", hint)]
    if not meta_path.is_file():
        hint = "describe the article's provenance in article.yml (see schemas/article.schema.json)"
        return None, [Problem(display, 1, 1, "article.yml is missing", hint)]
    doc, problems = load_file(meta_path, display)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        return None, [Problem(display, 1, 1, "article.yml must hold a mapping of fields", "start with 'title: ...'")]
    problems = schema_problems(doc, validators["article"], f"article {folder.name}")
    if problems:
        return None, problems
    meta = doc.data
    text_path = folder / meta["text"]
    text_display = _display(text_path, root)
    if not text_path.is_file():
        hint = "put the article text beside article.yml"
        return None, [Problem(display, *doc.where(("text",)), f"text file '{meta['text']}' not found", hint)]
    text, problems = read_text(text_path, text_display)
    if text is None:
        return None, problems
    lines = text.rstrip().split("\n")
    if len(lines) < 3:
        hint = "one paragraph per line"
        return None, [Problem(text_display, 1, 1, "expected a title line, paragraphs and a credit line", hint)]
    for field, line, where in (("title", lines[0], "first line"), ("credit", lines[-1], "last line")):
        if line != meta[field]:
            problems.append(
                Problem(
                    display,
                    *doc.where((field,)),
                    f"{field} does not match the {where} of {meta['text']}: {line!r}",
                    f"the {field} must be the text's {where}, exactly",
                )
            )
    body = lines[1:-1]
    blank = [n for n, line in enumerate(body, start=2) if not line.strip()]
    if blank:
        hint = "one paragraph per line, with no blank lines between them"
        problems.append(Problem(text_display, blank[0], 1, "blank line inside the article", hint))
    if problems:
        return None, problems
    return Article(folder.name, meta["title"], body, meta["credit"], meta, text_display), []
