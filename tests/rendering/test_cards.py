"""Cards: their texts link the other entries they name, and the deck holds every card a reader can reach."""

from __future__ import annotations

from helpers import CITATION, MakeProject

from annotated_reading.pipeline import Project, analyse
from annotated_reading.rendering.cards import MAX_DEPTH, CardLink, CardMaker, gloss, plain
from annotated_reading.rendering.context import Context


def _term(term: str, definition: str, *, in_article: bool = True) -> str:
    """A term that the article names, or one reached only through other entries (found in card texts by its term)."""
    reach = f'match: ["{term}"]' if in_article else "reference_only: true"
    return f'term: {term}\n{reach}\ndefinition: "{definition}"\nsources:\n{CITATION}'


def _context(make_project: MakeProject, files: dict[str, str], paragraph: str) -> Context:
    ctx, problems = analyse(Project(make_project(files, [paragraph])))
    assert ctx is not None
    assert not problems, problems
    return ctx


def _links(maker: CardMaker, ref: str) -> list[tuple[str, str]]:
    return [(p[1].text, p[1].ref) for p in maker.card((ref, None)).text if isinstance(p[1], CardLink)]


def test_first_mention_of_others_only(make_project: MakeProject) -> None:
    """A card links each other entry its text names once, at its first mention, and never its own entry."""
    ctx = _context(
        make_project,
        {
            "annotations/glossary/sahel.yml": _term("Sahel", "The Sahel lies south of the Sahara; the Sahara is dry."),
            "annotations/glossary/sahara.yml": _term("Sahara", "A desert.", in_article=False),
        },
        "The Sahel.",
    )
    maker = CardMaker(ctx, "articles/test-article.md", ctx.crosslinker)
    assert _links(maker, "glossary/sahel") == [("Sahara", "glossary/sahara")]
    card = maker.card(("glossary/sahel", None))
    assert plain(card.text) == "The Sahel lies south of the Sahara; the Sahara is dry."
    link = next(p[1] for p in card.text if isinstance(p[1], CardLink))
    assert link.href == "../glossary.html#sahara"


def test_links_and_code_in_the_text_stay_as_written(make_project: MakeProject) -> None:
    """A name inside a link the contributor wrote, or inside code, is not linked again."""
    ctx = _context(
        make_project,
        {
            "annotations/glossary/sahel.yml": _term("Sahel", "See [the Sahara](glossary/sahara) and `Sahara`."),
            "annotations/glossary/sahara.yml": _term("Sahara", "A desert.", in_article=False),
        },
        "The Sahel.",
    )
    maker = CardMaker(ctx, "articles/test-article.md", ctx.crosslinker)
    assert _links(maker, "glossary/sahel") == []
    html = "".join(str(p[1]) for p in maker.card(("glossary/sahel", None)).text if p[0] == "markup")
    assert '<a href="../glossary.html#sahara"' in html
    assert "<code>" in html


def test_the_deck_holds_the_cards_a_reader_can_reach(make_project: MakeProject) -> None:
    """The article's cards, then the cards their texts link to, as deep as cards stack (and no deeper)."""
    chain = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    files = {
        f"annotations/glossary/{name.lower()}.yml": _term(
            name, f"Before {after}." if after else "The end.", in_article=name == "Alpha"
        )
        for name, after in zip(chain, [*chain[1:], None], strict=True)
    }
    ctx = _context(make_project, files, "Alpha.")
    maker = CardMaker(ctx, "articles/test-article.md", ctx.crosslinker)
    deck = maker.deck([("glossary/alpha", None)])
    assert [card.title for card in deck.cards] == chain[:MAX_DEPTH]


def test_gloss_is_a_line_or_two() -> None:
    """A short text stays whole; a long one ends at its first sentence or, failing that, at a word."""
    assert gloss("A desert.") == "A desert."
    long_first = "A sentence of some length that ends here. " + "Then more words follow " * 5
    assert gloss(long_first) == "A sentence of some length that ends here."
    words = "word " * 40
    cut = gloss(words, limit=50)
    assert cut.endswith("…")
    assert len(cut) <= 51
    assert cut[:-1].split() == ["word"] * len(cut[:-1].split())
