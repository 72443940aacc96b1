"""End-to-end runs on all five seeds from recorded real responses, fully offline."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli.main import cli
from summarize.core.prompts import load_prompts
from summarize.core.schema import ArticleSummary
from summarize.summarizer import Summarizer
from tests.conftest import RECORDED, SEEDS

VOLATILE = {"latency_s", "model_calls", "from_cache", "input"}  # input: the path as given


def _stable(summary: dict) -> dict:
    summary = json.loads(json.dumps(summary))
    for key in VOLATILE:
        summary["meta"].pop(key, None)
    return summary


def _recorded(stem: str) -> dict:
    return _stable(json.loads((RECORDED / "summaries" / f"{stem}.json").read_text()))


def test_every_seed_has_a_recording() -> None:
    recorded = {p.stem for p in (RECORDED / "summaries").glob("*.json")}
    assert recorded == {p.stem for p in SEEDS.glob("*.txt")}


def test_recorded_responses_name_model_and_prompt_version() -> None:
    files = list((RECORDED / "responses").glob("*.json"))
    assert files
    for path in files:
        entry = json.loads(path.read_text())
        assert entry["key"] == path.stem
        assert entry["model"] and entry["prompt_version"] == load_prompts().version
        assert entry["completion"]["choices"][0]["finish_reason"] == "stop"


def test_api_replays_identical_summaries(recorded_cache: Path, seed_paths: list[Path]) -> None:
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    for path in seed_paths:
        summary = summarizer.summarize(path.read_text(), name=str(path))
        assert summary.meta.from_cache and summary.meta.model_calls == 0
        assert _stable(summary.model_dump(mode="json")) == _recorded(path.stem), path.name


def test_async_api_replays_identical_summaries(
    recorded_cache: Path, seed_paths: list[Path]
) -> None:
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)

    async def run_all() -> list[ArticleSummary]:
        return await asyncio.gather(
            *(summarizer.asummarize(p.read_text(), name=str(p)) for p in seed_paths)
        )

    for path, summary in zip(seed_paths, asyncio.run(run_all()), strict=True):
        assert _stable(summary.model_dump(mode="json")) == _recorded(path.stem)


def test_cli_replays_all_seeds_as_json_lines(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    result = CliRunner().invoke(cli, [str(SEEDS), "--offline"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    stems = [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    assert len(lines) == len(stems)
    for stem, line in zip(stems, lines, strict=True):
        assert _stable(json.loads(line)) == _recorded(stem)


def test_cli_markdown_from_recording(recorded_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    seed = SEEDS / "001_b8f2c667bf175de8.txt"
    result = CliRunner().invoke(cli, [str(seed), "--offline", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# ") and "## Events" in result.stdout
    assert "from cache" in result.stdout


def test_replayed_evidence_slices_the_article(recorded_cache: Path, seed_paths: list[Path]) -> None:
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    for path in seed_paths:
        text = path.read_text()
        summary = summarizer.summarize(text, name=str(path))
        for item in [*summary.events, *summary.claims]:
            for evidence in item.evidence:
                if evidence.grounded:
                    assert text[evidence.start : evidence.end] == evidence.quote


def test_offline_eval_on_recordings_holds_the_baseline(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    root = SEEDS.parent
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            "--offline",
            "--json",
            "--data",
            str(SEEDS),
            "--gold",
            str(root / "evals" / "gold"),
            "--baseline",
            str(root / "evals" / "baseline.json"),
            "--report-dir",
            str(tmp_path / "report"),
        ],
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["articles"] == 5 and metrics["schema_valid_rate"] == 1.0
    baseline = json.loads((root / "evals" / "baseline.json").read_text())
    for key in ("event_f1", "claim_f1", "grounding_rate"):
        assert metrics[key] == pytest.approx(baseline[key])


def test_a_baseline_is_not_saved_from_a_run_whose_articles_failed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "empty-cache"))
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(
        cli,
        [
            "eval",
            "--offline",
            "--data",
            str(SEEDS),
            "--gold",
            str(SEEDS.parent / "evals" / "gold"),
            "--save-baseline",
            str(baseline),
            "--report-dir",
            str(tmp_path / "report"),
        ],
    )
    assert result.exit_code != 0
    assert "5 of 5 articles failed, so the baseline was not saved" in result.output
    assert "Traceback" not in result.output
    assert not baseline.exists()
