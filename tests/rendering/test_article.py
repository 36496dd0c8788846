"""The article page: whatever the annotations, it shows exactly the source text."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotated_reading.anchoring.anchor import anchor
from annotated_reading.checking.entries import to_record
from annotated_reading.model.entries import Article, Entry
from annotated_reading.model.kinds import KINDS
from annotated_reading.model.records import ArticleMeta, EntryFields
from annotated_reading.reading.documents import Document
from annotated_reading.rendering.article import render_article
from annotated_reading.rendering.context import Context
from annotated_reading.rendering.templates import environment

TEMPLATES = environment()


CITATION = [{"title": "T", "publisher": "P", "url": "https://example.org", "date": "2020"}]


ALPHABET = st.sampled_from(list("abcde ABC’'“”\"&<>-.,é\u00a0"))


PARAGRAPH = st.text(ALPHABET, min_size=1, max_size=60).filter(lambda s: s.strip() != "")


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TextOfParagraphs(HTMLParser):
    """Collects the text inside each `span.ann-text`, ignoring paragraph numbers and marks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.depth = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return  # no end tag to match
        self.stack.append(tag)
        if self.depth:
            self.depth += 1
        elif ("class", "ann-text") in attrs:
            self.depth = 1
            self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1:] == [tag], f"mis-nested </{tag}> in {self.stack}"
        self.stack.pop()
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.paragraphs[-1] += data


@st.composite
def annotated(draw: st.DrawFn) -> tuple[list[str], list[Entry[EntryFields]]]:
    """Paragraphs plus entries whose forms and quotes are cut from them (and a few random ones)."""
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=4))
    pieces = []
    for _ in range(draw(st.integers(0, 8))):
        text = paragraphs[draw(st.integers(0, len(paragraphs) - 1))]
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        pieces.append(text[start:end])
    pieces += draw(st.lists(PARAGRAPH, max_size=2))
    entries = []
    for n, piece in enumerate(pieces):
        if not piece.strip():
            continue
        if draw(st.booleans()):
            data = {"name": f"S{n}", "type": "named", "statements": [{"quote": piece}], "match": [f"zz{n}"]}
            kind = KINDS["sources"]
        else:
            data = {"term": piece, "definition": "d", "case_sensitive": draw(st.booleans())}
            kind = KINDS["glossary"]
        data["sources"] = CITATION
        entries.append(Entry(kind, f"e{n}", to_record(data, kind.record), Document(f"e{n}.yml", data)))
    return paragraphs, entries


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotated())
def test_visible_text_equals_source(case: tuple[list[str], list[Entry[EntryFields]]]) -> None:
    """Rendering never adds, drops or alters a character of the article, and nests tags correctly."""
    paragraphs, entries = case
    meta = {"title": "Title", "publisher": "P", "first_published": {"publisher": "Q", "date": "2020"}}
    meta |= {"credit": "Credit", "text": "a.txt"}
    article = Article("a", to_record(meta, ArticleMeta), tuple(paragraphs), "a.txt")
    ctx = Context([article], entries, anchor([article], entries), templates=TEMPLATES)
    parser = _TextOfParagraphs()
    parser.feed(render_article(ctx, article).body)
    parser.close()
    assert parser.paragraphs == paragraphs
    assert parser.stack == []
