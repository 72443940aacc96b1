"""The Ray Data path: ``summarize_dataset`` and ``summarize run --engine ray``.

Every test here is marked ``ray`` and left out of the default run: ``python -m pytest -m
ray`` (needs the ray extra; ``SUMMARIZE_REQUIRE_RAY=1`` makes a missing ray fail, not
skip, as in ``.ci/run``). The tests start a local Ray cluster on loopback (2 CPUs) and
summarize 1,000 synthetic articles against the loopback fake server, whose fixed delay
stands in for a model; no model runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summarize.cli.main import cli
from summarize.errors import InputError
from summarize.scale.output import AllFailed, read_previous, write_results
from summarize.scale.ray_engine import ROSTER_PREFIX, WorkerPlan, plan_workers
from summarize.sources import checked_row
from tests.fake_server import FakeServer, RecordedRequest, Reply, answer, status

pytestmark = [pytest.mark.ray, pytest.mark.allow_http]

ARTICLES = 1000
DELAY_S = 0.05  # the fake model's answer time
CONCURRENCY = 8  # articles in flight per endpoint
TIMING = ("latency_s", "model_time_s", "model_calls", "from_cache")  # meta that varies by run

TOWNS = [
    "Kirkuk",
    "Mosul",
    "Basra",
    "Tikrit",
    "Ramadi",
    "Falluja",
    "Najaf",
    "Karbala",
    "Erbil",
    "Dohuk",
    "Samarra",
    "Baquba",
    "Hilla",
    "Kut",
    "Amara",
    "Nasiriya",
    "Diwaniya",
    "Sulaimaniya",
    "Zakho",
    "Haditha",
]
KINDS = (
    ("a roadside bomb exploded near", "bomb"),
    ("gunmen opened fire on", "shooting"),
    ("a mortar shell hit", "shelling"),
    ("a car bomb went off outside", "car bomb"),
    ("a fire broke out at", "fire"),
)
PLACES = ("a police checkpoint", "a crowded market", "a bus station", "a government office")
OUTLETS = ("Reuters", "AP", "AFP", None)


def synthetic_article(i: int) -> dict[str, Any]:
    """Article ``i`` of a set of distinct short news reports (id, text, published, source)."""
    town, (what, kind) = TOWNS[i % len(TOWNS)], KINDS[(i // len(TOWNS)) % len(KINDS)]
    place = PLACES[(i // 100) % len(PLACES)]
    killed, wounded = 2 + i % 7, 3 + (i * 7) % 11
    text = (
        f"{kind.capitalize()} in {town} kills {killed}\n\n"
        f"{town.upper()} (Newswire) - {what.capitalize()} {place} in {town} on Sunday, "
        f"killing {killed} people and wounding {wounded}, police said.\n\n"
        f"A local official, who gave his name as Officer {i}, said the area was sealed off "
        f"and that an investigation had begun into report number {1000 + i}.\n"
    )
    published = dt.date(2024, 1, 1) + dt.timedelta(days=i % 300)
    return {
        "id": f"syn-{i:04d}",
        "text": text,
        "published": published.isoformat(),
        "source": OUTLETS[i % len(OUTLETS)],
    }


def content(summary_json: str) -> dict[str, Any]:
    """A summary without the metadata that says how long it took or where it came from."""
    summary = json.loads(summary_json)
    for key in TIMING:
        summary["meta"].pop(key)
    return summary


# -- the cluster, the fake endpoints, the articles and what one process makes of them


@pytest.fixture(scope="module")
def ray_module() -> Iterator[Any]:
    """A local Ray cluster on loopback with 2 CPUs, shut down after the module."""
    if os.environ.get("SUMMARIZE_REQUIRE_RAY") == "1":
        import ray
    else:
        ray = pytest.importorskip("ray", reason='needs the ray extra: pip install -e ".[ray]"')
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        object_store_memory=256 * 1024 * 1024,
        log_to_driver=False,
    )
    try:
        yield ray
    finally:
        ray.shutdown()


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[FakeServer, FakeServer]]:
    """Two fake endpoints answering every request after DELAY_S."""
    with (
        FakeServer(lambda _request: answer(), delay_s=DELAY_S) as first,
        FakeServer(lambda _request: answer(), delay_s=DELAY_S) as second,
    ):
        yield first, second


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic articles as a JSON Lines source."""
    path = tmp_path_factory.mktemp("source") / "articles.jsonl"
    lines = [json.dumps(synthetic_article(i)) for i in range(ARTICLES)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(
    servers: tuple[FakeServer, FakeServer], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Any]]:
    """The same articles summarized by one process (Summarizer.summarize_many)."""
    from summarize.summarizer import Summarizer

    summarizer = Summarizer(
        base_url=servers[0].url, model="fake", cache_dir=tmp_path_factory.mktemp("single")
    )
    rows = [synthetic_article(i) for i in range(ARTICLES)]
    inputs = [checked_row(row, row["id"]).as_input() for row in rows]
    results = summarizer.summarize_many(inputs, concurrency=CONCURRENCY)
    summarizer.close()
    assert all(r.summary is not None for r in results), [r.error for r in results][:3]
    return {r.name: content(r.summary.model_dump_json()) for r in results if r.summary}


