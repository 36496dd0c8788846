"""Several articles share one annotation library; statements belong to one article."""

from __future__ import annotations

from pathlib import Path

from helpers import ARTICLE_META, MakeProject, mkdocs_build, source, term

from annotated_reading.pipeline import Project, check


def add_article(root: Path, article_id: str, title: str, paragraphs: list[str]) -> None:
    """Add a second article folder to a test project."""
    folder = root / "articles" / article_id
    folder.mkdir(parents=True)
    (folder / "article.txt").write_text("\n".join([title, *paragraphs, "Source: Test"]), encoding="utf-8")
    (folder / "article.yml").write_text(ARTICLE_META.format(title=title), encoding="utf-8")


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
    add_article(root, "second-article", "A second article", ["In the Sahel, officials said the Sahel is at risk."])
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
