"""Reconcile the figures that several sources give for one counted thing (pure, no model).

Two figures of the same counted thing (killed, injured, attacks) relate as:

- ``agree``: the same number ("five" and "5"; "five" and "at least five");
- ``consistent``: an exact count inside the other's bound ("38" and "more than 30");
- ``differ_in_time``: a running total (dated "since ...") counted at different dates;
  the as-of date of a figure is its article's publication date. Different numbers of a
  running total are a growing series, not a dispute, when the as-of dates differ or one
  is unknown; a later count below an earlier one is a ``conflict`` (a total cannot fall);
- ``differ_in_scope``: running totals over windows that rule each other out ("since
  Oct. 7" vs "since Oct. 17");
- ``conflict``: any other difference for the same window and time ("at least 10" vs "at
  least nine"; "five" vs "ten"), whether or not the intervals overlap.

The figures of a group relate as their worst pair, in the order conflict >
differ_in_scope > differ_in_time > consistent > agree. The reconciled figure follows
ACLED: ``value`` is the most conservative (lowest) number reported, ``low``/``high`` span
the sources' intervals (``high`` None when any source is open-ended); for a running total
that differs in time, only the latest counted date's figures are reconciled.
Figures without a number ("militants") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarize.core.compare import complete_figure, date_within_precision, figure_interval
from summarize.core.lexicon import MONTH_NAME
from summarize.core.schema import EventDate, Figure, Qualifier
from summarize.story.schema import FigureRelation, FigureReport, ReconciledFigure

_SEVERITY = [
    FigureRelation.SINGLE_SOURCE,
    FigureRelation.AGREE,
    FigureRelation.CONSISTENT,
    FigureRelation.DIFFER_IN_TIME,
    FigureRelation.DIFFER_IN_SCOPE,
    FigureRelation.CONFLICT,
]
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WINDOW = re.compile(
    rf"\b({MONTH_NAME})\b\.?"
    r"(?:\s*(\d{1,2})(?:st|nd|rd|th)?\b)?",
    re.I,
)


def numeric(figure: Figure) -> bool:
    """True when the figure carries a number (after reading its text if needed)."""
    return complete_figure(figure).value is not None


def _window_key(text: str) -> tuple[int, int | None] | None:
    match = _WINDOW.search(text.lower())
    if not match:
        return None
    day = int(match.group(2)) if match.group(2) else None
    if re.search(r"\b(?:early|mid|late)[- ]", text.lower()):
        day = None
    return _MONTHS.index(match.group(1)[:3]) + 1, day


def windows_compatible(a: EventDate | None, b: EventDate | None) -> bool:
    """True when two "since ..." windows may be the same: resolved dates in one period, else
    the same month and day as written (a missing day, as in "mid-October", fits any day)."""
    if a is None or b is None:
        return True
    if a.iso and b.iso:
        return date_within_precision(a, b)
    left, right = _window_key(a.text), _window_key(b.text)
    if left is None or right is None:
        return True
    return left[0] == right[0] and (left[1] is None or right[1] is None or left[1] == right[1])


def _interval(figure: Figure) -> tuple[float, float]:
    found = figure_interval(figure)
    assert found is not None, "only figures with a number are reconciled"
    return found


def same_window(a: Figure, b: Figure) -> FigureRelation:
    """Relation of two figures for the same count, window and time."""
    left, right = complete_figure(a), complete_figure(b)
    if left.value == right.value:
        return FigureRelation.AGREE
    (a_low, a_high), (b_low, b_high) = _interval(left), _interval(right)
    overlap = a_low <= b_high and b_low <= a_high
    exact = (left.qualifier is Qualifier.EXACT, right.qualifier is Qualifier.EXACT)
    if overlap and exact[0] != exact[1]:
        return FigureRelation.CONSISTENT
    return FigureRelation.CONFLICT


def relate(a: FigureReport, b: FigureReport, cumulative: bool) -> FigureRelation:
    """Relation of two reports of one counted thing (see the module doc)."""
    if not cumulative:
        return same_window(a.figure, b.figure)
    windows = [EventDate(text=w) if w else None for w in (a.window, b.window)]
    if not windows_compatible(*windows):
        return FigureRelation.DIFFER_IN_SCOPE
    if a.as_of is not None and a.as_of == b.as_of:
        return same_window(a.figure, b.figure)
    if complete_figure(a.figure).value == complete_figure(b.figure).value:
        return FigureRelation.AGREE
    if a.as_of is not None and b.as_of is not None:
        earlier, later = (a, b) if a.as_of < b.as_of else (b, a)
        if _interval(later.figure)[1] < _interval(earlier.figure)[0]:
            return FigureRelation.CONFLICT
    return FigureRelation.DIFFER_IN_TIME


def group_relation(reports: Sequence[FigureReport], cumulative: bool) -> FigureRelation:
    """The worst relation over all pairs of reports (``single_source`` for one report)."""
    worst = FigureRelation.SINGLE_SOURCE if len(reports) < 2 else FigureRelation.AGREE
    for index, first in enumerate(reports):
        for second in reports[index + 1 :]:
            found = relate(first, second, cumulative)
            worst = max(worst, found, key=_SEVERITY.index)
    return worst


def intervals_overlap(reports: Sequence[FigureReport]) -> bool:
    """True when one number fits every report's interval."""
    intervals = [_interval(complete_figure(r.figure)) for r in reports]
    return max(low for low, _ in intervals) <= min(high for _, high in intervals)


def _source(report: FigureReport) -> str:
    outlet = f"{report.outlet}, " if report.outlet else ""
    when = f", as of {report.as_of}" if report.as_of else ""
    return f"{report.figure.text!r} ({outlet}{report.article}{when})"


def _note(relation: FigureRelation, reports: Sequence[FigureReport], value: int | None) -> str:
    sources = "; ".join(_source(r) for r in reports)
    if relation is FigureRelation.SINGLE_SOURCE:
        return f"one source: {sources}"
    if relation is FigureRelation.AGREE:
        return f"sources agree: {sources}"
    if relation is FigureRelation.CONSISTENT:
        return f"consistent (an exact count within another's bound): {sources}"
    if relation is FigureRelation.DIFFER_IN_TIME:
        return (
            f"a running total counted at different dates, not a dispute: {sources}; "
            f"reconciled from the latest count: {value}"
        )
    if relation is FigureRelation.DIFFER_IN_SCOPE:
        return f"counts over different windows, not comparable: {sources}"
    return f"sources differ: {sources}; recorded the most conservative figure, {value} (ACLED rule)"


def _latest(reports: Sequence[FigureReport]) -> list[FigureReport]:
    dated = [r.as_of for r in reports if r.as_of is not None]
    if not dated:
        return list(reports)
    return [r for r in reports if r.as_of == max(dated)]


def reconcile(
    counted: str, reports: Sequence[FigureReport], cumulative: bool = False
) -> ReconciledFigure | None:
    """Reconcile the reports of one counted thing; None when no report has a number."""
    usable = [r for r in reports if numeric(r.figure)]
    if not usable:
        return None
    relation = group_relation(usable, cumulative)
    basis = _latest(usable) if relation is FigureRelation.DIFFER_IN_TIME else usable
    figures = [complete_figure(r.figure) for r in basis]
    intervals = [_interval(f) for f in figures]
    value = min(f.value for f in figures if f.value is not None)
    high = max(h for _, h in intervals)
    return ReconciledFigure(
        counted=counted,
        value=value,
        low=int(min(low for low, _ in intervals)),
        high=None if high == float("inf") else int(high),
        relation=relation,
        note=_note(relation, usable, value),
        reports=usable,
    )
