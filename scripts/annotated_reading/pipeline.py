"""The whole pipeline: read -> check -> anchor -> render. Returns the site's pages and files; writes nothing."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec

from annotated_reading.anchoring.anchor import anchor
from annotated_reading.cache import BuildCache, LoadedFile
from annotated_reading.checking.citations import check_citations, load_policy
from annotated_reading.checking.entries import check_article_meta, check_entry
from annotated_reading.checking.markdown import check_markdown
from annotated_reading.checking.references import check_references
from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.errors import AnnotationError, Problem
from annotated_reading.model.entries import Entry
from annotated_reading.model.kinds import KINDS
from annotated_reading.model.records import ArticleMeta, EntryFields, Group
from annotated_reading.pictures.geo import BaseMap, read_basemap
from annotated_reading.pictures.maps import MAP_PAGE, render_map_page
from annotated_reading.pictures.timeline import TIMELINE_PAGE, render_timeline
from annotated_reading.reading.collect import SourceFile, annotation_files, read_articles
from annotated_reading.reading.documents import Document, parse_yaml
from annotated_reading.reading.files import decode, read_bytes
from annotated_reading.rendering.article import render_article
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.export import EXPORT_PATH, export_text, web_annotations
from annotated_reading.rendering.fields import FIELDS_PAGE, render_fields
from annotated_reading.rendering.hindsight import claims, held_up_label, render_held_up
from annotated_reading.rendering.home import HOME_PAGE, PageLink, home_title, render_home
from annotated_reading.rendering.links import (
    ARTICLE_INDEX,
    article_page,
    cards_path,
    entry_page,
    held_up_page,
    kind_page,
)
from annotated_reading.rendering.page_html import Page, finish
from annotated_reading.rendering.problems import render_problems
from annotated_reading.rendering.reference import (
    provenance,
    render_article_index,
    render_entry_list,
    render_glossary,
    render_group,
    render_group_index,
    render_sources,
    sourcing_table,
)
from annotated_reading.rendering.structured import page_data
from annotated_reading.rendering.templates import environment
from annotated_reading.repository import Repository


class Project(msgspec.Struct, frozen=True):
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
        """The vendored Natural Earth extract the maps are drawn from (see scripts/tools/vendor_map_data.py)."""
        return self.root / "data" / "natural-earth" / "countries.json"


def analyse(project: Project, cache: BuildCache | None = None) -> tuple[Context | None, list[Problem]]:
    """Read, check and anchor everything; return the context for rendering (None without articles) and all problems.

    Arguments:
        project: where the inputs are.
        cache: what an earlier build in this process read (see `BuildCache`); it is updated for the next one.
    """
    cache = cache if cache is not None else BuildCache()
    schemas = _schemas(project, cache)
    checked: list[tuple[str, Document]] = []  # each article.yml that passed its schema, for the Markdown check

    def check_meta(doc: Document, what: str) -> tuple[ArticleMeta | None, list[Problem]]:
        meta, found = check_article_meta(doc, what, schemas)
        if meta is not None:
            checked.append((what, doc))
        return meta, found

    articles, problems, unread = read_articles(project.articles, project.root, check_meta)
    files, found = annotation_files(project.annotations, project.root)
    problems += found
    entries: list[Entry[EntryFields]] = []
    for file in files:
        entry, found = _entry(file, schemas, cache)
        problems += found
        if entry is not None:
            entries.append(entry)
    problems += check_references(entries)
    problems += check_markdown(entries, schemas, checked)
    policy, found = load_policy(project.root, schemas)
    problems += found
    problems += check_citations(entries, [article.id for article in articles], policy)
    if not articles:
        return None, problems
    anchoring = anchor(articles, entries, unread)
    problems += anchoring.problems
    if cache.templates is None:
        cache.templates = environment(cache.compiled)
    return Context(articles, entries, anchoring, _basemap(project, cache), cache.templates, schemas), problems


def _schemas(project: Project, cache: BuildCache) -> SchemaSet:
    texts = tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(project.schemas.glob("*.schema.json")))
    if cache.schemas is None or cache.schemas.texts != texts:
        cache.schemas = SchemaSet.read(project.schemas)
    return cache.schemas


def _entry(file: SourceFile, schemas: SchemaSet, cache: BuildCache) -> tuple[Entry[EntryFields] | None, list[Problem]]:
    """One annotation file read and checked, or as the last build left it if neither it nor the schemas changed."""
    raw, problems = read_bytes(file.path, file.display)
    if raw is None:
        return None, problems
    key = (file.display, file.kind.name)
    loaded = cache.files.get(key)
    if loaded is None or loaded.raw != raw or loaded.schemas != schemas.texts:
        entry, problems = None, []
        text, problems = decode(raw, file.display)
        if text is not None:
            doc, problems = parse_yaml(text, file.display)
            if doc is not None:
                entry, problems = check_entry(file, doc, schemas)
        loaded = cache.files[key] = LoadedFile(raw, schemas.texts, entry, problems)
    return loaded.entry, loaded.problems


def _basemap(project: Project, cache: BuildCache) -> BaseMap | None:
    try:
        stamp = project.map_data.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    if cache.basemap is None or cache.basemap[0] != stamp:
        cache.basemap = (stamp, read_basemap(project.map_data))
    return cache.basemap[1]


def check(project: Project) -> list[Problem]:
    """Every problem in the project's inputs (empty when it builds)."""
    return analyse(project)[1]


