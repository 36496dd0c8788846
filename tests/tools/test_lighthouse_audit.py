"""The Lighthouse audit's figures: read from a report, their medians held against the budgets."""

from __future__ import annotations

from typing import Any

from lighthouse_audit import CATEGORIES, read_report, table


def _report(performance: float, shift: float = 0.0, seo: float = 1.0) -> dict[str, Any]:
    """A Lighthouse JSON report, reduced to what the audit reads."""
    scores = {"performance": performance, "accessibility": 1.0, "best-practices": 1.0, "seo": seo}
    refs = {
        "performance": [{"id": "first-contentful-paint", "weight": 10}, {"id": "dom-size", "weight": 0}],
        "seo": [{"id": "meta-description", "weight": 1}],
    }
    return {
        "lighthouseVersion": "12.8.2",
        "categories": {name: {"score": scores[name], "auditRefs": refs.get(name, [])} for name in CATEGORIES},
        "audits": {
            "cumulative-layout-shift": {"score": 1, "numericValue": shift},
            "first-contentful-paint": {"title": "First Contentful Paint", "score": 0.8, "displayValue": "2.0 s"},
            "dom-size": {"title": "Avoids an excessive DOM size", "score": 0, "displayValue": "1,592 elements"},
            "meta-description": {"title": "Document has a meta description", "score": seo},
            "render-blocking-resources": {
                "title": "Eliminate render-blocking resources",
                "score": 0,
                "displayValue": "Est savings of 820 ms",
                "details": {"type": "opportunity"},
            },
        },
    }


def test_a_report_gives_scores_shift_and_what_lost_points() -> None:
    """Scores out of 100, the layout shift, the weighted audits that lost points and the suggestions."""
    run = read_report(_report(0.91, shift=0.013, seo=0))
    assert run.scores == {"performance": 91, "accessibility": 100, "best-practices": 100, "seo": 0}
    assert run.shift == 0.013
    assert run.losses == (
        ("performance: First Contentful Paint", "2.0 s"),
        ("seo: Document has a meta description", "failed"),
    )
    assert run.opportunities == (("Eliminate render-blocking resources", "Est savings of 820 ms"),)


def test_medians_are_held_against_the_budgets() -> None:
    """One slow run in three does not fail performance; a median under 95 does, as does a shift of 0.02."""
    report, kept = table([read_report(_report(p)) for p in (0.97, 0.70, 0.96)], "a.html")
    assert kept
    assert "| performance | 96 | 97, 70, 96 | ≥ 95 | yes |" in report
    report, kept = table([read_report(_report(p)) for p in (0.97, 0.90, 0.94)], "a.html")
    assert not kept
    assert "| performance | 94 | 97, 90, 94 | ≥ 95 | **no** |" in report
    _, kept = table([read_report(_report(1.0, shift=0.02))], "a.html")
    assert not kept
    _, kept = table([read_report(_report(1.0, seo=0.99))], "a.html")
    assert not kept
