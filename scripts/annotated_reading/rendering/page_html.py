"""Generated pages as finished HTML, with what a site generator would otherwise learn by converting Markdown.

Each page's template renders its body; `finish` puts the title above it (with an id no other element of the page
has, and a permalink), the page's schema.org data after it, and reads the table of contents and the ids present.
The HTML read is the engine's own, from autoescaped templates: attribute values never hold a double quote, and
annotation text can never produce a heading (the sanitizer allows none), so every `<hN id=…>` is the engine's.
"""

from __future__ import annotations

import html as html_lib
import json
import re
import unicodedata
from typing import Any, TypedDict

import msgspec
from jinja2 import Environment
from markupsafe import Markup as Html

PERMALINK_TITLE = "Link to this section"
"""The permalink's tooltip (mkdocs.yml sets the same for hand-written pages)."""

_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?[^>]*>(.*?)(?:<a class="headerlink"|</h\1>)', re.DOTALL)
# A literal space, not `\s`: the pattern then starts with a literal, which the regex engine finds by a fast scan
# instead of testing every character of the page (the templates write a space before every attribute).
_ID = re.compile(r' id="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")


class TocToken(TypedDict):
    """A heading in a table of contents, as Python-Markdown's toc extension gives it to themes."""

    level: int
    id: str
    name: str
    """The heading's text, HTML-escaped."""
    children: list[TocToken]


class Page(msgspec.Struct, frozen=True):
    """A generated page as a site generator needs it."""

    html: str
    """The whole page body, title included."""
    title: str
    """The title, HTML-escaped."""
    toc: list[TocToken] = msgspec.field(default_factory=list)
    """Headings nested by level, as Python-Markdown's `toc_tokens`: level, id, name (escaped), children."""
    ids: frozenset[str] = frozenset()
    """Every element id in the page (link fragments that resolve)."""
    assets: tuple[str, ...] = ()
    """Stylesheets and scripts (paths under docs/) that this page loads beyond what every page loads."""
    hide: tuple[str, ...] = ()
    """Parts of the theme's frame the page goes without, by Material's names: an article has no contents
    sidebar, so that its margin notes have the room."""
    search_boost: float | None = None
    """How much higher than other pages a search ranks this page's matches (none: as high as the others)."""
    rights: str = ""
    """Whose the page's text is, in a line (plain text) for the footer in place of the site's; empty: the site's."""


def finish(
    env: Environment,
    title: str,
    body: str,
    data: dict[str, Any] | None = None,
    assets: tuple[str, ...] = (),
    hide: tuple[str, ...] = (),
    search_boost: float | None = None,
    rights: str = "",
) -> Page:
    """A page from its title (plain text), its body (HTML from a template) and its schema.org data, if any.

    The title's id is made from its text as Python-Markdown would make it, with `_1` added while another
    element of the page has it. Themes point "skip to content" at it.
    """
    ids = {html_lib.unescape(m) for m in _ID.findall(body)}
    anchor = slug(title) or "title"
    while anchor in ids:
        anchor += "_1"
    ids.add(anchor)
    json_ld = None
    if data is not None:
        # `<` escaped, so that no text in the data can close the script element.
        json_ld = Html(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))
    html = env.get_template("page.html.jinja").render(title=title, anchor=anchor, body=Html(body), json_ld=json_ld)
    toc = _toc(html)
    return Page(html, toc[0]["name"], toc, frozenset(ids), assets, hide, search_boost, rights)


def _toc(html: str) -> list[TocToken]:
    """The headings with ids, nested by level, as Python-Markdown's toc extension gives them to themes."""
    tokens: list[TocToken] = []
    stack: list[TocToken] = []
    for match in _HEADING.finditer(html):
        level, name = int(match.group(1)), _TAG.sub("", match.group(3)).strip()
        token: TocToken = {"level": level, "id": html_lib.unescape(match.group(2) or ""), "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


def slug(text: str) -> str:
    """Python-Markdown's default heading id: lowercase ASCII letters, digits, `_` and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower())
