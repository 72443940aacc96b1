"""Time per article: summarize against LangExtract 1.7.1 on the same model and the same text.

    python benchmarks/speed.py --seeds --langextract-python /tmp/lx/bin/python
    python benchmarks/speed.py --dataset muc4 --data ../shared/datasets/muc4 --split tst2 \\
        --limit 10 --langextract-python /tmp/lx/bin/python
    python benchmarks/speed.py --seeds --limit 1 --runs 1 \\
        --langextract-python /tmp/lx/bin/python            # smoke run: one article, one run

LangExtract runs in its own environment (``python3 -m venv /tmp/lx && /tmp/lx/bin/pip
install "langextract[openai]==1.7.1"``; its OpenAI provider needs the extra) through
``benchmarks/langextract_runner.py``, one runner process per article
(``langextract_anchor.run_langextract``). Articles: the seeds
(``--seeds``) and/or a corpus sample read by its adapter (``--dataset``, as
``langextract_anchor.py`` reads it); ``--limit`` takes the first N of each.

One embedded llama.cpp server (the GGUF and settings summarize uses) is started once for
the whole benchmark and answers one untimed warm-up completion before the first run; both
tools send every request to it. LangExtract's requests pass through a loopback proxy of
this script that reads the ``usage`` and ``timings`` of each answer, because its runner
reports no tokens. Per run, each article is summarized by summarize, then extracted by
LangExtract, article after article, so the two alternate and load falls on both alike
(the server's one prompt-cache slot is therefore always left by the other tool).

Counted, per article:
- wall s: summarize: ``Summarizer.summarize`` (``bench.ModelMeter``) with a new, empty
  response cache in a temporary folder for each run, so nothing is answered from a cache
  or a remembered summary (``from_cache`` in the JSON must be 0); it includes parsing,
  every request, instructor's validation and re-asks, grounding and writing the answers to
  that cache. LangExtract: ``lx.extract`` as its runner times it (chunking, every request,
  parsing and alignment), which includes the proxy's own time (``proxy_overhead_s``).
- llama.cpp s: the server's own time for those requests (prompt_ms + predicted_ms).
- requests, prompt / cached prompt / generated tokens: from the completions the server
  returned (summarize's re-asked attempts included): ``usage``, cached tokens from
  ``prompt_tokens_details.cached_tokens`` (llama.cpp's ``cache_n`` where absent).
Not counted: starting the server and loading the model; the runner's process start and
``import langextract`` (``process_s`` in the JSON has them); building a Summarizer and
importing openai and instructor (done before the first article; summarize's first article
of a run does create its OpenAI client). Each value is the median over ``--runs`` runs;
ratio = summarize / LangExtract of the medians, overall of their sums over articles.

Writes ``speed.md`` (also printed) and ``speed.json`` to ``--out`` (``benchmarks/results/``).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import select
import socket
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # summarize
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench, langextract_anchor

from bench import ROOT, SEEDS, ModelMeter
from langextract_anchor import load_sample, run_langextract, to_summary

from summarize.atomic import atomic_write_text
from summarize.core.prompts import DEFAULT_PROMPT
from summarize.errors import SummarizeError
from summarize.evaluation.datasets import ADAPTERS, CorpusDocument
from summarize.llm.client import Endpoint

TOOLS = ("summarize", "langextract")
MEASURES = (
    "wall_s",
    "llama_s",
    "requests",
    "prompt_tokens",
    "cached_prompt_tokens",
    "generated_tokens",
    "events",
    "claims",
)


class CountingProxy:
    """A loopback proxy in front of the model server that keeps, for each completion passing
    through, the ``usage`` and llama.cpp ``timings`` of its answer, and its own added time.

    A client that hangs up before its answer (its timeout) is passed on: the proxy closes
    its own connection to the server, which then stops that request, as it would without
    the proxy; the request is recorded with status 499 and no tokens.
    """

    def __init__(self, upstream: str) -> None:
        address = urlsplit(upstream)
        self._host, self._port = address.hostname or "127.0.0.1", address.port or 80
        self._lock = threading.Lock()
        self._completions: list[dict[str, Any]] = []
        self._overhead_s = 0.0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                proxy._forward(self)

            def do_POST(self) -> None:
                proxy._forward(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def _forward(self, handler: BaseHTTPRequestHandler) -> None:
        start = time.perf_counter()
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {
            key: value
            for key, value in handler.headers.items()
            if key.lower() in ("content-type", "authorization", "accept")
        }
        upstream = http.client.HTTPConnection(self._host, self._port)
        answer: dict[str, Any] = {}

        def ask() -> None:
            try:
                upstream.request(handler.command, handler.path, body=body, headers=headers)
                response = upstream.getresponse()
                answer["payload"] = response.read()
                answer["status"] = response.status
                answer["kind"] = response.getheader("Content-Type") or "application/json"
            except (OSError, http.client.HTTPException) as exc:
                answer.update(status=502, payload=str(exc).encode(), kind="text/plain")

        sent = time.perf_counter()
        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        abandoned = False
        while asking.is_alive():
            asking.join(0.5)  # returns as soon as the answer is in
            if asking.is_alive() and (abandoned or _hung_up(handler.connection)):
                abandoned = True
                if upstream.sock is not None:
                    with contextlib.suppress(OSError):
                        upstream.sock.shutdown(socket.SHUT_RDWR)
        upstream_s = time.perf_counter() - sent
        upstream.close()
        if not abandoned:
            try:
                handler.send_response(answer["status"])
                handler.send_header("Content-Type", answer["kind"])
                handler.send_header("Content-Length", str(len(answer["payload"])))
                handler.end_headers()
                handler.wfile.write(answer["payload"])
                handler.wfile.flush()
            except OSError:
                abandoned = True
        if abandoned:
            handler.close_connection = True
        overhead = time.perf_counter() - start - upstream_s
        if not handler.path.rstrip("/").endswith("/completions"):
            return
        try:
            parsed = json.loads(answer["payload"]) if answer.get("status") == 200 else {}
        except ValueError:
            parsed = {}
        record = {
            "status": 499 if abandoned else answer["status"],
            "usage": {} if abandoned else parsed.get("usage") or {},
            "timings": {} if abandoned else parsed.get("timings") or {},
        }
        with self._lock:
            self._completions.append(record)
            self._overhead_s += overhead

    def take(self) -> tuple[list[dict[str, Any]], float]:
        """The completions recorded since the last call, and the proxy's time for them."""
        with self._lock:
            taken, overhead = self._completions, self._overhead_s
            self._completions, self._overhead_s = [], 0.0
        return taken, overhead

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _hung_up(connection: socket.socket) -> bool:
    """Whether the client closed its end (readable with nothing to read)."""
    readable, _, _ = select.select([connection], [], [], 0)
    if not readable:
        return False
    try:
        return connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def tally(completions: list[dict[str, Any]]) -> dict[str, Any]:
    """Requests, llama.cpp's time and tokens of a list of {"usage", "timings"} records
    (tokens None when no answer carried ``usage``)."""
    usages = [c["usage"] for c in completions]
    timings = [c["timings"] for c in completions]
    known = any(usages)

    def cached(usage: dict[str, Any], timing: dict[str, Any]) -> int:
        details = usage.get("prompt_tokens_details") or {}
        value = details.get("cached_tokens")
        return int(value if value is not None else timing.get("cache_n") or 0)

    return {
        "requests": len(completions),
        "failed_requests": sum(c.get("status", 200) != 200 for c in completions),
        "llama_s": round(
            sum((t.get("prompt_ms", 0) + t.get("predicted_ms", 0)) / 1000 for t in timings), 2
        ),
        "prompt_tokens": sum(int(u.get("prompt_tokens") or 0) for u in usages) if known else None,
        "cached_prompt_tokens": sum(map(cached, usages, timings)) if known else None,
        "generated_tokens": sum(int(u.get("completion_tokens") or 0) for u in usages)
        if known
        else None,
    }


