"""Read a YAML file safely, and keep the line and column of every value and key for error messages.

Values are built from the YAML parser's events as libyaml yields them, so that tags, anchors, aliases, deep
nesting and duplicate keys are refused before anything is built from them (PyYAML's own loaders keep the last
of two duplicate keys silently, expand aliases without limit, and recurse on nesting). Plain scalars get the
types PyYAML's safe loader gives them, from PyYAML's own resolver, except that dates stay text. Nothing here
knows about annotation kinds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias

import msgspec
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


_SCALAR = yaml.ScalarEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_STARTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
"""The event classes the reader tells apart, bound once: it asks about every event of every file at every build."""


Marks: TypeAlias = "dict[str, Placed] | list[Placed]"
"""Where the values of one mapping (by key) or list (by index) stand."""


Mark = yaml.error.Mark | yaml._yaml.Mark
"""Where the parser found something (0-based line and column); worked into a `Position` only when asked."""


class Placed(msgspec.Struct, frozen=True, gc=False):
    """Where one value stands in the file, and where the values inside it stand.

    One per value of every file: not tracked by the cycle collector (it holds no cycles).
    """

    key: Mark | None
    """Where the key that holds it stands (mapping values)."""
    value: Mark | None
    inner: Marks | None
    """For a mapping or a list: where its own values stand."""
    end: Mark | None = None
    """For a scalar: where it ends (to find words inside it)."""


_NOWHERE = Placed(None, None, None)


def _position(mark: Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class Document(msgspec.Struct):
    """A loaded YAML file: its data, and where each value and key stands in it."""

    path: str
    """The file, as problems name it."""
    data: Any
    marks: Placed = _NOWHERE
    """Where the document, and every value in it, stands."""
    text: str = ""
    """The file's text, to find words inside its values."""

    def where(self, pointer: Pointer, *, key: bool = False) -> Position:
        """Position of the value (or its key) at `pointer`, or of the nearest enclosing value known."""
        placed = self.marks
        for part in pointer:
            found = _inside(placed, part)
            if found is None:
                return _position(placed.value)
            placed = found
        return _position((placed.key or placed.value) if key else placed.value)

    def find(self, pointer: Pointer, needle: str) -> Position | None:
        """Position of the first `needle` inside the text value at `pointer`, if it is written there as it is.

        Inside a block scalar (`definition: |`) each line is written as it reads; quoted text may spell it with
        escapes, and then this finds nothing.
        """
        placed = self.marks
        for part in pointer:
            found = _inside(placed, part)
            if found is None:
                return None
            placed = found
        start, end = placed.value, placed.end
        if start is None or end is None or not needle or not self.text:
            return None
        at = self.text.find(needle, start.index, end.index)
        if at < 0:
            return None
        line_start = self.text.rfind("\n", 0, at) + 1
        return self.text.count("\n", 0, at) + 1, at - line_start + 1

    @property
    def positions(self) -> dict[Pointer, Position]:
        """Every value's position, by pointer."""
        return {pointer: _position(placed.value) for pointer, placed in self._placed()}

    @property
    def key_positions(self) -> dict[Pointer, Position]:
        """The position of the key of every mapping value, by pointer."""
        return {pointer: _position(placed.key) for pointer, placed in self._placed() if placed.key is not None}

    def _placed(self) -> list[tuple[Pointer, Placed]]:
        found: list[tuple[Pointer, Placed]] = []
        level: list[tuple[Pointer, Placed]] = [((), self.marks)]
        while level:
            found += level
            deeper: list[tuple[Pointer, Placed]] = []
            for pointer, placed in level:
                inner = placed.inner
                if isinstance(inner, dict):
                    deeper += [((*pointer, key), child) for key, child in inner.items()]
                elif isinstance(inner, list):
                    deeper += [((*pointer, index), child) for index, child in enumerate(inner)]
            level = deeper
        return found


def _inside(placed: Placed, part: str | int) -> Placed | None:
    """Where the value under key or index `part` of a mapping or list stands, if it has one."""
    inner = placed.inner
    found: Placed | None = None
    if isinstance(inner, dict) and isinstance(part, str):
        found = inner.get(part)
    elif isinstance(inner, list) and isinstance(part, int) and 0 <= part < len(inner):
        found = inner[part]
    return found


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
        doc.text = text
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        tab = _indenting_tab(text, line, column)
        if tab is not None:
            return None, [
                Problem(
                    display,
                    line,
                    tab,
                    "YAML syntax error: a tab character in the indentation (YAML indents with spaces only)",
                    "replace the tab with spaces",
                )
            ]
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


