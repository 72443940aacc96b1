"""What the model is asked to return: small, bounded drafts that code turns into the output.

Every string has a maxLength and every list a maxItems, so the server's
JSON-schema-constrained decoder always terminates. The model gives words; the
program computes offsets, numbers and dates from them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, field_validator

from summarize.core import validation
from summarize.core.grounding import align_quote
from summarize.core.schema import Alignment, EventType, Factuality, Polarity

ANSWER_FORMAT_VERSION = "1.2"
"""The version of what the model is asked for (these drafts and how they are read); part
of every cache key. The output's own version is ``schema.SCHEMA_VERSION``: a field added
to the output alone does not make the cached answers stale."""

ShortText = Annotated[str, Field(max_length=80)]
Quote = Annotated[str, Field(min_length=3, max_length=150)]


_SCHEMAS: dict[tuple[Any, ...], str] = {}


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """The JSON schema, generated once per class and options.

        The client asks for it on every request, and pydantic takes milliseconds to build
        it: at a remote endpoint's concurrency that CPU time, not the network, was the limit.
        """
        # instructor subclasses the model anew for every request: key on the name, not the class
        key = (cls.__module__, cls.__qualname__, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = json.dumps(super().model_json_schema(*args, **kwargs))
        return json.loads(_SCHEMAS[key])  # a fresh copy: callers may modify it


def _context(info: ValidationInfo) -> dict[str, Any]:
    """The validation context: instructor's, else the live call's (empty on replay)."""
    return info.context or validation.current()


def check_quote(quote: str, info: ValidationInfo) -> str:
    """With the source text known, reject a quote that is not in it.

    The message goes back to the model in instructor's re-ask, so it says exactly what
    is wrong. Without a source text (cached answers, tests) every quote passes and
    grounding is left to :func:`summarize.core.grounding.align_quote`.
    """
    source = _context(info).get("source_text")
    if source and align_quote(quote, source).alignment is Alignment.NOT_FOUND:
        raise ValueError(
            f"quote {quote!r} is not in the paragraph; copy a span of the paragraph exactly"
        )
    return quote


class _Grounded(_Draft):
    _quote_in_source = field_validator("quote", check_fields=False)(check_quote)


class EventDraft(_Grounded):
    """One event as the model reports it, in the paragraph's own words.

    The quote comes first so that the other fields are read off the copied words.
    Core fields are required but nullable: a small model skips optional fields it
    should fill, and null is cheaper than an invented default.
    """

    quote: Quote = Field(description="Exact words copied from the paragraph.")
    type: EventType
    actor: ShortText | None = Field(description="Who acted, as written.")
    target: ShortText | None = Field(description="Who or what was hit.")
    place: ShortText | None = Field(description="Place as written.")
    date: ShortText | None = Field(description="Date words as written.")
    killed: ShortText | None = Field(description="Death toll as written.")
    injured: ShortText | None = Field(description="Injured as written.")
    reported_by: ShortText | None = Field(default=None, description="Who reports it.")


class ClaimDraft(_Grounded):
    """One attributed claim as the model reports it."""

    quote: Quote = Field(description="Exact words copied from the paragraph.")
    claim: Annotated[str, Field(max_length=160)] = Field(description="Standalone sentence.")
    claimant: ShortText | None = Field(description="Who asserts it, as written.")
    via: ShortText | None = Field(description="Outlet relaying it.")
    cue: Annotated[str, Field(max_length=30)] | None = Field(description="Reporting verb.")
    factuality: Factuality
    polarity: Polarity = Polarity.POSITIVE


class ParagraphDraft(_Draft):
    """Events and claims of one paragraph."""

    events: list[EventDraft] = Field(max_length=2)
    claims: list[ClaimDraft] = Field(max_length=3)


class OverviewDraft(_Draft):
    """Article-level fields."""

    headline: Annotated[str, Field(max_length=120)]
    summary: Annotated[str, Field(max_length=500)] = Field(
        description="Two or three neutral sentences."
    )
    source: ShortText | None = Field(default=None, description="News outlet.")


# The compact shape (prompts with shape = "sentences"): the paragraph is shown as numbered
# sentences and the model answers with sentence numbers and names only. Evidence, date,
# place, figures, cue, outlet and factuality are read from the sentence by code.

Name = Annotated[str, Field(max_length=60)]


def check_sentence_number(number: int, info: ValidationInfo) -> int:
    """With the paragraph's sentence count known, reject a number it does not have."""
    count = _context(info).get("sentence_count")
    if count and not 1 <= number <= count:
        raise ValueError(
            f"sentence {number} does not exist; the paragraph has sentences 1 to {count}"
        )
    return number


class _Numbered(_Draft):
    _sentence_exists = field_validator("sentence", check_fields=False)(check_sentence_number)


class SentenceEvent(_Numbered):
    """An event: the number of the sentence that reports it, its type and its parties."""

    sentence: int = Field(ge=1, le=99)
    type: EventType
    actor: Name | None
    target: Name | None


class SentenceClaim(_Numbered):
    """A claim: the number of the sentence that attributes it and who asserts it."""

    sentence: int = Field(ge=1, le=99)
    claimant: Name | None


class SentencesDraft(_Draft):
    """Events and claims of one paragraph, by sentence number."""

    events: list[SentenceEvent] = Field(max_length=3)
    claims: list[SentenceClaim] = Field(max_length=4)


class SentenceEventsDraft(_Draft):
    """Events of one paragraph, by sentence number (claims come from the parse)."""

    events: list[SentenceEvent] = Field(max_length=3)


# The per-sentence shape (prompts with group = "article"): the candidate sentences of several
# paragraphs are shown numbered, and the answer has one entry for every number, in order, so
# the model considers each sentence (asked for a free list over many sentences, this model
# names one or two items whatever their number).

MAX_EVENTS_PER_SENTENCE = 2


class TypedEvent(_Draft):
    """An event of the sentence whose entry holds it: its type and its parties."""

    type: EventType
    actor: Name | None
    target: Name | None


class EachSentenceDraft(_Draft):
    """Events of numbered sentences, one entry per sentence ("1": [...], "2": [], ...).

    Made for a number of sentences by :func:`each_sentence_draft`; ``events`` reads the
    entries as :class:`SentenceEvent` items, as the other sentence shapes give them."""

    @property
    def events(self) -> list[SentenceEvent]:
        found = []
        for name, entries in self:
            number = int(name.removeprefix("s"))
            found += [SentenceEvent(sentence=number, **e.model_dump()) for e in entries]
        return found


@lru_cache(maxsize=64)
def each_sentence_draft(count: int) -> type[EachSentenceDraft]:
    """The answer model for ``count`` numbered sentences: every number is a required key, so
    the constrained decoder writes an entry for each, in order (one class per count)."""
    entries = Annotated[list[TypedEvent], Field(max_length=MAX_EVENTS_PER_SENTENCE)]
    fields: dict[str, Any] = {
        f"s{number}": (entries, Field(alias=str(number))) for number in range(1, count + 1)
    }
    return create_model(  # type: ignore[call-overload,no-any-return]
        f"EachSentence{count}Draft", __base__=EachSentenceDraft, **fields
    )
