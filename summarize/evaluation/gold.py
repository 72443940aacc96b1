"""Gold files: hand-labelled events and claims of one article, in the output schema.

A gold file is JSON::

    {"article": "001_b8f2c667bf175de8.txt", "published": "2023-12-03" | null,
     "events": [<Event>...], "claims": [<Claim>...]}

Events and claims use the project's own schema (``summarize.core.schema``).
Evidence in gold gives only ``quote``; offsets are computed on load and every
quote must appear verbatim in the article.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from summarize.core.grounding import align_quote
from summarize.core.schema import Alignment, Claim, Event, Evidence


class GoldArticle(BaseModel):
    """The gold labels of one article."""

    model_config = ConfigDict(extra="forbid")

    article: str = Field(description="File name of the article, relative to the data folder.")
    published: dt.date | None = None
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class GoldError(ValueError):
    """A gold file is malformed or quotes words that are not in its article."""


def _ground(evidence: list[Evidence], text: str, where: str) -> list[Evidence]:
    grounded = []
    for item in evidence:
        found = align_quote(item.quote, text)
        if found.alignment is not Alignment.EXACT:
            raise GoldError(f"{where}: quote {item.quote!r} is not verbatim in the article")
        grounded.append(found)
    return grounded


def load_gold(path: Path, articles_dir: Path) -> tuple[GoldArticle, str]:
    """Load a gold file and its article text, computing evidence offsets (exact only)."""
    gold = GoldArticle.model_validate(json.loads(path.read_text(encoding="utf-8")))
    text = (articles_dir / gold.article).read_text(encoding="utf-8")
    for index, event in enumerate(gold.events):
        event.evidence = _ground(event.evidence, text, f"{path.name} event {index}")
    for index, claim in enumerate(gold.claims):
        claim.evidence = _ground(claim.evidence, text, f"{path.name} claim {index}")
    return gold, text
