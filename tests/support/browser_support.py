"""Shared Playwright fixtures: one site built per session, one Chromium per session, offline-checked contexts.

The root conftest.py loads this file with `pytest_plugins = ["browser_support"]`, so that its session fixtures are
shared by every module instead of being rebuilt per module, and import its helpers. The import comes first,
so pytest could not rewrite this module's asserts anyway: PYTEST_DONT_REWRITE says so and spares the warning.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
DESKTOP = {"width": 1280, "height": 900}
TABLET = {"width": 768, "height": 1024}
PHONE = {"width": 375, "height": 740}
PHONE_OPTIONS: dict[str, object] = {"viewport": PHONE, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
OFF_MACHINE = re.compile(r"^(?!(file|data|blob|about):)")
"""URLs the offline check intercepts; file:// requests pass untouched (intercepting them slows every page)."""


class Watch:
    """Records what a browser context does that an offline page must not: requests off the machine, script errors."""

    def __init__(self, context: BrowserContext, hosts: tuple[str, ...] = ()) -> None:
        self.hosts = hosts
        self.offsite: list[str] = []
        self.errors: list[str] = []
        context.route(OFF_MACHINE, self._route)
        context.on("page", self._page)

    def _route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname in self.hosts:
            route.continue_()
        else:
            self.offsite.append(route.request.url)
            route.abort()

    def _page(self, page: Page) -> None:
        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self.errors.append(f"{page.url}: console error: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: page error: {error}"))

    def problems(self) -> list[str]:
        """Every request off the machine and every script error seen so far."""
        return [f"request off the machine: {url}" for url in self.offsite] + self.errors


def new_context(browser: Browser, hosts: tuple[str, ...] = (), **options: object) -> BrowserContext:
    """A browser context whose requests off the machine are refused and recorded, as are script errors."""
    context = browser.new_context(**options)
    context.watch = Watch(context, hosts)
    return context


def assert_clean(context: BrowserContext) -> None:
    """Fail if the context made a request off the machine or saw a script error."""
    problems = context.watch.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project, built once per session with `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    # SITE_URL would make 404.html link from a path this session's server does not have.
    env = {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return out


def site_pages(site: Path) -> list[Path]:
    """Every page of the built site that works from disk: 404.html links from the web root, templates are no pages."""
    pages = [p for p in sorted(site.rglob("*.html")) if p.name != "404.html" and "overrides" not in p.parts]
    assert len(pages) >= 8, f"only {len(pages)} pages in {site}"
    return pages


@pytest.fixture(scope="session")
def article_url(site: Path) -> str:
    """file:// URL of the (first) annotated article page."""
    articles = [p for p in sorted((site / "articles").glob("*.html")) if p.name != "index.html"]
    if not articles:
        pytest.fail(f"no article page in {site / 'articles'}")
    return articles[0].as_uri()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) "
            "or point CHROMIUM_PATH at a Chromium binary"
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _checked_page(browser: Browser, **options: object) -> Iterator[Page]:
    context = new_context(browser, **options)
    yield context.new_page()
    problems = context.watch.problems()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop page; the test fails if it made a request off the machine or logged a script error."""
    yield from _checked_page(browser, viewport=DESKTOP)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A 375 px touch phone page, checked like `page`."""
    yield from _checked_page(browser, **PHONE_OPTIONS)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def http_site(site: Path) -> Iterator[str]:
    """The built site served from the web root on 127.0.0.1, for 404.html, whose links start at the root."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def first(page: Page, selector: str) -> Locator:
    """The first element matching selector, with a clear failure message if the page has none."""
    found = page.locator(selector)
    if found.count() == 0:
        pytest.fail(f"the page has no {selector}: annotate the article first")
    return found.first


def card_id(trigger: Locator) -> str:
    """The id of the card a trigger opens, as the build names it: card-<kind>-<id>[-s<statement>]."""
    ref = trigger.get_attribute("data-annotation")
    assert ref, "trigger without data-annotation"
    statement = trigger.get_attribute("data-statement")
    return "card-" + ref.replace("/", "-") + (f"-s{statement}" if statement else "")


def load_cards(page: Page) -> None:
    """Bring the article's cards into the page, as a reader's pointer reaching the text does, and wait for them."""
    page.locator(".ann-reading").dispatch_event("pointerover")
    page.locator(".ann-card").first.wait_for(state="attached")


def card_for(page: Page, trigger: Locator) -> Locator:
    """The card a trigger opens (in the page once the cards' script has come)."""
    return page.locator(f'[id="{card_id(trigger)}"]')


def run_axe(page: Page) -> list[str]:
    """Serious and critical axe-core violations on the page, one line per rule with its first nodes.

    No preload: from file:// axe's fetch of the stylesheets is refused (and logged), and only the rule on
    orientation locks needs them.
    """
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `npm ci` (make test does)")
    page.add_script_tag(path=str(AXE))
    # Colours mid-transition (search results fading in, say) would be measured wrong: let them settle.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => 0))),
            new Promise(done => setTimeout(done, 2000)),
        ])"""
    )
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations'], preload: false})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
    )
    return [str(v) for v in violations]
