"""The compact "sentences" prompt shape: the model names sentence numbers, types and
parties; evidence and the other fields are read from the sentence by code."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from summarize.core.assemble import build_sentence_claim, build_sentence_event
from summarize.core.chunking import sentence_spans
from summarize.core.drafts import SentenceClaim, SentenceEvent, SentencesDraft
from summarize.core.prompts import load_prompts, numbered_sentences
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


def test_a_sentence_number_the_paragraph_lacks_fails_validation_for_a_reask() -> None:
    answer = {"events": [{"sentence": 5, "type": "other", "actor": None, "target": None}],
              "claims": []}  # fmt: skip
    with pytest.raises(ValidationError, match="sentence 5 does not exist; the paragraph has"):
        SentencesDraft.model_validate(answer, context={"sentence_count": 3})
    assert SentencesDraft.model_validate(answer)  # replayed answers have no context


def test_the_compact_prompt_numbers_the_sentences() -> None:
    prompts = load_prompts("summarize-v5")
    assert prompts.shape == "sentences"
    shown = numbered_sentences(["First one.", "Second\n one."])
    assert shown == "[1] First one.\n[2] Second one."
    user = prompts.paragraph_messages(shown)[1]["content"]
    assert "[2] Second one." in user
