"""Map geometry: TopoJSON decoding, simplification, clipping, label points, the vendored base map, projection.

Coordinates are `(lon, lat)` pairs in decimal degrees, as in GeoJSON. Nothing here draws: `render_map` does.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]
"""An outer ring, then its holes."""
Box = tuple[float, float, float, float]
"""West, south, east, north."""


# --- TopoJSON -------------------------------------------------------------------------------------------------


def topojson_arcs(topology: dict[str, Any]) -> list[Ring]:
    """A topology's arcs as absolute coordinates (undoing quantisation and delta encoding)."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points: Ring = []
        for qx, qy, *_ in arc:
            x, y = x + qx, y + qy
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def topojson_features(
    topology: dict[str, Any], name: str, arc_filter: Callable[[Ring], Ring] | None = None
) -> list[dict[str, Any]]:
    """The geometries of one object of a topology as GeoJSON features (Polygon and MultiPolygon only).

    Arguments:
        topology: a parsed TopoJSON document.
        name: the object to read, e.g. `countries`.
        arc_filter: applied to every arc before rings are stitched, e.g. a simplification; since neighbours
            share arcs, their common border stays common.
    """
    arcs = topojson_arcs(topology)
    if arc_filter is not None:
        arcs = [arc_filter(arc) for arc in arcs]

    def ring(indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    features = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [[ring(r) for r in geometry["arcs"]]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": str(geometry.get("id", "")),
                "properties": dict(geometry.get("properties") or {}),
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    return features


# --- Geometry ---------------------------------------------------------------------------------------------------


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker simplification; keeps both ends, so shared arcs still meet."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    limit = tolerance * tolerance
    stack = [(0, len(points) - 1)]
    # Squared distances, worked out inline: this loop is most of the cost of drawing the small maps.
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        worst, worst_at = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            qx, qy = px - ax, py - ay
            if length:
                t = (qx * dx + qy * dy) / length
                t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
                qx, qy = qx - t * dx, qy - t * dy
            d = qx * qx + qy * qy
            if d > worst:
                worst, worst_at = d, i
        if worst > limit:
            keep[worst_at] = True
            stack += [(first, worst_at), (worst_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    if length == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def clip_ring(ring: Ring, box: Box) -> Ring:
    """The part of a ring inside a box (Sutherland-Hodgman); empty if none. Cut edges run along the box."""
    west, south, east, north = box
    edges: list[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]]] = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    out = list(ring)
    for inside, cross in edges:
        if not out:
            break
        points, out = out, []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
    return out if len(out) >= 3 else []


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def ring_area(ring: Ring) -> float:
    """Unsigned planar area of a ring, in square degrees."""
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def contains(ring: Ring, point: Point) -> bool:
    """Whether a point lies inside a ring (even-odd rule)."""
    x, y = point
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            inside = not inside
    return inside


def label_point(polygons: list[Polygon], steps: int = 40) -> Point | None:
    """A point well inside the largest polygon, where a name fits best: the sampled point farthest from its edges.

    A coarse grid search for the pole of inaccessibility; the centroid of an irregular country can fall near a
    border, or outside it altogether.
    """
    rings = [p[0] for p in polygons if p and len(p[0]) >= 3]
    if not rings:
        return None
    outer = max(rings, key=ring_area)
    xs, ys = [p[0] for p in outer], [p[1] for p in outer]
    best: tuple[float, Point] | None = None
    for i in range(1, steps):
        for j in range(1, steps):
            point = (min(xs) + (max(xs) - min(xs)) * i / steps, min(ys) + (max(ys) - min(ys)) * j / steps)
            if not contains(outer, point):
                continue
            d = min(_segment_distance(point, a, b) for a, b in zip(outer, outer[1:] + outer[:1], strict=True))
            if best is None or d > best[0]:
                best = (d, point)
    return best[1] if best else outer[0]


def bbox_of(points: Iterable[Point]) -> Box:
    """The bounding box of some points."""
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def in_box(point: Point, box: Box) -> bool:
    """Whether a point lies in a box (edges included)."""
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


# --- The vendored base map -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Country:
    """One country of a base-map layer."""

    id: str
    """ISO 3166-1 numeric code (may be empty for disputed areas)."""
    name: str
    d: str
    """Its shape as SVG path data on the layer's grid (see `grid_path`)."""
    label: Point | None
    """Where its name fits (detail layer only)."""


@dataclass(frozen=True, eq=False)
class Layer:
    """A set of country shapes drawn at one scale."""

    name: str
    view: Box
    """The area the map shows."""
    unit: float
    """Degrees per grid step of the path data."""
    countries: list[Country]
    inset: str = ""
    """Every country simplified further, as one path on the same grid: the drawing behind the small maps on place
    cards. Worked out by scripts/vendor_map_data.py, like the rest of the layer."""


@dataclass(frozen=True, eq=False)
class BaseMap:
    """The vendored Natural Earth extract: a detailed region and a coarse world."""

    region: Layer
    world: Layer


def read_basemap(path: Path) -> BaseMap | None:
    """The base map in `path` (see scripts/vendor_map_data.py), or None if there is no such file.

    Decoded once per file version: `mkdocs serve` rebuilds reuse it until the file changes.
    """
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    key = str(path.resolve())
    cached = _CACHE.get(key)
    if cached is None or cached[0] != stamp:
        data = json.loads(path.read_text(encoding="utf-8"))
        cached = (stamp, BaseMap(read_layer(data["region"]), read_layer(data["world"])))
        _CACHE[key] = cached
    return cached[1]


_CACHE: dict[str, tuple[int, BaseMap]] = {}


def read_layer(data: dict[str, Any]) -> Layer:
    """One layer of the extract (`region` or `world`) as the maps use it."""
    countries = [
        Country(str(c.get("id", "")), c["name"], c["d"], (c["label"][0], c["label"][1]) if c.get("label") else None)
        for c in data["countries"]
    ]
    west, south, east, north = data["view"]
    return Layer(data["name"], (west, south, east, north), float(data["unit"]), countries, data.get("inset", ""))


def grid_path(polygons: Iterable[Polygon], unit: float) -> str:
    """SVG path data for polygons, in grid steps of `unit` degrees: x east, y north.

    `Projection.grid_transform` turns it into drawing coordinates. Each ring starts at an absolute point and
    goes on in relative steps, which are short numbers; whole steps lose nothing to rounding as they add up.
    Rings with fewer than three distinct grid points are left out.
    """
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[int, int]] = []
            for lon, lat in ring:
                point = (round(lon / unit), round(lat / unit))
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 1 and points[-1] == points[0]:
                points.pop()
            if len(points) < 3:
                continue
            (x, y), steps = points[0], []
            for nx, ny in points[1:]:
                steps.append(f"{nx - x} {ny - y}")
                x, y = nx, ny
            parts.append(f"M{points[0][0]} {points[0][1]}l{' '.join(steps)}z")
    # "-" separates numbers in SVG path data as a space does.
    return "".join(parts).replace(" -", "-")


# --- Projection -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """Equirectangular, with longitudes shrunk by the cosine of the view's middle latitude.

    Near the equator and at the scale of a region the shapes look as readers know them, and no great-circle
    work is needed. A world-wide view is left unshrunk.
    """

    view: Box
    width: float

    @functools.cached_property
    def _k(self) -> float:
        west, _, east, _ = self.view
        return self.width / ((east - west) * self._stretch)

    @functools.cached_property
    def _stretch(self) -> float:
        south, north = self.view[1], self.view[3]
        return math.cos(math.radians((south + north) / 2)) if north - south < 90 else 1.0

    @property
    def height(self) -> float:
        """Height of the drawing, in the same units as `width`."""
        return (self.view[3] - self.view[1]) * self._k

    def coefficients(self) -> tuple[float, float, float, float]:
        """(west, stretch, scale, north): x = (lon - west) * stretch * scale, y = (north - lat) * scale."""
        return self.view[0], self._stretch, self._k, self.view[3]

    def grid_transform(self, unit: float) -> str:
        """An SVG `transform` that draws path data on a grid of `unit` degrees (see `grid_path`) in this projection.

        The projection is affine, so the browser can apply it: the build passes the vendored path data through
        as it is, instead of projecting every point of every country at every build.
        """
        west, stretch, scale, north = self.coefficients()
        a, d, e, f = unit * stretch * scale, -unit * scale, -west * stretch * scale, north * scale
        return f"matrix({a:.6g} 0 0 {d:.6g} {e:.6g} {f:.6g})"

    def __call__(self, point: Point) -> tuple[float, float]:
        """Drawing coordinates (x right, y down) of a `(lon, lat)` point."""
        lon, lat = point
        return ((lon - self.view[0]) * self._stretch * self._k, (self.view[3] - lat) * self._k)


def svg_path(polygons: Iterable[Polygon], project: Projection, digits: int = 1) -> str:
    """SVG path data for polygons, rounded to `digits` decimals, dropping repeated points."""
    # Every point of every country goes through here at every build: the projection is worked out inline (the
    # same arithmetic as Projection.__call__, so the same figures), and numbers are formatted without a call each.
    west, stretch, scale, north = project.coefficients()
    parts = []
    for polygon in polygons:
        for ring in polygon:
            previous = None
            out = []
            for point in ring:
                x = (point[0] - west) * stretch * scale
                y = (north - point[1]) * scale
                if digits:
                    xs = f"{x:.{digits}f}".rstrip("0").rstrip(".")
                    ys = f"{y:.{digits}f}".rstrip("0").rstrip(".")
                    xy = f"{'0' if xs in _ZEROS else xs} {'0' if ys in _ZEROS else ys}"
                else:
                    xy = f"{round(x)} {round(y)}"
                if xy != previous:
                    out.append(xy)
                previous = xy
            if len(out) >= 3:
                parts.append("M" + "L".join(out) + "Z")
    return "".join(parts)


_ZEROS = ("-0", "")
