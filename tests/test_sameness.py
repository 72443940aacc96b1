"""The one "same event?" answer (core/sameness.py) on hand-made mentions: what agrees, what
vetoes, and what changes between two mentions of one article and of two articles."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.core.dates import resolve_date
from summarize.core.numbers import parse_figure
from summarize.core.sameness import EventRef, content_words, family, pair_score
from summarize.core.schema import Event, EventType, Evidence, Location, Party

MONDAY = dt.date(2024, 5, 6)
TUESDAY = dt.date(2024, 5, 7)


def _event(
    quote: str,
    event_type: EventType = EventType.BOMBING,
    *,
    place: str | None = "Mosul",
    day: str | None = "Sunday",
    published: dt.date = MONDAY,
    targets: tuple[str, ...] = ("a market",),
    killed: str | None = None,
) -> Event:
    return Event(
        type=event_type,
        targets=[Party(name=name) for name in targets],
        location=Location(place=place) if place else None,
        date=resolve_date(day, published) if day else None,
        killed=parse_figure(killed) if killed else None,
        evidence=[Evidence(quote=quote)],
    )


CAR_BOMB = _event("A car bomb tore through a market in Mosul on Sunday, killing 12.", killed="12")
RETOLD = _event(
    "Twelve people died when a bomb went off in the Mosul market on Sunday.",
    published=TUESDAY,
    killed="twelve",
)


def test_one_bombing_told_by_two_outlets_is_one_event() -> None:
    score = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("b", 0, RETOLD, TUESDAY))
    assert score.veto is None and score.mergeable
    assert {"date", "location", "parties", "casualties"} <= set(score.agreed)


def test_places_that_differ_veto_whatever_else_agrees() -> None:
    elsewhere = RETOLD.model_copy(update={"location": Location(place="Kirkuk")})
    score = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("b", 0, elsewhere, TUESDAY))
    assert score.veto == "the places differ" and not score.mergeable


def test_a_day_apart_is_tolerated_across_outlets_but_not_within_one_article() -> None:
    saturday = _event("A bomb hit the Mosul market on Saturday, killing 12.", day="Saturday")
    across = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("b", 0, saturday, MONDAY))
    within = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("a", 1, saturday, MONDAY))
    assert across.veto is None
    assert within.veto is not None and within.veto.startswith("dates differ")


def test_one_article_and_another_type_family_need_one_more_agreeing_field() -> None:
    across = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("b", 0, RETOLD, TUESDAY))
    within = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("a", 1, RETOLD, MONDAY))
    assert within.needed == across.needed + 1
    said = RETOLD.model_copy(update={"type": EventType.STATEMENT})
    statement = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("b", 0, said, TUESDAY))
    assert family(EventType.STATEMENT) != family(EventType.BOMBING)
    assert statement.needed == across.needed + 1
    assert statement.components["type"] == 0.0


def test_type_and_one_coincidence_are_not_one_event() -> None:
    other = _event("Gunmen shot a guard at a checkpoint.", EventType.ARMED_CLASH, day=None)
    other = other.model_copy(update={"targets": [Party(name="a guard")]})
    score = pair_score(EventRef("a", 0, CAR_BOMB, MONDAY), EventRef("b", 0, other, MONDAY))
    assert score.support < score.needed and not score.mergeable


def test_content_words_fold_numbers_plurals_and_stop_words() -> None:
    assert content_words("The two bombs killed 12 people") == {
        "2",
        "bomb",
        "killed",
        "12",
        "people",
    }


def _statement(quote: str, speaker: str) -> Event:
    return Event(
        type=EventType.STATEMENT,
        actors=[Party(name=speaker)],
        date=resolve_date("Friday", MONDAY),
        evidence=[Evidence(quote=quote)],
    )


@pytest.mark.parametrize(
    ("first", "second", "veto"),
    [
        (  # the one named in what the ministry announced announces it herself: two acts
            ("Maria Lopez will lead the trade talks next month, the ministry announced on Friday.",
             "the ministry"),
            ("Maria Lopez announced on Friday that she will lead the trade talks next month.",
             "Maria Lopez"),
            "the speaker of b#0 is what a#0 reports on",
        ),
        (  # one speaker described two ways: no veto
            ("The singer's publicist, Tom Reyes, confirmed her death on Friday.",
             "The singer's publicist"),
            ("She died in her sleep on Friday, family spokesman Tom Reyes announced.",
             "family spokesman Tom Reyes"),
            None,
        ),
    ],
)  # fmt: skip
def test_a_statement_about_its_speaker_is_not_the_speakers_own_statement(
    first: tuple[str, str], second: tuple[str, str], veto: str | None
) -> None:
    score = pair_score(
        EventRef("a", 0, _statement(*first), MONDAY), EventRef("b", 0, _statement(*second), MONDAY)
    )
    assert score.veto == veto
    if veto:  # however much else agrees
        assert {"date", "text"} <= set(score.agreed) and not score.mergeable
