"""Citations against the project's policy (`citation-policy.yml`), and how many of them were read in copies.

A citation's `url` is the original publisher's page. The policy names the hosts that copy, gather or summarise
other publishers' work, or are encyclopedias: they may appear under `via` (where the text was read), never in `url`.
A citation of the annotated article itself gives `article` instead of `url`, and must name an article there is.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import msgspec

from annotated_reading.checking.entries import to_record
from annotated_reading.checking.schemas import SchemaSet
from annotated_reading.errors import Problem
from annotated_reading.model.entries import Entry
from annotated_reading.model.records import Citation, CitationPolicy, EntryFields, HostRule
from annotated_reading.reading.collect import display
from annotated_reading.reading.documents import Pointer, field_name, load_file

POLICY_FILE = "citation-policy.yml"
"""The policy's file, at the project's root; a project without one accepts any host."""


def load_policy(root: Path, schemas: SchemaSet) -> tuple[CitationPolicy | None, list[Problem]]:
    """The project's citation policy (None if it has none), or every way its file is wrong."""
    path = root / POLICY_FILE
    if not path.is_file():
        return None, []
    doc, problems = load_file(path, display(path, root))
    if doc is None:
        return None, problems
    problems = schemas.problems(doc, "citation-policy", "citation policy")
    return (None, problems) if problems else (to_record(doc.data, CitationPolicy), [])


def cited(record: msgspec.Struct) -> Iterator[tuple[Pointer, Citation]]:
    """Every citation in a record, at any depth, with its pointer as the YAML names it (`leaders[0].sources[1]`)."""
    yield from _walk(record, ())


def _walk(value: object, pointer: Pointer) -> Iterator[tuple[Pointer, Citation]]:
    if isinstance(value, Citation):
        yield pointer, value
    elif isinstance(value, msgspec.Struct):
        for name, key in _fields(type(value)):
            yield from _walk(getattr(value, name), (*pointer, key))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _walk(item, (*pointer, index))


@functools.cache
def _fields(record: type[msgspec.Struct]) -> tuple[tuple[str, str], ...]:
    """A record type's (attribute, YAML key) pairs, read once per type.

    `msgspec.structs.fields` reads the type's annotations anew on each call: a walk over every citation of every
    entry would pay for that a thousand times.
    """
    return tuple((field.name, field.encode_name) for field in msgspec.structs.fields(record))


def host(url: str) -> str:
    """The host of an address, lowercased, without a leading `www.`."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


def rule_for(url: str, policy: CitationPolicy) -> HostRule | None:
    """The policy's rule for an address's host or for a domain it belongs to, if any."""
    rules = _by_host(policy)
    labels = host(url).split(".")
    for start in range(len(labels) - 1):
        rule = rules.get(".".join(labels[start:]))
        if rule is not None:
            return rule
    return None


@functools.cache
def _by_host(policy: CitationPolicy) -> dict[str, HostRule]:
    return {rule.host: rule for rule in policy.unaccepted}


def check_citations(
    entries: Sequence[Entry[EntryFields]], articles: Sequence[str], policy: CitationPolicy | None
) -> list[Problem]:
    """Citations whose `url` is on an unaccepted host, that give both `url` and `article`, or an unknown article."""
    problems: list[Problem] = []
    for entry in entries:
        for pointer, citation in cited(entry.data):
            where = field_name(pointer)
            if citation.url is not None and citation.article is not None:
                problems.append(
                    Problem(
                        entry.path,
                        *entry.doc.where((*pointer, "article"), key=True),
                        f"{entry.ref}: {where} gives both url and article",
                        "keep 'article' for the article annotated here, or 'url' for another page, not both",
                    )
                )
            if citation.article is not None and citation.article not in articles:
                close = difflib.get_close_matches(citation.article, articles, n=1, cutoff=0.6)
                problems.append(
                    Problem(
                        entry.path,
                        *entry.doc.where((*pointer, "article")),
                        f"{entry.ref}: {where}.article names unknown article '{citation.article}'",
                        f"did you mean '{close[0]}'?" if close else "use the name of a folder under articles/",
                    )
                )
            rule = rule_for(citation.url, policy) if citation.url is not None and policy is not None else None
            if rule is not None:
                problems.append(
                    Problem(
                        entry.path,
                        *entry.doc.where((*pointer, "url")),
                        f"{entry.ref}: {where}.url cites {rule.host}, which is not accepted as a source: {rule.why}",
                        "put the original publisher's page in url, and this copy under 'via:' "
                        f"(title, publisher, url); see {POLICY_FILE}",
                    )
                )
    return problems


class Tally(msgspec.Struct, frozen=True):
    """How the citations of all entries point: at originals, at originals read in copies, or at copies."""

    citations: int
    read_in_copy: int
    """The url is the original's, and the text was read in the copy under `via`."""
    copies: int
    """No original could be found: the url is the copy's (`via.original_unavailable`)."""
    article: int
    """Citations of the article annotated here."""

    def report(self) -> str:
        """The tally as `make check` prints it."""
        if not self.citations:
            return "No citations."
        with_via = self.read_in_copy + self.copies
        return (
            f"{_count(self.citations, 'citation')}: {with_via} read in a copy named under 'via' "
            f"({with_via / self.citations:.1%}), {self.copies} of them pointing at the copy itself, no original "
            f"being found ({self.copies / self.citations:.1%} of all); "
            f"{self.article} of the article annotated here."
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def tally(entries: Sequence[Entry[EntryFields]]) -> Tally:
    """Count the citations of all entries by where they point."""
    total = read_in_copy = copies = article = 0
    for entry in entries:
        for _, citation in cited(entry.data):
            total += 1
            article += citation.article is not None
            if citation.via is not None:
                if citation.via.original_unavailable:
                    copies += 1
                else:
                    read_in_copy += 1
    return Tally(total, read_in_copy, copies, article)
