"""The compact "sentences" prompt shape: the model names sentence numbers, types and
parties; evidence and the other fields are read from the sentence by code."""

from __future__ import annotations

from summarize.core.prompts import load_prompts, numbered_sentences


def test_the_compact_prompt_numbers_the_sentences() -> None:
    prompts = load_prompts("summarize-v5")
    assert prompts.shape == "sentences"
    shown = numbered_sentences(["First one.", "Second\n one."])
    assert shown == "[1] First one.\n[2] Second one."
    user = prompts.paragraph_messages(shown)[1]["content"]
    assert "[2] Second one." in user
