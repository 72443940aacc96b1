"""Anaphors, names as written, and a claim's speaker read from the sentence. Texts are
written for these tests, not taken from the seed articles."""

from __future__ import annotations

import pytest

from summarize.core.parties import (
    as_written,
    claimant_of,
    is_anaphor,
    named_before,
    resolve,
    said_by,
    speaker,
)


def test_a_described_group_is_an_anaphor_and_a_plain_noun_is_not() -> None:
    assert is_anaphor("the group") and is_anaphor("This movement") and not is_anaphor("rebels")


TEXT = (
    "LIMA (Reuters) - The Popular Liberation Front said its fighters ambushed a Peruvian army "
    "patrol near Ayacucho. On Monday, the group claimed a second raid."
)


def test_an_anaphor_is_the_group_the_parse_named_before() -> None:
    later = TEXT.index("On Monday")
    # not the relaying agency, the nationality adjective or the town
    assert named_before(TEXT, later) == "Popular Liberation Front"
    assert resolve("the group", TEXT, later) == "Popular Liberation Front"
    assert resolve("the army", TEXT, later) == "the army"  # not an anaphor
    assert resolve("the group", TEXT, 0) == "the group"  # nothing named before it
    assert resolve(None, TEXT, later) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Earlier Monday, the army spokesman said rebels fired rockets.", "army spokesman"),
        ("Rebels shelled a depot, two police sources said.", "two police sources"),
        ("The ministry has condemned the raid.", "ministry"),
        ("It said the raid had failed.", None),  # a pronoun is no name
        ("Rebels also said they shelled a depot.", "Rebels"),
        ("Troops came to the depot, where they confirmed two deaths.", None),
        ("“The raid failed,” said a spokesman.", None),  # the speaker comes after the verb
        ("Rebels shelled a depot on Monday.", None),
    ],
)
def test_the_speaker_is_the_subject_of_the_speech_verb(sentence: str, expected: str | None) -> None:
    found = speaker(sentence)
    assert (found[0] if found else None) == expected


def test_a_party_inside_what_is_said_is_not_the_claimant() -> None:
    sentence = "Earlier Monday, the army spokesman said peacekeepers were attacked."
    assert claimant_of(sentence, "peacekeepers") == "army spokesman"
    assert claimant_of(sentence, "Xinhua") == "army spokesman"  # not in the sentence
    assert claimant_of(sentence, "the army spokesman") == "the army spokesman"
    assert claimant_of("“The raid failed,” said a spokesman.", "a spokesman") == "a spokesman"


@pytest.mark.parametrize(
    ("name", "anaphor"),
    [
        ("the group", True),
        ("This movement", True),
        ("the Iraqi terrorist group", True),
        ("Kurdish militia", True),
        ("Iraqi armed groups", False),  # several groups, as written: a party of its own
        ("the Popular Front", False),  # a name
        ("French troops", False),
    ],
)
def test_a_described_single_group_is_an_anaphor(name: str, anaphor: bool) -> None:
    assert is_anaphor(name) is anaphor


def test_names_keep_the_sentence_spelling() -> None:
    sentence = "U.S. forces were attacked near the border."
    assert as_written(sentence, "U. S. forces") == "U.S. forces"
    assert as_written(sentence, "the navy") == "the navy"  # not in the sentence: unchanged
    assert as_written(sentence, None) is None


def test_a_statement_is_made_by_the_subject_of_its_verb_not_a_party_in_what_is_said() -> None:
    sentence = "The singer will host the awards next year, the show's producers announced."
    verb = sentence.index("announced")
    assert said_by(sentence, verb, "The singer") == "show's producers"
    # the model's party is the speaker, or nothing is said about who spoke: kept
    assert said_by(sentence, verb, "the show's producers") is None
    assert said_by("The ministry announced new rules.", 13, "The ministry") is None
    # inside what is said, but no one named says it: no speaker
    assert said_by("It will host the awards, they announced.", 30, "It") == ""
    passive = "It was announced that the singer will host the awards."
    assert said_by(passive, passive.index("announced"), "the singer") == ""


def test_who_is_announced_or_named_inside_a_tag_clause_is_not_who_announces() -> None:
    # ECB+ development documents 2_3ecb and 2_4ecb
    tagged = (
        "Hugh Jackman, the Australian actor known to film audiences for playing a furry "
        "comic-book hero in the X-Men movies, will be host of the 81st incarnation of the "
        "Oscars, the Academy of Motion Picture Arts and Sciences announced on Friday."
    )
    verb = tagged.index("announced")
    assert said_by(tagged, verb, "Hugh Jackman") == "Academy of Motion Picture Arts and Sciences"
    passive = "Jackman was announced Friday as the host of the 81st Academy Awards."
    assert said_by(passive, passive.index("announced"), "Jackman") == ""
    by = "The singer was announced by the show's producers as next year's host."
    assert said_by(by, by.index("announced"), "The singer") == "show's producers"
