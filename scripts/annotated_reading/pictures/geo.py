"""The vendored base map, and the projection that draws it: what the maps need at build time.

Coordinates are `(lon, lat)` pairs in decimal degrees, as in GeoJSON. The geometry that made the base map
(decoding, simplifying, clipping) runs offline, in scripts/tools/vendor_map_data.py. Nothing here draws:
`maps` and the templates do.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]
"""An outer ring, then its holes."""
Box = tuple[float, float, float, float]
"""West, south, east, north."""


# --- Boxes ------------------------------------------------------------------------------------------------------


def bbox_of(points: Iterable[Point]) -> Box:
    """The bounding box of some points."""
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def in_box(point: Point, box: Box) -> bool:
    """Whether a point lies in a box (edges included)."""
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


# --- The vendored base map -------------------------------------------------------------------------------------


class Country(msgspec.Struct, frozen=True, eq=False):
    """One country of a base-map layer."""

    id: str
    """ISO 3166-1 numeric code (may be empty for disputed areas)."""
    name: str
    d: str
    """Its shape as SVG path data on the layer's grid (see `grid_path`)."""
    label: Point | None
    """Where its name fits (detail layer only)."""


class Layer(msgspec.Struct, frozen=True, eq=False):
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


class BaseMap(msgspec.Struct, frozen=True, eq=False):
    """The vendored Natural Earth extract: a detailed region and a coarse world."""

    region: Layer
    world: Layer


def read_basemap(path: Path) -> BaseMap:
    """The base map vendored in `path` (see scripts/tools/vendor_map_data.py)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return BaseMap(read_layer(data["region"]), read_layer(data["world"]))


def read_layer(data: dict[str, Any]) -> Layer:
    """One layer of the extract (`region` or `world`) as the maps use it."""
    countries = [
        Country(str(c.get("id", "")), c["name"], c["d"], (c["label"][0], c["label"][1]) if c.get("label") else None)
        for c in data["countries"]
    ]
    west, south, east, north = data["view"]
    return Layer(data["name"], (west, south, east, north), float(data["unit"]), countries, data.get("inset", ""))


# --- Projection -------------------------------------------------------------------------------------------------


class Projection:
    """Equirectangular, with longitudes shrunk by the cosine of the view's middle latitude.

    Near the equator and at the scale of a region the shapes look as readers know them, and no great-circle
    work is needed. A world-wide view is left unshrunk.
    """

    __slots__ = ("_k", "_stretch", "view", "width")

    def __init__(self, view: Box, width: float) -> None:
        """A projection of `view` onto a drawing `width` units wide."""
        self.view = view
        self.width = width
        south, north = view[1], view[3]
        self._stretch = math.cos(math.radians((south + north) / 2)) if north - south < 90 else 1.0
        self._k = width / ((view[2] - view[0]) * self._stretch)

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
