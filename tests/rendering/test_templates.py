"""The templates: each compiles, says what it is given, and escapes whatever it prints unless the engine made it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup

from annotated_reading import rendering
from annotated_reading.rendering.templates import environment

TEMPLATES = sorted((Path(rendering.__file__).parent / "templates").glob("*.jinja"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_each_template_compiles_and_opens_with_what_it_is_given(path: Path) -> None:
    """A designer reads what data arrives in the header comment; nothing marks text safe in a template."""
    env = environment()
    env.get_template(path.name)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("{#- "), f"{path.name} opens without a comment saying what it renders"
    header = text.split("-#}", 1)[0]
    if path.name not in ("macros.html.jinja", "pictures.html.jinja"):  # libraries of macros: each says its own
        assert "Context:" in header, f"{path.name}: the header names no context"
    assert not re.search(r"\|\s*safe\b", text), f"{path.name} marks text safe"


def test_autoescape_is_on() -> None:
    env = environment()
    rendered = env.from_string("{{ text }}|{{ made }}").render(text="<b>&", made=Markup("<i>ours</i>"))
    assert rendered == "&lt;b&gt;&amp;|<i>ours</i>"
