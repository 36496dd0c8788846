"""MkDocs adapter: runs the annotation engine inside `mkdocs build` and `mkdocs serve`.

Thin on purpose: the engine (`annotated_reading`) never imports MkDocs; this plugin only turns its
pages into virtual files and its problems into a build error. mkdocs.yml's `watch:` list makes
`mkdocs serve` rebuild when articles, annotations, schemas or the engine change.
"""

from __future__ import annotations

import gc
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rcssmin
import rjsmin
from jinja2 import FileSystemBytecodeCache
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from annotated_reading.errors import AnnotationError
from annotated_reading.pipeline import INCLUDE, Project, Site, build_site
from annotated_reading.rendering.page_html import PageHtml, finish

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page


class PluginConfig(Config):
    """The plugin has no options: the project is the folder of mkdocs.yml."""


class AnnotatedReadingPlugin(BasePlugin[PluginConfig]):
    """Adds the engine's pages to the site."""

    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        """Whether this process is `mkdocs serve`, which rebuilds in the same process (see `on_files`)."""
        self.site: Site | None = None
        """This build's output; set afresh by every build (and every `mkdocs serve` rebuild)."""
        self.finished: dict[str, PageHtml] = {}
        """Per generated page, its HTML read once for title, table of contents and ids."""
        self.held: dict[str, list[str]] = {}
        """Per generated page, the parts kept away from search until it has indexed the page."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `mkdocs serve` (defining this hook also keeps the plugin across its rebuilds)."""
        self.serving = command == "serve"

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page as a virtual file; refuse to shadow a hand-written one."""
        self.site = None
        self.finished.clear()
        self.held.clear()
        try:
            base_url = config.site_url or ""
            site = self.site = build_site(
                Project(Path(config.config_file_path).resolve().parent),
                base_url if base_url.endswith("/") or not base_url else base_url + "/",
                one_off=not self.serving,
            )
        except AnnotationError as exc:
            raise PluginError("annotations have problems:\n" + exc.report()) from None
        for path, source in {**site.pages, **site.files}.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is generated from the annotations; remove the hand-written file")
            files.append(File.generated(config, path, content=source))
        if config.nav:
            config.nav = _with_sections(config.nav, site.sections)
        if not self.serving:
            _minify_own_assets(files, config, site)
            # A one-off build then tells the cycle collector to leave what exists now (MkDocs' objects and the
            # engine's) alone while MkDocs writes the pages: it would walk them all again at every later pass.
            # Not `mkdocs serve`: what it froze would stay frozen, the previous builds' garbage with it.
            gc.freeze()
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages: replace `<!-- include: name -->` with the engine's snippet.

        Generated pages are HTML already: give MkDocs nothing to convert (see `on_page_content`), only the title,
        for the navigation. It goes in `page.meta` as rendered, entities intact, because Material writes
        `page.title | striptags` into `<title>` and `striptags` unescapes entities (a title with an escaped
        `</title><script>` in it would come out as markup), while it prints `page.meta.title` as it is.
        """
        site = self.site
        assert site is not None
        uri = page.file.src_uri
        if uri in site.pages:
            assets = site.assets.get(uri, ())
            page.meta["ann_styles"] = [a for a in assets if a.endswith(".css")]
            page.meta["ann_scripts"] = [a for a in assets if a.endswith(".js")]
            finished = self.finished[uri] = finish(site.pages[uri])
            # A title given in mkdocs.yml's nav (kept in the page's own attributes) wins over the heading.
            page.meta.setdefault("title", vars(page).get("title") or finished.title)
            return ""

        def include(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in site.includes:
                line = markdown.count("\n", 0, match.start()) + 1
                known = ", ".join(sorted(site.includes))
                raise PluginError(f"docs/{uri}:{line}: unknown include '{name}' (known: {known})")
            return site.includes[name](uri)

        return INCLUDE.sub(include, markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A generated page's body, table of contents and ids, straight from the engine.

        Parts that search should not index (cards, drawings, JSON-LD) are held back until `on_page_context`,
        which runs after Material's search plugin has read the page.
        """
        finished = self.finished.get(page.file.src_uri)
        if finished is None:
            return html
        page.toc = get_toc(finished.toc)
        page.present_anchor_ids = set(finished.ids)
        body, self.held[page.file.src_uri] = finished.for_search()
        return body

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Put back what `on_page_content` held away from search."""
        parts = self.held.pop(page.file.src_uri, None)
        if parts:
            page.content = PageHtml.restore(page.content or "", parts)
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates between builds.

        MkDocs makes a new template environment for every build and every `mkdocs serve` rebuild, and compiling
        Material's templates costs more than our whole engine; Jinja's bytecode cache, in `.cache/jinja/`
        (ignored by git), lets later builds skip it.
        """
        folder = Path(config.config_file_path).resolve().parent / ".cache" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env


def _minify_own_assets(files: Files, config: MkDocsConfig, site: Site) -> None:
    """Ship our stylesheets and scripts without comments and spacing (the sources in docs/ stay readable).

    Not under `mkdocs serve`, where readable files are easier to debug.
    """
    paths = [*config.extra_css, *(str(script) for script in config.extra_javascript)]
    paths += [path for assets in site.assets.values() for path in assets]
    for path in dict.fromkeys(paths):
        file = files.get_file_from_path(path)
        if file is None or file.abs_src_path is None or not path.endswith((".css", ".js")):
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        files.append(
            File.generated(config, path, content=rcssmin.cssmin(text) if path.endswith(".css") else rjsmin.jsmin(text))
        )


def _with_sections(nav: list[Any], sections: dict[str, list[tuple[str, str]]]) -> list[Any]:
    """mkdocs.yml's nav, with each index of entry pages (`groups/index.md`) made a section of those pages.

    Runs before MkDocs builds the navigation from the config. Titles are HTML-escaped: the theme prints nav
    titles as they are, and labels come from annotation files.
    """
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            index = target[0] if isinstance(target, list) and target and isinstance(target[0], str) else target
            if isinstance(index, str) and index in sections:
                children = [{html.escape(label): page} for label, page in sections[index]]
                item = {title: [index, *children]}
            elif isinstance(target, list):
                item = {title: _with_sections(target, sections)}
        out.append(item)
    return out
