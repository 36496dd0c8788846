"""Browser tests of the reader's tools (docs/assets/annotate.js, annotate.css) on the built site, in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import (
    DESKTOP,
    PHONE,
    PHONE_OPTIONS,
    ROOT,
    SCREENSHOTS,
    TABLET,
    assert_clean,
    card_for,
    card_id,
    first,
    load_cards,
    new_context,
    site_pages,
)
from playwright.sync_api import Browser, Locator, Page, expect

GROUP_MENTION = '.ann-article a.ann[data-annotation^="groups/"]'
GLOSSARY_MENTION = '.ann-article a.ann[data-annotation^="glossary/"]'
KINDS = ("glossary", "groups", "people", "places", "figures", "sources", "statements")
STORE = "annotated-reading:controls"
SCROLL_WIDTH = "() => document.documentElement.scrollWidth"


def kind_selector(kind: str) -> str:
    """CSS selector of the triggers of one kind in the article."""
    if kind == "statements":
        return ".ann-article a.ann-mark"
    return f'.ann-article a.ann[data-annotation^="{kind}/"]'


def kinds_present(page: Page) -> list[str]:
    """The kinds annotated in the loaded article, in KINDS order."""
    found = set(
        page.evaluate(
            """() => [...document.querySelectorAll('.ann-article a.ann')]
                .map(a => a.dataset.annotation.split('/')[0])"""
        )
    )
    if page.locator(".ann-article a.ann-mark").count():
        found.add("statements")
    return [kind for kind in KINDS if kind in found]


def focus_by_tab(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the first element matching selector has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"{selector} not reached after {limit} presses of Tab")


def own_text_point(element: Locator, char: int = 0) -> tuple[float, float]:
    """Viewport coordinates of a character of the element's first own text, outside any nested element."""
    element.scroll_into_view_if_needed()
    return element.evaluate(
        """(el, char) => {
            const text = [...el.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
            const range = document.createRange();
            const start = text.textContent.search(/\\S/) + char;
            range.setStart(text, start);
            range.setEnd(text, start + 1);
            const r = range.getClientRects()[0];
            return [r.left + r.width / 2, r.top + r.height / 2];
        }""",
        char,
    )


def in_viewport(page: Page, card: Locator) -> None:
    """Assert the card lies wholly inside the viewport."""
    box = card.bounding_box()
    assert box is not None
    size = page.viewport_size
    assert size is not None
    assert box["x"] >= 0, box
    assert box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"], box
    assert box["y"] + box["height"] <= size["height"] + 1, box


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


def pseudo(page: Page, selector: str, which: str) -> list[str]:
    """The computed `content` of a pseudo-element on every element matching selector."""
    return page.evaluate(
        "([s, w]) => [...document.querySelectorAll(s)].map(el => getComputedStyle(el, w).content)", [selector, which]
    )


# Cards


def test_every_kind_opens_on_hover_focus_and_tap(browser: Browser, article_url: str) -> None:
    """For each kind in the article, hover, keyboard focus and a tap open its card, and Escape closes it."""
    desktop = new_context(browser, viewport=DESKTOP)
    page = desktop.new_page()
    page.goto(article_url)
    kinds = kinds_present(page)
    assert {"glossary", "groups", "statements"} <= set(kinds), kinds
    touch = new_context(browser, **PHONE_OPTIONS)
    phone = touch.new_page()
    phone.goto(article_url)
    assert page.locator(".ann-card").count() == 0, "the cards come with their own script, not in the page"
    for kind in kinds:
        trigger = first(page, kind_selector(kind))
        card = card_for(page, trigger)
        trigger.hover()
        expect(card).to_be_visible()
        expect(trigger).to_have_attribute("aria-expanded", "true")
        expect(trigger).to_have_attribute("aria-controls", card_id(trigger))
        expect(card).to_have_attribute("role", "dialog")
        assert page.locator(f'[id="{card.get_attribute("aria-labelledby")}"]').inner_text().strip(), kind
        in_viewport(page, card)
        page.keyboard.press("Escape")
        expect(card).to_be_hidden()
        expect(trigger).to_have_attribute("aria-expanded", "false")

        trigger.focus()
        expect(card).to_be_visible()
        page.keyboard.press("Escape")
        expect(card).to_be_hidden()
        expect(trigger).to_be_focused()

        tapped = phone.locator(kind_selector(kind)).first
        tapped.tap()
        expect(card_for(phone, tapped)).to_be_visible()
        in_viewport(phone, card_for(phone, tapped))
        phone.keyboard.press("Escape")
        expect(card_for(phone, tapped)).to_be_hidden()
    assert phone.url == article_url
    for context in (desktop, touch):
        assert_clean(context)
        context.close()


