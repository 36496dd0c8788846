"""Hostile input: script-injection strings in every kind of field, built with MkDocs and opened in Chromium.

Each corpus string, if it ever ran, would set `top.__pwned` (or open a dialog). The strings go into every
plain field (terms, names, roles, citation titles, the article's own title and text) and every Markdown field
(definitions, summaries, notes, timeline texts); URL-like fields get only what their schema admits, and the
schema is shown to refuse the rest. Then:

- `make check` (the engine's `check`) reports the Markdown ones as problems, clearly, never with a traceback;
- the site built from everything that passes is inert: no event-handler attribute, no script but the theme's
  and ours, no frame, object, base or meta refresh, no javascript:/data:/vbscript: URL; in Chromium nothing
  runs on its article page while every card is opened by focus and a sample by hover, nor in a site search;
- with the Markdown check switched off, the sanitizer alone keeps even the refused strings inert: the same
  audit, and every page of that site (a superset of the first) opened in Chromium with every card opened.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_support import card_for
from helpers import MakeProject
from playwright.sync_api import Browser

from annotated_reading.errors import Problem
from annotated_reading.pipeline import Project, check

ARTICLE = "west-africa-alliance"  # the real article's id, so that the test project's pages have the real ones' paths
PWN = "top.__pwned=1"

CORPUS: list[str] = [
    # Script elements, in and out of context
    f"<script>{PWN}</script>",
    f"<SCRIPT SRC=data:text/javascript,{PWN}></SCRIPT>",
    f"</script><script>{PWN}</script>",
    f'"><script>{PWN}</script>',
    f"'><script>{PWN}</script>",
    f"</textarea></title></style><script>{PWN}</script>",
    f"<scr<script>ipt>{PWN}</scr</script>ipt>",
    f"<<script>script>{PWN}<</script>/script>",
    f"&lt;script&gt;{PWN}&lt;/script&gt;",
    # Event handlers and attribute breakouts
    f"<img src=x onerror={PWN}>",
    f'<img src="x" onerror="{PWN}"//',
    f'" onmouseover="{PWN}" x="',
    f"' onfocus='{PWN}' autofocus '",
    f'"><img src=x onerror={PWN}>',
    f"<body onload={PWN}>",
    f"<details open ontoggle={PWN}>x</details>",
    f"<input autofocus onfocus={PWN}>",
    f'<a href="#" onclick="{PWN}">x</a>',
    f"<div style=\"width:expression({PWN});background:url('javascript:{PWN}')\">x</div>",
    f"<style>@import 'javascript:{PWN}';body{{x:expression({PWN})}}</style>",
    # SVG and MathML
    f"<svg onload={PWN}>",
    f"<svg><script>{PWN}</script></svg>",
    f'<svg><a xlink:href="javascript:{PWN}"><text y="20">x</text></a></svg>',
    f'<svg><animate onbegin="{PWN}" attributeName="x" dur="1s"/></svg>',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}">',
    f'<math href="javascript:{PWN}">x</math>',
    f'<noscript><p title="</noscript><img src=x onerror={PWN}>">',
    f"<template><img src=x onerror={PWN}></template>",
    # Frames, objects, base, meta refresh, forms
    '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
    f'<iframe src="javascript:{PWN}"></iframe>',
    f'<object data="javascript:{PWN}"></object>',
    f'<embed src="data:text/html,<script>{PWN}</script>">',
    f'<base href="javascript:{PWN}//">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">',
    f'<form action="javascript:{PWN}"><button>go</button></form>',
    # javascript:, data:, vbscript: links in encoded variants
    f'<a href="javascript:{PWN}">x</a>',
    f'<a href="JaVaScRiPt:{PWN}">x</a>',
    f'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{PWN}">x</a>',
    f'<a href="java&#x09;script:{PWN}">x</a>',
    f'<a href=" \x01\x0bjavascript:{PWN}">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+">x</a>',
    # Markdown link, image, autolink and reference forms
    f"[click](javascript:{PWN})",
    f"[click](JAVASCRIPT:{PWN})",
    f"[click](java&#x09;script:{PWN})",
    f"[click]( javascript:{PWN} )",
    f'[click](https://example.org "x\\" onmouseover=\\"{PWN}")',
    f"[click](data:text/html,<script>{PWN}</script>)",
    f"![x](javascript:{PWN})",
    f'![x](x" onerror="{PWN})',
    f"<javascript:{PWN}>",
    f"[ref][r]\n\n[r]: javascript:{PWN}",
    # HTML comments, templates, Markdown attribute lists
    f"<!-- --><script>{PWN}</script> -->",
    f"<!--<img src=x onerror={PWN}>-->",
    f"{{{{ 7*7 }}}} {{% raw %}} ${{{PWN}}} #{{7*7}} {{{{ config }}}}",
    f'Heading {{: onclick="{PWN}" }}',
    f"x {{#id onmouseover={PWN}}}",
    f"`<script>{PWN}</script>`",
    f"*<script>*{PWN}*</script>*",
]

ALLOWED_URLS = [
    f"https://example.org/'onmouseover='{PWN}'",
    f"https://example.org/?a=1&b=2&quot;onmouseover={PWN}",
    f"https://example.org/javascript:{PWN}",
    "https://example.org/%22%3E%3Cscript%3Etop.__pwned=1%3C/script%3E",
    f"https://example.org/'}};{PWN};//",
    "https://example.org/{{7*7}}",
]
"""Addresses that citation `url` fields accept: they must come out inert."""

REFUSED_URLS = [
    f"javascript:{PWN}",
    f"JAVASCRIPT:{PWN}",
    f"java\tscript:{PWN}",
    f" https://example.org/ onmouseover={PWN}",
    f'https://example.org/" onmouseover="{PWN}',
    f"https://example.org/<script>{PWN}</script>",
    "data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+",
    "vbscript:msgbox(1)",
    "//example.org/x",
    "&#106;avascript:alert(1)",
]
"""Addresses the schema refuses."""

STRICT_FIELDS = ["see_also", "category", "wikidata", "date", "relations.with", "type", "url"]
"""Fields whose schema admits only a fixed form: every corpus string must be refused there."""

_CITATION = '{{title: {t}, publisher: {p}, url: {u}, date: "2020-01-01"{n}}}'


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=True)


def _one_line(value: str) -> str:
    return value.replace("\r", " ").replace("\n", " ")


def _cite(title: str = "A page", publisher: str = "A publisher", url: str = "https://example.org/page") -> str:
    note = f", note: {_q(title)}" if title != "A page" else ""
    return _CITATION.format(t=_q(title), p=_q(publisher), u=_q(url), n=note)


def _plain_files(i: int, payload: str) -> dict[str, str]:
    """The payload in every plain field of every kind (entries found through neutral tokens)."""
    p = _q(payload)
    url = ALLOWED_URLS[i % len(ALLOWED_URLS)]
    sources = f"sources:\n  - {_cite(payload, payload, url)}\n"
    return {
        f"annotations/glossary/p{i}.yml": (
            f"term: {p}\nmatch: [{_q(_one_line(payload))}]\ndefinition: About [it](groups/p{i}).\n{sources}"
        ),
        f"annotations/groups/p{i}.yml": (
            f"name: {p}\nmatch: [pgr{i}]\nfull_name: {p}\ntype: {p}\nideology: {p}\n"
            f"aliases:\n  - {{name: {p}, language: fr, note: {p}}}\nfounders: [{p}]\n"
            f"areas:\n  - {{place: places/p{i}, detail: {p}}}\n"
            f"summary: A group.\nleaders:\n  - {{name: {p}, role: {p}, fate: {p}, sources: [{_cite()}]}}\n"
            f"allegiance:\n  - {{to: {p}, sources: [{_cite()}]}}\n"
            f'strength:\n  - {{date: "2020", estimate: {p}, sources: [{_cite()}]}}\n'
            f'designations:\n  - {{by: {p}, list: {p}, date: "2020", reference: {p}, note: {p},'
            f" sources: [{_cite()}]}}\n"
            f"{sources}"
        ),
        f"annotations/sources/p{i}.yml": (
            f"name: {p}\ntype: anonymous\nmatch: [psr{i}]\nrole: {p}\naffiliation: {p}\nanonymity: {p}\n"
            f"statements:\n  - {{quote: {_q(_one_line(payload))}, prefix: {_q(f'q{i} says')}, kind: direct}}\n"
            f"{sources}"
        ),
        f"annotations/people/p{i}.yml": (
            f"name: {p}\nmatch: [ppe{i}]\nsummary: A person.\nrole_at_publication: {p}\n"
            f"roles:\n  - {{role: {p}, sources: [{_cite()}]}}\n{sources}"
        ),
        f"annotations/places/p{i}.yml": f"name: {p}\nmatch: [ppl{i}]\ntype: city\ndescription: A place.\n{sources}",
        f"annotations/figures/p{i}.yml": (
            f"figure: {p}\nmatch: [pfi{i}]\nnote: A number.\n"
            f'estimates:\n  - {{date: "2020", value: {p}, sources: [{_cite()}]}}\n{sources}'
        ),
    }


def _markdown_files(i: int, payload: str) -> dict[str, str]:
    """The payload in every Markdown field of every kind."""
    m = _q(payload)
    block = _q(f"{payload}\n\nA second paragraph: {payload}")
    dated = f'{{date: "2020", text: {m}, sources: [{_cite()}]}}'
    tail = f"since_publication:\n  - {dated}\nsources:\n  - {_cite()}\n"
    return {
        f"annotations/glossary/m{i}.yml": f"term: mgl{i}\ndefinition: {block}\n{tail}",
        f"annotations/sources/m{i}.yml": (
            f"name: msr{i}\ntype: named\ndescription: {block}\n"
            f"statements:\n  - {{quote: msq{i} words, note: {m}, hindsight: {{verdict: borne-out, "
            f'as_of: "2026", explanation: {m}, sources: [{_cite()}]}}}}\n{tail}'
        ),
        f"annotations/people/m{i}.yml": (
            f"name: mpe{i}\nsummary: {block}\nroles:\n  - {{role: A role, note: {m}, sources: [{_cite()}]}}\n{tail}"
        ),
        f"annotations/places/m{i}.yml": f"name: mpl{i}\ntype: city\ndescription: {block}\n{tail}",
        f"annotations/figures/m{i}.yml": (
            f"figure: mfi{i}\nnote: {block}\n"
            f'estimates:\n  - {{date: "2020", value: "100", note: {m}, sources: [{_cite()}]}}\n{tail}'
        ),
    }


def _markdown_group(payloads: list[str]) -> dict[str, str]:
    """Every payload in every Markdown field of one group (a page per group would cost a page per payload)."""
    items = {
        "leaders": [f"{{name: A leader, note: {_q(m)}, sources: [{_cite()}]}}" for m in payloads],
        "allegiance": [f"{{to: groups/m-all, note: {_q(m)}, sources: [{_cite()}]}}" for m in payloads],
        "strength": [f'{{date: "2020", estimate: "100", note: {_q(m)}, sources: [{_cite()}]}}' for m in payloads],
        "timeline": [f'{{date: "2020", text: {_q(m)}, sources: [{_cite()}]}}' for m in payloads],
        "relations": [f"{{with: groups/m-all, type: rivalry, text: {_q(m)}, sources: [{_cite()}]}}" for m in payloads],
        "since_publication": [f'{{date: "2021", text: {_q(m)}, sources: [{_cite()}]}}' for m in payloads],
    }
    lists = "".join(f"{key}:\n" + "".join(f"  - {item}\n" for item in values) for key, values in items.items())
    summary = _q("\n\n".join(payloads))
    founded = f'{{date: "2017", text: {_q(payloads[0])}, sources: [{_cite()}]}}'
    body = f"name: mgroups\nsummary: {summary}\nfounded: {founded}\n{lists}sources:\n  - {_cite()}\n"
    return {"annotations/groups/m-all.yml": body}


def _paragraph(i: int, payload: str) -> str:
    tokens = " ".join(f"{t}{i}" for t in ("pgr", "psr", "ppe", "ppl", "pfi", "mgl", "msr", "mpe", "mpl", "mfi"))
    return f"Paragraph {i}: {tokens}; msq{i} words; and q{i} says {_one_line(payload)} end."


TITLE = f'"><img src=x onerror={PWN}>{{: onclick="{PWN}"}} </title><script>{PWN}</script>'
CREDIT = f"</p><script>{PWN}</script><!--"
WHY_IT_MATTERS = f"{CORPUS[8]} [a link]({ALLOWED_URLS[0]})"
"""Hostile, yet passes `make check` (escaped text, an allowed address); raw HTML there is refused like elsewhere."""


def make_hostile(make_project: MakeProject, *, markdown: bool = True) -> Path:
    """A full MkDocs project with the corpus in every field; `markdown=False` leaves Markdown fields benign."""
    files: dict[str, str] = {}
    for i, payload in enumerate(CORPUS):
        files.update(_plain_files(i, payload))
        if markdown:
            files.update(_markdown_files(i, payload))
        else:
            files.update(_markdown_files(i, "Plain *Markdown* with a [link](https://example.org)."))
    files.update(_markdown_group(CORPUS if markdown else ["Plain *Markdown*."]))
    paragraphs = [*(_paragraph(i, payload) for i, payload in enumerate(CORPUS)), "The mgroups are here."]
    root = make_project(files, paragraphs, article_id=ARTICLE, with_docs=True)
    # The article's own title, credit and provenance are hostile too.
    folder = root / "articles" / ARTICLE
    (folder / "article.txt").write_text("\n".join([TITLE, *paragraphs, CREDIT]), encoding="utf-8")
    (folder / "article.yml").write_text(
        f"title: {_q(TITLE)}\npublisher: {_q(CORPUS[20])}\nurl: {_q(ALLOWED_URLS[0])}\n"
        f'first_published: {{publisher: {_q(CORPUS[3])}, date: "2020-02-22", headline: {_q(CORPUS[11])}}}\n'
        f"credit: {_q(CREDIT)}\ntext: article.txt\nsummary: {_q('An *article*.')}\n"
        f"why_it_matters: {_q(WHY_IT_MATTERS)}\ntitle_note: {_q(WHY_IT_MATTERS)}\n"
        f"editions:\n  - {{publisher: {_q(CORPUS[4])}, headline: {_q(CORPUS[5])}, byline: {_q(CORPUS[6])},"
        f' by_date: "2020-02-25", note: {_q(WHY_IT_MATTERS)},'
        f" seen_in: [{{title: {_q(CORPUS[7])}, publisher: {_q(CORPUS[9])}, url: {_q(ALLOWED_URLS[0])}}}]}}\n",
        encoding="utf-8",
    )
    return root


def drop_refused(root: Path, problems: list[Problem]) -> list[str]:
    """Remove the annotation files that have problems; return their paths."""
    refused = sorted({p.path for p in problems})
    for path in refused:
        assert path.startswith("annotations/"), f"a problem outside the annotations: {path}"
        (root / path).unlink()
    return refused


def mkdocs(root: Path, site: Path, *, without_markdown_check: bool = False) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in a fresh interpreter; optionally with the Markdown check switched off."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1582329600",
    }
    prelude = (
        "import annotated_reading.pipeline as b; b.check_markdown = lambda *a: []; " if without_markdown_check else ""
    )
    code = prelude + "import sys; from mkdocs.__main__ import cli; sys.exit(cli())"
    command = [sys.executable, "-c", code, "build", "--strict", "--quiet", "-d", str(site)]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)


# --- static checks of the built HTML -------------------------------------------------------------------------

_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset"}
_FORBIDDEN_TAGS = {
    *("iframe", "frame", "frameset", "object", "embed", "applet", "base", "template", "textarea"),
    *("foreignobject", "animate", "set", "handler", "listener"),
}
_THEME_ONLY_TAGS = {"math", "style", "link", "meta", "noscript"}
"""The theme's head has these; the page content must not. (Forms and inputs may be ours, e.g. filters: their
event handlers and `action` URLs are checked like every other attribute.)"""
_THEME_INLINE = ("__md_scope=new URL(", "var palette=__md_get(", "var target=document.getElementById(location.hash")
"""How Material's own inline scripts begin; any other inline script is a finding."""
_BAD_SCHEME = re.compile(r"^(?:javascript|data|vbscript):", re.IGNORECASE)


