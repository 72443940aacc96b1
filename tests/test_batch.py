"""Batches: bounded concurrency, results in input order, one failure never loses the rest."""

from __future__ import annotations

import asyncio
import gc
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli.main import cli
from summarize.core.schema import ArticleSummary
from summarize.errors import ModelError
from summarize.summarizer import ArticleInput, Summarizer
from tests.conftest import SEEDS
from tests.fake_server import FakeServer, answer
from tests.fakes import FakeClient, completion

OVERVIEW = completion({"headline": "H", "summary": "S.", "source": None})
EMPTY = completion({"events": [], "claims": []})


def _articles(count: int) -> list[ArticleInput]:
    return [
        ArticleInput(f"Article number {i} says that something happened today.", f"a{i}.txt")
        for i in range(count)
    ]


def _answer_except(poison: str):  # type: ignore[no-untyped-def]
    def answer(messages: list[dict[str, str]]) -> object:
        if poison in messages[-1]["content"]:
            return ModelError("HTTP 500 from the model endpoint after 3 attempts")
        return OVERVIEW if "<article>" in messages[-1]["content"] else EMPTY

    return answer


def test_batch_keeps_successes_and_reports_failures(tmp_path: Path) -> None:
    summarizer = Summarizer(cache_dir=tmp_path / "c")
    summarizer.model.client = FakeClient(_answer_except("number 2 "))  # type: ignore[assignment]
    seen: list[str] = []
    results = summarizer.summarize_many(
        _articles(5), concurrency=2, on_result=lambda r: seen.append(r.name)
    )
    assert [r.name for r in results] == [f"a{i}.txt" for i in range(5)]
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert results[2].error is not None and results[2].error.startswith("a2.txt: HTTP 500")
    assert sorted(seen) == sorted(r.name for r in results)


def test_rerun_only_redoes_the_failed_articles(tmp_path: Path) -> None:
    first = Summarizer(cache_dir=tmp_path / "c")
    first.model.client = FakeClient(_answer_except("number 2 "))  # type: ignore[assignment]
    first.summarize_many(_articles(5), concurrency=3)
    first.close()
    second = Summarizer(cache_dir=tmp_path / "c")
    client = FakeClient(_answer_except("no poison"))
    second.model.client = client  # type: ignore[assignment]
    results = second.summarize_many(_articles(5), concurrency=3)
    assert all(r.ok for r in results)
    assert client.calls == 1  # the one paragraph of the one article that failed
    assert [r.summary.meta.from_cache for r in results if r.summary] == [
        True,
        True,
        False,
        True,
        True,
    ]


@pytest.mark.allow_http
def test_a_batch_closes_its_connections_and_lone_calls_work_in_any_loop(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A batch's HTTP client (aiohttp) is closed in the event loop that opened it; lone
    async calls made afterwards, each in an event loop of its own, still get answers, also
    after ``aclose``."""
    caplog.set_level(logging.ERROR, logger="asyncio")
    with FakeServer(then=answer()) as fake:
        summarizer = Summarizer(
            base_url=fake.url, model="fake", api_key="sk-test", cache=False, cache_dir=tmp_path
        )
        batch = asyncio.run(summarizer.asummarize_many(_articles(3), concurrency=2))

        async def lone_call(i: int) -> ArticleSummary:
            summary = await summarizer.asummarize(f"Officials said report {i} came out today.")
            if i < 2:  # the last one is never closed, as a caller may never close it
                await summarizer.aclose()
            return summary

        lone = [asyncio.run(lone_call(i)) for i in range(3)]
        batch += summarizer.summarize_many(_articles(2), concurrency=2)
    gc.collect()
    assert [r.ok for r in batch] == [True] * 5
    assert [s.meta.model_calls for s in lone] == [1, 1, 1]
    assert "Unclosed" not in caplog.text


def test_bad_concurrency_is_refused(tmp_path: Path) -> None:
    summarizer = Summarizer(cache_dir=tmp_path / "c")
    with pytest.raises(Exception, match="at least 1"):
        summarizer.summarize_many(_articles(1), concurrency=0)


def test_cli_batch_writes_the_rest_and_exits_non_zero(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    folder = tmp_path / "batch"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_text(seed.read_text())
    (folder / "999_unseen.txt").write_text("Rebels attacked a base near Goma today, the army said.")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, [str(folder), "--offline", "-o", str(out)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "1 of 3 articles failed" in lines[0]
    assert "999_unseen.txt" in lines[0]
    assert len(out.read_text().splitlines()) == 2
