"""Contributor Markdown that the page would silently lose: raw HTML, images, and links that lead nowhere.

The renderer (`markup.py`) sanitizes every Markdown field, so raw HTML, images and links other than web
addresses and entries are dropped from the page without a word. This check reports each of them instead,
at the field that holds it, so a contributor's text is never lost unnoticed. The sanitizer stays: this
check explains, the sanitizer protects.

Which fields are Markdown is read from the JSON Schemas: every value whose schema is
`common.schema.json#/$defs/markdown`.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Sequence
from typing import Any

from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.errors import Problem
from annotated_reading.model.entries import Entry
from annotated_reading.model.records import EntryFields
from annotated_reading.reading.documents import Document, Pointer, field_name, walk
from annotated_reading.reading.markdown import convert

MARKDOWN_DEF = "/$defs/markdown"
"""How a schema names a Markdown field: a `$ref` ending in this."""

_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_REF_LINK = re.compile(r"^[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTITY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")
_TAG = re.compile(r"^</?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_HTML_HINT = (
    "use Markdown instead: *emphasis*, **bold**, [links](https://…); to show a tag as text, put it in `backticks`"
)
_LINK_HINT = (
    "links may be https://…, http://… or mailto:… addresses, or another entry as kind/id, e.g. [JNIM](groups/jnim)"
)

Pattern = tuple[str, ...]
"""A path through a document with `*` for any list item, e.g. `("timeline", "*", "text")`."""


def check_markdown(
    entries: Sequence[Entry[EntryFields]], schemas: SchemaSet, articles: Sequence[tuple[str, Document]] = ()
) -> list[Problem]:
    """Raw HTML, images and links to unknown places in every Markdown field of every entry and article.

    Arguments:
        entries: every entry.
        schemas: the schemas, which say which fields are Markdown.
        articles: each `article.yml` that passed its schema, with how messages name it (`article <id>`).
    """
    patterns = markdown_patterns(schemas)
    known = sorted(e.ref for e in entries)
    documents = [(e.ref, e.kind.name, e.doc) for e in entries]
    documents += [(name, "article", doc) for name, doc in articles]
    problems: list[Problem] = []
    for name, schema, doc in documents:
        for pattern in patterns.get(schema, []):
            for pointer, value in walk(doc.data, pattern):
                if isinstance(value, str):
                    problems += _field_problems(name, doc, pointer, _Found(value), known)
    return problems


def markdown_patterns(schemas: SchemaSet) -> dict[str, list[Pattern]]:
    """For each schema `<name>.schema.json`, the paths of its Markdown fields."""
    memo: dict[int, list[Pattern]] = {}
    return {
        name.removesuffix(".schema.json"): sorted(set(_patterns(schema, schemas, name, memo)))
        for name, schema in schemas.documents.items()
    }


def _patterns(
    schema: Any, schemas: SchemaSet, base: str, memo: dict[int, list[Pattern]], depth: int = 0
) -> list[Pattern]:
    """The paths of the Markdown fields under `schema`, relative to it.

    Each subschema is walked once (`memo`, by object): the kinds share their definitions (citations, dates...).
    """
    if not isinstance(schema, dict) or depth > 20:
        return []
    found = memo.get(id(schema))
    if found is not None:
        return found
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.endswith(MARKDOWN_DEF):
        found = [()]
    else:
        found = []
        if isinstance(ref, str):
            resolved, file = schemas.resolve_ref(ref, base)
            found += _patterns(resolved, schemas, file, memo, depth + 1)
        for key, sub in (schema.get("properties") or {}).items():
            found += [(key, *path) for path in _patterns(sub, schemas, base, memo, depth + 1)]
        if "items" in schema:
            found += [("*", *path) for path in _patterns(schema["items"], schemas, base, memo, depth + 1)]
        for combinator in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(combinator) or []:
                found += _patterns(sub, schemas, base, memo, depth + 1)
    memo[id(schema)] = found
    return found


class _Found:
    """What one Markdown value holds that the sanitizer would drop, each once, with the text to find it by."""

    def __init__(self, source: str) -> None:
        converted = convert(source)
        self.raw_html: dict[str, str] = {}
        """A short name of each kind of raw HTML (`<span>`) -> its first piece as written."""
        self.images = list(dict.fromkeys(converted.images))
        self.links = list(dict.fromkeys(converted.links))
        pieces = (raw.strip() for raw in converted.raw_html)
        # Entities (&amp;) are stashed too, and are fine. List the rest in the order they were written.
        for piece in sorted((p for p in pieces if not _ENTITY.match(p)), key=lambda p: _index(source, p)):
            self.raw_html.setdefault(_describe(piece), piece)


def _index(source: str, piece: str) -> int:
    found = source.find(piece)
    return found if found >= 0 else len(source)


def _decode(url: str) -> str:
    """A link target as a browser reads it: entities decoded, tabs and newlines gone, ends trimmed."""
    url = html.unescape(url)
    url = re.sub(r"[\t\n\r]", "", url)
    return url.strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
        "\x1a\x1b\x1c\x1d\x1e\x1f "
    )


def _describe(raw: str) -> str:
    """A short name for a piece of raw HTML: `<span>`, `<!-- -->`, or its first characters."""
    if raw.startswith("<!--"):
        return "<!-- -->"
    tag = _TAG.match(raw)
    if tag:
        return f"<{tag.group(1).lower()}>"
    return _short(raw, 40)


def _field_problems(name: str, doc: Document, pointer: Pointer, found: _Found, known: list[str]) -> list[Problem]:
    """One problem for each thing the field holds that the page would lose, where it is written in the field."""
    where = f"{name}: {field_name(pointer)}"
    messages: list[tuple[str, str, str]] = []  # message, hint, the text to find it by
    for shown, piece in found.raw_html.items():
        messages.append((f"{where} contains raw HTML ({shown}), which is not allowed", _HTML_HINT, piece))
    for src in found.images:
        messages.append(
            (
                f"{where} contains an image ({_short(src)}), which is not allowed",
                "the site shows no images from annotations; link to it instead: [what it shows](https://…)",
                src,
            )
        )
    for written in found.links:
        target = _decode(written)
        scheme = _SCHEME.match(target)
        if scheme and scheme.group(1).lower() in _SCHEMES:
            continue
        if _REF_LINK.match(target):
            if target in known:
                continue
            close = _did_you_mean(target, known)
            hint = f"did you mean '{close}'?" if close else "check the kind and id (the file name)"
            messages.append((f"{where} links to unknown entry '{target}'", hint, written))
            continue
        messages.append((f"{where} has a link to {_short(written)}, which is not allowed", _LINK_HINT, written))
    return [Problem(doc.path, *_position(doc, pointer, text), message, hint) for message, hint, text in messages]


_BEFORE_TARGET = ("](", "](<", "]: ", "]: <", "<")
"""What Markdown writes just before a link target or image source: found with it, a target is not mistaken for
the same characters inside a longer address."""


def _position(doc: Document, pointer: Pointer, text: str) -> tuple[int, int]:
    """Where `text` (raw HTML, a link target or an image source) is written inside the field, or the field."""
    # A piece of HTML may run over several lines, each indented in the file: look for its first line.
    text = text.split("\n", 1)[0]
    for before in (*_BEFORE_TARGET, ""):
        position = doc.find(pointer, before + text)
        if position is not None:
            line, column = position
            return line, column + len(before)
    return doc.where(pointer)


def _did_you_mean(target: str, known: list[str]) -> str | None:
    """The known entry whose id is closest to the target's (the same kind first), if any is close."""
    kind, _, ident = target.partition("/")
    by_id: dict[str, list[str]] = {}
    for ref in known:
        by_id.setdefault(ref.partition("/")[2], []).append(ref)
    close = difflib.get_close_matches(ident, list(by_id), n=1, cutoff=0.6)
    if not close:
        return None
    refs = by_id[close[0]]
    return next((ref for ref in refs if ref.startswith(kind + "/")), refs[0])


def _short(value: str, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
