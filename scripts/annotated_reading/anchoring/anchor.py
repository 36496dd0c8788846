"""Find every entry's mentions and every statement's quote in the article text, in one pass.

All match forms and quotes go into one Aho-Corasick automaton, run once over the case-folded
text of all articles. A candidate counts only if it is whole words (at ends that are word
characters) and, for case-sensitive forms, has the same letter case. Among overlapping mentions
the longest wins; statements are spans of their own that may contain mentions.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence

import ahocorasick
import msgspec

from annotated_reading.anchoring.normalize import fold, is_word_char, whole_words
from annotated_reading.errors import Problem
from annotated_reading.model.entries import Article, Entry
from annotated_reading.model.records import EntryFields, Statement


class Span(msgspec.Struct, frozen=True, order=True):
    """A stretch of one paragraph that belongs to one entry (a mention) or one statement."""

    article: str
    paragraph: int
    """1-based paragraph number."""
    start: int
    end: int
    """Offsets into the paragraph text, end exclusive."""
    ref: str
    """`<kind>/<id>` of the entry."""
    statement: int | None = None
    """Index into the source's statements, for statement spans."""


class Anchoring(msgspec.Struct):
    """Where everything was found: spans per paragraph, in document order, and problems."""

    spans: dict[tuple[str, int], list[Span]] = msgspec.field(default_factory=dict)
    """(article id, paragraph) -> spans, sorted by start, outer spans before the spans they contain."""
    by_ref: dict[str, list[Span]] = msgspec.field(default_factory=dict)
    """`<kind>/<id>` -> its spans in reading order (mentions and statements)."""
    problems: list[Problem] = msgspec.field(default_factory=list)


AnyEntry = Entry[EntryFields]


class _Target(msgspec.Struct, frozen=True):
    entry: AnyEntry
    text: str
    index: int
    case_sensitive: bool
    statement: bool


class _Hit(msgspec.Struct, frozen=True):
    target: _Target
    article: Article
    paragraph: int
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start


