"""Label placement: beside the marker where there is room, further out with a leader line where not.

On the real maps as on made-up clusters, no label covers another label or a marker.
"""

from __future__ import annotations

import itertools
import random

import pytest

from annotated_reading.pictures.labels import LabelRequest, Rect, place_labels, text_width
from annotated_reading.pictures.maps import MAP_PAGE, draw_map, split_places
from annotated_reading.rendering.context import Context


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
