"""Matching and metrics on small hand-made events and claims (no model, no gold files)."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from summarize.core.compare import (
    figures_compatible,
    figures_exact,
)
from summarize.core.numbers import parse_figure
from summarize.core.schema import (
    ArticleSummary,
    Claim,
    DatePrecision,
    Event,
    EventDate,
    EventType,
    Evidence,
    Factuality,
    Location,
    Party,
    SummaryMeta,
)
from summarize.evaluation.matching import (
    MIN_EVENT_SIMILARITY,
    assign,
    claim_similarity,
    event_similarity,
    match_claims,
    match_events,
)
from summarize.evaluation.metrics import score_article

STRIKE = EventType.AIR_OR_DRONE_STRIKE


def _event(
    *,
    type: EventType = STRIKE,
    actors: tuple[str, ...] = ("U.S.",),
    targets: tuple[str, ...] = ("Kataib Hezbollah",),
    place: str | None = "Kirkuk",
    iso: dt.date | None = dt.date(2023, 12, 3),
    killed: str | None = "five",
) -> Event:
    return Event(
        type=type,
        actors=[Party(name=a) for a in actors],
        targets=[Party(name=t) for t in targets],
        location=Location(place=place) if place else None,
        date=EventDate(text="Sunday", iso=iso, precision=DatePrecision.DAY) if iso else None,
        killed=parse_figure(killed) if killed else None,
    )


def _claim(assertion: str, claimant: str | None, **kwargs: object) -> Claim:
    return Claim(assertion=assertion, claimant=claimant, **kwargs)  # type: ignore[arg-type]


def _summary(events: list[Event], claims: list[Claim]) -> ArticleSummary:
    meta = SummaryMeta(model="test", prompt_version="t1", latency_s=1.5)
    return ArticleSummary(headline="h", summary="s", events=events, claims=claims, meta=meta)


GOLD_EVENTS = [
    _event(),
    _event(
        actors=("Iran-backed militias",),
        targets=("U.S. forces",),
        place="Syria",
        iso=dt.date(2023, 11, 5),
        killed=None,
        type=EventType.DRONE_ATTACK,
    ),
]
GOLD_CLAIMS = [
    _claim("The strike killed five militants", "three Iraqi security sources"),
    _claim("The militants were preparing to launch a drone", "a U.S. official"),
]


def test_perfect_match_scores_one() -> None:
    score = score_article("a", GOLD_EVENTS, GOLD_CLAIMS, _summary(GOLD_EVENTS, GOLD_CLAIMS))
    for counts in (score.events, score.claims):
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0)
    assert all(t.accuracy in (1.0, None) for t in score.event_fields.values())
    assert score.event_fields["type"].scored == 2
    assert score.claim_fields["claimant"].accuracy == 1.0
    assert not score.missed_events and not score.spurious_claims


def test_missing_event_lowers_recall_not_precision() -> None:
    score = score_article("a", GOLD_EVENTS, [], _summary([GOLD_EVENTS[1]], []))
    assert score.events.precision == 1.0
    assert score.events.recall == 0.5
    assert [m.index for m in score.missed_events] == [0]


def test_extra_event_lowers_precision_not_recall() -> None:
    extra = _event(
        type=EventType.ARREST,
        actors=("Iraqi police",),
        targets=(),
        place="Basra",
        iso=None,
        killed=None,
    )
    score = score_article("a", GOLD_EVENTS, [], _summary([*GOLD_EVENTS, extra], []))
    assert score.events.recall == 1.0
    assert score.events.precision == pytest.approx(2 / 3)
    assert [s.index for s in score.spurious_events] == [2]


def test_failed_summary_counts_every_gold_item_missed() -> None:
    score = score_article("a", GOLD_EVENTS, GOLD_CLAIMS, None, "model failed")
    assert not score.valid and score.error == "model failed"
    assert (score.events.tp, score.events.fn, score.claims.fn) == (0, 2, 2)
    assert score.events.f1 == 0.0


def test_swapped_claimants_are_caught() -> None:
    swapped = [
        GOLD_CLAIMS[0].model_copy(update={"claimant": GOLD_CLAIMS[1].claimant}),
        GOLD_CLAIMS[1].model_copy(update={"claimant": GOLD_CLAIMS[0].claimant}),
    ]
    score = score_article("a", [], GOLD_CLAIMS, _summary([], swapped))
    assert score.claims.f1 == 1.0  # matched on the assertion...
    assert score.claim_fields["claimant"].correct == 0  # ...but the claimant is wrong
    assert score.claim_fields["claimant"].scored == 2
    assert score.matched_claims[0].mismatches == ["claimant"]


def test_factuality_accuracy() -> None:
    predicted = [c.model_copy(update={"factuality": Factuality.CERTAIN}) for c in GOLD_CLAIMS]
    gold = [GOLD_CLAIMS[0].model_copy(update={"factuality": Factuality.CERTAIN}), GOLD_CLAIMS[1]]
    score = score_article("a", [], gold, _summary([], predicted))
    assert score.claim_fields["factuality"].accuracy == 0.5


@pytest.mark.parametrize(
    ("gold", "predicted", "exact", "compatible"),
    [
        ("at least 10", "10", False, True),  # same value, other qualifier
        ("at least 10", "at least nine", False, True),  # other value, intervals overlap
        ("10", "at least nine", False, True),
        ("10", "ten", True, True),
        ("at least 10", "at least ten", True, True),
        ("five", "at least 10", False, False),
        ("more than 70", "at least 71", False, True),
        ("about 900", "1,000", False, False),  # about 900 is [810, 990]
    ],
)
def test_figures_behave_as_documented(
    gold: str, predicted: str, exact: bool, compatible: bool
) -> None:
    g, p = parse_figure(gold), parse_figure(predicted)
    assert figures_exact(g, p) is exact
    assert figures_compatible(g, p) is compatible
    event_score = score_article(
        "a", [_event(killed=gold)], [], _summary([_event(killed=predicted)], [])
    )
    assert event_score.event_fields["killed_exact"].correct == int(exact)
    assert event_score.event_fields["killed_interval"].correct == int(compatible)


def test_actor_and_location_use_fuzzy_names() -> None:
    gold = _event(actors=("the U.S. military",), place="Kirkuk province")
    predicted = _event(actors=("U.S. military",), place="Kirkuk")
    score = score_article("a", [gold], [], _summary([predicted], []))
    assert score.event_fields["actor"].accuracy == 1.0
    assert score.event_fields["location"].accuracy == 1.0


def test_unrelated_events_do_not_match() -> None:
    other = _event(
        type=EventType.ARREST,
        actors=("Iraqi police",),
        targets=("a smuggler",),
        place="Basra",
        iso=dt.date(2023, 10, 1),
        killed=None,
    )
    assert event_similarity(GOLD_EVENTS[0], other) < MIN_EVENT_SIMILARITY
    assert match_events([GOLD_EVENTS[0]], [other]).pairs == []


def test_claim_evidence_overlap_decides() -> None:
    span = Evidence(quote="x" * 40, start=100, end=140)
    gold = _claim("Five fighters died in the attack near Kirkuk", "sources", evidence=[span])
    paraphrase = _claim("The U.S. strike killed five Kataib Hezbollah members", "sources")
    assert match_claims([gold], [paraphrase]).pairs == []
    located = paraphrase.model_copy(update={"evidence": [span]})
    assert claim_similarity(gold, located) > claim_similarity(gold, paraphrase)
    assert len(match_claims([gold], [located]).pairs) == 1
    # The gold's own words quoted from a sentence the gold does not cite: no match.
    elsewhere = Evidence(quote="y" * 40, start=300, end=340)
    same_words = gold.model_copy(update={"evidence": [elsewhere]})
    assert claim_similarity(gold, same_words) == 0.5
    assert match_claims([gold], [same_words]).pairs == []


def _greedy(matrix: list[list[float]], minimum: float) -> list[tuple[int, int]]:
    cells = sorted(
        ((s, r, c) for r, row in enumerate(matrix) for c, s in enumerate(row)), reverse=True
    )
    used_r: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for s, r, c in cells:
        if s >= minimum and r not in used_r and c not in used_c:
            pairs.append((r, c))
            used_r.add(r)
            used_c.add(c)
    return pairs


def test_optimal_assignment_beats_greedy() -> None:
    gold = [_event(killed=None), _event(place=None, iso=None, killed=None)]  # A, B
    predicted = [
        _event(iso=None, killed=None),  # X: close to A, also fine for B
        _event(actors=(), targets=(), killed=None),  # Y: acceptable only for A
    ]
    matrix = [[event_similarity(g, p) for p in predicted] for g in gold]
    assert matrix[0][0] > matrix[0][1] >= MIN_EVENT_SIMILARITY  # X-A best, Y-A ok
    assert matrix[1][0] >= MIN_EVENT_SIMILARITY > matrix[1][1]  # X-B ok, Y-B not
    assert len(_greedy(matrix, MIN_EVENT_SIMILARITY)) == 1
    matching = match_events(gold, predicted)
    assert [(g, p) for g, p, _ in matching.pairs] == [(0, 1), (1, 0)]
    assert matching.missed == [] and matching.spurious == []


def test_assign_is_optimal_against_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        matrix = [[round(rng.random(), 2) for _ in range(cols)] for _ in range(rows)]
        pairs = assign(matrix, 0.4)
        assert len({r for r, _, _ in pairs}) == len({c for _, c, _ in pairs}) == len(pairs)
        assert all(s >= 0.4 for _, _, s in pairs)
        best = 0.0
        for perm in itertools.permutations(range(max(rows, cols)), min(rows, cols)):
            if rows <= cols:
                cells = list(zip(range(rows), perm, strict=True))
            else:
                cells = list(zip(perm, range(cols), strict=True))
            best = max(best, sum(matrix[r][c] for r, c in cells if matrix[r][c] >= 0.4))
        assert sum(s for _, _, s in pairs) == pytest.approx(best)


def test_empty_sides() -> None:
    assert match_events([], []).pairs == []
    assert match_events(GOLD_EVENTS, []).missed == [0, 1]
    assert match_claims([], GOLD_CLAIMS).spurious == [0, 1]
    score = score_article("a", [], [], _summary([], []))
    assert (score.events.precision, score.events.recall, score.events.f1) == (1.0, 1.0, 1.0)
