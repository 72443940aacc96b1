"""Story gold: which gold events of different articles are the same real event.

A story gold file (``evals/story_gold.json``, guide: evals/GUIDELINES.md section 8) lists
clusters of two or more gold events, each referred to by article and index into that
article's gold ``events``; every gold event not listed is a story event of its own. A
reference may repeat the event's ``type`` and first evidence ``quote`` so that a
relabelled gold file that shifted the indices is caught.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from summarize.core.schema import Event, EventType


class GoldEventRef(BaseModel):
    """One gold event: its article and its index in that article's gold events."""

    model_config = ConfigDict(extra="forbid")

    article: str
    index: int = Field(ge=0)
    type: EventType | None = None
    quote: str | None = None

    @property
    def key(self) -> str:
        """``article#index``."""
        return f"{self.article}#{self.index}"


class GoldStoryCluster(BaseModel):
    """Gold events (two or more, from different articles) that are one real event."""

    model_config = ConfigDict(extra="forbid")

    label: str
    note: str | None = None
    events: list[GoldEventRef] = Field(min_length=2)


class StoryGold(BaseModel):
    """All multi-article clusters of a story gold file."""

    model_config = ConfigDict(extra="forbid")

    clusters: list[GoldStoryCluster] = Field(default_factory=list)


class StoryGoldError(ValueError):
    """A story gold file is malformed or refers to gold events that do not exist."""


def load_story_gold(path: Path) -> StoryGold:
    """Read and validate a story gold file (structure only; see :func:`check_story_gold`)."""
    return StoryGold.model_validate(json.loads(path.read_text(encoding="utf-8")))


def check_story_gold(gold: StoryGold, events: Mapping[str, Sequence[Event]]) -> None:
    """Raise :class:`StoryGoldError` unless every reference names an existing gold event
    (with the type and first quote it repeats), once, and no cluster holds two events
    of one article."""
    seen: set[str] = set()
    for cluster in gold.clusters:
        articles = [ref.article for ref in cluster.events]
        if len(set(articles)) != len(articles):
            raise StoryGoldError(f"cluster {cluster.label!r}: two events of one article")
        for ref in cluster.events:
            where = f"cluster {cluster.label!r}: {ref.key}"
            if ref.article not in events:
                raise StoryGoldError(f"{where}: no gold file for {ref.article}")
            if ref.index >= len(events[ref.article]):
                raise StoryGoldError(f"{where}: the article has {len(events[ref.article])} events")
            event = events[ref.article][ref.index]
            if ref.type is not None and event.type != ref.type:
                raise StoryGoldError(f"{where}: the gold event is a {event.type.value}")
            first_quote = event.evidence[0].quote if event.evidence else None
            if ref.quote is not None and first_quote != ref.quote:
                raise StoryGoldError(f"{where}: the gold event's first quote differs")
            if ref.key in seen:
                raise StoryGoldError(f"{where}: listed in two clusters")
            seen.add(ref.key)


def gold_clusters(gold: StoryGold, events: Mapping[str, Sequence[Event]]) -> list[set[str]]:
    """Every gold event's cluster as sets of ``article#index`` keys, singletons included."""
    check_story_gold(gold, events)
    clusters = [{ref.key for ref in cluster.events} for cluster in gold.clusters]
    listed = set().union(*clusters) if clusters else set()
    for article, items in events.items():
        keys = (f"{article}#{index}" for index in range(len(items)))
        clusters += [{key} for key in keys if key not in listed]
    return clusters
