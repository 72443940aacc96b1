"""Fields read from a sentence by code (the compact "sentences" prompt shape): date words,
casualty figures, places, event types supported by the words, reporting cues, agencies.
Examples are written for these tests, not taken from the seed articles (the eval set)."""

from __future__ import annotations

import pytest

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
