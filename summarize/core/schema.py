"""The output contract: typed, grounded summaries of news articles.

Everything here is plain pydantic v2 and needs no model. Field names are the
JSON field names of the program's output.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.4"


class EventType(StrEnum):
    """A small fixed vocabulary modelled on ACLED sub-event types and PLOVER modes."""

    AIR_OR_DRONE_STRIKE = "air_or_drone_strike"
    ARMED_CLASH = "armed_clash"
    ROCKET_OR_MISSILE_ATTACK = "rocket_or_missile_attack"
    DRONE_ATTACK = "drone_attack"
    BOMBING = "bombing"
    ARREST = "arrest"
    SANCTIONS = "sanctions"
    THREAT = "threat"
    STATEMENT = "statement"
    TROOP_DEPLOYMENT = "troop_deployment"
    OTHER = "other"


class Alignment(StrEnum):
    """How an evidence quote was found in the article (LangExtract-style)."""

    EXACT = "exact"
    NORMALIZED = "normalized"  # equal after folding case, whitespace and quote marks
    FUZZY = "fuzzy"
    NOT_FOUND = "not_found"


class Qualifier(StrEnum):
    """How a reported figure is hedged."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    ABOUT = "about"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    UNKNOWN = "unknown"


class Factuality(StrEnum):
    """How firmly the claimant commits to the claim (after FactBank)."""

    CERTAIN = "certain"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    UNKNOWN = "unknown"


class Polarity(StrEnum):
    """Whether the claim is asserted or denied."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Evidence(_Model):
    """A verbatim span of the article. ``article[start:end] == quote`` whenever found."""

    quote: str = Field(description="The article's own words for this item.")
    start: int | None = Field(default=None, ge=0, description="Character offset, inclusive.")
    end: int | None = Field(default=None, ge=0, description="Character offset, exclusive.")
    alignment: Alignment = Alignment.NOT_FOUND
    quote_as_given: str | None = Field(
        default=None, description="The model's quote when it differs from the article's words."
    )

    @property
    def grounded(self) -> bool:
        """True when the quote was located in the article."""
        return self.alignment is not Alignment.NOT_FOUND

    def overlaps(self, start: int, end: int) -> bool:
        """True when the evidence has offsets and they share a character with [start, end)."""
        if self.start is None or self.end is None:
            return False
        return self.start < end and start < self.end


class Party(_Model):
    """An actor or a target: a name as written and a short description."""

    name: str
    description: str | None = None


class Location(_Model):
    """Where an event took place, as precise as the article says."""

    place: str | None = None
    admin_area: str | None = None
    country: str | None = None


class DatePrecision(StrEnum):
    """How precise a resolved date is."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class EventDate(_Model):
    """A date as written, and the ISO date when it can be resolved."""

    text: str
    iso: dt.date | None = Field(default=None, description="The day, or the first day of a range.")
    end: dt.date | None = Field(default=None, description="Last day, when the words name a range.")
    precision: DatePrecision | None = None


class Figure(_Model):
    """A reported count: the words as written, the number, its qualifier and bounds."""

    text: str
    value: int | None = None
    qualifier: Qualifier = Qualifier.UNKNOWN
    low: int | None = None
    high: int | None = None


class Event(_Model):
    """Something that happened: who did what to whom, where, when, with what toll."""

    type: EventType
    actors: list[Party] = Field(default_factory=list)
    action: Evidence | None = Field(
        default=None,
        description="The words of its sentence that say what happened ('bombed', 'air strike').",
    )
    targets: list[Party] = Field(default_factory=list)
    location: Location | None = None
    date: EventDate | None = None
    killed: Figure | None = None
    injured: Figure | None = None
    instruments: list[str] = Field(
        default_factory=list,
        description="Weapons or means its sentence names, as written ('car bomb', 'rifles').",
    )
    reported_by: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    grounded: bool = Field(default=True, description="False when no evidence quote was found.")


class Claim(_Model):
    """An attributed assertion: source + cue + content, with how firmly it is made."""

    assertion: str = Field(description="The claim as a standalone sentence.")
    claimant: str | None = Field(
        default=None, description="Who asserts it, pronouns and anaphors resolved to a name."
    )
    claimant_quote: Evidence | None = Field(
        default=None,
        description="The article's words for the claimant where the claim is made, as "
        "written ('he', 'a spokesman for the ministry').",
    )
    reported_via: str | None = Field(
        default=None, description="The outlet or intermediary that relays it, e.g. Reuters."
    )
    cue: str | None = Field(default=None, description="The reporting verb: said, claimed, ...")
    factuality: Factuality = Factuality.UNKNOWN
    polarity: Polarity = Polarity.POSITIVE
    evidence: list[Evidence] = Field(default_factory=list)
    grounded: bool = Field(default=True, description="False when no evidence quote was found.")


class SuspicionReason(StrEnum):
    """Why a span of an article is taken for text written to a machine, not to readers."""

    ADDRESSES_A_MODEL = "addresses an AI, a summarizer or its instructions"
    ORDERS_THE_OUTPUT = "orders what to report"
    NAMES_THE_OUTPUT = "names the output's own fields or types"
    ROLE_MARKER = "a chat role marker"
    PROMPT_MARKUP = "markup that opens or closes a prompt's delimiters"
    DATA_SYNTAX = "code or data, not prose"
    OTHER_LANGUAGE = "written in another language than the article"
    CONTINUES_AN_INSTRUCTION = "continues a flagged instruction"


class SuspiciousSpan(_Model):
    """Text of the article that speaks to a machine: never shown to the model as article
    text, never evidence, never the source of a name or a figure."""

    start: int
    end: int
    reason: SuspicionReason
    quote: str


class Usage(_Model):
    """Tokens spent on one summary, summed over every model call it took."""

    prompt_tokens: int = 0
    cached_prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            cached_prompt_tokens=self.cached_prompt_tokens + other.cached_prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class SummaryMeta(_Model):
    """How a summary was made."""

    model: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
    latency_s: float = Field(default=0.0, description="Wall time of this summary.")
    model_time_s: float = Field(
        default=0.0, description="Time the model took to answer, as recorded for cached answers."
    )
    model_calls: int = 0
    from_cache: bool = False
    input: str | None = Field(
        default=None,
        description="What was summarized: the file path, '<stdin>', or the name the caller "
        "gave; ties each line of a batch's JSON Lines to its input.",
    )
    suspicious_spans: list[SuspiciousSpan] = Field(
        default_factory=list,
        description="Text of the article written to a machine (injected instructions), "
        "withheld from the model and from the output.",
    )


class ArticleSummary(_Model):
    """The typed, grounded summary of one article."""

    headline: str
    summary: str = Field(description="Two or three neutral sentences.")
    published: dt.date | None = None
    source: str | None = Field(default=None, description="Outlet, when known.")
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    meta: SummaryMeta
