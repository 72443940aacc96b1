"""Stories across articles: the same real event told by several sources, figures reconciled.

    >>> from summarize.story import build_story
    >>> story = build_story([summary_a, summary_b], names=["a.txt", "b.txt"])
    >>> [len(event.mentions) for event in story.events]

Pure code: no model, no CLI. See :mod:`summarize.story.cluster` (which events merge),
:mod:`summarize.story.reconcile` (how figures relate) and :mod:`summarize.story.series`
(running totals of attacks read from the evidence text).
"""

from __future__ import annotations

from summarize.story.build import build_story
from summarize.story.schema import (
    Conflict,
    CountSeries,
    FigureRelation,
    FigureReport,
    Mention,
    MergeExplanation,
    ReconciledFigure,
    Story,
    StoryArticle,
    StoryEvent,
)

__all__ = [
    "Conflict",
    "CountSeries",
    "FigureRelation",
    "FigureReport",
    "Mention",
    "MergeExplanation",
    "ReconciledFigure",
    "Story",
    "StoryArticle",
    "StoryEvent",
    "build_story",
]
