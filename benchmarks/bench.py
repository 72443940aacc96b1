"""Benchmarks: how close the program is to the machine's limit, and how fast its other paths are.

    python benchmarks/bench.py                 # everything (the model part takes ~10 min)
    python benchmarks/bench.py --skip-model    # cache, start-up and concurrency only

Writes ``results.json`` and ``results.md`` to ``--out`` (default ``benchmarks/results/``).

Sections:
- model: each seed summarized by the embedded model with no cache. The limit for the same
  work is llama.cpp's own time for the same prompts and generated tokens (the ``timings``
  it returns with every completion, attempts that instructor re-asked included:
  prompt_ms + predicted_ms); the ratio is program / limit.
- cache: 1,000 distinct cached articles through the Python API and through the CLI.
- startup: ``summarize --help`` and ``import summarize`` in fresh processes (median of 10).
- concurrency: N one-paragraph articles against the loopback fake server of the test
  suite answering after a fixed delay, at concurrency C, against the ideal N/C x delay
  (each article's two requests go out together, so an article costs one delay).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.atomic import atomic_write_text  # noqa: E402
from summarize.core.drafts import OverviewDraft  # noqa: E402
from summarize.core.prompts import DEFAULT_PROMPT  # noqa: E402
from summarize.core.schema import ArticleSummary  # noqa: E402
from summarize.llm.cache import ResponseCache  # noqa: E402
from summarize.llm.client import CallResult, Endpoint  # noqa: E402
from summarize.summarizer import ArticleInput, Summarizer  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RECORDED = ROOT / "tests" / "fixtures" / "recorded" / "responses"


class ModelMeter:
    """summarize on the embedded model, one article at a time, nothing answered from a cache.

    With ``cache=False`` nothing is read or written; with ``cache=True`` the answers go to a
    response cache in ``cache_dir``, which must be new and empty (a first run's cost). After
    :meth:`measure`, ``calls`` holds the answers the summarizer used for that article and
    ``completions`` the ``usage`` and llama.cpp ``timings`` of every completion the server
    returned for it, attempts that instructor re-asked included.
    """

    def __init__(
        self, cache_dir: Path, *, cache: bool = False, prompt: str = DEFAULT_PROMPT
    ) -> None:
        self.summarizer = Summarizer(cache=cache, cache_dir=cache_dir, prompt=prompt)
        self.calls: list[CallResult] = []
        self.completions: list[dict[str, Any]] = []
        self.summary: ArticleSummary | None = None
        complete = self.summarizer.model.complete

        def recording(*args: Any, **kwargs: Any) -> CallResult:
            result = complete(*args, **kwargs)
            self.calls.append(result)
            return result

        self.summarizer.model.complete = recording  # type: ignore[method-assign]
        self.summarizer.client.on_response(self._record)

    def _record(self, response: Any) -> None:
        usage = response.usage.model_dump() if getattr(response, "usage", None) else {}
        timings = (response.model_extra or {}).get("timings") or {}
        self.completions.append({"usage": usage, "timings": timings})

    @property
    def endpoint(self) -> Endpoint:
        """The embedded server's address and model id (starting it, so call it untimed)."""
        return self.summarizer.client.endpoint

    def measure(
        self,
        text: str,
        name: str,
        published: dt.date | None = None,
        source: str | None = None,
    ) -> dict[str, Any]:
        """One article: program time against llama.cpp's own time for the same work."""
        self.calls.clear()
        self.completions.clear()
        start = time.perf_counter()
        summary = self.summarizer.summarize(text, published=published, source=source, name=name)
        wall = time.perf_counter() - start
        self.summary = summary
        timings = [c["timings"] for c in self.completions]
        limit = sum((t.get("prompt_ms", 0) + t.get("predicted_ms", 0)) / 1000 for t in timings)
        answered = [c.raw.get("timings") or {} for c in self.calls]
        usage = summary.meta.usage
        return {
            "article": name,
            "wall_s": round(wall, 2),
            "limit_s": round(limit, 2),
            "ratio": round(wall / limit, 3) if limit else None,
            "requests": len(self.calls),
            "prompt_tokens": usage.prompt_tokens,
            "cached_prompt_tokens": usage.cached_prompt_tokens,
            "generated_tokens": usage.completion_tokens,
            # tokens of attempts that instructor re-asked (in limit_s too)
            "reasked_tokens": usage.completion_tokens
            - sum(t.get("predicted_n", 0) for t in answered),
        }

    def close(self) -> None:
        """Release the response cache (the embedded server stops at exit)."""
        self.summarizer.close()


def bench_model() -> dict[str, Any]:
    """Per-article program time against llama.cpp's own time for the same work."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        meter = ModelMeter(Path(scratch))
        _ = meter.endpoint  # start the embedded server outside the timed region
        for path in SEEDS:
            rows.append(meter.measure(path.read_text(), path.name))
            print(f"model: {rows[-1]}", file=sys.stderr)
    return {
        "articles": rows,
        "median_ratio": statistics.median(r["ratio"] for r in rows if r["ratio"]),
        "max_ratio": max(r["ratio"] for r in rows if r["ratio"]),
        "median_generated_tokens": statistics.median(r["generated_tokens"] for r in rows),
        "median_wall_s": statistics.median(r["wall_s"] for r in rows),
    }


def _cached_articles(count: int, cache_dir: Path, folder: Path) -> list[ArticleInput]:
    """``count`` distinct articles whose answers are all in the cache.

    Each is a seed with a distinct final line; its paragraph requests are the seed's
    recorded ones. With a prompt that asks the model for an overview (v1-v5), the seed's
    recorded overview is also stored under the new article's own overview key.
    """
    cache = ResponseCache(cache_dir)
    cache.import_dir(RECORDED)
    cache.close()
    summarizer = Summarizer(offline=True, cache_dir=cache_dir)
    model = summarizer.model
    articles = []
    for index in range(count):
        seed = SEEDS[index % len(SEEDS)]
        text = seed.read_text().rstrip() + f"\n\nCopy {index}.\n"
        _, requests = summarizer._prepare(text, seed.name, None)
        if requests and requests[0].response_model is OverviewDraft:
            overview = requests[0]
            original = summarizer._prepare(seed.read_text(), seed.name, None)[1][0]
            entry = model.cache.get(model.key_for(original.messages, original.response_model))
            assert entry is not None, f"{seed.name}: recorded overview missing"
            model.cache.put(model.key_for(overview.messages, overview.response_model), entry)
        name = f"{index:04d}_{seed.stem}.txt"
        (folder / name).write_text(text)
        articles.append(ArticleInput(text, name))
    summarizer.close()
    return articles


def _api_pass(articles: list[ArticleInput], cache_dir: Path) -> float:
    summarizer = Summarizer(offline=True, cache_dir=cache_dir)
    start = time.perf_counter()
    for article in articles:
        summarizer.summarize(article.text, name=article.name)
    seconds = time.perf_counter() - start
    summarizer.close()
    return seconds


def bench_cache(count: int = 1000) -> dict[str, Any]:
    """Articles per second on the cache-hit path, through the API and through the CLI.

    First pass: every answer is cached, the summary is assembled from them (and
    remembered). Later passes (API, then CLI): the remembered summary is returned.
    """
    with tempfile.TemporaryDirectory() as scratch:
        cache_dir, folder = Path(scratch) / "cache", Path(scratch) / "articles"
        folder.mkdir()
        articles = _cached_articles(count, cache_dir, folder)
        assembled_s = _api_pass(articles, cache_dir)
        api_s = _api_pass(articles, cache_dir)
        env = {**os.environ, "SUMMARIZE_CACHE_DIR": str(cache_dir)}
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "summarize", str(folder), "--offline", "-o", os.devnull],
            check=True,
            env=env,
        )
        cli_s = time.perf_counter() - start
    return {
        "articles": count,
        "assembled_s": round(assembled_s, 3),
        "assembled_articles_per_s": round(count / assembled_s, 1),
        "api_s": round(api_s, 3),
        "api_articles_per_s": round(count / api_s, 1),
        "cli_s": round(cli_s, 3),
        "cli_articles_per_s": round(count / cli_s, 1),
    }


def _median_run(command: list[str], runs: int = 10) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def bench_startup() -> dict[str, Any]:
    """Cold-start times in fresh processes."""
    executable = Path(sys.executable).with_name("summarize")
    help_command = (
        [str(executable), "--help"]
        if executable.exists()
        else [sys.executable, "-m", "summarize", "--help"]
    )
    return {
        "help_s": _median_run(help_command),
        "import_s": _median_run([sys.executable, "-c", "import summarize"]),
        "python_s": _median_run([sys.executable, "-c", "pass"]),
    }


_SERVE = """
import sys, time
sys.path.insert(0, sys.argv[1])
from fake_server import FakeServer, answer
server = FakeServer(lambda _request: answer(), delay_s=float(sys.argv[2])).start()
print(server.url, flush=True)
time.sleep(3600)
"""


def bench_concurrency(
    count: int = 200, concurrency: int = 32, delay_s: float = 0.3, runs: int = 5
) -> dict:
    """N articles at concurrency C against a fake endpoint with a fixed delay, ``runs`` times
    (the median is reported: one run varies by a few hundredths).

    The fake server (the test suite's) runs in its own process, as a remote endpoint would.
    """
    articles = [
        ArticleInput(f"Article {i}: officials said that a new report was published today.", f"{i}")
        for i in range(count)
    ]
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVE, str(ROOT / "tests"), str(delay_s)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as scratch:
            summarizer = Summarizer(
                base_url=url, model="fake", api_key="sk-bench", cache=False, cache_dir=Path(scratch)
            )
            summarizer.summarize_many(articles[:concurrency], concurrency=concurrency)  # warm-up
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                results = summarizer.summarize_many(articles, concurrency=concurrency)
                times.append(time.perf_counter() - start)
    finally:
        server.kill()
        server.wait()
    ideal = count / concurrency * delay_s
    measured = statistics.median(times)
    return {
        "articles": count,
        "concurrency": concurrency,
        "delay_s": delay_s,
        "requests_per_article": round(
            sum(r.summary.meta.model_calls for r in results if r.summary) / count, 2
        ),
        "failed": sum(not r.ok for r in results),
        "measured_s": round(measured, 3),
        "ideal_s": round(ideal, 3),
        "efficiency": round(ideal / measured, 3),
        "efficiency_range": [round(ideal / max(times), 3), round(ideal / min(times), 3)],
        "runs": runs,
    }


def _markdown(results: dict[str, Any]) -> str:
    machine = f"{os.cpu_count()} cores, Python {results['python']}"
    lines = ["# Benchmark results", "", f"Machine: {machine}; {results['when']}", ""]
    model = results.get("model")
    if model:
        lines += [
            "## Embedded model, per article (uncached)",
            "",
            "| article | wall s | llama.cpp s | ratio | requests | prompt | cached | generated "
            "| of which re-asked |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for r in model["articles"]:
            lines.append(
                f"| {r['article']} | {r['wall_s']} | {r['limit_s']} | {r['ratio']} | "
                f"{r['requests']} | {r['prompt_tokens']} | {r['cached_prompt_tokens']} | "
                f"{r['generated_tokens']} | {r.get('reasked_tokens', '')} |"
            )
        lines += [
            "",
            f"Median ratio {model['median_ratio']}, max {model['max_ratio']}; median generated "
            f"tokens per article {model['median_generated_tokens']}; median wall "
            f"{model['median_wall_s']} s (measured {results.get('model_when', results['when'])}).",
            "",
        ]
    cache, startup, conc = results["cache"], results["startup"], results["concurrency"]
    lines += [
        "## Other paths",
        "",
        "| measure | value |",
        "|---|---|",
        f"| cache hits, Python API, first run (answers cached, summary assembled) | "
        f"{cache['assembled_articles_per_s']} articles/s "
        f"({cache['articles']} articles in {cache['assembled_s']} s) |",
        f"| cache hits, Python API (summary remembered) | {cache['api_articles_per_s']} "
        f"articles/s ({cache['articles']} articles in {cache['api_s']} s) |",
        f"| cache hits, CLI (summary remembered) | {cache['cli_articles_per_s']} articles/s "
        f"({cache['articles']} articles in {cache['cli_s']} s) |",
        f"| `summarize --help` | {startup['help_s']} s (bare Python: {startup['python_s']} s) |",
        f"| `import summarize` | {startup['import_s']} s |",
        f"| remote concurrency | {conc['articles']} articles, C={conc['concurrency']}, "
        f"{conc['delay_s']} s delay: {conc['measured_s']} s vs ideal {conc['ideal_s']} s, "
        f"efficiency {conc['efficiency']} (median of {conc['runs']} runs; "
        f"{' to '.join(map(str, conc['efficiency_range']))}) |",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    """Run the benchmarks and write the JSON and Markdown results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--skip-model",
        action="store_true",
        help="skip the embedded model (keeping the model section of an earlier results.json)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "python": platform.python_version(),
    }
    earlier = args.out / "results.json"
    if not args.skip_model:
        results["model"] = bench_model()
        results["model_when"] = results["when"]
    elif earlier.exists():
        previous = json.loads(earlier.read_text())
        if "model" in previous:
            results["model"] = previous["model"]
            results["model_when"] = previous.get("model_when", previous.get("when"))
    results["cache"] = bench_cache()
    print(f"cache: {results['cache']}", file=sys.stderr)
    results["startup"] = bench_startup()
    print(f"startup: {results['startup']}", file=sys.stderr)
    results["concurrency"] = bench_concurrency()
    print(f"concurrency: {results['concurrency']}", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(args.out / "results.json", json.dumps(results, indent=2) + "\n")
    atomic_write_text(args.out / "results.md", _markdown(results))
    print(_markdown(results))


if __name__ == "__main__":
    main()