def test_keyboard_focus_opens_card_and_escape_closes(page: Page, article_url: str) -> None:
    """Tabbing to the first mention opens its card; Escape closes it."""
    page.goto(article_url)
    trigger = first(page, ".ann-article a.ann")
    card = card_for(page, trigger)
    focus_by_tab(page, ".ann-article a.ann")
    expect(card).to_be_visible()
    expect(trigger).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(trigger).to_be_focused()


def test_tab_walks_through_the_card(page: Page, article_url: str) -> None:
    """Tab from an open card's trigger reaches its links, and on past the card to what follows the trigger.

    A card link opens its own card on focus, as a preview: Tab goes on to the next link of the card below it.
    Escape closes the top card only, and from a card's own link returns focus to its trigger.
    """
    page.goto(article_url)
    trigger = first(page, ".ann-article a.ann")
    card = card_for(page, trigger)
    focus_by_tab(page, ".ann-article a.ann")
    page.keyboard.press("Tab")
    expect(card.locator("a").first).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(trigger).to_be_focused()
    expect(card).to_be_visible()
    page.keyboard.press("Tab")
    nested = page.locator('.ann-card[data-level="1"]')
    if nested.count():
        page.keyboard.press("Escape")
        expect(nested).to_have_count(0)
        expect(card).to_be_visible()
        expect(card.locator("a").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(trigger).to_be_focused()
    page.evaluate(
        """() => {
            const all = [...document.querySelectorAll('a[href], button')].filter(
                (el) => el.getClientRects().length && !el.closest('.ann-card'));
            window.afterTrigger = all[all.indexOf(document.activeElement) + 1];
        }"""
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(card).to_be_visible()
    for _ in range(card.locator("a").count() + 1):  # into the card, through its links, and out
        page.keyboard.press("Tab")
    expect(card).to_be_hidden()
    assert page.evaluate("() => document.activeElement === window.afterTrigger"), "focus went on past the trigger"


def test_hover_keeps_card_open_over_card(page: Page, article_url: str) -> None:
    """A hovered mention's card stays open while the pointer moves into it, and closes after the pointer leaves."""
    page.goto(article_url)
    trigger = first(page, GROUP_MENTION)
    card = card_for(page, trigger)
    trigger.hover()
    expect(card).to_be_visible()
    box = card.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=6)
    page.wait_for_timeout(700)
    expect(card).to_be_visible()
    page.mouse.move(DESKTOP["width"] - 5, DESKTOP["height"] - 5, steps=4)
    expect(card).to_be_hidden(timeout=2000)
    expect(trigger).to_have_attribute("aria-expanded", "false")


def test_card_flips_above_near_the_bottom_edge(page: Page, article_url: str) -> None:
    """A card that would overflow the bottom of the viewport opens above its trigger, inside the viewport."""
    page.goto(article_url)
    trigger = page.locator(".ann-article a.ann").last
    trigger.evaluate("el => window.scrollBy(0, el.getBoundingClientRect().bottom - innerHeight + 20)")
    trigger.focus()
    card = card_for(page, trigger)
    expect(card).to_be_visible()
    t, c = trigger.bounding_box(), card.bounding_box()
    assert t is not None
    assert c is not None
    assert 0 <= t["y"] - (c["y"] + c["height"]) <= 12, (t, c)
    in_viewport(page, card)
    assert c["width"] <= 22 * 20 + 1, c  # 22rem, Material's root font size being 20px


def test_tall_card_fits_a_short_viewport(browser: Browser, article_url: str) -> None:
    """On a short screen the tallest card still lies inside the viewport, scrolling inside if it must."""
    context = new_context(browser, viewport={"width": 1280, "height": 420})
    page = context.new_page()
    page.goto(article_url)
    load_cards(page)
    tallest = page.evaluate(
        """() => {
            const heights = [...document.querySelectorAll('.ann-article a.ann')].map(a => {
                const card = document.getElementById('card-' + a.dataset.annotation.replace('/', '-'));
                card.hidden = false;
                const height = card.offsetHeight;
                card.hidden = true;
                return height;
            });
            return heights.indexOf(Math.max(...heights));
        }"""
    )
    trigger = page.locator(".ann-article a.ann").nth(tallest)
    trigger.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 200)")
    trigger.focus()
    card = card_for(page, trigger)
    expect(card).to_be_visible()
    in_viewport(page, card)
    assert_clean(context)
    context.close()


