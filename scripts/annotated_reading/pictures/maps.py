"""The map page (a detail map of the region, a world overview, a table of places) and the small maps on place cards.

Drawn at build time as inline SVG from the vendored Natural Earth extract (`geo.read_basemap`) by the templates
in `pictures.html.jinja` and `map.html.jinja`; this module works out what they draw, in drawing units. Colours
come from docs/assets/pictures.css through classes, so that they follow the light and dark schemes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import msgspec

from annotated_reading.model.entries import Entry
from annotated_reading.model.records import Place
from annotated_reading.pictures import geo
from annotated_reading.pictures.labels import LabelRequest, Placement, Rect, place_labels, text_width
from annotated_reading.rendering.context import AnyEntry, Context
from annotated_reading.rendering.links import entry_page, relative
from annotated_reading.rendering.templates import render

MAP_PAGE = "map.md"
WIDTH = 640.0
"""Width of both maps in SVG units, about their width on a desktop screen in CSS pixels, so that text sizes
in units read as pixel sizes; the height follows from the projection."""
LABEL_SIZE = 13.0
COUNTRY_SIZE = 10.0
MARKER_RADIUS = 5.0
PLACE_TYPES = {
    "country": "country",
    "city": "city",
    "region": "region",
    "border-area": "border area",
    "site": "site",
    "continent": "continent",
}
SHAPES = {
    "city": "dot",
    "site": "dot",
    "country": "square",
    "region": "ring",
    "border-area": "ring",
    "continent": "ring",
}
"""How a marker shows the kind of place: a dot, a square or a ring."""
_WORLD_NAMES = {"United States of America": "United States"}
"""Natural Earth names that differ from the ones annotations use."""


class Marked(msgspec.Struct, frozen=True):
    """A place drawn on a map."""

    entry: Entry[Place]
    point: geo.Point
    label: str
    """The text beside the marker: the name without any parenthesis."""


def short_name(name: str) -> str:
    """A place's map label: its name without a parenthetical, e.g. `Tri-state border`."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name


def _point(place: Place) -> geo.Point | None:
    point = place.coordinates
    return (point.lon, point.lat) if point else None


def split_places(ctx: Context) -> tuple[list[Marked], list[Marked], list[Entry[Place]]]:
    """Places for the detail map, for the world map, and those without coordinates."""
    region: list[Marked] = []
    world: list[Marked] = []
    unmapped: list[Entry[Place]] = []
    view = ctx.basemap.region.view if ctx.basemap else None
    for entry in ctx.entries_of(Place):
        point = _point(entry.data)
        if point is None:
            unmapped.append(entry)
            continue
        marked = Marked(entry, point, short_name(entry.label))
        (region if view and geo.in_box(point, view) else world).append(marked)
    return region, world, unmapped


# --- One map --------------------------------------------------------------------------------------------------


class Marker(msgspec.Struct, frozen=True):
    """A place's marker: a link to its entry, its shape, and its label with a leader line if displaced."""

    id: str
    """The element id, `<map id>-<place id>`."""
    ref: str
    href: str
    type: str
    """The place's type, e.g. `border-area`."""
    name: str
    """The marker's accessible name: the place and its type."""
    shape: str
    """`dot`, `square` or `ring`."""
    x: float
    y: float
    label: str
    rect: Rect
    """Where the label went."""
    leader: tuple[float, float, float, float] | None


class Land(msgspec.Struct, frozen=True):
    """A base-map layer as drawn: its countries' path data on the vendored grid, and the grid's projection."""

    transform: str
    countries: tuple[tuple[str, bool], ...]
    """Each country's path data, and whether the article mentions it (it is then shaded)."""


class DetailBox(msgspec.Struct, frozen=True):
    """The outline of the detail map's area on the world map, linking to the detail map."""

    x: float
    y: float
    width: float
    height: float
    href: str
    label: str


