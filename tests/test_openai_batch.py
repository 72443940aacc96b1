"""The OpenAI Batch API path: submit -> status -> collect -> ``summarize SOURCE --offline``,
against the loopback fake server's Batch API (answered by the same script as live calls)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summarize.cli.main import cli
from summarize.errors import InputError
from summarize.llm import batch_api
from summarize.llm.cache import ResponseCache
from tests.conftest import SEEDS
from tests.fake_server import (
    FakeServer,
    RecordedRequest,
    Reply,
    answer,
    recorded,
    server_error,
    unfit,
)

pytestmark = pytest.mark.allow_http

GOMA = "Troops attacked a village near Goma on Monday, officials said."
KIVU = "Rebels seized a town in North Kivu, the governor said on Tuesday."


def _short_articles(folder: Path) -> Path:
    """Two short articles written for these tests: two paragraphs, so two requests, each."""
    folder.mkdir()
    (folder / "a.txt").write_text(f"{GOMA}\n\nThe army said five soldiers were killed.\n")
    (folder / "b.txt").write_text(f"{KIVU}\n\nAid groups said thousands fled the clashes.\n")
    return folder


def _seed_articles(folder: Path) -> Path:
    """The two seeds that tests/test_batch.py uses (answered by their recorded responses)."""
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder / seed.name)
    return folder


def _summarize(cache: Path, *args: str) -> Result:
    """``summarize ARGS`` with the response cache in ``cache``."""
    return CliRunner().invoke(cli, list(args), env={"SUMMARIZE_CACHE_DIR": str(cache)})


def _endpoint(fake: FakeServer) -> list[str]:
    return ["--base-url", fake.url, "-m", "fake"]


def _lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines()]


def _summaries(path: Path) -> list[dict[str, Any]]:
    """Each summary of a JSON Lines file, less its metadata (timing, cache use)."""
    summaries = [json.loads(line) for line in path.read_text().splitlines()]
    return [{k: v for k, v in summary.items() if k != "meta"} for summary in summaries]


def _entries(cache: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    """The cache's answers by key, less what differs between two calls of the same request
    (the time it was stored, the latency, and the completion's id and creation time)."""
    exported = tmp_path / f"export-{cache.name}"
    store = ResponseCache(cache)
    store.export(exported)
    store.close()
    entries = {}
    for path in exported.glob("*.json"):
        entry = json.loads(path.read_text())
        for name in ("created", "latency_s"):
            entry.pop(name)
        for name in ("id", "created"):
            entry["completion"].pop(name)
        entries[path.stem] = entry
    return entries


def _failing(goma: Reply, kivu: Reply) -> Callable[[RecordedRequest], Reply]:
    """A script: ``goma`` for the request that shows GOMA, ``kivu`` for KIVU's, else answer()."""

    def reply(request: RecordedRequest) -> Reply:
        shown = request.messages[-1]["content"]
        return goma if GOMA in shown else kivu if KIVU in shown else answer()

    return reply


def test_submit_collect_offline_gives_the_live_summaries(tmp_path: Path) -> None:
    articles = _seed_articles(tmp_path / "in")
    with FakeServer(lambda _request: recorded()) as fake:
        live_file, batch_file = tmp_path / "live.jsonl", tmp_path / "batch.jsonl"
        live = _summarize(tmp_path / "live", str(articles), *_endpoint(fake), "-o", str(live_file))
        assert live.exit_code == 0, live.output
        live_requests = fake.completion_requests

        submitted = _summarize(
            tmp_path / "batch", "batch", "submit", str(articles), *_endpoint(fake)
        )
        assert submitted.exit_code == 0, submitted.output
        ids = submitted.stdout.split()
        assert len(ids) == 1 and f"submitted {len(live_requests)} requests" in submitted.stderr
        status = _summarize(tmp_path / "batch", "batch", "status", *ids, "--base-url", fake.url)
        assert status.stdout == (
            f"{ids[0]}: completed, {len(live_requests)}/{len(live_requests)} completed, 0 failed\n"
        )
        collected = _summarize(tmp_path / "batch", "batch", "collect", *ids, *_endpoint(fake))
        assert collected.exit_code == 0, collected.output
        assert f"stored {len(live_requests)} answers" in collected.stdout
        offline = _summarize(
            tmp_path / "batch", str(articles), "--offline", *_endpoint(fake), "-o", str(batch_file)
        )
        assert offline.exit_code == 0, offline.output
        assert len(fake.completion_requests) == len(live_requests)  # the batch path sent none

    batch = _summaries(batch_file)
    assert batch == _summaries(live_file)
    assert any(summary["events"] or summary["claims"] for summary in batch)
    # the answers are stored as the live calls stored them, under the same keys
    assert _entries(tmp_path / "batch", tmp_path) == _entries(tmp_path / "live", tmp_path)


@pytest.mark.parametrize("several", [False, True], ids=["one article", "a folder"])
def test_each_line_body_is_the_live_request_body(tmp_path: Path, several: bool) -> None:
    """One article is sent by the sync client, a folder by the async one (aiohttp)."""
    source = _short_articles(tmp_path / "in")
    target = str(source if several else source / "a.txt")
    with FakeServer(then=answer()) as fake:
        live = _summarize(tmp_path / "live", target, *_endpoint(fake))
        assert live.exit_code == 0, live.output
        submitted = _summarize(tmp_path / "batch", "batch", "submit", target, *_endpoint(fake))
        assert submitted.exit_code == 0, submitted.output
        sent = {json.dumps(r.body["messages"]): r.body for r in fake.completion_requests}
        lines = _lines(fake.batch_inputs[0])
    assert len(lines) == len(sent) == (4 if several else 2)
    for line in lines:
        assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
        assert line["body"] == sent[json.dumps(line["body"]["messages"])]
    cache = ResponseCache(tmp_path / "live")  # the custom_id is the live answer's cache key
    assert all(cache.has(line["custom_id"]) for line in lines)
    cache.close()


def test_failures_are_listed_not_cached_and_resubmitted(tmp_path: Path) -> None:
    articles = str(_short_articles(tmp_path / "in"))
    cache_dir = tmp_path / "cache"
    with FakeServer(_failing(server_error(), unfit())) as fake:
        first = _summarize(cache_dir, "batch", "submit", articles, *_endpoint(fake))
        keys = {
            name: next(
                line["custom_id"]
                for line in _lines(fake.batch_inputs[0])
                if shown in line["body"]["messages"][-1]["content"]
            )
            for name, shown in (("a.txt", GOMA), ("b.txt", KIVU))
        }
        collected = _summarize(
            cache_dir, "batch", "collect", *first.stdout.split(), *_endpoint(fake)
        )
        assert collected.exit_code == 1
        assert "stored 2 answers, 0 already in the cache, 2 failed" in collected.stdout
        failures = sorted(
            line for line in collected.stderr.splitlines() if line.startswith("failed")
        )
        assert failures == [
            f"failed: {articles}/a.txt: request {keys['a.txt'][:12]}: HTTP 500 in the batch: "
            "The server had an error",
            f"failed: {articles}/b.txt: request {keys['b.txt'][:12]}: the model's answer does "
            "not fit the schema: Input should be a valid array",
        ]
        assert collected.stderr.splitlines()[-1].startswith("Error: 2 requests failed")
        cache = ResponseCache(cache_dir)
        assert not any(cache.has(key) for key in keys.values())
        assert cache.stats().entries == 2
        cache.close()

        fake.reply_with(None, then=answer())
        again = _summarize(cache_dir, "batch", "submit", articles, *_endpoint(fake))
        assert again.exit_code == 0, again.output
        assert {line["custom_id"] for line in _lines(fake.batch_inputs[1])} == set(keys.values())
        collected = _summarize(
            cache_dir, "batch", "collect", *again.stdout.split(), *_endpoint(fake)
        )
        assert collected.exit_code == 0, collected.output
        offline = _summarize(cache_dir, articles, "--offline", *_endpoint(fake))
        assert offline.exit_code == 0, offline.output
        assert len(offline.stdout.splitlines()) == 2

        nothing = _summarize(cache_dir, "batch", "submit", articles, *_endpoint(fake))
        assert nothing.exit_code == 0
        assert nothing.stdout == "" and "nothing to submit" in nothing.stderr
        assert len(fake.batch_inputs) == 2


def test_collect_without_the_manifest_still_stores_and_names_no_article(tmp_path: Path) -> None:
    articles = str(_short_articles(tmp_path / "in"))
    cache_dir = tmp_path / "cache"
    with FakeServer(_failing(server_error(), answer())) as fake:
        submitted = _summarize(cache_dir, "batch", "submit", articles, *_endpoint(fake))
        shutil.rmtree(cache_dir / batch_api.MANIFESTS)
        collected = _summarize(
            cache_dir, "batch", "collect", *submitted.stdout.split(), *_endpoint(fake)
        )
    assert collected.exit_code == 1
    assert "stored 3 answers" in collected.stdout
    assert "failed: article unknown: request " in collected.stderr


def test_an_answer_for_another_request_is_not_stored(tmp_path: Path) -> None:
    """Collected with another model than submitted: the keys no longer match the requests."""
    articles = str(_short_articles(tmp_path / "in"))
    cache_dir = tmp_path / "cache"
    with FakeServer(then=answer()) as fake:
        submitted = _summarize(cache_dir, "batch", "submit", articles, *_endpoint(fake))
        collected = _summarize(
            cache_dir,
            "batch",
            "collect",
            *submitted.stdout.split(),
            "--base-url",
            fake.url,
            "-m",
            "other",
        )
    assert collected.exit_code == 1
    assert collected.stderr.count("this program would not send this request") == 4
    cache = ResponseCache(cache_dir)
    assert cache.stats().entries == 0
    cache.close()


def test_an_unfinished_batch_is_not_collected(tmp_path: Path) -> None:
    articles = str(_short_articles(tmp_path / "in"))
    cache_dir = tmp_path / "cache"
    with FakeServer(then=answer()) as fake:
        (batch_id,) = _summarize(
            cache_dir, "batch", "submit", articles, *_endpoint(fake)
        ).stdout.split()
        fake.batches[batch_id]["status"] = "in_progress"
        collected = _summarize(cache_dir, "batch", "collect", batch_id, *_endpoint(fake))
    assert collected.exit_code == 1
    assert collected.stdout == ""
    assert collected.stderr == (
        f"Error: batch {batch_id} is not finished (in_progress, 4/4 requests done); nothing "
        "was collected: collect it once `summarize batch status` says completed\n"
    )
    cache = ResponseCache(cache_dir)
    assert cache.stats().entries == 0
    cache.close()


def test_requests_an_expired_batch_never_answered_are_failures(tmp_path: Path) -> None:
    articles = str(_short_articles(tmp_path / "in"))
    cache_dir = tmp_path / "cache"
    with FakeServer(then=answer()) as fake:
        (batch_id,) = _summarize(
            cache_dir, "batch", "submit", articles, *_endpoint(fake)
        ).stdout.split()
        fake.batches[batch_id].update(status="expired", output_file_id=None)
        collected = _summarize(cache_dir, "batch", "collect", batch_id, *_endpoint(fake))
        unknown = _summarize(cache_dir, "batch", "status", "batch_nope", "--base-url", fake.url)
    assert collected.exit_code == 1
    assert collected.stderr.count("no answer in the batch (it ended expired)") == 4
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith(f"Error: no batch batch_nope at {fake.url} (HTTP 404")


def test_an_endpoint_without_the_batch_api_is_one_line(tmp_path: Path) -> None:
    articles = str(_short_articles(tmp_path / "in"))
    with FakeServer(then=answer(), batch_api=False) as fake:
        result = _summarize(tmp_path / "cache", "batch", "submit", articles, *_endpoint(fake))
        assert not fake.completion_requests
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {fake.url} does not offer the Batch API (HTTP 404 on POST /files); "
        "send the requests live with `summarize SOURCE` instead\n"
    )
    assert result.stdout == ""


