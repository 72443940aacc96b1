"""The validation context of a live model answer (core/validation.py): set around a call,
read by the validators, one value per asyncio task."""

from __future__ import annotations

import asyncio

import pytest
from pydantic import ValidationError

from summarize.core.drafts import ClaimDraft
from summarize.core.validation import current, validating_with

PARAGRAPH = "The harbour master said ferries would resume at noon on Thursday."


def test_outside_a_call_the_context_is_empty() -> None:
    assert current() == {}
    with validating_with(None):
        assert current() == {}


def test_the_context_holds_for_the_block_only() -> None:
    with validating_with({"source_text": PARAGRAPH}):
        assert current() == {"source_text": PARAGRAPH}
        with validating_with({"sentence_count": 2}):
            assert current() == {"sentence_count": 2}
        assert current() == {"source_text": PARAGRAPH}
    assert current() == {}


def test_the_context_is_reset_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), validating_with({"source_text": PARAGRAPH}):
        raise RuntimeError("the call failed")
    assert current() == {}


def test_each_asyncio_task_sees_its_own_context() -> None:
    async def call(text: str) -> str:
        with validating_with({"source_text": text}):
            await asyncio.sleep(0)  # let the other task set its own value
            await asyncio.sleep(0)
            return current()["source_text"]

    async def both() -> list[str]:
        return await asyncio.gather(call("first paragraph"), call("second paragraph"))

    assert asyncio.run(both()) == ["first paragraph", "second paragraph"]
    assert current() == {}


def test_validators_read_the_live_context() -> None:
    answer = {
        "quote": "ferries resumed at dawn",
        "claim": "Ferries resumed at dawn.",
        "claimant": None,
        "via": None,
        "cue": None,
        "factuality": "certain",
    }
    assert ClaimDraft.model_validate(answer)  # no live call: every quote passes
    with (
        validating_with({"source_text": PARAGRAPH}),
        pytest.raises(ValidationError, match="is not in the paragraph"),
    ):
        ClaimDraft.model_validate(answer)
    with validating_with({"source_text": PARAGRAPH}):
        copied = {**answer, "quote": "ferries would resume at noon"}
        assert ClaimDraft.model_validate(copied).quote == "ferries would resume at noon"
