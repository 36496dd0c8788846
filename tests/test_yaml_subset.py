"""The quick reader of plain YAML: it reads exactly what the full reader reads, or leaves the file to it."""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reading.reading.yaml_reader import MAX_DEPTH, parse_yaml
from annotated_reading.yaml_subset import read_subset
from conftest import ROOT

_FILES = sorted((ROOT / "annotations").glob("*/*.yml")) + sorted((ROOT / "articles").glob("*/article.yml"))
_TEXTS = [path.read_text(encoding="utf-8") for path in _FILES]


def _typed(value: Any) -> Any:
    """A value with the type of every scalar spelt out: 1, 1.0 and True are equal in Python, not in YAML."""
    if isinstance(value, dict):
        return ("mapping", [(key, _typed(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(item) for item in value])
    return (type(value).__name__, value)


def _full(text: str) -> Any:
    """What the full reader makes of a text: its data, or "refused" if it reports any problem."""
    doc, problems = parse_yaml(text, "x.yml", quick=False)
    return "refused" if problems or doc is None else doc.data


def _agrees(text: str) -> bool:
    """The quick reader passes the text on, or reads what the full reader reads (order and types included)."""
    quick = read_subset(text, MAX_DEPTH)
    return quick is None or _typed(quick) == _typed(_full(text))


def test_the_quick_reader_reads_every_real_file_as_the_full_reader_does() -> None:
    """It serves the project's own files (the point of it), each read exactly as the full reader reads it."""
    read = [read_subset(text, MAX_DEPTH) for text in _TEXTS]
    served = [path.name for path, data in zip(_FILES, read, strict=True) if data is not None]
    assert len(served) >= 0.9 * len(_FILES)
    for path, text, data in zip(_FILES, _TEXTS, read, strict=True):
        if data is not None:
            assert _typed(data) == _typed(_full(text)), path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: b\nc: 1\n", {"a": "b", "c": 1}),
        ("a: |-\n\n  x\n\n  y\n\nb: 2\n", {"a": "\nx\n\ny", "b": 2}),  # leading blank lines belong to the text
        ("a: |\n  x\n\n", {"a": "x\n"}),
        ("a: >-\n  x\n  y\n", {"a": "x y"}),
        ("a: 'it''s'\n", {"a": "it's"}),
        ('a: "say \\"hi\\" \\\\ ok"\n', {"a": 'say "hi" \\ ok'}),
        ("on: 1\nNo: 2\n", {"True": 1, "False": 2}),  # YAML 1.1 keys, written as text
        ('a: [x, "y, z", -4.5]\n', {"a": ["x", "y, z", -4.5]}),
        ("a: {lat: 17.0, lon: -4}\n", {"a": {"lat": 17.0, "lon": -4}}),
        ("a: {t: \"x, y\", n: 1, s: 'z'}\n", {"a": {"t": "x, y", "n": 1, "s": "z"}}),
        ('a: {t: "x", t: "y"}\n', None),
        ("a:\n  - b\n  -\n  - c: 1\n    d:\n", {"a": ["b", None, {"c": 1, "d": None}]}),
        ("# comment\na: b  \n  # indented comment line\nc: C#\n", None),  # a comment indented into a scalar
        ("a: b\n  c  \n   d\ne: 1\n", {"a": "b c d", "e": 1}),  # plain text continued on the next lines
        ("l:\n  - b\n    c\n  - d\n", {"l": ["b c", "d"]}),
        ("a: yes\n  no\n", {"a": "yes no"}),
        ("a: b\n\n  c\n", None),  # a blank line inside plain text folds into a line break
        ("a: b\n  c: d\n", None),
        ("a: b\n  - c\n", None),
        ("a: 'b'\n  c\n", None),
        ("a: b\na: c\n", None),  # a duplicate key: the full reader says where
        ("a: &x 1\nb: *x\n", None),
        ("a:\n- b\n", None),  # a list at its key's indent is YAML, but not in the subset
        ("a: b # c\n", None),
        ("a: b\tc\n", None),
        ("a: b", None),  # no line end at the end
        ("- a\n", None),  # not a mapping
        ("a: |+\n  x\n", None),
        ("a: >\n  x\n\n  y\n", None),
        ("a: [x, [y]]\n", None),
        ("a: [x, yz\n", None),
        ("a: {x: 1\n", None),
        ("a: x\u2028y\n", None),  # a line break to YAML
        ("a: =\n", {"a": "="}),
    ],
)
def test_cases(text: str, expected: dict[str, Any] | None) -> None:
    """What the quick reader reads, or leaves to the full reader (None); what it reads, the full reader reads too."""
    found = read_subset(text, MAX_DEPTH)
    assert found == expected
    if found is not None:
        assert _typed(found) == _typed(_full(text))


def test_nesting_near_the_limit_is_left_to_the_full_reader() -> None:
    """Only the full reader reports nesting beyond the limit, so the quick one stops short of it."""
    text = "".join(f"{'  ' * level}k:\n" for level in range(MAX_DEPTH)) + f"{'  ' * MAX_DEPTH}k: v\n"
    assert read_subset(text, MAX_DEPTH) is None
    assert parse_yaml(text, "x.yml")[1][0].message == f"nesting is deeper than {MAX_DEPTH} levels"
    assert read_subset("a:\n  b:\n    c: 1\n", MAX_DEPTH) == {"a": {"b": {"c": 1}}}


_PIECES = ["#", " #", ":", ": ", "&a ", "*a", "!x ", "|", ">", "'", '"', "''", '\\"', "[", "]", "{", "}", ",", "-"]
_PIECES += ["- ", "\t", "\xa0", "\u2028", "\x85", "\\", "?", "%", "@", "`", "---", "  ", "on", "yes", "null", "~"]
_PIECES += ["1", "-1", "0x1", "1e3", ".5", "2020-01-01", "a: b", "[a, b]", "{a: 1}", "|-", ">-", "|+", "\ufeff", "’"]


