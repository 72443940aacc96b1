"""``summarize eval`` end to end with a fake summarizer and temporary gold files."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from summarize.cli.eval_cmd import eval_command
from summarize.core.grounding import align_quote
from summarize.core.schema import ArticleSummary, Claim, Event, EventType, Party, SummaryMeta
from summarize.errors import ModelError

GOOD = "A U.S. air strike killed five militants near Kirkuk, three security sources said.\n"
BAD = "Militants fired rockets at a base in Syria on Monday, officials said.\n"


def _gold(article: str, quote: str, claim_quote: str) -> dict[str, Any]:
    return {
        "article": article,
        "published": "2023-12-03",
        "events": [
            {
                "type": "air_or_drone_strike",
                "actors": [{"name": "U.S."}],
                "location": {"place": "Kirkuk"},
                "killed": {"text": "five", "value": 5, "qualifier": "exact"},
                "evidence": [{"quote": quote}],
            }
        ],
        "claims": [
            {
                "assertion": "The strike killed five militants",
                "claimant": "three security sources",
                "evidence": [{"quote": claim_quote}],
            }
        ],
    }


class FakeSummarizer:
    """Answers good.txt with the gold items, fails on every other article."""

    calls: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.settings = SimpleNamespace(model="fake-model")
        self.prompts = SimpleNamespace(version="fake-1")

    def summarize(self, text: str, **kwargs: Any) -> ArticleSummary:
        FakeSummarizer.calls.append(kwargs)
        if "good" not in kwargs["name"]:
            raise ModelError(f"{kwargs['name']}: the model kept answering invalid JSON")
        evidence = [align_quote("killed five militants", text)]
        return ArticleSummary(
            headline="h",
            summary="s",
            events=[
                Event(
                    type=EventType.AIR_OR_DRONE_STRIKE,
                    actors=[Party(name="US")],
                    evidence=evidence,
                )
            ],
            claims=[Claim(assertion="The strike killed five militants", evidence=evidence)],
            meta=SummaryMeta(model="fake-model", prompt_version="fake-1", latency_s=2.0),
        )

    def close(self) -> None:
        pass


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Articles in data/, gold in gold/, and the fake summarizer in place."""
    (tmp_path / "data").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "data" / "good.txt").write_text(GOOD)
    (tmp_path / "data" / "bad.txt").write_text(BAD)
    (tmp_path / "gold" / "good.json").write_text(
        json.dumps(_gold("good.txt", "air strike", "killed five militants near Kirkuk"))
    )
    (tmp_path / "gold" / "bad.json").write_text(
        json.dumps(_gold("bad.txt", "fired rockets", "officials said"))
    )
    monkeypatch.setattr("summarize.summarizer.Summarizer", FakeSummarizer)
    monkeypatch.chdir(tmp_path)
    FakeSummarizer.calls = []
    return tmp_path


def _run(*args: str) -> Any:
    return CliRunner().invoke(eval_command, ["--data", "data", "--gold", "gold", *args])


def test_json_output_and_report_files(workspace: Path) -> None:
    result = _run("--json", "--report-dir", "out")
    assert result.exit_code == 1, result.output  # bad.txt failed: not a measurement
    assert result.stderr.splitlines()[-1].startswith("Error: 1 of 2 articles failed")
    metrics = json.loads(result.stdout)
    assert metrics["articles"] == 2
    assert metrics["schema_valid_rate"] == 0.5
    assert metrics["event_f1"] == pytest.approx(2 / 3)  # 1 TP, 1 FN (failed article)
    assert metrics["claim_fields"]["claimant"]["accuracy"] == 0.0
    assert metrics["errors"] and "bad.txt" in metrics["errors"][0]
    assert (workspace / "out" / "report.json").is_file()
    assert "# Evaluation report" in (workspace / "out" / "report.md").read_text()
    # The pipeline never sees the gold publication date.
    assert all(call.get("published") is None for call in FakeSummarizer.calls)


def test_table_output_and_default_report_dir(workspace: Path) -> None:
    (workspace / "gold" / "bad.json").unlink()
    result = _run()
    assert result.exit_code == 0, result.output
    assert "precision" in result.stdout
    reports = list((workspace / "evals" / "reports").glob("*/report.json"))
    assert len(reports) == 1


def test_a_failed_article_fails_the_run_after_the_report(workspace: Path) -> None:
    result = _run()
    assert result.exit_code == 1, result.output
    assert "precision" in result.stdout and "failed" in result.stderr
    reports = list((workspace / "evals" / "reports").glob("*/report.json"))
    assert len(reports) == 1


def test_baseline_regression_exits_1(workspace: Path) -> None:
    baseline = workspace / "baseline.json"
    baseline.write_text(json.dumps({"event_f1": 0.9, "claim_f1": 0.5, "schema_valid_rate": 0.5}))
    result = _run("--json", "--report-dir", "out", "--baseline", str(baseline))
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("regression:")]
    assert len(lines) == 1 and "event_f1" in lines[0]
    json.loads(result.stdout)  # stdout still holds only the metrics


def test_baseline_within_tolerance_passes(workspace: Path) -> None:
    (workspace / "gold" / "bad.json").unlink()
    baseline = workspace / "baseline.json"
    baseline.write_text(json.dumps({"event_f1": 0.95, "schema_valid_rate": 0.96}))
    result = _run("--report-dir", "out", "--baseline", str(baseline))
    assert result.exit_code == 0, result.output


def test_bad_inputs_are_one_line_errors(workspace: Path) -> None:
    result = CliRunner().invoke(eval_command, ["--data", "data", "--gold", "nowhere"])
    assert result.exit_code == 2 and "no such gold folder" in result.stderr
    (workspace / "gold" / "bad.json").write_text(
        json.dumps(_gold("bad.txt", "not in text", "said"))
    )
    result = _run()
    assert result.exit_code == 2 and "not verbatim" in result.stderr
    result = _run("--offline", "--no-cache")
    assert result.exit_code == 2 and "contradict" in result.stderr
    result = _run("--baseline", "missing.json")
    assert result.exit_code == 2 and "no such baseline" in result.stderr