class MapDrawing(msgspec.Struct, frozen=True):
    """What one map draws, in drawing units (see the `map_svg` macro in `pictures.html.jinja`)."""

    id: str
    title: str
    """The drawing's accessible name."""
    width: float
    height: float
    land: Land | None
    areas: tuple[tuple[str, str], ...]
    """Shaded outlines: path data and the place's name."""
    detail: DetailBox | None
    country_names: tuple[tuple[float, float, str], ...]
    """Names of countries the article does not mention: where each is written, and the text."""
    markers: tuple[Marker, ...]
    placements: dict[str, Placement]
    """Where every label went, by place id (and `country:<name>` for country names): for tests."""
    marker_radius: float = MARKER_RADIUS
    label_size: float = LABEL_SIZE


def _label_request(key: str, x: float, y: float, text: str) -> LabelRequest:
    return LabelRequest(key, x, y, text_width(text, LABEL_SIZE, bold=True) + 2, LABEL_SIZE * 1.2, MARKER_RADIUS + 1)


def _crowding(items: Sequence[tuple[str, float, float]]) -> dict[str, int]:
    return {key: sum(1 for _, x2, y2 in items if math.hypot(x - x2, y - y2) < 90) for key, x, y in items}


def draw_map(
    page: str,
    layer: geo.Layer | None,
    places: Sequence[Marked],
    *,
    map_id: str,
    title: str,
    areas: Sequence[Entry[Place]] = (),
    names: bool = False,
    inset_box: tuple[geo.Box, str, str] | None = None,
    view: geo.Box | None = None,
    width: float = WIDTH,
) -> MapDrawing:
    """One map: countries, shaded areas, country names, and a labelled link per place.

    Arguments:
        page: the page the map goes on (links are relative to it).
        layer: the base map, or None to draw the places alone on a plain ground.
        places: the places to mark.
        map_id: the drawing's element id; markers get ids `<map_id>-<place id>`.
        title: the accessible name of the drawing.
        areas: places whose outline is shaded.
        names: whether to write the names of countries that are not themselves marked.
        inset_box: a box to outline (e.g. the detail map's area on the world map), its link and its label.
        view: the area drawn; default, the layer's.
        width: the drawing's width in units, about its width on screen in CSS pixels (text sizes are in units).
    """
    area = view or (layer.view if layer else (-180.0, -60.0, 180.0, 85.0))
    project = geo.Projection(area, width)
    height = round(project.height, 1)
    bounds = Rect(2, 2, width - 2, height - 2)
    marked_names = {m.entry.label for m in places if m.entry.data.type == "country"}
    land = None
    if layer is not None:
        countries = tuple((c.d, _WORLD_NAMES.get(c.name, c.name) in marked_names) for c in layer.countries)
        # The shapes are on the vendored grid; the group's transform projects them (see geo.grid_transform).
        land = Land(project.grid_transform(layer.unit), countries)
    shaded = []
    for entry in areas:
        outline = [(p.lon, p.lat) for p in entry.data.outline]
        if outline:
            shaded.append((geo.svg_path([[outline]], project), entry.label))
    obstacles: list[Rect] = []
    detail = None
    if inset_box is not None:
        box, href, label = inset_box
        (x0, y0), (x1, y1) = project((box[0], box[3])), project((box[2], box[1]))
        detail = DetailBox(x0, y0, x1 - x0, y1 - y0, href, label)
        obstacles += [Rect(x0 - 1, y0 - 1, x1 + 1, y0 + 1), Rect(x0 - 1, y1 - 1, x1 + 1, y1 + 1)]
    # Most crowded first: the markers with neighbours need the first pick of positions.
    located = [(m.entry.id, *project(m.point)) for m in places]
    crowd = _crowding(located)
    order = sorted(places, key=lambda m: (-crowd[m.entry.id], m.entry.id))
    requests = [_label_request(m.entry.id, *project(m.point), m.label) for m in order]
    country_names: list[tuple[str, float, float, str]] = []
    if names and layer is not None:
        for country in layer.countries:
            shown = _WORLD_NAMES.get(country.name, country.name)
            if country.label is None or shown in marked_names or not geo.in_box(country.label, area):
                continue
            x, y = project(country.label)
            country_names.append((f"country:{country.name}", x, y, shown.upper()))
    requests += [
        LabelRequest(key, x, y, text_width(text, COUNTRY_SIZE, spacing=0.06) + 2, COUNTRY_SIZE * 1.2, centred=True)
        for key, x, y, text in country_names
    ]
    placements = place_labels(requests, bounds, obstacles)
    written = tuple(
        ((placements[key].rect.x0 + placements[key].rect.x1) / 2, placements[key].rect.y0 + COUNTRY_SIZE * 0.95, text)
        for key, _, _, text in country_names
        if key in placements
    )
    markers = []
    for m in sorted(places, key=lambda m: (project(m.point)[1], m.entry.id)):
        x, y = project(m.point)
        placement = placements[m.entry.id]
        kind = m.entry.data.type
        markers.append(
            Marker(
                f"{map_id}-{m.entry.id}",
                m.entry.ref,
                relative(page, entry_page(m.entry.ref)),
                kind,
                f"{m.entry.label} ({PLACE_TYPES.get(kind, kind)})",
                SHAPES.get(kind, "dot"),
                x,
                y,
                m.label,
                placement.rect,
                placement.leader,
            )
        )
    return MapDrawing(map_id, title, width, height, land, tuple(shaded), detail, written, tuple(markers), placements)