def test_the_embedded_model_has_no_batch_api(tmp_path: Path) -> None:
    articles = str(_short_articles(tmp_path / "in"))
    result = _summarize(tmp_path / "cache", "batch", "submit", articles)
    assert result.exit_code == 2
    assert "the Batch API needs an endpoint" in result.stderr


def test_large_corpora_are_split_within_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_api, "MAX_REQUESTS_PER_FILE", 3)
    articles = str(_short_articles(tmp_path / "in"))
    cache_dir = tmp_path / "cache"
    with FakeServer(then=answer()) as fake:
        submitted = _summarize(cache_dir, "batch", "submit", articles, *_endpoint(fake))
        ids = submitted.stdout.split()
        assert [len(_lines(data)) for data in fake.batch_inputs] == [3, 1]
        collected = _summarize(cache_dir, "batch", "collect", *ids, *_endpoint(fake))
    assert len(ids) == 2 and "in 2 batches" in submitted.stderr
    assert collected.exit_code == 0, collected.output
    assert len(collected.stdout.splitlines()) == 2


def test_input_files_stay_under_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_api, "MAX_FILE_BYTES", 25)
    request = batch_api.Planned("k" * 64, [], batch_api.BaseModel, ["a.txt"])
    lines = [(request, b"x" * 9 + b"\n")] * 5
    assert [len(chunk) for chunk in batch_api.input_files(lines)] == [2, 2, 1]
    with pytest.raises(InputError, match="larger than the Batch API's 25 bytes"):
        list(batch_api.input_files([(request, b"x" * 30)]))


