"""Published addresses are promises: every page, paragraph, entry, statement and export id once published stays.

`golden/stable-ids.txt` lists them. The built site must still have each one. `make goldens` adds the ones added
since, and removes none: an address that must go is taken out of the list by hand, the reason in the commit.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import ROOT

from annotated_reading.rendering.context import Context
from annotated_reading.rendering.hindsight import claims
from annotated_reading.rendering.links import (
    article_page,
    entry_page,
    held_up_page,
    kind_page,
    site_path,
    statement_anchor,
)

PINNED = ROOT / "tests" / "golden" / "stable-ids.txt"
_ID = re.compile(r'\sid="([^"]+)"')


def _promised(ctx: Context, built: Path) -> set[str]:
    """What the site promises today: pages, paragraph, entry, statement and claim anchors, and export ids."""
    found = {f"page {p.relative_to(built).as_posix()}" for p in built.rglob("*.html")}
    for article in ctx.articles:
        page = site_path(article_page(article.id))
        found |= {f"anchor {page}#p{n}" for n in range(1, len(article.paragraphs) + 1)}
    sources = site_path(kind_page("sources"))
    for entry in ctx.entries:
        found.add(f"anchor {site_path(entry_page(entry.ref))}")
        found |= {f"anchor {sources}#{statement_anchor(entry.id, n)}" for n in range(len(entry.statements))}
    for article in ctx.articles:
        held_up = site_path(held_up_page(article.id))
        found |= {f"anchor {held_up}#{claim.anchor}" for claim in claims(ctx, article)}
    export = json.loads((built / "annotations.jsonld").read_text(encoding="utf-8"))
    return found | {f"export {item['id']}" for item in export["first"]["items"]}


def _present(line: str, built: Path, export_ids: set[str]) -> bool:
    kind, _, what = line.partition(" ")
    if kind == "export":
        return what in export_ids
    page, _, fragment = what.partition("#")
    path = built / page
    if not path.is_file():
        return False
    return not fragment or fragment in set(_ID.findall(path.read_text(encoding="utf-8")))


def test_every_promised_address_is_still_there(ctx: Context, built: Path, update_goldens: bool) -> None:
    pinned = set(PINNED.read_text(encoding="utf-8").split("\n")) - {""} if PINNED.exists() else set()
    if update_goldens:
        pinned |= _promised(ctx, built)
        PINNED.write_text("\n".join(sorted(pinned)) + "\n", encoding="utf-8")
    export = json.loads((built / "annotations.jsonld").read_text(encoding="utf-8"))
    export_ids = {item["id"] for item in export["first"]["items"]}
    missing = sorted(line for line in pinned if not _present(line, built, export_ids))
    assert missing == [], f"{len(missing)} published addresses are gone, e.g. {missing[:5]}"
    assert len(pinned) > 300
