"""A quick reader for the plain subset of YAML that annotation files are written in.

Nearly every annotation file uses a few forms only: block mappings with simple keys, block sequences, plain
scalars (on one line or wrapped), one-line quoted and flow scalars, and literal block scalars. Read line by
line, such a file takes about 60% of the time that libyaml and the event objects PyYAML makes from it take.
`read_subset` returns exactly what the full reader in `load` builds from the same text, or None for a text it
is not sure of (any other form, a tab, an odd indent, a duplicate key, an anchor...): the full reader then
reads that file and says what is wrong.
"""

from __future__ import annotations

import re
from typing import Any

from annotated_reading.plain_scalar import TYPED_STARTS, plain_value

# A line's indent, sequence dash and the spaces after it, and simple key with its colon.
_LINE = re.compile(r"( *)(- +|-$)?(?:([A-Za-z_][\w-]*):(?: +|$))?")
_DOUBLE = re.compile(r'"([^"\\]*(?:\\["\\][^"\\]*)*)"')
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'")
_ESCAPE = re.compile(r"\\([\"\\])")
# A plain item is words between single runs of spaces, so that no space can go to it and to the ` *` after it
# both: with the two overlapping, a long run of spaces would take time growing with its square.
_FLOW_VALUE = r"""(?:"([^"\\]*)"|'([^']*)'|([^,"' ]+(?: +[^,"' ]+)*))? *(,|$)"""
_FLOW_ITEM = re.compile(" *" + _FLOW_VALUE)
_FLOW_PAIR = re.compile(" *([A-Za-z_][A-Za-z0-9_-]{0,99}): +" + _FLOW_VALUE)
# A plain scalar starting with one of these is not in the subset (some of them may start one in YAML).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NULL = plain_value("")
# The plain keys YAML 1.1 reads as booleans or null (a key is written as a string: `on:` is the key "True").
_TYPED_KEYS = frozenset(
    f(word) for word in ("yes", "no", "true", "false", "on", "off", "null") for f in (str.lower, str.title, str.upper)
)
_NOT_IN_SUBSET: Any = object()
_NONE = 1 << 30
"""A column no line reaches."""


def read_subset(text: str, max_depth: int) -> dict[str, Any] | None:
    """The mapping a YAML text holds if the text is in the plain subset; None if it is not, or may not be.

    The text has Unix line ends (see `load.decode`); a text nested `max_depth` levels deep or more is not in
    the subset.
    """
    lines = text.split("\n")
    # Python's "printable" leaves out every character libyaml refuses or reads as a line break (NEL, LS, PS),
    # a BOM, tabs, and some that YAML allows (no-break spaces, say): those files take the full reader.
    if lines[-1] or not text.replace("\n", " ").isprintable():
        return None
    # Each frame: [indent, container, the key last set in it (mappings)]
    stack: list[list[Any]] = []
    waiting = False  # the last key or item of the top frame has no value yet: a nested block, or null
    # After a one-line scalar, its key's or dash's column: a comment line indented past it is left to the full
    # reader (a line of YAML indented past it finds no frame at its indent, below).
    limit = _NONE
    index, count = 0, len(lines)
    while index < count:
        line = lines[index]
        index += 1
        match = _LINE.match(line)
        spaces, dash, key = match.groups()
        indent = len(spaces)
        rest = line[match.end() :]
        if not dash and not key and (not rest or rest[0] == "#"):
            if rest and indent > limit:
                return None
            continue  # a blank line or a comment
        limit = _NONE
        if rest and rest[-1] == " ":
            rest = rest.rstrip(" ")
        if not stack:
            if indent or dash or not key:
                return None
            stack.append([0, {}, None])
        elif waiting:
            waiting = False
            if indent > stack[-1][0]:  # else the value stays null
                if len(stack) >= max_depth - 1:
                    return None
                child: Any = [] if dash else {}
                _set(stack[-1], child)
                stack.append([indent, child, None])
        while stack[-1][0] > indent:
            stack.pop()
            if not stack:
                return None
        frame = stack[-1]
        container = frame[1]
        if frame[0] != indent:
            return None
        if dash:
            if type(container) is not list:
                return None
            if key:
                # `- key: value`: a mapping starts inside the item, at the key's column.
                if len(stack) >= max_depth - 1:
                    return None
                container = {}
                frame[1].append(container)
                frame = [indent + len(dash), container, None]
                stack.append(frame)
        elif not key or type(container) is not dict:
            return None
        if key:
            if len(key) > 1000:
                return None  # YAML allows a plain key of 1,024 characters at most
            if key in _TYPED_KEYS:
                key = str(plain_value(key))
            if key in container:
                return None
            frame[2] = key
        if not rest:
            # Null, unless a nested block follows.
            if key:
                container[key] = _NULL
            else:
                container.append(_NULL)
            waiting = True
            continue
        first = rest[0]
        after = 0
        if first not in _INDICATORS and ": " not in rest and " #" not in rest and rest[-1] != ":":
            if index < count and lines[index][: frame[0] + 1].isspace():
                # The next line is indented past the key or dash: the text goes on there.
                rest, index = _continued(rest, lines, index, frame[0])
                if rest is _NOT_IN_SUBSET:
                    return None
            value = plain_value(rest) if first in TYPED_STARTS else rest  # the commonest line, read here
        else:
            value, after = _scalar(rest, lines, index, frame[0])
            if value is _NOT_IN_SUBSET:
                return None
        if key:
            container[key] = value
        else:
            container.append(value)
        if after:
            index = after
        else:
            limit = frame[0]
    return stack[0][1] if stack else None


