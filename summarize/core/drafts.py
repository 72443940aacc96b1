"""What the model is asked to return: small, bounded drafts that code turns into the output.

Every string has a maxLength and every list a maxItems, so the server's
JSON-schema-constrained decoder always terminates. The model gives words; the
program computes offsets, numbers and dates from them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from summarize.core.schema import EventType, Factuality, Polarity

ShortText = Annotated[str, Field(max_length=80)]
Quote = Annotated[str, Field(min_length=3, max_length=200)]


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")


class EventDraft(_Draft):
    """One event as the model reports it, in the paragraph's own words."""

    type: EventType
    actor: ShortText | None = Field(description="Who acted, as written.")
    target: ShortText | None = Field(description="Who or what was hit, as written.")
    place: ShortText | None = Field(description="Place as written, or null.")
    country: ShortText | None = Field(description="Country, or null.")
    date: ShortText | None = Field(description="Date words as written, or null.")
    killed: ShortText | None = Field(description="Death toll words as written, or null.")
    injured: ShortText | None = Field(description="Injured words as written, or null.")
    reported_by: ShortText | None = Field(description="Who reports it, or null.")
    quote: Quote = Field(description="Exact words copied from the paragraph.")


class ClaimDraft(_Draft):
    """One attributed claim as the model reports it."""

    claim: Annotated[str, Field(max_length=200)] = Field(description="Standalone sentence.")
    claimant: ShortText | None = Field(description="Who asserts it, as written.")
    via: ShortText | None = Field(description="Outlet relaying it, or null.")
    cue: Annotated[str, Field(max_length=30)] | None = Field(description="Reporting verb.")
    factuality: Factuality
    polarity: Polarity
    quote: Quote = Field(description="Exact words copied from the paragraph.")


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
    source: ShortText | None = Field(description="News outlet, or null.")
