"""Reading YAML: values as PyYAML's safe loader gives them, positions, and the forms refused before building."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from annotated_reading.reading import documents
from annotated_reading.reading.documents import load_file, parse_yaml, walk


def test_crlf_positions_match_lines(tmp_path: Path) -> None:
    """Line and column survive CRLF line ends."""
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: 1\r\nb:\r\n  - x\r\n  - y\r\n")
    doc, problems = load_file(path, "x.yml")
    assert problems == []
    assert doc is not None
    assert doc.positions[("b", 1)] == (4, 5)
    assert doc.key_positions[("b",)] == (2, 1)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("date: 2020-02-22\n", {"date": "2020-02-22"}),
        ("n: 3\n", {"n": 3}),
        ("flag: true\n", {"flag": True}),
        ("quoted: 'yes'\n", {"quoted": "yes"}),
        ("block: |\n  two\n  lines\n", {"block": "two\nlines\n"}),
        ("a: yes\nb: ~\nc: 1.5\nd: 0x1f\ne: 'null'\n", {"a": True, "b": None, "c": 1.5, "d": 31, "e": "null"}),
        # PyYAML's safe loader fails on these two ("could not determine a constructor"): they are text.
        ("a: =\nb: [=, <<]\n", {"a": "=", "b": ["=", "<<"]}),
        ("<<: x\n", {"<<": "x"}),
    ],
)
def test_scalars(source: str, expected: dict[str, object]) -> None:
    """Timestamps stay text; numbers and booleans are typed; quoted and block scalars are text."""
    doc, problems = parse_yaml(source, "x.yml")
    assert problems == []
    assert doc is not None
    assert doc.data == expected


def test_billion_laughs_is_refused_before_expansion() -> None:
    """Alias bombs are refused from the parse events, without building anything."""
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'
    doc, problems = parse_yaml(bomb, "x.yml")
    assert doc is None
    assert {p.message.split(" ")[1] for p in problems} == {"anchor", "alias"}


def test_deep_nesting_is_refused_without_recursion() -> None:
    """Ten thousand nested lists give one clear problem, not a RecursionError."""
    doc, problems = parse_yaml("a: " + "[" * 10000 + "]" * 10000 + "\n", "x.yml")
    assert doc is None
    assert [p.message for p in problems] == ["nesting is deeper than 12 levels"]


class _Reference(yaml.SafeLoader):
    """PyYAML's own safe loader, with timestamps left as text as ours leaves them."""


_Reference.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


_WORDS = ["yes", "No", "on", "~", "null", "", "1", "-3", "1.5", "1e3", "0x1f", "0o7", "1_000", ".inf", "12:30"]
_WORDS += ["=", "<<", "2020-01-02", "2020-01-02 10:00:00", "True", "text", "Ümlaut", "a: b", "'q'", "- x", "#no", "T"]


_SCALARS = st.sampled_from(_WORDS) | st.text(max_size=8) | st.none() | st.booleans() | st.integers()


_KEYS = st.text(max_size=6) | _SCALARS.map(str)


_TREES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_TREES, st.booleans())
def test_values_match_pyyaml(tree: object, flow: bool) -> None:
    """Whatever PyYAML writes, the one-pass reader reads as PyYAML's safe loader does, a position for every value."""
    text = yaml.safe_dump(tree, default_flow_style=flow, allow_unicode=True)
    doc, problems = parse_yaml(text, "x.yml")
    assert problems == []
    assert doc is not None
    expected = yaml.load(text, Loader=_Reference)
    assert doc.data == expected
    assert set(doc.positions) == {(), *_pointers(expected)}


def _pointers(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    found = []
    for key, item in items:
        found += [(*prefix, key), *_pointers(item, (*prefix, key))]
    return found


def _plain_words() -> list[str]:
    """The sample words that are valid YAML written unquoted, as a value and as a list item."""
    found = []
    for word in [*_WORDS, "Yes", "NO", "Off", "+1", "0b101", "-.5", "1:20", "~", "2020-1-2", "1.0e+3"]:
        try:
            yaml.load(f"v: {word}\nw: [{word}]\n", Loader=_Reference)
        except yaml.YAMLError:
            continue
        found.append(word)
    return found


@pytest.mark.parametrize("word", _plain_words())
def test_plain_scalars_match_pyyaml(word: str) -> None:
    """Unquoted values get PyYAML's types (YAML 1.1: `yes` is true, `1:20` is 80), except that dates stay text."""
    text = f"v: {word}\nw: [{word}]\n"
    expected = yaml.load(text, Loader=_Reference)
    doc, problems = parse_yaml(text, "x.yml")
    assert problems == []
    assert doc is not None
    assert doc.data == expected
    assert type(doc.data["v"]) is type(expected["v"])


def test_without_libyaml_the_pure_python_parser_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where PyYAML lacks libyaml, its own parser takes over: same values and positions for every real file."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "annotations").glob("*/*.yml"))]
    with_libyaml = []
    for text in texts:
        doc = parse_yaml(text, "x.yml")[0]
        assert doc is not None
        with_libyaml.append((doc.data, doc.positions))
    monkeypatch.setattr(documents, "_Parser", documents.PythonParser)
    for text, (data, positions) in zip(texts, with_libyaml, strict=True):
        slow, problems = parse_yaml(text, "x.yml")
        assert problems == []
        assert slow is not None
        assert (slow.data, slow.positions) == (data, positions)
    assert parse_yaml("a: [1\n", "x.yml")[1][0].message.startswith("YAML syntax error")


def _walk_reference(data: object, pattern: tuple[str, ...], prefix: tuple[object, ...] = ()) -> list[object]:
    """`walk` as the definition reads: depth first, one level of the pattern at a time."""
    if not pattern:
        return [(prefix, data)]
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        items = enumerate(data) if isinstance(data, list) else []
        return [found for index, item in items for found in _walk_reference(item, rest, (*prefix, index))]
    if isinstance(data, dict) and head in data:
        return _walk_reference(data[head], rest, (*prefix, head))
    return []


_NESTED = st.recursive(
    st.none() | st.integers() | st.text(max_size=2),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, max_size=3),
    max_leaves=15,
)


@given(_NESTED, st.lists(st.sampled_from(["a", "b", "*"]), max_size=4).map(tuple))
def test_walk_finds_every_value_at_a_pattern_in_file_order(data: object, pattern: tuple[str, ...]) -> None:
    assert walk(data, pattern) == _walk_reference(data, pattern)