def _requests(servers: tuple[FakeServer, ...]) -> int:
    return sum(len(server.completion_requests) for server in servers)


def _run(source: Path, out: Path, urls: list[str], *extra: str) -> Result:
    endpoints = [option for url in urls for option in ("--base-url", url)]
    arguments = [str(source), "--engine", "ray", *endpoints, "-m", "fake", "--out", str(out)]
    return CliRunner().invoke(cli, ["run", *arguments, "-j", str(CONCURRENCY), *extra])


def _parquet_rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _assert_complete(rows: list[dict[str, Any]], expected: dict[str, dict[str, Any]]) -> None:
    """One row per article, each summarized, each as the single process made it."""
    assert len(rows) == ARTICLES
    assert {row["id"] for row in rows} == set(expected)
    assert [row["id"] for row in rows if row["error"] is not None] == []
    for row in rows:
        summary = row["summary"]
        made = content(summary if isinstance(summary, str) else json.dumps(summary))
        assert made == expected[row["id"]], row["id"]


# -- the whole path


def test_a_thousand_articles_match_one_process_and_a_rerun_writes_nothing_new(
    ray_module: Any,
    servers: tuple[FakeServer, FakeServer],
    source: Path,
    expected: dict[str, dict[str, Any]],
    tmp_path: Path,
) -> None:
    out = tmp_path / "results.parquet"
    asked = [len(server.completion_requests) for server in servers]
    started = time.perf_counter()
    result = _run(source, out, [s.url for s in servers], "--workers", "2")
    took = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert f"wrote {ARTICLES} rows" in result.output and f"({ARTICLES} summarized" in result.output
    _assert_complete(_parquet_rows(out), expected)
    # round robin: each endpoint served one worker's share
    shares = [len(s.completion_requests) - n for s, n in zip(servers, asked, strict=True)]
    assert all(share > 0 for share in shares), shares
    print(f"\n{ARTICLES} articles through 2 Ray workers in {took:.1f} s; requests {shares}")

    # a re-run finds every article summarized: no request, no write
    before, stamp, requests = out.read_bytes(), out.stat().st_mtime_ns, _requests(servers)
    result = _run(source, out, [s.url for s in servers], "--workers", "2")
    assert result.exit_code == 0, result.output
    assert f"nothing to do: all {ARTICLES} articles are summarized" in result.output
    assert out.read_bytes() == before and out.stat().st_mtime_ns == stamp
    assert _requests(servers) == requests

    # rows that went missing are added; the others stay as they were
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _parquet_rows(out)
    kept, dropped = rows[25:], rows[:25]
    pq.write_table(pa.Table.from_pylist(kept, schema=pq.read_schema(out)), out)
    result = _run(source, out, [s.url for s in servers], "--workers", "2")
    assert result.exit_code == 0, result.output
    assert f"{ARTICLES - 25} of {ARTICLES} articles are summarized" in result.output
    again = _parquet_rows(out)
    assert again[: len(kept)] == kept
    assert {row["id"] for row in again[len(kept) :]} == {row["id"] for row in dropped}
    _assert_complete(again, expected)

    # the workers' caches merge into the main one
    workers = sorted((tmp_path / "cache" / "workers").glob("worker-*"))
    assert len(workers) >= 2
    merged = CliRunner().invoke(cli, ["cache", "import", *map(str, workers)])
    assert merged.exit_code == 0, merged.output
    imported = sum(int(line.split()[1]) for line in merged.output.splitlines())
    stats = json.loads(CliRunner().invoke(cli, ["cache", "stats", "--json"]).output)
    assert stats["entries"] == imported > 0


