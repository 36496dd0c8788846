"""The map page (a detail map of the region, a world overview, a list of places) and the small map on place cards.

Drawn at build time as inline SVG from the vendored Natural Earth extract (`geo.read_basemap`), styled by
docs/assets/pictures.css through classes, so the colours follow Material's light and dark schemes.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from annotated_reading.model.kinds import Entry
from annotated_reading.pictures import geo
from annotated_reading.rendering import markup, page_html
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.links import entry_page, relative

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
_SHAPES = {
    "city": "dot",
    "site": "dot",
    "country": "square",
    "region": "ring",
    "border-area": "ring",
    "continent": "ring",
}
_WORLD_NAMES = {"United States of America": "United States"}
"""Natural Earth names that differ from the ones annotations use."""


# --- Label placement ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box in drawing units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Rect, pad: float = 0.0) -> bool:
        """Whether the two boxes overlap (or come closer than `pad`)."""
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )

    def inside(self, other: Rect) -> bool:
        """Whether this box lies entirely within `other`."""
        return self.x0 >= other.x0 and self.y0 >= other.y0 and self.x1 <= other.x1 and self.y1 <= other.y1

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of the box nearest to (x, y)."""
        return (min(max(x, self.x0), self.x1), min(max(y, self.y0), self.y1))


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: next to a marker of radius `radius` at (x, y), or centred on (x, y) if `centred`."""

    key: str
    x: float
    y: float
    width: float
    height: float
    radius: float = 0.0
    centred: bool = False


@dataclass(frozen=True)
class Placement:
    """Where a label went; `leader` is the line from the marker to a displaced label, if any."""

    rect: Rect
    leader: tuple[float, float, float, float] | None


_PAD = 2.0
"""Clear space kept between labels, markers and leader lines."""
_CLEARANCE = 5.0
"""Extra space a label keeps from other markers, so that it reads as belonging to its own."""
_GAP = 3.0
"""Space between a marker and a label set right beside it."""
_RINGS = (0.0, 10.0, 22.0, 36.0, 54.0, 76.0, 102.0, 132.0)
"""How far from the marker each ring of candidate positions lies; beyond the first, a leader line is drawn."""
_ANGLES = (0, 180, -45, 45, -135, 135, -90, 90, -22.5, 22.5, -157.5, 157.5, -67.5, 67.5, -112.5, 112.5)
"""Directions tried on each ring, in order of preference: right, left, the diagonals, above, below, between."""
_DIRECTIONS = tuple((math.cos(math.radians(angle)), math.sin(math.radians(angle))) for angle in _ANGLES)
_NUDGES = ((0, 0), (0, -8), (0, 8), (-12, 0), (12, 0), (-10, -10), (10, 10), (-10, 10), (10, -10), (0, -16), (0, 16))
"""Offsets tried for a centred label (a country's name) before it is left out."""


def place_labels(
    requests: Sequence[LabelRequest], bounds: Rect, obstacles: Iterable[Rect] = ()
) -> dict[str, Placement]:
    """Place labels so that none overlaps another label, a marker, a leader line's path or an obstacle.

    Each label goes beside its marker if there is room, else further out with a leader line that crosses no label
    or marker. Labels are placed greedily in the order given; then each displaced label in turn is tried first,
    and the new arrangement kept if its labels sit closer to their markers overall. A centred label (a country's
    name) that finds no room is left out of the result; a marker label that finds none takes the candidate with
    the least overlap, so that no place goes unnamed.

    Arguments:
        requests: the labels, most important (or most crowded) first.
        bounds: the drawing; labels stay inside it.
        obstacles: boxes to keep clear of besides the markers, e.g. text already drawn.
    """
    fixed = list(obstacles)
    near = _surroundings(requests)
    best, cost = _greedy(requests, bounds, fixed, near)
    tried: set[str] = set()
    while True:
        displaced = sorted(
            (k for k, p in best.items() if p.leader and k not in tried), key=lambda k: -_leader_length(best[k])
        )
        if not displaced:
            return best
        key = displaced[0]
        tried.add(key)
        order = sorted(requests, key=lambda r: r.key != key)
        placed, new_cost = _greedy(order, bounds, fixed, near, cost)
        if new_cost < cost:
            best, cost = placed, new_cost


def _leader_length(placement: Placement) -> float:
    if placement.leader is None:
        return 0.0
    x0, y0, x1, y1 = placement.leader
    return math.hypot(x1 - x0, y1 - y0)


@dataclass(frozen=True)
class _Surroundings:
    """What lies near one label whatever the order of placing: the markers its candidates must keep clear of."""

    area: Rect
    """Every candidate box and leader line of the label lies within it."""
    blocking: tuple[tuple[float, float, Rect], ...]
    """Boxes a candidate must not overlap, each with its right and bottom edge plus the padding."""
    crossing: tuple[Rect, ...]
    """Markers a leader line must not cross."""
    rings: list[tuple[Placement, ...]] = field(default_factory=list)
    """The label's candidate positions inside the drawing, ring by ring, as far as a pass has needed them."""


def _surroundings(requests: Sequence[LabelRequest]) -> dict[str, _Surroundings]:
    """Each label's surroundings, worked out once for all the greedy passes."""
    markers = {
        r.key: Rect(r.x - r.radius, r.y - r.radius, r.x + r.radius, r.y + r.radius) for r in requests if not r.centred
    }
    c = _CLEARANCE
    clear = {key: Rect(b.x0 - c, b.y0 - c, b.x1 + c, b.y1 + c) for key, b in markers.items()}
    found = {}
    for request in requests:
        reach = request.radius + _GAP + _RINGS[-1] + request.width + request.height + 20
        area = Rect(request.x - reach, request.y - reach, request.x + reach, request.y + reach)
        others = [
            box
            for key, box in (markers if request.centred else clear).items()
            if key != request.key and box.overlaps(area, _PAD)
        ]
        own = [markers[request.key]] if request.key in markers else []
        hits = tuple(box for key, box in markers.items() if key != request.key and box.overlaps(area, _PAD))
        blocking = tuple((box.x1 + _PAD, box.y1 + _PAD, box) for box in others + own)
        found[request.key] = _Surroundings(area, blocking, hits)
    return found


def _greedy(
    requests: Sequence[LabelRequest],
    bounds: Rect,
    obstacles: list[Rect],
    surroundings: dict[str, _Surroundings],
    limit: float = math.inf,
) -> tuple[dict[str, Placement], float]:
    """One greedy pass; its cost counts leader lengths, dropped names and (heavily) any overlap.

    The cost only grows as labels are placed, so a pass stops as soon as it reaches `limit`: it cannot then
    do better than the arrangement that set the limit.
    """
    taken = list(obstacles)
    placed: dict[str, Placement] = {}
    cost = 0.0
    for request in requests:
        if cost >= limit:
            break
        fixed = surroundings[request.key]
        area = fixed.area
        # Only what comes near the label is tested: labels placed so far, then the markers around it.
        near = [box for box in taken if box.overlaps(area, _PAD)]
        blocking = [(box.x1 + _PAD, box.y1 + _PAD, box) for box in near]
        blocking += fixed.blocking
        crossing = near + list(fixed.crossing)
        best = _first_free(request, fixed.rings, bounds, blocking, crossing)
        if best is None and not request.centred:
            best = _least_overlap(request, fixed.rings, bounds, blocking, crossing)
        if best is None:
            cost += 50  # a country name left out
            continue
        placed[request.key] = best[1]
        taken.append(best[1].rect)
        cost += _leader_length(best[1]) + 10_000 * best[0]
    return placed, cost


def _first_free(
    request: LabelRequest,
    rings: list[tuple[Placement, ...]],
    bounds: Rect,
    blocking: list[tuple[float, float, Rect]],
    crossing: list[Rect],
) -> tuple[float, Placement] | None:
    """The first candidate that overlaps nothing and whose leader line crosses nothing, if any."""
    for placement in _candidates(request, rings, bounds):
        rect = placement.rect
        # Rect.overlaps written out, with the same arithmetic: this loop is most of the cost of a map.
        right, bottom = rect.x1 + _PAD, rect.y1 + _PAD
        for box_right, box_bottom, box in blocking:
            if not (right <= box.x0 or box_right <= rect.x0 or bottom <= box.y0 or box_bottom <= rect.y0):
                break
        else:
            if placement.leader is None:
                return (0.0, placement)
            x0, y0, x1, y1 = placement.leader
            if not any(_segment_hits(x0, y0, x1, y1, box) for box in crossing):
                return (0.0, placement)
    return None


def _least_overlap(
    request: LabelRequest,
    rings: list[tuple[Placement, ...]],
    bounds: Rect,
    blocking: list[tuple[float, float, Rect]],
    crossing: list[Rect],
) -> tuple[float, Placement] | None:
    """Where no candidate is free: the first of those that overlap least (a leader crossing counts as 0.001)."""
    best: tuple[float, Placement] | None = None
    for placement in _candidates(request, rings, bounds):
        rect = placement.rect
        overlap = sum(_overlap_area(rect, box) for _, _, box in blocking if rect.overlaps(box, _PAD))
        if placement.leader is not None and overlap == 0:
            overlap = 0.001  # free of boxes, so its leader crosses something (else _first_free had taken it)
        if best is None or overlap < best[0]:
            best = (overlap, placement)
    return best


def _candidates(request: LabelRequest, rings: list[tuple[Placement, ...]], bounds: Rect) -> Iterator[Placement]:
    """Every position tried for a label that lies inside the drawing, in order of preference.

    Made ring by ring, when a pass gets that far (most labels fit on the first ring or the second), and kept in
    `rings` for the next passes, which try the same ones within the same drawing.
    """
    if request.centred:
        if not rings:
            rings.append(tuple(p for p in _centred(request) if p.rect.inside(bounds)))
        yield from rings[0]
        return
    for ring in range(len(_RINGS)):
        if ring == len(rings):
            rings.append(tuple(p for p in _ring(request, ring) if p.rect.inside(bounds)))
        yield from rings[ring]


@functools.lru_cache(maxsize=4096)
def _centred(request: LabelRequest) -> tuple[Placement, ...]:
    w, h = request.width, request.height
    placements = []
    for dx, dy in _NUDGES:
        cx, cy = request.x + dx, request.y + dy
        placements.append(Placement(Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), None))
    return tuple(placements)


