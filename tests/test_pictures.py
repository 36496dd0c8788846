"""The map and timeline pages and the small maps on place cards.

Geometry, label placement and page content in Python; the built pages in Chromium: rendered label boxes,
keyboard, the filter, offline loading, axe-core, and screenshots to look at.
"""

from __future__ import annotations

import itertools
import random
import re
from collections import Counter
from pathlib import Path

import map_geometry  # scripts/tools/, on the test path (pyproject.toml)
import pytest
import shapely
from browser_support import AXE, ROOT, SCREENSHOTS
from playwright.sync_api import Browser, BrowserContext, Page

from annotated_reading.model.records import Group, Person, Place
from annotated_reading.pictures import geo
from annotated_reading.pictures.labels import LabelRequest, Rect, place_labels, text_width
from annotated_reading.pictures.maps import MAP_PAGE, draw_map, inset, split_places
from annotated_reading.pictures.timeline import TIMELINE_PAGE, after, collect_events, padded, publication_date
from annotated_reading.pipeline import Project, analyse, render_all
from annotated_reading.rendering.context import Context
from conftest import CITATION, MakeProject

pytest_plugins = ["browser_support"]  # one Chromium for the whole session (its `browser` fixture)


@pytest.fixture(scope="module")
def ctx() -> Context:
    """The real project, analysed."""
    context, problems = analyse(Project(ROOT))
    assert not problems
    assert context is not None
    return context


@pytest.fixture(scope="module")
def pages(ctx: Context) -> dict[str, str]:
    """The real project's generated pages."""
    return {path: page.html for path, page in render_all(ctx).items()}


# --- Geometry ---------------------------------------------------------------------------------------------------


def test_topojson_decoding_undoes_quantisation_and_reversed_arcs() -> None:
    """Delta-encoded, quantised arcs come back as absolute coordinates; a negative index reverses an arc."""
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, 0], [0, -4]]],
        "objects": {
            "shapes": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "1", "properties": {"name": "A"}, "arcs": [[0, 1]]},
                    {"type": "MultiPolygon", "properties": {"name": "B"}, "arcs": [[[~1, ~0]]]},
                    {"type": "LineString", "arcs": [0]},
                ],
            }
        },
    }
    features = map_geometry.topojson_features(topology, "shapes")
    assert [f["properties"]["name"] for f in features] == ["A", "B"]
    ring = features[0]["geometry"]["coordinates"][0][0]
    assert ring == [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0), (10.0, 21.0), (10.0, 20.0)]
    assert features[1]["geometry"]["coordinates"][0][0] == ring[::-1]


def test_simplify_keeps_the_ends_and_the_corners() -> None:
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, -0.01), (3.0, 0.0), (3.0, 3.0)]
    assert map_geometry.simplify(line, 0.1) == [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0)]
    closed = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert map_geometry.simplify(closed, 0.1) == closed


def test_clip_to_a_box() -> None:
    square = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (-1.0, -1.0)]
    [clipped] = map_geometry.clip([[square]], (0.0, 0.0, 2.0, 2.0))
    assert map_geometry.ring_area(clipped[0]) == pytest.approx(1.0)
    assert map_geometry.clip([[square]], (5.0, 5.0, 6.0, 6.0)) == []


def test_label_point_lies_inside_a_concave_shape() -> None:
    u_shape = [(0.0, 0.0), (3.0, 0.0), (3.0, 3.0), (2.0, 3.0), (2.0, 1.0), (1.0, 1.0), (1.0, 3.0), (0.0, 3.0)]
    point = map_geometry.label_point([[[*u_shape, u_shape[0]]]])
    assert point is not None
    assert shapely.Polygon(u_shape).contains(shapely.Point(point))


def test_projection_keeps_north_up_and_the_view_in_the_drawing() -> None:
    project = geo.Projection((-20.0, 0.0, 20.0, 30.0), 600)
    assert project((-20.0, 30.0)) == pytest.approx((0.0, 0.0))
    assert project((20.0, 0.0)) == pytest.approx((600.0, project.height))
    assert project((0.0, 10.0))[1] > project((0.0, 20.0))[1]


def test_vendored_base_map(ctx: Context) -> None:
    """The extract is small, has the region's countries with name points, and a world layer."""
    path = Project(ROOT).map_data
    assert path.stat().st_size < 200_000
    assert ctx.basemap is not None
    region = {c.name: c for c in ctx.basemap.region.countries}
    for name in ("Mali", "Niger", "Burkina Faso", "Mauritania", "Senegal", "Nigeria"):
        assert name in region
    assert all(geo.in_box(region[n].label, ctx.basemap.region.view) for n in ("Senegal", "Nigeria"))  # type: ignore[arg-type]
    assert len(ctx.basemap.world.countries) > 150