# --- The map page -----------------------------------------------------------------------------------------------


class MapFigure(msgspec.Struct, frozen=True):
    """A map on the map page, with its heading and caption."""

    anchor: str
    heading: str
    drawing: MapDrawing
    name: str
    """What the scrolling region is called for screen readers."""
    cls: str
    caption: str
    """Plain text, or empty when the legend is the caption."""
    legend: str | None
    """For the detail map: the names of the shaded areas (the legend is its caption); None for the others."""


class PlaceRow(msgspec.Struct, frozen=True):
    """A place in the table below the maps."""

    entry: Entry[Place]
    href: str
    type: str
    point: geo.Point | None
    marker: str
    """The id of its marker, or empty if it is not on a map."""
    map_name: str
    """Which map it is on ("detail map", "world map", "map"), or empty."""


def render_map_page(ctx: Context) -> str:
    """The map page's body: the region in detail, the world, and every place as a table."""
    page = MAP_PAGE
    basemap = ctx.basemap
    region, world, unmapped = split_places(ctx)
    mention = "the articles mention" if len(ctx.articles) > 1 else "the article mentions"
    figures: list[MapFigure] = []
    if basemap is None:
        # Without country shapes the places are still drawn, by their coordinates, on one plain map.
        drawing = draw_map(page, None, world, map_id="map-world", title=f"Map of {_places(len(world))}")
        caption = "Each marker stands at the place's coordinates."
        figures.append(
            MapFigure("world", "Places by their coordinates", drawing, "Map", "pic-map-world", caption, None)
        )
    else:
        name = basemap.region.name
        areas = [e for e in ctx.entries_of(Place) if e.data.type == "border-area" and e.data.outline]
        detail = draw_map(
            page,
            basemap.region,
            region,
            map_id="map-region",
            title=f"Map of {name}, with {_places(len(region))} {mention}",
            areas=areas,
            names=True,
        )
        overview = draw_map(
            page,
            basemap.world,
            world,
            map_id="map-world",
            title=f"World map, with {_places(len(world))} {mention} outside {name}",
            inset_box=(basemap.region.view, "#region", f"{name}: the detail map above"),
        )
        shaded = "; ".join(e.label for e in areas)
        figures.append(MapFigure("region", name, detail, name, "pic-map-region", "", shaded))
        caption = "Places outside the detail map. The outlined box is the area of the detail map."
        figures.append(
            MapFigure("world", "Elsewhere in the world", overview, "World map", "pic-map-world", caption, None)
        )
    where = {m.entry.id: ("map-region", "detail map", m.point) for m in region}
    where |= {m.entry.id: ("map-world", "world map" if basemap else "map", m.point) for m in world}
    rows = []
    for entry in ctx.entries_of(Place):
        map_id, map_name, point = where.get(entry.id, ("", "", None))
        rows.append(
            PlaceRow(
                entry,
                relative(page, entry_page(entry.ref)),
                PLACE_TYPES.get(entry.data.type, entry.data.type),
                point,
                f"{map_id}-{entry.id}" if map_id else "",
                map_name,
            )
        )
    return render(
        ctx.templates,
        "map.html.jinja",
        page,
        ctx.markup(page),
        figures=figures,
        rows=rows,
        on_maps=_places(len(where)),
        unmapped=unmapped,
        credit=basemap is not None,
        mention=mention,
    )


