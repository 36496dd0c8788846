"""MkDocs hooks for the benchmark's engine-less build: the engine's pages, made in advance, handed to MkDocs.

What the plugin does with the engine's output (pages, titles, tables of contents, ids, assets, navigation, the
template cache), without running or importing the engine: the difference from the real build is the engine's
own cost. Reads `site.json` beside it (see dump_site.py).
"""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

SITE: dict[str, Any] = json.loads((Path(__file__).parent / "site.json").read_text(encoding="utf-8"))


def on_config(config: Any) -> Any:
    """The navigation with the entry pages' sections, as the plugin makes it."""
    config.nav = SITE["nav"]
    return config


def on_files(files: Files, config: Any) -> Files:
    """The generated pages and files, and our assets as shipped."""
    for path in SITE["pages"]:
        files.append(File.generated(config, path, content=""))
    for path, text in {**SITE["files"], **SITE["assets"]}.items():
        old = files.get_file_from_path(path)
        if old is not None:
            files.remove(old)
        files.append(File.generated(config, path, content=text))
    gc.freeze()  # as the plugin does in a one-off build
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """Titles and assets of the generated pages."""
    found = SITE["pages"].get(page.file.src_uri)
    if found is None:
        page.meta["ann_styles"] = SITE["hand_written_styles"]
        return markdown
    page.meta.setdefault("title", vars(page).get("title") or found["title"])
    page.meta["ann_styles"] = [a for a in found["assets"] if a.endswith(".css")]
    page.meta["ann_scripts"] = [a for a in found["assets"] if a.endswith(".js")]
    if found["hide"]:
        page.meta["hide"] = found["hide"]
    if found["rights"]:
        page.meta["ann_rights"] = found["rights"]
    if found["search_boost"] is not None:
        page.meta["search"] = {"boost": found["search_boost"]}
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """The generated pages' HTML, table of contents and ids."""
    found = SITE["pages"].get(page.file.src_uri)
    if found is None:
        return html
    page.toc = get_toc(found["toc"])
    page.present_anchor_ids = set(found["ids"])
    return str(found["html"])


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Material's toggle checkboxes without their `autocomplete`, as the plugin writes them."""
    return re.sub(r'(<input class="md-toggle" [^>]*type="checkbox"[^>]*?)\s+autocomplete="off">', r"\1>", output)


def on_env(env: Environment, config: Any, files: Files) -> Environment:
    """The theme's compiled templates kept between builds, as the plugin keeps them."""
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