def measure_summarize(meter: ModelMeter, document: CorpusDocument) -> dict[str, Any]:
    """summarize on one article (nothing from a cache)."""
    try:
        row = meter.measure(document.text, document.id, document.published, document.source)
    except SummarizeError as exc:
        return {"error": str(exc)[:300], **tally(meter.completions)}
    summary = meter.summary
    assert summary is not None
    measured = {"wall_s": row["wall_s"], **tally(meter.completions)}
    reported = (row["prompt_tokens"], row["cached_prompt_tokens"], row["generated_tokens"])
    if reported != tuple(measured[k] for k in MEASURES[3:6]):
        print(f"summarize: its own usage {reported} differs from the completions'", file=sys.stderr)
    from_cache = sum(call.from_cache for call in meter.calls)
    if from_cache:
        print(f"summarize: {from_cache} answers came from the cache", file=sys.stderr)
    return {
        **measured,
        "answered_requests": row["requests"],
        "reasked_tokens": row["reasked_tokens"],
        "from_cache": from_cache,
        "events": len(summary.events),
        "claims": len(summary.claims),
        "error": None,
    }


def measure_langextract(
    python: str, proxy: CountingProxy, model: str, document: CorpusDocument
) -> dict[str, Any]:
    """LangExtract on one article, through the counting proxy."""
    proxy.take()
    start = time.perf_counter()
    answer = run_langextract(python, proxy.base_url, model, [document])[document.id]
    process_s = time.perf_counter() - start
    completions, overhead = proxy.take()
    extracted = to_summary(answer["extractions"], model)
    return {
        "wall_s": answer["seconds"],  # the proxy's time is inside it
        **tally(completions),
        "process_s": round(process_s, 2),
        "proxy_overhead_s": round(overhead, 3),
        "events": len(extracted.events),
        "claims": len(extracted.claims),
        "error": answer["error"],
    }


