"""The whole pipeline: collect, validate, anchor, render. Returns page sources; writes nothing."""

from __future__ import annotations

import gc
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from annotated_reading.anchoring.anchor import anchor
from annotated_reading.checking.markdown import check_markdown
from annotated_reading.checking.schemas import check_references, load_validators
from annotated_reading.errors import AnnotationError, Problem
from annotated_reading.model.kinds import KINDS
from annotated_reading.pictures.geo import read_basemap
from annotated_reading.pictures.maps import MAP_PAGE, render_map_page
from annotated_reading.pictures.timeline_page import TIMELINE_PAGE, render_timeline
from annotated_reading.reading.collect import collect_articles, collect_entries
from annotated_reading.rendering import page_html
from annotated_reading.rendering.article import render_article
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.export import EXPORT_PATH, export_text, web_annotations
from annotated_reading.rendering.links import article_page, entry_page, kind_page
from annotated_reading.rendering.reference import (
    render_article_index,
    render_entry_list,
    render_glossary,
    render_group,
    render_group_index,
    render_sources,
    sourcing_table,
)
from annotated_reading.rendering.structured import page_data, script


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live."""

    root: Path

    @property
    def annotations(self) -> Path:
        """`annotations/<kind>/<id>.yml`."""
        return self.root / "annotations"

    @property
    def articles(self) -> Path:
        """`articles/<id>/article.yml` plus its text file."""
        return self.root / "articles"

    @property
    def schemas(self) -> Path:
        """The JSON Schemas, one per kind."""
        return self.root / "schemas"

    @property
    def map_data(self) -> Path:
        """The vendored Natural Earth extract the maps are drawn from (see scripts/vendor_map_data.py)."""
        return self.root / "data" / "natural-earth" / "countries.json"


def analyse(project: Project, timings: dict[str, float] | None = None) -> tuple[Context | None, list[Problem]]:
    """Load, validate and anchor everything; return the context for rendering and all problems found.

    Arguments:
        project: where the inputs are.
        timings: if given, receives the seconds spent in `load` (with schema validation and the base map),
            `check` and `anchor`.
    """
    clock = _Clock(timings)
    validators = load_validators(project.schemas)
    articles, problems = collect_articles(project.articles, project.root, validators)
    entries, found = collect_entries(project.annotations, project.root, validators)
    problems += found
    basemap = read_basemap(project.map_data)
    clock.lap("load")
    problems += check_references(entries)
    problems += check_markdown(entries, project.schemas)
    clock.lap("check")
    if not articles:
        return None, problems
    anchoring = anchor(articles, entries)
    problems += anchoring.problems
    clock.lap("anchor")
    return Context(articles, entries, anchoring, basemap), problems


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[name] = now - self.last
        self.last = now


def clear_caches() -> None:
    """Forget what earlier runs in this process worked out, so that the next run does all the work again.

    Loaded files, schemas, the base map and rendered fragments are kept between runs for `mkdocs serve`; a
    benchmark of the engine's work clears them between runs.
    """
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("annotated_reading."):
            continue
        for name, value in vars(module).items():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "") == module.__name__:
                value.cache_clear()
            elif name in ("_LOADED", "_CACHE") and isinstance(value, dict):
                value.clear()


def check(project: Project) -> list[Problem]:
    """Every problem in the project's inputs (empty when it builds)."""
    return analyse(project)[1]


@dataclass(frozen=True)
class Site:
    """What the engine adds to a site: generated pages, and snippets that hand-written pages include."""

    pages: dict[str, str]
    """Every generated page as HTML (see `page_html`), keyed by its path under docs/."""
    includes: dict[str, Callable[[str], str]]
    """Snippet name -> function of the including page's path, returning HTML."""
    files: dict[str, str]
    """Other generated files (the W3C annotation export), keyed by path under docs/."""
    assets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Stylesheets and scripts (paths under docs/) that only some generated pages load, keyed by page."""
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Index page -> (label, page) of each entry page under it, in the index's order: for the navigation."""


PAGE_ASSETS: dict[str, tuple[str, ...]] = {
    MAP_PAGE: ("assets/pictures.css", "assets/pictures.js"),
    TIMELINE_PAGE: ("assets/pictures.css", "assets/pictures.js"),
}
"""The drawings' styles and script (the timeline's filter, the maps' opening position on a phone) load on their
own pages only, not on every page."""


INCLUDE = re.compile(r"<!--\s*include:\s*([a-z0-9-]+)\s*-->")
"""How a hand-written page asks for a snippet, e.g. `<!-- include: sourcing-table -->`."""


def build_site(
    project: Project, base_url: str = "", timings: dict[str, float] | None = None, *, one_off: bool = False
) -> Site:
    """Everything generated from the project's inputs.

    Arguments:
        project: where the inputs are.
        base_url: the published site's address, ending in `/`, for the ids of exported data; empty for
            relative ids (a site read from disk).
        timings: if given, receives the seconds of each stage, as `analyse` gives them, and `render`.
        one_off: the process builds once and ends (`mkdocs build`, not `mkdocs serve`): what the engine made
            is moved out of the cycle collector's reach (`gc.freeze`), rather than walked once more when the
            collector comes back on. It lives until the process ends anyway.

    Raises:
        AnnotationError: if any input has a problem; it lists all of them.
    """
    # The engine makes many small objects and hardly a reference cycle, so Python's cycle collector, which
    # walks the young objects every few hundred allocations, finds nothing to free: it pauses while we run.
    # Switched on again, its first pass walks everything made meanwhile (some 3 ms), unless that is frozen.
    collecting = gc.isenabled()
    gc.disable()
    try:
        ctx, problems = analyse(project, timings)
        if problems or ctx is None:
            raise AnnotationError(problems)
        clock = _Clock(timings)
        export = export_text(web_annotations(ctx, base_url))
        pages = render_all(ctx, base_url)
        clock.lap("render")
    finally:
        if one_off:
            gc.freeze()
        if collecting:
            gc.enable()
    return Site(
        pages,
        {"sourcing-table": lambda page: sourcing_table(ctx, page)},
        {EXPORT_PATH: export},
        PAGE_ASSETS,
        {
            kind_page(kind): [(entry.label, entry_page(entry.ref)) for entry in ctx.of_kind(kind)]
            for kind, spec in KINDS.items()
            if not spec.one_page and ctx.of_kind(kind)
        },
    )


def build_pages(project: Project) -> dict[str, str]:
    """HTML of every generated page, keyed by path under docs/ (see `build_site`)."""
    return build_site(project).pages


def render_all(ctx: Context, base_url: str = "") -> dict[str, str]:
    """HTML of every generated page for an analysed project, keyed by path under docs/.

    Pages that describe things schema.org has types for end with their JSON-LD.
    """
    pages = {article_page(a.id): render_article(ctx, a) for a in ctx.articles}
    pages["articles/index.md"] = render_article_index(ctx)
    pages[kind_page("glossary")] = render_glossary(ctx)
    pages[kind_page("groups")] = render_group_index(ctx)
    for entry in ctx.of_kind("groups"):
        pages[entry_page(entry.ref)] = render_group(ctx, entry)
    pages[kind_page("sources")] = render_sources(ctx)
    for kind in ("people", "places", "figures"):
        pages[kind_page(kind)] = render_entry_list(ctx, kind)
    pages[MAP_PAGE] = render_map_page(ctx)
    pages[TIMELINE_PAGE] = render_timeline(ctx)
    for path in pages:
        data = page_data(ctx, path, base_url)
        if data is not None:
            pages[path] += "\n" + page_html.not_indexed(script(data)) + "\n"
    return pages
