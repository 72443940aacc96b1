from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from summarize.core.drafts import OverviewDraft, ParagraphDraft, SentencesDraft
from summarize.core.schema import (
    SCHEMA_VERSION,
    ArticleSummary,
    Claim,
    Event,
    EventType,
    Factuality,
    SummaryMeta,
)
from summarize.llm.client import _instructor_schema


def _meta() -> SummaryMeta:
    return SummaryMeta(model="m", prompt_version="p")


def test_events_and_claims_always_present_in_json() -> None:
    summary = ArticleSummary(headline="h", summary="s", meta=_meta())
    data = json.loads(summary.model_dump_json())
    assert data["events"] == [] and data["claims"] == []
    assert data["meta"]["schema_version"] == SCHEMA_VERSION


def test_event_type_is_a_closed_vocabulary() -> None:
    with pytest.raises(ValidationError):
        Event(type="picnic")  # type: ignore[arg-type]
    assert Event(type="air_or_drone_strike").type is EventType.AIR_OR_DRONE_STRIKE  # type: ignore[arg-type]


def test_unknown_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        Claim(assertion="x", confidence=1)  # type: ignore[call-arg]


def test_claim_defaults() -> None:
    claim = Claim(assertion="Five were killed.")
    assert claim.factuality is Factuality.UNKNOWN and claim.evidence == []


@pytest.mark.parametrize("model", [SentencesDraft, ParagraphDraft, OverviewDraft])
def test_instructor_schema_is_built_once_and_sends_the_same_schema(model: type) -> None:
    """The client hands instructor a schema class made once per model (instructor would
    otherwise build a new class per request); the JSON schema the model sees is unchanged."""
    import instructor

    prepared = _instructor_schema(model)
    assert prepared is _instructor_schema(model)
    assert issubclass(prepared, model) and prepared.__name__ == model.__name__
    fresh = instructor.response_schema(model)
    assert prepared.model_json_schema() == fresh.model_json_schema()
