"""Match predicted events and claims one-to-one with gold ones (pure, no model).

Matching is an optimal assignment (Hungarian algorithm, maximum total similarity) over
a similarity in [0, 1]; pairs below the minimum similarity never match. Unmatched
predictions are false positives, unmatched gold items false negatives. Fields are
compared by :mod:`summarize.core.compare` (names, places, dates, figures, evidence).

The scorer's similarity is not the story's "same event?" (:mod:`summarize.core.sameness`):
it pairs a prediction with the gold item it stands for, so a field one side leaves out
counts against the pair, and its weights stay fixed so scores compare across versions.

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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from summarize.core.compare import (
    date_exact,
    date_within_precision,
    evidence_overlap,
    figures_compatible,
    figures_exact,
    location_equal,
    location_names,
    party_similarity,
    text_similarity,
)
from summarize.core.schema import Claim, Event, Figure

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


T = TypeVar("T")


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
    if location_names(gold.location) or location_names(predicted.location):
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
