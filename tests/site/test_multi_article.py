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


def _two_articles(make_project: MakeProject, tmp_path: Path) -> Path:
    """A site of two articles sharing a glossary term, with a statement in the second one: built, its folder."""
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
    return site


def test_two_article_site(make_project: MakeProject, tmp_path: Path) -> None:
    """Both articles are built, indexed, and every occurrence list spans both."""
    site = _two_articles(make_project, tmp_path)
    first = (site / "articles/test-article.html").read_text(encoding="utf-8")
    second = (site / "articles/second-article.html").read_text(encoding="utf-8")
    assert first.count('data-annotation="glossary/sahel"') == 2
    assert 'data-annotation="sources/officials" data-statement="1"' not in first
    assert 'data-annotation="sources/officials" data-statement="1"' in second
    index = (site / "articles/index.html").read_text(encoding="utf-8")
    assert "A test article" in index
    assert "A second article" in index
    glossary = (site / "glossary.html").read_text(encoding="utf-8")
    assert 'href="articles/second-article.html#p1"' in glossary
    assert 'href="articles/test-article.html#p2"' in glossary


def test_each_article_is_named_in_the_navigation_footer_headings_and_counts(
    make_project: MakeProject, tmp_path: Path
) -> None:
    """A second article is named everywhere the site tells the articles apart.

    It joins the navigation, credits its own publishers in its footer, heads its own occurrence lists and
    statements, and its counts read "1 attributed statement"; the rest of the site credits no one publisher.
    """
    site = _two_articles(make_project, tmp_path)
    glossary = (site / "glossary.html").read_text(encoding="utf-8")

    nav = re.findall(
        r'<a href="([^"]+)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', glossary
    )
    articles = nav.index(("articles/index.html", "Articles"))
    assert nav[articles + 1 : articles + 3] == [
        ("articles/second-article.html", "A second article"),
        ("articles/test-article.html", "A test article"),
    ]
    assert [href for href, _ in nav].count("articles/second-article.html") == 1

    def footer(page: str) -> str:
        html = (site / page).read_text(encoding="utf-8")
        return " ".join(re.search(r'<div class="md-copyright__highlight">(.*?)</div>', html, re.S)[1].split())

    assert footer("articles/second-article.html") == (
        "Article text © The Morning Wire, as republished by The Second Herald; reproduced unaltered for commentary. "
        "Annotations by the project&#39;s contributors."
    )
    assert "The Test Post, as republished by The Test Gazette" in footer("articles/test-article.html")
    for page in ("glossary.html", "index.html", "articles/index.html", "about.html"):
        assert footer(page).startswith("Article texts © their publishers"), page
        assert "Washington Post" not in footer(page), page

    labels = re.findall(r'<p class="ann-label">(In .*?)</p>', glossary)
    assert labels == ["In <cite>A second article</cite> (2)", "In <cite>A test article</cite> (2)"]
    assert "In the article" not in glossary
    sources = (site / "sources.html").read_text(encoding="utf-8")
    assert "Mentioned in the article" not in sources
    assert "Terms the articles use" in glossary
    assert "<caption>How the articles source their claims</caption>" in sources
    assert "Officials and military leaders the articles quote or draw on without naming them" in sources
    assert "Where the places the articles mention are." in (site / "map.html").read_text(encoding="utf-8")
    assert (
        'in <cite>A second article</cite>, <a class="ann-where" href="articles/second-article.html#p1">paragraph 1</a>'
        in sources
    )

    counts = re.findall(r'<p class="ann-counts">(.*?)</p>', (site / "articles/index.html").read_text(encoding="utf-8"))
    assert counts == ["1 annotated entry, 1 attributed statement.", "2 annotated entries, 0 attributed statements."]


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
