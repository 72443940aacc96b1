"""``summarize eval --dataset muc4|polnear|ecbplus``: score the pipeline on a public corpus.

The corpus's adapter reads its gold documents from ``--data`` (the corpus folder as
distributed), every document is summarized (from the cache when it can be), and the
adapter's measures are reported. Like the seeds' evaluation, a run in which a document
failed writes its report and exits 1; ``--baseline`` compares the rates, precisions,
recalls and F1s with a stored report of the same corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from summarize.atomic import atomic_write_text
from summarize.cli.common import finish_evaluation, report_folder
from summarize.errors import CacheMissError, ConfigurationError, InputError, SummarizeError

if TYPE_CHECKING:
    from summarize.core.schema import ArticleSummary
    from summarize.evaluation.corpus import CorpusReport
    from summarize.summarizer import Summarizer


def load_corpus(dataset: str, data: Path | None, split: str | None, limit: int | None) -> Any:
    """The adapter, split and gold documents of ``dataset``, with one-line input errors."""
    from summarize.evaluation.datasets import adapter

    module = adapter(dataset)
    if data is None:
        raise InputError(f"--dataset {dataset} needs --data PATH: the corpus folder")
    if not data.is_dir():
        raise InputError(f"{data}: no such corpus folder; pass --data PATH")
    split = split or module.DEFAULT_SPLIT
    if split not in module.SPLITS:
        raise InputError(f"{dataset} has no split {split!r}; use one of {', '.join(module.SPLITS)}")
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1, not {limit}")
    try:
        golds = module.load(data, split, limit)
    except (OSError, ValueError) as exc:
        raise InputError(f"{data}: cannot read {dataset} ({exc})") from None
    if not golds:
        raise InputError(f"{data}: no {dataset} documents in split {split!r}")
    return module, split, golds


def summarize_documents(
    summarizer: Summarizer, golds: list[Any]
) -> tuple[dict[str, ArticleSummary | None], list[str], int]:
    """Each gold document's summary (None when it failed), the errors, and how many
    failed because their answers were not in the cache."""
    summaries: dict[str, ArticleSummary | None] = {}
    errors: list[str] = []
    cache_misses = 0
    for number, gold in enumerate(golds, start=1):
        document = gold.document
        try:
            summary = summarizer.summarize(
                document.text,
                published=document.published,
                source=document.source,
                name=document.id,
            )
            summaries[document.id] = summary
            status = f"{len(summary.events)} events, {len(summary.claims)} claims"
        except ConfigurationError:
            raise
        except SummarizeError as exc:
            summaries[document.id] = None
            cache_misses += isinstance(exc, CacheMissError)
            message = " ".join(str(exc).split()).removeprefix(f"{document.id}: ")
            errors.append(f"{document.id}: {message}")
            status = f"failed: {message}"
        click.echo(f"[{number}/{len(golds)}] {document.id}: {status}", err=True)
    return summaries, errors, cache_misses


def write_corpus_report(report: CorpusReport, target: Path) -> None:
    """report.json, report.md and report.html in ``target``, each written whole."""
    from summarize.evaluation.corpus import render_corpus_markdown
    from summarize.render.html_corpus import render_corpus_html

    report_folder(target)
    atomic_write_text(target / "report.json", report.to_json(indent=2) + "\n")
    atomic_write_text(target / "report.md", render_corpus_markdown(report))
    atomic_write_text(target / "report.html", render_corpus_html(report))


def evaluate_corpus(
    summarizer: Summarizer,
    dataset: str,
    options: dict[str, Any],
    target: Path,
) -> None:
    """The whole corpus evaluation: load, summarize, score, report, compare."""
    from summarize.evaluation.corpus import build_corpus_report, render_corpus_table
    from summarize.evaluation.report import compare_with_baseline, load_baseline

    stored = load_baseline(options["baseline"]) if options["baseline"] else None
    module, split, golds = load_corpus(dataset, options["data"], options["split"], options["limit"])
    try:
        summaries, errors, cache_misses = summarize_documents(summarizer, golds)
    finally:
        summarizer.close()
    valid = [s for s in summaries.values() if s is not None]
    report = build_corpus_report(
        dataset,
        split,
        options["limit"],
        module.score(golds, summaries),
        summaries,
        errors,
        model=valid[0].meta.model if valid else summarizer.settings.model,
        prompt_version=valid[0].meta.prompt_version if valid else summarizer.prompts.version,
    )
    write_corpus_report(report, target)
    finish_evaluation(
        report,
        render_corpus_table(report),
        target,
        as_json=options["as_json"],
        comparison=compare_with_baseline(report.headline(), stored, names=report.headline())
        if stored is not None
        else None,
        baseline=options["baseline"],
        save_baseline=options["save_baseline"],
        failed=len(errors),
        total=len(golds),
        noun="documents",
        first_error=errors[0] if errors else None,
        cache_misses=cache_misses,
        recorded=f"tests/fixtures/recorded/{dataset}/responses",
    )
