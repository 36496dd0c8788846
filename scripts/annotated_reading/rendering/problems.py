"""The problems of a failed build as a live preview shows them, so that `mkdocs serve` never leaves a reader waiting."""

from __future__ import annotations

from jinja2 import Environment


def render_problems(env: Environment, report: str) -> str:
    """An overlay with the report `make check` prints (the adapter puts it at the end of every page it serves)."""
    return env.get_template("problems.html.jinja").render(report=report)
