"""Write what the engine makes of a project as JSON, for the benchmark's engine-less build (see floor_hook.py).

`python scripts/bench/dump_site.py PROJECT DOCS OUT`: also writes the hand-written pages of DOCS with their
includes expanded, and the assets minified, as the MkDocs plugin ships them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mkdocs.utils import yaml_load

from annotated_reading.pipeline import REFERENCE_ASSETS, Project, build_site
from annotated_reading.rendering.assets import minify


def main(root: Path, docs: Path, out: Path) -> None:
    """Dump the site of the project at `root`; rewrite the hand-written pages copied to `docs`."""
    site = build_site(Project(root))
    for page in sorted(docs.rglob("*.md")):
        uri = page.relative_to(docs).as_posix()
        page.write_text(site.expand_includes(page.read_text(encoding="utf-8"), uri), encoding="utf-8")
    assets = {}
    for path in sorted(docs.rglob("*")):
        uri = path.relative_to(docs).as_posix()
        if path.is_file() and "vendor" not in path.parts:
            shipped = minify(uri, path.read_text(encoding="utf-8")) if path.suffix in (".css", ".js") else None
            if shipped is not None:
                assets[uri] = shipped
    config = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs' loader: it reads `!ENV`
    pages = {
        path: {
            "html": p.html,
            "title": p.title,
            "toc": p.toc,
            "ids": sorted(p.ids),
            "assets": list(p.assets),
            "hide": list(p.hide),
            "search_boost": p.search_boost,
            "rights": p.rights,
        }
        for path, p in site.pages.items()
    }
    data = {
        "pages": pages,
        "files": site.files,
        "assets": assets,
        "nav": site.navigation(config["nav"]),
        "hand_written_styles": list(REFERENCE_ASSETS),
    }
    out.write_text(json.dumps(data), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
