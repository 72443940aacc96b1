"""Do two fields say the same? Names, parties, places, dates, figures, evidence (pure).

Every comparison of two events' fields goes through here: the summarizer merging the
mentions of one article, the story merging mentions across articles, and the scorer
pairing predictions with gold.

Names and short texts (actors, targets, places, claimants, unresolved dates) are equal
when, after :func:`normalize_text` (case folded; "." and apostrophes dropped so "U.S." ==
"US"; other punctuation -> space; hyphenated words kept whole; "the/a/an" dropped;
"united states" -> "us"), they are identical or their rapidfuzz ``token_set_ratio`` is
>= ``NAME_MATCH_THRESHOLD`` (80). So "the U.S. military" == "U.S. military" and
"near Kirkuk" == "Kirkuk", but "Iran" != "Iraq" (75) and "Iran" != "Iran-backed militias".

Places (:func:`location_score`, no gazetteer): a name is *country-level* when, after
dropping compass words ("northern", "the western part of"), it names only countries
("Iraq", "northern Iraq"). Country names come from ``pytz.country_names`` plus "US".
Anything else ("Kirkuk province", "Erbil, Iraq") is *specific*; countries written inside
it are still read. Two locations are compared at the most specific level both give: 1.0
when a specific name of one equals one of the other; otherwise, when one side gives only
countries, ``COUNTRY_AGREEMENT`` if they share a country and 0.0 if not; 0.0 when both give
specific names and none is equal; None (unknown) when a side gives nothing, or one gives
only a country and the other only a place, since "Kirkuk" may or may not be in "Iraq".

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
from collections.abc import Sequence

from rapidfuzz import fuzz

from summarize.core.numbers import parse_figure
from summarize.core.places import countries_in, is_country_level
from summarize.core.schema import (
    DatePrecision,
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

_PRECISIONS = [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR]


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


def location_names(location: Location | None) -> list[str]:
    """The names a location gives, most specific first: place, admin area, country."""
    if location is None:
        return []
    return [n for n in (location.place, location.admin_area, location.country) if n]


def location_equal(gold: Location | None, predicted: Location | None) -> bool:
    """True when the prediction names the gold's most specific place in any of its fields.

    The most specific gold name is its place, else its admin area, else its country.
    Two locations without any name are equal.
    """
    gold_names, predicted_names = location_names(gold), location_names(predicted)
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


COUNTRY_AGREEMENT = 0.5
"""Score of two locations that share a country but no more specific name."""


def _levels(location: Location | None) -> tuple[list[str], set[str]]:
    """(specific names, countries) of a location."""
    if location is None:
        return [], set()
    specific: list[str] = []
    countries: set[str] = set()
    for name in (location.place, location.admin_area, location.country):
        if not name:
            continue
        countries |= countries_in(name)
        if name is not location.country and not is_country_level(name):
            specific.append(name)
    if location.country and not countries:
        countries.add(normalize_text(location.country))
    return specific, countries


def location_score(a: Location | None, b: Location | None) -> float | None:
    """Agreement of two locations at the most specific level both give (see the module doc)."""
    left, left_countries = _levels(a)
    right, right_countries = _levels(b)
    if not (left or left_countries) or not (right or right_countries):
        return None
    if left and right:
        return 1.0 if any(names_equal(x, y) for x in left for y in right) else 0.0
    if left_countries and right_countries:
        return COUNTRY_AGREEMENT if left_countries & right_countries else 0.0
    return None