class _Corpus:
    """All paragraphs of all articles joined into one text, with a map back to paragraphs."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.pieces: list[tuple[int, Article, int]] = []  # (offset, article, paragraph)
        parts: list[str] = []
        offset = 0
        for article in articles:
            for number, text in enumerate(article.paragraphs, start=1):
                self.pieces.append((offset, article, number))
                parts.append(text)
                offset += len(text) + 1
        self.text = "\n".join(parts)
        self.exact = fold(self.text)
        self.lower = fold(self.text, case_sensitive=False)
        self._starts = [p[0] for p in self.pieces]

    def locate(self, start: int) -> tuple[Article, int, int]:
        i = bisect_right(self._starts, start) - 1
        offset, article, number = self.pieces[i]
        return article, number, offset

    def bounds(self, article: str | None) -> tuple[int, int]:
        """Where the text of one article (all of them, for None) starts and ends in the joined text."""
        if article is None:
            return 0, len(self.text)
        inside = [(offset, a, number) for offset, a, number in self.pieces if a.id == article]
        if not inside:
            return 0, 0
        last, a, number = inside[-1]
        return inside[0][0], last + len(a.paragraphs[number - 1])

    def whole_words(self, start: int, end: int, form: str) -> bool:
        """Whether text[start:end] neither starts nor ends inside a word (or inside a number like 1,400)."""
        return whole_words(self.text, start, end, form)


def anchor(articles: Sequence[Article], entries: Sequence[AnyEntry], unread: Sequence[str] = ()) -> Anchoring:
    """Find all mentions and statements; report forms and quotes that cannot be placed.

    Arguments:
        articles: the articles that were read.
        entries: every entry.
        unread: the ids of articles that could not be read. While there are any, nothing is reported as missing
            from the text (it may be in those): their own problems come first.
    """
    corpus = _Corpus(articles)
    targets = _targets(entries)
    hits = _scan(corpus, targets)
    result = Anchoring(problems=_claimed_twice(entries))
    statement_spans = _place_statements(corpus, targets, hits, result.problems, frozenset(unread))
    mention_spans = _place_mentions(targets, hits, statement_spans, result.problems, complete=not unread)
    everything = sorted(statement_spans + mention_spans, key=_order)
    for span in everything:
        result.spans.setdefault((span.article, span.paragraph), []).append(span)
        result.by_ref.setdefault(span.ref, []).append(span)
    # An entry whose words are in the text but lost to other spans has had that reported, form by form.
    seen = {t.entry.ref for t in targets if not t.statement and hits[t]}
    _check_presence(entries, result, seen, complete=not unread)
    return result


def _order(span: Span) -> tuple[str, int, int, int, int]:
    # Outer spans first at equal starts, statements before mentions, so nesting renders correctly.
    return (span.article, span.paragraph, span.start, -span.end, 0 if span.statement is not None else 1)


def _claimed_twice(entries: Sequence[AnyEntry]) -> list[Problem]:
    """Match forms that two entries claim (compared ignoring case): a span can belong to one entry only."""
    problems = []
    claimed: dict[str, AnyEntry] = {}
    for entry in entries:
        for index, form in enumerate(entry.match_forms):
            key = fold(form, case_sensitive=False)
            other = claimed.setdefault(key, entry)
            if other is not entry:
                problems.append(
                    Problem(
                        entry.path,
                        *entry.doc.where(entry.form_pointer(index)),
                        f"{entry.ref}: match form '{form}' is also claimed by {other.ref} ({other.path})",
                        "a span of the article can belong to one entry only: remove the form from one of them, "
                        "or link the entries with see_also",
                    )
                )
    return problems


def _targets(entries: Sequence[AnyEntry]) -> list[_Target]:
    targets = []
    for entry in entries:
        for index, form in enumerate(entry.match_forms):
            targets.append(_Target(entry, form, index, entry.data.case_sensitive, statement=False))
        for index, statement in enumerate(entry.statements):
            targets.append(_Target(entry, statement.quote, index, True, statement=True))
    return targets


def _scan(corpus: _Corpus, targets: list[_Target]) -> dict[_Target, list[_Hit]]:
    by_key: dict[str, list[_Target]] = defaultdict(list)
    for target in targets:
        if target.text.strip():
            by_key[fold(target.text, case_sensitive=False)].append(target)
    hits: dict[_Target, list[_Hit]] = {t: [] for t in targets}
    if not by_key:
        return hits
    automaton = ahocorasick.Automaton()
    for key, group in by_key.items():
        automaton.add_word(key, (len(key), group))
    automaton.make_automaton()
    exact_forms = {t: fold(t.text) for t in targets if t.case_sensitive}
    for last, (length, group) in automaton.iter(corpus.lower):
        start, end = last + 1 - length, last + 1
        for target in group:
            if target.case_sensitive and corpus.exact[start:end] != exact_forms[target]:
                continue
            if not corpus.whole_words(start, end, target.text):
                continue
            article, number, offset = corpus.locate(start)
            hits[target].append(_Hit(target, article, number, start - offset, end - offset))
    return hits


def _place_statements(
    corpus: _Corpus,
    targets: list[_Target],
    hits: dict[_Target, list[_Hit]],
    problems: list[Problem],
    unread: frozenset[str],
) -> list[Span]:
    spans: list[Span] = []
    article_ids = sorted({a.id for _, a, _ in corpus.pieces})
    for target in (t for t in targets if t.statement):
        entry, index = target.entry, target.index
        spec = entry.statements[index]
        # A quote may be in an article that could not be read: only a quote tied to an article that was read can
        # be missing, or found too few times.
        complete = not unread or spec.article in article_ids
        if spec.article in unread:
            continue
        if spec.article is not None and spec.article not in article_ids:
            close = difflib.get_close_matches(spec.article, article_ids, n=1)
            problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where(("statements", index, "article")),
                    f"{entry.ref}: statement {index + 1} names unknown article '{spec.article}'",
                    f"did you mean '{close[0]}'?" if close else "articles: " + ", ".join(article_ids),
                )
            )
            continue
        found = [h for h in hits[target] if _fits_context(h, spec)]
        pointer = ("statements", index, "quote")
        if spec.occurrence is not None and found:
            n = spec.occurrence
            if n > len(found):
                if not complete:
                    continue
                problems.append(
                    Problem(
                        entry.path,
                        *entry.doc.where(("statements", index, "occurrence")),
                        f"{entry.ref}: occurrence {n} asked, but the quote is found {len(found)} time(s)",
                        f"use a number from 1 to {len(found)}",
                    )
                )
                continue
            found = [found[n - 1]]
        if not found:
            if not complete:
                continue
            problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where(pointer),
                    f"{entry.ref}: statement {index + 1}: quote not found in "
                    f"{f'article {spec.article}' if spec.article else 'the article'}: {_clip(target.text)}",
                    _closest_hint(corpus, target.text, bool(hits[target]), spec.article),
                )
            )
            continue
        if len(found) > 1:
            several = len(article_ids) > 1
            places = ", ".join(f"{h.article.id + ' ' if several else ''}paragraph {h.paragraph}" for h in found)
            problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where(pointer),
                    f"{entry.ref}: statement {index + 1}: quote is ambiguous, found {len(found)} times ({places})",
                    "add 'prefix:' or 'suffix:' (words just before or after it), or 'occurrence: N' to pick one"
                    + (", or 'article:' to name the article" if several else ""),
                )
            )
            continue
        hit = found[0]
        spans.append(Span(hit.article.id, hit.paragraph, hit.start, hit.end, entry.ref, index))
    return _drop_crossing_statements(spans, problems, {t.entry.ref: t.entry for t in targets})


def _fits_context(hit: _Hit, spec: Statement) -> bool:
    if spec.article is not None and hit.article.id != spec.article:
        return False
    text = hit.article.paragraphs[hit.paragraph - 1]
    if spec.prefix is not None and not fold(text[: hit.start]).rstrip().endswith(fold(spec.prefix).rstrip()):
        return False
    return spec.suffix is None or fold(text[hit.end :]).lstrip().startswith(fold(spec.suffix).lstrip())


def _drop_crossing_statements(spans: list[Span], problems: list[Problem], entries: dict[str, AnyEntry]) -> list[Span]:
    spans = sorted(spans)
    bad: set[Span] = set()
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            if (b.article, b.paragraph) != (a.article, a.paragraph) or b.start >= a.end:
                break
            if b.end > a.end:  # overlaps without nesting
                entry = entries[b.ref]
                problems.append(
                    Problem(
                        entry.path,
                        *entry.doc.where(("statements", b.statement or 0, "quote")),
                        f"{b.ref}: statement {(b.statement or 0) + 1} overlaps statement {(a.statement or 0) + 1} "
                        f"of {a.ref} in paragraph {a.paragraph} without containing it",
                        "quotes may nest but not cross: shorten or lengthen one of them",
                    )
                )
                bad.add(b)
    return [s for s in spans if s not in bad]


def _place_mentions(
    targets: list[_Target],
    hits: dict[_Target, list[_Hit]],
    statements: list[Span],
    problems: list[Problem],
    *,
    complete: bool,
) -> list[Span]:
    candidates = [h for t in targets if not t.statement for h in hits[t]]
    # Longest first; at equal length the earlier one; ties broken by entry for a stable result.
    candidates.sort(key=lambda h: (-h.length, h.article.id, h.paragraph, h.start, h.target.entry.ref))
    taken: dict[tuple[str, int], list[_Hit]] = defaultdict(list)
    winners: list[_Hit] = []
    losers: dict[_Target, list[tuple[_Hit, _Hit]]] = defaultdict(list)  # target -> (its hit, the hit that won)
    for hit in candidates:
        key = (hit.article.id, hit.paragraph)
        rival = next((o for o in taken[key] if o.start < hit.end and hit.start < o.end), None)
        if rival is not None:
            losers[hit.target].append((hit, rival))
            continue
        taken[key].append(hit)
        winners.append(hit)
    spans = []
    by_paragraph: dict[tuple[str, int], list[Span]] = defaultdict(list)
    for s in statements:
        by_paragraph[(s.article, s.paragraph)].append(s)
    for hit in winners:
        crossing = next(
            (
                s
                for s in by_paragraph[(hit.article.id, hit.paragraph)]
                if s.start < hit.end and hit.start < s.end and not (s.start <= hit.start and hit.end <= s.end)
            ),
            None,
        )
        if crossing is not None:
            entry = hit.target.entry
            problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where(_form_pointer(hit.target)),
                    f"{entry.ref}: the mention '{_text(hit)}' in paragraph {hit.paragraph} crosses the edge of a "
                    f"quote of {crossing.ref} (statement {(crossing.statement or 0) + 1})",
                    "make the quote begin and end outside the mention, or include the whole mention",
                )
            )
            continue
        spans.append(Span(hit.article.id, hit.paragraph, hit.start, hit.end, hit.target.entry.ref))
    won = {h.target for h in winners}
    for target in targets:
        if target.statement or target in won:
            continue
        entry = target.entry
        line, column = entry.doc.where(_form_pointer(target))
        if not hits[target]:
            # A form the entry does not list itself (its label) is reported once, as the entry appearing nowhere.
            if complete and entry.data.match is not None:
                problems.append(
                    Problem(
                        entry.path,
                        line,
                        column,
                        f"{entry.ref}: match form '{target.text}' is found nowhere in the article",
                        "match forms are whole words and case-sensitive (set 'case_sensitive: false' "
                        "to ignore case); fix the spelling or remove the form",
                    )
                )
            continue
        # The label, as a form by default, is lost only where the entry would otherwise appear nowhere.
        if entry.data.match is None and (entry.statements or entry.data.reference_only):
            continue
        # A rival over exactly the same words claims the same form: `_claimed_twice` has reported it.
        longer = [r for h, r in losers[target] if (r.start, r.end) != (h.start, h.end)]
        if not longer:
            continue
        rival = longer[0]
        other = rival.target.entry
        problems.append(
            Problem(
                entry.path,
                line,
                column,
                f"{entry.ref}: match form '{target.text}' is found only inside longer mentions, "
                f"e.g. '{_text(rival)}' of {other.ref}" + ("" if other is entry else f" ({other.path})"),
                "remove the form, or annotate the longer phrase in this entry instead"
                if entry.data.match is not None
                else "add a 'match:' list with the other words the article uses for it, or annotate the longer "
                "phrase in this entry instead",
            )
        )
        problems += _shadowing(target, hits[target], longer)
    return spans


def _shadowing(target: _Target, hits: list[_Hit], rivals: list[_Hit]) -> list[Problem]:
    """Problems at the longer forms of other entries that took every mention of `target`.

    The contributor who adds the longer form is the one who can fix it, so their file is named too.
    """
    entry = target.entry
    problems = []
    taken: dict[_Target, int] = defaultdict(int)
    for rival in rivals:
        if rival.target.entry is not entry:
            taken[rival.target] += 1
    for longer, count in taken.items():
        other = longer.entry
        what = f"{count} of the {len(hits)} mentions"
        if count == len(hits):
            what = "the only mention" if count == 1 else f"all {count} mentions"
        problems.append(
            Problem(
                other.path,
                *other.doc.where(_form_pointer(longer)),
                f"{other.ref}: its match form '{longer.text}' takes {what} of '{target.text}' "
                f"of {entry.ref} ({entry.path})",
                f"the longest mention wins: shorten or remove '{longer.text}' if the words belong to {entry.ref}, "
                f"or link the two entries with see_also and mark {entry.ref} 'reference_only: true'",
            )
        )
    return problems


def _form_pointer(target: _Target) -> tuple[str | int, ...]:
    return target.entry.form_pointer(target.index)


def _text(hit: _Hit) -> str:
    return hit.article.paragraphs[hit.paragraph - 1][hit.start : hit.end]


def _check_presence(entries: Sequence[AnyEntry], result: Anchoring, seen: set[str], *, complete: bool) -> None:
    for entry in entries:
        found = result.by_ref.get(entry.ref, [])
        reference_only = entry.data.reference_only
        # Failed quotes, and words lost to other spans, are reported already.
        missing = not found and not entry.statements and entry.ref not in seen
        if missing and not reference_only and complete:
            result.problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where((entry.kind.label_field,)),
                    f"{entry.ref}: appears nowhere in the article",
                    "add a 'match:' list with the words the article uses, or mark it 'reference_only: true' "
                    "if it is reached only through see_also",
                )
            )
        elif found and reference_only:
            result.problems.append(
                Problem(
                    entry.path,
                    *entry.doc.where(("reference_only",)),
                    f"{entry.ref}: marked reference_only, but it appears in paragraph {found[0].paragraph}",
                    "remove 'reference_only: true'",
                )
            )


def _clip(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _closest_hint(corpus: _Corpus, quote: str, found_without_context: bool, article: str | None) -> str:
    if found_without_context:
        return "the quote is in the article, but not with the given prefix/suffix: check them"
    begin, end = corpus.bounds(article)
    passage, start = closest_passage(corpus.text[begin:end], quote)
    start += begin
    if not passage:
        return "copy the words exactly from the article"
    found, paragraph, _ = corpus.locate(start)
    return f"the closest passage is in article {found.id}, paragraph {paragraph}: {_clip(passage, 160)}"


def closest_passage(text: str, quote: str) -> tuple[str, int]:
    """The stretch of `text` most like `quote`, cut at word edges, and where it starts in `text`."""
    target = fold(quote, case_sensitive=False)
    folded = fold(text, case_sensitive=False)
    width = len(target)
    starts = [i for i in range(len(folded)) if i == 0 or (not is_word_char(folded[i - 1]) and is_word_char(folded[i]))]
    best, best_score = (0, 0), 0.0
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(target)
    for start in starts:
        window = folded[start : start + width]
        if "\n" in window:
            window = window[: window.index("\n")]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_score or matcher.quick_ratio() <= best_score:
            continue
        score = matcher.ratio()
        if score > best_score:
            best, best_score = (start, start + len(window)), score
    if best_score < 0.4:
        return "", 0
    start, end = best
    while end < len(text) and is_word_char(text[end]):
        end += 1
    return text[start:end], start
