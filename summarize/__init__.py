"""summarize: typed, grounded summaries of the events and claims in news articles.

    >>> from summarize import summarize_article
    >>> summary = summarize_article(open("seeds/001_b8f2c667bf175de8.txt").read())
    >>> summary.events[0].killed.value

Names are imported lazily so that ``import summarize`` (and the CLI) start fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = [
    "ArticleSummary",
    "Claim",
    "Event",
    "Evidence",
    "SummarizeError",
    "Summarizer",
    "summarize_article",
]

if TYPE_CHECKING:
    from summarize.core.schema import ArticleSummary, Claim, Event, Evidence
    from summarize.errors import SummarizeError
    from summarize.summarizer import Summarizer, summarize_article

_LOCATIONS = {
    "ArticleSummary": "summarize.core.schema",
    "Claim": "summarize.core.schema",
    "Event": "summarize.core.schema",
    "Evidence": "summarize.core.schema",
    "SummarizeError": "summarize.errors",
    "Summarizer": "summarize.summarizer",
    "summarize_article": "summarize.summarizer",
}


def __getattr__(name: str) -> Any:
    if name in _LOCATIONS:
        import importlib

        return getattr(importlib.import_module(_LOCATIONS[name]), name)
    raise AttributeError(f"module 'summarize' has no attribute {name!r}")