def test_a_worker_killed_mid_run_loses_no_row(
    ray_module: Any,
    servers: tuple[FakeServer, FakeServer],
    source: Path,
    expected: dict[str, dict[str, Any]],
    tmp_path: Path,
) -> None:
    ray = ray_module
    out = tmp_path / "results.jsonl"
    before = set(ray.util.list_named_actors())
    killer = _Killer(ray, before, servers)
    killer.start()
    try:
        result = _run(source, out, [s.url for s in servers], "--workers", "2")
    finally:
        killer.stop()
    assert killer.killed is not None, "no worker was killed: the run ended before it could be"
    assert killer.rejoined, "the killed worker was not restarted"
    assert result.exit_code == 0, result.output
    _assert_complete(_jsonl_rows(out), expected)


class _Killer(threading.Thread):
    """Kills one worker of the coming run once it has sent requests, then watches for the
    restarted worker to start again (it joins the run's roster under a new index)."""

    def __init__(self, ray: Any, existing: set[str], servers: tuple[FakeServer, ...]) -> None:
        super().__init__(daemon=True)
        self.ray, self.existing, self.servers = ray, existing, servers
        self.killed: int | None = None
        self.rejoined = False
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(timeout=30)

    def run(self) -> None:
        baseline = _requests(self.servers)
        while not self._stop_event.wait(0.1):
            names = set(self.ray.util.list_named_actors()) - self.existing
            rosters = [name for name in names if name.startswith(ROSTER_PREFIX)]
            if not rosters:
                continue
            workers = self.ray.get(self.ray.get_actor(rosters[0]).workers.remote())
            if (
                self.killed is None
                and len(workers) >= 2
                and _requests(self.servers) > (baseline + ARTICLES // 2)
            ):
                self.killed = 0
                self.ray.kill(workers[0], no_restart=False)  # Ray Data restarts it
            elif self.killed is not None and len(workers) > 2:
                self.rejoined = True
                return


def test_failed_articles_are_rows_with_their_error(ray_module: Any, tmp_path: Path) -> None:
    from summarize.scale.ray_engine import summarize_dataset

    def script(request: RecordedRequest) -> Reply:
        poisoned = "poison" in json.dumps(request.messages)
        return status(400, message="bad request") if poisoned else answer()

    rows = [synthetic_article(i) for i in range(6)]
    rows[1]["text"] = rows[1]["text"].replace("Sunday", "Sunday (poison)")
    rows[3] = {"id": "no-text", "text": None, "published": None, "source": None}
    rows[4]["published"] = "not a date"
    with FakeServer(script) as server:
        ds = ray_module.data.from_items(rows)
        results = summarize_dataset(
            ds,
            endpoints=[server.url],
            model="fake",
            concurrency_per_endpoint=4,
            cache_root=tmp_path / "workers",
        ).take_all()
    by_id = {row["id"]: row for row in results}
    assert sorted(by_id) == sorted(row["id"] for row in rows)
    failed = {i: row["error"] for i, row in by_id.items() if row["error"] is not None}
    assert set(failed) == {rows[1]["id"], "no-text", rows[4]["id"]}
    assert failed[rows[1]["id"]].startswith(f"{rows[1]['id']}: ") and "400" in failed[rows[1]["id"]]
    assert failed["no-text"] == "no-text: missing `text`"
    assert "bad `published` date 'not a date'" in failed[rows[4]["id"]]
    assert all("\n" not in error for error in failed.values())
    assert all(by_id[i]["summary"] is None for i in failed)
    assert all(json.loads(row["summary"])["headline"] for row in results if row["error"] is None)


def test_a_run_whose_every_article_fails_leaves_the_output_as_it_was(
    ray_module: Any, tmp_path: Path
) -> None:
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(synthetic_article(i)) + "\n" for i in range(3)))
    out = tmp_path / "results.jsonl"
    out.write_text('{"id": "older", "summary": {"headline": "kept"}, "error": null}\n')
    before = out.read_bytes()
    with FakeServer(lambda _request: status(400)) as server:
        result = _run(source, out, [server.url])
    assert result.exit_code == 1
    assert "all 3 articles failed, so" in result.output and "was not changed" in result.output
    assert out.read_bytes() == before


