"""Vendor a small Natural Earth extract for the build's maps: data/natural-earth/countries.json.

Reads the TopoJSON files of the npm package world-atlas (Natural Earth 4.1.0 country shapes, installed into
node_modules by `npm ci`), keeps the countries the maps need, simplifies them (with shapely, see map_geometry.py),
and writes each country's shape as SVG path data on a grid of degrees, ready to draw (see grid_path). The build
reads only the output, so `make site` needs neither npm nor a network. Run it again after changing the region or
the detail:

    .venv/bin/python scripts/tools/vendor_map_data.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from map_geometry import Box, Point, Polygon, clip, grid_path, label_point, ring_area, simplify, topojson_features

from annotated_reading.pictures.maps import WIDTH

ROOT = Path(__file__).resolve().parents[2]
ATLAS = ROOT / "node_modules" / "world-atlas"
OUTPUT = ROOT / "data" / "natural-earth" / "countries.json"

REGION_NAME = "West Africa and the Sahel"
REGION_VIEW: Box = (-18.5, 3.5, 16.5, 27.5)
"""What the detail map shows: Mauritania to Niger, the Sahara's southern half to the Gulf of Guinea."""
REGION_MARGIN = 1.0
"""Degrees kept beyond the view on each side, so the cut edges lie outside the drawing."""
REGION_TOLERANCE = 0.02
"""Simplification tolerance in degrees (about 2 km): below what the detail map can show."""
REGION_UNIT = 0.01
"""Grid step of the detail layer's path data, in degrees (about a fifth of a unit on the 640-unit map)."""
WORLD_VIEW: Box = (-180.0, -58.0, 180.0, 84.0)
"""The overview leaves out Antarctica and the Arctic Ocean."""
WORLD_TOLERANCE = 0.3
WORLD_UNIT = 0.1
INSET_TOLERANCE = {"region": 1.6, "world": 1.0}
"""How far, in units of the 640-unit map page, the drawings behind the small maps on place cards are simplified:
a card shows the whole region at about a third of the map page's scale, and a part of the world at about twice
it."""
UNLABELLED = {"Morocco"}
"""Countries whose name the detail map leaves out: the only part of Morocco's Natural Earth shape inside the
view is the part of Western Sahara it administers, and the territory is named there already (W. Sahara)."""
MIN_WORLD_AREA = 1.0
"""Islands smaller than this (square degrees) are dropped from the overview; nothing annotated is that small."""


def region(topology: dict[str, Any]) -> dict[str, Any]:
    """The detail layer: every country that reaches into the view, clipped to it (plus the margin)."""
    west, south, east, north = REGION_VIEW
    margin = (west - REGION_MARGIN, south - REGION_MARGIN, east + REGION_MARGIN, north + REGION_MARGIN)
    countries = []
    for feature in topojson_features(topology, "countries", lambda arc: simplify(arc, REGION_TOLERANCE)):
        polygons = clip(feature["geometry"]["coordinates"], margin)
        if not polygons:
            continue
        visible = clip(polygons, REGION_VIEW)
        label = None
        if visible and sum(ring_area(p[0]) for p in visible) > 0.5 and feature["properties"]["name"] not in UNLABELLED:
            label = label_point(visible)
        countries.append((feature["id"], feature["properties"]["name"], polygons, label))
    return _layer("region", REGION_NAME, REGION_VIEW, REGION_UNIT, countries)


def world(topology: dict[str, Any]) -> dict[str, Any]:
    """The overview layer: every country but Antarctica, coarsely simplified, small islands dropped."""
    countries = []
    for feature in topojson_features(topology, "countries", lambda arc: simplify(arc, WORLD_TOLERANCE)):
        if feature["properties"]["name"] == "Antarctica":
            continue
        polygons = [
            [_unwrap(ring) for ring in p]
            for p in feature["geometry"]["coordinates"]
            if p and ring_area(p[0]) >= MIN_WORLD_AREA
        ]
        if polygons:
            countries.append((feature["id"], feature["properties"]["name"], polygons, None))
    return _layer("world", "The world", WORLD_VIEW, WORLD_UNIT, countries)


def _layer(
    which: str, name: str, view: Box, unit: float, countries: Sequence[tuple[str, str, list[Polygon], Point | None]]
) -> dict[str, Any]:
    """A layer as the build reads it (geo.read_layer).

    Each country's path data on a grid of `unit` degrees, and one path of them all simplified further for the
    small maps on place cards.
    """
    rows = []
    coarse = []
    degrees = INSET_TOLERANCE[which] / WIDTH * (view[2] - view[0])
    for country_id, country_name, polygons, label in countries:
        d = grid_path(polygons, unit)
        if not d:
            continue
        row: dict[str, Any] = {"id": country_id, "name": country_name}
        if label is not None:
            row["label"] = [round(label[0], 2), round(label[1], 2)]
        row["d"] = d
        rows.append(row)
        # Simplified from the points on the grid, so the small maps' borders follow the big map's.
        on_grid = [[[(round(x / unit) * unit, round(y / unit) * unit) for x, y in r] for r in p] for p in polygons]
        coarse.append(grid_path([[simplify(ring, degrees) for ring in p] for p in on_grid], unit))
    return {"name": name, "view": list(view), "unit": unit, "countries": rows, "inset": "".join(coarse)}


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (eastern Russia, Fiji), continued past 180° instead of jumping back.

    The part beyond the edge of the map is then simply not drawn.
    """
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def main(argv: list[str] | None = None) -> int:
    """Write the extract; print its size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--atlas", type=Path, default=ATLAS, help="the world-atlas package folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    detail = json.loads((args.atlas / "countries-50m.json").read_text(encoding="utf-8"))
    coarse = json.loads((args.atlas / "countries-110m.json").read_text(encoding="utf-8"))
    version = json.loads((args.atlas / "package.json").read_text(encoding="utf-8"))["version"]
    data = {
        "source": f"Natural Earth 4.1.0 Admin 0 countries (1:50m for the region, 1:110m for the world), "
        f"via the npm package world-atlas {version}; simplified and rounded by scripts/tools/vendor_map_data.py.",
        "licence": "Natural Earth: public domain. world-atlas: ISC licence, copyright 2013-2019 Michael Bostock "
        "(see README.md next to this file).",
        "region": region(detail),
        "world": world(coarse),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One country per line keeps diffs of a re-vendoring readable.
    text = text.replace(',{"id":', ',\n{"id":').replace('"inset":', '\n"inset":') + "\n"
    args.output.write_text(text, encoding="utf-8")
    sys.stdout.write(f"Wrote {args.output} ({len(text.encode()) // 1024} KB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
