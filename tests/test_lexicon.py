"""The program's vocabularies (core/lexicon.py): verb inflections and the regular-expression
fragments for numbers, weekdays and months. Examples are written for these tests."""

from __future__ import annotations

import re

import pytest

from summarize.core.lexicon import (
    ATTACK_VERBS,
    MONTH_NAME,
    NUMBER_WORD,
    NUMBER_WORDS,
    WEEKDAY,
    attack_noun_pattern,
    verb_forms,
    verb_pattern,
)


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("warn", {"warn", "warns", "warned", "warning"}),  # regular
        ("declare", {"declare", "declares", "declared", "declaring"}),  # final e
        ("admit", {"admit", "admits", "admitted", "admitting"}),  # doubled final consonant
        ("say", {"say", "says", "said", "saying"}),  # listed irregular past
        ("tell", {"tell", "tells", "told", "telling"}),
        ("deny", {"deny", "denies", "denied", "denying"}),  # consonant y
        ("testify", {"testify", "testifies", "testified", "testifying"}),
        ("stress", {"stress", "stresses", "stressed", "stressing"}),  # sibilant
        ("pray", {"pray", "prays", "prayed", "praying"}),  # vowel y stays
        ("shoot", {"shoot", "shoots", "shot", "shooting"}),
        ("kidnap", {"kidnap", "kidnaps", "kidnapped", "kidnapping"}),
        ("hit", {"hit", "hits", "hitting"}),  # irregular past, doubled final consonant
    ],
)
def test_verb_forms_are_the_inflections_of_each_lemma(lemma: str, forms: set[str]) -> None:
    assert set(verb_forms(frozenset({lemma}))) == forms


def test_verb_forms_keep_only_the_tenses_asked_for_longest_first() -> None:
    assert verb_forms(frozenset({"warn", "tell"}), "past") == ("warned", "told")
    assert set(verb_forms(frozenset({"admit"}), "s ing")) == {"admits", "admitting"}
    forms = verb_forms(frozenset({"warn", "say", "admit"}))
    assert [len(form) for form in forms] == sorted((len(form) for form in forms), reverse=True)


def test_verb_pattern_matches_the_forms_as_whole_words_only() -> None:
    pattern = re.compile(verb_pattern(frozenset({"warn", "say"}), "past"))
    assert pattern.search("Engineers warned of cracks in the dam.")
    assert pattern.search("The mayor said the bridge would reopen.")
    assert not pattern.search("Engineers warn of cracks in the dam.")  # not a past form
    assert not pattern.search("A forewarned crew stayed home.")  # inside another word
    assert not pattern.search("The saidy river flooded.")


def test_number_words_are_in_value_order_for_the_units() -> None:
    assert NUMBER_WORDS.index("zero") == 0
    assert NUMBER_WORDS.index("seven") == 7
    assert NUMBER_WORDS.index("nineteen") == 19
    assert re.fullmatch(NUMBER_WORD, "eleven")
    assert not re.fullmatch(NUMBER_WORD, "eleventh")


@pytest.mark.parametrize("day", ["Monday", "Tuesday", "Wednesday", "Thursday", "Saturday"])
def test_weekday_fragment_matches_each_weekday(day: str) -> None:
    assert re.fullmatch(WEEKDAY, day)


@pytest.mark.parametrize(
    ("word", "month"),
    [("January", True), ("Jan", True), ("Sept", True), ("Sep", True), ("May", True),
     ("June", True), ("Jun", True), ("Sept.", False), ("Janu", False), ("Mayday", False)],
)  # fmt: skip
def test_month_fragment_matches_names_and_abbreviations_without_a_dot(
    word: str, month: bool
) -> None:
    assert bool(re.fullmatch(MONTH_NAME, word)) is month


def _names_an_attack_word(sentence: str) -> bool:
    patterns = (verb_pattern(ATTACK_VERBS), attack_noun_pattern())
    return any(re.search(pattern, sentence, re.I) for pattern in patterns)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two foreigners were kidnapped by guerrillas on the road to the coast.",
        "A judge will investigate the murder of the union leader.",
        "The killings of six priests drew protests abroad.",
        "Gunmen shot a bus driver outside the terminal.",
        "The assassination of the candidate was condemned.",
    ],
)
def test_the_attack_vocabulary_reads_verbs_and_nouns_of_attacks(sentence: str) -> None:
    assert _names_an_attack_word(sentence)


def test_the_attack_vocabulary_leaves_ordinary_words_alone() -> None:
    assert not _names_an_attack_word("The council shortened its killjoy agenda.")
