"""The reading page as a reader meets it: calm spans, its text face and measure, margin notes, a clean "off" state."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from browser_support import DESKTOP, PHONE_OPTIONS, assert_clean, card_for, new_context
from playwright.sync_api import Browser, Page, expect

ROOT = Path(__file__).resolve().parents[2]
WIDE = {"width": 1600, "height": 1000}

_STYLES = """() => [...document.querySelectorAll('.ann-article a.ann, .ann-article .ann-stmt, .ann-article a.ann-mark')]
  .map(el => {
    const s = getComputedStyle(el), after = getComputedStyle(el, '::after');
    return {
      what: el.matches('a.ann') ? 'mention' : el.matches('.ann-stmt') ? 'statement' : 'mark',
      background: s.backgroundColor, image: s.backgroundImage,
      look: [s.color, s.textDecorationLine, s.textDecorationStyle, s.textDecorationColor,
             s.textDecorationThickness, s.fontSize, after.maskImage || after.webkitMaskImage].join('|'),
    };
  })"""

_LINES = """() => {
  const counts = [];
  const range = document.createRange();
  for (const text of document.querySelectorAll('.ann-article .ann-text')) {
    const lines = new Map();
    const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const key = Math.round(rect.top / 4);
        lines.set(key, (lines.get(key) || 0) + 1);
      }
    }
    const full = [...lines.keys()].sort((a, b) => a - b).map(k => lines.get(k));
    full.pop();  // a paragraph's last line is short by nature
    counts.push(...full);
  }
  return counts.sort((a, b) => a - b);
}"""


def test_default_state_is_calm(page: Page, article_url: str) -> None:
    """By default no span is tinted, and the article's spans show at most two looks: mentions, statement marks."""
    page.goto(article_url)
    styles = page.evaluate(_STYLES)
    assert len(styles) > 100
    tinted = [s for s in styles if s["background"] not in ("rgba(0, 0, 0, 0)", "transparent") or s["image"] != "none"]
    assert tinted == []
    looks = {s["look"] for s in styles if s["what"] != "statement"}
    assert len(looks) <= 2, looks
    quiet = {s["look"] for s in styles if s["what"] == "statement"}
    assert len(quiet) == 1, "statement spans look like the text around them"


def test_one_kind_brings_its_own_style_back(page: Page, article_url: str) -> None:
    """Highlighting one kind gives its mentions their own line style and colour, not colour alone."""
    page.goto(article_url)
    mention = page.locator('.ann-article a.ann[data-annotation^="places/"]').first
    calm = mention.evaluate("el => getComputedStyle(el).textDecorationStyle")
    page.get_by_role("button", name="Reading options").click()
    page.get_by_role("radio", name="Places").check()
    assert mention.evaluate("el => getComputedStyle(el).textDecorationStyle") == "wavy" != calm
    page.get_by_role("radio", name="Statements").check()
    statement = page.locator(".ann-article .ann-stmt").first
    assert statement.evaluate("el => getComputedStyle(el).backgroundImage + getComputedStyle(el).backgroundColor") != (
        "nonergba(0, 0, 0, 0)"
    )


