"""Offline reading: every page from file:// stays on the machine and error-free, search works, the zip works."""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import DESKTOP, assert_clean, card_for, first, new_context, site_pages
from make_zip import TOP, WEB_ONLY, main, make_zip
from playwright.sync_api import Browser, Page, expect


def search(page: Page, query: str) -> None:
    """Open Material's search from the header and type a query."""
    button = page.locator(".md-header__button[for='__search']")
    if button.is_visible():  # narrow screens; wide ones show the search field itself
        button.click()
    page.locator(".md-search__input").click()
    page.keyboard.type(query)  # Material reads keyup events, which fill() does not send


def test_every_page_is_offline_clean(browser: Browser, site: Path) -> None:
    """Each page opened from disk requests nothing off the machine and logs no script error, cards included."""
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    for path in site_pages(site):
        page.goto(path.as_uri())
        expect(page.locator(".md-header")).to_be_visible()
        if page.locator(".ann-article").count():
            trigger = first(page, ".ann-article a.ann")
            trigger.focus()
            expect(card_for(page, trigger)).to_be_visible()
        page.wait_for_timeout(50)  # let the search worker start: it loads its index after the page
    assert_clean(context)
    context.close()


def test_404_page_from_the_web_root(browser: Browser, http_site: str) -> None:
    """404.html, whose links start at the web root, is styled and error-free when served from a host's root."""
    context = new_context(browser, hosts=("127.0.0.1",), viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{http_site}/404.html")
    expect(page.locator("h1")).to_have_text("404 - Not found")
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).position") == "sticky"
    assert_clean(context)
    context.close()


def test_search_works_from_disk(browser: Browser, site: Path) -> None:
    """Searching "JNIM" from a page opened from disk lists results that link to pages of the site."""
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    search(page, "JNIM")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("matching document")
    href = results.first.locator("a").first.get_attribute("href") or ""
    assert href.startswith(site.as_uri()), href
    assert Path(unquote(urlsplit(href).path)).is_file(), href
    assert_clean(context)
    context.close()


@pytest.mark.parametrize(
    ("query", "entry"),
    [("AQIM", "groups/aqim.html"), ("Zawahiri", "people.html#ayman-al-zawahiri"), ("Mali", "places.html#mali")],
)
def test_search_lists_the_entry_first(browser: Browser, site: Path, query: str, entry: str) -> None:
    """Searching for a group, person or place by its name lists its entry before the pages that mention it.

    Material lists a page's matching sections under the page's own title, so an entry on a shared page (people,
    places) is the second link of the first result.
    """
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    search(page, query)
    first_result = page.locator(".md-search-result__item").first
    expect(first_result).to_be_visible(timeout=10_000)
    links = []
    for href in first_result.locator("a").evaluate_all("links => links.map(a => a.href)"):
        url = urlsplit(href)
        assert href.startswith(site.as_uri()), href
        path = Path(unquote(url.path)).relative_to(site).as_posix()
        links.append(f"{path}#{url.fragment}" if url.fragment else path)
    page_path, _, fragment = entry.partition("#")
    assert links[: 2 if fragment else 1] == ([page_path, entry] if fragment else [entry]), links
    assert_clean(context)
    context.close()


def test_zip_is_deterministic(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two zips of the same site are byte-identical, sorted, under one folder, dated from SOURCE_DATE_EPOCH."""
    first_zip, second_zip = tmp_path / "a.zip", tmp_path / "b.zip"
    make_zip(site, first_zip, epoch=1582329600)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1582329600")
    assert main([str(site), str(second_zip)]) == 0
    assert first_zip.read_bytes() == second_zip.read_bytes()
    with zipfile.ZipFile(first_zip) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == sorted(names)
        assert all(name.startswith(f"{TOP}/") for name in names)
        assert {info.date_time for info in infos} == {(2020, 2, 22, 0, 0, 0)}
        assert archive.testzip() is None
    assert (site / "404.html").is_file()
    assert f"{TOP}/404.html" not in names  # its links start from the web address: it cannot work from disk
    expected = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert [name.removeprefix(f"{TOP}/") for name in names] == [name for name in expected if name not in WEB_ONLY]


def test_zip_works_unpacked_anywhere(browser: Browser, site: Path, tmp_path: Path) -> None:
    """Unpacked into some folder, the zip's article opens from disk with working cards and search."""
    archive = tmp_path / "site.zip"
    make_zip(site, archive, epoch=0)
    with zipfile.ZipFile(archive) as unpacked:
        unpacked.extractall(tmp_path / "somewhere else")
    root = tmp_path / "somewhere else" / TOP
    article = next(p for p in sorted((root / "articles").glob("*.html")) if p.name != "index.html")
    context = new_context(browser, viewport=DESKTOP)
    page = context.new_page()
    page.goto(article.as_uri())
    trigger = first(page, ".ann-article a.ann")
    trigger.hover()
    expect(card_for(page, trigger)).to_be_visible()
    search(page, "JNIM")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert_clean(context)
    context.close()
