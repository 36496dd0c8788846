"""Accessibility: axe-core finds no serious or critical violation on any page, in light or dark, desktop or phone."""

from __future__ import annotations

from pathlib import Path

from browser_support import (
    DESKTOP,
    PHONE_OPTIONS,
    assert_clean,
    card_for,
    first,
    new_context,
    run_axe,
    site_pages,
)
from playwright.sync_api import Browser, expect


def test_axe_every_page(browser: Browser, site: Path) -> None:
    """Every page of the site passes axe-core in the light and the dark scheme."""
    problems = []
    for scheme in ("light", "dark"):
        context = new_context(browser, viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        for path in site_pages(site):
            page.goto(path.as_uri())
            problems += [f"{path.relative_to(site)} ({scheme}): {v}" for v in run_axe(page)]
        assert_clean(context)
        context.close()
    assert not problems, "\n".join(problems)


def test_axe_404_page(browser: Browser, http_site: str) -> None:
    """The 404 page, served from a web root as hosts serve it, passes axe-core."""
    context = new_context(browser, hosts=("127.0.0.1",), viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{http_site}/404.html")
    assert run_axe(page) == []
    assert_clean(context)
    context.close()


def test_axe_phone_with_card_open(browser: Browser, article_url: str) -> None:
    """On a 375 px phone, the article passes axe-core with a statement card and then a mention card open."""
    context = new_context(browser, **PHONE_OPTIONS)
    page = context.new_page()
    page.goto(article_url)
    for selector in (".ann-article a.ann-mark", ".ann-article a.ann"):
        trigger = first(page, selector)
        trigger.tap()
        expect(card_for(page, trigger)).to_be_visible()
        assert run_axe(page) == [], selector
        page.keyboard.press("Escape")
    assert_clean(context)
    context.close()


def test_axe_article_with_controls_used(browser: Browser, article_url: str) -> None:
    """The article passes axe-core narrowed to one kind, with search open, and with annotations off."""
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(article_url)
    page.get_by_role("button", name="Reading options").click()
    page.get_by_role("radio", name="Groups").check()
    page.get_by_role("button", name="First mention only").click()
    assert run_axe(page) == []
    page.locator(".md-search__input").click()
    page.keyboard.type("JNIM")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert run_axe(page) == []
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Annotations").click()
    assert run_axe(page) == [], "with annotations off"
    assert_clean(context)
    context.close()