def _mutate(text: str, rng: random.Random) -> str:
    """A real file with a few lines deleted, repeated, indented, cut into, joined, wrapped or padded."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        line = lines[i]
        change = rng.randrange(9)
        if change == 0:
            del lines[i]
        elif change == 1:
            lines.insert(i, line)
        elif change == 2:
            lines[i] = " " * rng.choice([1, 2, 4]) + line
        elif change == 3:
            lines[i] = line[rng.choice([1, 2]) :] if line.startswith("  ") else line
        elif change == 4:
            at = rng.randint(0, len(line))
            lines[i] = line[:at] + rng.choice(_PIECES) + line[at:]
        elif change == 5:
            lines.insert(i, " " * rng.randint(0, 8))
        elif change == 6:
            lines[i] = line + rng.choice([" ", "  ", " # c", ":"])
        elif change == 7 and i + 1 < len(lines):
            lines[i] = line + " " + lines.pop(i + 1).lstrip()
        elif change == 8 and " " in line.strip():
            # Wrapped at a space, as an editor would, onto a line indented more, as much or less.
            at = line.rindex(" ")
            indent = len(line) - len(line.lstrip(" ")) + rng.choice([-2, 0, 1, 2, 4])
            lines[i : i + 1] = [line[:at], " " * max(0, indent) + line[at + 1 :]]
    return "\n".join(lines)


def test_damaged_real_files_are_read_alike_or_left_alone() -> None:
    """Thousands of small edits to real files, as a contributor might make them: never a different reading."""
    rng = random.Random(2020)
    variants = [_mutate(rng.choice(_TEXTS), rng) for _ in range(3000)]
    accepted = [text for text in variants if read_subset(text, MAX_DEPTH) is not None]
    assert len(accepted) > 500  # the edits leave many files in the subset, so this compares many readings
    assert [text for text in accepted if not _agrees(text)] == []


_WORDS = ["a", "b c", "on", "Yes", "NULL", "~", "1", "-1", "1_000", "0x1F", "1.5", "-.5", ".inf", "2020-01-01", "a:b"]
_WORDS += ["a#b", "a #b", "http://x.y/#z", "-a", "?a", ":a", "x'y", 'x"y', "é’", "a  b", "=", "<<", "a,b", "a]", "&x"]
_WORDS += ["*x", "!x", "|", ">", "a\\b", "false", "", "%x", "@x"]
_SCALARS = (
    st.sampled_from(_WORDS)
    | st.sampled_from(_WORDS).map(lambda w: f'"{w}"')
    | st.sampled_from(_WORDS).map(lambda w: f"'{w}'")
    | st.lists(st.sampled_from(_WORDS), max_size=3).map(lambda ws: "[" + ", ".join(ws) + "]")
    | st.lists(
        st.tuples(st.sampled_from(["a", "b", "on", "x-y"]), st.sampled_from([*_WORDS, '"a, b"', "'c'", '"d"'])),
        max_size=3,
    ).map(lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    | st.tuples(st.sampled_from(_WORDS), st.sampled_from(["|", "|-", ">-", "|+", ">"]), st.integers(0, 4)).map(
        lambda t: f"{t[1]}\n" + f"{' ' * t[2]}{t[0]}\n" * 2
    )
)


@st.composite
def _documents(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> list[str]:
    """Lines of a block mapping or list, with odd indents and trailing comments now and then."""
    lines = []
    is_list = depth > 0 and draw(st.booleans())
    for _ in range(draw(st.integers(1, 3))):
        pad = " " * max(0, indent + draw(st.sampled_from([0, 0, 0, 0, 0, 0, 0, 1, -1])))
        head = pad + ("- " if is_list else draw(st.sampled_from(["a", "b", "on", "x_y", "x-y"])) + ": ")
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            lines.append(head.rstrip())
            lines += draw(_documents(indent + draw(st.sampled_from([1, 2, 4])), depth + 1))
        else:
            lines += (head + draw(_SCALARS)).split("\n")
        if draw(st.integers(0, 9)) == 0:
            lines.append(" " * draw(st.integers(0, 6)) + draw(st.sampled_from(["", "# c"])))
    return [line for line in lines if line or draw(st.booleans())]


@settings(max_examples=400, deadline=None)
@given(_documents())
def test_generated_documents_are_read_alike_or_left_alone(lines: list[str]) -> None:
    """Documents made of the awkward corners of YAML: quotes, indicators, typed words, block scalars, bad indents."""
    assert _agrees("\n".join(lines) + "\n")


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.sampled_from(_WORDS) | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none(),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["a", "b", "on", "k-1"]), inner),
        max_leaves=10,
    )
)
def test_whatever_pyyaml_writes_is_read_alike_or_left_alone(tree: Any) -> None:
    """Block-style YAML as PyYAML writes it, with its quoting choices, inside a mapping."""
    assert _agrees(yaml.safe_dump({"root": tree}, default_flow_style=False, allow_unicode=True))


@pytest.mark.parametrize("shape", ["a: [x, y{}z]\n", 'a: {{k: y{}"}}\n', 'a: ["x", y{}"]\n'])
def test_a_hostile_line_is_read_in_one_pass(shape: str) -> None:
    """A long run of spaces inside a flow item: patterns whose parts could share a space would take minutes."""
    text = shape.format(" " * 200_000)
    expected = {"a": ["x", "y" + " " * 200_000 + "z"]} if text.endswith("z]\n") else None
    assert read_subset(text, MAX_DEPTH) == expected
