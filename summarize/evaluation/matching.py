"""Match predicted events and claims one-to-one with gold ones (pure, no model).

Matching is an optimal assignment (Hungarian algorithm, maximum total similarity) over
a similarity in [0, 1]; pairs below the minimum similarity never match. Unmatched
predictions are false positives, unmatched gold items false negatives.

Names and short texts (actors, targets, places, claimants, unresolved dates) are equal
when, after :func:`normalize_text` (case folded; "." and apostrophes dropped so "U.S." ==
"US"; other punctuation -> space; hyphenated words kept whole; "the/a/an" dropped;
"united states" -> "us"), they are identical or their rapidfuzz ``token_set_ratio`` is
>= ``NAME_MATCH_THRESHOLD`` (80). So "the U.S. military" == "U.S. military" and
"near Kirkuk" == "Kirkuk", but "Iran" != "Iraq" (75) and "Iran" != "Iran-backed militias".

Event similarity: weighted mean (``EVENT_WEIGHTS``) of type (1 if equal), actors and
targets (Dice coefficient of equal names), location (1 if :func:`location_equal`), date
(1 same day, 0.5 same within precision), casualties (mean over killed/injured: 1 exact,
0.5 interval-compatible) and evidence (:func:`evidence_overlap`). A component neither
side gives (evidence: one side without offsets) is left out and the weights
renormalized; one side alone scores 0. Match when >= ``MIN_EVENT_SIMILARITY`` (0.5).

Claim similarity: assertion text similarity ``token_set_ratio / 100`` of the normalized
texts; when both claims have evidence offsets, ``(text + overlap) / 2``, so the same words
quoted from a sentence the gold does not cite (overlap 0) score at most 0.5. Match when
>= ``MIN_CLAIM_SIMILARITY`` (0.7): token_set_ratio >= 70 without offsets; with offsets,
e.g. a loose paraphrase (text 0.4) of the same span (overlap 1.0).

Figures: a figure missing its value or qualifier is completed from its text with
``parse_figure``. *Exact*: same value and same qualifier. *Interval-compatible*: the
[low, high] intervals overlap (bounds derived from value and qualifier when not given;
None high = +inf). So "at least 10" vs "10": same value, other qualifier -> not exact,
compatible ([10, inf] meets [10, 10]); "at least 10" vs "at least nine": other value ->
not exact, compatible; "10" vs "at least nine": not exact, compatible; "five" vs
"at least 10": neither. A figure with no number is compatible only with another such.

Dates: *exact* when the ISO dates are equal (neither resolved: equal texts). *Within
precision* compares at the coarser precision of the two (none given = day): day -> same
date, week -> at most 6 days apart, month -> same year and month, year -> same year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from rapidfuzz import fuzz

from summarize.core.numbers import parse_figure
from summarize.core.schema import (
    Claim,
    DatePrecision,
    Event,
    EventDate,
    Evidence,
    Figure,
    Location,
    Party,
    Qualifier,
)
from summarize.core.text import normalize_text

NAME_MATCH_THRESHOLD = 80.0
"""Minimum rapidfuzz token_set_ratio (0-100) of normalized names for them to be equal."""

MIN_EVENT_SIMILARITY = 0.5
"""Event pairs less similar than this never match."""

MIN_CLAIM_SIMILARITY = 0.7
"""Claim pairs less similar than this never match (see the module doc for the formula)."""

EVENT_WEIGHTS: dict[str, float] = {
    "type": 0.25,
    "actors": 0.15,
    "targets": 0.15,
    "location": 0.15,
    "date": 0.10,
    "casualties": 0.10,
    "evidence": 0.10,
}
"""Weights of the event similarity components (renormalized over those present)."""

_PRECISIONS = [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR]

T = TypeVar("T")


def names_equal(a: str | None, b: str | None) -> bool:
    """True when two names are the same after normalization, up to fuzzy matching."""
    if a is None or b is None:
        return a is None and b is None
    left, right = normalize_text(a), normalize_text(b)
    if not left or not right:
        return left == right
    return left == right or fuzz.token_set_ratio(left, right) >= NAME_MATCH_THRESHOLD


def text_similarity(a: str, b: str) -> float:
    """token_set_ratio of the normalized texts, scaled to [0, 1]."""
    left, right = normalize_text(a), normalize_text(b)
    if not left or not right:
        return 1.0 if left == right else 0.0
    return fuzz.token_set_ratio(left, right) / 100.0


def _matched_names(gold: Sequence[str], predicted: Sequence[str]) -> int:
    """How many names pair up one-to-one (greedily, in order) as equal."""
    free = list(predicted)
    count = 0
    for name in gold:
        for index, candidate in enumerate(free):
            if names_equal(name, candidate):
                del free[index]
                count += 1
                break
    return count


def party_similarity(gold: Sequence[Party], predicted: Sequence[Party]) -> float:
    """Dice coefficient of equal names between two lists of parties (1.0 when both empty)."""
    if not gold and not predicted:
        return 1.0
    matched = _matched_names([p.name for p in gold], [p.name for p in predicted])
    return 2 * matched / (len(gold) + len(predicted))


def parties_equal(gold: Sequence[Party], predicted: Sequence[Party]) -> bool:
    """True when every gold name has an equal predicted name and vice versa."""
    gold_names = [p.name for p in gold]
    predicted_names = [p.name for p in predicted]
    return all(any(names_equal(g, p) for p in predicted_names) for g in gold_names) and all(
        any(names_equal(p, g) for g in gold_names) for p in predicted_names
    )


def _location_names(location: Location | None) -> list[str]:
    if location is None:
        return []
    return [n for n in (location.place, location.admin_area, location.country) if n]


def location_equal(gold: Location | None, predicted: Location | None) -> bool:
    """True when the prediction names the gold's most specific place in any of its fields.

    The most specific gold name is its place, else its admin area, else its country.
    Two locations without any name are equal.
    """
    gold_names, predicted_names = _location_names(gold), _location_names(predicted)
    if not gold_names or not predicted_names:
        return not gold_names and not predicted_names
    return any(names_equal(gold_names[0], name) for name in predicted_names)


def date_exact(gold: EventDate | None, predicted: EventDate | None) -> bool:
    """Same ISO date; when neither is resolved, the same words."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    if gold.iso is None and predicted.iso is None:
        return names_equal(gold.text, predicted.text)
    return gold.iso == predicted.iso