@functools.lru_cache(maxsize=16384)
def _ring(request: LabelRequest, ring: int) -> tuple[Placement, ...]:
    w, h = request.width, request.height
    reach = request.radius + _GAP + _RINGS[ring]
    placements = []
    for cos, sin in _DIRECTIONS:
        px, py = request.x + reach * cos, request.y + reach * sin
        x0 = px if cos > 0.3 else px - w if cos < -0.3 else px - w / 2
        y0 = py if sin > 0.3 else py - h if sin < -0.3 else py - h / 2
        rect = Rect(x0, y0, x0 + w, y0 + h)
        leader = None
        if ring:
            nx, ny = rect.nearest(request.x, request.y)
            dist = math.hypot(nx - request.x, ny - request.y) or 1.0
            start = request.radius + 1
            leader = (
                request.x + (nx - request.x) * start / dist,
                request.y + (ny - request.y) * start / dist,
                nx,
                ny,
            )
        placements.append(Placement(rect, leader))
    return tuple(placements)


def _overlap_area(a: Rect, b: Rect) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0) + _PAD
    h = min(a.y1, b.y1) - max(a.y0, b.y0) + _PAD
    return max(w, 0.0) * max(h, 0.0) or 0.001


def _segment_hits(x0: float, y0: float, x1: float, y1: float, box: Rect) -> bool:
    """Whether a segment passes through a box (Liang-Barsky clipping)."""
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x0), (dx, box.x1 - x0), (-dy, y0 - box.y0), (dy, box.y1 - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return high - low > 0.02


# Advance widths of Arial/Helvetica (and the metric-compatible Liberation Sans), in thousandths of an em.
# The maps set their text in that family, so the widths hold on every system that has one of the three.
_WIDTHS = dict(
    zip(
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
        (
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015,
            667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611,
            722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333,
            556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
            556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
        ),
        strict=True,
    )
)  # fmt: skip
_BOLD = 1.09
"""Semi-bold runs about this much wider than regular."""


def text_width(text: str, size: float, *, bold: bool = False, spacing: float = 0.0) -> float:
    """Estimated advance width of `text` at font size `size` (letter spacing in em)."""
    total = 0.0
    for char in text:
        # Accented letters are as wide as their base letter.
        base = unicodedata.normalize("NFD", char)[:1] if ord(char) > 127 else char
        total += _WIDTHS.get(base, 556 if not char.isupper() else 722) / 1000 + spacing
    return total * size * (_BOLD if bold else 1.0)


# --- Drawing ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """A place drawn on a map."""

    entry: Entry
    point: geo.Point
    label: str
    """The text beside the marker: the name without any parenthesis."""


def short_name(name: str) -> str:
    """A place's map label: its name without a parenthetical, e.g. `Tri-state border`."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip() or name


def _point(entry: Entry) -> geo.Point | None:
    point = entry.data.get("coordinates")
    return (float(point["lon"]), float(point["lat"])) if point else None


def split_places(ctx: Context) -> tuple[list[Marked], list[Marked], list[Entry]]:
    """Places for the detail map, for the world map, and those without coordinates."""
    region: list[Marked] = []
    world: list[Marked] = []
    unmapped: list[Entry] = []
    view = ctx.basemap.region.view if ctx.basemap else None
    for entry in ctx.of_kind("places"):
        point = _point(entry)
        if point is None:
            unmapped.append(entry)
            continue
        marked = Marked(entry, point, short_name(entry.label))
        (region if view and geo.in_box(point, view) else world).append(marked)
    return region, world, unmapped


def _marker_shape(kind: str, x: float, y: float, r: float) -> str:
    shape = _SHAPES.get(kind, "dot")
    if shape == "square":
        s = r * 0.9
        return (
            f'<rect class="pic-dot pic-square" x="{_n(x - s)}" y="{_n(y - s)}" '
            f'width="{_n(2 * s)}" height="{_n(2 * s)}"/>'
        )
    cls = "pic-dot pic-ring" if shape == "ring" else "pic-dot"
    return f'<circle class="{cls}" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}"/>'


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _label_request(key: str, x: float, y: float, text: str) -> LabelRequest:
    return LabelRequest(key, x, y, text_width(text, LABEL_SIZE, bold=True) + 2, LABEL_SIZE * 1.2, MARKER_RADIUS + 1)


def _crowding(items: Sequence[tuple[str, float, float]]) -> dict[str, int]:
    return {key: sum(1 for _, x2, y2 in items if math.hypot(x - x2, y - y2) < 90) for key, x, y in items}


@dataclass(frozen=True)
class Drawing:
    """A map's SVG, and where its labels went (for tests)."""

    svg: str
    placements: dict[str, Placement]
    markers: dict[str, tuple[float, float]]
    width: float
    height: float


def draw_map(
    ctx: Context,
    page: str,
    layer: geo.Layer | None,
    places: Sequence[Marked],
    *,
    map_id: str,
    title: str,
    areas: Sequence[Entry] = (),
    names: bool = False,
    inset_box: tuple[geo.Box, str, str] | None = None,
    view: geo.Box | None = None,
) -> Drawing:
    """One map as inline SVG: countries, shaded areas, country names, and a labelled link per place.

    Arguments:
        ctx: the analysed project.
        page: the page the SVG goes on (links are relative to it).
        layer: the base map, or None to draw the places alone on a plain ground.
        places: the places to mark.
        map_id: the SVG's element id; markers get ids `<map_id>-<place id>`.
        title: the accessible name of the drawing.
        areas: places whose outline is shaded.
        names: whether to write the names of countries that are not themselves marked.
        inset_box: a box to outline (e.g. the detail map's area on the world map), its link and its label.
        view: the area drawn; default, the layer's.
    """
    area = view or (layer.view if layer else (-180.0, -60.0, 180.0, 85.0))
    project = geo.Projection(area, WIDTH)
    height = round(project.height, 1)
    bounds = Rect(2, 2, WIDTH - 2, height - 2)
    parts = [
        f'<svg class="pic-svg" id="{map_id}" viewBox="0 0 {_n(WIDTH)} {_n(height)}" role="group" '
        f'aria-labelledby="{map_id}-title"><title id="{map_id}-title">{markup.text(title)}</title>',
        f'<rect class="pic-sea" width="{_n(WIDTH)}" height="{_n(height)}"/>',
    ]
    marked_names = {m.entry.label for m in places if m.entry.data["type"] == "country"}
    if layer is not None:
        parts.append(_base(layer, project, marked_names))
    for entry in areas:
        outline = [(float(p["lon"]), float(p["lat"])) for p in entry.data.get("outline") or []]
        if outline:
            d = geo.svg_path([[outline]], project)
            parts.append(f'<path class="pic-area" d="{d}"><title>{markup.text(entry.label)}</title></path>')
    obstacles: list[Rect] = []
    if inset_box is not None:
        box, href, label = inset_box
        (x0, y0), (x1, y1) = project((box[0], box[3])), project((box[2], box[1]))
        parts.append(
            f'<a class="pic-detail" href="{href}" aria-label="{markup.text(label)}">'
            f'<rect x="{_n(x0)}" y="{_n(y0)}" width="{_n(x1 - x0)}" height="{_n(y1 - y0)}"/></a>'
        )
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
    names_svg = []
    for key, _, _, text in country_names:
        if key in placements:
            rect = placements[key].rect
            names_svg.append(
                f'<text x="{_n((rect.x0 + rect.x1) / 2)}" y="{_n(rect.y0 + COUNTRY_SIZE * 0.95)}">'
                f"{markup.text(text)}</text>"
            )
    if names_svg:
        parts.append('<g class="pic-country-names" aria-hidden="true">' + "".join(names_svg) + "</g>")
    markers: dict[str, tuple[float, float]] = {}
    links = []
    for m in sorted(places, key=lambda m: (project(m.point)[1], m.entry.id)):
        x, y = project(m.point)
        markers[m.entry.id] = (x, y)
        placement = placements[m.entry.id]
        rect = placement.rect
        leader = ""
        if placement.leader:
            lx0, ly0, lx1, ly1 = placement.leader
            leader = f'<line class="pic-leader" x1="{_n(lx0)}" y1="{_n(ly0)}" x2="{_n(lx1)}" y2="{_n(ly1)}"/>'
        kind = m.entry.data["type"]
        name = f"{m.entry.label} ({PLACE_TYPES.get(kind, kind)})"
        href = relative(page, entry_page(m.entry.ref))
        links.append(
            f'<a class="pic-marker pic-type-{kind}" id="{map_id}-{m.entry.id}" href="{href}" '
            f'data-annotation="{m.entry.ref}" aria-label="{markup.text(name)}">{leader}'
            f'<rect class="pic-hit" x="{_n(rect.x0 - 2)}" y="{_n(rect.y0 - 1)}" width="{_n(rect.x1 - rect.x0 + 4)}" '
            f'height="{_n(rect.y1 - rect.y0 + 2)}"/>'
            f'<circle class="pic-focus" cx="{_n(x)}" cy="{_n(y)}" r="{_n(MARKER_RADIUS + 5)}"/>'
            f"{_marker_shape(kind, x, y, MARKER_RADIUS)}"
            f'<text class="pic-label" x="{_n(rect.x0 + 1)}" y="{_n(rect.y0 + LABEL_SIZE * 0.95)}">'
            f"{markup.text(m.label)}</text></a>"
        )
    parts.append('<g class="pic-markers">' + "".join(links) + "</g></svg>")
    return Drawing("".join(parts), placements, markers, WIDTH, height)


def _base(layer: geo.Layer, project: geo.Projection, highlighted: set[str]) -> str:
    paths = []
    for country in layer.countries:
        name = _WORLD_NAMES.get(country.name, country.name)
        cls = "pic-country pic-country-marked" if name in highlighted else "pic-country"
        paths.append(f'<path class="{cls}" d="{country.d}"/>')
    # The shapes are on the vendored grid; the group's transform projects them (see geo.grid_transform).
    return (
        f'<g class="pic-land" transform="{project.grid_transform(layer.unit)}" aria-hidden="true">'
        + "".join(paths)
        + "</g>"
    )


# --- The map page -----------------------------------------------------------------------------------------------


def render_map_page(ctx: Context) -> str:
    """HTML of the map page: the region in detail, the world, and every place as a table."""
    page = MAP_PAGE
    basemap = ctx.basemap
    region, world, unmapped = split_places(ctx)
    parts = [
        page_html.heading(1, "Map"),
        '<p class="ann-intro">Where the places the article mentions are. Each marker links to the place\'s '
        'entry; <a href="#all-places">the table below the maps</a> lists every place with its coordinates.</p>',
    ]
    if basemap is None:
        # Without country shapes the places are still drawn, by their coordinates, on one plain map.
        drawing = draw_map(ctx, page, None, world, map_id="map-world", title=f"Map of {_places(len(world))}")
        parts += [
            page_html.heading(2, "Places by their coordinates", "world"),
            _figure(drawing.svg, "Map", "Each marker stands at the place's coordinates.", "pic-map-world"),
        ]
    else:
        name = basemap.region.name
        areas = [e for e in ctx.of_kind("places") if e.data["type"] == "border-area" and e.data.get("outline")]
        detail = draw_map(
            ctx,
            page,
            basemap.region,
            region,
            map_id="map-region",
            title=f"Map of {name}, with {_places(len(region))} the article mentions",
            areas=areas,
            names=True,
        )
        overview = draw_map(
            ctx,
            page,
            basemap.world,
            world,
            map_id="map-world",
            title=f"World map, with {_places(len(world))} the article mentions outside {name}",
            inset_box=(basemap.region.view, "#region", f"{name}: the detail map above"),
        )
        shaded = "; ".join(markup.text(e.label) for e in areas)
        parts += [
            page_html.heading(2, name, "region"),
            _figure(detail.svg, name, _legend(shaded), "pic-map-region"),
            page_html.heading(2, "Elsewhere in the world", "world"),
            _figure(
                overview.svg,
                "World map",
                "Places outside the detail map. The outlined box is the area of the detail map.",
                "pic-map-world",
            ),
        ]
    parts += [page_html.heading(2, "All places", "all-places"), _table(ctx, page, region, world, unmapped)]
    if basemap is not None:
        parts.append(
            '<p class="pic-credit">Country shapes: <a href="https://www.naturalearthdata.com/" '
            'rel="noopener noreferrer">Natural Earth</a> (public domain), simplified. Borders are drawn '
            "for orientation only; the outlines of regions and border areas are approximate sketches.</p>"
        )
    return "\n\n".join(parts) + "\n"


def _places(count: int) -> str:
    return f"{count} place" if count == 1 else f"{count} places"


def _figure(svg: str, name: str, caption: str, cls: str) -> str:
    # The hint shows only where the map is wider than the page (see pictures.css); screen readers have the
    # region's name, which says it scrolls.
    hint = '<p class="pic-scroll-hint" aria-hidden="true">Wider than your screen: swipe sideways to see all of it.</p>'
    return page_html.not_indexed(
        f'<figure class="pic-map {cls}">{hint}{_scroll(svg, name)}<figcaption>{caption}</figcaption></figure>'
    )


def _scroll(svg: str, name: str) -> str:
    # On a narrow screen the map keeps a readable size and scrolls sideways; the region is focusable so that
    # keyboard users can scroll it too.
    return (
        f'<div class="pic-scroll" tabindex="0" role="region" aria-label="{markup.text(name)} (scrollable)">{svg}</div>'
    )


def _legend(shaded: str) -> str:
    items = [
        (
            '<rect class="pic-country pic-country-marked" x="1" y="3" width="14" height="10"/>',
            "a country the article mentions",
        ),
        ('<rect class="pic-dot pic-square" x="3.5" y="3.5" width="9" height="9"/>', "country"),
        ('<circle class="pic-dot" cx="8" cy="8" r="5"/>', "city or site"),
        ('<circle class="pic-dot pic-ring" cx="8" cy="8" r="5"/>', "region, border area or continent"),
    ]
    if shaded:
        items.append(('<rect class="pic-area" x="1" y="3" width="14" height="10"/>', f"shaded: {shaded}"))
    return (
        '<ul class="pic-legend">'
        + "".join(
            f'<li><svg class="pic-key" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">{shape}</svg>'
            f"{text}</li>"
            for shape, text in items
        )
        + "</ul>"
    )


def _coordinates(point: geo.Point) -> str:
    lon, lat = point
    return (
        f'<span class="pic-nowrap">{abs(lat):.2f}° {"N" if lat >= 0 else "S"},</span> '
        f'<span class="pic-nowrap">{abs(lon):.2f}° {"E" if lon >= 0 else "W"}</span>'
    )


def _table(ctx: Context, page: str, region: list[Marked], world: list[Marked], unmapped: list[Entry]) -> str:
    where = {m.entry.id: ("#region", "detail map", m.point) for m in region}
    where |= {m.entry.id: ("#world", "world map" if ctx.basemap else "map", m.point) for m in world}
    rows = []
    for entry in ctx.of_kind("places"):
        href = relative(page, entry_page(entry.ref))
        kind = PLACE_TYPES.get(entry.data["type"], entry.data["type"])
        if entry.id in where:
            anchor, label, point = where[entry.id]
            map_id = "map-region" if anchor == "#region" else "map-world"
            shown = f'<a href="#{map_id}-{entry.id}">{label}</a>'
            coords = _coordinates(point)
        else:
            shown, coords = "not mapped (no coordinates)", "—"
        rows.append(
            f'<tr><th scope="row"><a href="{href}">{markup.text(entry.label)}</a></th><td>{kind}</td>'
            f"<td>{coords}</td><td>{shown}</td></tr>"
        )
    note = ""
    if unmapped:
        names = ", ".join(markup.text(e.label) for e in unmapped)
        note = f'<p class="pic-unmapped">Not on the maps, for lack of coordinates: {names}.</p>'
    return (
        '<table class="ann-table pic-places">'
        f"<caption>Every place in the annotations: {_places(len(where))} on the maps"
        f"{f', {len(unmapped)} without coordinates' if unmapped else ''}</caption>"
        '<thead><tr><th scope="col">Place</th><th scope="col">Type</th><th scope="col">Coordinates</th>'
        f'<th scope="col">On the map</th></tr></thead><tbody>{"".join(rows)}</tbody></table>{note}'
    )


# --- Insets on place cards -------------------------------------------------------------------------------------

INSET_IDS = {"region": "pic-base-region", "world": "pic-base-world"}
_WORLD_WINDOW = (70.0, 40.0)
"""Least width and height, in degrees, of the part of the world an inset shows around a place."""


def _which(ctx: Context, entry: Entry) -> str | None:
    point = _point(entry)
    if point is None or ctx.basemap is None:
        return None
    return "region" if geo.in_box(point, ctx.basemap.region.view) else "world"


def _shared(layer: geo.Layer) -> str:
    transform = geo.Projection(layer.view, WIDTH).grid_transform(layer.unit)
    return f'<path class="pic-shared" transform="{transform}" d="{layer.inset}"/>'


def inset_defs(ctx: Context, entries: Iterable[Entry]) -> str:
    """The shared drawings that the insets of these entries use, once per page (empty if none is needed)."""
    needed = {_which(ctx, e) for e in entries if e.kind.name == "places"} - {None}
    if not needed or ctx.basemap is None:
        return ""
    layers = {"region": ctx.basemap.region, "world": ctx.basemap.world}
    groups = "".join(
        f'<g id="{INSET_IDS[name]}">{_shared(layers[name])}</g>'  # type: ignore[index]
        for name in sorted(needed)  # type: ignore[type-var]
    )
    return f'<svg class="pic-defs" width="0" height="0" aria-hidden="true"><defs>{groups}</defs></svg>'


def inset(ctx: Context, page: str, entry: Entry) -> str:
    """A small map with the place marked, linking to its marker on the map page ('' without coordinates)."""
    which = _which(ctx, entry)
    point = _point(entry)
    if which is None or point is None or ctx.basemap is None:
        return ""
    layer = ctx.basemap.region if which == "region" else ctx.basemap.world
    project = geo.Projection(layer.view, WIDTH)
    outline = [(float(p["lon"]), float(p["lat"])) for p in entry.data.get("outline") or []]
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
    shape = ""
    if outline:
        shape = f'<path class="pic-area" d="{geo.svg_path([[outline]], project)}"/>'
    r = 14 * scale
    view = f"{_n(x0)} {_n(y0)} {_n(w)} {_n(h)}"
    map_id = "map-region" if which == "region" else "map-world"
    href = relative(page, f"{MAP_PAGE}#{map_id}-{entry.id}")
    label = f"{entry.label} on the map"
    return (
        f'<a class="pic-inset-link" href="{href}" aria-label="{markup.text(label)}">'
        f'<svg class="pic-inset" viewBox="{view}" aria-hidden="true">'
        f'<rect class="pic-sea" x="{_n(x0)}" y="{_n(y0)}" width="{_n(w)}" height="{_n(h)}"/>'
        f'<use href="#{INSET_IDS[which]}"/>{shape}'
        f'<circle class="pic-inset-dot" cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" stroke-width="{_n(5 * scale)}"/>'
        "</svg></a>"
    )