def _indenting_tab(text: str, line: int, column: int) -> int | None:
    """The 1-based column of the tab that a syntax error at (line, column) stumbled on, if it is one.

    libyaml names a tab in the indentation only sometimes ("found character that cannot start any token" is as
    likely): a tab at the error, or among the blanks that begin its line, is the cause either way.
    """
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1]
    if source[column - 1 : column] == "\t":
        return column
    blanks = source[: len(source) - len(source.lstrip(" \t"))]
    return blanks.index("\t") + 1 if "\t" in blanks else None


def _plain(value: str) -> Any:
    """A plain (unquoted) scalar as PyYAML's safe loader reads it, except that dates stay text."""
    if value[:1] not in _RESOLVER.yaml_implicit_resolvers:
        return value  # nothing but text starts with this character (most do not: PyYAML's own table says)
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag not in _TYPED:
        return value
    return _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value))


def _pos(event: yaml.Event) -> Position:
    return _position(event.start_mark)


class _MappingFrame:
    """An open mapping while its events are read."""

    __slots__ = ("key", "key_at", "marks", "values")

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.marks: dict[str, Placed] = {}
        """Where its values stand, by key: also the keys read so far (a second one is refused)."""
        self.key: str | None = None
        """The key read whose value comes next."""
        self.key_at: Mark | None = None


class _ListFrame:
    """An open list while its events are read."""

    __slots__ = ("marks", "values")

    def __init__(self) -> None:
        self.values: list[Any] = []
        self.marks: list[Placed] = []


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
        stack: list[_MappingFrame | _ListFrame] = []
        documents = 0
        # The most frequent events first: this runs for every event of every file at every build.
        while (event := next_event()) is not None:
            frame = stack[-1] if stack else None
            opened: _MappingFrame | _ListFrame | None = None
            kind = type(event)
            if kind is _SCALAR:
                assert isinstance(event, yaml.ScalarEvent)
                if event.anchor is not None or (event.tag is not None and not event.implicit[0]):
                    self._anchor_and_tag(event, explicit_tag=event.tag is not None and not event.implicit[0])
                if isinstance(frame, _MappingFrame) and frame.key is None:
                    self._key(frame, event)  # a key is its text as written, never a number or true/false
                    continue
                value: Any = event.value if event.style else _plain(event.value)  # quoted and block: text
            elif kind in _ENDS:
                stack.pop()
                continue
            elif kind in _STARTS:
                assert isinstance(event, yaml.CollectionStartEvent)
                if event.anchor is not None or (event.tag is not None and not event.implicit):
                    self._anchor_and_tag(event, explicit_tag=event.tag is not None and not event.implicit)
                if len(stack) >= MAX_DEPTH:
                    self._problem(
                        event,
                        f"nesting is deeper than {MAX_DEPTH} levels",
                        "annotation files need only a few levels; check the indentation",
                    )
                    return doc
                if isinstance(frame, _MappingFrame) and frame.key is None:
                    self._problem(event, "a mapping key must be plain text", "write the key as a simple word")
                    return doc
                opened = _MappingFrame() if kind is yaml.MappingStartEvent else _ListFrame()
                value = opened.values
            elif isinstance(event, yaml.AliasEvent):
                self._problem(event, f"YAML alias '*{event.anchor}' is not allowed", "write the value out in full")
                value = None
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self._problem(
                        event,
                        "more than one YAML document in the file",
                        "remove the '---' line: one file holds one entry",
                    )
                    return doc
                continue
            else:
                continue  # stream start and end, document end
            inner = opened.marks if opened else None
            end = event.end_mark if kind is _SCALAR else None
            if frame is None:
                doc.data, doc.marks = value, Placed(None, event.start_mark, inner, end)
            elif isinstance(frame, _ListFrame):
                frame.values.append(value)
                frame.marks.append(Placed(None, event.start_mark, inner, end))
            else:
                key = frame.key
                assert key is not None
                if key not in frame.values:  # a duplicate key (reported) keeps the first value
                    frame.values[key] = value
                    frame.marks[key] = Placed(frame.key_at, event.start_mark, inner, end)
                frame.key = None
            if opened is not None:
                stack.append(opened)
        return doc

    def _key(self, frame: _MappingFrame, event: yaml.ScalarEvent) -> None:
        """A mapping's key: refused if the mapping has it already."""
        key = event.value
        first = frame.marks.get(key)
        if first is not None:
            self._problem(
                event,
                f"duplicate key '{key}' (first at line {_position(first.key)[0]})",
                "keep one of them: YAML would silently drop the first",
            )
        frame.key, frame.key_at = key, event.start_mark

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
