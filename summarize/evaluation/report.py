"""The evaluation report: headline metrics, per-field accuracy, per-article details.

:func:`build_report` turns per-article scores into an :class:`EvalReport`, which renders
as JSON (:meth:`EvalReport.to_json`), Markdown (:func:`render_markdown`) and a plain-text
table for the terminal (:func:`render_table`). :func:`compare_with_baseline` lists the
headline metrics (``HEADLINE_METRICS``) that dropped by more than
``REGRESSION_TOLERANCE`` (0.05 absolute) below a stored report.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarize.core.compare import NAME_MATCH_THRESHOLD
from summarize.errors import InputError
from summarize.evaluation.matching import (
    EVENT_WEIGHTS,
    MIN_CLAIM_SIMILARITY,
    MIN_EVENT_SIMILARITY,
)
from summarize.evaluation.metrics import (
    ArticleScore,
    Counts,
    FieldTally,
    total_counts,
    total_fields,
)
from summarize.evaluation.metrics import format_score as _fmt
from summarize.evaluation.story_metrics import StoryScore

HEADLINE_METRICS = ("event_f1", "claim_f1", "grounding_rate", "schema_valid_rate")
"""Metrics compared with the baseline; higher is better for each."""

REGRESSION_TOLERANCE = 0.05
"""A headline metric regresses when it falls more than this (absolute) below the baseline."""


def _mean(values: Sequence[float | int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 3) if present else None


class EvalReport(BaseModel):
    """Metrics of one evaluation run (micro-averaged over articles) and per-article scores."""

    created: str
    model: str | None = None
    prompt_version: str | None = None
    articles: int
    articles_valid: int
    schema_valid_rate: float
    event_precision: float
    event_recall: float
    event_f1: float
    claim_precision: float
    claim_recall: float
    claim_f1: float
    grounding_rate: float | None
    evidence_items: int
    articles_from_cache: int
    mean_latency_s: float | None
    mean_prompt_tokens: float | None
    mean_cached_prompt_tokens: float | None
    mean_completion_tokens: float | None
    event_counts: Counts
    claim_counts: Counts
    event_fields: dict[str, FieldTally]
    claim_fields: dict[str, FieldTally]
    thresholds: dict[str, Any] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list)
    story: StoryScore | None = Field(
        default=None, description="Cross-article clustering against evals/story_gold.json."
    )
    per_article: list[ArticleScore] = Field(default_factory=list)

    def to_json(self, indent: int | None = None) -> str:
        """The whole report as one JSON object."""
        return self.model_dump_json(indent=indent)

    def headline(self) -> dict[str, float | None]:
        """The headline metrics by name."""
        return {name: getattr(self, name) for name in HEADLINE_METRICS}


def build_report(
    scores: Sequence[ArticleScore],
    *,
    model: str | None = None,
    prompt_version: str | None = None,
    created: dt.datetime | None = None,
    story: StoryScore | None = None,
) -> EvalReport:
    """Aggregate per-article scores into the report (micro counts, means over valid articles).

    ``story`` holds the cluster metrics of the story built from the summaries, when a
    story gold was given.
    """
    events, claims = total_counts(scores, "events"), total_counts(scores, "claims")
    valid = [s for s in scores if s.valid]
    evidence = sum(s.evidence_items for s in scores)
    grounded = sum(s.evidence_grounded for s in scores)
    return EvalReport(
        created=(created or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        model=model,
        prompt_version=prompt_version,
        articles=len(scores),
        articles_valid=len(valid),
        schema_valid_rate=len(valid) / len(scores) if scores else 0.0,
        event_precision=events.precision,
        event_recall=events.recall,
        event_f1=events.f1,
        claim_precision=claims.precision,
        claim_recall=claims.recall,
        claim_f1=claims.f1,
        grounding_rate=grounded / evidence if evidence else None,
        evidence_items=evidence,
        articles_from_cache=sum(1 for s in valid if s.from_cache),
        mean_latency_s=_mean([s.latency_s for s in valid]),
        mean_prompt_tokens=_mean([s.prompt_tokens for s in valid]),
        mean_cached_prompt_tokens=_mean([s.cached_prompt_tokens for s in valid]),
        mean_completion_tokens=_mean([s.completion_tokens for s in valid]),
        event_counts=events,
        claim_counts=claims,
        event_fields=total_fields(scores, "event_fields"),
        claim_fields=total_fields(scores, "claim_fields"),
        thresholds={
            "name_match_threshold": NAME_MATCH_THRESHOLD,
            "min_event_similarity": MIN_EVENT_SIMILARITY,
            "min_claim_similarity": MIN_CLAIM_SIMILARITY,
            "event_weights": EVENT_WEIGHTS,
            "regression_tolerance": REGRESSION_TOLERANCE,
        },
        errors=[f"{s.article}: {s.error}" for s in scores if s.error],
        story=story,
        per_article=list(scores),
    )


def _field_rows(report: EvalReport) -> list[tuple[str, str, str]]:
    rows = []
    for kind, fields in (("event", report.event_fields), ("claim", report.claim_fields)):
        for name, tally in fields.items():
            rows.append((f"{kind}.{name}", _fmt(tally.accuracy), f"{tally.correct}/{tally.scored}"))
    return rows


def _headline_rows(report: EvalReport) -> list[tuple[str, str, str, str, str]]:
    e, c = report.event_counts, report.claim_counts
    rows = [
        ("events", _fmt(e.precision), _fmt(e.recall), _fmt(e.f1), f"{e.tp}/{e.fp}/{e.fn}"),
        ("claims", _fmt(c.precision), _fmt(c.recall), _fmt(c.f1), f"{c.tp}/{c.fp}/{c.fn}"),
    ]
    if report.story is not None:
        st = report.story
        links = f"{st.correct_links}/{st.predicted_links - st.correct_links}/"
        links += f"{st.gold_links - st.correct_links}"
        rows += [
            (
                "story links (pairwise)",
                _fmt(st.pairwise_precision),
                _fmt(st.pairwise_recall),
                _fmt(st.pairwise_f1),
                links,
            ),
            (
                "story B-cubed",
                _fmt(st.bcubed_precision),
                _fmt(st.bcubed_recall),
                _fmt(st.bcubed_f1),
                f"{st.mapped_events}/{st.gold_events} events mapped",
            ),
        ]
    return rows


def _overview(report: EvalReport) -> list[tuple[str, str]]:
    return [
        ("articles", f"{report.articles} ({report.articles_valid} valid)"),
        ("schema-valid rate", _fmt(report.schema_valid_rate)),
        ("grounding rate", f"{_fmt(report.grounding_rate)} of {report.evidence_items} quotes"),
        ("mean model time per article (s)", _fmt(report.mean_latency_s, 1)),
        ("answered from cache", f"{report.articles_from_cache} of {report.articles_valid}"),
        ("mean prompt tokens", _fmt(report.mean_prompt_tokens, 0)),
        ("mean completion tokens", _fmt(report.mean_completion_tokens, 0)),
    ]


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def render_table(report: EvalReport) -> str:
    """A readable plain-text summary of the report for the terminal."""
    lines = [f"model: {report.model or '?'}   prompt: {report.prompt_version or '?'}", ""]
    lines += _table(["", "precision", "recall", "F1", "TP/FP/FN"], _headline_rows(report))
    lines.append("")
    lines += _table(["metric", "value"], _overview(report))
    lines.append("")
    lines += _table(["field accuracy", "value", "correct/scored"], _field_rows(report))
    if report.errors:
        lines += ["", "errors:", *(f"  {error}" for error in report.errors)]
    return "\n".join(lines)


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"

    return [row(header), "|" + "---|" * len(header), *(row(r) for r in rows)]


def _md_article(score: ArticleScore) -> list[str]:
    status = "valid" if score.valid else f"**failed**: {score.error}"
    lines = [
        f"### {score.article}",
        "",
        f"{status}; events P/R/F1 {_fmt(score.events.precision)}/{_fmt(score.events.recall)}/"
        f"{_fmt(score.events.f1)}; claims P/R/F1 {_fmt(score.claims.precision)}/"
        f"{_fmt(score.claims.recall)}/{_fmt(score.claims.f1)}",
        "",
    ]
    for kind, matched, missed, spurious in (
        ("events", score.matched_events, score.missed_events, score.spurious_events),
        ("claims", score.matched_claims, score.missed_claims, score.spurious_claims),
    ):
        for pair in matched:
            wrong = ", ".join(pair.mismatches) or "all fields agree"
            lines.append(
                f"- matched {kind[:-1]} (sim {pair.similarity:.2f}; wrong: {wrong})  \n"
                f"  gold: {pair.gold_text}  \n  predicted: {pair.predicted_text}"
            )
        lines += [f"- missed {kind[:-1]} (gold #{item.index}): {item.text}" for item in missed]
        lines += [
            f"- spurious {kind[:-1]} (predicted #{item.index}): {item.text}" for item in spurious
        ]
    return [*lines, ""]


def render_markdown(report: EvalReport) -> str:
    """The report as Markdown: headline tables, field accuracy, then every article."""
    lines = [
        "# Evaluation report",
        "",
        f"Created {report.created}; model `{report.model or '?'}`; "
        f"prompt `{report.prompt_version or '?'}`.",
        "",
        *_md_table(["", "precision", "recall", "F1", "TP/FP/FN"], _headline_rows(report)),
        "",
        *_md_table(["metric", "value"], _overview(report)),
        "",
        "## Field accuracy (over matched pairs)",
        "",
        *_md_table(["field", "accuracy", "correct/scored"], _field_rows(report)),
        "",
    ]
    if report.errors:
        lines += ["## Errors", "", *(f"- {error}" for error in report.errors), ""]
    if report.story is not None:
        lines += ["## Story links (same event across articles)", ""]
        lines += [f"- wrong link: {a} + {b}" for a, b in report.story.wrong_links]
        lines += [f"- missed link: {a} + {b}" for a, b in report.story.missed_links]
        lines.append("")
    lines += ["## Articles", ""]
    for score in report.per_article:
        lines += _md_article(score)
    thresholds = ", ".join(f"{k}={v}" for k, v in report.thresholds.items())
    lines += [f"Thresholds: {thresholds}.", ""]
    return "\n".join(lines)


@dataclass(frozen=True)
class Regression:
    """A headline metric that fell below its baseline by more than the tolerance."""

    metric: str
    baseline: float
    current: float | None
    tolerance: float = REGRESSION_TOLERANCE

    def message(self) -> str:
        """One line for the user."""
        return (
            f"regression: {self.metric} dropped from {self.baseline:.3f} to "
            f"{_fmt(self.current)} (tolerance {self.tolerance})"
        )


@dataclass(frozen=True)
class BaselineComparison:
    """Which headline metrics regressed against a baseline report."""

    regressions: list[Regression] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)

    @property
    def regressed(self) -> bool:
        """True when at least one headline metric regressed."""
        return bool(self.regressions)


def load_baseline(path: Path) -> dict[str, Any]:
    """Read a stored ``report.json`` (only its headline metrics are used)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable report JSON ({exc})") from None
    if not isinstance(data, dict) or not any(name in data for name in HEADLINE_METRICS):
        raise InputError(f"{path}: not a report JSON (none of {', '.join(HEADLINE_METRICS)})")
    return data


def compare_with_baseline(
    current: EvalReport | Mapping[str, Any],
    baseline: Mapping[str, Any],
    tolerance: float = REGRESSION_TOLERANCE,
    names: Iterable[str] = HEADLINE_METRICS,
) -> BaselineComparison:
    """List the headline metrics (``names``) that dropped by more than ``tolerance``
    below the baseline.

    A metric missing (or null) in the baseline is not compared; a metric null in the
    current report counts as 0 against a numeric baseline.
    """
    values = current.headline() if isinstance(current, EvalReport) else current
    regressions, compared = [], []
    for name in names:
        before = baseline.get(name)
        if not isinstance(before, int | float) or isinstance(before, bool):
            continue
        compared.append(name)
        now = values.get(name)
        drop = float(before) - (float(now) if now is not None else 0.0)
        if round(drop, 9) > tolerance:
            regressions.append(Regression(name, float(before), now, tolerance))
    return BaselineComparison(regressions=regressions, compared=compared)
