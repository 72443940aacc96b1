"""The story contract: events merged across articles, reconciled figures, conflicts, series.

Plain pydantic v2; field names are the JSON field names of ``summarize story``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from summarize.core.schema import EventDate, EventType, Evidence, Figure


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FigureRelation(StrEnum):
    """How the figures that sources give for one counted thing relate."""

    SINGLE_SOURCE = "single_source"  # one source (or one figure) only
    AGREE = "agree"  # the same number ("five" and "5", "five" and "at least five")
    CONSISTENT = "consistent"  # an exact count that meets another's bound ("38", "more than 30")
    DIFFER_IN_TIME = "differ_in_time"  # a running total counted at different dates
    DIFFER_IN_SCOPE = "differ_in_scope"  # different windows ("since Oct. 7" vs "since Oct. 17")
    CONFLICT = "conflict"  # the same count for the same window, given differently


class FigureReport(_Model):
    """One source's figure: which article and outlet, as of when, and the words that say it."""

    article: str
    outlet: str | None = None
    as_of: dt.date | None = Field(default=None, description="The article's publication date.")
    figure: Figure
    window: str | None = Field(default=None, description='"since ..." for a running total.')
    quote: str | None = None
    start: int | None = None
    end: int | None = None


class ReconciledFigure(_Model):
    """One counted thing across sources, reconciled the ACLED way."""

    counted: str = Field(description='"killed", "injured" or "attacks".')
    value: int | None = Field(description="The most conservative count (ACLED).")
    low: int | None = None
    high: int | None = Field(default=None, description="None: no upper bound given.")
    relation: FigureRelation
    note: str
    reports: list[FigureReport] = Field(default_factory=list)


class Mention(_Model):
    """One article's account of a story event."""

    id: str = Field(description="article#index of the event in that article's summary.")
    article: str
    outlet: str | None = None
    published: dt.date | None = None
    event_index: int
    type: EventType
    description: str
    date: EventDate | None = None
    killed: Figure | None = None
    injured: Figure | None = None
    evidence: list[Evidence] = Field(default_factory=list)


class MergeExplanation(_Model):
    """Why two groups of mentions were merged: the linkage and the strongest pair's fields."""

    step: int
    rule: str = Field(
        default="similarity",
        description='"similarity" (linkage >= threshold) or "count_series" (same running count).',
    )
    linkage: float = Field(description="Mean pair score between the two merged groups.")
    threshold: float
    pair: tuple[str, str] = Field(description="The strongest supported pair of mention ids.")
    pair_score: float
    components: dict[str, float]
    agreed: list[str]
    differed: list[str]


class StoryEvent(_Model):
    """A real-world event as told by one or more articles."""

    id: str
    type: EventType
    description: str
    quote: str | None = Field(default=None, description="The representative mention's words.")
    date: EventDate | None = None
    mentions: list[Mention]
    killed: ReconciledFigure | None = None
    injured: ReconciledFigure | None = None
    merges: list[MergeExplanation] = Field(default_factory=list)


class Conflict(_Model):
    """Sources that give the same count for the same window differently."""

    subject: str = Field(description="The story event id (E1...) or series id (S1...).")
    counted: str
    note: str
    intervals_overlap: bool = Field(
        description='True for a soft conflict ("at least 10" vs "at least nine").'
    )
    reports: list[FigureReport]


class CountSeries(_Model):
    """A running total (e.g. attacks since a date) as counted by several articles over time."""

    id: str
    counted: str
    window: str = Field(description='The start of the count as written: "since Oct. 17".')
    window_start: dt.date | None = None
    relation: FigureRelation
    note: str
    points: list[FigureReport]
    events: list[str] = Field(default_factory=list, description="Story events quoted.")


class StoryArticle(_Model):
    """An article that went into the story."""

    name: str
    outlet: str | None = None
    published: dt.date | None = None
    headline: str
    events: int


class Story(_Model):
    """Events across articles: merged, with their figures reconciled."""

    articles: list[StoryArticle]
    events: list[StoryEvent]
    conflicts: list[Conflict] = Field(default_factory=list)
    series: list[CountSeries] = Field(default_factory=list)
    method: dict[str, Any] = Field(default_factory=dict)
