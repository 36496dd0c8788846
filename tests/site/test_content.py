"""Editorial rules for the real annotations, beyond what the schemas require."""

from __future__ import annotations

from annotated_reading.model.records import Group, Source
from annotated_reading.rendering.context import Context


def test_every_entry_cites_a_source(ctx: Context) -> None:
    """Every entry has at least one citation with an http(s) address."""
    for entry in ctx.entries:
        assert entry.data.sources, entry.ref
        assert all(c.url.startswith(("http://", "https://")) for c in entry.data.sources), entry.ref


def test_every_group_has_a_summary_and_later_context(ctx: Context) -> None:
    """Group profiles say who the group is and what happened after February 2020."""
    groups = ctx.entries_of(Group)
    assert len(groups) >= 4
    for entry in groups:
        assert entry.data.summary.strip(), entry.ref
        assert entry.data.since_publication, f"{entry.ref} has no since_publication section"


def test_every_source_has_a_role_or_description(ctx: Context) -> None:
    """Each source says who or what it is."""
    for entry in ctx.entries_of(Source):
        assert entry.data.role or entry.data.description, entry.ref


def test_anonymous_sources_say_why_or_what_the_article_says(ctx: Context) -> None:
    """Anonymous sources are described as the article describes them."""
    for entry in ctx.entries_of(Source):
        if entry.data.type == "anonymous":
            assert entry.data.description or entry.data.anonymity, entry.ref


def test_later_context_is_dated_after_publication(ctx: Context) -> None:
    """Every "since publication" note is dated after the article's first publication."""
    published = ctx.articles[0].meta.first_published.date
    for entry in ctx.entries:
        for note in entry.data.since_publication:
            assert note.date >= published[: len(note.date)], f"{entry.ref}: {note.date}"


def test_every_entry_is_shown_or_marked_reference_only(ctx: Context) -> None:
    """An entry either occurs in the article or is explicitly reached only through links."""
    for entry in ctx.entries:
        assert bool(ctx.spans(entry.ref)) != entry.data.reference_only, entry.ref
