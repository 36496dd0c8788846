"""Read annotation files safely, and say on which line and column any value stands.

Values are built from YAML events as libyaml yields them, so that tags, anchors, aliases, deep
nesting and duplicate keys are refused before anything is built from them. Timestamps stay
strings. Positions are worked out again from the text when a problem needs them. Nothing here
knows about annotation kinds.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotated_reading.errors import Problem
from annotated_reading.plain_scalar import plain_value
from annotated_reading.yaml_subset import read_subset

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 12
"""Deeper than any annotation schema needs (the deepest is about 6)."""

Pointer = tuple[str | int, ...]
"""A path into a loaded document: keys and list indices."""

# libyaml's event parser is about 25 times faster and, driven event by event, as safe: nesting is
# checked here before anything is built. Fall back to the pure-Python parser where it is missing.
# Only the parser: events are read from it directly, without a loader's constructor and resolver.
try:
    from yaml.cyaml import CParser as _PARSER
except ImportError:  # PyYAML built without libyaml
    _PARSER = yaml.SafeLoader  # type: ignore[misc,assignment]

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass
class Document:
    """A loaded YAML file: its data, and where each value and key stands in the file.

    Positions are needed only to report a problem, so they are worked out from `text` the first time they are
    asked for, not while every file is read at every build.
    """

    path: str
    data: Any
    text: str = ""
    """The YAML source, for the positions."""
    _located: tuple[dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def positions(self) -> dict[Pointer, tuple[int, int]]:
        """Line and column (1-based) of each value."""
        return self._tables()[0]

    @property
    def key_positions(self) -> dict[Pointer, tuple[int, int]]:
        """Line and column (1-based) of the key that holds each mapping value."""
        return self._tables()[1]

    def _tables(self) -> tuple[dict[Pointer, tuple[int, int]], dict[Pointer, tuple[int, int]]]:
        if self._located is None:
            reader = _Reader(self.path, locate=True)
            try:
                self._located = reader.read(_PARSER(self.text).get_event)._located or ({}, {})
            except yaml.YAMLError:  # not for a document that was read without error; positions are then unknown
                self._located = ({}, {})
        return self._located

    def where(self, pointer: Pointer, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `pointer`, or of the nearest enclosing value known."""
        positions, key_positions = self._tables()
        table = key_positions if key else positions
        for n in range(len(pointer), -1, -1):
            found = table.get(pointer[:n]) or positions.get(pointer[:n])
            if found:
                return found
        return (1, 1)


def field_name(pointer: Pointer) -> str:
    """A pointer as contributors read it: `sources[0].url`; the empty pointer is "the file"."""
    out = ""
    for part in pointer:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def walk(data: Any, pattern: tuple[str, ...], prefix: Pointer = ()) -> list[tuple[Pointer, Any]]:
    """Every value at `pattern` (keys, with `*` for any list item) in `data`, with its pointer, in file order."""
    level: list[tuple[Pointer, Any]] = [(prefix, data)]
    for head in pattern:
        deeper: list[tuple[Pointer, Any]] = []
        for pointer, value in level:
            if head == "*":
                if isinstance(value, list):
                    deeper += [((*pointer, index), item) for index, item in enumerate(value)]
            elif isinstance(value, dict) and head in value:
                deeper.append(((*pointer, head), value[head]))
        if not deeper:
            return deeper
        level = deeper
    return level


def is_valid_id(stem: str) -> bool:
    """Whether a file stem can serve as an entry id."""
    return bool(_ID.match(stem))


def read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (BOM allowed), refusing large or undecodable files before parsing."""
    raw, problems = read_bytes(path, display)
    return (None, problems) if raw is None else decode(raw, display)


def read_bytes(path: Path | str, display: str) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, or why they are refused: a file over MAX_BYTES is not read beyond the limit."""
    # A bare file descriptor: Python's buffered file object costs more to set up than reading the file.
    fd = os.open(path, os.O_RDONLY)
    try:
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            return None, [_too_large(display, size)]
        data = os.read(fd, size + 1)
        while size < len(data) <= MAX_BYTES:  # the file grew after fstat: read on, up to the limit
            more = os.read(fd, MAX_BYTES + 1 - len(data))
            if not more:
                break
            data += more
        if len(data) > MAX_BYTES:
            return None, [_too_large(display, len(data))]
        return data, []
    finally:
        os.close(fd)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """A file's bytes as text with Unix line ends (BOM allowed), or why they are not usable UTF-8 text.

    Callers refuse files over MAX_BYTES before reading them all (see `read_bytes`).
    """
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # what "utf-8-sig" does, without loading its codec
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                display,
                line,
                column,
                f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save the file as UTF-8 in your editor",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _too_large(display: str, size: int) -> Problem:
    return Problem(
        display,
        1,
        1,
        f"file is {size:,} bytes; the limit is {MAX_BYTES:,} (1 MiB)",
        "split it, or shorten the text: no annotation needs this much",
    )