def test_card_opening_shifts_no_layout(page: Page, article_url: str) -> None:
    """Opening a card moves nothing on the page."""
    page.goto(article_url)
    trigger = first(page, ".ann-article a.ann-mark")
    trigger.scroll_into_view_if_needed()
    before = page.locator(".ann-article").bounding_box()
    words = trigger.bounding_box()
    trigger.focus()
    expect(card_for(page, trigger)).to_be_visible()
    assert page.locator(".ann-article").bounding_box() == before
    assert trigger.bounding_box() == words


def test_touch_tap_opens_bottom_sheet_without_navigating(phone: Page, article_url: str) -> None:
    """On a phone, a first tap opens a bottom sheet, a tap outside closes it, a second tap follows the link."""
    phone.goto(article_url)
    trigger = first(phone, ".ann-article a.ann")
    card = card_for(phone, trigger)
    trigger.tap()
    expect(card).to_be_visible()
    assert phone.url == article_url
    box = card.bounding_box()
    assert box is not None
    assert box["x"] == 0, box
    assert box["width"] == PHONE["width"], box
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1, box
    trigger_box = trigger.bounding_box()
    assert trigger_box is not None
    assert trigger_box["y"] + trigger_box["height"] <= box["y"], "the sheet covers the words it explains"
    title = phone.locator("h1")
    title.scroll_into_view_if_needed()
    title.tap()
    expect(card).to_be_hidden()
    expect(trigger).to_have_attribute("aria-expanded", "false")
    trigger.tap()
    expect(card).to_be_visible()
    card.locator(".ann-card-close").tap()
    expect(card).to_be_hidden()
    trigger.tap()
    expect(card).to_be_visible()
    trigger.tap()
    expect(phone).not_to_have_url(article_url)


def test_statement_tint_opens_only_after_a_dwell(page: Page, article_url: str) -> None:
    """A statement's card opens at once from its mark, but from its tint only when the pointer rests there."""
    page.goto(article_url)
    statement = page.locator(".ann-article .ann-stmt:has(+ a.ann-mark)").first
    mark = page.locator(".ann-article .ann-stmt + a.ann-mark").first
    card = card_for(page, mark)
    x, y = own_text_point(statement)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    assert card.is_hidden(), "the tint opened its card as fast as a mention"
    expect(card).to_be_visible(timeout=1500)
    page.mouse.move(5, DESKTOP["height"] - 5)
    expect(card).to_be_hidden(timeout=2000)
    page.mouse.move(x, y)
    for step in range(1, 9):  # reading with the pointer on the move: no card
        page.wait_for_timeout(110)
        page.mouse.move(x + 10 * step, y)
    assert card.is_hidden(), "a pointer moving across the tint opened its card"
    page.mouse.move(5, DESKTOP["height"] - 5)
    mark.hover()
    page.wait_for_timeout(350)
    assert card.is_visible(), "hovering the mark did not open the card promptly"
    nested = statement.locator("a.ann")
    if nested.count():  # innermost wins: a mention inside the quote opens its own card
        nested.first.hover()
        expect(card_for(page, nested.first)).to_be_visible()
        expect(card).to_be_hidden()


