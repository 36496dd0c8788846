"""Several articles share one annotation library; statements belong to one article."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import ARTICLE_META, MakeProject, mkdocs_build, source, term

from annotated_reading.pipeline import Project, check


def add_article(root: Path, article_id: str, title: str, paragraphs: list[str], meta: str = ARTICLE_META) -> None:
    """Add a second article folder to a test project (`meta`: its article.yml, with `{title}` for the title)."""
    folder = root / "articles" / article_id
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("\n".join([title, *paragraphs, "Source: Test"]), encoding="utf-8")
    (folder / "article.yml").write_text(meta.format(title=title), encoding="utf-8")


SECOND_META = """\
title: {title}
publisher: The Second Herald
first_published:
  publisher: The Morning Wire
  date: "2021-06-03"
credit: "Source: Test"
text: article.txt
summary: What the second article says.
why_it_matters: Why the second article still matters.
"""


def test_two_article_site(make_project: MakeProject, tmp_path: Path) -> None:
    """Both articles are built, indexed, and every occurrence list spans both."""
    root = make_project(
        {
            "annotations/glossary/sahel.yml": term("Sahel"),
            "annotations/sources/officials.yml": source(
                "Officials", ["the Sahel is at risk"], kind="anonymous"
            ).replace("  - quote:", "  - article: second-article\n    quote:"),
        },
        ["The Sahel is a region.", "Officials said the Sahel is at risk."],
        with_docs=True,
    )
    add_article(
        root, "second-article", "A second article", ["In the Sahel, officials said the Sahel is at risk."], SECOND_META
    )
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    first = (site / "articles/test-article.html").read_text(encoding="utf-8")
    second = (site / "articles/second-article.html").read_text(encoding="utf-8")
    assert first.count('data-annotation="glossary/sahel"') == 2
    assert 'data-annotation="sources/officials" data-statement="1"' not in first
    assert 'data-annotation="sources/officials" data-statement="1"' in second
    index = (site / "articles/index.html").read_text(encoding="utf-8")
    assert "A test article" in index
    assert "A second article" in index
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    assert "In the article (4)" in glossary
    assert 'href="articles/second-article.html#p1"' in glossary
    assert 'href="articles/test-article.html#p2"' in glossary


def test_home_page_introduces_each_article(make_project: MakeProject, tmp_path: Path) -> None:
    """With two articles, the home page introduces both, in order, each with its own provenance and its link."""
    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")}, ["The Sahel is a region."], with_docs=True)
    add_article(root, "second-article", "A second article", ["In the Sahel, a second story."], SECOND_META)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ">Annotated readings<" in home
    sections = re.findall(r'<section class="ann-home-article".*?</section>', home, re.S)
    assert len(sections) == 2
    first, second = sections
    assert '<a href="articles/second-article.html">A second article</a>' in first
    assert "First published by The Morning Wire on <time" in first
    assert "as republished by The Second Herald." in first
    assert "What the second article says." in first
    assert "Why the second article still matters." in first
    assert '<a href="articles/test-article.html">A test article</a>' in second
    assert "First published by The Test Post on <time" in second
    assert "as republished by The Test Gazette." in second
    assert "Second Herald" not in second
    assert "What it says" not in second, "the test article has no summary: no empty heading either"
    for section, page in ((first, "second-article"), (second, "test-article")):
        assert f'<a href="articles/{page}.html">Start reading' in section
    guide = home.split('id="behind-the-annotations"')[1]
    assert 'href="articles/index.html"' in guide, "with several articles, the home page points to their index"


def test_quote_in_two_articles_needs_an_article(make_project: MakeProject) -> None:
    """The same quote in two articles is ambiguous until the statement names its article."""
    root = make_project(
        {"annotations/sources/a.yml": source("Person A", ["the Sahel is at risk"])}, ["Here the Sahel is at risk."]
    )
    add_article(root, "second-article", "A second article", ["There the Sahel is at risk."])
    messages = [p.message + " / " + p.hint for p in check(Project(root))]
    assert messages == [
        "sources/a: statement 1: quote is ambiguous, found 2 times (second-article paragraph 1, test-article "
        "paragraph 1) / add 'prefix:' or 'suffix:' (words just before or after it), or 'occurrence: N' to pick one, "
        "or 'article:' to name the article"
    ]


def test_unknown_article_is_reported(make_project: MakeProject) -> None:
    """A statement naming an article that does not exist gets a did-you-mean."""
    text = source("Person A", ["The Sahel is a region"]).replace("  - quote:", "  - article: test-articel\n    quote:")
    problems = check(Project(make_project({"annotations/sources/a.yml": text})))
    assert [(p.message, p.hint) for p in problems] == [
        ("sources/a: statement 1 names unknown article 'test-articel'", "did you mean 'test-article'?")
    ]