def parse_yaml(text: str, display: str, *, quick: bool = True) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or report why it cannot be used.

    With `quick`, a file written in the plain subset of YAML that nearly every annotation file keeps to is
    read by `yaml_subset.read_subset`, in about 60% of the time; any other file, by the full reader.
    """
    if quick:
        data = read_subset(text, MAX_DEPTH)
        if data is not None:
            return Document(display, data, text), []
    reader = _Reader(display)
    try:
        doc = reader.read(_PARSER(text).get_event)
        doc.text = text
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [
            Problem(
                display,
                line,
                column,
                f"YAML syntax error: {exc.problem or exc}",
                "check indentation, colons and quotes on this line and the one above",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, 1, f"YAML error: {exc}", "check the file's syntax")]
    return (None if reader.problems else doc), reader.problems


def load_file(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def _pos(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


_NO_KEY = object()


class _Reader:
    """Checks YAML events as the parser yields them and builds plain values from them.

    One pass, iterative (no recursion however deep the nesting), and nothing is ever built from an anchor,
    alias or explicit tag: each is a problem. Nesting beyond MAX_DEPTH stops the reading at once. With `locate`,
    it also records where each value and key stands (see `Document`).
    """

    def __init__(self, display: str, *, locate: bool = False) -> None:
        self.display = display
        self.locate = locate
        self.problems: list[Problem] = []

    def read(self, next_event: Callable[[], yaml.Event | None]) -> Document:
        """Build the document from the parser's events (`next_event` gives None after the last)."""
        doc = Document(self.display, None)
        locate = self.locate
        positions: dict[Pointer, tuple[int, int]] = {}
        key_positions: dict[Pointer, tuple[int, int]] = {}
        if locate:
            doc._located = (positions, key_positions)
        problems = self.problems
        # Each frame: [container, pointer (when locating), pending key or _NO_KEY, keys seen -> their mark,
        # pending key's position (when locating)]
        stack: list[list[Any]] = []
        documents = 0
        here: Pointer = ()
        # Dispatch on the exact event class, most frequent first: this runs for every event of every file at
        # every build.
        scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        while (event := next_event()) is not None:
            cls = type(event)
            if cls is scalar:
                if event.anchor is not None or (event.tag is not None and not event.implicit[0]):
                    problems.extend(_anchor_and_tag(event, self.display))
                    value: Any = event.value
                elif event.style:
                    value = event.value  # quoted or block scalar: always text
                else:
                    value = plain_value(event.value)
                is_container = False
            elif cls is mapping_start or cls is sequence_start:
                if event.anchor is not None or (event.tag is not None and not event.implicit):
                    problems.extend(_anchor_and_tag(event, self.display))
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        Problem(
                            self.display,
                            *_pos(event),
                            f"nesting is deeper than {MAX_DEPTH} levels",
                            "annotation files need only a few levels; check the indentation",
                        )
                    )
                    return doc
                if stack and stack[-1][2] is _NO_KEY and type(stack[-1][0]) is dict:
                    problems.append(
                        Problem(
                            self.display,
                            *_pos(event),
                            "a mapping key must be plain text",
                            "write the key as a simple word",
                        )
                    )
                    return doc
                value = {} if cls is mapping_start else []
                is_container = True
            elif cls is mapping_end or cls is sequence_end:
                stack.pop()
                continue
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        Problem(
                            self.display,
                            *_pos(event),
                            "more than one YAML document in the file",
                            "remove the '---' line: one file holds one entry",
                        )
                    )
                    return doc
                continue
            elif cls is yaml.AliasEvent:
                problems.append(
                    Problem(
                        self.display,
                        *_pos(event),
                        f"YAML alias '*{event.anchor}' is not allowed",
                        "write the value out in full",
                    )
                )
                value, is_container = None, False
            else:
                continue
            if not stack:
                doc.data = value
                if locate:
                    here = ()
                    positions[here] = _pos(event)
            else:
                frame = stack[-1]
                container = frame[0]
                if type(container) is list:
                    if locate:
                        here = (*frame[1], len(container))
                        positions[here] = _pos(event)
                    container.append(value)
                elif frame[2] is _NO_KEY:
                    key = str(value)
                    seen = frame[3]
                    if key in seen:
                        problems.append(
                            Problem(
                                self.display,
                                *_pos(event),
                                f"duplicate key '{key}' (first at line {seen[key].line + 1})",
                                "keep one of them: YAML would silently drop the first",
                            )
                        )
                    else:
                        seen[key] = event.start_mark
                    frame[2] = key
                    if locate:
                        frame[4] = _pos(event)
                    continue
                else:
                    key = frame[2]
                    if key not in container:
                        container[key] = value
                    if locate:
                        here = (*frame[1], key)
                        positions[here] = _pos(event)
                        key_positions[here] = frame[4]
                    frame[2] = _NO_KEY
            if is_container:
                stack.append([value, here, _NO_KEY, {}, None])
        return doc


def _anchor_and_tag(event: yaml.NodeEvent, display: str) -> list[Problem]:
    """The anchor or explicit tag on a scalar, mapping or sequence (both, if it has both)."""
    found = []
    line, column = _pos(event)
    if event.anchor is not None:
        found.append(
            Problem(
                display,
                line,
                column,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor and write values out in full",
            )
        )
    tag = event.tag
    implicit = event.implicit[0] if isinstance(event, yaml.ScalarEvent) else event.implicit
    if tag is not None and not implicit:
        short = tag.replace("tag:yaml.org,2002:", "!!")
        found.append(
            Problem(
                display,
                line,
                column,
                f"YAML tag '{short}' is not allowed",
                "remove the tag; quote the value if it must be text",
            )
        )
    return found