def test_cards_stay_hidden_without_javascript(browser: Browser, article_url: str) -> None:
    """Without JavaScript the mentions are plain links, no card or note shows on screen and there is no toolbar."""
    context = new_context(browser, viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url)
    mention = first(page, ".ann-article a.ann")
    assert mention.get_attribute("href")
    assert page.locator(".ann-card").count() == 0  # they come with their script
    assert page.locator(".ann-notes > li").count() > 0  # for print
    assert page.locator(".ann-notes:visible").count() == 0
    assert page.locator("a.ann[aria-expanded]").count() == 0
    assert page.locator(".ann-tools").count() == 1  # in the page, for readers with JavaScript
    assert page.locator(".ann-tools:visible").count() == 0
    assert page.locator(".ann-options:visible").count() == 0
    assert page.locator(".ann-margin").count() == 0
    assert_clean(context)
    context.close()


# Reading controls


_LAYOUT_SHIFT = """
window.__shift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("options", [{"viewport": DESKTOP}, PHONE_OPTIONS], ids=["desktop", "phone"])
def test_article_does_not_move_when_the_script_runs(browser: Browser, article_url: str, options: dict) -> None:
    """The reading controls are in the page from the start: wiring them up shifts nothing (layout shift ~0)."""
    context = new_context(browser, **options)
    page = context.new_page()
    page.add_init_script(_LAYOUT_SHIFT)
    page.goto(article_url)
    expect(page.get_by_role("button", name="Reading options")).to_be_visible()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.02
    assert_clean(context)
    context.close()


def open_controls(page: Page) -> Locator:
    """Open the reading controls behind their one button, and return them."""
    button = page.get_by_role("button", name="Reading options")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    tools = page.get_by_role("group", name="Reading controls")
    expect(tools).to_be_visible()
    return tools


def annotated(page: Page, selector: str) -> bool:
    """Whether the first element matching selector is shown as annotated (not switched off)."""
    return page.locator(selector).first.evaluate(
        "el => !el.classList.contains('ann-off') && getComputedStyle(el).textDecorationLine !== 'none'"
    )


def test_reading_controls_toggle_and_persist(page: Page, article_url: str) -> None:
    """The toolbar turns annotations off and on, and remembers the choice across a reload."""
    page.goto(article_url)
    expect(page.get_by_role("group", name="Reading controls")).to_be_hidden()
    tools = open_controls(page)
    switch = tools.get_by_role("button", name="Annotations")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert not annotated(page, GROUP_MENTION)
    expect(page.locator(".ann-article a.ann-mark").first).to_be_hidden()
    mention = page.locator(GROUP_MENTION).first
    expect(mention).to_have_attribute("tabindex", "-1")
    mention.hover(force=True)
    page.wait_for_timeout(400)
    expect(card_for(page, mention)).to_be_hidden()
    page.reload()
    switch = open_controls(page).get_by_role("button", name="Annotations")
    expect(switch).to_have_attribute("aria-pressed", "false")
    assert not annotated(page, GROUP_MENTION)
    switch.press("Enter")
    expect(switch).to_have_attribute("aria-pressed", "true")
    assert annotated(page, GROUP_MENTION)
    page.reload()
    expect(open_controls(page).get_by_role("button", name="Annotations")).to_have_attribute("aria-pressed", "true")


def test_reading_controls_one_kind(page: Page, article_url: str) -> None:
    """Choosing one kind (with the keyboard) leaves only that kind annotated, and persists."""
    page.goto(article_url)
    kinds = open_controls(page).get_by_role("group", name="Highlight")
    everything = kinds.get_by_role("radio", name="All kinds")
    expect(everything).to_be_checked()
    everything.focus()
    page.keyboard.press("ArrowRight")  # All kinds -> Terms
    expect(kinds.get_by_role("radio", name="Terms")).to_be_checked()
    page.keyboard.press("ArrowRight")  # -> Groups
    groups = kinds.get_by_role("radio", name="Groups")
    expect(groups).to_be_checked()
    assert annotated(page, GROUP_MENTION)
    assert not annotated(page, GLOSSARY_MENTION)
    expect(page.locator(".ann-article a.ann-mark").first).to_be_hidden()
    page.locator(GROUP_MENTION).first.hover()
    expect(card_for(page, page.locator(GROUP_MENTION).first)).to_be_visible()
    page.reload()
    open_controls(page)
    expect(page.get_by_role("radio", name="Groups")).to_be_checked()
    assert not annotated(page, GLOSSARY_MENTION)
    page.get_by_role("radio", name="Statements").check()
    expect(page.locator(".ann-article a.ann-mark").first).to_be_visible()
    assert not annotated(page, GROUP_MENTION)
    page.get_by_role("radio", name="All kinds").check()
    assert annotated(page, GROUP_MENTION)
    assert annotated(page, GLOSSARY_MENTION)


def test_reading_controls_first_mention_only(page: Page, article_url: str) -> None:
    """With "First mention only" the first mention of each entry stays annotated and repeats go plain; it persists."""
    page.goto(article_url)
    repeated = page.evaluate(
        """() => {
            const seen = new Set();
            for (const a of document.querySelectorAll('.ann-article a.ann')) {
                if (seen.has(a.dataset.annotation)) return a.dataset.annotation;
                seen.add(a.dataset.annotation);
            }
            return null;
        }"""
    )
    assert repeated, "no entry is mentioned twice in the article"
    mentions = f'.ann-article a.ann[data-annotation="{repeated}"]'
    button = open_controls(page).get_by_role("button", name="First mention only")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.locator(mentions).nth(0).evaluate("el => !el.classList.contains('ann-off')")
    assert page.locator(mentions).nth(1).evaluate("el => el.classList.contains('ann-off')")
    page.reload()
    expect(open_controls(page).get_by_role("button", name="First mention only")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.locator(mentions).nth(1).evaluate("el => el.classList.contains('ann-off')")
    stored = page.evaluate("key => JSON.parse(localStorage.getItem(key))", STORE)
    assert stored == {"on": True, "kind": "all", "first": True, "verdicts": True}


# Paragraphs


def test_copy_paragraph_link(browser: Browser, article_url: str) -> None:
    """The copy button puts the paragraph's permalink on the clipboard and announces it; without the API too."""
    context = new_context(browser, viewport=DESKTOP)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(article_url)
    status = page.get_by_role("status")
    button = page.get_by_role("button", name="Copy link to paragraph 3")
    button.focus()
    expect(button).to_be_visible()
    button.press("Enter")
    expect(status).to_have_text("Link to paragraph 3 copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == article_url + "#p3"
    page.evaluate("() => Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.get_by_role("button", name="Copy link to paragraph 4").click()
    expect(status).to_have_text(re.compile(r"Link to paragraph 4 copied|the link is .*#p4$"))
    assert_clean(context)
    context.close()


def test_paragraph_link_highlights_paragraph(page: Page, article_url: str) -> None:
    """Following a link to #pN scrolls to that paragraph and highlights it."""
    page.goto(article_url + "#p5")
    target = page.locator("#p5")
    expect(target).to_be_in_viewport()
    highlight = target.evaluate("el => el.matches(':target') && getComputedStyle(el).backgroundColor")
    assert highlight not in (False, "rgba(0, 0, 0, 0)", "transparent"), highlight
    assert page.locator("#p6").evaluate("el => getComputedStyle(el).backgroundColor") == "rgba(0, 0, 0, 0)"


# Print, colour, layout


def test_print_shows_numbered_endnotes(page: Page, article_url: str) -> None:
    """In print: one note number per note, in order, one or two lines each (a verdict adds one), no site chrome.

    The first mention of each entry and each statement carry the numbers; numbers that meet are joined by a comma.
    """
    page.goto(article_url)
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".ann-options", ".ann-tools", ".md-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    assert pseudo(page, ".ann-notes", "::before") == ['"Notes"']
    notes = page.locator(".ann-notes > li")
    assert notes.count() == page.locator(".ann-notes > li:visible").count() > 0
    assert page.evaluate("() => getComputedStyle(document.querySelector('.ann-notes > li')).display") == "list-item"
    markers = page.evaluate(
        """() => [...document.querySelectorAll('.ann-article a.ann, .ann-article a.ann-mark')].map(a => [
            a.dataset.note, a.classList.contains('ann-repeat'), a.classList.contains('ann-joined'),
            getComputedStyle(a, '::after').content])"""
    )
    printed = [int(note) for note, repeat, _, content in markers if content not in ("none", "normal")]
    assert sorted(printed) == list(range(1, notes.count() + 1)), "one marker per note, each note marked once"
    for note, repeat, joined, content in markers:
        expected = "none" if repeat else f'",{note}"' if joined else f'"{note}"'
        assert content in ((expected,) if not repeat else ("none", "normal")), (note, content)
    assert any(joined for _, _, joined, _ in markers), "adjacent numbers are joined"
    titles = page.evaluate(
        "() => [...document.querySelectorAll('.ann-notes > li')].map(li => li.firstChild.textContent)"
    )
    assert all(t.strip() for t in titles), "each note starts with what it is about"
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.ann-notes')).lineHeight)")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.ann-notes > li')].map(c => [c.getBoundingClientRect().height,"
        " !!c.querySelector('.ann-v')])"
    )
    assert max(h for h, verdict in heights if not verdict) <= 2 * line + 2, "a note is one or two lines"
    assert max(h for h, verdict in heights if verdict) <= 3 * line + 2, "a claim's verdict adds one line"
    assert any(verdict and h > 2 * line for h, verdict in heights), "the verdict is on a line of its own"
    article = page.locator(".ann-article").bounding_box()
    notes_box = notes.first.bounding_box()
    assert article is not None
    assert notes_box is not None
    assert notes_box["y"] >= article["y"] + article["height"], "the notes do not follow the article"
    page.emulate_media(media="screen")
    assert page.locator(".ann-notes > li:visible").count() == 0


def test_print_fits_six_pages(page: Page, article_url: str) -> None:
    """The article with its notes prints on at most 6 A4 pages."""
    page.goto(article_url)
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 2 <= pages <= 6, f"{pages} pages"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_muted_text_contrast(browser: Browser, article_url: str, scheme: str) -> None:
    """Paragraph numbers, card labels and the toolbar reach WCAG AA contrast (4.5:1) in light and dark mode."""
    context = new_context(browser, viewport=DESKTOP, color_scheme=scheme)
    page = context.new_page()
    page.goto(article_url)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    open_controls(page)
    trigger = first(page, ".ann-article a.ann")
    trigger.focus()
    expect(card_for(page, trigger)).to_be_visible()
    selectors = (
        ".ann-pn",
        ".ann-byline",
        ".ann-options",
        ".ann-card:not([hidden]) .ann-card-kind",
        ".ann-card:not([hidden])",
        ".ann-kinds legend",
        ".ann-toggle",
    )
    for selector in selectors:
        ratio = contrast(page, selector)
        assert ratio >= 4.5, f"{selector} in {scheme} mode: contrast {ratio:.2f}"
    assert_clean(context)
    context.close()


def test_palette_toggle_switches_to_dark(page: Page, article_url: str) -> None:
    """Material's palette toggle switches the page, cards included, to the dark scheme."""
    page.goto(article_url)
    load_cards(page)
    light = page.locator(".ann-card").first.evaluate("el => getComputedStyle(el).backgroundColor")
    page.locator("label[for='__palette_1']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    dark = page.locator(".ann-card").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert light != dark


def test_no_horizontal_overflow(browser: Browser, site: Path) -> None:
    """No page scrolls sideways at phone, tablet or desktop width (375, 768, 1280 px)."""
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    wide = []
    for path in site_pages(site):
        page.goto(path.as_uri())
        for viewport in (PHONE, TABLET, DESKTOP):
            page.set_viewport_size(viewport)
            width = page.evaluate(SCROLL_WIDTH)
            for _ in range(5):  # Material lays out its drawer and sidebars after a resize: give it a moment
                if width <= viewport["width"]:
                    break
                page.wait_for_timeout(200)
                width = page.evaluate(SCROLL_WIDTH)
            if width > viewport["width"]:
                wide.append(f"{path.relative_to(site)} at {viewport['width']}px: {width}px wide")
    assert not wide, "\n".join(wide)
    assert_clean(context)
    context.close()


_WIDE_PARTS = """() => {
  const overflows = (n) =>
    ["auto", "scroll"].includes(getComputedStyle(n).overflowX) && n.scrollWidth > n.clientWidth + 1;
  const visible = (n) => n.getClientRects().length > 0 && getComputedStyle(n).visibility !== "hidden";
  return [...document.querySelectorAll(".md-content table, .md-content figure")].map((part) => {
    let scroller = [...part.querySelectorAll("*")].find(overflows) || null;
    for (let n = part; !scroller && n && n !== document.body; n = n.parentElement) if (overflows(n)) scroller = n;
    const name = part.tagName.toLowerCase() + "." + [...part.classList].join(".");
    if (!scroller) {
      const fits = part.scrollWidth <= part.clientWidth + 1 && part.getBoundingClientRect().right <= innerWidth;
      return fits ? null : `${name} is cut off with no scroll container`;
    }
    const style = getComputedStyle(scroller);
    const scrollbar = scroller.offsetHeight - scroller.clientHeight - parseFloat(style.borderTopWidth)
      - parseFloat(style.borderBottomWidth) > 0;
    const shadow = style.backgroundImage.includes("gradient");
    const hint = [...(part.closest("figure") || part.parentElement).querySelectorAll("[class*=scroll-hint]")]
      .some(visible);
    if (!(scrollbar || shadow || hint)) return `${name} scrolls with no sign that it does`;
    if (scroller.tabIndex < 0) return `${name} scrolls but a keyboard cannot reach it`;
    return null;
  }).filter(Boolean);
}"""


def test_wide_tables_and_figures_show_that_they_scroll_on_a_phone(browser: Browser, site: Path) -> None:
    """At 375 px every table and figure fits, or sits in a focusable scroll container that shows it scrolls.

    A sign is a scrollbar that takes room, an edge shadow (reference.css) or a visible hint (the map page's).
    """
    context = new_context(browser, **PHONE_OPTIONS)
    page = context.new_page()
    problems, scrolled = [], 0
    for path in site_pages(site):
        page.goto(path.as_uri())
        problems += [f"{path.relative_to(site)}: {p}" for p in page.evaluate(_WIDE_PARTS)]
        scrolled += page.locator(".ann-scroll").evaluate_all(
            "all => all.filter(n => n.scrollWidth > n.clientWidth + 1).length"
        )
    assert not problems, "\n".join(problems)
    assert scrolled > 0, "the sourcing table is wider than a phone: the check must have seen it scroll"
    page.goto((site / "sources.html").as_uri())
    frame = page.locator(".ann-scroll").first
    page.screenshot(path=str(SCREENSHOTS / "375-sources-table.png"), clip=frame.bounding_box())
    assert_clean(context)
    context.close()


def test_own_css_and_js_are_small() -> None:
    """annotate.css and annotate.js together stay under 40 KB with comments and spacing stripped (names kept).

    (30 KB until the reading page gained its text face, margin notes, print numbering and options panel.)
    """
    css = (ROOT / "docs" / "assets" / "annotate.css").read_text(encoding="utf-8")
    js = (ROOT / "docs" / "assets" / "annotate.js").read_text(encoding="utf-8")
    css = re.sub(r"\s*([{}:;,>])\s*", r"\1", re.sub(r"\s+", " ", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))
    js = re.sub(r"/\*.*?\*/|(?<![:'\"\\])//[^\n]*", "", js, flags=re.S)
    js = re.sub(r"\s+", " ", re.sub(r"\s*([{}()\[\];,=:+\-*<>!&|?])\s*", r"\1", js))
    size = len(css.encode()) + len(js.encode())
    assert size < 40_000, f"{size} bytes"


# Screenshots for a human eye


def test_screenshots(browser: Browser, site: Path, article_url: str) -> None:
    """Screenshots for review in tests/support/screenshots/, the article's first screen at four widths.

    At 768 and 1600 px in light and dark; at 375 and 1280 px the article with a card, the home and reference pages,
    and print.
    """
    SCREENSHOTS.mkdir(exist_ok=True)
    for width, height in ((768, 1024), (1600, 1000)):
        for scheme in ("light", "dark"):
            context = new_context(browser, viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            page.goto(article_url)
            page.screenshot(path=SCREENSHOTS / f"{width}-article-top-{scheme}.png")
            assert_clean(context)
            context.close()
    group = next(p for p in sorted((site / "groups").glob("*.html")) if p.name != "index.html")
    for name, options in (("1280", {"viewport": DESKTOP}), ("375", PHONE_OPTIONS)):
        for scheme in ("light", "dark"):
            context = new_context(browser, color_scheme=scheme, **options)
            page = context.new_page()
            page.goto(article_url)
            if scheme == "light":
                page.screenshot(path=SCREENSHOTS / f"{name}-article-top.png")
            trigger = first(page, GROUP_MENTION)
            trigger.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 200)")
            if name == "375":
                trigger.tap()
            else:
                trigger.hover()
            expect(card_for(page, trigger)).to_be_visible()
            page.screenshot(path=SCREENSHOTS / f"{name}-article-card-{scheme}.png")
            if scheme == "light":
                for page_name, path in (
                    ("home", site / "index.html"),
                    ("glossary", site / "glossary.html"),
                    ("group", group),
                    ("sources", site / "sources.html"),
                ):
                    page.goto(path.as_uri())
                    page.screenshot(path=SCREENSHOTS / f"{name}-{page_name}.png")
                page.goto(article_url)
                page.emulate_media(media="print")
                page.screenshot(path=SCREENSHOTS / f"{name}-print-top.png")
                page.locator(".ann-notes").scroll_into_view_if_needed()
                page.screenshot(path=SCREENSHOTS / f"{name}-print-notes.png")
            else:
                page.goto((site / "sources.html").as_uri())
                page.screenshot(path=SCREENSHOTS / f"{name}-sources-dark.png")
            assert_clean(context)
            context.close()


def test_touch_screens_make_the_copy_button_of_the_linked_paragraph_only(browser: Browser, article_url: str) -> None:
    """On a phone the copy button is made for the paragraph a link points at (the only one shown), then for the next."""
    context = new_context(browser, **PHONE_OPTIONS)
    page = context.new_page()
    page.goto(article_url + "#p5")
    button = page.get_by_role("button", name="Copy link to paragraph 5")
    expect(button).to_be_visible()
    assert page.locator(".ann-copy").count() == 1
    page.evaluate("location.hash = '#p7'")
    expect(page.get_by_role("button", name="Copy link to paragraph 7")).to_be_visible()
    assert page.locator(".ann-copy").count() == 2
    assert_clean(context)
    context.close()
