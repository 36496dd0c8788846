"""The maps: a marker for every place with coordinates, a table of all, small maps on place cards."""

from __future__ import annotations

import json
import re
from collections import Counter

from helpers import CITATION, MakeProject

from annotated_reading.model.records import Place
from annotated_reading.pictures.maps import MAP_PAGE, article_map, inset
from annotated_reading.pipeline import Project, analyse, render_all
from annotated_reading.rendering.article import render_article
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.home import HOME_PAGE

_MARKER = re.compile(r'<a class="pic-marker[^"]*" id="([^"]+)" href="([^"]+)" data-annotation="places/([^"]+)"')


def test_every_place_with_coordinates_has_a_marker_linking_to_its_entry(ctx: Context, pages: dict[str, str]) -> None:
    markers = _MARKER.findall(pages[MAP_PAGE])
    with_coordinates = {e.id for e in ctx.entries_of(Place) if e.data.coordinates}
    assert Counter(m[2] for m in markers) == Counter(with_coordinates)
    for _, href, place in markers:
        assert href == f"places.html#{place}"
        assert f'id="{place}"' in pages["places.md"], f"no entry {place} on the places page"
    region = re.search(r'<svg class="pic-svg" id="map-region".*?</svg>', pages[MAP_PAGE], re.S)
    assert region is not None
    assert 'data-annotation="places/bamako"' in region.group(0)
    assert 'data-annotation="places/syria"' not in region.group(0), "Syria belongs on the world map"
    assert 'class="pic-area"' in region.group(0), "the tri-state border is shaded"
    table = pages[MAP_PAGE].split('id="all-places"')[1]
    for entry in ctx.of_kind("places"):
        assert f'<a href="places.html#{entry.id}">' in table, f"{entry.id} missing from the list of places"


def test_places_without_coordinates_are_listed(make_project: MakeProject) -> None:
    project = make_project(
        {
            "annotations/places/sahel.yml": f"name: Sahel\ntype: region\ndescription: A region.\nsources:\n{CITATION}",
            "annotations/places/mali.yml": "name: Mali\ntype: country\ndescription: A country.\n"
            f"coordinates: {{lat: 17, lon: -4}}\nsources:\n{CITATION}",
        },
        ["The Sahel and Mali."],
    )
    context, problems = analyse(Project(project))
    assert not problems
    assert context is not None
    source = render_all(context).pages[MAP_PAGE].html
    assert 'data-annotation="places/mali"' in source
    assert 'data-annotation="places/sahel"' not in source
    assert "not mapped (no coordinates)" in source
    assert "Not on the maps, for lack of coordinates: Sahel." in source


def test_place_cards_carry_a_small_map(ctx: Context, pages: dict[str, str]) -> None:
    script = render_article(ctx, ctx.articles[0]).cards
    assert script is not None
    cards_html = json.loads(script.split("=", 1)[1].strip().rstrip(";"))
    cards = re.findall(r'<div class="ann-card ann-card-places" id="card-places-([^"]+)".*?</div>', cards_html, re.S)
    assert cards
    macro = ctx.templates.get_template("pictures.html.jinja").module.inset  # type: ignore[attr-defined]
    for place in cards:
        view = inset(ctx, "articles/west-africa-alliance.md", ctx.by_ref[f"places/{place}"])
        assert view is not None
        snippet = str(macro(view))
        assert snippet in cards_html
        assert len(snippet) < 2000, f"the inset of {place} is {len(snippet)} bytes"
        assert re.search(r'<use href="#pic-base-(region|world)"/>', snippet)
    article = pages["articles/west-africa-alliance.md"]
    assert "<svg" not in article.split('<div class="ann-article"', 1)[1], "the cards and their drawings come later"
    assert cards_html.count("pic-defs") == 1, "shared, once per article"


def test_home_page_map_marks_the_articles_places_in_the_region(ctx: Context, pages: dict[str, str]) -> None:
    """Each article's small map marks its places in the region; wide areas and far places are left to the map page.

    And it stays small: the land is the card maps' coarse outline, not the map page's countries.
    """
    found = article_map(ctx, HOME_PAGE, "west-africa-alliance")
    assert found is not None
    marked = {m.ref for m in found.drawing.markers}
    assert {"places/bamako", "places/mali", "places/tri-state-border"} <= marked
    assert "places/syria" not in marked
    assert "Syria" in found.others, "far away"
    assert "places/sahel" not in marked
    assert "Sahel" in found.others, "too wide for a marker"
    mentioned = {s.ref for s in ctx.spans_in("west-africa-alliance") if s.ref.startswith("places/")}
    assert len(marked) + len(found.others) == len(mentioned)
    svg = re.search(r'<svg class="pic-svg" id="map-west-africa-alliance".*?</svg>', pages[HOME_PAGE], re.S)
    assert svg is not None
    assert 'class="pic-area"' in svg.group(0), "the tri-state border is shaded"
    assert len(svg.group(0).encode()) < 10_000, "a few kilobytes (the map page's detail map is about 18)"
    assert "18 places too wide or too far for this map" in pages[HOME_PAGE]
