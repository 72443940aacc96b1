"""Words read from a sentence by code (core/cues.py): event types supported by the words,
reporting cues, agencies, denials. Examples are written for these tests, not taken from
the seed articles (the eval set)."""

from __future__ import annotations

import pytest

from summarize.core.cues import (
    check_event_type,
    find_agency,
    find_cue,
    is_denial,
    mentions_events_or_claims,
    names_an_attack,
    supported_types,
)
from summarize.core.schema import EventType


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("Militants fired two rockets at the airport.", EventType.ROCKET_OR_MISSILE_ATTACK),
        ("Warplanes carried out air strikes on the town.", EventType.AIR_OR_DRONE_STRIKE),
        ("The group claimed responsibility for the raid.", EventType.STATEMENT),
        ("The militia vowed revenge.", EventType.THREAT),
        ("The Treasury imposed sanctions on four men.", EventType.SANCTIONS),
        ("Gunmen attacked a police station.", EventType.OTHER),
        ("Rebels kidnapped two engineers near the dam.", EventType.OTHER),
        ("The airliner exploded in midair minutes after takeoff.", EventType.BOMBING),
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
    assert mentions_events_or_claims("The court ordered an inquiry into the murder of a mayor.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Gunmen shot a bus driver outside the terminal.",
        "The army shelled the village before dawn.",
        "Rebels attacked a police post near the border.",
        "The raid left two guards dead.",
    ],
)
def test_an_attack_is_named_by_a_verb_the_parse_reads_as_a_verb_or_by_a_noun(
    sentence: str,
) -> None:
    assert names_an_attack(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Staff opened fake accounts to meet sales targets.",
        "Shell reported record profits for the quarter.",
        "The single was one of the biggest hits of the summer.",
    ],
)
def test_a_verb_form_used_as_a_noun_names_no_attack(sentence: str) -> None:
    assert not names_an_attack(sentence)
    assert EventType.OTHER not in supported_types(sentence)


def test_word_families_are_found_where_their_words_overlap() -> None:
    # the deployment words run over "rockets": both families are named
    sentence = "The ministry sent rockets and troops to the border town."
    assert EventType.ROCKET_OR_MISSILE_ATTACK in supported_types(sentence)
    assert EventType.TROOP_DEPLOYMENT in supported_types(sentence)