def warm_up(endpoint: Endpoint) -> None:
    """One tiny completion, so the first timed request does not load the weights."""
    httpx.post(
        f"{endpoint.base_url}/chat/completions",
        json={
            "model": endpoint.model,
            "messages": [{"role": "user", "content": "Say OK."}],
            "max_tokens": 1,
        },
        timeout=600,
    ).raise_for_status()


def _median(values: list[Any]) -> float | None:
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 2) if present else None


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return round(ours / theirs, 3) if ours is not None and theirs else None


def aggregate(records: list[dict[str, Any]], articles: list[str]) -> dict[str, Any]:
    """Per article the median of each measure over the runs, per tool, and the ratios."""
    rows = []
    for article in articles:
        row: dict[str, Any] = {"article": article}
        for tool in TOOLS:
            done = [r[tool] for r in records if r["article"] == article and not r[tool]["error"]]
            row[tool] = {m: _median([d.get(m) for d in done]) for m in MEASURES}
            row[tool]["runs"] = len(done)
        row["ratio"] = _ratio(row["summarize"]["wall_s"], row["langextract"]["wall_s"])
        rows.append(row)
    both = [r for r in rows if r["ratio"] is not None]
    total = {
        tool: {
            m: round(sum(r[tool][m] for r in both), 2)
            if all(r[tool][m] is not None for r in both)
            else None
            for m in MEASURES
        }
        for tool in TOOLS
    }
    return {
        "articles": rows,
        "overall": {
            "articles": len(both),
            **total,
            "ratio": _ratio(total["summarize"]["wall_s"], total["langextract"]["wall_s"]),
            "median_article_ratio": _median([r["ratio"] for r in both]),
        },
    }


def _fmt(value: float | None) -> str:
    if value is None:
        return "n/a"
    return str(int(value)) if float(value).is_integer() else str(value)


def _pair(row: dict[str, Any], measure: str) -> str:
    return " / ".join(_fmt(row[tool][measure]) for tool in TOOLS)


