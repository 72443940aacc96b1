"""Score one article's predicted summary against its gold labels (pure, no model).

Per article: events and claims are matched (:mod:`summarize.evaluation.matching`);
matched pairs are true positives, unmatched predictions false positives, unmatched
gold items false negatives. Precision, recall and F1 are computed from summed counts
(micro over all articles): precision = TP / (TP + FP), recall = TP / (TP + FN),
F1 = 2 TP / (2 TP + FP + FN). When a denominator is 0: precision is 0.0 when nothing
was predicted but there was something to find (a run that predicts nothing has no
precision to speak of) and 1.0 when there was nothing to find either; recall and F1
are 1.0 (nothing to find, nothing predicted wrongly).

Per-field accuracy is computed over matched pairs only. A field is *scored* on a
pair when the gold item or the prediction gives it (type, factuality and polarity are
always scored); it is correct when both agree as described in the matching module:

- events: ``type`` (equal), ``actor`` / ``target`` (same set of names),
  ``location`` (the gold's most specific place named), ``date_exact`` (same day),
  ``date_within_precision`` (same period at the coarser precision),
  ``killed_exact`` / ``injured_exact`` (same value and qualifier),
  ``killed_interval`` / ``injured_interval`` (intervals overlap);
- claims: ``claimant`` and ``reported_via`` (equal names), ``factuality``,
  ``polarity``.

An article whose summary failed (``summary`` is None) is schema-invalid: all its gold
items are false negatives. Grounding counts predicted evidence items (of events and
claims) whose alignment is not ``not_found``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel, Field, computed_field

from summarize.core.compare import (
    date_exact,
    date_within_precision,
    figures_compatible,
    figures_exact,
    location_equal,
    names_equal,
    parties_equal,
)
from summarize.core.schema import ArticleSummary, Claim, Event
from summarize.evaluation.matching import Matching, match_claims, match_events

EVENT_FIELDS = (
    "type",
    "actor",
    "target",
    "location",
    "date_exact",
    "date_within_precision",
    "killed_exact",
    "killed_interval",
    "injured_exact",
    "injured_interval",
)
"""Event fields whose accuracy is reported, in report order."""

CLAIM_FIELDS = ("claimant", "reported_via", "factuality", "polarity")
"""Claim fields whose accuracy is reported, in report order."""


def format_score(value: float | None, digits: int = 3) -> str:
    """A score for a report table: ``0.249``, or ``n/a`` when there is none."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


