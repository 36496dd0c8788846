"""MkDocs adapter: runs the annotation engine inside `mkdocs build` and `mkdocs serve`.

Thin on purpose: the engine (`annotated_reading`) never imports MkDocs; this file only turns its
pages into virtual files and its problems into a build error. Registered under `hooks:` in mkdocs.yml,
whose `watch:` list makes `mkdocs serve` rebuild when articles, annotations, schemas or the engine change.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# MkDocs loads hook files by path, not as part of a package: make the engine importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotated_reading.build import INCLUDE, Project, Site, build_site
from annotated_reading.errors import AnnotationError

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def _project(config: MkDocsConfig) -> Project:
    return Project(Path(config.config_file_path).resolve().parent)


_site: Site | None = None
"""This build's output; set afresh by every build (and every `mkdocs serve` rebuild)."""


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Add every generated page as a virtual file; refuse to shadow a hand-written one."""
    global _site  # a hook file has no instance to keep per-build state on
    _site = None
    try:
        base_url = config.site_url or ""
        _site = build_site(_project(config), base_url if base_url.endswith("/") or not base_url else base_url + "/")
    except AnnotationError as exc:
        raise PluginError("annotations have problems:\n" + exc.report()) from None
    for path, source in {**_site.pages, **_site.files}.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is generated from the annotations; remove the hand-written file")
        files.append(File.generated(config, path, content=source))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace `<!-- include: name -->` in hand-written pages with the engine's snippet."""
    assert _site is not None

    def include(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in _site.includes:
            line = markdown.count("\n", 0, match.start()) + 1
            known = ", ".join(sorted(_site.includes))
            raise PluginError(f"docs/{page.file.src_uri}:{line}: unknown include '{name}' (known: {known})")
        return _site.includes[name](page.file.src_uri)

    return INCLUDE.sub(include, markdown)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand Material a generated page's title in its escaped form.

    Material writes `page.title | striptags` into `<title>`, and `striptags` unescapes entities: a heading
    with an escaped `</title><script>` in it would come out as markup. The theme prints `page.meta.title`
    as it is, in `<title>` and in the header, so give it the title as rendered, entities intact.
    """
    if _site is not None and page.file.src_uri in _site.pages and page.title and "title" not in page.meta:
        page.meta["title"] = page.title
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Keep the theme's compiled templates between builds.

    MkDocs makes a new template environment for every build and every `mkdocs serve` rebuild, and compiling
    Material's templates costs more than our whole engine; Jinja's bytecode cache, in `.cache/jinja/`
    (ignored by git), lets later builds skip it.
    """
    folder = Path(config.config_file_path).resolve().parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