def _places(count: int) -> str:
    return f"{count} place" if count == 1 else f"{count} places"


# --- An article's map on the home page ---------------------------------------------------------------------

ARTICLE_MAP_WIDTH = 320.0
"""Width of an article's map on the home page in SVG units, about its widest on screen in CSS pixels (see WIDTH)."""
AREA_TYPES = frozenset({"region", "continent"})
"""Places too wide for a marker to say where they are: an article's small map names them instead."""
_MARGIN = (3.0, 4.5)
"""Least room, in degrees of longitude and latitude, that an article's small map leaves around its places."""
_ASPECT = 1.4
"""Least width of an article's small map, in heights."""


class ArticleMap(msgspec.Struct, frozen=True):
    """The small map that introduces an article on the home page, and the places it names instead of drawing."""

    drawing: MapDrawing
    href: str
    """The map page, from the home page."""
    others: tuple[str, ...]
    """The names of the article's places it leaves to the map page: wide areas (regions, continents), places
    outside the drawing's region, places without coordinates."""


def article_map(ctx: Context, page: str, article_id: str) -> ArticleMap | None:
    """The places one article mentions, drawn small around them (None if none of them can be marked).

    The land is the coarse outline the place cards use, so that the drawing stays a few kilobytes; wide areas and
    places far from the region are left to the map page rather than crowding it. Without the base map, the places
    stand on a plain ground.
    """
    mentioned = {span.ref for span in ctx.spans_in(article_id) if span.statement is None}
    region = ctx.basemap.region if ctx.basemap is not None else None
    near: list[Marked] = []
    others: list[str] = []
    for entry in ctx.entries_of(Place):
        if entry.ref not in mentioned:
            continue
        point = _point(entry.data)
        if point is None or entry.data.type in AREA_TYPES or (region and not geo.in_box(point, region.view)):
            others.append(entry.label)
        else:
            near.append(Marked(entry, point, short_name(entry.label)))
    if not near:
        return None
    shaded = [m.entry for m in near if m.entry.data.type == "border-area" and m.entry.data.outline]
    outlines = [(p.lon, p.lat) for e in shaded for p in e.data.outline]
    west, south, east, north = geo.bbox_of([*(m.point for m in near), *outlines])
    south, north = south - _MARGIN[1], north + _MARGIN[1]
    # At least as wide as _ASPECT times its height once drawn: a few places close together still make a map.
    stretch = math.cos(math.radians((south + north) / 2))
    half = max((east - west) / 2 + _MARGIN[0], (north - south) * _ASPECT / stretch / 2)
    middle = (west + east) / 2
    view = (middle - half, south, middle + half, north)
    layer = None
    if region is not None:
        bounds = region.view
        view = (max(view[0], bounds[0]), max(view[1], bounds[1]), min(view[2], bounds[2]), min(view[3], bounds[3]))
        layer = geo.Layer(region.name, region.view, region.unit, [geo.Country("", "", region.inset, None)])
    drawing = draw_map(
        page,
        layer,
        near,
        map_id=f"map-{article_id}",
        title=f"Map of {_places(len(near))} the article mentions",
        areas=shaded,
        view=view,
        width=ARTICLE_MAP_WIDTH,
    )
    return ArticleMap(drawing, relative(page, MAP_PAGE), tuple(others))


