"""Anchoring: where mentions and quotes are found, and the problems when they cannot be placed."""

from __future__ import annotations

import pytest
from helpers import MakeProject, group, source, term

from annotated_reading.pipeline import Project, analyse


def found(root: object) -> list[tuple[int, str, str]]:
    """(paragraph, matched text, ref or ref#statement) for every span, in document order."""
    ctx, problems = analyse(Project(root))  # type: ignore[arg-type]
    assert not problems, "\n".join(p.format() for p in problems)
    assert ctx is not None
    out = []
    for (_, number), spans in sorted(ctx.anchoring.spans.items()):
        text = ctx.articles[0].paragraphs[number - 1]
        for s in spans:
            label = s.ref if s.statement is None else f"{s.ref}#{s.statement + 1}"
            out.append((number, text[s.start : s.end], label))
    return out


def messages(root: object) -> list[str]:
    """The problem messages (without positions) for a project."""
    _, problems = analyse(Project(root))  # type: ignore[arg-type]
    return [p.message for p in problems]


CASES = [
    pytest.param(
        ["Al-Qaeda’s allies met."],
        {"annotations/groups/al-qaeda.yml": group("Al-Qaeda", 'match: ["Al-Qaeda\'s allies"]\n')},
        [(1, "Al-Qaeda’s allies", "groups/al-qaeda")],
        id="straight-apostrophe-matches-curly",
    ),
    pytest.param(
        ["He said “it is a cancer” today."],
        {"annotations/sources/fane.yml": source("Fane", ['"it is a cancer"'])},
        [(1, "“it is a cancer”", "sources/fane#1")],
        id="straight-double-quotes-match-curly",
    ),
    pytest.param(
        ["Malian troops left Mali."],
        {"annotations/glossary/mali.yml": term("Mali")},
        [(1, "Mali", "glossary/mali")],
        id="whole-words-only",
    ),
    pytest.param(
        ["The Sahel and the sahel."],
        {"annotations/glossary/sahel.yml": term("Sahel")},
        [(1, "Sahel", "glossary/sahel")],
        id="case-sensitive-by-default",
    ),
    pytest.param(
        ["The Sahel and the sahel."],
        {"annotations/glossary/sahel.yml": term("Sahel", "case_sensitive: false\n")},
        [(1, "Sahel", "glossary/sahel"), (1, "sahel", "glossary/sahel")],
        id="case-insensitive-on-request",
    ),
    pytest.param(
        ["The Islamic State in the Greater Sahara and the Islamic State differ."],
        {
            "annotations/groups/isgs.yml": group("Islamic State in the Greater Sahara"),
            "annotations/groups/islamic-state.yml": group("Islamic State"),
        },
        [
            (1, "Islamic State in the Greater Sahara", "groups/isgs"),
            (1, "Islamic State", "groups/islamic-state"),
        ],
        id="longest-match-wins",
    ),
    pytest.param(
        ["Officials said the Sahel is at risk, and left."],
        {
            "annotations/glossary/sahel.yml": term("Sahel"),
            "annotations/sources/officials.yml": source("Unnamed official", ["the Sahel is at risk"], kind="anonymous"),
        },
        [(1, "the Sahel is at risk", "sources/officials#1"), (1, "Sahel", "glossary/sahel")],
        id="mention-nested-in-statement",
    ),
    pytest.param(
        ["A said B said the Sahel is at risk."],
        {
            "annotations/sources/a.yml": source("Person A", ["B said the Sahel is at risk"]),
            "annotations/sources/b.yml": source("Person B", ["the Sahel is at risk"]),
        },
        [(1, "B said the Sahel is at risk", "sources/a#1"), (1, "the Sahel is at risk", "sources/b#1")],
        id="statement-nested-in-statement",
    ),
    pytest.param(
        ["We will fight. They said: we will fight."],
        {
            "annotations/sources/a.yml": "name: A\ntype: named\nstatements:\n  - quote: we will fight\n"
            "    prefix: 'They said:'\nsources:\n  - {title: T, publisher: P, url: 'https://e.org', date: '2020'}\n"
        },
        [(1, "we will fight", "sources/a#1")],
        id="prefix-disambiguates",
    ),
    pytest.param(
        ["We will fight. We will fight."],
        {
            "annotations/sources/a.yml": "name: A\ntype: named\nstatements:\n  - quote: We will fight\n"
            "    occurrence: 2\nsources:\n  - {title: T, publisher: P, url: 'https://e.org', date: '2020'}\n"
        },
        [(1, "We will fight", "sources/a#1")],
        id="occurrence-disambiguates",
    ),
    pytest.param(
        ["About 1,400 troops, 4.5 million people and 1 army."],
        {
            "annotations/glossary/one.yml": term('"1"'),
            "annotations/glossary/four.yml": term('"4"', "reference_only: true\n"),
        },
        [(1, "1", "glossary/one")],
        id="numbers-are-whole-words",
    ),
    pytest.param(
        ["First about Niger.", "Then Niger again."],
        {"annotations/glossary/niger.yml": term("Niger")},
        [(1, "Niger", "glossary/niger"), (2, "Niger", "glossary/niger")],
        id="every-occurrence-in-every-paragraph",
    ),
]