# -- the parts, without a cluster


def test_workers_take_the_endpoints_round_robin_and_share_their_concurrency() -> None:
    plan = WorkerPlan(("a", "b"), workers=3, concurrency_per_endpoint=8)
    assert [plan.endpoint(n) for n in range(3)] == ["a", "b", "a"]
    assert [plan.concurrency(n) for n in range(3)] == [4, 8, 4]
    assert plan.endpoint(3) == "a" and plan.concurrency(3) == 4  # worker 0, restarted
    assert plan.batch_size() == 16
    assert WorkerPlan(("a",), 4, 2).concurrency(0) == 1  # never below one


@pytest.mark.parametrize(
    ("endpoints", "workers", "expected"),
    [
        ([], None, "needs at least one endpoint"),
        (["http://a/v1", "http://b/v1"], 1, "1 worker(s) cannot serve 2 endpoints"),
    ],
)
def test_plans_that_cannot_work_are_refused(
    endpoints: list[str], workers: int | None, expected: str
) -> None:
    with pytest.raises(InputError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        plan_workers(endpoints, "fake", workers, 8)


def _batch(rows: list[tuple[str, str | None, str | None]]) -> Any:
    import pyarrow as pa

    ids, summaries, errors = zip(*rows, strict=True) if rows else ((), (), ())
    return pa.table({"id": list(ids), "summary": list(summaries), "error": list(errors)})


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_rerun_keeps_summarized_rows_and_replaces_failed_ones(
    tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"results{suffix}"
    first = [("a", '{"headline": "A"}', None), ("b", None, "b: HTTP 500"), ("c", '{"x": 1}', None)]
    write_results(out, read_previous(out), {"a", "b", "c"}, [_batch(first)])
    previous = read_previous(out)
    assert (previous.summarized, previous.failed) == ({"a", "c"}, {"b"})
    written = write_results(out, previous, {"b", "d"}, [_batch([("b", '{"y": 2}', None)])])
    assert (written.summarized, written.failed) == (1, 0)
    again = read_previous(out)
    assert again.summarized == {"a", "b", "c"} and not again.failed
    if suffix == ".jsonl":
        assert [identifier for identifier, _ in again.jsonl_lines] == ["a", "c", "b"]
        assert _jsonl_rows(out)[0] == {"id": "a", "summary": {"headline": "A"}, "error": None}


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_a_failed_write_leaves_the_old_results_as_they_were(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"results{suffix}"
    write_results(out, read_previous(out), {"a"}, [_batch([("a", '{"headline": "A"}', None)])])
    before = out.read_bytes()

    def interrupted() -> Iterator[Any]:
        yield _batch([("b", '{"headline": "B"}', None)])
        raise RuntimeError("the run died")

    with pytest.raises(RuntimeError):
        write_results(out, read_previous(out), {"b"}, interrupted())
    with pytest.raises(AllFailed):
        write_results(out, read_previous(out), {"b"}, [_batch([("b", None, "b: refused")])])
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left


def test_a_file_that_is_not_a_results_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text("just some notes\n")
    with pytest.raises(InputError, match="not a results file"):
        read_previous(out)


def test_cache_import_merges_cache_folders(tmp_path: Path) -> None:
    from summarize.llm.cache import ResponseCache

    entry = {"completion": {"choices": []}, "format": 1}
    for worker, keys in (("worker-0", ["k1", "k2"]), ("worker-1", ["k2", "k3"])):
        cache = ResponseCache(tmp_path / "workers" / worker)
        for key in keys:
            cache.put(key, {**entry, "key": key})
        cache.close()
    folders = [str(tmp_path / "workers" / w) for w in ("worker-0", "worker-1")]
    result = CliRunner().invoke(cli, ["cache", "import", *folders])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"imported 2 entries from {folders[0]}",
        f"imported 2 entries from {folders[1]}",
    ]
    stats = json.loads(CliRunner().invoke(cli, ["cache", "stats", "--json"]).output)
    assert stats["entries"] == 3
    itself = CliRunner().invoke(cli, ["cache", "import", str(tmp_path / "cache")])
    assert itself.exit_code == 2 and "is the response cache itself" in itself.output
