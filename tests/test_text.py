"""Names and sentences folded for comparison (core/text.py): case, punctuation, articles,
"U.S." == "US". Examples are written for these tests, not taken from the seed articles."""

from __future__ import annotations

import pytest

from summarize.core.text import normalize_text, words_of


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Red Crescent", "red crescent"),
        ("RED  crescent ", "red crescent"),
        ("The Red Crescent", "red crescent"),
        ("an envoy of a neighbour", "envoy of neighbour"),
        ("the harbour's cranes", "harbours cranes"),
        ("the harbour’s cranes", "harbours cranes"),
        ("U.N. monitors", "un monitors"),
        ("Port-au-Prince", "port-au-prince"),
        ("Mombasa, Kenya!", "mombasa kenya"),
        ("-- dashes around --", "dashes around"),
        ("", ""),
    ],
)
def test_case_punctuation_and_articles_are_folded(text: str, folded: str) -> None:
    assert normalize_text(text) == folded


@pytest.mark.parametrize(
    "name",
    ["U.S.", "US", "the US", "the United States", "United States of America", "USA"],
)
def test_names_of_the_united_states_fold_to_one(name: str) -> None:
    assert normalize_text(name) == "us"


def test_folded_names_compare_equal_and_different_names_do_not() -> None:
    assert normalize_text("the U.S. Navy") == normalize_text("US navy")
    assert normalize_text("The Coast Guard") == normalize_text("coast guard.")
    assert normalize_text("the Coast Guard") != normalize_text("the Border Guard")
    # "us" only replaces whole words: "Russia" and "bus" stay themselves
    assert normalize_text("Russia") == "russia"
    assert normalize_text("a bus depot") == "bus depot"


def test_words_lose_the_punctuation_around_them() -> None:
    assert words_of("Since, the “raids” (two) stopped.") == [
        "since",
        "the",
        "raids",
        "two",
        "stopped",
    ]
    assert words_of("a well-known group's base --") == ["a", "well-known", "group's", "base"]
