"""``summarize batch``: send the model requests through the OpenAI Batch API.

``submit`` plans every article's requests as a live run would and sends those not yet
answered in the response cache; ``status`` reports on batches; ``collect`` stores the
valid answers of finished batches in the cache, after which ``summarize SOURCE
--offline`` assembles the summaries.
"""

from __future__ import annotations

import click

from summarize.cli.common import model_options, reports_errors
from summarize.errors import SummarizeError


@click.group()
def batch() -> None:
    """Send the model requests through the OpenAI Batch API (answers within 24 h).

    \b
    summarize batch submit SOURCE --base-url URL -m MODEL   prints the batch id(s)
    summarize batch status ID...                            status and request counts
    summarize batch collect ID...                           valid answers into the cache
    summarize SOURCE --offline --base-url URL -m MODEL      the summaries, from the cache
    """


@batch.command()
@click.argument("files", nargs=-1, required=True)
@model_options
@click.option("--published", help="Publication date, YYYY-MM-DD (as for `summarize`).")
@click.option("--source", help="Outlet that published the article (as for `summarize`).")
@reports_errors
def submit(
    files: tuple[str, ...],
    model: str | None,
    base_url: str | None,
    published: str | None,
    source: str | None,
) -> None:
    """Send the requests of FILES (as `summarize` reads them) not yet in the cache.

    Prints each batch id on stdout. Give the --offline run that assembles the summaries
    the same --published and --source: they change the requests.
    """
    from summarize.cli.run_cmd import _inputs
    from summarize.core.article import parse_published
    from summarize.llm import batch_api
    from summarize.llm.config import resolve_settings
    from summarize.summarizer import Summarizer

    batch_api.require_endpoint(resolve_settings(model=model, base_url=base_url))
    date = parse_published(published) if published else None
    inputs, _ = _inputs(files, date, source)
    summarizer = Summarizer(model=model, base_url=base_url)
    try:
        plan = batch_api.plan(summarizer, inputs)
        of = f"{_count(len(inputs), 'article')}, {_count(plan.total, 'request')}"
        if not plan.requests:
            click.echo(f"nothing to submit: every request is in the cache ({of})", err=True)
            return
        batches = 0
        for submitted in batch_api.submit(summarizer, plan.requests):
            click.echo(submitted.batch_id)
            batches += 1
        cached = plan.total - len(plan.requests)
        click.echo(
            f"submitted {_count(len(plan.requests), 'request')} in {_count(batches, 'batch')} "
            f"({of}; {cached} already in the cache)",
            err=True,
        )
    finally:
        summarizer.close()


@batch.command()
@click.argument("batch_ids", nargs=-1, required=True)
@model_options
@reports_errors
def status(batch_ids: tuple[str, ...], model: str | None, base_url: str | None) -> None:
    """Print each batch's status and request counts."""
    from summarize.llm import batch_api
    from summarize.llm.client import ModelClient
    from summarize.llm.config import resolve_settings

    client = ModelClient(resolve_settings(model=model, base_url=base_url))
    problems: list[str] = []
    for batch_id in batch_ids:
        try:
            click.echo(batch_api.status(client, batch_id).line())
        except SummarizeError as exc:
            problems.append(str(exc))
    if problems:
        raise SummarizeError("; ".join(problems))


@batch.command()
@click.argument("batch_ids", nargs=-1, required=True)
@model_options
@reports_errors
def collect(batch_ids: tuple[str, ...], model: str | None, base_url: str | None) -> None:
    """Store the valid answers of finished batches in the response cache.

    Give the --base-url and -m of the submit. Requests that failed in the batch, and
    answers that do not validate, are listed one per line and not stored; `summarize
    batch submit` again sends them (and only them).
    """
    from summarize.llm import batch_api
    from summarize.llm.config import resolve_settings
    from summarize.summarizer import Summarizer

    batch_api.require_endpoint(resolve_settings(model=model, base_url=base_url))
    summarizer = Summarizer(model=model, base_url=base_url)
    problems: list[str] = []
    failed = 0
    try:
        for batch_id in batch_ids:
            try:
                collected = batch_api.collect(summarizer, batch_id)
            except SummarizeError as exc:
                problems.append(str(exc))
                continue
            click.echo(
                f"{batch_id}: stored {_count(collected.stored, 'answer')}, "
                f"{collected.already_cached} already in the cache, "
                f"{len(collected.failures)} failed"
            )
            for failure in collected.failures:
                click.echo(f"failed: {failure.line()}", err=True)
            failed += len(collected.failures)
    finally:
        summarizer.close()
    if failed:
        problems.append(
            f"{_count(failed, 'request')} failed (listed above, not stored); "
            "`summarize batch submit` again sends them"
        )
    if problems:
        raise SummarizeError("; ".join(problems))


def _count(number: int, noun: str) -> str:
    plural = noun + ("es" if noun.endswith("ch") else "s")
    return f"{number} {noun if number == 1 else plural}"