# --- Small maps on place cards -------------------------------------------------------------------------------

INSET_IDS = {"region": "pic-base-region", "world": "pic-base-world"}
_WORLD_WINDOW = (70.0, 40.0)
"""Least width and height, in degrees, of the part of the world an inset shows around a place."""


class InsetLayer(msgspec.Struct, frozen=True):
    """A drawing the small maps of a page share (defined once, used by each): a whole layer, coarsely."""

    id: str
    transform: str
    d: str


class InsetView(msgspec.Struct, frozen=True):
    """A small map with a place marked, linking to its marker on the map page."""

    href: str
    label: str
    layer: str
    """The id of the shared drawing it shows (see `InsetLayer`)."""
    view: tuple[float, float, float, float]
    """x, y, width and height of the part shown, in the map page's drawing units."""
    area: str
    """The place's outline as path data, or empty."""
    x: float
    y: float
    r: float
    stroke: float


def _which(ctx: Context, place: Place) -> str | None:
    point = _point(place)
    if point is None or ctx.basemap is None:
        return None
    return "region" if geo.in_box(point, ctx.basemap.region.view) else "world"


def inset_layers(ctx: Context, entries: Iterable[AnyEntry]) -> list[InsetLayer]:
    """The shared drawings that the small maps of these entries use, once per page (none if none is needed)."""
    needed = {_which(ctx, e.data) for e in entries if isinstance(e.data, Place)} - {None}
    if ctx.basemap is None:
        return []
    layers = {"region": ctx.basemap.region, "world": ctx.basemap.world}
    return [
        InsetLayer(
            INSET_IDS[name],
            geo.Projection(layers[name].view, WIDTH).grid_transform(layers[name].unit),
            layers[name].inset,
        )
        for name in sorted(n for n in needed if n is not None)
    ]


def inset(ctx: Context, page: str, entry: AnyEntry) -> InsetView | None:
    """A small map with the place marked, linking to its marker on the map page (None without coordinates)."""
    place = entry.data
    if not isinstance(place, Place) or ctx.basemap is None:
        return None
    which = _which(ctx, place)
    point = _point(place)
    if which is None or point is None:
        return None
    layer = ctx.basemap.region if which == "region" else ctx.basemap.world
    project = geo.Projection(layer.view, WIDTH)
    outline = [(p.lon, p.lat) for p in place.outline]
    if which == "region":
        x0, y0, w, h = 0.0, 0.0, WIDTH, project.height
    else:
        west, south, east, north = geo.bbox_of([*outline, point])
        half_w = max((east - west) / 2 + 8, _WORLD_WINDOW[0] / 2)
        half_h = max((north - south) / 2 + 6, _WORLD_WINDOW[1] / 2, half_w * 0.5)
        half_w = max(half_w, half_h * 1.6)
        cx, cy = (west + east) / 2, (south + north) / 2
        (ax, ay), (bx, by) = project((cx - half_w, cy + half_h)), project((cx + half_w, cy - half_h))
        x0, y0, w, h = ax, ay, bx - ax, by - ay
    scale = w / WIDTH
    x, y = project(point)
    map_id = "map-region" if which == "region" else "map-world"
    return InsetView(
        relative(page, f"{MAP_PAGE}#{map_id}-{entry.id}"),
        f"{entry.label} on the map",
        INSET_IDS[which],
        (x0, y0, w, h),
        geo.svg_path([[outline]], project) if outline else "",
        x,
        y,
        14 * scale,
        5 * scale,
    )
