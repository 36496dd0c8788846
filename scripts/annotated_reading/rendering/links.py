"""Where each page and entry lives in the built site, and relative links between them."""

from __future__ import annotations

import functools
import posixpath

from annotated_reading.model.kinds import KINDS

ARTICLE_INDEX = "articles/index.md"
"""Source path of the index of articles."""


def article_page(article_id: str) -> str:
    """Source path of an article's page."""
    return f"articles/{article_id}.md"


def held_up_page(article_id: str) -> str:
    """Source path of an article's "How it held up" page: its claims, each with a verdict."""
    return f"articles/{article_id}/how-it-held-up.md"


def cards_path(article_id: str) -> str:
    """Path under docs/ of the script with an article's cards (and the drawings their small maps share)."""
    return f"assets/cards/{article_id}.js"


def kind_page(kind: str) -> str:
    """Source path of a kind's reference page (one page, or the index of per-entry pages)."""
    return f"{kind}.md" if KINDS[kind].one_page else f"{kind}/index.md"


def entry_page(ref: str) -> str:
    """Source path and fragment of an entry: `glossary.md#sahel` or `groups/jnim.md`."""
    kind, entry_id = ref.split("/", 1)
    if KINDS[kind].one_page:
        return f"{kind}.md#{entry_id}"
    return f"{kind}/{entry_id}.md"


def statement_anchor(entry_id: str, index: int) -> str:
    """Fragment id of a statement on the sources page (1-based in the id)."""
    return f"{entry_id}-s{index + 1}"


def claim_anchor(entry_id: str, statement: int | None) -> str:
    """A claim's id on a "How it held up" page: its statement's id on the sources page, or `figure-<id>`."""
    return f"figure-{entry_id}" if statement is None else statement_anchor(entry_id, statement)


def site_path(path: str) -> str:
    """A source path (with optional fragment) as the built site's path: `groups/jnim.md` -> `groups/jnim.html`."""
    page, _, fragment = path.partition("#")
    page = page[:-3] + ".html" if page.endswith(".md") else page
    return f"{page}#{fragment}" if fragment else page


@functools.lru_cache(maxsize=65536)
def relative(from_page: str, to: str) -> str:
    """Link from one page to another page (with optional fragment), as the built site's .html URL."""
    path, _, fragment = to.partition("#")
    target, here = site_path(path), site_path(from_page)
    url = _relpath(target, posixpath.dirname(here)) if path else ""
    if path and target == here:
        url = posixpath.basename(target)
    return f"{url}#{fragment}" if fragment else url


def _relpath(target: str, base: str) -> str:
    """`posixpath.relpath(target, base or ".")`, done on the strings: the site's paths are already normal."""
    parts, base_parts = target.split("/"), base.split("/") if base else []
    if any(p in ("", ".", "..") for p in parts + base_parts):
        return posixpath.relpath(target, base or ".")
    shared = 0
    while shared < len(base_parts) and shared < len(parts) - 1 and parts[shared] == base_parts[shared]:
        shared += 1
    return "/".join([".."] * (len(base_parts) - shared) + parts[shared:])
