"""Fields read from a sentence by code (the compact "sentences" prompt shape): date words,
casualty figures, places, event types supported by the words, reporting cues, agencies.
Examples are written for these tests, not taken from the seed articles (the eval set)."""

from __future__ import annotations

import pytest

from summarize.core.cues import (
    check_event_type,
    find_agency,
    find_cue,
    is_denial,
    mentions_events_or_claims,
    supported_types,
)
from summarize.core.schema import EventType
from summarize.core.sentence_fields import find_casualties, find_date_words, find_location


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        ("Gunmen attacked a checkpoint on Friday night, police said.", "Friday night"),
        ("Earlier on Monday, the ministry said talks had failed.", "Earlier on Monday"),
        ("This Thursday (9), the army announced new raids.", "This Thursday (9)"),
        ("The strikes began late last month in the north.", "late last month"),
        ("Militants have fired rockets since mid-March.", "since mid-March"),
        ("Attacks have risen since Feb. 3 across the region.", "since Feb. 3"),
        ("In August the navy seized a tanker.", "August"),
        ("On 14 August 2022 a convoy was hit.", "14 August 2022"),
        ("The envoy arrived earlier this week.", "earlier this week"),
        ("A blast hit the market early today.", "early today"),
        ("In recent days, both sides have traded fire.", "recent days"),
        ("The talks may resume, officials said.", None),
        ("The convoy was hit near the border.", None),
    ],
)
def test_date_words_are_found_as_written(sentence: str, words: str | None) -> None:
    assert find_date_words(sentence) == words


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A drone strike killed three fighters near the border.", "three", None),
        ("The shelling killed at least 12 civilians and wounded 40.", "at least 12", "40"),
        ("Four soldiers were killed and nine were wounded.", "Four", "nine"),
        ("The blast left two dead and five injured.", "two", "five"),
        ("More than 20 people were injured in the crush.", None, "More than 20"),
        ("Dozens of residents suffered minor injuries.", None, "Dozens"),
        (
            "The rockets hit an empty field, causing no casualties.",
            "no casualties",
            "no casualties",
        ),
        ("The army said the raid was a success.", None, None),
    ],
)
def test_casualty_words_are_found(sentence: str, killed: str | None, injured: str | None) -> None:
    assert find_casualties(sentence) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "place", "country"),
    [
        ("A car bomb exploded near the southern city of Basra on Monday.", "Basra", None),
        ("Rockets hit a base in Anbar province, in western Iraq.", "Anbar province", "Iraq"),
        ("Shelling was reported in the Jobar area of Damascus.", "Jobar", None),
        ("Two drones were shot down in northeastern Syria.", None, "Syria"),
        ("The attacks on US forces have not stopped.", None, None),
        ("Police arrested three men on Sunday.", None, None),
    ],
)
def test_location_is_read_from_prepositions(
    sentence: str, place: str | None, country: str | None
) -> None:
    location = find_location(sentence)
    found = (location.place, location.country) if location else (None, None)
    assert found == (place, country)


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("Militants fired two rockets at the airport.", EventType.ROCKET_OR_MISSILE_ATTACK),
        ("Warplanes carried out air strikes on the town.", EventType.AIR_OR_DRONE_STRIKE),
        ("The group claimed responsibility for the raid.", EventType.STATEMENT),
        ("The militia vowed revenge.", EventType.THREAT),
        ("The Treasury imposed sanctions on four men.", EventType.SANCTIONS),
        ("Gunmen attacked a police station.", EventType.OTHER),
    ],
)
def test_the_means_words_give_the_supported_types(sentence: str, first: EventType) -> None:
    assert supported_types(sentence)[0] is first


def test_the_models_type_is_kept_when_the_words_support_it_and_replaced_when_not() -> None:
    sentence = "The group claimed it launched two drones at the base."
    assert check_event_type(EventType.DRONE_ATTACK, sentence) is EventType.DRONE_ATTACK
    assert check_event_type(EventType.STATEMENT, sentence) is EventType.STATEMENT
    # "said" is ordinary sourcing, not a statement that is news in itself
    plain = "The group said it launched two drones at the base."
    assert check_event_type(EventType.STATEMENT, plain) is EventType.DRONE_ATTACK
    # an attack typed by means the sentence does not state takes the stated means
    assert check_event_type(EventType.BOMBING, sentence) is EventType.DRONE_ATTACK
    # words that report no act at all are background, not an event
    assert check_event_type(EventType.OTHER, "The country hosts 3,000 troops.") is None


def test_reporting_cues_agencies_and_denials() -> None:
    assert find_cue("The army, according to a statement, hit three sites.") == "according to"
    assert find_cue("Officials confirmed the raid.") == "confirmed"
    assert find_cue("The convoy crossed the border at dawn.") is None
    assert find_agency("Interviewed by AFP, the governor said ...") == "AFP"
    assert find_agency("the Associated Press reported") == "Associated Press"
    assert find_agency("Apple reported earnings") is None
    assert is_denial("The ministry denied that its forces were involved.")
    assert not is_denial("The ministry said its forces were involved.")


def test_paragraphs_without_cues_or_event_words_are_not_asked() -> None:
    assert not mentions_events_or_claims("Photo: Jane Doe for the Daily Example.")
    assert mentions_events_or_claims("The governor said the roads were closed.")
    assert mentions_events_or_claims("Rockets hit the port.")