def markdown(results: dict[str, Any]) -> str:
    """The results as a Markdown page."""
    settings = results["settings"]
    count, runs = len(results["articles"]), settings["runs"]
    lines = [
        "# Time per article: summarize vs LangExtract 1.7.1",
        "",
    ]
    if count == 1 and runs == 1:
        lines += [
            "**Smoke run of one article, one run**: it shows that the benchmark works end to "
            "end; a full run replaces it. With one run, load from other jobs on the machine can "
            "fall on one tool and not the other, so its ratio is no measurement.",
            "",
        ]
    lines += [
        f"Articles: {settings['articles']} ({count}); median of {runs} run(s) per article. "
        f"Model: {settings['model']} (embedded llama.cpp, one server for both tools); "
        f"summarize's prompt: {settings.get('prompt', 'summarize-v7')}. "
        f"Machine: {results['machine']}; load average {results['load_before']} before, "
        f"{results['load_after']} after; {results['when']}.",
        "",
        "Cells are summarize / LangExtract; ratio = summarize / LangExtract wall time.",
        "",
        "| article | wall s | ratio | llama.cpp s | requests | prompt tokens | cached prompt "
        "| generated | events | claims |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    overall = results["overall"]
    for row in [*results["articles"], {"article": "**all**", **overall}]:
        cells = [
            row["article"],
            _pair(row, "wall_s"),
            _fmt(row["ratio"]),
            *(_pair(row, m) for m in MEASURES[1:]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    failed = {tool: sum(r[tool]["error"] is not None for r in results["runs"]) for tool in TOOLS}
    lines += [
        "",
        f"Overall ratio (sum of the per-article medians): {overall['ratio']}; median of the "
        f"per-article ratios: {overall['median_article_ratio']}. Failed article runs: "
        f"summarize {failed['summarize']}, LangExtract {failed['langextract']}.",
        "",
        "Counted: summarize's `Summarizer.summarize` with a new, empty response cache per run "
        "(nothing answered from a cache); LangExtract's `lx.extract` as its runner times it, "
        "the counting proxy's own time included. Requests and tokens are those of the completions "
        "the server returned (re-asked attempts included); llama.cpp s is the server's own "
        "prompt + generation time. Not counted: server start and model load (plus one "
        "warm-up completion), the LangExtract runner's process start and import (`process_s` "
        "in speed.json), summarize's imports. See the docstring of `benchmarks/speed.py`.",
        "",
    ]
    return "\n".join(lines)


def _progress(record: dict[str, Any], tool: str) -> None:
    print(
        f"speed: run {record['run']} {record['article']} {tool}: {json.dumps(record[tool])}",
        file=sys.stderr,
        flush=True,
    )


def load_articles(args: argparse.Namespace) -> list[CorpusDocument]:
    """The seeds and/or the corpus sample, the first ``--limit`` of each."""
    articles = []
    if args.seeds:
        articles += [CorpusDocument(p.name, p.read_text()) for p in SEEDS[: args.limit]]
    if args.dataset:
        args.split, golds = load_sample(args.dataset, args.data, args.split, args.limit)
        articles += [g.document for g in golds]
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", action="store_true", help="the articles of seeds/")
    parser.add_argument("--dataset", choices=sorted(ADAPTERS))
    parser.add_argument("--data", type=Path, help="the corpus folder (with --dataset)")
    parser.add_argument("--split")
    parser.add_argument("--limit", type=int, help="the first N seeds / corpus documents")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--prompt", default=DEFAULT_PROMPT, help="summarize's prompt version [default: the current]"
    )
    parser.add_argument("--langextract-python", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    if not args.seeds and not args.dataset:
        parser.error("give --seeds and/or --dataset")
    if args.dataset and args.data is None:
        parser.error("--dataset needs --data")
    articles = load_articles(args)
    if not articles:
        parser.error("no articles")

    import instructor  # noqa: F401  (imported before timing, as the runner imports langextract)
    import openai  # noqa: F401

    load_before = [round(x, 2) for x in os.getloadavg()]
    records: list[dict[str, Any]] = []
    proxy: CountingProxy | None = None
    endpoint: Endpoint | None = None
    try:
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory() as scratch:
                meter = ModelMeter(Path(scratch), cache=True, prompt=args.prompt)
                if endpoint is None:
                    endpoint = meter.endpoint  # starts the server, once
                    warm_up(endpoint)
                    proxy = CountingProxy(endpoint.base_url)
                assert meter.endpoint == endpoint and proxy is not None
                for document in articles:
                    record: dict[str, Any] = {"run": run, "article": document.id}
                    record["summarize"] = measure_summarize(meter, document)
                    _progress(record, "summarize")
                    record["langextract"] = measure_langextract(
                        args.langextract_python, proxy, endpoint.model, document
                    )
                    _progress(record, "langextract")
                    records.append(record)
                meter.close()
    finally:
        if proxy is not None:
            proxy.close()
    assert endpoint is not None
    sources = (["seeds"] if args.seeds else []) + (
        [f"{args.dataset} {args.split}"] if args.dataset else []
    )
    results = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": load_before,
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "settings": {
            "articles": ", ".join(sources) + (f", first {args.limit}" if args.limit else ""),
            "runs": args.runs,
            "model": endpoint.model,
            "prompt": args.prompt,
            "langextract": "1.7.1",
        },
        **aggregate(records, [d.id for d in articles]),
        "runs": records,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(args.out / "speed.json", json.dumps(results, indent=2) + "\n")
    page = markdown(results)
    atomic_write_text(args.out / "speed.md", page)
    print(page)


if __name__ == "__main__":
    main()
