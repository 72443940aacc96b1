"""Mentions of one occurrence merged into one event (core/coref.py): the same-occurrence
rule (the one "same event?" of core/sameness.py) and the article order of the result.
Examples are written for these tests, not taken from the seed articles. (Details, series
and confirmations are tested with the labelling guide's rules in test_event_rules.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from summarize.core.coref import DETAIL_REACH, merge_details, merge_mentions, same_occurrence
from summarize.core.dates import resolve_date
from summarize.core.numbers import parse_figure
from summarize.core.schema import Alignment, Event, EventType, Evidence, Location, Party

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday
LEAD = "Drones struck a weapons depot outside Tikrit on Tuesday night, the ministry said."
OTHER = "The ministry added that a drone also hit a checkpoint west of Baiji."
LATER = "Residents of Tikrit said the Tuesday strike on the depot shook their windows."
TEXT = f"{LEAD} {OTHER} {LATER}"


def _event(
    sentence: str,
    actors: tuple[str, ...] = (),
    targets: tuple[str, ...] = (),
    event_type: EventType = EventType.AIR_OR_DRONE_STRIKE,
    **fields: Any,
) -> Event:
    start = TEXT.index(sentence)
    evidence = Evidence(
        quote=sentence, start=start, end=start + len(sentence), alignment=Alignment.EXACT
    )
    return Event(
        type=event_type,
        actors=[Party(name=name) for name in actors],
        targets=[Party(name=name) for name in targets],
        evidence=[evidence],
        **fields,
    )


DEPOT = _event(
    LEAD,
    targets=("a weapons depot",),
    location=Location(place="Tikrit", country="Iraq"),
    date=resolve_date("Tuesday night", PUBLISHED),
)
DEPOT_AGAIN = _event(
    LATER,
    targets=("the depot",),
    location=Location(place="Tikrit"),
    date=resolve_date("Tuesday", PUBLISHED),
    killed=parse_figure("two"),
)
CHECKPOINT = _event(OTHER, targets=("a checkpoint",), location=Location(place="Baiji"))


def test_a_shared_target_and_an_agreeing_place_and_date_are_one_occurrence() -> None:
    assert same_occurrence(DEPOT, DEPOT_AGAIN) and same_occurrence(DEPOT_AGAIN, DEPOT)
    assert not same_occurrence(DEPOT, CHECKPOINT)


def test_a_type_never_vetoes_but_a_statement_needs_the_fields_to_agree() -> None:
    shelled = DEPOT_AGAIN.model_copy(update={"type": EventType.ROCKET_OR_MISSILE_ATTACK})
    assert same_occurrence(DEPOT, shelled)  # place, date and target agree
    said = _event(OTHER, actors=("the ministry",), event_type=EventType.STATEMENT)
    assert not same_occurrence(DEPOT, said.model_copy(update={"location": DEPOT.location}))


def test_a_shared_party_alone_is_not_enough() -> None:
    first = _event(LEAD, actors=("U.S. forces",))
    second = _event(LATER, actors=("the US",))
    assert not same_occurrence(first, second)
    # a party and a toll that agrees are two fields: one article needs three
    tuesday = resolve_date("Tuesday", PUBLISHED)
    four = _event(LEAD, actors=("U.S. forces",), killed=parse_figure("four"))
    three_or_more = _event(LATER, actors=("the US",), killed=parse_figure("at least three"))
    assert not same_occurrence(four, three_or_more)
    dated = {"date": tuesday}
    assert same_occurrence(four.model_copy(update=dated), three_or_more.model_copy(update=dated))


def test_a_shared_country_is_no_evidence() -> None:
    first = _event(LEAD, targets=("a weapons depot",), location=Location(place="Iraq"))
    second = _event(LATER, targets=("the depot",), location=Location(place="northern Iraq"))
    assert not same_occurrence(first, second)


@pytest.mark.parametrize(
    "update",
    [
        {"date": resolve_date("Monday", PUBLISHED)},
        {"location": Location(place="Samarra")},
    ],
    ids=["date", "place"],
)
def test_a_contradiction_keeps_two_occurrences(update: dict[str, Any]) -> None:
    assert not same_occurrence(DEPOT, DEPOT_AGAIN.model_copy(update=update))


def test_a_contradicting_toll_keeps_two_occurrences() -> None:
    four = _event(LEAD, actors=("U.S. forces",), killed=parse_figure("four"))
    ten = _event(LATER, actors=("the US",), killed=parse_figure("ten"))
    assert not same_occurrence(four, ten)


def test_merged_mentions_keep_both_quotes_in_article_order() -> None:
    merged = merge_mentions([DEPOT_AGAIN, CHECKPOINT, DEPOT], PUBLISHED)
    assert [e.evidence[0].quote for e in merged] == [LEAD, OTHER]
    depot = merged[0]
    assert [e.quote for e in depot.evidence] == [LEAD, LATER]
    assert depot.location == Location(place="Tikrit", country="Iraq")  # the first mention's
    assert depot.killed is not None and depot.killed.value == 2  # lent by the later mention
    assert merged[1] == CHECKPOINT


def test_a_detail_too_far_from_its_attack_stays_apart() -> None:
    attack = "Gunmen raided a bank in the old town."
    detail = "The raid left three guards wounded."
    near, far = f"{attack} {detail}", f"{attack} {'x' * (DETAIL_REACH + 10)} {detail}"

    def events(text: str) -> list[Event]:
        found = []
        for sentence, event_type in ((attack, EventType.ARMED_CLASH), (detail, EventType.OTHER)):
            start = text.index(sentence)
            evidence = Evidence(
                quote=sentence, start=start, end=start + len(sentence), alignment=Alignment.EXACT
            )
            found.append(Event(type=event_type, evidence=[evidence]))
        return found

    assert len(merge_details(events(near))) == 1
    assert len(merge_details(events(far))) == 2
