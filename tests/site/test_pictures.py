"""The map and timeline pages in Chromium: rendered label boxes, scrolling, keyboard, the filter, axe-core."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from browser_support import AXE, SCREENSHOTS
from playwright.sync_api import Browser, BrowserContext, Page

from annotated_reading.model.records import Place
from annotated_reading.pictures.labels import Rect
from annotated_reading.rendering.context import Context


@pytest.fixture(scope="module")
def chromium(browser: Browser) -> Browser:
    """The session's shared headless Chromium (from browser_support: only one synchronous Playwright may run)."""
    return browser


class _Watched:
    """A browser context that refuses and records requests off the machine, and records script errors."""

    def __init__(self, browser: Browser, **options: object) -> None:
        self.context: BrowserContext = browser.new_context(**options)
        self.problems: list[str] = []
        self.context.route(re.compile(r"^(?!(file|data|blob|about):)"), self._refuse)
        self.context.on("page", self._watch)

    def _refuse(self, route: object) -> None:
        self.problems.append(f"request off the machine: {route.request.url}")  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]

    def _watch(self, page: Page) -> None:
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))

    def page(self, url: str) -> Page:
        page = self.context.new_page()
        page.goto(url)
        return page

    def close(self) -> list[str]:
        self.context.close()
        return self.problems


_LABEL_BOXES = """svg => {
    const box = el => { const b = el.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; };
    const owner = el => (el.closest('a') || {}).id || '';
    return {
        labels: [...svg.querySelectorAll('.pic-label, .pic-country-names text')]
            .map(t => [t.textContent, owner(t), box(t)]),
        dots: [...svg.querySelectorAll('.pic-dot')].map(d => [owner(d), box(d)]),
    };
}"""


def test_labels_do_not_overlap_as_rendered(chromium: Browser, built: Path) -> None:
    """getBBox() of every rendered label and country name: no two overlap, and no label covers another's marker."""
    watched = _Watched(chromium, viewport={"width": 1280, "height": 900})
    page = watched.page((built / "map.html").as_uri())
    for svg in ("#map-region", "#map-world"):
        boxes = page.locator(svg).evaluate(_LABEL_BOXES)
        labels = boxes["labels"]
        assert len(labels) >= 10
        for (t1, _, a), (t2, _, b) in itertools.combinations(labels, 2):
            assert not Rect(*a).overlaps(Rect(*b)), f"{svg}: '{t1}' and '{t2}' overlap"
        for text, owner, a in labels:
            for marker, b in boxes["dots"]:
                if marker != owner:
                    assert not Rect(*a).overlaps(Rect(*b)), f"{svg}: '{text}' covers the marker {marker}"
    assert watched.close() == []


@pytest.mark.parametrize(("width", "narrow"), [(375, True), (1280, False)])
def test_a_map_wider_than_the_screen_says_it_scrolls(chromium: Browser, built: Path, width: int, narrow: bool) -> None:
    """On a phone the maps keep a readable size, scroll sideways, and say so above them; on a desktop they fit."""
    watched = _Watched(chromium, viewport={"width": width, "height": 800})
    page = watched.page((built / "map.html").as_uri())
    for figure in page.locator("figure.pic-map").all():
        scroll = figure.locator(".pic-scroll")
        overflows = scroll.evaluate("e => e.scrollWidth > e.clientWidth + 1")
        assert overflows is narrow
        assert figure.locator(".pic-scroll-hint").is_visible() is narrow
        if narrow:
            # It opens centred on its markers, which lie within the visible part.
            assert scroll.evaluate(_MARKERS_CENTRED) < 40
    assert watched.close() == []


_MARKERS_CENTRED = """frame => {
    const f = frame.getBoundingClientRect(), m = frame.querySelector('.pic-markers').getBoundingClientRect();
    return Math.abs((m.left + m.width / 2) - (f.left + f.width / 2));
}"""


def test_a_link_to_a_marker_shows_it_on_a_phone(chromium: Browser, built: Path) -> None:
    """An inset's link to its marker shows the marker on a phone, even one the opening position leaves out."""
    watched = _Watched(chromium, viewport={"width": 375, "height": 800})
    page = watched.page((built / "map.html").as_uri())
    hidden = page.locator("#map-region").evaluate(_MARKERS_OUT_OF_VIEW)
    assert hidden, "every marker is in view: pick a narrower screen for this test"
    linked = watched.page((built / "map.html").as_uri() + "#" + hidden[0])  # a new page, as from a card
    assert hidden[0] not in linked.locator("#map-region").evaluate(_MARKERS_OUT_OF_VIEW)
    assert watched.close() == []


_MARKERS_OUT_OF_VIEW = """svg => {
    const f = svg.parentElement.getBoundingClientRect();
    return Array.from(svg.querySelectorAll('a.pic-marker')).filter(a => {
        const c = a.querySelector('circle').getBoundingClientRect();
        return c.left < f.left || c.right > f.right;
    }).map(a => a.id);
}"""


