"""The pipeline as `mkdocs serve` runs it: a cache that reads again only what changed."""

from __future__ import annotations

from helpers import MakeProject, term

from annotated_reading.cache import BuildCache
from annotated_reading.pipeline import Project, Site, analyse


def test_a_rebuild_reads_again_exactly_the_files_that_changed(make_project: MakeProject) -> None:
    """As `mkdocs serve` rebuilds: an edit of the same length is seen; an untouched file is not parsed again."""
    root = make_project(
        {"annotations/glossary/sahel.yml": term("Sahel"), "annotations/glossary/mali.yml": term("Mali")},
        ["The Sahel borders Mali."],
    )
    cache = BuildCache()
    first, _ = analyse(Project(root), cache)
    assert first is not None
    path = root / "annotations/glossary/sahel.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("About Sahel.", "Abut Sahel!"), encoding="utf-8")
    second, _ = analyse(Project(root), cache)
    assert second is not None
    before, after = ({e.id: e for e in ctx.entries} for ctx in (first, second))
    assert after["sahel"].text == "Abut Sahel!"
    assert after["sahel"] is not before["sahel"]
    assert after["mali"] is before["mali"]
    assert second.templates is first.templates


def test_edits_between_checks_are_seen(make_project: MakeProject) -> None:
    """A cache reuses a file between builds only while its bytes and the schemas are unchanged (`mkdocs serve`)."""
    from annotated_reading.cache import BuildCache
    from annotated_reading.pipeline import Project, analyse

    root = make_project({"annotations/glossary/sahel.yml": term("Sahel")})
    cache = BuildCache()

    def messages() -> list[str]:
        return [p.message for p in analyse(Project(root), cache)[1]]

    path = root / "annotations/glossary/sahel.yml"
    assert messages() == []
    path.write_text(term("Sahel", "colour: red\n"), encoding="utf-8")
    assert messages() == ["glossary/sahel: unknown field 'colour'"]
    path.write_text(term("Sahel"), encoding="utf-8")
    assert messages() == []
    schema = root / "schemas/glossary.schema.json"
    path.write_text(term("Sahel", "category: geographic\n"), encoding="utf-8")
    assert messages() == []
    schema.write_text(schema.read_text(encoding="utf-8").replace('"category":', '"kategory":'), encoding="utf-8")
    assert messages() == ["glossary/sahel: unknown field 'category'"]


ARTICLES = {"articles/index.md": [("A & B", "articles/a-b.md"), ("C", "articles/c.md")]}


def test_the_navigation_lists_every_article_under_the_index_of_articles() -> None:
    """`- Articles: articles/index.md` becomes a section of every article, titles escaped."""
    site = Site({}, {}, {}, ARTICLES)
    nav = [{"Home": "index.md"}, {"Articles": "articles/index.md"}, {"Glossary": "glossary.md"}]
    assert site.navigation(nav) == [
        {"Home": "index.md"},
        {"Articles": ["articles/index.md", {"A &amp; B": "articles/a-b.md"}, {"C": "articles/c.md"}]},
        {"Glossary": "glossary.md"},
    ]


def test_a_navigation_without_the_articles_gets_them_and_lists_none_twice() -> None:
    """A navigation without the index of articles gains an Articles section after its first item.

    An article it already names by hand stays where it is and is not listed again.
    """
    site = Site({}, {}, {}, ARTICLES)
    nav = [{"Home": "index.md"}, {"Read C": "articles/c.md"}]
    assert site.navigation(nav) == [
        {"Home": "index.md"},
        {"Articles": ["articles/index.md", {"A &amp; B": "articles/a-b.md"}]},
        {"Read C": "articles/c.md"},
    ]
