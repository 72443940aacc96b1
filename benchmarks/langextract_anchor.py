"""Side by side on a corpus sample: summarize and LangExtract, the same embedded model.

LangExtract (google/langextract) is not a dependency of summarize: it runs in its own
environment (``python -m venv /tmp/lx && /tmp/lx/bin/pip install "langextract[openai]==1.7.1"``)
through ``benchmarks/langextract_runner.py``, against the embedded model that this script
serves (the same GGUF, the same llama.cpp server as summarize uses). Both see the same
text (the corpus text as summarize reads it), and both outputs are scored by the same
adapter of ``summarize.evaluation.datasets``. summarize's side is read from the response
cache (``summarize cache import tests/fixtures/recorded/<dataset>/responses`` first), so
only LangExtract spends model time here.

    python benchmarks/langextract_anchor.py --dataset muc4 \\
        --data ../shared/datasets/muc4 --split tst2 --limit 40 \\
        --langextract-python /tmp/lx/bin/python

Writes ``benchmarks/results/anchor-<dataset>.json`` and prints the table.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.atomic import atomic_write_text  # noqa: E402
from summarize.cli.eval_corpus import summarize_documents  # noqa: E402
from summarize.core.numbers import parse_figure  # noqa: E402
from summarize.core.schema import (  # noqa: E402
    Alignment,
    ArticleSummary,
    Claim,
    Event,
    EventType,
    Evidence,
    Location,
    Party,
    SummaryMeta,
)
from summarize.core.wire import as_read  # noqa: E402
from summarize.evaluation.datasets import ADAPTERS, adapter  # noqa: E402
from summarize.summarizer import Summarizer  # noqa: E402

RUNNER = Path(__file__).with_name("langextract_runner.py")


def _evidence(item: dict[str, Any]) -> list[Evidence]:
    start, end = item.get("start"), item.get("end")
    found = isinstance(start, int) and isinstance(end, int)
    return [
        Evidence(
            quote=str(item.get("text") or ""),
            start=start if found else None,
            end=end if found else None,
            alignment=Alignment.EXACT if found else Alignment.NOT_FOUND,
        )
    ]


def _name(value: Any) -> list[Party]:
    return [Party(name=str(value))] if isinstance(value, str) and value.strip() else []


def to_summary(extractions: list[dict[str, Any]], model: str) -> ArticleSummary:
    """LangExtract's extractions as our schema: class "event" -> events, "claim" -> claims."""
    events, claims = [], []
    types = {member.value for member in EventType}
    for item in extractions:
        attributes = item.get("attributes") or {}
        if item.get("class") == "event":
            kind = str(attributes.get("type") or "other")
            place = attributes.get("place")
            killed, injured = attributes.get("killed"), attributes.get("injured")
            events.append(
                Event(
                    type=EventType(kind) if kind in types else EventType.OTHER,
                    actors=_name(attributes.get("actor")),
                    targets=_name(attributes.get("target")),
                    location=Location(place=str(place)) if isinstance(place, str) else None,
                    killed=parse_figure(killed) if isinstance(killed, str) else None,
                    injured=parse_figure(injured) if isinstance(injured, str) else None,
                    # its extraction text is its grounding: the words it says the event is
                    action=_evidence(item)[0] if _evidence(item)[0].grounded else None,
                    evidence=_evidence(item),
                )
            )
        elif item.get("class") == "claim":
            claimant, cue = attributes.get("claimant"), attributes.get("cue")
            claims.append(
                Claim(
                    assertion=str(item.get("text") or ""),
                    claimant=str(claimant) if isinstance(claimant, str) else None,
                    cue=str(cue) if isinstance(cue, str) else None,
                    evidence=_evidence(item),
                )
            )
    meta = SummaryMeta(model=model, prompt_version="langextract-1.7.1")
    return ArticleSummary(headline="", summary="", events=events, claims=claims, meta=meta)


def run_langextract(python: str, base_url: str, model: str, documents: list[Any]) -> dict:
    """LangExtract's answers per document id (its runner, in its own environment)."""
    request = {
        "base_url": base_url,
        "model": model,
        "documents": [{"id": d.id, "text": as_read(d.text)} for d in documents],
    }
    completed = subprocess.run(
        [python, str(RUNNER)], input=json.dumps(request), capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise SystemExit(f"the LangExtract runner failed: {completed.stderr[-2000:]}")
    return {answer["id"]: answer for answer in json.loads(completed.stdout)["documents"]}


def load_sample(
    dataset: str, data: Path, split: str | None, limit: int | None
) -> tuple[str, list[Any]]:
    """The split read (the corpus's default when None) and its first ``limit`` gold documents,
    through the corpus's adapter in ``summarize.evaluation.datasets``."""
    module = adapter(dataset)
    split = split or module.DEFAULT_SPLIT
    return split, list(module.load(data, split, limit))


def ours(golds: list[Any]) -> dict[str, ArticleSummary | None]:
    """summarize's summaries, from the response cache only (None where one is missing)."""
    summaries, errors, _ = summarize_documents(Summarizer(offline=True), golds)
    for error in errors:
        print(f"summarize: {error}", file=sys.stderr)
    return summaries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", required=True, choices=sorted(ADAPTERS))
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--split")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--langextract-python", required=True)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()

    from summarize.llm.embedded import embedded_model_id, start_embedded_server

    module = adapter(args.dataset)
    split, golds = load_sample(args.dataset, args.data, args.split, args.limit)
    server = start_embedded_server()
    start = time.perf_counter()
    answers = run_langextract(
        args.langextract_python,
        server.base_url,
        embedded_model_id(),
        [g.document for g in golds],
    )
    seconds = time.perf_counter() - start
    theirs = {
        g.document.id: None
        if answers[g.document.id]["error"]
        else to_summary(answers[g.document.id]["extractions"], embedded_model_id())
        for g in golds
    }
    results = {
        "dataset": args.dataset,
        "split": split,
        "limit": args.limit,
        "documents": len(golds),
        "langextract_seconds": round(seconds, 1),
        "langextract_failed": [i for i, a in answers.items() if a["error"]],
        "summarize": module.score(golds, ours(golds)).metrics(),
        "langextract": module.score(golds, theirs).metrics(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(args.out / f"anchor-{args.dataset}.json", json.dumps(results, indent=2))
    print("| measure | summarize | LangExtract |\n|---|---|---|")
    for name, value in results["summarize"].items():
        other = results["langextract"].get(name)
        print(f"| {name} | {_fmt(value)} | {_fmt(other)} |")


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


if __name__ == "__main__":
    main()