def test_grid_path_steps_from_an_absolute_start_and_drops_what_rounds_away() -> None:
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert map_geometry.grid_path([[square]], 0.5) == "M0 0l2 0 0 2-2 0z"
    tiny = [(0.0, 0.0), (0.01, 0.0), (0.0, 0.01), (0.0, 0.0)]  # one grid point once rounded
    assert map_geometry.grid_path([[tiny], [square]], 1.0) == "M0 0l1 0 0 1-1 0z"


def _grid_points(d: str) -> list[tuple[int, int]]:
    """The absolute grid points of path data made by geo.grid_path."""
    points = []
    for ring in re.findall(r"M([^Mz]+)z", d):
        start, steps = ring.split("l")
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        x, y = (int(n) for n in re.findall(r"-?\d+", start))
        points.append((x, y))
        for dx, dy in zip(numbers[0::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


@pytest.mark.parametrize("which", ["region", "world"])
def test_grid_transform_draws_the_grid_where_the_projection_puts_it(ctx: Context, which: str) -> None:
    """The transform on the land turns every vendored grid point into the point the projection gives."""
    assert ctx.basemap is not None
    layer = getattr(ctx.basemap, which)
    project = geo.Projection(layer.view, 640.0)
    a, _, _, d, e, f = (float(n) for n in re.findall(r"-?[\d.e+-]+", project.grid_transform(layer.unit)))
    country = next(c for c in layer.countries if c.name == "Mali")
    points = _grid_points(country.d)
    assert len(points) > 20
    for x, y in points:
        expected = project((x * layer.unit, y * layer.unit))
        assert (a * x + e, d * y + f) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("which", ["region", "world"])
def test_insets_draw_a_coarser_copy_of_the_same_borders(ctx: Context, which: str) -> None:
    """The small maps' drawing has far fewer points than the map page's, all of them points of the big map."""
    assert ctx.basemap is not None
    layer = getattr(ctx.basemap, which)
    detailed = [point for country in layer.countries for point in _grid_points(country.d)]
    coarse = _grid_points(layer.inset)
    assert len(detailed) / 4 < len(coarse) < len(detailed) / 1.5
    assert set(coarse) <= set(detailed)


def test_vendor_script_reproduces_the_committed_extract(tmp_path: Path) -> None:
    """scripts/vendor_map_data.py, run again on the pinned world-atlas, writes the committed file byte for byte."""
    if not (ROOT / "node_modules" / "world-atlas").is_dir():
        pytest.fail("node_modules/world-atlas is missing: run `npm ci` (make test does)")
    import vendor_map_data  # scripts/tools/, on the test path (pyproject.toml)

    out = tmp_path / "countries.json"
    vendor_map_data.main(["--output", str(out)])
    assert out.read_bytes() == Project(ROOT).map_data.read_bytes()


# --- Label placement --------------------------------------------------------------------------------------------


def _assert_apart(requests: list[LabelRequest], placed: dict[str, Rect], bounds: Rect) -> None:
    markers = {r.key: Rect(r.x - r.radius, r.y - r.radius, r.x + r.radius, r.y + r.radius) for r in requests}
    for (k1, a), (k2, b) in itertools.combinations(placed.items(), 2):
        assert not a.overlaps(b), f"labels {k1} and {k2} overlap: {a} {b}"
    for key, rect in placed.items():
        assert rect.inside(bounds), f"label {key} leaves the drawing"
        for other, marker in markers.items():
            if other != key and marker.x1 > marker.x0:
                assert not rect.overlaps(marker), f"label {key} covers the marker of {other}"


def test_labels_of_a_crowded_cluster_do_not_overlap() -> None:
    """Thirty markers within 150 units: every one is labelled, no label overlaps another label or a marker."""
    rng = random.Random(8)
    requests = []
    for i in range(30):
        name = "".join(rng.choice("abcdefghij ") for _ in range(rng.randint(3, 16))).strip() or "x"
        requests.append(
            LabelRequest(f"m{i}", 250 + rng.uniform(-75, 75), 200 + rng.uniform(-75, 75), text_width(name, 13), 15, 6)
        )
    bounds = Rect(0, 0, 500, 400)
    placed = place_labels(requests, bounds)
    assert set(placed) == {r.key for r in requests}
    _assert_apart(requests, {k: p.rect for k, p in placed.items()}, bounds)
    assert any(p.leader for p in placed.values()), "a cluster this tight needs leader lines"
    for key, p in placed.items():
        if p.leader:
            request = next(r for r in requests if r.key == key)
            x0, y0, x1, y1 = p.leader
            assert (x0 - request.x) ** 2 + (y0 - request.y) ** 2 < (request.radius + 2) ** 2, "leader starts at marker"
            assert p.rect.nearest(x1, y1) == pytest.approx((x1, y1)), "leader ends at the label"


def test_a_label_goes_right_beside_a_lone_marker() -> None:
    placed = place_labels([LabelRequest("a", 100, 100, 40, 15, 5)], Rect(0, 0, 300, 300))
    assert placed["a"].leader is None
    assert placed["a"].rect.x0 == pytest.approx(100 + 5 + 3)


def test_centred_names_that_find_no_room_are_left_out() -> None:
    requests = [LabelRequest("p", 100, 100, 60, 15, 5), LabelRequest("n", 100, 100, 400, 15, centred=True)]
    placed = place_labels(requests, Rect(0, 0, 200, 200))
    assert "p" in placed
    assert "n" not in placed


@pytest.mark.parametrize("layer", ["region", "world"])
def test_real_map_labels_do_not_overlap(ctx: Context, layer: str) -> None:
    """On both real maps, computed boxes of place labels and country names are apart and inside the drawing."""
    region, world, _ = split_places(ctx)
    assert ctx.basemap is not None
    places = region if layer == "region" else world
    base = ctx.basemap.region if layer == "region" else ctx.basemap.world
    drawing = draw_map(MAP_PAGE, base, places, map_id="m", title="t", names=layer == "region")
    assert {m.entry.id for m in places} <= set(drawing.placements)
    requests = [LabelRequest(m.ref.split("/")[1], m.x, m.y, 0, 0, 6) for m in drawing.markers]
    _assert_apart(
        requests, {k: p.rect for k, p in drawing.placements.items()}, Rect(0, 0, drawing.width, drawing.height)
    )


# --- Page content -----------------------------------------------------------------------------------------------

_MARKER = re.compile(r'<a class="pic-marker[^"]*" id="([^"]+)" href="([^"]+)" data-annotation="places/([^"]+)"')


def test_every_place_with_coordinates_has_a_marker_linking_to_its_entry(ctx: Context, pages: dict[str, str]) -> None:
    markers = _MARKER.findall(pages[MAP_PAGE])
    with_coordinates = {e.id for e in ctx.entries_of(Place) if e.data.coordinates}
    assert Counter(m[2] for m in markers) == Counter(with_coordinates)
    for _, href, place in markers:
        assert href == f"places.html#{place}"
        assert f'id="{place}"' in pages["places.md"], f"no entry {place} on the places page"
    region = re.search(r'<svg class="pic-svg" id="map-region".*?</svg>', pages[MAP_PAGE], re.S)
    assert region is not None
    assert 'data-annotation="places/bamako"' in region.group(0)
    assert 'data-annotation="places/syria"' not in region.group(0), "Syria belongs on the world map"
    assert 'class="pic-area"' in region.group(0), "the tri-state border is shaded"
    table = pages[MAP_PAGE].split('id="all-places"')[1]
    for entry in ctx.of_kind("places"):
        assert f'<a href="places.html#{entry.id}">' in table, f"{entry.id} missing from the list of places"


def test_places_without_coordinates_are_listed(make_project: MakeProject) -> None:
    project = make_project(
        {
            "annotations/places/sahel.yml": f"name: Sahel\ntype: region\ndescription: A region.\nsources:\n{CITATION}",
            "annotations/places/mali.yml": "name: Mali\ntype: country\ndescription: A country.\n"
            f"coordinates: {{lat: 17, lon: -4}}\nsources:\n{CITATION}",
        },
        ["The Sahel and Mali."],
    )
    context, problems = analyse(Project(project))
    assert not problems
    assert context is not None
    source = render_all(context)[MAP_PAGE].html
    assert 'data-annotation="places/mali"' in source
    assert 'data-annotation="places/sahel"' not in source
    assert "not mapped (no coordinates)" in source
    assert "Not on the maps, for lack of coordinates: Sahel." in source


def test_place_cards_carry_a_small_map(ctx: Context, pages: dict[str, str]) -> None:
    article = pages["articles/west-africa-alliance.md"]
    cards = re.findall(r'<div class="ann-card ann-card-places" id="card-places-([^"]+)".*?</div>', article, re.S)
    assert cards
    macro = ctx.templates.get_template("pictures.html.jinja").module.inset  # type: ignore[attr-defined]
    for place in cards:
        view = inset(ctx, "articles/west-africa-alliance.md", ctx.by_ref[f"places/{place}"])
        assert view is not None
        snippet = str(macro(view))
        assert snippet in article
        assert len(snippet) < 2000, f"the inset of {place} is {len(snippet)} bytes"
        assert re.search(r'<use href="#pic-base-(region|world)"/>', snippet)
    assert article.count('<svg class="pic-defs"') == 1, "the base drawings are shared, once per page"


def _dated_fields(ctx: Context) -> Counter[tuple[str, str]]:
    """(entry, date) of every dated field the issue lists, counted independently of timeline.py."""
    found: Counter[tuple[str, str]] = Counter()
    for entry in ctx.entries:
        data = entry.data
        items = list(data.since_publication)
        if isinstance(data, Group):
            items += [*data.timeline, *([data.founded] if data.founded else [])]
            found.update((entry.ref, d) for leader in data.leaders for d in (leader.start, leader.to) if d)
        found.update((entry.ref, i.date) for i in items)
        if isinstance(data, Person):
            found.update((entry.ref, d) for role in data.roles for d in (role.start, role.to) if d)
            found.update((entry.ref, d) for d in (data.born, data.died) if d)
    return found


_EVENT = re.compile(
    r'<li class="(pic-event[^"]*)"(?: id="[^"]*")? data-groups="([^"]*)"(?: data-ref="([^"]+)")?>'
    r'<p class="pic-when"><time datetime="([^"]+)">.*?</li>',
    re.S,
)


def test_every_dated_event_is_on_the_timeline_in_date_order(ctx: Context, pages: dict[str, str]) -> None:
    source = pages[TIMELINE_PAGE]
    events = _EVENT.findall(source)
    shown = Counter((ref, date) for _, _, ref, date in events if ref)
    assert shown == _dated_fields(ctx)
    reference = publication_date(ctx)
    keys = []
    for classes, _, ref, date in events:
        key = padded(date)
        if after(date, reference):
            assert "pic-since" in classes, f"{ref} {date} is later than the article"
        elif "pic-since" in classes:
            # A since-publication note dated only by the article's year or month: after the article.
            assert reference.startswith(date), f"{ref} {date}: marked as later context, dated before the article"
            key = padded(reference) + "~"
        keys.append(key)
    assert keys == sorted(keys)
    article = [e for e in events if "pic-article" in e[0]]
    assert len(article) == len(ctx.articles)
    assert article[0][3] == reference


def test_every_event_shows_date_entry_and_citations(ctx: Context, pages: dict[str, str]) -> None:
    items = re.findall(r'<li class="pic-event[^"]*"[^>]*>.*?</li>', pages[TIMELINE_PAGE], re.S)
    assert len(items) == len(collect_events(ctx))
    for item in items:
        assert "<time datetime=" in item
        if "pic-article" in item:
            assert 'href="articles/west-africa-alliance.html"' in item
            continue
        assert re.search(r'<a class="pic-entry" href="[^"]+\.html(#[a-z0-9-]+)?">', item), item[:200]
        assert re.search(r'<p class="pic-cite">Sources: <a href="https?://', item), item[:200]
        if "pic-since" in item:
            assert '<span class="pic-badge">Since publication</span>' in item


def test_filter_offers_the_groups_with_events(ctx: Context, pages: dict[str, str]) -> None:
    source = pages[TIMELINE_PAGE]
    assert '<form class="pic-filter" hidden>' in source, "hidden until the script shows it"
    offered = re.findall(r'name="pic-group" value="([a-z0-9-]*)"', source)
    assert offered[0] == ""
    assert set(offered[1:]) == {g.id for g in ctx.of_kind("groups")}
    for group in offered[1:]:
        assert re.search(rf'data-groups="[^"]*\b{group}\b', source)


# --- In the browser ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def chromium(browser: Browser) -> Browser:
    """The session's shared headless Chromium (from browser_support: only one synchronous Playwright may run)."""
    return browser


class _Watched:
    """A browser context that refuses and records requests off the machine, and records script errors."""

    def __init__(self, browser: Browser, **options: object) -> None:
        self.context: BrowserContext = browser.new_context(**options)
        self.problems: list[str] = []
        self.context.route(re.compile(r"^(?!(file|data|blob|about):)"), self._refuse)
        self.context.on("page", self._watch)

    def _refuse(self, route: object) -> None:
        self.problems.append(f"request off the machine: {route.request.url}")  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]

    def _watch(self, page: Page) -> None:
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def page(self, url: str) -> Page:
        page = self.context.new_page()
        page.goto(url)
        return page

    def close(self) -> list[str]:
        self.context.close()
        return self.problems


_LABEL_BOXES = """svg => {
    const box = el => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
    const owner = el => (el.closest('a') || {}).id || '';
    return {
        labels: [...svg.querySelectorAll('.pic-label, .pic-country-names text')]
            .map(t => [t.textContent, owner(t), box(t)]),
        dots: [...svg.querySelectorAll('.pic-dot')].map(d => [owner(d), box(d)]),
    };
}"""


def test_labels_do_not_overlap_as_rendered(chromium: Browser, built: Path) -> None:
    """getBBox() of every rendered label and country name: no two overlap, and no label covers another's marker."""
    watched = _Watched(chromium, viewport={"width": 1280, "height": 900})
    page = watched.page((built / "map.html").as_uri())
    for svg in ("#map-region", "#map-world"):
        boxes = page.locator(svg).evaluate(_LABEL_BOXES)
        labels = boxes["labels"]
        assert len(labels) >= 10
        for (t1, _, a), (t2, _, b) in itertools.combinations(labels, 2):
            assert not Rect(*a).overlaps(Rect(*b)), f"{svg}: '{t1}' and '{t2}' overlap"
        for text, owner, a in labels:
            for marker, b in boxes["dots"]:
                if marker != owner:
                    assert not Rect(*a).overlaps(Rect(*b)), f"{svg}: '{text}' covers the marker {marker}"
    assert watched.close() == []


@pytest.mark.parametrize(("width", "narrow"), [(375, True), (1280, False)])
def test_a_map_wider_than_the_screen_says_it_scrolls(chromium: Browser, built: Path, width: int, narrow: bool) -> None:
    """On a phone the maps keep a readable size, scroll sideways, and say so above them; on a desktop they fit."""
    watched = _Watched(chromium, viewport={"width": width, "height": 800})
    page = watched.page((built / "map.html").as_uri())
    for figure in page.locator("figure.pic-map").all():
        scroll = figure.locator(".pic-scroll")
        overflows = scroll.evaluate("e => e.scrollWidth > e.clientWidth + 1")
        assert overflows is narrow
        assert figure.locator(".pic-scroll-hint").is_visible() is narrow
        if narrow:
            # It opens centred on its markers, which lie within the visible part.
            assert scroll.evaluate(_MARKERS_CENTRED) < 40
    assert watched.close() == []


_MARKERS_CENTRED = """frame => {
    const f = frame.getBoundingClientRect(), m = frame.querySelector('.pic-markers').getBoundingClientRect();
    return Math.abs((m.left + m.width / 2) - (f.left + f.width / 2));
}"""


def test_a_link_to_a_marker_shows_it_on_a_phone(chromium: Browser, built: Path) -> None:
    """An inset's link to its marker shows the marker on a phone, even one the opening position leaves out."""
    watched = _Watched(chromium, viewport={"width": 375, "height": 800})
    page = watched.page((built / "map.html").as_uri())
    hidden = page.locator("#map-region").evaluate(_MARKERS_OUT_OF_VIEW)
    assert hidden, "every marker is in view: pick a narrower screen for this test"
    linked = watched.page((built / "map.html").as_uri() + "#" + hidden[0])  # a new page, as from a card
    assert hidden[0] not in linked.locator("#map-region").evaluate(_MARKERS_OUT_OF_VIEW)
    assert watched.close() == []


_MARKERS_OUT_OF_VIEW = """svg => {
    const f = svg.parentElement.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('a.pic-marker')).filter(a => {
        const c = a.querySelector('circle').getBoundingClientRect();
        return c.left < f.left || c.right > f.right;
    }).map(a => a.id);
}"""


def test_markers_are_keyboard_links_with_names(chromium: Browser, built: Path, ctx: Context) -> None:
    watched = _Watched(chromium, viewport={"width": 1280, "height": 900})
    page = watched.page((built / "map.html").as_uri())
    markers = page.locator("a.pic-marker")
    assert markers.count() == sum(1 for e in ctx.entries_of(Place) if e.data.coordinates)
    names = markers.evaluate_all("els => els.map(a => a.getAttribute('aria-label'))")
    assert all(re.fullmatch(r".+ \((country|city|region|border area|site|continent)\)", n) for n in names)
    page.locator("#map-region").scroll_into_view_if_needed()
    page.locator(".pic-scroll").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('class')")
    assert focused is not None
    assert "pic-marker" in focused
    ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('.pic-focus')).stroke")
    assert ring not in ("none", ""), "a focused marker shows a ring"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"places\.html#"))
    assert page.url.endswith(href)
    assert page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    assert watched.close() == []


