"""Stories across articles on hand-made summaries: merging, its explanation, and figures."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.core.grounding import align_quote
from summarize.core.numbers import parse_figure
from summarize.core.sameness import EventRef, pair_score
from summarize.core.schema import (
    ArticleSummary,
    Claim,
    DatePrecision,
    Event,
    EventDate,
    EventType,
    Location,
    Party,
    SummaryMeta,
)
from summarize.story import FigureRelation, Story, build_story
from summarize.story.reconcile import reconcile, relate
from summarize.story.schema import FigureReport

DEC3, DEC5, NOV7 = dt.date(2023, 12, 3), dt.date(2023, 12, 5), dt.date(2023, 11, 7)


def event(
    text: str,
    quote: str,
    kind: EventType = EventType.AIR_OR_DRONE_STRIKE,
    *,
    actors: tuple[str, ...] = ("U.S.",),
    targets: tuple[str, ...] = ("militants",),
    place: str | None = None,
    country: str | None = None,
    date: EventDate | None = None,
    killed: str | None = None,
    injured: str | None = None,
) -> Event:
    """An event whose evidence is ``quote``, grounded in ``text``."""
    evidence = align_quote(quote, text)
    assert evidence.grounded, quote
    return Event(
        type=kind,
        actors=[Party(name=name) for name in actors],
        targets=[Party(name=name) for name in targets],
        location=Location(place=place, country=country) if place or country else None,
        date=date,
        killed=parse_figure(killed) if killed else None,
        injured=parse_figure(injured) if injured else None,
        evidence=[evidence],
    )


def summary(
    events: list[Event],
    published: dt.date | None = None,
    source: str | None = None,
    claims: list[Claim] | None = None,
) -> ArticleSummary:
    """A summary around hand-made events."""
    return ArticleSummary(
        headline="h",
        summary="s",
        published=published,
        source=source,
        events=events,
        claims=claims or [],
        meta=SummaryMeta(model="hand-made", prompt_version="test"),
    )


def day(text: str, iso: dt.date) -> EventDate:
    return EventDate(text=text, iso=iso, precision=DatePrecision.DAY)


def month(text: str, iso: dt.date) -> EventDate:
    return EventDate(text=text, iso=iso, precision=DatePrecision.MONTH)


K1 = "A U.S. air strike killed five militants near Kirkuk on Sunday, three security sources said."
K2 = "A US air strike in Kirkuk province killed 5 militants on Sunday, Central Command said."
K3 = "US strike kills five militants near the northern city of Kirkuk."


def kirkuk() -> list[ArticleSummary]:
    """Three outlets telling one strike: different words, the same toll."""
    return [
        summary(
            [
                event(
                    K1,
                    "A U.S. air strike killed five militants near Kirkuk on Sunday",
                    place="Kirkuk",
                    date=day("Sunday", DEC3),
                    killed="five",
                )
            ],
            DEC3,
            "Reuters",
        ),
        summary(
            [
                event(
                    K2,
                    "A US air strike in Kirkuk province killed 5 militants on Sunday",
                    actors=("US",),
                    place="Kirkuk province",
                    date=day("Sunday", DEC3),
                    killed="5",
                )
            ],
            DEC5,
            "The National",
        ),
        summary(
            [
                event(
                    K3,
                    "US strike kills five militants near the northern city of Kirkuk",
                    actors=("US",),
                    place="Kirkuk",
                    killed="five",
                )
            ],
        ),
    ]


def shared(story: Story) -> list:
    return [e for e in story.events if len(e.mentions) > 1]


# --- clustering ---------------------------------------------------------------------------


def test_one_strike_told_by_three_outlets_is_one_story_event_with_agreeing_figures() -> None:
    story = build_story(kirkuk(), ["a.txt", "b.txt", "c.txt"])
    assert len(story.events) == 1
    (strike,) = story.events
    assert [m.article for m in strike.mentions] == ["a.txt", "b.txt", "c.txt"]
    assert [m.outlet for m in strike.mentions] == ["Reuters", "The National", None]
    assert strike.type is EventType.AIR_OR_DRONE_STRIKE
    assert strike.date is not None and strike.date.iso == DEC3
    assert strike.killed is not None
    assert strike.killed.relation is FigureRelation.AGREE
    assert (strike.killed.value, strike.killed.low, strike.killed.high) == (5, 5, 5)
    assert {r.figure.text for r in strike.killed.reports} == {"five", "5"}
    assert story.conflicts == []


def test_a_merge_is_explained_by_its_fields_and_score() -> None:
    story = build_story(kirkuk(), ["a.txt", "b.txt", "c.txt"])
    merges = story.events[0].merges
    assert len(merges) == 2  # three mentions, two merges
    first = merges[0]
    assert first.rule == "similarity"
    assert first.linkage >= first.threshold == story.method["merge_threshold"]
    assert first.pair == ("a.txt#0", "b.txt#0")
    assert {"type", "date", "location", "parties", "casualties"} <= set(first.agreed)
    assert first.components["casualties"] == 1.0 and first.components["date"] == 1.0
    assert first.pair_score == pytest.approx(
        sum(story.method["weights"][k] * v for k, v in first.components.items())
        / sum(story.method["weights"][k] for k in first.components),
        abs=1e-3,
    )


def test_an_event_told_twice_in_one_article_is_one_story_event() -> None:
    first, second = kirkuk()[:2]
    both = summary([*first.events, *second.events], DEC3)
    story = build_story([both])
    assert len(story.events) == 1 and len(story.events[0].mentions) == 2
    score = pair_score(EventRef("a", 0, first.events[0]), EventRef("a", 1, second.events[0]))
    assert score.needed == 3 and score.support >= 3


def test_resolved_dates_that_differ_rule_a_merge_out() -> None:
    text = "A U.S. air strike killed five militants near Kirkuk on Tuesday."
    earlier = event(
        text,
        "A U.S. air strike killed five militants near Kirkuk on Tuesday",
        place="Kirkuk",
        date=day("Tuesday", NOV7),
        killed="five",
    )
    story = build_story([kirkuk()[0], summary([earlier], NOV7)])
    assert len(story.events) == 2
    score = pair_score(
        EventRef("a", 0, kirkuk()[0].events[0], DEC3), EventRef("b", 0, earlier, NOV7)
    )
    assert score.veto is not None and "dates differ" in score.veto


def test_an_event_dated_after_the_other_article_was_published_cannot_be_in_it() -> None:
    undated = kirkuk()[2].events[0]
    score = pair_score(
        EventRef("a", 0, kirkuk()[0].events[0], DEC3), EventRef("old", 0, undated, NOV7)
    )
    assert score.veto is not None and "after old was published" in score.veto


def test_a_strike_typed_as_a_statement_merges_when_three_fields_agree() -> None:
    text = "Central Command said it carried out a strike that killed five militants near Kirkuk."
    statement = event(
        text,
        "Central Command said it carried out a strike that killed five militants near Kirkuk",
        EventType.STATEMENT,
        actors=("Central Command",),
        place="Kirkuk",
        date=day("Sunday", DEC3),
        killed="five",
    )
    story = build_story([kirkuk()[0], summary([statement], DEC5)])
    assert len(story.events) == 1
    score = pair_score(
        EventRef("a", 0, kirkuk()[0].events[0], DEC3), EventRef("b", 0, statement, DEC5)
    )
    assert score.veto is None and score.needed == 3 and score.components["type"] == 0.0


def test_a_statement_that_shares_only_the_place_is_kept_apart() -> None:
    text = "The governor of Kirkuk condemned the violence on Monday."
    statement = event(
        text,
        "The governor of Kirkuk condemned the violence",
        EventType.STATEMENT,
        actors=("The governor of Kirkuk",),
        targets=(),
        place="Kirkuk",
    )
    story = build_story([kirkuk()[0], summary([statement], DEC5)])
    assert len(story.events) == 2


def test_one_event_told_a_day_apart_by_two_outlets_is_merged() -> None:
    late = "A car bomb killed 12 people at a market in Mosul late on Wednesday, police said."
    next_day = "Twelve people died when a car bomb tore through a Mosul market on Thursday."
    told = [
        summary(
            [
                event(
                    late,
                    "A car bomb killed 12 people at a market in Mosul late on Wednesday",
                    EventType.BOMBING,
                    actors=(),
                    targets=("people",),
                    place="Mosul",
                    date=day("late on Wednesday", dt.date(2023, 12, 6)),
                    killed="12",
                )
            ],
            dt.date(2023, 12, 7),
        ),
        summary(
            [
                event(
                    next_day,
                    "Twelve people died when a car bomb tore through a Mosul market on Thursday",
                    EventType.OTHER,
                    actors=(),
                    targets=("people",),
                    place="Mosul",
                    date=day("Thursday", dt.date(2023, 12, 7)),
                    killed="Twelve",
                )
            ],
            dt.date(2023, 12, 8),
        ),
    ]
    story = build_story(told)
    assert len(story.events) == 1
    (merge,) = story.events[0].merges
    assert merge.components["date"] == 0.5 and merge.components["type"] == 0.5


def test_strikes_on_one_day_in_two_towns_are_kept_apart() -> None:
    one = "An air strike killed four fighters in Idlib on Sunday."
    two = "An air strike killed four fighters in Aleppo on Sunday."
    strikes = [
        summary(
            [event(one, one[:-1], place="Idlib", date=day("Sunday", DEC3), killed="four")],
            DEC3,
        ),
        summary(
            [event(two, two[:-1], place="Aleppo", date=day("Sunday", DEC3), killed="four")],
            DEC3,
        ),
    ]
    story = build_story(strikes)
    assert len(story.events) == 2
    score = pair_score(
        EventRef("a", 0, strikes[0].events[0]), EventRef("b", 0, strikes[1].events[0])
    )
    assert score.veto == "the places differ"


def test_type_and_a_single_coincidence_are_not_enough() -> None:
    one = "Iraqi militias vowed revenge against Washington after the funeral."
    two = "Iraqi militias threatened to strike American bases in Syria."
    threats = [
        summary([event(one, one, EventType.THREAT, actors=("Iraqi militias",), targets=())]),
        summary([event(two, two, EventType.THREAT, actors=("Iraqi militias",), targets=())]),
    ]
    story = build_story(threats)
    assert len(story.events) == 2
    score = pair_score(
        EventRef("a", 0, threats[0].events[0]), EventRef("b", 0, threats[1].events[0])
    )
    assert score.veto is None and score.support < 2 and not score.mergeable


def test_build_story_checks_names() -> None:
    with pytest.raises(ValueError, match="names"):
        build_story(kirkuk(), ["a.txt"])
    with pytest.raises(ValueError, match="unique"):
        build_story(kirkuk(), ["a.txt", "a.txt", "b.txt"])
    assert [a.name for a in build_story(kirkuk()).articles] == [
        "article-1",
        "article-2",
        "article-3",
    ]


# --- figures ------------------------------------------------------------------------------

N1 = (
    "The U.S. in November launched two series of strikes in Iraq. "
    "Those strikes killed at least 10 militants."
)
N2 = "Late last month the US expanded its air strikes to Iraq, killing at least nine militants."


def november() -> list[ArticleSummary]:
    return [
        summary(
            [
                event(
                    N1,
                    "Those strikes killed at least 10 militants",
                    country="Iraq",
                    date=month("November", dt.date(2023, 11, 1)),
                    killed="at least 10",
                )
            ],
            DEC3,
            "Reuters",
        ),
        summary(
            [
                event(
                    N2,
                    "the US expanded its air strikes to Iraq, killing at least nine militants",
                    actors=("US",),
                    country="Iraq",
                    date=month("late last month", dt.date(2023, 11, 1)),
                    killed="at least nine",
                )
            ],
            DEC5,
            "The National",
        ),
    ]


def test_the_same_count_given_differently_is_a_conflict_naming_sources_and_quotes() -> None:
    story = build_story(november(), ["reuters.txt", "national.txt"])
    (strikes,) = story.events
    assert strikes.killed is not None
    assert strikes.killed.relation is FigureRelation.CONFLICT
    # ACLED: the most conservative count, the interval the sources allow, a dispute note.
    assert (strikes.killed.value, strikes.killed.low, strikes.killed.high) == (9, 9, None)
    assert "most conservative" in strikes.killed.note
    (conflict,) = story.conflicts
    assert conflict.subject == strikes.id and conflict.counted == "killed"
    assert conflict.intervals_overlap  # "at least 10" and "at least nine" can both be true
    sources = {(r.article, r.outlet, r.figure.text, r.quote) for r in conflict.reports}
    assert sources == {
        ("reuters.txt", "Reuters", "at least 10", "Those strikes killed at least 10 militants"),
        (
            "national.txt",
            "The National",
            "at least nine",
            "the US expanded its air strikes to Iraq, killing at least nine militants",
        ),
    }
    for report in conflict.reports:
        text = N1 if report.article == "reuters.txt" else N2
        assert report.start is not None and text[report.start : report.end] == report.quote


def report(text: str, as_of: dt.date | None = None, window: str | None = None) -> FigureReport:
    return FigureReport(article="x", figure=parse_figure(text), as_of=as_of, window=window)


def test_figure_relations_for_one_window() -> None:
    assert relate(report("five"), report("5"), cumulative=False) is FigureRelation.AGREE
    assert relate(report("five"), report("at least five"), False) is FigureRelation.AGREE
    assert relate(report("38"), report("more than 30"), False) is FigureRelation.CONSISTENT
    assert relate(report("five"), report("ten"), False) is FigureRelation.CONFLICT
    disjoint = reconcile("killed", [report("five"), report("ten")])
    assert disjoint is not None and disjoint.relation is FigureRelation.CONFLICT
    assert (disjoint.value, disjoint.low, disjoint.high) == (5, 5, 10)
    assert reconcile("killed", [report("militants")]) is None  # no number, nothing to reconcile
    single = reconcile("killed", [report("one")])
    assert single is not None and single.relation is FigureRelation.SINGLE_SOURCE


def test_running_totals_differ_in_time_or_scope_unless_they_cannot_be_true() -> None:
    since = "since Oct. 17"
    nov, dec = report("38", NOV7, since), report("more than 70", DEC3, since)
    assert relate(nov, dec, cumulative=True) is FigureRelation.DIFFER_IN_TIME
    undated = report("at least 61", None, "since mid-October")
    assert relate(undated, dec, cumulative=True) is FigureRelation.DIFFER_IN_TIME
    other = report("more than 70", DEC3, "since Oct. 7")
    assert relate(other, dec, cumulative=True) is FigureRelation.DIFFER_IN_SCOPE
    same_day = report("55", DEC3, since)
    assert relate(same_day, dec, cumulative=True) is FigureRelation.CONFLICT
    fell = report("40", DEC3, since)
    assert relate(report("more than 50", NOV7, since), fell, True) is FigureRelation.CONFLICT
    latest = reconcile("attacks", [nov, dec, undated], cumulative=True)
    assert latest is not None and latest.relation is FigureRelation.DIFFER_IN_TIME
    assert latest.value == 70  # reconciled from the latest dated count


A1 = "Pentagon sources say the militias have carried out 38 attacks on US bases since October 17."
A2 = "U.S. forces in Iraq and Syria have been attacked at least 61 times since mid-October."
A3 = "Iraqi armed groups have claimed more than 70 such attacks against U.S. forces since Oct. 17."


def attack_counts() -> list[ArticleSummary]:
    """Three articles counting one campaign at different dates."""
    return [
        summary(
            [
                event(
                    A1,
                    A1,
                    EventType.OTHER,
                    actors=("militias",),
                    targets=("US bases",),
                    date=day("since October 17", dt.date(2023, 10, 17)),
                )
            ],
            NOV7,
        ),
        summary([event(A2, A2, EventType.OTHER, actors=(), targets=("U.S. forces",))]),
        summary(
            [
                event(
                    A3,
                    A3,
                    EventType.ARMED_CLASH,
                    actors=("Iraqi armed groups",),
                    targets=("U.S. forces",),
                    date=EventDate(text="since Oct. 17"),
                )
            ],
            DEC3,
        ),
    ]


def test_attack_counts_at_different_dates_are_a_growing_series_not_a_conflict() -> None:
    story = build_story(attack_counts(), ["nov.txt", "undated.txt", "dec.txt"])
    assert story.conflicts == []
    (series,) = story.series
    assert series.counted == "attacks" and series.window_start == dt.date(2023, 10, 17)
    assert series.relation is FigureRelation.DIFFER_IN_TIME
    assert [(p.article, p.figure.text, p.as_of) for p in series.points] == [
        ("nov.txt", "38", NOV7),
        ("dec.txt", "more than 70", DEC3),
        ("undated.txt", "at least 61", None),
    ]
    texts = {"nov.txt": A1, "undated.txt": A2, "dec.txt": A3}
    for point in series.points:
        assert point.start is not None
        assert texts[point.article][point.start : point.end] == point.quote
    # The events that quote one running count are one story event, whatever their types.
    (counted,) = story.events
    assert len(counted.mentions) == 3 and series.events == [counted.id]
    assert {m.rule for m in counted.merges} == {"count_series"}


def test_a_count_read_from_a_claim_and_a_count_without_window() -> None:
    claim = Claim(assertion="The group has carried out more than 30 attacks since October 17.")
    plain = "The group claimed responsibility for two attacks against US troops."
    summaries = [
        summary([], NOV7, claims=[claim]),
        summary([event(plain, plain, EventType.STATEMENT, actors=("group",))], DEC5),
    ]
    story = build_story(summaries)
    (series,) = story.series  # "two attacks" has no window: not a running total
    (point,) = series.points
    assert point.figure.value == 30 and point.start is None and series.events == []


def test_counts_of_one_day_given_differently_are_a_series_conflict() -> None:
    one = "Militias have carried out more than 70 attacks since Oct. 17."
    two = "Militias have carried out 55 attacks since October 17."
    story = build_story(
        [
            summary([event(one, one, EventType.OTHER, actors=("Militias",))], DEC3, "A"),
            summary([event(two, two, EventType.OTHER, actors=("Militias",))], DEC3, "B"),
        ]
    )
    (series,) = story.series
    assert series.relation is FigureRelation.CONFLICT
    (conflict,) = story.conflicts
    assert conflict.subject == series.id and conflict.counted == "attacks"
    assert not conflict.intervals_overlap
    assert {r.outlet for r in conflict.reports} == {"A", "B"}


def test_story_round_trips_as_json() -> None:
    story = build_story([*kirkuk(), *november(), *attack_counts()])
    assert Story.model_validate_json(story.model_dump_json()) == story
    mentions = [m.id for e in story.events for m in e.mentions]
    assert len(mentions) == len(set(mentions)) == 8


def test_a_count_of_attacks_next_to_a_count_of_injured_are_two_series() -> None:
    first = (
        "Militants have carried out 38 attacks on the bases since Oct. 17, "
        "injuring at least 45 soldiers."
    )
    second = (
        "The bases have been attacked more than 50 times since Oct. 17, "
        "leaving 60 soldiers injured."
    )
    told = [
        summary(
            [
                event(
                    first,
                    first[:-1],
                    EventType.OTHER,
                    actors=("Militants",),
                    targets=("the bases",),
                    date=EventDate(text="since Oct. 17", iso=dt.date(2023, 10, 17)),
                    injured="at least 45",
                )
            ],
            dt.date(2023, 11, 7),
        ),
        summary(
            [
                event(
                    second,
                    second[:-1],
                    EventType.OTHER,
                    actors=(),
                    targets=("The bases",),
                    date=EventDate(text="since Oct. 17", iso=dt.date(2023, 10, 17)),
                    injured="60",
                )
            ],
            dt.date(2023, 11, 20),
        ),
    ]
    story = build_story(told)
    (attacks,) = story.series
    assert attacks.counted == "attacks"
    assert [p.figure.value for p in attacks.points] == [38, 50]
    injured = [e.injured for e in story.events if e.injured is not None]
    assert len(injured) == 1 and injured[0] is not None
    assert sorted(r.figure.value for r in injured[0].reports) == [45, 60]
    assert all(e.killed is None for e in story.events)
