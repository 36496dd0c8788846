"""Browser tests: the annotation cards (docs/assets/annotate.js, annotate.css) on the built site, in Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
GROUP_MENTION = 'a.ann[data-annotation^="groups/"]'


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return out


@pytest.fixture(scope="session")
def article_url(site: Path) -> str:
    articles = sorted(p for p in (site / "articles").glob("*.html") if p.name != "index.html")
    if not articles:
        pytest.fail(f"no article page in {site / 'articles'}")
    return articles[0].as_uri()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) "
            "or point CHROMIUM_PATH at a Chromium binary"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_context(browser: Browser, **options: object) -> BrowserContext:
    """A browser context that answers any http(s) request with an empty body: the site must work offline."""
    context = browser.new_context(**options)
    context.route(re.compile(r"^https?://"), lambda route: route.fulfill(status=200, body=""))
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = new_context(browser, viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = new_context(browser, viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


def first(page: Page, selector: str) -> Locator:
    """The first element matching selector, failing with a clear message if the page has none."""
    found = page.locator(selector)
    if found.count() == 0:
        pytest.fail(f"the article page has no {selector}: annotate the article first")
    return found.first


def card_for(page: Page, trigger: Locator) -> Locator:
    """The card a trigger controls."""
    card_id = trigger.get_attribute("data-card")
    assert card_id, "trigger without data-card"
    return page.locator(f'[id="{card_id}"]')


def focus_by_tab(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the first element matching selector has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"{selector} not reached after {limit} presses of Tab")


def own_text_point(element: Locator) -> tuple[float, float]:
    """Viewport coordinates of the middle of the element's first own word, outside any nested element."""
    element.scroll_into_view_if_needed()
    return element.evaluate(
        """el => {
            const text = [...el.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
            const range = document.createRange();
            const start = text.textContent.search(/\\S/);
            range.setStart(text, start);
            range.setEnd(text, start + 1);
            const r = range.getClientRects()[0];
            return [r.left + r.width / 2, r.top + r.height / 2];
        }"""
    )


def contrast(page: Page, selector: str) -> float:
    """WCAG contrast ratio between an element's text colour and the page background behind it."""
    return page.evaluate(
        """s => {
            const rgb = c => c.match(/[\\d.]+/g).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map(v => {
                v /= 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const el = document.querySelector(s);
            const fg = rgb(getComputedStyle(el).color);
            let node = el, bg = null;
            while (node && node.nodeType === 1) {
                const c = rgb(getComputedStyle(node).backgroundColor);
                if (c.length < 4 || c[3] === 1) { bg = c; break; }
                node = node.parentNode;
            }
            bg = bg || [255, 255, 255];
            const a = fg.length > 3 ? fg[3] : 1;
            const mixed = [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a));
            const [hi, lo] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
            return (hi + 0.05) / (lo + 0.05);
        }""",
        selector,
    )


def test_keyboard_focus_opens_card_and_escape_closes(page: Page, article_url: str) -> None:
    """Tabbing to the first mention opens its card; Escape closes it."""
    page.goto(article_url)
    trigger = first(page, "a.ann")
    card = card_for(page, trigger)
    expect(card).to_be_hidden()
    expect(trigger).to_have_attribute("aria-expanded", "false")
    expect(trigger).to_have_attribute("aria-controls", trigger.get_attribute("data-card") or "")
    focus_by_tab(page, "a.ann")
    expect(card).to_be_visible()
    expect(card).to_have_attribute("role", "dialog")
    expect(trigger).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(trigger).to_have_attribute("aria-expanded", "false")
    expect(trigger).to_be_focused()


def test_tab_walks_through_the_card(page: Page, article_url: str) -> None:
    """Tab from an open card's trigger reaches its links; Escape there returns focus to the trigger."""
    page.goto(article_url)
    trigger = first(page, "a.ann")
    card = card_for(page, trigger)
    focus_by_tab(page, "a.ann")
    page.keyboard.press("Tab")
    expect(card.locator("a").first).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(trigger).to_be_focused()
    expect(card).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(trigger).to_be_focused()
    expect(trigger).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(card).to_be_visible()
    page.keyboard.press("Tab")
    expect(card.locator("a").first).to_be_focused()
    for _ in range(card.locator("a").count()):
        page.keyboard.press("Tab")
    expect(card).to_be_hidden()
    assert page.evaluate("() => !document.activeElement.closest('.ann-card')"), "focus stayed inside the card"
    assert page.evaluate("t => document.activeElement !== document.querySelector(t)", "a.ann"), "focus did not move"


def test_hover_keeps_card_open_over_card(page: Page, article_url: str) -> None:
    """Hovering a group mention opens its card, which stays open under the pointer and closes after it leaves."""
    page.goto(article_url)
    trigger = first(page, GROUP_MENTION)
    card = card_for(page, trigger)
    trigger.hover()
    expect(card).to_be_visible()
    expect(trigger).to_have_attribute("aria-expanded", "true")
    box = card.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=6)
    page.wait_for_timeout(700)
    expect(card).to_be_visible()
    page.mouse.move(DESKTOP["width"] - 5, DESKTOP["height"] - 5, steps=4)
    expect(card).to_be_hidden(timeout=2000)
    expect(trigger).to_have_attribute("aria-expanded", "false")


