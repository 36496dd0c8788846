"""Vendor a small Natural Earth extract for the build's maps: data/natural-earth/countries.json.

Reads the TopoJSON files of the npm package world-atlas (Natural Earth 4.1.0 country shapes, installed into
node_modules by `npm ci`), keeps the countries the maps need, simplifies and rounds them, and writes plain
GeoJSON. The build reads only the output, so `make site` needs neither npm nor a network. Run it again
after changing the region or the detail:

    .venv/bin/python scripts/vendor_map_data.py
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotated_reading.geo import (
    Box,
    Polygon,
    clip_ring,
    label_point,
    read_layer,
    ring_area,
    simplify,
    topojson_features,
)
from annotated_reading.render_map import coarse_shapes, inset_tolerance

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "node_modules" / "world-atlas"
OUTPUT = ROOT / "data" / "natural-earth" / "countries.json"

REGION_NAME = "West Africa and the Sahel"
REGION_VIEW: Box = (-18.5, 3.5, 16.5, 27.5)
"""What the detail map shows: Mauritania to Niger, the Sahara's southern half to the Gulf of Guinea."""
REGION_MARGIN = 1.0
"""Degrees kept beyond the view on each side, so the cut edges lie outside the drawing."""
REGION_TOLERANCE = 0.02
"""Simplification tolerance in degrees (about 2 km): below what the detail map can show."""
WORLD_VIEW: Box = (-180.0, -58.0, 180.0, 84.0)
"""The overview leaves out Antarctica and the Arctic Ocean."""
WORLD_TOLERANCE = 0.3
UNLABELLED = {"Morocco"}
"""Countries whose name the detail map leaves out: the only part of Morocco's Natural Earth shape inside the
view is the part of Western Sahara it administers, and the territory is named there already (W. Sahara)."""
MIN_WORLD_AREA = 1.0
"""Islands smaller than this (square degrees) are dropped from the overview; nothing annotated is that small."""


def region(topology: dict[str, Any]) -> dict[str, Any]:
    """The detail layer: every country that reaches into the view, clipped to it (plus the margin)."""
    west, south, east, north = REGION_VIEW
    clip = (west - REGION_MARGIN, south - REGION_MARGIN, east + REGION_MARGIN, north + REGION_MARGIN)
    features = []
    for feature in topojson_features(topology, "countries", lambda arc: simplify(arc, REGION_TOLERANCE)):
        polygons = _clip(feature["geometry"]["coordinates"], clip)
        if not polygons:
            continue
        visible = _clip(polygons, REGION_VIEW)
        label = None
        if visible and sum(ring_area(p[0]) for p in visible) > 0.5 and feature["properties"]["name"] not in UNLABELLED:
            label = label_point(visible)
        props: dict[str, Any] = {"name": feature["properties"]["name"]}
        if label is not None:
            props["label"] = [round(label[0], 2), round(label[1], 2)]
        features.append(_feature(feature["id"], props, polygons, 2))
    return {"name": REGION_NAME, "view": list(REGION_VIEW), "type": "FeatureCollection", "features": features}


def world(topology: dict[str, Any]) -> dict[str, Any]:
    """The overview layer: every country but Antarctica, coarsely simplified, small islands dropped."""
    features = []
    for feature in topojson_features(topology, "countries", lambda arc: simplify(arc, WORLD_TOLERANCE)):
        if feature["properties"]["name"] == "Antarctica":
            continue
        polygons = [
            [_unwrap(ring) for ring in p]
            for p in feature["geometry"]["coordinates"]
            if p and ring_area(p[0]) >= MIN_WORLD_AREA
        ]
        if polygons:
            features.append(_feature(feature["id"], {"name": feature["properties"]["name"]}, polygons, 1))
    return {"name": "The world", "view": list(WORLD_VIEW), "type": "FeatureCollection", "features": features}


def with_coarse(which: str, layer: dict[str, Any]) -> dict[str, Any]:
    """The layer with its shapes simplified once more for the insets on place cards (see render_map.coarse_shapes).

    Worked out from the layer as written, rounded coordinates included, so that the build would draw the same.
    """
    read = read_layer(layer)  # no coarse shapes yet: coarse_shapes works them out
    return {**layer, "coarse": {"tolerance": inset_tolerance(which, read), "shapes": coarse_shapes(which, read)}}


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (eastern Russia, Fiji), continued past 180° instead of jumping back.

    The part beyond the edge of the map is then simply not drawn.
    """
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return ring
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]


def _clip(polygons: list[Polygon], box: Box) -> list[Polygon]:
    out = []
    for polygon in polygons:
        rings = [clip_ring(ring, box) for ring in polygon]
        if rings and rings[0]:
            out.append([r for r in rings if r])
    return out


def _feature(feature_id: str, props: dict[str, Any], polygons: list[Polygon], digits: int) -> dict[str, Any]:
    coordinates = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points: list[list[float]] = []
            for lon, lat in ring:
                point = [round(lon, digits), round(lat, digits)]
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:
                rings.append(points)
        if rings:
            coordinates.append(rings)
    return {
        "type": "Feature",
        "id": feature_id,
        "properties": props,
        "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
    }


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
        f"via the npm package world-atlas {version}; simplified and rounded by scripts/vendor_map_data.py.",
        "licence": "Natural Earth: public domain. world-atlas: ISC licence, copyright 2013-2019 Michael Bostock "
        "(see README.md next to this file).",
        "region": with_coarse("region", region(detail)),
        "world": with_coarse("world", world(coarse)),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One feature per line keeps diffs of a re-vendoring readable.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"') + "\n"
    args.output.write_text(text, encoding="utf-8")
    sys.stdout.write(f"Wrote {args.output} ({len(text.encode()) // 1024} KB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
