"""An event's action: the words of its sentence that say what happened, read by code."""

from __future__ import annotations

import pytest

from summarize.core.action import action_of, find_action
from summarize.core.schema import Alignment, Event, EventType, Evidence, Party


def _action(sentence: str, event_type: EventType, *anchors: str) -> str | None:
    span = find_action(sentence, event_type, anchors)
    return sentence[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("sentence", "event_type", "anchors", "expected"),
    [
        # the means of the type, before the consequence it had
        (
            "An Israeli air strike killed three fighters near Damascus on Tuesday.",
            EventType.AIR_OR_DRONE_STRIKE,
            ("Israeli", "fighters"),
            "air strike",
        ),
        ("A car bomb exploded outside the embassy, killing 12.", EventType.BOMBING, (), "car bomb"),
        # no means word: an attack noun before an attack verb ("killed" tells a consequence)
        (
            "Officials blamed the rebels for an attack that killed two guards.",
            EventType.OTHER,
            ("the rebels", "two guards"),
            "attack",
        ),
        ("Gunmen shot dead a police officer on Sunday.", EventType.OTHER, ("Gunmen",), "shot"),
        # speech acts: the words that make them one, else a reporting verb
        ("The militia vowed revenge.", EventType.THREAT, ("The militia",), "vowed"),
        (
            "The rebel front claimed responsibility for the ambush.",
            EventType.STATEMENT,
            ("The rebel front",),
            "claimed responsibility",
        ),
        ("The mayor said the curfew would stay.", EventType.STATEMENT, ("The mayor",), "said"),
        # a long matched phrase is shown by its head word
        (
            "The government sent two battalions of troops to the border.",
            EventType.TROOP_DEPLOYMENT,
            ("The government",),
            "sent",
        ),
        # no cue at all: the verb that governs the actor
        (
            "The singer checked into a clinic in Palm Springs.",
            EventType.OTHER,
            ("The singer",),
            "checked",
        ),
    ],
)
def test_the_action_is_the_most_specific_words_of_the_event(
    sentence: str, event_type: EventType, anchors: tuple[str, ...], expected: str
) -> None:
    assert _action(sentence, event_type, *anchors) == expected


def test_of_two_events_in_a_sentence_each_takes_the_words_nearest_its_roles() -> None:
    sentence = "Rebels shelled the airport in the south while the army raided a camp in the north."
    assert _action(sentence, EventType.OTHER, "Rebels", "the airport") == "shelled"
    assert _action(sentence, EventType.OTHER, "the army", "a camp") == "raided"


def test_a_modifier_and_its_noun_are_one_action() -> None:
    sentence = "A drone strike hit a vehicle near the border."
    assert _action(sentence, EventType.AIR_OR_DRONE_STRIKE) == "drone strike"


def test_action_of_an_event_has_offsets_in_the_article() -> None:
    article = "Headline\n\nThe militia vowed revenge after the raid."
    start = article.index("The militia")
    evidence = Evidence(
        quote=article[start:], start=start, end=len(article), alignment=Alignment.EXACT
    )
    event = Event(type=EventType.THREAT, actors=[Party(name="The militia")], evidence=[evidence])
    action = action_of(event)
    assert action is not None and action.quote == "vowed"
    assert article[action.start : action.end] == "vowed"  # type: ignore[index]
    assert action_of(Event(type=EventType.THREAT, evidence=[Evidence(quote="x")])) is None


def test_a_sentence_without_a_verb_or_an_event_word_has_no_action() -> None:
    # the walk up from the actor stops at the root (spaCy makes a new token object for each
    # access, so tokens are compared by index)
    assert find_action("The singer on stage in the rain.", EventType.OTHER, ("The singer",)) is None