class Counts(BaseModel):
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float:
        """TP / (TP + FP); when nothing was predicted, 0.0 if something was missed, else
        1.0 (nothing to find, nothing found)."""
        if self.tp + self.fp == 0:
            return 0.0 if self.fn else 1.0
        return self.tp / (self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when there was nothing to find."""
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float:
        """2 TP / (2 TP + FP + FN); 1.0 when all counts are 0."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)


class FieldTally(BaseModel):
    """How often a field was scored on a matched pair and how often it was right."""

    correct: int = 0
    scored: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        """correct / scored; None when the field was never scored."""
        return self.correct / self.scored if self.scored else None

    def __add__(self, other: FieldTally) -> FieldTally:
        return FieldTally(correct=self.correct + other.correct, scored=self.scored + other.scored)


class PairDetail(BaseModel):
    """A matched pair: indices, similarity, both items in short and the fields that differ."""

    gold: int
    predicted: int
    similarity: float
    gold_text: str
    predicted_text: str
    mismatches: list[str] = Field(default_factory=list)


class ItemDetail(BaseModel):
    """An unmatched item (a missed gold item or a spurious prediction)."""

    index: int
    text: str


class ArticleScore(BaseModel):
    """Everything measured on one article."""

    article: str
    valid: bool
    error: str | None = None
    events: Counts = Field(default_factory=Counts)
    claims: Counts = Field(default_factory=Counts)
    event_fields: dict[str, FieldTally] = Field(default_factory=dict)
    claim_fields: dict[str, FieldTally] = Field(default_factory=dict)
    matched_events: list[PairDetail] = Field(default_factory=list)
    missed_events: list[ItemDetail] = Field(default_factory=list)
    spurious_events: list[ItemDetail] = Field(default_factory=list)
    matched_claims: list[PairDetail] = Field(default_factory=list)
    missed_claims: list[ItemDetail] = Field(default_factory=list)
    spurious_claims: list[ItemDetail] = Field(default_factory=list)
    evidence_items: int = 0
    evidence_grounded: int = 0
    latency_s: float | None = None
    prompt_tokens: int | None = None
    cached_prompt_tokens: int | None = None
    completion_tokens: int | None = None
    from_cache: bool | None = None


def describe_event(event: Event) -> str:
    """One line naming an event's type, parties, place, date and toll."""
    who = ", ".join(p.name for p in event.actors) or "?"
    whom = ", ".join(p.name for p in event.targets)
    parts = [f"{event.type.value}: {who}" + (f" -> {whom}" if whom else "")]
    if event.location:
        names = [n for n in (event.location.place, event.location.country) if n]
        if names:
            parts.append("in " + ", ".join(names))
    if event.date:
        parts.append(f"on {event.date.text!r}" + (f" ({event.date.iso})" if event.date.iso else ""))
    for label, figure in (("killed", event.killed), ("injured", event.injured)):
        if figure:
            parts.append(f"{label} {figure.text!r}")
    return "; ".join(parts)


def describe_claim(claim: Claim) -> str:
    """One line: claimant, factuality and the assertion."""
    who = claim.claimant or "unattributed"
    return f"{who} [{claim.factuality.value}]: {claim.assertion}"


def event_field_checks(gold: Event, predicted: Event) -> dict[str, bool | None]:
    """Each event field's verdict on a matched pair; None when neither side gives it."""

    def given(a: object, b: object) -> bool:
        return bool(a) or bool(b)

    dates_given = given(gold.date, predicted.date)
    checks: dict[str, bool | None] = {
        "type": gold.type == predicted.type,
        "actor": parties_equal(gold.actors, predicted.actors)
        if given(gold.actors, predicted.actors)
        else None,
        "target": parties_equal(gold.targets, predicted.targets)
        if given(gold.targets, predicted.targets)
        else None,
        "location": location_equal(gold.location, predicted.location)
        if given(gold.location, predicted.location)
        else None,
        "date_exact": date_exact(gold.date, predicted.date) if dates_given else None,
        "date_within_precision": date_within_precision(gold.date, predicted.date)
        if dates_given
        else None,
    }
    for name in ("killed", "injured"):
        g, p = getattr(gold, name), getattr(predicted, name)
        checks[f"{name}_exact"] = figures_exact(g, p) if given(g, p) else None
        checks[f"{name}_interval"] = figures_compatible(g, p) if given(g, p) else None
    return checks


def claim_field_checks(gold: Claim, predicted: Claim) -> dict[str, bool | None]:
    """Each claim field's verdict on a matched pair; None when neither side gives it."""
    return {
        "claimant": names_equal(gold.claimant, predicted.claimant)
        if gold.claimant or predicted.claimant
        else None,
        "reported_via": names_equal(gold.reported_via, predicted.reported_via)
        if gold.reported_via or predicted.reported_via
        else None,
        "factuality": gold.factuality == predicted.factuality,
        "polarity": gold.polarity == predicted.polarity,
    }


def _tally(
    verdicts: Iterable[dict[str, bool | None]], fields: Sequence[str]
) -> dict[str, FieldTally]:
    tallies = {name: FieldTally() for name in fields}
    for verdict in verdicts:
        for name, ok in verdict.items():
            if ok is not None:
                tallies[name] = tallies[name] + FieldTally(correct=int(ok), scored=1)
    return tallies


def _pair_details(
    matching: Matching,
    gold: Sequence[Any],
    predicted: Sequence[Any],
    checks: Callable[[Any, Any], dict[str, bool | None]],
    describe: Callable[[Any], str],
) -> tuple[list[PairDetail], list[dict[str, bool | None]]]:
    """Each matched pair's description and its per-field verdicts."""
    pairs: list[PairDetail] = []
    verdicts: list[dict[str, bool | None]] = []
    for g, p, similarity in matching.pairs:
        verdict = checks(gold[g], predicted[p])
        verdicts.append(verdict)
        pairs.append(
            PairDetail(
                gold=g,
                predicted=p,
                similarity=round(similarity, 3),
                gold_text=describe(gold[g]),
                predicted_text=describe(predicted[p]),
                mismatches=[name for name, ok in verdict.items() if ok is False],
            )
        )
    return pairs, verdicts


def score_article(
    article: str,
    gold_events: Sequence[Event],
    gold_claims: Sequence[Claim],
    summary: ArticleSummary | None,
    error: str | None = None,
) -> ArticleScore:
    """Match one article's predictions to its gold items and count everything."""
    predicted_events = summary.events if summary else []
    predicted_claims = summary.claims if summary else []
    events = match_events(gold_events, predicted_events)
    claims = match_claims(gold_claims, predicted_claims)

    event_pairs, event_verdicts = _pair_details(
        events, gold_events, predicted_events, event_field_checks, describe_event
    )
    claim_pairs, claim_verdicts = _pair_details(
        claims, gold_claims, predicted_claims, claim_field_checks, describe_claim
    )

    evidence = [e for item in [*predicted_events, *predicted_claims] for e in item.evidence]
    usage = summary.meta.usage if summary else None
    return ArticleScore(
        article=article,
        valid=summary is not None,
        error=error,
        events=Counts(tp=len(events.pairs), fp=len(events.spurious), fn=len(events.missed)),
        claims=Counts(tp=len(claims.pairs), fp=len(claims.spurious), fn=len(claims.missed)),
        event_fields=_tally(event_verdicts, EVENT_FIELDS),
        claim_fields=_tally(claim_verdicts, CLAIM_FIELDS),
        matched_events=event_pairs,
        missed_events=[
            ItemDetail(index=i, text=describe_event(gold_events[i])) for i in events.missed
        ],
        spurious_events=[
            ItemDetail(index=i, text=describe_event(predicted_events[i])) for i in events.spurious
        ],
        matched_claims=claim_pairs,
        missed_claims=[
            ItemDetail(index=i, text=describe_claim(gold_claims[i])) for i in claims.missed
        ],
        spurious_claims=[
            ItemDetail(index=i, text=describe_claim(predicted_claims[i])) for i in claims.spurious
        ],
        evidence_items=len(evidence),
        evidence_grounded=sum(1 for e in evidence if e.grounded),
        latency_s=summary.meta.model_time_s if summary else None,
        prompt_tokens=usage.prompt_tokens if usage else None,
        cached_prompt_tokens=usage.cached_prompt_tokens if usage else None,
        completion_tokens=usage.completion_tokens if usage else None,
        from_cache=summary.meta.from_cache if summary else None,
    )


def total_counts(scores: Iterable[ArticleScore], kind: str) -> Counts:
    """Summed ``events`` or ``claims`` counts over articles (micro averaging)."""
    total = Counts()
    for score in scores:
        total = total + getattr(score, kind)
    return total


def total_fields(scores: Iterable[ArticleScore], kind: str) -> dict[str, FieldTally]:
    """Summed ``event_fields`` or ``claim_fields`` tallies over articles."""
    fields = EVENT_FIELDS if kind == "event_fields" else CLAIM_FIELDS
    totals = {name: FieldTally() for name in fields}
    for score in scores:
        for name, tally in getattr(score, kind).items():
            totals[name] = totals.get(name, FieldTally()) + tally
    return totals
