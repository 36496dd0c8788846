"""The MkDocs adapter: hands the engine's pages to `mkdocs build` and `mkdocs serve`.

ProperDocs loads it the same way. Glue only: the engine never imports MkDocs, and everything it decides is
decided there.
"""

from __future__ import annotations

import gc
import logging
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

from annotated_reading.cache import BuildCache
from annotated_reading.errors import AnnotationError
from annotated_reading.pipeline import (
    REFERENCE_ASSETS,
    Project,
    Site,
    UnknownIncludeError,
    build_site,
    problems_site,
)
from annotated_reading.rendering.assets import minify
from annotated_reading.rendering.home import PageLink
from annotated_reading.rendering.problems import render_problems
from annotated_reading.rendering.templates import environment
from annotated_reading.repository import Repository, find_repository

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class PluginConfig(Config):
    """No options: the project is the folder of mkdocs.yml."""


class AnnotatedReadingPlugin(BasePlugin[PluginConfig]):
    """Adds the generated pages and files to the site."""

    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.cache = BuildCache()
        """Kept across `mkdocs serve` rebuilds (this plugin defines `on_startup`, so MkDocs keeps it)."""
        self.site: Site | None = None
        self.repository: Repository | None = None
        self._looked_for_repository = False
        self.good: Site | None = None
        """The last site that built (what `mkdocs serve` shows while the annotations have problems)."""
        self.problems: str | None = None
        """Under `mkdocs serve`, the report of a build that failed: shown over the pages until a build succeeds."""
        self.overlay: str | None = None
        """That report as the overlay every page gets (rendered once per failed build, not once per page)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this is `mkdocs serve`, which rebuilds in this process."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Find the project's repository once (see `repository`), for the entries' links and the footer's.

        Not through MkDocs' `repo_url`: with it, Material asks GitHub's API for the repository's stars and forks
        from every page, a request off the machine that an offline reader's pages must not make.
        """
        if not self._looked_for_repository:
            self._looked_for_repository = True
            root = Path(config.config_file_path).resolve().parent
            self.repository = find_repository(root, os.environ)
            if self.repository is None:
                log.info(
                    "annotated-reading: no repository address known (set REPO_URL, see README): "
                    "the pages carry no 'Edit this entry' or 'Report a problem' links"
                )
        config.extra["repository"] = self.repository.url if self.repository else None
        return config

    def build(self, root: Path, base_url: str = "", nav: list[PageLink] | None = None) -> Site:
        """Run the engine on the project at `root`, as every build and rebuild does (`make bench` times this)."""
        if self.cache.compiled is None:
            # Compiling the engine's templates takes longer than the rest of its run; like Material's (see
            # `on_env`), they are kept compiled in .cache/ (ignored by git), checked against their source.
            self.cache.compiled = FileSystemBytecodeCache(str(_folder(root, "engine-templates")))
        # The engine makes many small objects and hardly a reference cycle, so the cycle collector, which would
        # walk them again and again as they pile up, finds nothing to free: it is paused while the engine runs.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return build_site(Project(root), base_url, self.cache, nav, self.repository)
        finally:
            if collecting:
                gc.enable()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Build the engine's pages and add them, with the W3C export, as files; our CSS and JS as shipped."""
        base_url = config.site_url or ""
        try:
            site = self.build(
                Path(config.config_file_path).resolve().parent,
                base_url if base_url.endswith("/") or not base_url else base_url + "/",
                _nav_links(config.nav, files) if config.nav else None,
            )
        except AnnotationError as exc:
            if not self.serving:
                raise PluginError("annotations have problems:\n" + exc.report()) from None
            # A failed build would leave `mkdocs serve` waiting with nothing to show: serve the last pages that
            # built instead (or a page of problems), with the problems over every page until the files are fixed.
            self.problems = exc.report()
            self.overlay = render_problems(self.cache.templates or environment(), self.problems)
            log.warning("annotations have problems (shown in the browser until fixed):\n%s", self.problems)
            site = self.good if self.good is not None else problems_site(self.problems)
        else:
            self.problems = self.overlay = None
            self.good = site
        self.site = site
        for path, text in {**dict.fromkeys(site.pages, ""), **site.files}.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is generated from the annotations; remove the hand-written file")
            files.append(File.generated(config, path, content=text))
        if config.nav:
            config.nav = site.navigation(config.nav)
        if not self.serving:  # under `mkdocs serve`, readable files are easier to debug
            self._minify(files, config, site)
            # A one-off build exits once the pages are written: the cycle collector need not walk what exists now
            # (MkDocs' objects and the engine's) at every later pass. Not under `mkdocs serve`, where it would
            # keep every build's objects for good.
            gc.freeze()
        return files

    def _minify(self, files: Files, config: MkDocsConfig, site: Site) -> None:
        """Replace our stylesheets and scripts with the engine's minified copies."""
        paths = [*config.extra_css, *(str(script) for script in config.extra_javascript)]
        paths += [path for page in site.pages.values() for path in page.assets] + list(REFERENCE_ASSETS)
        for path in dict.fromkeys(paths):
            file = files.get_file_from_path(path)
            if file is not None and file.abs_src_path is not None:
                shipped = minify(path, Path(file.abs_src_path).read_text(encoding="utf-8"))
                if shipped is not None:
                    files.remove(file)
                    files.append(File.generated(config, path, content=shipped))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages: their title, assets and footer line for the theme (their HTML comes in `on_page_content`).

        The title goes in `page.meta` as the engine escaped it: Material prints `page.meta.title` as it is, while
        it would unescape a `page.title` (`striptags`) into markup. A title given in mkdocs.yml's nav wins.
        Hand-written pages: their `<!-- include: name -->` snippets.
        """
        assert self.site is not None
        generated = self.site.pages.get(page.file.src_uri)
        if generated is None:
            page.meta["ann_styles"] = list(REFERENCE_ASSETS)
            try:
                return self.site.expand_includes(markdown, page.file.src_uri)
            except UnknownIncludeError as exc:
                if self.problems is not None:
                    return markdown  # the page of problems has no snippets: the problems are what to fix
                raise PluginError(str(exc)) from None
        if not page.is_homepage:  # the theme titles the home page with the site's name alone
            page.meta.setdefault("title", vars(page).get("title") or generated.title)
        page.meta["ann_styles"] = [a for a in generated.assets if a.endswith(".css")]
        page.meta["ann_scripts"] = [a for a in generated.assets if a.endswith(".js")]
        if generated.hide:
            page.meta["hide"] = list(generated.hide)
        if generated.search_boost is not None:
            page.meta["search"] = {"boost": generated.search_boost}
        if generated.rights:
            page.meta["ann_rights"] = generated.rights
        return ""

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Generated pages: their HTML, table of contents and element ids (for MkDocs' link checks)."""
        assert self.site is not None
        generated = self.site.pages.get(page.file.src_uri)
        if generated is None:
            return html
        page.toc = get_toc(generated.toc)
        page.present_anchor_ids = set(generated.ids)
        return generated.html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page: Material's toggles made valid HTML (see `_valid_toggles`).

        Under `mkdocs serve`, while the annotations have problems, the problems over the page.
        """
        output = _valid_toggles(output)
        if self.overlay is not None:
            head, body, tail = output.rpartition("</body>")
            output = head + self.overlay + body + tail
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html): as `on_post_page`."""
        return _valid_toggles(output_content) if template_name.endswith(".html") else output_content

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates between builds, in `.cache/jinja/` (ignored by git).

        MkDocs makes a new template environment for every build and every `mkdocs serve` rebuild, and compiling
        Material's templates takes longer than the engine's whole run.
        """
        env.bytecode_cache = FileSystemBytecodeCache(
            str(_folder(Path(config.config_file_path).resolve().parent, "jinja"))
        )
        return env


def _nav_links(nav: list[Any], files: Files) -> list[PageLink]:
    """The navigation's top-level pages, in order, with the `description` of each hand-written one (front matter).

    A section gives its index page, if it has one; links off the site are left out. The engine's pages are not
    among `files` yet: they are named as the navigation names them, without a description.
    """
    links = []
    for item in nav:
        if not (isinstance(item, dict) and len(item) == 1):
            continue
        ((title, target),) = item.items()
        if isinstance(target, list):
            target = next((t for t in target if isinstance(t, str)), None)
        if not isinstance(target, str) or not target.endswith(".md") or "://" in target:
            continue
        file = files.get_file_from_path(target)
        description = ""
        if file is not None and file.abs_src_path is not None:
            description = str(get_data(file.content_string)[1].get("description") or "")
        links.append(PageLink(str(title), target, description))
    return links


_TOGGLE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+")\s+autocomplete="off">'
)


def _valid_toggles(html: str) -> str:
    """The page without the `autocomplete` that Material's base.html puts on its drawer and search checkboxes.

    HTML allows the attribute on no checkbox (the Nu HTML Checker's error), and the two inputs sit in base.html
    outside any block a theme override could replace. Material adds it so that Firefox does not restore an open
    drawer or search on reload.
    """
    return _TOGGLE.sub(r"\1>", html)


def _folder(root: Path, name: str) -> Path:
    """A folder of `.cache/` in the project (created if need be)."""
    folder = root / ".cache" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