def test_card_sits_next_to_trigger_when_scrolled(page: Page, article_url: str) -> None:
    """An open card lies inside the viewport, just below or above its trigger, also after scrolling."""
    page.goto(article_url)
    trigger = first(page, "a.ann-mark")
    trigger.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, 120)")
    trigger.focus()
    card = card_for(page, trigger)
    expect(card).to_be_visible()
    t, c = trigger.bounding_box(), card.bounding_box()
    assert t is not None
    assert c is not None
    assert c["x"] >= 8, c
    assert c["x"] + c["width"] <= DESKTOP["width"] - 8, c
    assert c["width"] <= 22 * 20 + 1, c  # 22rem, Material's root font size being 20px
    below = 0 <= c["y"] - (t["y"] + t["height"]) <= 12
    above = 0 <= t["y"] - (c["y"] + c["height"]) <= 12
    assert below or above, (t, c)


def test_touch_tap_opens_card_without_navigating(phone: Page, article_url: str) -> None:
    """On a phone, a first tap opens a bottom sheet, a tap outside closes it, a second tap follows the link."""
    phone.goto(article_url)
    trigger = first(phone, "a.ann")
    card = card_for(phone, trigger)
    trigger.tap()
    expect(card).to_be_visible()
    assert phone.url == article_url
    box = card.bounding_box()
    assert box is not None
    assert box["x"] == 0, box
    assert box["width"] == PHONE["width"], box
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1, box
    title = phone.locator("h1")
    title.scroll_into_view_if_needed()
    title.tap()
    expect(card).to_be_hidden()
    expect(trigger).to_have_attribute("aria-expanded", "false")
    trigger.tap()
    expect(card).to_be_visible()
    trigger.tap()
    expect(phone).not_to_have_url(article_url)


def test_statement_mark_opens_statement_card(page: Page, article_url: str) -> None:
    """Focusing a statement mark opens the statement's card; hovering the quoted words opens it too."""
    page.goto(article_url)
    mark = first(page, "a.ann-mark")
    card = card_for(page, mark)
    mark.focus()
    expect(card).to_be_visible()
    expect(mark).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    statement = page.locator(".ann-stmt").first
    statement_card = card_for(page, page.locator(".ann-stmt + a.ann-mark").first)
    page.mouse.move(*own_text_point(statement))
    expect(statement_card).to_be_visible()
    nested = statement.locator("a.ann")
    if nested.count():  # innermost wins: a mention inside the quote opens its own card
        nested.first.hover()
        expect(card_for(page, nested.first)).to_be_visible()
        expect(statement_card).to_be_hidden()


def test_no_console_errors(page: Page, article_url: str) -> None:
    """The article page logs no console errors and raises no page errors while cards open and close."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(article_url)
    first(page, "a.ann").hover()
    expect(card_for(page, page.locator("a.ann").first)).to_be_visible()
    first(page, "a.ann-mark").focus()
    page.keyboard.press("Escape")
    page.mouse.click(5, DESKTOP["height"] - 5)
    assert errors == []


def test_cards_stay_hidden_without_javascript(browser: Browser, article_url: str) -> None:
    """Without JavaScript the mentions are plain links and every card stays hidden."""
    context = new_context(browser, viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url)
    first(page, "a.ann")
    assert page.locator(".ann-card").count() > 0
    assert page.locator(".ann-card:visible").count() == 0
    assert page.locator("a.ann[aria-expanded]").count() == 0
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_muted_text_contrast(browser: Browser, article_url: str, scheme: str) -> None:
    """Paragraph numbers and card labels reach WCAG AA contrast (4.5:1) in light and dark mode."""
    context = new_context(browser, viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(article_url)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    first(page, "a.ann").focus()
    for selector in (".ann-pn", ".ann-provenance", ".ann-card:not([hidden]) .ann-card-kind", ".ann-card:not([hidden])"):
        ratio = contrast(page, selector)
        assert ratio >= 4.5, f"{selector} in {scheme} mode: contrast {ratio:.2f}"
    context.close()


def test_screenshots(browser: Browser, article_url: str) -> None:
    """Screenshots for review in tests/screenshots/: desktop card (light and dark) and phone bottom sheet."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context = new_context(browser, viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        page.goto(article_url)
        trigger = first(page, GROUP_MENTION)
        trigger.evaluate("el => el.scrollIntoView({block: 'center'})")
        trigger.hover()
        expect(card_for(page, trigger)).to_be_visible()
        page.screenshot(path=SCREENSHOTS / f"desktop-card-{scheme}.png")
        context.close()
    context = new_context(browser, viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    page = context.new_page()
    page.goto(article_url)
    trigger = first(page, "a.ann-mark")
    trigger.tap()
    expect(card_for(page, trigger)).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "phone-sheet.png")
    context.close()