def test_a_json_lines_source_goes_through_submit_collect_and_offline(tmp_path: Path) -> None:
    """A table source gives each article its own date and outlet, in the batch and offline."""
    table = tmp_path / "articles.jsonl"
    rows = [
        {"id": "goma", "text": f"{GOMA}\n\nThe army said five soldiers were killed.\n",
         "published": "2024-03-04", "source": "Wire A"},
        {"id": "kivu", "text": f"{KIVU}\n\nAid groups said thousands fled the clashes.\n"},
    ]  # fmt: skip
    table.write_text("".join(json.dumps(row) + "\n" for row in rows))
    with FakeServer(then=answer()) as fake:
        live_file, batch_file = tmp_path / "live.jsonl", tmp_path / "batch.jsonl"
        live = _summarize(tmp_path / "live", str(table), *_endpoint(fake), "-o", str(live_file))
        assert live.exit_code == 0, live.output
        sent = len(fake.completion_requests)
        ids = _summarize(tmp_path / "b", "batch", "submit", str(table), *_endpoint(fake))
        assert ids.exit_code == 0, ids.output
        collected = _summarize(
            tmp_path / "b", "batch", "collect", *ids.stdout.split(), *_endpoint(fake)
        )
        assert collected.exit_code == 0, collected.output
        offline = _summarize(
            tmp_path / "b", str(table), "--offline", *_endpoint(fake), "-o", str(batch_file)
        )
        assert offline.exit_code == 0, offline.output
        assert len(fake.completion_requests) == sent
    summaries = _summaries(batch_file)
    assert summaries == _summaries(live_file)
    assert [(s["published"], s["source"]) for s in summaries] == [
        ("2024-03-04", "Wire A"),
        (None, None),
    ]
