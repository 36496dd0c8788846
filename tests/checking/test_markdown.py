"""The Markdown check: what the page would silently lose is reported; what survives rendering is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import ROOT, MakeProject, group, term

from annotated_reading.checking.markdown import markdown_patterns
from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.pipeline import Project, check


def _definition(make_project: MakeProject, definition: str) -> list[str]:
    """The problems `make check` reports for a glossary definition (and a JNIM group to link to)."""
    files = {
        "annotations/glossary/sahel.yml": term("Sahel").replace("About Sahel.", json.dumps(definition)),
        "annotations/groups/jnim.yml": group("JNIM", "reference_only: true\n"),
    }
    return [p.format() for p in check(Project(make_project(files)))]


@pytest.mark.parametrize(
    "definition",
    [
        "Plain text with *emphasis*, **strong**, `code` and a list:\n\n- one\n- two",
        "Entities are text: AT&amp;T, &copy; 2020, &#8212; and a bare & or a < b > c.",
        "A tag in backticks is shown as text: `<script>alert(1)</script>`.",
        "Links: [CSIS](https://www.csis.org), [mail](mailto:desk@example.org), [JNIM](groups/jnim).",
        "Upper-case schemes are web links too: [x](HTTPS://example.org).",
        "Autolinks: <https://example.org/a> and <desk@example.org>.",
        "A reference link: [CSIS][c].\n\n[c]: https://www.csis.org",
        "Text that only looks like markup: 3 < 4, x<y, <3, a -> b.",
    ],
)
def test_what_survives_rendering_is_not_reported(make_project: MakeProject, definition: str) -> None:
    assert _definition(make_project, definition) == []


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        ("A <b>bold</b> claim.", "definition contains raw HTML (<b>), which is not allowed"),
        ("<div>\nA block.\n</div>", "definition contains raw HTML (<div>), which is not allowed"),
        ("A note <!-- for editors -->.", "definition contains raw HTML (<!-- -->), which is not allowed"),
        # Python's HTML parser (before 3.13) raised AssertionError on `<![` and an unknown keyword.
        ("<!-- c --><![i](https://e.org/i.png)", "definition contains raw HTML (<!-- -->), which is not allowed"),
        ("<![x]> <![CDATA[y]]>", "definition contains raw HTML ('<…>'), which is not allowed"),
        ("![Map](https://example.org/m.png)", "definition contains an image ('https://example.org/m.png')"),
        ("[x](javascript:alert(1))", "definition has a link to 'javascript:alert(1)', which is not allowed"),
        ("[x](JaVaScRiPt:alert(1))", "definition has a link to 'JaVaScRiPt:alert(1)', which is not allowed"),
        ("[x](java&#x09;script:alert(1))", "has a link to 'java%09script:alert(1)', which is not allowed"),
        ("[x](data:text/html,hi)", "definition has a link to 'data:text/html,hi', which is not allowed"),
        ("[x](../glossary.html)", "definition has a link to '../glossary.html', which is not allowed"),
        ("[x](#sahel)", "definition has a link to '#sahel', which is not allowed"),
        ("[x](//example.org)", "definition has a link to '//example.org', which is not allowed"),
        ("[JNIM](groups/jnm)", "definition links to unknown entry 'groups/jnm'\n    hint: did you mean 'groups/jnim'?"),
        ("[JNIM](glossary/jnim)", "links to unknown entry 'glossary/jnim'\n    hint: did you mean 'groups/jnim'?"),
        (
            "[x](groups/nobody)",
            "links to unknown entry 'groups/nobody'\n    hint: check the kind and id (the file name)",
        ),
    ],
)
def test_what_rendering_would_drop_is_reported(make_project: MakeProject, definition: str, expected: str) -> None:
    problems = _definition(make_project, definition)
    assert len(problems) == 1, problems
    assert problems[0].startswith("annotations/glossary/sahel.yml:2:"), problems
    assert ": glossary/sahel: " in problems[0]
    assert expected in problems[0]


def test_each_problem_is_placed_where_it_is_written(make_project: MakeProject) -> None:
    """Inside a block scalar, each piece of raw HTML and each bad link has its own line and column."""
    definition = "definition: |\n  <span>a</span> and\n  <em>b</em>, [x](javascript:alert(1)).\n"
    files = {"annotations/glossary/sahel.yml": term("Sahel").replace("definition: About Sahel.\n", definition)}
    problems = [p.format().split("\n")[0] for p in check(Project(make_project(files)))]
    assert problems == [
        "annotations/glossary/sahel.yml:3:3: glossary/sahel: definition contains raw HTML (<span>), which is "
        "not allowed",
        "annotations/glossary/sahel.yml:4:3: glossary/sahel: definition contains raw HTML (<em>), which is not allowed",
        "annotations/glossary/sahel.yml:4:19: glossary/sahel: definition has a link to 'javascript:alert(1)', "
        "which is not allowed",
    ]


def test_markdown_fields_are_read_from_the_schemas() -> None:
    patterns = markdown_patterns(SchemaSet.read(ROOT / "schemas"))
    assert ("definition",) in patterns["glossary"]
    assert ("since_publication", "*", "text") in patterns["glossary"]
    assert ("statements", "*", "note") in patterns["sources"]
    assert ("timeline", "*", "text") in patterns["groups"]
    assert ("founded", "text") in patterns["groups"]
    assert ("summary",) in patterns["article"]
    # Plain fields are not Markdown.
    for kind, found in patterns.items():
        for pattern in found:
            assert pattern[-1] not in ("term", "name", "title", "publisher", "quote", "role", "url"), (kind, pattern)


def test_every_markdown_field_of_every_kind_is_checked(make_project: MakeProject, tmp_path: Path) -> None:
    """A raw tag in each Markdown field of a group is reported once per field, at that field's line."""
    cite = '{title: A page, publisher: P, url: "https://example.org", date: "2020"}'
    bad = '"<i>x</i>"'
    files = {
        "annotations/groups/jnim.yml": (
            f"name: JNIM\nsummary: {bad}\nfounded: {{date: '2017', text: {bad}, sources: [{cite}]}}\n"
            f"leaders:\n  - {{name: A, note: {bad}, sources: [{cite}]}}\n"
            f"allegiance:\n  - {{to: B, note: {bad}, sources: [{cite}]}}\n"
            f"strength:\n  - {{date: '2020', estimate: '1', note: {bad}, sources: [{cite}]}}\n"
            f"timeline:\n  - {{date: '2020', text: {bad}, sources: [{cite}]}}\n"
            f"relations:\n  - {{with: groups/jnim, type: rivalry, text: {bad}, sources: [{cite}]}}\n"
            f"since_publication:\n  - {{date: '2021', text: {bad}, sources: [{cite}]}}\n"
            f"sources:\n  - {cite}\n"
        ),
    }
    problems = [p for p in check(Project(make_project(files, ["JNIM is a group."]))) if "raw HTML" in p.message]
    fields = sorted(p.message.split(": ")[1].split(" contains")[0] for p in problems)
    assert fields == sorted(
        [
            "summary",
            "founded.text",
            "leaders[0].note",
            "allegiance[0].note",
            "strength[0].note",
            "timeline[0].text",
            "relations[0].text",
            "since_publication[0].text",
        ]
    )
    assert len({p.line for p in problems}) == len(problems)  # each at its own line
