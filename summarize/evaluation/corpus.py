"""The report of an evaluation on a public corpus (``summarize eval --dataset NAME``).

The corpus's adapter (:mod:`summarize.evaluation.datasets`) scores the summaries with
the corpus's own measures; this module adds what every corpus shares (documents,
schema-valid rate, grounding rate, model and prompt) and renders the report as JSON and
Markdown. The JSON is flat: each measure under its stable, corpus-prefixed key.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field

from summarize.core.schema import ArticleSummary
from summarize.evaluation.datasets import CorpusScore
from summarize.evaluation.metrics import format_score

HIGHER_IS_BETTER = ("_f1", "_precision", "_recall", "_accuracy", "_rate")
"""Measures whose names end so are compared with a baseline (a drop is a regression)."""
WORST_SHOWN = 5


class CorpusReport(BaseModel):
    """Measures of one evaluation run on a corpus sample, and its worst documents."""

    created: str
    dataset: str
    split: str
    limit: int | None = None
    model: str | None = None
    prompt_version: str | None = None
    articles: int
    articles_valid: int
    schema_valid_rate: float
    grounding_rate: float | None
    measures: dict[str, float | int | None] = Field(default_factory=dict)
    rows: list[tuple[str, str]] = Field(default_factory=list)
    worst: list[str] = Field(default_factory=list)
    errors: list[str] = Field(default_factory=list)

    def headline(self) -> dict[str, float | None]:
        """The measures a baseline is compared on: rates, precisions, recalls, F1s."""
        shared = {
            "schema_valid_rate": self.schema_valid_rate,
            "grounding_rate": self.grounding_rate,
        }
        corpus = {
            name: (float(value) if value is not None else None)
            for name, value in self.measures.items()
            if name.endswith(HIGHER_IS_BETTER)
        }
        return {**shared, **corpus}

    def flat(self) -> dict[str, Any]:
        """The report as one flat JSON object: each measure under its own key."""
        data = self.model_dump(mode="json", exclude={"measures"})
        return {**data, **self.measures}

    def to_json(self, indent: int | None = None) -> str:
        """The flat report as JSON text."""
        return json.dumps(self.flat(), indent=indent, ensure_ascii=False)


def build_corpus_report(
    dataset: str,
    split: str,
    limit: int | None,
    score: CorpusScore,
    summaries: Mapping[str, ArticleSummary | None],
    errors: Sequence[str],
    *,
    model: str | None = None,
    prompt_version: str | None = None,
    created: dt.datetime | None = None,
) -> CorpusReport:
    """Combine the adapter's measures with what every corpus report shares."""
    valid = [s for s in summaries.values() if s is not None]
    evidence = [e for s in valid for item in [*s.events, *s.claims] for e in item.evidence]
    grounded = sum(1 for e in evidence if e.grounded)
    return CorpusReport(
        created=(created or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        dataset=dataset,
        split=split,
        limit=limit,
        model=model,
        prompt_version=prompt_version,
        articles=len(summaries),
        articles_valid=len(valid),
        schema_valid_rate=len(valid) / len(summaries) if summaries else 0.0,
        grounding_rate=grounded / len(evidence) if evidence else None,
        measures=score.metrics(),
        rows=score.rows(),
        worst=score.worst(WORST_SHOWN),
        errors=list(errors),
    )


def render_corpus_markdown(report: CorpusReport) -> str:
    """The report as Markdown: what was run, the corpus's table, worst documents, errors."""
    limit = f", first {report.limit}" if report.limit is not None else ""
    lines = [
        f"# Evaluation report: {report.dataset} ({report.split}{limit})",
        "",
        f"{report.created} · model `{report.model}` · prompt `{report.prompt_version}` · "
        f"{report.articles} documents ({report.articles_valid} summarized) · "
        f"schema-valid {format_score(report.schema_valid_rate)} · "
        f"grounding {format_score(report.grounding_rate)}",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in report.rows),
    ]
    if report.worst:
        lines += ["", "## Worst documents", "", *(f"- {line}" for line in report.worst)]
    if report.errors:
        lines += ["", "## Errors", "", *(f"- {line}" for line in report.errors)]
    return "\n".join(lines) + "\n"


def render_corpus_table(report: CorpusReport) -> str:
    """The report as a plain table for the terminal."""
    width = max((len(name) for name, _ in report.rows), default=10)
    head = (
        f"{report.dataset} ({report.split}): {report.articles} documents, "
        f"{report.articles_valid} summarized, grounding {format_score(report.grounding_rate)}"
    )
    return "\n".join([head, *(f"  {name:<{width}}  {value}" for name, value in report.rows)])
