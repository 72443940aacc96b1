"""How the Ray Data path scales: throughput with 1 and 2 workers against fake endpoints.

    python benchmarks/ray_scale.py            # needs the ray extra (pip install -e ".[ray]")
    python benchmarks/ray_scale.py --articles 640 --runs 3

Each worker has an endpoint of its own (the test suite's loopback fake server, answering
every request after a fixed delay) and the same number of articles in flight, so 2 workers
could at best do twice the work of one: efficiency = 2 workers' throughput / (2 x 1
worker's). Throughput is counted over the summarizing itself, from the first request the
endpoints receive to the last answer (start-up of Ray and of the workers aside; the wall
time with them is reported too). Prints a table and writes
``benchmarks/results/ray-scale.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.atomic import atomic_write_text  # noqa: E402
from summarize.scale.ray_engine import require_ray, summarize_dataset  # noqa: E402
from tests.fake_server import FakeServer, answer  # noqa: E402
from tests.test_ray_engine import synthetic_article  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "ray-scale.json"


def one_run(
    ray: Any, servers: list[FakeServer], workers: int, articles: int, concurrency: int
) -> dict[str, Any]:
    """Summarize ``articles`` synthetic articles with ``workers`` workers, one endpoint each."""
    import pyarrow as pa

    # one Arrow table, as `summarize run --engine ray` makes (ray.data.from_items would
    # make a block per row, which the repartition then feeds to the workers unevenly)
    rows = pa.Table.from_pylist([synthetic_article(i) for i in range(articles)])
    seen = [len(server.completion_requests) for server in servers]
    with tempfile.TemporaryDirectory(prefix="ray-scale-") as scratch:
        started = time.perf_counter()
        results = summarize_dataset(
            ray.data.from_arrow(rows),
            endpoints=[server.url for server in servers[:workers]],
            model="fake",
            concurrency_per_endpoint=concurrency,
            cache_root=Path(scratch),  # fresh: every answer is asked for
            workers=workers,
        ).take_all()
        wall = time.perf_counter() - started
    per_endpoint = [s.completion_requests[n:] for s, n in zip(servers, seen, strict=True)]
    requests = [r for asked in per_endpoint for r in asked]
    first, last = min(r.time for r in requests), max(r.time for r in requests)
    # when each worker's endpoint got its first and last request (from the first of all),
    # and how many
    spans = [
        [round(asked[0].time - first, 2), round(asked[-1].time - first, 2), len(asked)]
        for asked in per_endpoint
        if asked
    ]
    busy = last - first + servers[0].delay_s  # the last request's answer comes a delay later
    failed = sum(row["error"] is not None for row in results)
    return {
        "workers": workers,
        "articles": len(results),
        "failed": failed,
        "requests": len(requests),
        "wall_s": round(wall, 2),
        "busy_s": round(busy, 2),
        "articles_per_s": round(len(results) / busy, 2),
        "endpoint_spans_s": spans,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=320)
    parser.add_argument("--delay", type=float, default=0.5, help="fake answer time, seconds")
    parser.add_argument("--concurrency", type=int, default=4, help="articles in flight/endpoint")
    parser.add_argument("--runs", type=int, default=2, help="runs per worker count (median)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    options = parser.parse_args()

    ray = require_ray()
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
    runs: list[dict[str, Any]] = []
    with (
        FakeServer(lambda _r: answer(), delay_s=options.delay) as first,
        FakeServer(lambda _r: answer(), delay_s=options.delay) as second,
    ):
        for _ in range(options.runs):
            for workers in (1, 2):
                run = one_run(ray, [first, second], workers, options.articles, options.concurrency)
                print(json.dumps(run), file=sys.stderr)
                runs.append(run)
    ray.shutdown()

    def median(workers: int, key: str) -> float:
        return statistics.median(r[key] for r in runs if r["workers"] == workers)

    one, two = median(1, "articles_per_s"), median(2, "articles_per_s")
    ideal_one = options.concurrency / options.delay  # articles/s one worker could reach
    results = {
        "when": time.strftime("%Y-%m-%d"),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "ray": ray.__version__,
        "articles": options.articles,
        "delay_s": options.delay,
        "concurrency_per_endpoint": options.concurrency,
        "runs": runs,
        "articles_per_s": {"1": one, "2": two},
        "wall_s": {"1": median(1, "wall_s"), "2": median(2, "wall_s")},
        "one_worker_vs_its_ideal": round(one / ideal_one, 3),
        "efficiency_2_workers": round(two / (2 * one), 3),
    }
    atomic_write_text(options.out, json.dumps(results, indent=2) + "\n")
    print(
        f"{options.articles} articles, fake delay {options.delay} s, "
        f"{options.concurrency} in flight per worker (ideal {ideal_one:g} articles/s a worker)"
    )
    print("| workers | articles/s (median) | wall s incl. start-up (median) |")
    print("|---|---|---|")
    for workers in (1, 2):
        rate, wall = median(workers, "articles_per_s"), median(workers, "wall_s")
        print(f"| {workers} | {rate:.2f} | {wall:.1f} |")
    print(f"efficiency of 2 workers: {results['efficiency_2_workers']} (target >= 0.8)")
    print(f"written to {options.out}")


if __name__ == "__main__":
    main()