def _set(frame: list[Any], value: Any) -> None:
    """Give the waiting key or item of `frame` its value."""
    if type(frame[1]) is list:
        frame[1][-1] = value
    else:
        frame[1][frame[2]] = value


def _continued(first: str, lines: list[str], index: int, parent: int) -> tuple[Any, int]:
    """A plain scalar that goes on over lines indented past `parent`, folded into one line, and the line after it.

    It is _NOT_IN_SUBSET if a line could be read otherwise. It ends at a blank line: more text indented past
    `parent` after one (which would fold into a line break) finds no place in `read_subset`, which gives up.
    """
    parts = [first]
    count = len(lines)
    while index < count:
        line = lines[index]
        text = line.strip(" ")
        if not text:
            break
        if len(line) - len(line.lstrip(" ")) <= parent:
            break
        if text[0] in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
            return _NOT_IN_SUBSET, 0
        parts.append(text)
        index += 1
    return " ".join(parts), index


def _scalar(rest: str, lines: list[str], index: int, parent: int) -> tuple[Any, int]:
    """A quoted, flow or block scalar that starts with `rest` (or _NOT_IN_SUBSET), and the line after a block one.

    One-line scalars give 0 for the line after them. `index` is the line after the one `rest` is on; `parent`
    is the column of the key or dash the scalar belongs to.
    """
    first = rest[0]
    if first == '"':
        match = _DOUBLE.fullmatch(rest)
        if match is None:
            return _NOT_IN_SUBSET, 0
        value = match.group(1)
        return (_ESCAPE.sub(r"\1", value) if "\\" in value else value), 0
    if first == "'":
        match = _SINGLE.fullmatch(rest)
        return (_NOT_IN_SUBSET if match is None else match.group(1).replace("''", "'")), 0
    if first == "[" or first == "{":
        return _flow(rest), 0
    if rest in ("|", "|-", ">-"):
        return _block(rest, lines, index, parent)
    return _NOT_IN_SUBSET, 0


def _flow(rest: str) -> Any:
    """A one-line flow sequence or mapping of simple items (`[a, "b, c"]`, `{lat: 17.0}`), or _NOT_IN_SUBSET."""
    inner = rest[1:-1]
    is_list = rest[0] == "["
    if rest[-1] != ("]" if is_list else "}") or any(c in inner for c in "[]{}#"):
        return _NOT_IN_SUBSET
    if not inner.strip(" "):
        return [] if is_list else {}
    pattern = _FLOW_ITEM if is_list else _FLOW_PAIR
    parts: list[tuple[str, Any]] = []
    at = 0
    while True:
        match = pattern.match(inner, at)
        if match is None:
            return _NOT_IN_SUBSET
        *key, double, single, plain, comma = match.groups()
        value = double if double is not None else single if single is not None else _item(plain or "")
        if value is _NOT_IN_SUBSET:
            return _NOT_IN_SUBSET
        parts.append((key[0] if key else "", value))
        if not comma:
            break
        at = match.end()
    if is_list:
        return [value for _, value in parts]
    mapping = dict(parts)
    if len(mapping) < len(parts) or not _TYPED_KEYS.isdisjoint(mapping):
        return _NOT_IN_SUBSET
    return mapping


def _item(part: str) -> Any:
    """A plain item of a flow collection (it holds no brackets, braces, quotes or `#`), or _NOT_IN_SUBSET."""
    item = part.strip(" ")
    if not item or ":" in item or (item[0] in _INDICATORS and not (item[0] == "-" and item[1:2].isdigit())):
        return _NOT_IN_SUBSET
    return plain_value(item)


def _block(header: str, lines: list[str], index: int, parent: int) -> tuple[Any, int]:
    """A literal block scalar (`|`, `|-`), or a folded one (`>-`) of plain lines only, and the line after it.

    The value is _NOT_IN_SUBSET for any other block scalar.
    """
    start = index
    while index < len(lines) and not lines[index].strip(" "):
        index += 1
    if index == len(lines):
        return _NOT_IN_SUBSET, 0
    first = lines[index]
    indent = len(first) - len(first.lstrip(" "))
    if indent <= parent or any(len(lines[n]) > indent for n in range(start, index)):
        return _NOT_IN_SUBSET, 0
    body = [""] * (index - start)  # blank lines before the first line of text are part of the text
    blanks = 0  # blank lines not yet known to lie inside the scalar
    end = len(lines)
    for n in range(index, len(lines)):
        line = lines[n]
        if not line.strip(" "):
            if len(line) > indent:
                return _NOT_IN_SUBSET, 0  # spaces past the indent on a blank line are content: not in the subset
            blanks += 1
            continue
        if len(line) - len(line.lstrip(" ")) < indent:
            end = n
            break
        body.extend([""] * blanks)
        blanks = 0
        body.append(line[indent:])
    if header == ">-":
        if any(not part or part[0] == " " for part in body):
            return _NOT_IN_SUBSET, 0  # blank and more-indented lines fold in other ways
        return " ".join(body), end
    return "\n".join(body) + ("\n" if header == "|" else ""), end
