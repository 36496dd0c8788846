"""The base map as the build reads it, and the projection that draws it."""

from __future__ import annotations

import re

import pytest
from browser_support import ROOT

from annotated_reading.pictures import geo
from annotated_reading.pipeline import Project
from annotated_reading.rendering.context import Context


def test_projection_keeps_north_up_and_the_view_in_the_drawing() -> None:
    project = geo.Projection((-20.0, 0.0, 20.0, 30.0), 600)
    assert project((-20.0, 30.0)) == pytest.approx((0.0, 0.0))
    assert project((20.0, 0.0)) == pytest.approx((600.0, project.height))
    assert project((0.0, 10.0))[1] > project((0.0, 20.0))[1]


def test_vendored_base_map(ctx: Context) -> None:
    """The extract is small, has the region's countries with name points, and a world layer."""
    path = Project(ROOT).map_data
    assert path.stat().st_size < 200_000
    assert ctx.basemap is not None
    region = {c.name: c for c in ctx.basemap.region.countries}
    for name in ("Mali", "Niger", "Burkina Faso", "Mauritania", "Senegal", "Nigeria"):
        assert name in region
    assert all(geo.in_box(region[n].label, ctx.basemap.region.view) for n in ("Senegal", "Nigeria"))  # type: ignore[arg-type]
    assert len(ctx.basemap.world.countries) > 150


def _grid_points(d: str) -> list[tuple[int, int]]:
    """The absolute grid points of path data made by geo.grid_path."""
    points = []
    for ring in re.findall(r"M([^Mz]+)z", d):
        start, steps = ring.split("l")
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        x, y = (int(n) for n in re.findall(r"-?\d+", start))
        points.append((x, y))
        for dx, dy in zip(numbers[0::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


@pytest.mark.parametrize("which", ["region", "world"])
def test_grid_transform_draws_the_grid_where_the_projection_puts_it(ctx: Context, which: str) -> None:
    """The transform on the land turns every vendored grid point into the point the projection gives."""
    assert ctx.basemap is not None
    layer = getattr(ctx.basemap, which)
    project = geo.Projection(layer.view, 640.0)
    a, _, _, d, e, f = (float(n) for n in re.findall(r"-?[\d.e+-]+", project.grid_transform(layer.unit)))
    country = next(c for c in layer.countries if c.name == "Mali")
    points = _grid_points(country.d)
    assert len(points) > 20
    for x, y in points:
        expected = project((x * layer.unit, y * layer.unit))
        assert (a * x + e, d * y + f) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("which", ["region", "world"])
def test_insets_draw_a_coarser_copy_of_the_same_borders(ctx: Context, which: str) -> None:
    """The small maps' drawing has far fewer points than the map page's, all of them points of the big map."""
    assert ctx.basemap is not None
    layer = getattr(ctx.basemap, which)
    detailed = [point for country in layer.countries for point in _grid_points(country.d)]
    coarse = _grid_points(layer.inset)
    assert len(detailed) / 4 < len(coarse) < len(detailed) / 1.5
    assert set(coarse) <= set(detailed)
