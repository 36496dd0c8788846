"""The projects the benchmark builds besides the real one.

Larger synthetic ones, and the real article without the engine: as a plain Material page, and as the engine's
pages made in advance.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTICLE = "west-africa-alliance"


def synthetic(scale: int) -> Path:
    """A project `scale` times the real one: `scale` articles of its size, 20 x scale entries, 3 sources each.

    Articles are the real text plus sentences naming synthetic terms; every term occurs somewhere, every
    quote exactly once. The real glossary, group, people, place and figure entries are kept (they occur in
    every article); the real sources are not (their quotes would be ambiguous across copies).
    """
    out = Path(tempfile.mkdtemp(prefix=f"bench-x{scale}-"))
    shutil.copytree(ROOT / "schemas", out / "schemas")
    for kind in ("glossary", "groups", "people", "places", "figures"):
        for path in sorted((ROOT / "annotations" / kind).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            # Links into the real sources, which are left out, are dropped.
            data["see_also"] = [ref for ref in data.get("see_also", []) if not ref.startswith("sources/")]
            if not data["see_also"]:
                del data["see_also"]
            text = re.sub(r"\]\(sources/[a-z0-9-]+\)", "](https://example.org/)", yaml.safe_dump(data))
            (out / "annotations" / kind).mkdir(parents=True, exist_ok=True)
            (out / "annotations" / kind / path.name).write_text(text, encoding="utf-8")
    (out / "annotations" / "sources").mkdir(parents=True)
    lines = (ROOT / "articles" / ARTICLE / "article.txt").read_text(encoding="utf-8").split("\n")
    meta = (ROOT / "articles" / ARTICLE / "article.yml").read_text(encoding="utf-8")
    terms = 20 * scale
    citation = '  - {title: Synthetic, publisher: Bench, url: "https://example.org/bench", date: "2020"}\n'
    glossary = out / "annotations" / "glossary"
    for t in range(terms):
        (glossary / f"synthetic-{t}.yml").write_text(
            f"term: Zorvanite{t}\ndefinition: A made-up term for the benchmark, number {t}.\nsources:\n{citation}",
            encoding="utf-8",
        )
    for a in range(scale):
        body = list(lines[1:-1])
        for t in range(a, terms, scale):
            body[t % len(body)] += f" Analysts also mentioned Zorvanite{t} here."
        quotes = []
        for q in range(3):
            sentence = f"Official {a}-{q} said sector {a}-{q} was changing fast."
            body[(q * 7 + a) % len(body)] += " " + sentence
            quotes.append(sentence)
        # The first keeps the real article's id: the real entries cite the article by it.
        article_id = ARTICLE if a == 0 else f"article-{a}"
        folder = out / "articles" / article_id
        folder.mkdir(parents=True)
        (folder / "article.txt").write_text("\n".join([lines[0], *body, lines[-1]]), encoding="utf-8")
        (folder / "article.yml").write_text(meta, encoding="utf-8")
        for q, sentence in enumerate(quotes):
            (out / "annotations" / "sources" / f"official-{a}-{q}.yml").write_text(
                f'name: Official {a}-{q}\ntype: anonymous\nstatements:\n  - quote: "{sentence}"\n'
                f"    article: {article_id}\nsources:\n{citation}",
                encoding="utf-8",
            )
    return out


def _config_without_engine() -> str:
    """mkdocs.yml without the engine's plugin, navigation, assets and watched folders."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n(?:  #.*\n)*  - annotated-reading\n", "\n", config)
    return re.sub(r"\nwatch:\n(?:  .*\n)+", "\n", config)


def plain_project(*, template_cache: bool) -> Path:
    """The same article text as one plain Material page: same theme and plugins, no engine, no annotations.

    With `template_cache`, it keeps the theme's compiled templates between builds, as the annotated site does.
    """
    out = Path(tempfile.mkdtemp(prefix="bench-plain-"))
    lines = (ROOT / "articles" / ARTICLE / "article.txt").read_text(encoding="utf-8").split("\n")
    (out / "docs").mkdir()
    (out / "docs" / "index.md").write_text(f"# {lines[0]}\n\n" + "\n\n".join(lines[1:]) + "\n", encoding="utf-8")
    config = _config_without_engine()
    config = re.sub(r"\nnav:\n(?:  .*\n)+", "\n", config)
    config = re.sub(r"\nextra_(css|javascript):\n(?:  .*\n)+", "\n", config)
    config = re.sub(r"\n  polyfills:\n(?:    .*\n)+", "\n", config)
    config = re.sub(r"\n  custom_dir: .*\n", "\n", config)
    if template_cache:
        shutil.copy(HERE / "template_cache_hook.py", out)
        config += "\nhooks:\n  - template_cache_hook.py\n"
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    return out


def floor_project() -> Path:
    """The annotated site with its pages made in advance: MkDocs gets the same pages, but runs no engine."""
    out = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    shutil.copytree(ROOT / "docs", out / "docs")
    shutil.copytree(ROOT / "overrides", out / "overrides")
    subprocess.run(
        [sys.executable, str(HERE / "dump_site.py"), str(ROOT), str(out / "docs"), str(out / "site.json")], check=True
    )
    shutil.copy(HERE / "floor_hook.py", out)
    (out / "mkdocs.yml").write_text(_config_without_engine() + "\nhooks:\n  - floor_hook.py\n", encoding="utf-8")
    return out
