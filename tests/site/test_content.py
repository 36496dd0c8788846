"""Editorial rules for the real annotations, beyond what the schemas require."""

from __future__ import annotations

from helpers import ROOT

from annotated_reading.checking.citations import cited, load_policy, rule_for, tally
from annotated_reading.model.records import Group, Person, Place, Source
from annotated_reading.rendering.context import Context


def test_every_entry_cites_a_source(ctx: Context) -> None:
    """Every entry has at least one citation: a page with an http(s) address, or the article annotated here."""
    articles = {a.id for a in ctx.articles}
    for entry in ctx.entries:
        assert entry.data.sources, entry.ref
        for _, c in cited(entry.data):
            assert (c.url or "").startswith(("http://", "https://")) or c.article in articles, entry.ref


def test_citations_name_the_original_not_the_copy(ctx: Context) -> None:
    """No citation's url is on a host the policy refuses; a copy is the url only where no original was found."""
    policy, problems = load_policy(ROOT, ctx.schemas)
    assert problems == []
    assert policy is not None
    assert len(policy.unaccepted) >= 20
    for entry in ctx.entries:
        for pointer, c in cited(entry.data):
            where = f"{entry.ref} {pointer}"
            assert c.url is None or rule_for(c.url, policy) is None, where
            if c.via is not None and c.url == c.via.url:
                assert c.via.original_unavailable, f"{where}: the copy is the url but not marked as such"


def test_at_most_one_citation_in_twenty_points_at_a_copy(ctx: Context) -> None:
    """The project's aim: where no original could be found the copy is cited, but that stays rare."""
    counted = tally(ctx.entries)
    assert counted.copies <= counted.citations / 20, counted.report()


def test_the_article_is_cited_as_itself(ctx: Context) -> None:
    """Facts taken from the article cite it by id (it has no known original address), never through a reprint."""
    count = 0
    for entry in ctx.entries:
        for _, c in cited(entry.data):
            count += c.article is not None
            if c.article is not None:
                assert c.publisher == ctx.articles[0].meta.first_published.publisher, entry.ref
            assert "arkansasonline.com" not in (c.url or ""), entry.ref
    assert count >= 40


def test_group_profiles_are_complete(ctx: Context) -> None:
    """Every group profile carries what the best references give, and its story well past the article.

    Names with their language, type, ideology, founding, leaders with their fate, areas as places, designations,
    a review date.
    """
    for entry in ctx.entries_of(Group):
        group = entry.data
        missing = [
            name
            for name, value in (
                ("aliases", group.aliases),
                ("type", group.type),
                ("ideology", group.ideology),
                ("founded", group.founded),
                ("leaders", group.leaders),
                ("areas", group.areas),
                ("designations", group.designations),
                ("last_reviewed", group.last_reviewed),
            )
            if not value
        ]
        assert not missing, f"{entry.ref} lacks {missing}"
        assert all(leader.fate for leader in group.leaders), f"{entry.ref}: a leader without a fate"
        assert any(a.language != "en" for a in group.aliases), f"{entry.ref}: no name in another language"
        assert group.last_reviewed >= "2026", entry.ref
        assert max(n.date for n in group.since_publication) >= "2023", f"{entry.ref}: story stops before 2023"


def test_people_and_places_are_brought_up_to_date(ctx: Context) -> None:
    """Each person and each place the article names has what happened since, dated and cited."""
    for entry in [*ctx.entries_of(Person), *ctx.entries_of(Place)]:
        if entry.data.reference_only:
            continue
        assert entry.data.since_publication, f"{entry.ref} has no since_publication section"


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