@pytest.mark.parametrize("width", [1280, 1600])
def test_measure_and_text_face(browser: Browser, article_url: str, width: int) -> None:
    """The article is set in the shipped text face, at 55 to 80 characters a line, loaded from disk cleanly."""
    context = new_context(browser, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(article_url)
    page.evaluate("document.fonts.ready")
    assert page.evaluate("""document.fonts.check('19px "Source Serif 4"')""")
    family = page.locator(".ann-article").evaluate("el => getComputedStyle(el).fontFamily")
    assert family.startswith('"Source Serif 4"')
    counts = page.evaluate(_LINES)
    median = counts[len(counts) // 2]
    assert 55 <= median <= 80, f"median {median} characters a line"
    assert counts[-1] <= 85, f"longest full line {counts[-1]} characters"
    assert_clean(context)
    context.close()


def test_margin_notes_beside_their_paragraphs(browser: Browser, article_url: str) -> None:
    """At 1600 px every statement has a margin note, beside its paragraph, below none above it, outside the article."""
    context = new_context(browser, viewport=WIDE)
    page = context.new_page()
    page.goto(article_url)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(200)
    notes = page.evaluate(
        """() => [...document.querySelectorAll('.ann-note')].map(n => {
            const r = n.getBoundingClientRect();
            const p = n.paragraph.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, pTop: p.top, pRight: p.right,
                    statements: n.statements.length, inArticle: !!n.closest('.ann-article'),
                    who: n.querySelector('.ann-note-who').textContent};
        })"""
    )
    marks = page.locator(".ann-article a.ann-mark").count()
    assert notes
    assert sum(n["statements"] for n in notes) == marks, "every statement has its note"
    text_right = page.locator(".ann-article").evaluate("el => el.getBoundingClientRect().right")
    for note in notes:
        assert note["who"].strip()
        assert not note["inArticle"]
        assert note["top"] >= note["pTop"] - 1, "a note starts no higher than its paragraph"
        assert note["left"] >= text_right, "notes stay out of the text"
        assert note["right"] <= WIDE["width"]
    for above, below in itertools.pairwise(notes):
        assert below["top"] >= above["bottom"], "notes do not overlap"
    link = page.locator(".ann-note").first
    assert (link.get_attribute("href") or "").startswith("../sources.html#")
    assert_clean(context)
    context.close()


def test_margin_notes_fold_away_on_narrow_screens(browser: Browser, article_url: str) -> None:
    """Below 1220 px no note shows (the cards say who speaks); they come when the window widens."""
    context = new_context(browser, viewport=DESKTOP | {"width": 1100})
    page = context.new_page()
    page.goto(article_url)
    page.wait_for_timeout(200)
    assert page.locator(".ann-note:visible").count() == 0
    page.set_viewport_size(WIDE)
    expect(page.locator(".ann-note").first).to_be_visible()
    page.set_viewport_size(DESKTOP | {"width": 1100})
    expect(page.locator(".ann-note").first).to_be_hidden()
    context.close()


def test_annotations_off_leave_exactly_the_text(page: Page, article_url: str) -> None:
    """Off: the paragraphs read and lay out exactly as plain text would, with nothing left behind."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(article_url)
    page.get_by_role("button", name="Reading options").click()
    page.get_by_role("button", name="Annotations").click()
    lines = (ROOT / "articles" / "west-africa-alliance" / "article.txt").read_text(encoding="utf-8")
    paragraphs = lines.splitlines()[1:-1]
    assert page.locator(".ann-article").evaluate("el => el.textContent") == "\n".join(paragraphs)
    # Each paragraph against a plain copy of its text in the same place: the same lines, the last character in the
    # same place.
    differences = page.evaluate(
        """() => [...document.querySelectorAll('.ann-article .ann-text')].flatMap((text, i) => {
            const plain = text.cloneNode(false);
            plain.textContent = text.textContent;
            text.after(plain);
            const measure = el => {
                const range = document.createRange();
                range.selectNodeContents(el);
                const rects = [...range.getClientRects()];
                const last = rects[rects.length - 1];
                return [el.getBoundingClientRect().height, Math.round(last.right), rects.length > 0];
            };
            text.style.display = 'block';
            plain.style.display = 'block';
            const [a, b] = [measure(text), measure(plain)];
            plain.remove();
            text.style.display = '';
            // Kerning is not applied across an element's edge: a pixel or so; a stray space would be several.
            return a[0] === b[0] && Math.abs(a[1] - b[1]) <= 2 ? [] : [[i + 1, a, b]];
        })"""
    )
    assert differences == []
    leftovers = page.evaluate(
        """() => [...document.querySelectorAll('.ann-article a.ann, .ann-article .ann-stmt, .ann-article a.ann-mark')]
            .filter(el => el.getClientRects().length)
            .map(el => getComputedStyle(el))
            .filter(s => s.textDecorationLine !== 'none' || s.backgroundColor !== 'rgba(0, 0, 0, 0)' ||
                         s.backgroundImage !== 'none' || parseFloat(s.paddingLeft) || parseFloat(s.marginLeft))
            .length"""
    )
    assert leftovers == 0


def test_first_screen_invites_reading_on_a_phone(browser: Browser, article_url: str) -> None:
    """A 375x740 phone's first screen holds the title, credit and first paragraph; controls wait behind a button."""
    context = new_context(browser, **PHONE_OPTIONS)
    page = context.new_page()
    page.goto(article_url)
    height = PHONE_OPTIONS["viewport"]["height"]  # type: ignore[index]
    for selector in ("h1", ".ann-byline", "#p1"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["y"] >= 0, selector
        assert box["y"] + box["height"] <= height, f"{selector} is not on the first screen: {box}"
    expect(page.locator(".ann-options")).to_be_visible()
    expect(page.locator(".ann-tools")).to_be_hidden()
    assert_clean(context)
    context.close()


def test_verdicts_beside_their_claims_and_hidden_by_the_control(browser: Browser, article_url: str) -> None:
    """A claim's margin note and card say how it held up, in words and with a date.

    The reading controls hide every verdict at once, and the choice lasts across a reload.
    """
    context = new_context(browser, viewport=WIDE)
    page = context.new_page()
    page.goto(article_url)
    page.wait_for_timeout(200)
    verdict = page.locator(".ann-note .ann-v").first
    expect(verdict).to_be_visible()
    assert re.fullmatch(r". [A-Z][a-z ]+, [A-Z][a-z]+ \d{4}", verdict.inner_text()), verdict.inner_text()
    note = verdict.locator("xpath=ancestor::a[contains(@class, 'ann-note')]")
    mark = page.locator(f'.ann-article a.ann-mark[data-annotation="{note.get_attribute("data-annotation")}"]').first
    mark.hover()
    card = card_for(page, mark)
    expect(card).to_be_visible()
    expect(card.locator(".ann-card-verdict")).to_be_visible()
    expect(card.locator(".ann-card-verdict")).to_contain_text("as of")
    evidence = card.get_by_role("link", name="The evidence")
    assert "how-it-held-up.html#" in (evidence.get_attribute("href") or "")
    page.mouse.move(5, 500)
    page.get_by_role("button", name="Reading options").click()
    switch = page.get_by_role("button", name="Verdicts")
    expect(switch).to_have_attribute("aria-pressed", "true")
    switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(verdict).to_be_hidden()
    expect(page.locator(".ann-note").first).to_be_visible()  # only the verdicts go
    mark.hover()
    expect(card).to_be_visible()
    expect(card.locator(".ann-card-verdict")).to_be_hidden()
    page.reload()
    page.wait_for_timeout(200)
    expect(page.locator(".ann-note .ann-v").first).to_be_hidden()
    page.get_by_role("button", name="Reading options").click()
    page.get_by_role("button", name="Verdicts").click()
    expect(page.locator(".ann-note .ann-v").first).to_be_visible()
    assert_clean(context)
    context.close()
