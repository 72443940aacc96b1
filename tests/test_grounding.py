from __future__ import annotations

import pytest

from summarize.core.grounding import align_quote
from summarize.core.schema import Alignment

TEXT = (
    "A U.S. air strike killed five militants near Kirkuk, “three sources” said.\n"
    "They  vowed retaliation."
)


def _check(evidence, text: str = TEXT) -> None:  # type: ignore[no-untyped-def]
    assert text[evidence.start : evidence.end] == evidence.quote


def test_exact() -> None:
    evidence = align_quote("killed five militants", TEXT)
    assert evidence.alignment is Alignment.EXACT and evidence.quote_as_given is None
    _check(evidence)


def test_normalized_case_whitespace_and_quote_marks() -> None:
    evidence = align_quote('"Three sources" said. They vowed', TEXT)
    assert evidence.alignment is Alignment.NORMALIZED
    _check(evidence)
    assert evidence.quote == "“three sources” said.\nThey  vowed"
    assert evidence.quote_as_given == '"Three sources" said. They vowed'


def test_fuzzy() -> None:
    evidence = align_quote("air strike killed five militant near Kirkuk", TEXT)
    assert evidence.alignment is Alignment.FUZZY
    _check(evidence)


def test_absent() -> None:
    evidence = align_quote("the ceasefire collapsed in Gaza", TEXT)
    assert evidence.alignment is Alignment.NOT_FOUND and evidence.start is None


def test_window_is_preferred() -> None:
    text = "five killed. Later: five killed."
    evidence = align_quote("five killed", text, window=(13, len(text)))
    assert evidence.start == 20
    _check(evidence, text)


@pytest.mark.parametrize("quote", ["", "   "])
def test_empty_quote_is_not_found(quote: str) -> None:
    assert align_quote(quote, TEXT).alignment is Alignment.NOT_FOUND


def test_fuzzy_span_never_cuts_a_word() -> None:
    text = "The U.S. in November launched two series of strikes in Iraq against militias."
    evidence = align_quote("U. S. in November launched two series of strikes in Iraq", text)
    assert evidence.alignment is Alignment.FUZZY
    _check(evidence, text)
    assert text[evidence.start - 1] in " " or evidence.start == 0
    assert not text[evidence.end].isalnum()