def _same_period(a: dt.date, b: dt.date, precision: DatePrecision) -> bool:
    if precision is DatePrecision.DAY:
        return a == b
    if precision is DatePrecision.WEEK:
        return abs((a - b).days) <= 6
    if precision is DatePrecision.MONTH:
        return (a.year, a.month) == (b.year, b.month)
    return a.year == b.year


def date_within_precision(
    gold: EventDate | None, predicted: EventDate | None, tolerance_days: int = 0
) -> bool:
    """Same date at the coarser precision of the two (day, week, month or year), or, with
    ``tolerance_days``, resolved days at most that far apart ("on Thursday" and "late on
    Wednesday" told relative to two publication dates and time zones)."""
    if gold is None or predicted is None or gold.iso is None or predicted.iso is None:
        return date_exact(gold, predicted)
    coarser = max(
        gold.precision or DatePrecision.DAY,
        predicted.precision or DatePrecision.DAY,
        key=_PRECISIONS.index,
    )
    if _same_period(gold.iso, predicted.iso, coarser):
        return True
    return coarser is DatePrecision.DAY and abs((gold.iso - predicted.iso).days) <= tolerance_days


def complete_figure(figure: Figure) -> Figure:
    """Fill a missing value or qualifier from the figure's text (as ``parse_figure`` reads it)."""
    if figure.value is not None and figure.qualifier is not Qualifier.UNKNOWN:
        return figure
    parsed = parse_figure(figure.text)
    value = figure.value if figure.value is not None else parsed.value
    qualifier = figure.qualifier
    if qualifier is Qualifier.UNKNOWN and parsed.value == value:
        qualifier = parsed.qualifier
    return figure.model_copy(update={"value": value, "qualifier": qualifier})


def _derived_bounds(value: int, qualifier: Qualifier) -> tuple[int, int | None]:
    if qualifier is Qualifier.AT_LEAST:
        return value, None
    if qualifier is Qualifier.MORE_THAN:
        return value + 1, None
    if qualifier is Qualifier.AT_MOST:
        return 0, value
    if qualifier is Qualifier.FEWER_THAN:
        return 0, max(value - 1, 0)
    if qualifier is Qualifier.ABOUT:
        spread = max(1, round(value * 0.1))
        return max(value - spread, 0), value + spread
    return value, value  # exact, or a number whose hedge is unknown


def figure_interval(figure: Figure) -> tuple[float, float] | None:
    """The [low, high] a figure allows (high may be +inf); None when it has no number."""
    if figure.low is not None or figure.high is not None:
        low = figure.low if figure.low is not None else 0
        return float(low), float(figure.high) if figure.high is not None else float("inf")
    completed = complete_figure(figure)
    if completed.value is None:
        return None
    low, high = _derived_bounds(completed.value, completed.qualifier)
    return float(low), float(high) if high is not None else float("inf")


def figures_exact(gold: Figure | None, predicted: Figure | None) -> bool:
    """Same value and same qualifier (both absent counts as equal)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    left, right = complete_figure(gold), complete_figure(predicted)
    return left.value == right.value and left.qualifier == right.qualifier


def figures_compatible(gold: Figure | None, predicted: Figure | None) -> bool:
    """The [low, high] intervals of the two figures overlap (None high = +inf)."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    left, right = figure_interval(gold), figure_interval(predicted)
    if left is None or right is None:
        return left is None and right is None
    return left[0] <= right[1] and right[0] <= left[1]


