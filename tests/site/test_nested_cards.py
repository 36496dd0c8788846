"""Cards opened from cards: a card's text links the entries it names, and those links open their cards on top.

Hover, keyboard focus and tap each open a nested card; Escape closes the top card only; three cards deep at most;
on a phone the cards are sheets stacked with the top of each one below in sight, each with its close button.
"""

from __future__ import annotations

from browser_support import (
    DESKTOP,
    PHONE_OPTIONS,
    assert_clean,
    card_for,
    card_id,
    first,
    load_cards,
    new_context,
    run_axe,
)
from playwright.sync_api import Browser, Locator, Page, expect

GROUP_MENTION = ".ann-article a.ann-groups"

# A chain of cards three deep from the first group mention: for each card, the first link in its text whose card is
# not already in the chain. Returns the ids of the cards.
_CHAIN = """(start) => {
  const chain = [start];
  while (chain.length < 3) {
    const card = document.getElementById(chain[chain.length - 1]);
    const next = [...card.querySelectorAll('a.ann-xref')]
      .map(a => 'card-' + a.dataset.annotation.replace('/', '-'))
      .find(id => document.getElementById(id) && !chain.includes(id));
    if (!next) return chain;
    chain.push(next);
  }
  return chain;
}"""


def _link_to(card: Locator, target: str) -> Locator:
    """The link in a card's text that opens the card with id `target`."""
    ref = target.removeprefix("card-").replace("-", "/", 1)
    return card.locator(f'a.ann-xref[data-annotation="{ref}"]')


def _open_cards(page: Page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.ann-card:not([hidden])')].map(c => c.id)")


def test_card_texts_link_the_entries_they_name(page: Page, article_url: str) -> None:
    """Every card's links go to other entries, each at most once, and each has a card to open."""
    page.goto(article_url)
    load_cards(page)
    problems = page.evaluate(
        """() => {
            const problems = [];
            let links = 0;
            for (const card of document.querySelectorAll('.ann-card')) {
                const own = card.id.replace(/-s\\d+$/, '');
                const seen = new Set();
                for (const a of card.querySelectorAll('a.ann-xref')) {
                    links += 1;
                    const target = 'card-' + a.dataset.annotation.replace('/', '-');
                    if (target === own) problems.push(card.id + ' links itself');
                    if (seen.has(target)) problems.push(card.id + ' links ' + target + ' twice');
                    if (!document.getElementById(target)) problems.push(card.id + ': no card for ' + target);
                    if (!a.getAttribute('href')) problems.push(card.id + ': a link without href');
                    seen.add(target);
                }
            }
            return {problems, links};
        }"""
    )
    assert problems["links"] > 50, problems
    assert not problems["problems"], problems["problems"][:10]


def test_nested_cards_by_hover_three_deep(browser: Browser, article_url: str) -> None:
    """Hovering a card's link opens its card on top; the pointer can rest on it; a third card's links open none.

    WCAG 1.4.13 at every level: the card under the pointer stays (hoverable, persistent), Escape closes the top one
    only (dismissible).
    """
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(article_url)
    trigger = first(page, GROUP_MENTION)
    trigger.hover()
    base = card_for(page, trigger)
    expect(base).to_be_visible()
    chain = page.evaluate(_CHAIN, card_id(trigger))
    assert len(chain) == 3, chain
    for level in (1, 2):
        below = page.locator(f'[id="{chain[level - 1]}"]')
        link = _link_to(below, chain[level]).first
        link.hover()
        card = page.locator(f'[id="{chain[level]}"]')
        expect(card).to_be_visible()
        expect(card).to_have_attribute("data-level", str(level))
        expect(link).to_have_attribute("aria-expanded", "true")
        expect(below).to_be_visible()
        box = card.bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 4, steps=5)
        page.wait_for_timeout(800)
        assert set(_open_cards(page)) == set(chain[: level + 1]), _open_cards(page)
    third = page.locator(f'[id="{chain[2]}"]')
    deeper = third.locator("a.ann-xref")
    if deeper.count():
        deeper.first.hover()
        page.wait_for_timeout(600)
        assert set(_open_cards(page)) == set(chain), "a fourth card opened"
    for level in (2, 1, 0):
        page.keyboard.press("Escape")
        expect(page.locator(f'[id="{chain[level]}"]')).to_be_hidden()
        assert set(_open_cards(page)) == set(chain[:level]), (level, _open_cards(page))
    assert_clean(context)
    context.close()


def test_nested_card_by_focus(page: Page, article_url: str) -> None:
    """Tabbing onto a card's link opens its card; Escape closes that one, and then the first, focus coming back."""
    page.goto(article_url)
    trigger = first(page, GROUP_MENTION)
    trigger.focus()
    base = card_for(page, trigger)
    expect(base).to_be_visible()
    link = base.locator("a.ann-xref").first
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    nested = card_for(page, link)
    expect(nested).to_be_visible()
    expect(nested).to_have_attribute("data-level", "1")
    page.keyboard.press("Escape")
    expect(nested).to_be_hidden()
    expect(base).to_be_visible()
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(base).to_be_hidden()
    expect(trigger).to_be_focused()


def test_nested_sheets_by_tap_on_a_phone(browser: Browser, article_url: str) -> None:
    """On a phone a card's link opens a second sheet over the first, whose top stays in sight; each closes alone."""
    context = new_context(browser, **PHONE_OPTIONS)
    page = context.new_page()
    page.goto(article_url)
    trigger = first(page, GROUP_MENTION)
    trigger.tap()
    base = card_for(page, trigger)
    expect(base).to_be_visible()
    link = base.locator("a.ann-xref").first
    link.tap()
    nested = card_for(page, link)
    expect(nested).to_be_visible()
    assert page.url == article_url, "the first tap on a card's link opens its card, not the link"
    base_box, nested_box = base.bounding_box(), nested.bounding_box()
    assert base_box is not None
    assert nested_box is not None
    assert nested_box["y"] - base_box["y"] >= 40, "the sheet below shows its top above the new one"
    expect(base.locator(".ann-card-title")).to_be_in_viewport()
    close = nested.locator(".ann-card-close")
    expect(close).to_be_visible()
    assert run_axe(page) == []
    close.tap()
    expect(nested).to_be_hidden()
    expect(base).to_be_visible()
    base.locator(".ann-card-close").tap()
    expect(base).to_be_hidden()
    assert page.url == article_url
    assert_clean(context)
    context.close()