class _Audit(HTMLParser):
    """Everything in one page that could run code or leave the page."""

    def __init__(self, site: Path, page: Path) -> None:
        super().__init__(convert_charrefs=True)
        self.site = site.resolve()
        self.folder = page.parent.resolve()
        self.name = page.relative_to(site).as_posix()
        self.findings: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._script_text = ""
        self._articles = 0
        self._content = 0
        """Nesting level of the page content's <article>, or 0 outside it."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        where = f"{self.name}: <{tag}>"
        for key, value in attributes.items():
            if key.startswith("on"):
                self.findings.append(f"{where} has event handler {key}={value!r}")
            if key in _URL_ATTRIBUTES and _BAD_SCHEME.match(re.sub(r"[\x00-\x20]", "", value)):
                self.findings.append(f"{where} has {key}={value!r}")
            if key == "src" and not self._in_site(value):
                self.findings.append(f"{where} loads {value!r}, which is not a file of the site")
            if key == "style" and re.search(r"expression\(|javascript:|url\(", value, re.IGNORECASE):
                self.findings.append(f"{where} has style={value!r}")
        if tag in _FORBIDDEN_TAGS:
            self.findings.append(f"{where} is not allowed in the output")
        if tag == "article":
            self._articles += 1
            if "md-content__inner" in attributes.get("class", ""):
                self._content = self._articles
        if tag in _THEME_ONLY_TAGS and self._content:
            self.findings.append(f"{where} is not expected in the page content")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.findings.append(f"{where} refreshes the page")
        if tag == "script":
            self._script, self._script_text = attributes, ""

    def _in_site(self, url: str) -> bool:
        """Whether `url` is a relative or root-absolute path to a file the build wrote (root: the site)."""
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", url.strip()):
            return False
        path = url.split("#")[0].split("?")[0]
        target = (self.site / path.lstrip("/")) if path.startswith("/") else (self.folder / path)
        return target.resolve().is_file() and target.resolve().is_relative_to(self.site)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            if self._content == self._articles:
                self._content = 0
            self._articles -= 1
        if tag != "script" or self._script is None:
            return
        attributes, body = self._script, self._script_text.strip()
        self._script = None
        src = attributes.get("src")
        if src:
            pass  # checked with the other attributes: it must be a file of the site
        elif attributes.get("type") in ("application/json", "application/ld+json"):
            # Data, not code: it must be whole JSON (nothing closed the element early), with no '<' in it.
            try:
                json.loads(body)
            except ValueError:
                self.findings.append(f"{self.name}: a JSON script element does not hold JSON: {body[:80]!r}")
            if "<" in body:
                self.findings.append(f"{self.name}: a JSON script element holds '<': {body[:80]!r}")
        elif not body.startswith(_THEME_INLINE) or "pwned" in body:
            self.findings.append(f"{self.name}: unexpected inline script {body[:80]!r}")


def audit(site: Path) -> list[str]:
    """Findings over every HTML file of a built site (an empty list when all is inert)."""
    findings: list[str] = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, f"expected a full site in {site}"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        if not text.lstrip().lower().startswith("<!doctype html"):
            continue  # a theme template copied as a static file, not a page
        parser = _Audit(site, path)
        parser.feed(text)
        parser.close()
        findings += parser.findings
    return findings


# --- the browser ---------------------------------------------------------------------------------------------

TRAP = """
(() => {
  const hit = (what) => { (window.top.__hits = window.top.__hits || []).push(what + ' in ' + location.href); };
  Object.defineProperty(window, '__pwned', {configurable: false, get: () => undefined, set: () => hit('__pwned')});
  for (const name of ['alert', 'confirm', 'prompt', 'print']) { window[name] = () => hit(name); }
})();
"""


VISIT = """
async () => {
  // Open every card by keyboard focus, as a reader tabbing through would; then report what ran. The cards come
  // with their own script, asked for by the first focus: wait for them (all of them, hidden, arrive at once).
  const triggers = [...document.querySelectorAll('.ann-article a.ann, .ann-article a.ann-mark')];
  const cardId = (t) =>
    'card-' + t.dataset.annotation.replace('/', '-') + (t.dataset.statement ? '-s' + t.dataset.statement : '');
  if (triggers.length) triggers[0].focus();
  for (let i = 0; triggers.length && i < 250 && !document.querySelector('.ann-card'); i += 1) {
    await new Promise((done) => setTimeout(done, 20));
  }
  let opened = 0;
  for (const trigger of triggers) {
    trigger.focus();
    const card = document.getElementById(cardId(trigger));
    if (card && !card.hidden) opened += 1;
  }
  const escape = new KeyboardEvent('keydown', {key: 'Escape', bubbles: true});
  (document.activeElement || document).dispatchEvent(escape);
  document.activeElement && document.activeElement.blur();
  return {triggers: triggers.length, opened, hits: window.__hits || []};
}
"""


def site_pages(site: Path) -> list[Path]:
    """The site's HTML pages, for the browser (404.html serves web hosts: its asset links are root-absolute)."""
    return [
        path
        for path in sorted(site.rglob("*.html"))
        if path.name != "404.html" and path.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    ]


