"""The offline map geometry: TopoJSON decoding, and shapely's simplifying, clipping and label points."""

from __future__ import annotations

import map_geometry  # scripts/tools/, on the test path (pyproject.toml)
import pytest
import shapely


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


def test_grid_path_steps_from_an_absolute_start_and_drops_what_rounds_away() -> None:
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert map_geometry.grid_path([[square]], 0.5) == "M0 0l2 0 0 2-2 0z"
    tiny = [(0.0, 0.0), (0.01, 0.0), (0.0, 0.01), (0.0, 0.0)]  # one grid point once rounded
    assert map_geometry.grid_path([[tiny], [square]], 1.0) == "M0 0l1 0 0 1-1 0z"
