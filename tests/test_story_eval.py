"""``summarize eval`` with a story gold: cluster metrics in report.json and the tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from summarize.cli.eval_cmd import eval_command
from summarize.core.schema import ArticleSummary
from summarize.evaluation.report import build_report, render_markdown, render_table
from summarize.evaluation.story_metrics import StoryScore
from tests.test_story import K1, K2, K3, kirkuk


class FakeSummarizer:
    """Answers the Kirkuk articles with hand-made summaries (the same as their gold)."""

    def __init__(self, **options: Any) -> None:
        from types import SimpleNamespace

        self.answers = dict(zip((K1, K2, K3), kirkuk(), strict=True))
        self.settings = SimpleNamespace(model="fake-model")
        self.prompts = SimpleNamespace(version="fake-1")

    def summarize(self, text: str, **kwargs: Any) -> ArticleSummary:
        return self.answers[text]

    def close(self) -> None:
        pass


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three articles, their gold (the hand-made events) and a story gold linking them."""
    (tmp_path / "data").mkdir()
    (tmp_path / "gold").mkdir()
    for name, text, summary in zip("abc", (K1, K2, K3), kirkuk(), strict=True):
        (tmp_path / "data" / f"{name}.txt").write_text(text)
        gold = {
            "article": f"{name}.txt",
            "published": None,
            "events": [e.model_dump(mode="json") for e in summary.events],
            "claims": [],
        }
        (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(gold))
    story_gold = {
        "clusters": [
            {
                "label": "Kirkuk strike",
                "events": [{"article": f"{name}.txt", "index": 0} for name in "abc"],
            }
        ]
    }
    (tmp_path / "story_gold.json").write_text(json.dumps(story_gold))
    monkeypatch.setattr("summarize.summarizer.Summarizer", FakeSummarizer)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> Any:
    return CliRunner().invoke(eval_command, ["--data", "data", "--gold", "gold", *args])


def test_report_has_a_story_section_from_the_default_story_gold(workspace: Path) -> None:
    result = _run("--json", "--report-dir", "out")
    assert result.exit_code == 0, result.output
    story = json.loads(result.stdout)["story"]
    assert story["pairwise_f1"] == 1.0 and story["bcubed_f1"] == 1.0
    assert story["gold_links"] == story["correct_links"] == 3
    assert story["mapped_events"] == story["gold_events"] == 3
    saved = json.loads((workspace / "out" / "report.json").read_text())
    assert saved["story"]["pairwise_precision"] == 1.0
    assert "## Story links" in (workspace / "out" / "report.md").read_text()


def test_table_shows_story_lines(workspace: Path) -> None:
    result = _run("--report-dir", "out")
    assert result.exit_code == 0, result.output
    assert "story links (pairwise)" in result.stdout and "story B-cubed" in result.stdout


def test_no_story_gold_no_story_section(workspace: Path) -> None:
    (workspace / "story_gold.json").unlink()
    result = _run("--json", "--report-dir", "out")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["story"] is None


def test_bad_story_gold_is_a_one_line_error(workspace: Path) -> None:
    result = _run("--story-gold", "missing.json")
    assert result.exit_code == 2 and "no such story gold file" in result.stderr
    bad = {"clusters": [{"label": "x", "events": [{"article": "a.txt", "index": 0}]}]}
    (workspace / "story_gold.json").write_text(json.dumps(bad))
    result = _run()
    assert result.exit_code == 2 and "not a valid story gold file" in result.stderr
    bad["clusters"][0]["events"].append({"article": "b.txt", "index": 7})
    (workspace / "story_gold.json").write_text(json.dumps(bad))
    result = _run()
    assert result.exit_code == 2 and "b.txt#7" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_report_renders_story_scores() -> None:
    score = StoryScore(
        pairwise_precision=0.5,
        pairwise_recall=0.25,
        pairwise_f1=1 / 3,
        bcubed_precision=0.8,
        bcubed_recall=0.7,
        bcubed_f1=0.75,
        items=6,
        gold_links=4,
        predicted_links=2,
        correct_links=1,
        gold_events=6,
        mapped_events=5,
        wrong_links=[("a#0", "b#1")],
        missed_links=[("a#1", "c#0")],
    )
    report = build_report([], story=score)
    table = render_table(report)
    (line,) = [line for line in table.splitlines() if line.startswith("story links (pairwise)")]
    assert line.split()[3:] == ["0.500", "0.250", "0.333", "1/1/3"]
    assert "5/6 events mapped" in table
    markdown = render_markdown(report)
    assert "- wrong link: a#0 + b#1" in markdown and "- missed link: a#1 + c#0" in markdown
    assert json.loads(report.to_json())["story"]["bcubed_f1"] == 0.75