def _spans(evidence: Sequence[Evidence]) -> list[tuple[int, int]]:
    spans = sorted(
        (e.start, e.end)
        for e in evidence
        if e.start is not None and e.end is not None and e.end > e.start
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def evidence_overlap(gold: Sequence[Evidence], predicted: Sequence[Evidence]) -> float | None:
    """Shared characters of the two evidence spans over the shorter one's length.

    None when either side has no offsets; 1.0 when one span contains the other.
    """
    left, right = _spans(gold), _spans(predicted)
    if not left or not right:
        return None
    shared = sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in left
        for b_start, b_end in right
    )
    shorter = min(sum(e - s for s, e in left), sum(e - s for s, e in right))
    return shared / shorter


def _figure_score(gold: Figure | None, predicted: Figure | None) -> float:
    if figures_exact(gold, predicted):
        return 1.0
    return 0.5 if figures_compatible(gold, predicted) else 0.0


def event_components(gold: Event, predicted: Event) -> dict[str, float]:
    """The similarity components of an event pair that at least one side gives."""
    parts: dict[str, float] = {"type": 1.0 if gold.type == predicted.type else 0.0}
    if gold.actors or predicted.actors:
        parts["actors"] = party_similarity(gold.actors, predicted.actors)
    if gold.targets or predicted.targets:
        parts["targets"] = party_similarity(gold.targets, predicted.targets)
    if _location_names(gold.location) or _location_names(predicted.location):
        parts["location"] = 1.0 if location_equal(gold.location, predicted.location) else 0.0
    if gold.date or predicted.date:
        if date_exact(gold.date, predicted.date):
            parts["date"] = 1.0
        else:
            parts["date"] = 0.5 if date_within_precision(gold.date, predicted.date) else 0.0
    figures = [
        _figure_score(g, p)
        for g, p in ((gold.killed, predicted.killed), (gold.injured, predicted.injured))
        if g is not None or p is not None
    ]
    if figures:
        parts["casualties"] = sum(figures) / len(figures)
    overlap = evidence_overlap(gold.evidence, predicted.evidence)
    if overlap is not None:
        parts["evidence"] = overlap
    return parts


def event_similarity(gold: Event, predicted: Event) -> float:
    """Weighted mean of the event's similarity components, in [0, 1]."""
    parts = event_components(gold, predicted)
    total = sum(EVENT_WEIGHTS[name] for name in parts)
    return sum(EVENT_WEIGHTS[name] * score for name, score in parts.items()) / total


def claim_similarity(gold: Claim, predicted: Claim) -> float:
    """Assertion text similarity, averaged with evidence overlap when both have offsets."""
    text = text_similarity(gold.assertion, predicted.assertion)
    overlap = evidence_overlap(gold.evidence, predicted.evidence)
    return text if overlap is None else (text + overlap) / 2


def assign(similarity: Sequence[Sequence[float]], minimum: float) -> list[tuple[int, int, float]]:
    """Optimal one-to-one pairs (row, column, similarity) maximizing total similarity
    (scipy's ``linear_sum_assignment``).

    Only pairs with similarity >= ``minimum`` may be chosen; the result is sorted by row.
    """
    if not similarity or not similarity[0]:
        return []
    from scipy.optimize import linear_sum_assignment

    scores = [[s if s >= minimum else 0.0 for s in row] for row in similarity]
    rows, cols = linear_sum_assignment(scores, maximize=True)
    pairs = [
        (int(row), int(col), similarity[row][col])
        for row, col in zip(rows, cols, strict=True)
        if similarity[row][col] >= minimum
    ]
    return sorted(pairs)


@dataclass(frozen=True)
class Matching:
    """One-to-one pairs of (gold index, predicted index, similarity) and the leftovers."""

    pairs: list[tuple[int, int, float]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)  # gold indices: false negatives
    spurious: list[int] = field(default_factory=list)  # predicted indices: false positives


def match_items(
    gold: Sequence[T],
    predicted: Sequence[T],
    similarity: Callable[[T, T], float],
    minimum: float,
) -> Matching:
    """Match gold and predicted items by optimal assignment over ``similarity``."""
    matrix = [[similarity(g, p) for p in predicted] for g in gold]
    pairs = assign(matrix, minimum)
    matched_gold = {g for g, _, _ in pairs}
    matched_predicted = {p for _, p, _ in pairs}
    return Matching(
        pairs=pairs,
        missed=[i for i in range(len(gold)) if i not in matched_gold],
        spurious=[i for i in range(len(predicted)) if i not in matched_predicted],
    )


def match_events(gold: Sequence[Event], predicted: Sequence[Event]) -> Matching:
    """Match events one-to-one (similarity >= ``MIN_EVENT_SIMILARITY``)."""
    return match_items(gold, predicted, event_similarity, MIN_EVENT_SIMILARITY)


def match_claims(gold: Sequence[Claim], predicted: Sequence[Claim]) -> Matching:
    """Match claims one-to-one (similarity >= ``MIN_CLAIM_SIMILARITY``)."""
    return match_items(gold, predicted, claim_similarity, MIN_CLAIM_SIMILARITY)