def test_markers_are_keyboard_links_with_names(chromium: Browser, built: Path, ctx: Context) -> None:
    watched = _Watched(chromium, viewport={"width": 1280, "height": 900})
    page = watched.page((built / "map.html").as_uri())
    markers = page.locator("a.pic-marker")
    assert markers.count() == sum(1 for e in ctx.entries_of(Place) if e.data.coordinates)
    names = markers.evaluate_all("els => els.map(a => a.getAttribute('aria-label'))")
    assert all(re.fullmatch(r".+ \((country|city|region|border area|site|continent)\)", n) for n in names)
    page.locator("#map-region").scroll_into_view_if_needed()
    page.locator(".pic-scroll").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('class')")
    assert focused is not None
    assert "pic-marker" in focused
    ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('.pic-focus')).stroke")
    assert ring not in ("none", ""), "a focused marker shows a ring"
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"places\.html#"))
    assert page.url.endswith(href)
    assert page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    assert watched.close() == []


def test_timeline_filter(chromium: Browser, built: Path) -> None:
    """With JS the filter narrows the events to one group and back; without it, every event shows."""
    watched = _Watched(chromium, viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    page = watched.page((built / "timeline.html").as_uri())
    events = page.locator(".pic-event")
    total = events.count()
    assert page.locator("form.pic-filter").is_visible()
    page.get_by_role("radio", name=re.compile(r"^JNIM")).check()
    visible = page.locator(".pic-event:visible")
    groups = visible.evaluate_all(
        "els => els.map(e => e.dataset.groups + (e.classList.contains('pic-article') ? ' *' : ''))"
    )
    assert groups
    assert all(" jnim " in f" {g} " or g.endswith("*") for g in groups)
    label = page.get_by_role("radio", name=re.compile(r"^JNIM")).evaluate("i => i.parentNode.textContent")
    count = int(re.search(r"\((\d+)\)", label).group(1))  # type: ignore[union-attr]
    assert len(groups) == count + 1, "the group's events and the article"
    assert "Showing" in page.locator(".pic-count").inner_text()
    assert page.locator("h2.pic-year:visible").count() < page.locator("h2.pic-year").count()
    page.get_by_role("radio", name=re.compile(r"^All events")).check()
    assert page.locator(".pic-event:visible").count() == total
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375, "no sideways scrolling on a phone"
    assert watched.close() == []

    plain = _Watched(chromium, viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = plain.page((built / "timeline.html").as_uri())
    assert page.locator(".pic-event:visible").count() == total
    assert not page.locator("form.pic-filter").is_visible()
    assert plain.close() == []


@pytest.mark.parametrize("name", ["map.html", "timeline.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_pass_axe_offline_and_look_right(chromium: Browser, built: Path, name: str, scheme: str) -> None:
    """From file://: no request off the machine, no console error, no serious axe-core violation.

    Screenshots at 375 and 1280 px go to tests/screenshots/ for a person to look at.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, options in ((1280, {}), (375, {"has_touch": True, "is_mobile": True})):
        watched = _Watched(chromium, viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
        page = watched.page((built / name).as_uri())
        shot = SCREENSHOTS / f"pictures-{name[:-5]}-{width}-{scheme}.png"
        if name == "map.html":
            page.screenshot(path=str(shot), full_page=True)
        else:  # the whole timeline is too tall to look at: its top, and the article's place in it
            page.screenshot(path=str(shot))
            page.locator(".pic-article").first.scroll_into_view_if_needed()
            page.screenshot(path=str(shot.with_name(shot.stem + "-article.png")))
        if width == 375:
            assert page.evaluate("document.scrollingElement.scrollWidth") <= 375, "no sideways page scrolling"
        if width == 1280:
            assert AXE.is_file(), "run npm ci (make test does)"
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(
                """async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
            )
            assert violations == []
        assert watched.close() == []


def test_place_card_shows_its_small_map(chromium: Browser, built: Path) -> None:
    watched = _Watched(chromium, viewport={"width": 1280, "height": 900})
    page = watched.page((built / "articles" / "west-africa-alliance.html").as_uri())
    mention = page.locator('.ann-article a.ann[data-annotation="places/tri-state-border"]').first
    mention.scroll_into_view_if_needed()
    mention.focus()
    card = page.locator("#card-places-tri-state-border")
    card.wait_for(state="visible")
    drawing = card.locator("svg.pic-inset")
    box = drawing.bounding_box()
    assert box is not None
    assert 100 < box["width"] < 260
    assert box["height"] > 60
    painted = drawing.locator("use").evaluate("u => u.getBBox().width")
    assert painted > 100, "the shared base drawing shows through <use>"
    SCREENSHOTS.mkdir(exist_ok=True)
    card.screenshot(path=str(SCREENSHOTS / "pictures-card-1280-light.png"))
    assert watched.close() == []
