"""Read a YAML file safely, and keep the line and column of every value and key for error messages.

Values are built from the YAML parser's events as libyaml yields them, so that tags, anchors, aliases, deep
nesting and duplicate keys are refused before anything is built from them (PyYAML's own loaders keep the last
of two duplicate keys silently, expand aliases without limit, and recurse on nesting). Plain scalars get the
types PyYAML's safe loader gives them, from PyYAML's own resolver, except that dates stay text. Nothing here
knows about annotation kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from annotated_reading.errors import Problem
from annotated_reading.reading.files import read_text

MAX_DEPTH = 12
"""Deeper than any annotation schema needs (the deepest is about 6)."""

Pointer = tuple[str | int, ...]
"""A path into a loaded document: keys and list indices."""

Position = tuple[int, int]
"""A 1-based line and column."""


class PythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python reader, scanner and parser: the events, without a loader."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


# libyaml's parser, driven event by event, is as safe as PyYAML's pure-Python one and many times faster; the
# pure-Python parser takes over where PyYAML was built without libyaml.
try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser = PythonParser  # type: ignore[assignment,misc]


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_TYPED = {f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "null")}
"""What a plain scalar may be other than text. Dates stay text, and so do `=` and `<<`: PyYAML reads them as a
"value" and a "merge" it cannot build (and a file that merges mappings is refused anyway: it needs an alias)."""


@dataclass
class Document:
    """A loaded YAML file: its data, and where each value and key stands in it."""

    path: str
    """The file, as problems name it."""
    data: Any
    positions: dict[Pointer, Position] = field(default_factory=dict, repr=False)
    """Line and column of each value."""
    key_positions: dict[Pointer, Position] = field(default_factory=dict, repr=False)
    """Line and column of the key that holds each mapping value."""

    def where(self, pointer: Pointer, *, key: bool = False) -> Position:
        """Position of the value (or its key) at `pointer`, or of the nearest enclosing value known."""
        table = self.key_positions if key else self.positions
        for n in range(len(pointer), -1, -1):
            found = table.get(pointer[:n]) or self.positions.get(pointer[:n])
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
        level = deeper
    return level


def load_file(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file."""
    text, problems = read_text(path, display)
    if text is None:
        return None, problems
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or report every reason it cannot be used."""
    reader = _Reader(display)
    try:
        doc = reader.read(_Parser(text).get_event)
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


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar as PyYAML's safe loader reads it, except that dates stay text."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag not in _TYPED:
        return value
    return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value))


def _pos(event: yaml.Event) -> Position:
    mark = event.start_mark
    assert mark is not None, "the parser marks where every event starts"
    return mark.line + 1, mark.column + 1


class _Frame:
    """An open mapping or list while its events are read."""

    __slots__ = ("container", "key", "key_at", "pointer", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], pointer: Pointer) -> None:
        self.container = container
        self.pointer = pointer
        self.key: str | None = None
        """The key read whose value comes next (mappings)."""
        self.key_at: Position = (1, 1)
        self.seen: dict[str, Position] = {}
        """Keys read so far, with their positions (mappings)."""


class _Reader:
    """Checks YAML events as the parser yields them and builds plain values from them.

    One pass, iterative (no recursion however deep the nesting), and nothing is ever built from an anchor,
    alias or explicit tag: each is a problem. Nesting beyond MAX_DEPTH stops the reading at once.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def _problem(self, event: yaml.Event, message: str, hint: str) -> None:
        self.problems.append(Problem(self.display, *_pos(event), message, hint))

    def read(self, next_event: Callable[[], yaml.Event | None]) -> Document:
        """Build the document from the parser's events (`next_event` gives None after the last)."""
        doc = Document(self.display, None)
        stack: list[_Frame] = []
        documents = 0
        while (event := next_event()) is not None:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._problem(
                        event,
                        "more than one YAML document in the file",
                        "remove the '---' line: one file holds one entry",
                    )
                    return doc
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
                continue
            if isinstance(event, yaml.AliasEvent):
                self._problem(event, f"YAML alias '*{event.anchor}' is not allowed", "write the value out in full")
                value: Any = None
            elif isinstance(event, yaml.ScalarEvent):
                self._anchor_and_tag(event, explicit_tag=event.tag is not None and not event.implicit[0])
                value = event.value if event.style else _plain(event.value)  # quoted and block scalars are text
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self._anchor_and_tag(event, explicit_tag=event.tag is not None and not event.implicit)
                if len(stack) >= MAX_DEPTH:
                    self._problem(
                        event,
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        "annotation files need only a few levels; check the indentation",
                    )
                    return doc
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is None:
                    self._problem(event, "a mapping key must be plain text", "write the key as a simple word")
                    return doc
                value = {} if isinstance(event, yaml.MappingStartEvent) else []
            else:
                continue  # stream start and end, document end
            pointer = self._place(doc, stack, event, value)
            if pointer is not None and isinstance(value, dict | list):
                stack.append(_Frame(value, pointer))
        return doc

    def _place(self, doc: Document, stack: list[_Frame], event: yaml.Event, value: Any) -> Pointer | None:
        """Put a value where it belongs; return its pointer, or None when it was a mapping's key."""
        if not stack:
            doc.data = value
            doc.positions[()] = _pos(event)
            return ()
        frame = stack[-1]
        container = frame.container
        if isinstance(container, list):
            pointer: Pointer = (*frame.pointer, len(container))
            container.append(value)
        elif frame.key is None:
            key = str(value)
            if key in frame.seen:
                self._problem(
                    event,
                    f"duplicate key '{key}' (first at line {frame.seen[key][0]})",
                    "keep one of them: YAML would silently drop the first",
                )
            else:
                frame.seen[key] = _pos(event)
            frame.key, frame.key_at = key, _pos(event)
            return None
        else:
            pointer = (*frame.pointer, frame.key)
            container.setdefault(frame.key, value)
            doc.key_positions[pointer] = frame.key_at
            frame.key = None
        doc.positions[pointer] = _pos(event)
        return pointer

    def _anchor_and_tag(self, event: yaml.NodeEvent, *, explicit_tag: bool) -> None:
        """Report the anchor or explicit tag on a scalar, mapping or list (both, if it has both)."""
        if event.anchor is not None:
            self._problem(
                event,
                f"YAML anchor '&{event.anchor}' is not allowed",
                "remove the anchor and write values out in full",
            )
        if explicit_tag:
            tag = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!")
            self._problem(
                event, f"YAML tag '{tag}' is not allowed", "remove the tag; quote the value if it must be text"
            )
