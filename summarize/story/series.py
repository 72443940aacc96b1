"""Running totals of attacks ("more than 70 attacks since Oct. 17") found in evidence text.

The event schema has no field for a count of attacks, so it is read from the words:
every evidence quote of every event and claim is split into sentences, and a sentence
gives a *count point* when it has a count of attacks and a window:

- the count: digits or number words with an optional hedge ("more than 70", "38",
  "at least 61", "dozens of"), at most two words before ``attacks`` ("70 such attacks"),
  or "attacked <count> times";
- the window: ``since <month> [day]`` in the same sentence ("since Oct. 17", "since
  October 17th", "since mid-October"); a count without a window (a particular claim of
  "two attacks") is not a running total and is skipped.

A claim's assertion (the model's paraphrase, which may drop a hedge) is read only for an
article none of whose quotes gives a point. Within one article, repeats of the same count
and window are one point. Points whose windows may be the same (``windows_compatible``)
form one :class:`CountSeries`; its as-of dates are the articles' publication dates, and
its points relate as in :mod:`summarize.story.reconcile` (different dates: a growing
series, not a conflict).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from summarize.core.dates import resolve_date
from summarize.core.lexicon import NUMBER_WORD
from summarize.core.numbers import parse_figure
from summarize.core.schema import ArticleSummary, EventDate, Evidence
from summarize.story.reconcile import group_relation, reconcile, windows_compatible
from summarize.story.schema import CountSeries, FigureReport

COUNTED = "attacks"

_NUMBER_WORDS = rf"{NUMBER_WORD}|hundred"
_NUMBER = rf"(?:\d[\d,]*|(?:{_NUMBER_WORDS})(?:[- ](?:{_NUMBER_WORDS}))*|dozens|scores|hundreds)"
_HEDGE = (
    r"(?:(?:more than|at least|no fewer than|no less than|over|about|around|nearly|almost|"
    r"roughly|some|upwards of|up to|fewer than|less than)\s+)?"
)
_COUNT = re.compile(
    rf"(?<![\w-])(?P<figure>{_HEDGE}{_NUMBER})(?:\s+of)?\s+(?:[a-z][\w-]*\s+){{0,2}}?attacks\b"
    rf"|\battacked\s+(?P<times>{_HEDGE}{_NUMBER})\s+times\b",
    re.I,
)
_SINCE = re.compile(
    r"\bsince\s+(?P<window>(?:(?:early|mid|late)[- ])?[A-Z][a-z]+\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?)"
)
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")
_ABBREVIATION = re.compile(r"\W*(?:[A-Za-z]{1,3}\.|(?:[A-Za-z]\.)+)")


@dataclass(frozen=True)
class _Source:
    text: str
    start: int | None  # offset of ``text`` in the article, when it is a grounded quote
    mention: str | None  # article#index of the event the quote belongs to


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a full stop after an abbreviation ("Oct.", "U.S.") does
    not end a sentence."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        words = text[start : boundary.start()].split()
        last = words[-1] if words else ""
        if _ABBREVIATION.fullmatch(last):
            continue
        pieces.append((start, text[start : boundary.start()]))
        start = boundary.end()
    pieces.append((start, text[start:]))
    return pieces


def _quote_sources(summary: ArticleSummary, name: str) -> list[_Source]:
    def grounded(evidence: Evidence) -> int | None:
        return evidence.start if evidence.grounded else None

    found = [
        _Source(e.quote, grounded(e), f"{name}#{index}")
        for index, event in enumerate(summary.events)
        for e in event.evidence
    ]
    found += [_Source(e.quote, grounded(e), None) for c in summary.claims for e in c.evidence]
    return found


def _points_in(source: _Source, name: str, summary: ArticleSummary) -> list[FigureReport]:
    points = []
    for offset, sentence in _sentences(source.text):
        since = _SINCE.search(sentence)
        if since is None:
            continue
        for match in _COUNT.finditer(sentence):
            words = match.group("figure") or match.group("times")
            figure = parse_figure(words)
            if figure.value is None:
                continue
            start = end = None
            if source.start is not None:
                start = source.start + offset + match.start()
                end = source.start + offset + match.end()
            points.append(
                FigureReport(
                    article=name,
                    outlet=summary.source,
                    as_of=summary.published,
                    figure=figure,
                    window=f"since {since.group('window')}",
                    quote=match.group(),
                    start=start,
                    end=end,
                )
            )
    return points


def _same_point(a: FigureReport, b: FigureReport) -> bool:
    return (
        a.figure.value == b.figure.value
        and a.figure.qualifier == b.figure.qualifier
        and windows_compatible(EventDate(text=a.window or ""), EventDate(text=b.window or ""))
    )


def article_points(summary: ArticleSummary, name: str) -> list[tuple[FigureReport, str | None]]:
    """The count points of one article with the mention id each came from (None: a claim)."""
    found: list[tuple[FigureReport, str | None]] = []
    for source in _quote_sources(summary, name):
        for point in _points_in(source, name, summary):
            if not any(_same_point(point, seen) for seen, _ in found):
                found.append((point, source.mention))
    if not found:
        for claim in summary.claims:
            for point in _points_in(_Source(claim.assertion, None, None), name, summary):
                if not any(_same_point(point, seen) for seen, _ in found):
                    found.append((point, None))
    return found


def _window_start(point: FigureReport) -> dt.date | None:
    return resolve_date(point.window or "", point.as_of).iso


def _compatible(point: FigureReport, members: Sequence[FigureReport]) -> bool:
    mine = resolve_date(point.window or "", point.as_of)
    for other in members:
        theirs = resolve_date(other.window or "", other.as_of)
        if not windows_compatible(mine, theirs):
            return False
    return True


def _sort_key(point: FigureReport) -> tuple[bool, dt.date, int]:
    return point.as_of is None, point.as_of or dt.date.max, point.figure.value or 0


PointGroup = list[tuple[FigureReport, str | None]]
"""Count points of one series, each with the mention id (article#index) it was quoted from."""


def group_points(summaries: Sequence[ArticleSummary], names: Sequence[str]) -> list[PointGroup]:
    """The count points of all articles, grouped by compatible windows (most articles first)."""
    groups: list[PointGroup] = []
    for summary, name in zip(summaries, names, strict=True):
        for point, mention in article_points(summary, name):
            for group in groups:
                if _compatible(point, [p for p, _ in group]):
                    group.append((point, mention))
                    break
            else:
                groups.append([(point, mention)])
    groups.sort(key=lambda g: -len({p.article for p, _ in g}))
    return groups


def make_series(groups: Sequence[PointGroup], event_of: Mapping[str, str]) -> list[CountSeries]:
    """One :class:`CountSeries` per group; ``event_of`` maps mention ids to story event ids."""
    series = []
    for number, group in enumerate(groups, start=1):
        points = sorted((p for p, _ in group), key=_sort_key)
        reconciled = reconcile(COUNTED, points, cumulative=True)
        assert reconciled is not None
        starts = [s for s in (_window_start(p) for p in points) if s is not None]
        events = sorted({event_of[m] for _, m in group if m and m in event_of})
        series.append(
            CountSeries(
                id=f"S{number}",
                counted=COUNTED,
                window=points[0].window or "",
                window_start=min(starts) if starts else None,
                relation=group_relation(points, cumulative=True),
                note=reconciled.note,
                points=points,
                events=events,
            )
        )
    return series
