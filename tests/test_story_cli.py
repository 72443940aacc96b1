"""``summarize story``: JSON and Markdown output, one-line errors, and recorded seeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from summarize.cli.story_cmd import story_command
from summarize.core.schema import ArticleSummary, EventType
from summarize.errors import CacheMissError
from summarize.story import Story, build_story
from tests.conftest import RECORDED, SEEDS
from tests.test_story import K1, K2, K3, kirkuk


class FakeSummarizer:
    """Answers the three Kirkuk articles with hand-made summaries; fails on anything else."""

    options: ClassVar[dict[str, Any]] = {}

    def __init__(self, **options: Any) -> None:
        FakeSummarizer.options = options
        self.answers = dict(zip((K1, K2, K3), kirkuk(), strict=True))

    def summarize(self, text: str, **kwargs: Any) -> ArticleSummary:
        if text not in self.answers:
            raise CacheMissError(f"{kwargs['name']}: not in the cache and --offline forbids it")
        return self.answers[text]

    def close(self) -> None:
        pass


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("a.txt", K1), ("b.txt", K2), ("c.md", K3)):
        (folder / name).write_text(text)
    monkeypatch.setattr("summarize.summarizer.Summarizer", FakeSummarizer)
    return folder


def test_json_story_from_a_folder(articles: Path) -> None:
    result = CliRunner().invoke(story_command, [str(articles), "--offline", "-m", "some-model"])
    assert result.exit_code == 0, result.output
    story = Story.model_validate_json(result.stdout)
    (strike,) = story.events
    assert [m.article for m in strike.mentions] == [
        str(articles / "a.txt"),
        str(articles / "b.txt"),
        str(articles / "c.md"),
    ]
    assert strike.killed is not None and strike.killed.relation.value == "agree"
    assert FakeSummarizer.options == {
        "model": "some-model",
        "base_url": None,
        "cache": True,
        "offline": True,
    }


def test_markdown_story(articles: Path) -> None:
    result = CliRunner().invoke(story_command, [str(articles), "--format", "md", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Story: 1 events from 3 articles")
    for heading in ("## Events told by several articles (1)", "Why merged:", "## Conflicts (0)"):
        assert heading in result.stdout
    assert "sources agree" in result.stdout and "“A U.S. air strike killed five" in result.stdout
    assert FakeSummarizer.options["cache"] is False


def _one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("Error: ")
    return lines[0]


def test_errors_are_one_line(articles: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(story_command, [str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "no such file" in _one_line(result.stderr)
    result = runner.invoke(story_command, [str(articles), "--offline", "--no-cache"])
    assert result.exit_code == 2 and "contradict" in _one_line(result.stderr)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(story_command, [str(empty)])
    assert result.exit_code == 2 and "no .txt or .md" in _one_line(result.stderr)
    result = runner.invoke(story_command, [str(articles / "a.txt"), str(articles / "a.txt")])
    assert result.exit_code == 2 and "twice" in _one_line(result.stderr)
    other = tmp_path / "other.txt"
    other.write_text("Nothing the fake summarizer knows.")
    result = runner.invoke(story_command, [str(other)])
    assert result.exit_code == 1
    assert "none of the 1 articles" in result.stderr.strip().splitlines()[-1]


def test_a_failed_article_is_reported_and_left_out(articles: Path, tmp_path: Path) -> None:
    (articles / "d.txt").write_text("Nothing the fake summarizer knows.")
    result = CliRunner().invoke(story_command, [str(articles)])
    assert result.exit_code == 1
    story = Story.model_validate_json(result.stdout)
    assert len(story.articles) == 3
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "d.txt" in errors[0] and "1 of 4 articles failed" in errors[1]


def _seed_texts() -> dict[str, str]:
    return {path.stem: path.read_text() for path in sorted(SEEDS.glob("*.txt"))}


def _check_structure(story: Story, texts: dict[str, str]) -> None:
    """Model-independent properties of a story built from the seeds."""
    Story.model_validate_json(story.model_dump_json())
    mentions = [m.id for e in story.events for m in e.mentions]
    expected = [f"{a.name}#{i}" for a in story.articles for i in range(a.events)]
    assert sorted(mentions) == sorted(expected)  # every event of every article exactly once
    for event in story.events:
        articles = [m.article for m in event.mentions]
        assert len(articles) == len(set(articles)), event.id  # one article, one mention
        assert len(event.merges) == len(event.mentions) - 1
        for mention in event.mentions:
            text = texts[Path(mention.article).stem]
            for evidence in mention.evidence:
                if evidence.grounded:
                    assert text[evidence.start : evidence.end] == evidence.quote
    for series in story.series:
        for point in series.points:
            if point.start is not None:
                assert texts[Path(point.article).stem][point.start : point.end] == point.quote
    for conflict in story.conflicts:
        assert conflict.reports and conflict.note


def test_story_of_the_recorded_seed_summaries_is_well_formed() -> None:
    paths = sorted((RECORDED / "summaries").glob("*.json"))
    summaries = [ArticleSummary.model_validate_json(p.read_text()) for p in paths]
    story = build_story(summaries, [f"{p.stem}.txt" for p in paths])
    _check_structure(story, _seed_texts())
    assert [a.events for a in story.articles] == [len(s.events) for s in summaries]


def test_offline_story_of_the_seeds_from_recorded_responses(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    result = CliRunner().invoke(story_command, [str(SEEDS), "--offline"])
    assert result.exit_code == 0, result.output
    story = Story.model_validate_json(result.stdout)
    names = [Path(a.name).name for a in story.articles]
    assert names == sorted(p.name for p in SEEDS.glob("*.txt"))
    _check_structure(story, _seed_texts())
    markdown = CliRunner().invoke(story_command, [str(SEEDS), "--offline", "--format", "md"])
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# Story:")


def test_recorded_seed_story_merges_the_kirkuk_strike_and_keeps_the_series_apart(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the seed story shows on the current recording (revisit after re-recording):
    the strike near Kirkuk, told by 000, 001 and 002, is one story event."""
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    result = CliRunner().invoke(story_command, [str(SEEDS), "--offline"])
    story = Story.model_validate_json(result.stdout)
    kirkuk_events = [
        event
        for event in story.events
        if {Path(m.article).name[:3] for m in event.mentions} & {"000", "001", "002"}
        and event.type is EventType.AIR_OR_DRONE_STRIKE
        and event.killed is not None
        and event.killed.value == 5
    ]
    assert len(kirkuk_events) == 1
    strike = kirkuk_events[0]
    assert {Path(m.article).name[:3] for m in strike.mentions} == {"000", "001", "002"}
    assert not any(m.article.endswith("004_3967b8add1cdc5f9.txt") for m in strike.mentions)
    assert story.conflicts == []
    assert [s.relation.value for s in story.series] == ["differ_in_time"]
