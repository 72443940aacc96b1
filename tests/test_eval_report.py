"""The evaluation report: aggregation, rendering and baseline regression detection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.core.schema import (
    Alignment,
    ArticleSummary,
    Claim,
    Event,
    EventType,
    Evidence,
    SummaryMeta,
    Usage,
)
from summarize.errors import InputError
from summarize.evaluation.metrics import score_article
from summarize.evaluation.report import (
    HEADLINE_METRICS,
    REGRESSION_TOLERANCE,
    build_report,
    compare_with_baseline,
    load_baseline,
    render_markdown,
    render_table,
)


def _summary(events: list[Event], claims: list[Claim], latency: float) -> ArticleSummary:
    meta = SummaryMeta(
        model="m",
        prompt_version="p1",
        model_time_s=latency,
        usage=Usage(prompt_tokens=500, completion_tokens=100),
    )
    return ArticleSummary(headline="h", summary="s", events=events, claims=claims, meta=meta)


def _report():  # type: ignore[no-untyped-def]
    grounded = Evidence(quote="a", start=0, end=1, alignment=Alignment.EXACT)
    lost = Evidence(quote="zzz")
    event = Event(type=EventType.AIR_OR_DRONE_STRIKE, evidence=[grounded])
    claim = Claim(assertion="The strike killed five militants", claimant="sources")
    spurious = Claim(assertion="Iran denied any role in the attack", evidence=[lost])
    scores = [
        score_article("one.txt", [event], [claim], _summary([event], [claim, spurious], 10.0)),
        score_article("two.txt", [event], [claim], _summary([], [claim], 20.0)),
        score_article("three.txt", [event], [], None, "ModelError: timed out"),
    ]
    return build_report(scores, model="m", prompt_version="p1")


def test_build_report_micro_averages() -> None:
    report = _report()
    assert report.articles == 3 and report.articles_valid == 2
    assert report.schema_valid_rate == pytest.approx(2 / 3)
    assert (report.event_counts.tp, report.event_counts.fp, report.event_counts.fn) == (1, 0, 2)
    assert report.event_precision == 1.0 and report.event_recall == pytest.approx(1 / 3)
    assert (report.claim_counts.tp, report.claim_counts.fp, report.claim_counts.fn) == (2, 1, 0)
    assert report.claim_f1 == pytest.approx(4 / 5)
    assert report.grounding_rate == 0.5  # one of two predicted quotes found
    assert report.mean_latency_s == 15.0  # over valid articles only
    assert report.mean_prompt_tokens == 500 and report.mean_completion_tokens == 100
    assert report.claim_fields["claimant"].accuracy == 1.0
    assert report.errors == ["three.txt: ModelError: timed out"]


def test_to_json_has_headline_and_detail_keys() -> None:
    data = json.loads(_report().to_json())
    for key in (*HEADLINE_METRICS, "articles", "event_precision", "claim_recall"):
        assert key in data
    assert data["event_fields"]["type"]["accuracy"] == 1.0
    assert data["per_article"][1]["missed_events"][0]["index"] == 0
    assert data["per_article"][0]["spurious_claims"][0]["text"].startswith("unattributed")


def test_renderings_list_the_articles() -> None:
    report = _report()
    markdown = render_markdown(report)
    assert "# Evaluation report" in markdown and "### two.txt" in markdown
    assert "missed event" in markdown and "spurious claim" in markdown
    assert "ModelError: timed out" in markdown
    table = render_table(report)
    assert "precision" in table and "event.killed_exact" in table


BASE = {"event_f1": 0.6, "claim_f1": 0.5, "grounding_rate": 0.9, "schema_valid_rate": 1.0}


def test_drop_beyond_tolerance_regresses() -> None:
    current = {**BASE, "claim_f1": 0.5 - REGRESSION_TOLERANCE - 0.01, "grounding_rate": 0.7}
    comparison = compare_with_baseline(current, BASE)
    assert comparison.regressed
    assert [r.metric for r in comparison.regressions] == ["claim_f1", "grounding_rate"]
    assert "claim_f1 dropped from 0.500 to 0.440" in comparison.regressions[0].message()


def test_drop_within_tolerance_or_gain_does_not_regress() -> None:
    current = {**BASE, "event_f1": 0.6 - REGRESSION_TOLERANCE, "claim_f1": 0.8}
    comparison = compare_with_baseline(current, BASE)
    assert not comparison.regressed
    assert comparison.compared == list(HEADLINE_METRICS)


def test_missing_metrics() -> None:
    # Null in the baseline: not compared. Null now against a number: counts as 0.
    assert not compare_with_baseline(
        {**BASE, "grounding_rate": 0.0}, {**BASE, "grounding_rate": None}
    ).regressed
    assert compare_with_baseline({**BASE, "grounding_rate": None}, BASE).regressed


def test_compare_report_object_with_its_own_json(tmp_path: Path) -> None:
    report = _report()
    path = tmp_path / "report.json"
    path.write_text(report.to_json())
    assert not compare_with_baseline(report, load_baseline(path)).regressed


def test_load_baseline_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such baseline"):
        load_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="not a readable"):
        load_baseline(bad)
    bad.write_text("[1, 2]")
    with pytest.raises(InputError, match="not a report"):
        load_baseline(bad)


def test_evaluation_core_imports_no_model_client_or_cli() -> None:
    import subprocess
    import sys

    code = (
        "import sys, summarize.evaluation.report, summarize.evaluation.matching;"
        "bad = ('summarize.llm', 'summarize.cli', 'summarize.summarizer', 'openai', 'click');"
        "print([m for m in sys.modules if m.startswith(bad)])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
