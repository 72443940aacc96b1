"""Drafts become output items (core/assemble.py): fields read from the sentence, words
not in the paragraph dropped, summaries cut at a whole sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.core.assemble import build_sentence_claim, build_sentence_event
from summarize.core.chunking import sentence_spans
from summarize.core.drafts import SentenceClaim, SentenceEvent
from summarize.core.schema import EventType, Factuality

TEXT = (
    "Rebels fired four rockets at an army base near Goma on Monday, killing two soldiers, "
    "the army said. The country hosts 3,000 foreign troops. "
    "The rebels are believed to have received new weapons, a UN report said."
)
SENTENCES = sentence_spans(TEXT)
PUBLISHED = dt.date(2024, 5, 8)  # a Wednesday


def test_sentence_spans_used_here_are_the_sentences() -> None:
    assert len(SENTENCES) == 3
    assert TEXT[slice(*SENTENCES[1])] == "The country hosts 3,000 foreign troops."


def test_an_event_is_read_from_its_sentence() -> None:
    draft = SentenceEvent(sentence=1, type=EventType.BOMBING, actor="Rebels", target="army base")
    event = build_sentence_event(draft, TEXT, (0, len(TEXT)), SENTENCES[0], PUBLISHED)
    assert event is not None
    assert event.type is EventType.ROCKET_OR_MISSILE_ATTACK  # the means the sentence states
    assert [p.name for p in event.actors] == ["Rebels"]
    assert event.location is not None and event.location.place == "Goma"
    assert event.date is not None and event.date.iso == dt.date(2024, 5, 6)
    assert event.killed is not None and event.killed.value == 2
    evidence = event.evidence[0]
    assert TEXT[evidence.start : evidence.end] == evidence.quote == TEXT[slice(*SENTENCES[0])]


def test_background_is_not_an_event_and_narration_is_not_a_claim() -> None:
    troops = SentenceEvent(sentence=2, type=EventType.TROOP_DEPLOYMENT, actor=None, target=None)
    assert build_sentence_event(troops, TEXT, (0, len(TEXT)), SENTENCES[1], PUBLISHED) is None
    claim = SentenceClaim(sentence=2, claimant="The country")
    assert build_sentence_claim(claim, TEXT, (0, len(TEXT)), SENTENCES[1], None) is None


def test_a_claim_takes_its_cue_and_hedges_from_the_sentence() -> None:
    draft = SentenceClaim(sentence=3, claimant="a UN report")
    claim = build_sentence_claim(draft, TEXT, (0, len(TEXT)), SENTENCES[2], None)
    assert claim is not None
    assert claim.claimant == "a UN report" and claim.cue == "believed"
    assert claim.factuality is Factuality.PROBABLE
    assert claim.assertion == TEXT[slice(*SENTENCES[2])]
    # a name not in the paragraph is dropped; the sentence's own speaker is the claimant
    invented = SentenceClaim(sentence=3, claimant="the ministry")
    made = build_sentence_claim(invented, TEXT, (0, len(TEXT)), SENTENCES[2], None)
    assert made is not None and made.claimant == "UN report"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five were killed. An official confirmed a", "Five were killed."),
        ("Five were killed, officials said.", "Five were killed, officials said."),
        (
            "A strike killed five militants as the militants",
            "A strike killed five militants as the militants…",
        ),
        ('He said "no comment." Then', 'He said "no comment."'),
        ("", ""),
        (
            "Three sources said. A U.S. military official confirmed a",
            "Three sources said.",
        ),
    ],
)
def test_summaries_end_on_a_whole_sentence(text: str, expected: str) -> None:
    from summarize.core.assemble import whole_sentences

    assert whole_sentences(text) == expected
