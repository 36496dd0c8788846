"""Entries named in the annotations' own texts: the article's matching rules, without the article's errors."""

from __future__ import annotations

from pathlib import Path

from helpers import CITATION, MakeProject

from annotated_reading.anchoring.crosslinks import CrossLinker
from annotated_reading.pipeline import Project, analyse


def _glossary(term: str, match: list[str], extra: str = "") -> str:
    forms = ", ".join(f'"{m}"' for m in match)
    return f"term: {term}\nmatch: [{forms}]\ndefinition: About {term}.\n{extra}sources:\n{CITATION}"


def _linker(make_project: MakeProject, files: dict[str, str]) -> CrossLinker:
    root: Path = make_project(files, ["Sahel, drones, al-Qaeda, AQIM, Niger and niger."])
    ctx, _ = analyse(Project(root))
    assert ctx is not None
    return CrossLinker(ctx.entries)


def _found(linker: CrossLinker, text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.ref) for f in linker.find(text)]


def test_whole_words_and_letter_case_as_in_the_article(make_project: MakeProject) -> None:
    """A form is found as whole words; a case-sensitive one only with its letter case."""
    linker = _linker(
        make_project,
        {
            "annotations/glossary/sahel.yml": _glossary("Sahel", ["Sahel"]),
            "annotations/glossary/drone.yml": _glossary("drone", ["drones"], "case_sensitive: false\n"),
        },
    )
    assert _found(linker, "The Sahelian belt; the Sahel; the sahel; Drones.") == [
        ("Sahel", "glossary/sahel"),
        ("Drones", "glossary/drone"),
    ]
    assert _found(linker, "Nothing here.") == []


def test_the_longest_mention_wins(make_project: MakeProject) -> None:
    """Overlapping forms go to the longest, as in the article."""
    linker = _linker(
        make_project,
        {
            "annotations/glossary/al-qaeda.yml": _glossary("al-Qaeda", ["al-Qaeda"]),
            "annotations/glossary/aqim.yml": _glossary("AQIM", ["AQIM", "al-Qaeda in the Islamic Maghreb"]),
        },
    )
    text = "al-Qaeda in the Islamic Maghreb, a branch of al-Qaeda."
    assert _found(linker, text) == [
        ("al-Qaeda in the Islamic Maghreb", "glossary/aqim"),
        ("al-Qaeda", "glossary/al-qaeda"),
    ]


def test_a_form_two_entries_claim_is_not_linked(make_project: MakeProject) -> None:
    """Where two entries claim a form (an error in the article), a card text simply leaves it unlinked."""
    linker = _linker(
        make_project,
        {
            "annotations/glossary/niger.yml": _glossary("Niger", ["Niger"]),
            "annotations/glossary/niger-river.yml": _glossary("niger", ["niger"]),
            "annotations/glossary/sahel.yml": _glossary("Sahel", ["Sahel"]),
        },
    )
    assert _found(linker, "Niger lies in the Sahel.") == [("Sahel", "glossary/sahel")]
