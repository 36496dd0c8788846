"""Generated pages as finished HTML: headings with permalinks, the table of contents, and what search skips.

The engine writes every generated page as HTML, so a site generator has nothing left to convert; this
module gives it what it would otherwise learn by converting Markdown: the page title, the table of
contents and the ids present. Annotation text can never produce a heading (the sanitizer allows none), so
every `<hN id=…>` in a page is the engine's own.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

PERMALINK_TITLE = "Link to this section"
"""The permalink's tooltip (mkdocs.yml sets the same for hand-written pages)."""

_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?[^>]*>(.*?)(?:<a class="headerlink"|</h\1>)', re.DOTALL)
_ID = re.compile(r'\sid="([^"]+)"')
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<h1>(.*?)</h1>", re.DOTALL)
_SKIP_OPEN = "<!--ann:not-indexed-->"
_SKIP_CLOSE = "<!--/ann:not-indexed-->"
_SKIPPED = re.compile(re.escape(_SKIP_OPEN) + "(.*?)" + re.escape(_SKIP_CLOSE), re.DOTALL)


def heading(level: int, text: str, anchor: str | None = None, cls: str = "") -> str:
    """A heading; with an `anchor`, an id and a permalink as Python-Markdown's toc extension writes them.

    `text` is plain text. The page title (`level` 1) is written without one: `finish` gives it an id that
    nothing else on the page has.
    """
    shown = html_lib.escape(" ".join(text.split()), quote=False)
    classes = f' class="{html_lib.escape(cls)}"' if cls else ""
    if anchor is None:
        return f"<h{level}{classes}>{shown}</h{level}>"
    safe = html_lib.escape(anchor)
    return (
        f'<h{level} id="{safe}"{classes}>{shown}'
        f'<a class="headerlink" href="#{safe}" title="{PERMALINK_TITLE}">&para;</a></h{level}>'
    )


def not_indexed(html: str) -> str:
    """Mark a part of a page that site search should not index (cards, drawings, machine-readable data).

    Search should find a thing where it is described, not everywhere it is repeated: snippets of the article
    and the timeline's events are shown again from the article and the entries, which are indexed.
    """
    inner = html.replace(_SKIP_OPEN, "").replace(_SKIP_CLOSE, "")  # marks do not nest
    return f"{_SKIP_OPEN}{inner}{_SKIP_CLOSE}"


@dataclass(frozen=True)
class PageHtml:
    """A generated page as a site generator needs it."""

    html: str
    """The whole page body."""
    title: str
    """The `<h1>` text, HTML-escaped."""
    toc: list[dict[str, Any]] = field(default_factory=list)
    """Headings nested by level, as Python-Markdown's `toc_tokens`: level, id, name (escaped), children."""
    ids: frozenset[str] = frozenset()
    """Every element id in the page (link fragments that resolve)."""

    def for_search(self) -> tuple[str, list[str]]:
        """The body with the not-indexed parts replaced by numbered markers, and those parts in order."""
        parts: list[str] = []

        def cut(match: re.Match[str]) -> str:
            parts.append(match.group(1))
            return f"<!--ann:part {len(parts) - 1}-->"

        return _SKIPPED.sub(cut, self.html), parts

    @staticmethod
    def restore(html: str, parts: list[str]) -> str:
        """Put back the parts `for_search` took out."""
        return re.sub(r"<!--ann:part (\d+)-->", lambda m: parts[int(m.group(1))], html)


def finish(html: str) -> PageHtml:
    """Read a generated page's title, table of contents and ids; give the title an id and a permalink.

    The title's id is made from its text as Python-Markdown would make it, with `_1` added while another
    element of the page has it. Themes point "skip to content" at it.
    """
    ids = {html_lib.unescape(m) for m in _ID.findall(html)}
    title = _TITLE.search(html)
    if title is not None:
        anchor = _slug(html_lib.unescape(_TAG.sub("", title.group(1)))) or "title"
        while anchor in ids:
            anchor += "_1"
        ids.add(anchor)
        html = html[: title.start()] + heading(1, html_lib.unescape(title.group(1)), anchor) + html[title.end() :]
    tokens: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    name_of_title = ""
    for match in _HEADING.finditer(html):
        level, name = int(match.group(1)), _TAG.sub("", match.group(3)).strip()
        token = {"level": level, "id": html_lib.unescape(match.group(2) or ""), "name": name, "children": []}
        if level == 1 and not name_of_title:
            name_of_title = name
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return PageHtml(html, name_of_title, tokens, frozenset(ids))


def _slug(text: str) -> str:
    """Python-Markdown's default heading id: lowercase ASCII letters, digits, `_` and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower())
