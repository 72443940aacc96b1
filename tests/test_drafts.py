"""What the model is asked to return (core/drafts.py): bounded schemas, checked answers."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarize.core.drafts import (
    EventDraft,
    OverviewDraft,
    ParagraphDraft,
    SentencesDraft,
    each_sentence_draft,
)
from summarize.core.schema import EventType


def _walk(schema: dict) -> list[dict]:
    found = [schema]
    for value in schema.values():
        if isinstance(value, dict):
            found += _walk(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    found += _walk(item)
    return found


@pytest.mark.parametrize("model", [ParagraphDraft, OverviewDraft, each_sentence_draft(3)])
def test_model_facing_schema_bounds_every_string_and_list(model: type) -> None:
    """Unbounded strings or lists let a small model loop until max_tokens."""
    for node in _walk(model.model_json_schema()):
        if node.get("type") == "string" and "enum" not in node:
            assert "maxLength" in node, node
        if node.get("type") == "array":
            assert "maxItems" in node, node


def test_a_sentence_number_the_paragraph_lacks_fails_validation_for_a_reask() -> None:
    answer = {"events": [{"sentence": 5, "type": "other", "actor": None, "target": None}],
              "claims": []}  # fmt: skip
    with pytest.raises(ValidationError, match="sentence 5 does not exist; the paragraph has"):
        SentencesDraft.model_validate(answer, context={"sentence_count": 3})
    assert SentencesDraft.model_validate(answer)  # replayed answers have no context


def test_a_quote_not_in_the_source_text_fails_validation_for_a_reask() -> None:
    source = "Ferries resumed at noon, the harbour master said."
    answer = {
        "quote": "ferries were cancelled",
        "type": "other",
        "actor": None,
        "target": None,
        "place": None,
        "date": None,
        "killed": None,
        "injured": None,
    }
    with pytest.raises(ValidationError, match="is not in the paragraph; copy a span"):
        EventDraft.model_validate(answer, context={"source_text": source})
    copied = {**answer, "quote": "Ferries resumed at noon"}
    assert EventDraft.model_validate(copied, context={"source_text": source})
    assert EventDraft.model_validate(answer)  # replayed answers have no source text


def test_the_per_sentence_answer_has_an_entry_for_every_number_in_order() -> None:
    model = each_sentence_draft(3)
    assert model is each_sentence_draft(3)  # one class per count: one schema, one cache key
    schema = model.model_json_schema()
    assert list(schema["properties"]) == ["1", "2", "3"] and schema["required"] == ["1", "2", "3"]
    answer = model.model_validate_json(
        '{"1": [], "2": [{"type": "bombing", "actor": null, "target": "a bus"}], "3": []}'
    )
    assert [(e.sentence, e.type, e.target) for e in answer.events] == [
        (2, EventType.BOMBING, "a bus")
    ]
    with pytest.raises(ValidationError):
        model.model_validate_json('{"1": [], "2": []}')  # an entry missing