def test_timeline_filter(chromium: Browser, built: Path) -> None:
    """With JS the filter narrows the events to one group and back; without it, every event shows."""
    watched = _Watched(chromium, viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = watched.page((built / "timeline.html").as_uri())
    events = page.locator(".pic-event")
    total = events.count()
    assert page.locator("form.pic-filter").is_visible()
    page.get_by_role("radio", name=re.compile(r"^JNIM")).check()
    visible = page.locator(".pic-event:visible")
    groups = visible.evaluate_all(
        "els => els.map(e => e.dataset.groups + (e.classList.contains('pic-article') ? ' *' : ''))"
    )
    assert groups
    assert all(" jnim " in f" {g} " or g.endswith("*") for g in groups)
    label = page.get_by_role("radio", name=re.compile(r"^JNIM")).evaluate("i => i.parentNode.textContent")
    count = int(re.search(r"\((\d+)\)", label).group(1))  # type: ignore[union-attr]
    assert len(groups) == count + 1, "the group's events and the article"
    assert "Showing" in page.locator(".pic-count").inner_text()
    assert page.locator("h2.pic-year:visible").count() < page.locator("h2.pic-year").count()
    page.get_by_role("radio", name=re.compile(r"^All events")).check()
    assert page.locator(".pic-event:visible").count() == total
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375, "no sideways scrolling on a phone"
    assert watched.close() == []

    plain = _Watched(chromium, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = plain.page((built / "timeline.html").as_uri())
    assert page.locator(".pic-event:visible").count() == total
    assert not page.locator("form.pic-filter").is_visible()
    assert plain.close() == []


@pytest.mark.parametrize("name", ["map.html", "timeline.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe_offline_and_look_right(chromium: Browser, built: Path, name: str, scheme: str) -> None:
    """From file://: no request off the machine, no console error, no serious axe-core violation.

    Screenshots at 375 and 1280 px go to tests/screenshots/ for a person to look at.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, options in ((1280, {}), (375, {"has_touch": True, "is_mobile": True})):
        watched = _Watched(chromium, viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
        page = watched.page((built / name).as_uri())
        shot = SCREENSHOTS / f"pictures-{name[:-5]}-{width}-{scheme}.png"
        if name == "map.html":
            page.screenshot(path=str(shot), full_page=True)
        else:  # the whole timeline is too tall to look at: its top, and the article's place in it
            page.screenshot(path=str(shot))
            page.locator(".pic-article").first.scroll_into_view_if_needed()
            page.screenshot(path=str(shot.with_name(shot.stem + "-article.png")))
        if width == 375:
            assert page.evaluate("document.scrollingElement.scrollWidth") <= 375, "no sideways page scrolling"
        if width == 1280:
            assert AXE.is_file(), "run npm ci (make test does)"
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
            )
            assert violations == []
        assert watched.close() == []


def test_place_card_shows_its_small_map(chromium: Browser, built: Path) -> None:
    watched = _Watched(chromium, viewport={"width": 1280, "height": 900})
    page = watched.page((built / "articles" / "west-africa-alliance.html").as_uri())
    mention = page.locator('.ann-article a.ann[data-annotation="places/tri-state-border"]').first
    mention.scroll_into_view_if_needed()
    mention.focus()
    card = page.locator("#card-places-tri-state-border")
    card.wait_for(state="visible")
    drawing = card.locator("svg.pic-inset")
    box = drawing.bounding_box()
    assert box is not None
    assert 100 < box["width"] < 260
    assert box["height"] > 60
    painted = drawing.locator("use").evaluate("u => u.getBBox().width")
    assert painted > 100, "the shared base drawing shows through <use>"
    SCREENSHOTS.mkdir(exist_ok=True)
    card.screenshot(path=str(SCREENSHOTS / "pictures-card-1280-light.png"))
    assert watched.close() == []