def browse(browser: Browser, pages: list[Path], *, hovers: int = 0, search: str = "") -> int:
    """Open each page from file://, open every card by focus (and `hovers` of them by mouse); fail if anything ran.

    Anything ran: the `__pwned` trap or a dialog fired, a page error or console error was logged, a page
    navigated away or opened a popup, or a request left the machine. `search` also types a query into the
    site search on the first page and waits for results. Returns the number of cards opened.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(TRAP)
    off_machine: list[str] = []
    context.route(re.compile(r"^(?!file:)"), lambda route: (off_machine.append(route.request.url), route.abort()))
    events: list[str] = []
    tab = context.new_page()
    tab.on("dialog", lambda d: (events.append(f"{tab.url}: dialog {d.type}: {d.message}"), d.dismiss()))
    tab.on("pageerror", lambda e: events.append(f"{tab.url}: page error: {e}"))
    tab.on("console", lambda m: events.append(f"{tab.url}: console: {m.text}") if m.type == "error" else None)
    tab.on("popup", lambda p: events.append(f"{tab.url}: popup {p.url}"))
    cards = 0
    try:
        for path in pages:
            tab.goto(path.as_uri())
            result = tab.evaluate(VISIT)
            assert not result["hits"], f"{path.name}: code ran: {result['hits']}"
            assert result["opened"] == result["triggers"], f"{path.name}: not every card opened: {result}"
            cards += result["opened"]
            if hovers and result["triggers"]:
                triggers = tab.locator(".ann-article a.ann").all()
                for trigger in triggers[:: max(1, len(triggers) // hovers)]:
                    trigger.hover()
                    card_for(tab, trigger).wait_for(state="visible")
                    tab.keyboard.press("Escape")
                assert not tab.evaluate("window.__hits || []"), f"{path.name}: code ran on hover"
            assert tab.url == path.as_uri(), f"{path.name}: the page navigated away to {tab.url}"
            assert not events, events
        if search:
            tab.goto(pages[0].as_uri())
            tab.locator("input.md-search__input").fill(search)
            tab.locator(".md-search-result__item").first.wait_for(timeout=10_000)
            tab.wait_for_timeout(100)
            assert not tab.evaluate("window.__hits || []"), "code ran in the search results"
        assert not events, events
        assert not off_machine, f"requests off the machine: {off_machine[:5]}"
    finally:
        context.close()
    return cards


# --- the tests -----------------------------------------------------------------------------------------------


def test_corpus_is_large_and_distinct() -> None:
    assert len(CORPUS) >= 40
    assert len(set(CORPUS)) == len(CORPUS)


_MARKDOWN_PROBLEM = re.compile(
    r": (?:[a-z_]+(?:\[\d+\])?\.)*[a-z_]+(?:\[\d+\])? "
    r"(?:contains raw HTML \(.+\)|contains an image \(.+\)|has a link to .+|links to unknown entry .+), "
    r"?(?:which is not allowed)?"
)


def test_check_reports_hostile_markdown_clearly(make_project: MakeProject, tmp_path: Path) -> None:
    """Every corpus string in a Markdown field that would be lost is a located problem; none is a traceback."""
    root = make_hostile(make_project)
    problems = check(Project(root))
    markdown_files = {p.path for p in problems if Path(p.path).stem.startswith("m")}
    plain_files = {p.path for p in problems if Path(p.path).stem.startswith("p")}
    for problem in problems:
        assert min(problem.line, problem.column) >= 1, problem
        assert problem.hint, problem
        if problem.path in markdown_files:
            assert _MARKDOWN_PROBLEM.search(problem.message), problem.format()
    # A script tag in a Markdown field is refused in every kind (the group holding all strings included).
    refused = Counter(int(Path(path).stem[1:]) for path in markdown_files if Path(path).stem[1:].isdigit())
    assert "annotations/groups/m-all.yml" in markdown_files
    for i, payload in enumerate(CORPUS):
        if "<script>" in payload and not payload.startswith(("`", "&lt;")):
            assert refused[i] == 5, f"corpus[{i}] {payload!r} was reported in {refused[i]} of 5 kinds"
    assert len(markdown_files) >= 5 * 40
    # Plain fields take any text; a plain string can only fail to anchor: a quote not found, or a match form that
    # another entry claims (forms are compared ignoring case, so 'JaVaScRiPt:' and 'javascript:' collide).
    for problem in problems:
        if problem.path in plain_files:
            assert "quote" in problem.message or "match form" in problem.message, problem.format()
    assert len(plain_files) <= 4, sorted(plain_files)

    # The same problems, from the command line and from MkDocs: clear messages, exit status 1, no traceback.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cli = subprocess.run(
        [sys.executable, "-m", "annotated_reading", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert cli.returncode == 1
    assert "Traceback" not in cli.stderr
    assert cli.stderr.rstrip().endswith(f"{len(set(problems))} problems found.")
    built = mkdocs(root, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.stderr + built.stdout
    assert "annotations have problems" in built.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def _fixed_form_file(field: str, i: int, value: str) -> tuple[str, str]:
    """An otherwise valid file with `value` in `field`."""
    v = _q(value)
    cite = f"sources:\n  - {_cite()}\n"
    if field == "type":
        return f"annotations/places/x{i}.yml", f"name: Sahel\ntype: {v}\ndescription: A place.\n{cite}"
    if field == "relations.with":
        relation = f"{{with: {v}, type: rivalry, text: Fought., sources: [{_cite()}]}}"
        return f"annotations/groups/x{i}.yml", f"name: Sahel\nsummary: A group.\nrelations:\n  - {relation}\n{cite}"
    body = {
        "see_also": f"see_also: [{v}]\n",
        "category": f"category: {v}\n",
        "wikidata": f"wikidata: {v}\n",
        "date": f"since_publication:\n  - {{date: {v}, text: Later., sources: [{_cite()}]}}\n",
        "url": "",
    }[field]
    if field == "url":
        cite = f"sources:\n  - {_cite(url=value)}\n"
    return f"annotations/glossary/x{i}.yml", f"term: Sahel\ndefinition: A region.\n{body}{cite}"


@pytest.mark.parametrize("field", STRICT_FIELDS)
def test_schema_refuses_hostile_values_in_fixed_form_fields(make_project: MakeProject, field: str) -> None:
    """References, enums, ids, dates and URLs admit none of the corpus strings: each is a located problem."""
    values = [*CORPUS, *REFUSED_URLS] if field == "url" else CORPUS
    files = dict(_fixed_form_file(field, i, value) for i, value in enumerate(values))
    problems = check(Project(make_project(files)))
    shown = {"date": "since_publication[0].date", "relations.with": "relations[0].with", "url": "sources[0].url"}
    refused = {p.path for p in problems if f": {shown.get(field, field)}" in p.message}
    accepted = [value for i, value in enumerate(values) if not any(path.endswith(f"/x{i}.yml") for path in refused)]
    assert not accepted, f"{field} accepted: {accepted}"


def test_schema_accepts_only_inert_urls(make_project: MakeProject) -> None:
    """The few URL shapes the schema admits hold no way out of an attribute once escaped."""
    files = {
        f"annotations/glossary/u{i}.yml": f"term: Sahel\ndefinition: A region.\nsources:\n  - {_cite(url=url)}\n"
        for i, url in enumerate(ALLOWED_URLS)
    }
    root = make_project(files)
    problems = [p for p in check(Project(root)) if "url" in p.message]
    assert not problems, [p.format() for p in problems]


def test_hostile_site_is_inert_in_chromium(make_project: MakeProject, tmp_path: Path, browser: Browser) -> None:
    """Everything that passes `make check` builds strictly, and the built site runs none of it.

    The browser walks the article page here (cards by focus and by hover, and a search); every other page is
    walked in the next test, whose site holds all of this one's content and the refused Markdown besides.
    """
    root = make_hostile(make_project)
    refused = drop_refused(root, check(Project(root)))
    assert len(refused) < len(CORPUS) * 8
    site = tmp_path / "site"
    result = mkdocs(root, site)
    assert result.returncode == 0, result.stderr
    findings = audit(site)
    assert not findings, "\n".join(findings[:20])
    article = site / "articles" / f"{ARTICLE}.html"
    assert article.read_text(encoding="utf-8").count("data-annotation=") > 8 * len(CORPUS)
    assert browse(browser, [article], hovers=12, search="onerror") > 4 * len(CORPUS)


def test_sanitizer_alone_keeps_refused_markdown_inert(
    make_project: MakeProject, tmp_path: Path, browser: Browser
) -> None:
    """Defence in depth: with the Markdown check off, every string builds, and every page of the site is inert."""
    root = make_hostile(make_project)
    meta = root / "articles" / ARTICLE / "article.yml"
    hostile = _q(" ".join(CORPUS[:12]))
    meta.write_text(meta.read_text(encoding="utf-8").replace(_q(WHY_IT_MATTERS), hostile), encoding="utf-8")
    drop_refused(root, [p for p in check(Project(root)) if Path(p.path).stem.startswith("p")])  # quote misses
    site = tmp_path / "site"
    result = mkdocs(root, site, without_markdown_check=True)
    assert result.returncode == 0, result.stderr
    findings = audit(site)
    assert not findings, "\n".join(findings[:20])
    pages = site_pages(site)
    assert len(pages) > len(CORPUS)  # a page per group, and the group pages hold hostile names in <title>
    assert browse(browser, pages) > 10 * len(CORPUS)


class _Text(HTMLParser):
    """The text a reader sees in a page's content (scripts and the theme's chrome left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._content = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" and "md-content__inner" in (dict(attrs).get("class") or ""):
            self._content = True
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if self._content and not self._skip:
            self.parts.append(data)

    @classmethod
    def of(cls, path: Path) -> str:
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return " ".join("".join(parser.parts).split())


def test_plain_fields_keep_their_text(make_project: MakeProject, tmp_path: Path) -> None:
    """Plain text is escaped, not dropped: hostile names and the article's own text read exactly as written."""
    root = make_hostile(make_project, markdown=False)
    drop_refused(root, check(Project(root)))
    site = tmp_path / "site"
    result = mkdocs(root, site)
    assert result.returncode == 0, result.stderr
    glossary = _Text.of(site / "glossary.html")
    article = _Text.of(site / "articles" / f"{ARTICLE}.html")
    for i, payload in enumerate(CORPUS):
        shown = " ".join(payload.split())
        if (root / "annotations" / "glossary" / f"p{i}.yml").exists():
            assert shown in glossary, f"glossary term {i} is not shown as written: {shown!r}"
        assert " ".join(_paragraph(i, payload).split()) in article, f"paragraph {i} is altered"
    assert " ".join(TITLE.split()) in article
    assert " ".join(CREDIT.split()) in article
