"""Where map labels go: beside their marker where there is room, further out with a leader line where not.

Labels are placed greedily, most crowded marker first, then improved by letting each displaced label choose
first; no label overlaps another, a marker, or a leader line's path. Pure geometry on boxes in drawing units:
nothing here draws.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

import msgspec


class Rect(msgspec.Struct, frozen=True):
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


class LabelRequest(msgspec.Struct, frozen=True):
    """A label to place: next to a marker of radius `radius` at (x, y), or centred on (x, y) if `centred`."""

    key: str
    x: float
    y: float
    width: float
    height: float
    radius: float = 0.0
    centred: bool = False


class Placement(msgspec.Struct, frozen=True):
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


class _Surroundings(msgspec.Struct, frozen=True):
    """What lies near one label whatever the order of placing: the markers its candidates must keep clear of."""

    area: Rect
    """Every candidate box and leader line of the label lies within it."""
    blocking: tuple[tuple[float, float, Rect], ...]
    """Boxes a candidate must not overlap, each with its right and bottom edge plus the padding."""
    crossing: tuple[Rect, ...]
    """Markers a leader line must not cross."""
    rings: list[tuple[Placement, ...]] = msgspec.field(default_factory=list)
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
        overlap = 0.0
        for _, _, box in blocking:
            if rect.overlaps(box, _PAD):
                overlap += _overlap_area(rect, box)
                if best is not None and overlap >= best[0]:
                    break  # no better than the best so far, which is kept on a tie: the rest cannot change that
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


def _centred(request: LabelRequest) -> tuple[Placement, ...]:
    w, h = request.width, request.height
    placements = []
    for dx, dy in _NUDGES:
        cx, cy = request.x + dx, request.y + dy
        placements.append(Placement(Rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), None))
    return tuple(placements)


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
