"""The geometry behind the vendored base map: TopoJSON decoding, then shapely for the rest.

Shapely simplifies, clips, measures areas and finds where country names fit. Offline only: `vendor_map_data.py`
runs it; the build reads its output.

Coordinates are `(lon, lat)` pairs in decimal degrees, as in GeoJSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import shapely
from shapely.geometry import LineString, MultiPolygon
from shapely.geometry import Polygon as ShapelyPolygon
from shapely.ops import polylabel

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]
"""An outer ring, then its holes."""
Box = tuple[float, float, float, float]
"""West, south, east, north."""

# --- TopoJSON (no library decodes it into plain rings; the format is two short rules) ----------------------------


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


# --- Geometry -----------------------------------------------------------------------------------------------------


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker simplification of a line or ring (both ends kept, so shared arcs still meet)."""
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    simple = LineString(points).simplify(tolerance, preserve_topology=False)
    return [(x, y) for x, y in simple.coords]


def _shape(polygon: Polygon) -> ShapelyPolygon:
    """A polygon for shapely; holes that simplification has flattened (fewer than four points) are left out."""
    return ShapelyPolygon(polygon[0], [hole for hole in polygon[1:] if len(hole) >= 4])


def clip(polygons: Iterable[Polygon], box: Box) -> list[Polygon]:
    """The parts of the polygons inside a box; cut edges run along the box."""
    out: list[Polygon] = []
    for polygon in polygons:
        if len(polygon[0]) < 4:
            continue
        clipped = shapely.clip_by_rect(_shape(polygon), *box)
        parts = clipped.geoms if isinstance(clipped, MultiPolygon) else [clipped]
        for part in parts:
            if isinstance(part, ShapelyPolygon) and not part.is_empty:
                rings = [part.exterior, *part.interiors]
                out.append([[(x, y) for x, y in ring.coords] for ring in rings])
    return out


def ring_area(ring: Ring) -> float:
    """Unsigned planar area of a ring, in square degrees."""
    return float(ShapelyPolygon(ring).area) if len(ring) >= 4 else 0.0


def label_point(polygons: list[Polygon], tolerance: float = 0.05) -> Point | None:
    """Where a name fits best in the largest polygon: its pole of inaccessibility, the point farthest from its edges.

    The centroid of an irregular country can fall near a border, or outside it altogether.
    """
    shapes = [shapely.make_valid(_shape(p)) for p in polygons if p and len(p[0]) >= 4]
    pieces = [g for s in shapes for g in (s.geoms if hasattr(s, "geoms") else [s]) if isinstance(g, ShapelyPolygon)]
    if not pieces:
        return None
    point = polylabel(max(pieces, key=lambda g: g.area), tolerance)
    return (float(point.x), float(point.y))


# --- Path data --------------------------------------------------------------------------------------------------


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