@pytest.mark.parametrize(("paragraphs", "files", "expected"), CASES)
def test_anchoring(make_project: MakeProject, paragraphs: list[str], files: dict[str, str], expected: list) -> None:
    """Spans land exactly on the expected words."""
    assert found(make_project(files, paragraphs)) == expected


REFUSED = [
    pytest.param(
        ["We will fight. We will fight."],
        {"annotations/sources/a.yml": source("A", ["We will fight"])},
        "quote is ambiguous, found 2 times (paragraph 1, paragraph 1)",
        id="ambiguous-quote",
    ),
    pytest.param(
        ["The Sahel is wide."],
        {"annotations/sources/a.yml": source("A", ["The Sahel is large"])},
        "statement 1: quote not found in the article: 'The Sahel is large'",
        id="quote-not-found",
    ),
    pytest.param(
        ["The Sahel is wide."],
        {"annotations/glossary/desert.yml": term("Desert")},
        "glossary/desert: appears nowhere in the article",
        id="entry-found-nowhere",
    ),
    pytest.param(
        ["The Sahel is wide."],
        {"annotations/glossary/sahel.yml": term("Sahel", "match: [Sahel, Sahelian]\n")},
        "glossary/sahel: match form 'Sahelian' is found nowhere in the article",
        id="explicit-form-not-found",
    ),
    pytest.param(
        ["The Islamic State in the Greater Sahara met."],
        {
            "annotations/groups/isgs.yml": group("Islamic State in the Greater Sahara"),
            "annotations/groups/islamic-state.yml": group("Islamic State", "match: [Islamic State]\n"),
        },
        "groups/islamic-state: match form 'Islamic State' is found only inside longer mentions, "
        "e.g. 'Islamic State in the Greater Sahara' of groups/isgs",
        id="form-swallowed-by-longer",
    ),
    pytest.param(
        ["They met in the Greater Sahara region."],
        {
            "annotations/glossary/greater-sahara.yml": term("Greater Sahara"),
            "annotations/sources/a.yml": source("A", ["They met in the Greater"]),
        },
        "glossary/greater-sahara: the mention 'Greater Sahara' in paragraph 1 crosses the edge of a quote of "
        "sources/a (statement 1)",
        id="mention-crossing-quote",
    ),
    pytest.param(
        ["one two three four"],
        {
            "annotations/sources/a.yml": source("A", ["one two three"]),
            "annotations/sources/b.yml": source("B", ["two three four"]),
        },
        "sources/b: statement 1 overlaps statement 1 of sources/a in paragraph 1 without containing it",
        id="crossing-statements",
    ),
    pytest.param(
        ["The Sahel is wide."],
        {"annotations/glossary/sahel.yml": term("Sahel", "reference_only: true\n")},
        "glossary/sahel: marked reference_only, but it appears in paragraph 1",
        id="reference-only-but-found",
    ),
    pytest.param(
        ["Mali and Mali."],
        {
            "annotations/glossary/mali.yml": term("Mali"),
            "annotations/groups/mali-state.yml": group("Malian state", "match: [Mali]\n"),
        },
        "match form 'Mali' is also claimed by glossary/mali (annotations/glossary/mali.yml)",
        id="form-claimed-twice",
    ),
]


@pytest.mark.parametrize(("paragraphs", "files", "message"), REFUSED)
def test_refused(make_project: MakeProject, paragraphs: list[str], files: dict[str, str], message: str) -> None:
    """Each bad anchoring is reported, with the expected message."""
    assert message in "\n".join(messages(make_project(files, paragraphs)))


def test_reference_only_entry_is_accepted(make_project: MakeProject) -> None:
    """An entry marked reference_only need not appear in the text."""
    root = make_project({"annotations/glossary/desert.yml": term("Desert", "reference_only: true\n")})
    assert messages(root) == []


def test_stale_quote_shows_closest_passage(make_project: MakeProject) -> None:
    """A quote that no longer matches points at the most similar passage of the new text."""
    root = make_project(
        {"annotations/sources/a.yml": source("A", ["This cancer will spread far beyond here"])},
        ["Nothing here.", "He said this cancer could spread far beyond the region, sadly."],
    )
    _, problems = analyse(Project(root))
    assert len(problems) == 1
    expected = "closest passage is in article test-article, paragraph 2: 'this cancer could spread far beyond the"
    assert expected in problems[0].hint


def test_reference_only_label_inside_a_longer_mention_is_accepted(make_project: MakeProject) -> None:
    """A reference-only entry whose name occurs only inside another entry's longer mention is not a problem."""
    root = make_project(
        {
            "annotations/glossary/special-operations.yml": term("Special Operations", "reference_only: true\n"),
            "annotations/glossary/socafrica.yml": term("SOCAFRICA", "match: [Special Operations arm]\n"),
        },
        ["The Special Operations arm met."],
    )
    assert messages(root) == []


def test_form_claimed_twice_is_reported_once(make_project: MakeProject) -> None:
    """Two entries with the same form: one duplicate problem, no follow-on about longer mentions or absence."""
    root = make_project(
        {"annotations/glossary/sahel.yml": term("Sahel"), "annotations/groups/sahel.yml": group("Sahel")},
        ["The Sahel is wide."],
    )
    assert messages(root) == [
        "groups/sahel: match form 'Sahel' is also claimed by glossary/sahel (annotations/glossary/sahel.yml)"
    ]