INCLUDE = re.compile(r"<!--\s*include:\s*([a-z0-9-]+)\s*-->")
"""How a hand-written page asks for a snippet, e.g. `<!-- include: sourcing-table -->`."""


class UnknownIncludeError(Exception):
    """A hand-written page asks for a snippet the engine does not have."""


class Site(msgspec.Struct, frozen=True):
    """What the engine adds to a site: generated pages, and snippets that hand-written pages include."""

    pages: dict[str, Page]
    """Every generated page, keyed by its path under docs/."""
    includes: dict[str, Callable[[str], str]]
    """Snippet name -> function of the including page's path, returning HTML."""
    files: dict[str, str]
    """Other generated files (the W3C annotation export), keyed by path under docs/."""
    sections: dict[str, list[tuple[str, str]]] = msgspec.field(default_factory=dict)
    """Index page -> (label, page) of each page under it (articles, entries), in the index's order: for the
    navigation."""

    def expand_includes(self, markdown: str, page: str) -> str:
        """A hand-written page's Markdown with each `<!-- include: name -->` replaced by the engine's snippet.

        Raises:
            UnknownIncludeError: for a name the engine has no snippet for, with the page's path and line.
        """

        def include(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.includes:
                line = markdown.count("\n", 0, match.start()) + 1
                known = ", ".join(sorted(self.includes))
                raise UnknownIncludeError(f"docs/{page}:{line}: unknown include '{name}' (known: {known})")
            return self.includes[name](page)

        return INCLUDE.sub(include, markdown)

    def navigation(self, nav: list[Any]) -> list[Any]:
        """A site navigation (as mkdocs.yml writes it) with each index of generated pages made a section of them.

        `- Groups: groups/index.md` becomes `- Groups: [groups/index.md, {JNIM: groups/jnim.md}, ...]`, and
        `- Articles: articles/index.md` a section of every article. A navigation without the index of articles
        gets it as an "Articles" section after its first item, so that no article is left out of it. A page the
        navigation already lists elsewhere is not listed twice. Titles are HTML-escaped: themes print navigation
        titles as they are, and labels come from annotation files and article titles.
        """
        listed = _targets(nav)
        if ARTICLE_INDEX in self.sections and ARTICLE_INDEX not in listed:
            nav = [*nav[:1], {"Articles": ARTICLE_INDEX}, *nav[1:]]
        return self._sections(nav, listed)

    def _sections(self, nav: list[Any], listed: set[str]) -> list[Any]:
        out = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1:
                ((title, target),) = item.items()
                index = target[0] if isinstance(target, list) and target and isinstance(target[0], str) else target
                if isinstance(index, str) and index in self.sections:
                    children = [
                        {html.escape(label): page} for label, page in self.sections[index] if page not in listed
                    ]
                    item = {title: [index, *children]}
                elif isinstance(target, list):
                    item = {title: self._sections(target, listed)}
            out.append(item)
        return out


def _targets(nav: list[Any]) -> set[str]:
    """Every page a navigation (as mkdocs.yml writes it) lists, at any depth."""
    found: set[str] = set()
    for item in nav:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for target in item.values():
                if isinstance(target, list):
                    found |= _targets(target)
                elif isinstance(target, str):
                    found.add(target)
    return found


REFERENCE_ASSETS = ("assets/reference.css",)
"""The reference pages' styles: every page but the articles loads them (see `mkdocs.plugin` for hand-written ones)."""
PICTURE_ASSETS = (*REFERENCE_ASSETS, "assets/pictures.css", "assets/pictures.js")
"""The drawings' styles and script (the timeline's filter, the maps' opening position on a phone), loaded by the
map and timeline pages only, not by every page."""
HOME_ASSETS = ("assets/pictures.css", "assets/home.css")
"""The home page's styles: its small maps take the drawings' styles (not their script, which places the map page's
maps), and its own, which no other page pays for."""


ENTRY_SEARCH_BOOST = 2.0
"""How much higher search ranks the pages of groups, people and places than the others."""


def build_site(
    project: Project,
    base_url: str = "",
    cache: BuildCache | None = None,
    nav: Sequence[PageLink] | None = None,
    repository: Repository | None = None,
) -> Site:
    """Everything generated from the project's inputs.

    Arguments:
        project: where the inputs are.
        base_url: the published site's address, ending in `/`, for the ids of exported data; empty for
            relative ids (a site read from disk).
        cache: what an earlier build in this process read (see `BuildCache`); it is updated for the next one.
        nav: the site's navigation, its top-level pages in order, for the home page's list of reference pages
            (see `render_home`); without it, the home page lists the engine's own.
        repository: where the project's files are kept online (see `repository.find_repository`), for the
            entries' edit and report links; without it, the pages have none.

    Raises:
        AnnotationError: if any input has a problem; it lists all of them.
    """
    ctx, problems = analyse(project, cache)
    if problems or ctx is None:
        raise AnnotationError(problems)
    ctx.site_url = base_url
    ctx.repository = repository
    rendered = render_all(ctx, base_url, nav)
    return Site(
        rendered.pages,
        {"sourcing-table": lambda page: sourcing_table(ctx, page), "provenance": lambda page: provenance(ctx, page)},
        {EXPORT_PATH: export_text(web_annotations(ctx, base_url)), **rendered.files},
        {
            ARTICLE_INDEX: _article_links(ctx, rendered.pages),
            **{
                kind_page(kind): [(entry.label, entry_page(entry.ref)) for entry in ctx.of_kind(kind)]
                for kind, spec in KINDS.items()
                if not spec.one_page and ctx.of_kind(kind)
            },
        },
    )


def _article_links(ctx: Context, pages: Mapping[str, Page]) -> list[tuple[str, str]]:
    """The index of articles' section of the navigation: each article, then its "How it held up" page if it has one."""
    links = []
    for article in ctx.articles:
        links.append((article.title, article_page(article.id)))
        if held_up_page(article.id) in pages:
            links.append((held_up_label(ctx, article), held_up_page(article.id)))
    return links


def problems_site(report: str) -> Site:
    """What a live preview serves while nothing has built yet: a home page with the problems' report."""
    env = environment()
    return Site({HOME_PAGE: finish(env, "The annotations have problems", render_problems(env, report))}, {}, {})


def build_pages(project: Project) -> dict[str, str]:
    """The HTML of every generated page, keyed by path under docs/ (see `build_site`)."""
    return {path: page.html for path, page in build_site(project).pages.items()}


class Rendered(msgspec.Struct, frozen=True):
    """What `render_all` makes: the pages, and the other files they load (keyed by path under docs/)."""

    pages: dict[str, Page]
    files: dict[str, str]


def render_all(ctx: Context, base_url: str = "", nav: Sequence[PageLink] | None = None) -> Rendered:
    """Every generated page of an analysed project, keyed by path under docs/, and the files they load.

    Pages that describe things schema.org has types for carry their JSON-LD. `nav` is the site's navigation, for
    the home page (see `build_site`).
    """
    articles = {a.id: render_article(ctx, a) for a in ctx.articles}
    bodies: dict[str, tuple[str, str]] = {article_page(a.id): (a.title, articles[a.id].body) for a in ctx.articles}
    for article in ctx.articles:
        if claims(ctx, article):
            bodies[held_up_page(article.id)] = (held_up_label(ctx, article), render_held_up(ctx, article))
    bodies[ARTICLE_INDEX] = ("Articles", render_article_index(ctx))
    bodies[kind_page("glossary")] = ("Glossary", render_glossary(ctx))
    bodies[kind_page("groups")] = ("Groups", render_group_index(ctx))
    for entry in ctx.entries_of(Group):
        bodies[entry_page(entry.ref)] = (entry.label, render_group(ctx, entry))
    bodies[kind_page("sources")] = ("Sources", render_sources(ctx))
    for kind in ("people", "places", "figures"):
        bodies[kind_page(kind)] = (KINDS[kind].title, render_entry_list(ctx, kind))
    bodies[MAP_PAGE] = ("Map", render_map_page(ctx))
    bodies[TIMELINE_PAGE] = ("Timeline", render_timeline(ctx))
    bodies[FIELDS_PAGE] = ("Field reference", render_fields(ctx))
    titles = {path: title for path, (title, _) in bodies.items()}
    bodies[HOME_PAGE] = (home_title(ctx), render_home(ctx, titles, nav))
    assets = {MAP_PAGE: PICTURE_ASSETS, TIMELINE_PAGE: PICTURE_ASSETS, HOME_PAGE: HOME_ASSETS}
    assets |= {article_page(a.id): () for a in ctx.articles}
    hide = {path: ("toc",) for path in (HOME_PAGE, *(article_page(a.id) for a in ctx.articles))}
    rights = {article_page(a.id): a.rights for a in ctx.articles}
    # A group, person or place is looked for by its name: its entry comes before the pages that mention it.
    boosted = {entry_page(entry.ref) for entry in ctx.entries_of(Group)} | {kind_page("people"), kind_page("places")}
    pages = {
        path: finish(
            ctx.templates,
            title,
            body,
            page_data(ctx, path, base_url),
            assets.get(path, REFERENCE_ASSETS),
            hide.get(path, ()),
            ENTRY_SEARCH_BOOST if path in boosted else None,
            rights.get(path, ""),
        )
        for path, (title, body) in bodies.items()
    }
    files = {cards_path(key): out.cards for key, out in articles.items() if out.cards is not None}
    return Rendered(pages, files)
