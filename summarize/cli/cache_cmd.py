"""``summarize cache``: inspect, clear, export and import the response cache."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from summarize.cli.common import article_paths, model_options, reports_errors
from summarize.errors import InputError
from summarize.evaluation.datasets import ADAPTERS

if TYPE_CHECKING:
    from summarize.llm.cache import ResponseCache


def _open():  # type: ignore[no-untyped-def]
    from summarize.llm.cache import ResponseCache
    from summarize.paths import response_cache_dir

    return ResponseCache(response_cache_dir())


@click.group()
def cache() -> None:
    """Manage the response cache (SUMMARIZE_CACHE_DIR overrides its location)."""


@cache.command()
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
@reports_errors
def stats(as_json: bool) -> None:
    """Entries, size on disk, and hit/miss counts."""
    import dataclasses
    import json

    numbers = _open().stats()
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(numbers)))
        return
    click.echo(f"directory: {numbers.directory}")
    click.echo(f"entries:   {numbers.entries}")
    click.echo(f"size:      {numbers.size_bytes / 1024:.1f} KiB")
    click.echo(f"hits:      {numbers.hits}")
    click.echo(f"misses:    {numbers.misses}")


@cache.command()
@reports_errors
def clear() -> None:
    """Remove every cached response."""
    click.echo(f"removed {_open().clear()} entries")


@cache.command(name="export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@reports_errors
def export_(directory: Path) -> None:
    """Write one readable JSON file per entry, named by its key, into DIRECTORY."""
    count = _open().export(directory)
    click.echo(f"exported {count} {'entry' if count == 1 else 'entries'} to {directory}")


@cache.command(name="import")
@click.argument("directories", nargs=-1, required=True, type=click.Path(path_type=Path))
@reports_errors
def import_(directories: tuple[Path, ...]) -> None:
    """Load entries from DIRECTORIES written by `summarize cache export`, or merge other
    response caches into this one (the Ray workers': summarize cache import DIR/worker-*)."""
    target = _open()
    try:
        for directory in directories:
            click.echo(f"imported {_import(target, directory)} entries from {directory}")
    finally:
        target.close()


def _import(target: ResponseCache, directory: Path) -> int:
    """Entries of an export folder, or of another response cache (it holds cache.db)."""
    if not (directory / "cache.db").is_file():
        return int(target.import_dir(directory))
    from summarize.atomic import same_file
    from summarize.llm.cache import ResponseCache

    if same_file(directory, target.directory):
        raise InputError(f"{directory} is the response cache itself; name another cache folder")
    source = ResponseCache(directory)
    try:
        return target.merge(source)
    finally:
        source.close()


RECORDED = Path("tests/fixtures/recorded")


@dataclass(frozen=True)
class _Recorded:
    """One document to record: what the summarizer is given, and its file stem."""

    stem: str
    name: str
    text: str
    published: dt.date | None = None
    source: str | None = None


def _documents(
    articles: tuple[Path, ...],
    dataset: str | None,
    data: Path | None,
    split: str | None,
    limit: int | None,
) -> list[_Recorded]:
    """The seeds (or ARTICLES), or a corpus's development sample, in order."""
    if dataset is None:
        from summarize.core.article import read_article

        if data is not None or split is not None or limit is not None:
            raise InputError("--data, --split and --limit go with --dataset")
        paths = article_paths(list(articles) or [Path("seeds")])
        found = [(path, read_article(path)) for path in paths]
        return [_Recorded(path.stem, article.name, article.text) for path, article in found]
    if articles:
        raise InputError("pass either ARTICLES or --dataset, not both")
    from summarize.cli.eval_corpus import load_corpus

    _, _, golds = load_corpus(dataset, data, split, limit)
    return [
        _Recorded(
            g.document.id, g.document.id, g.document.text, g.document.published, g.document.source
        )
        for g in golds
    ]


@cache.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--to",
    "destination",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for the recording: responses/ (one JSON file per model response) and "
    "summaries/ (the summary made from them); old files there are replaced "
    "[default: tests/fixtures/recorded, or tests/fixtures/recorded/<DATASET>].",
)
@click.option(
    "--dataset",
    type=click.Choice(sorted(ADAPTERS)),
    help="Record a public corpus's development sample instead of ARTICLES (with --data).",
)
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), help="The corpus folder.")
@click.option("--split", help="The corpus portion [default: the adapter's].")
@click.option("--limit", type=int, help="Only the first N documents (ECB+: topics).")
@model_options
@click.option(
    "--prompt",
    "prompt_name",
    help="Prompt version to record with (a file prompts/<NAME>.toml) [default: the current].",
)
@click.option(
    "--summaries-only",
    is_flag=True,
    help="Keep the recorded responses and rebuild only summaries/ from them, offline "
    "(after a change to the code that assembles summaries, not to prompts or schema).",
)
@reports_errors
def record(
    articles: tuple[Path, ...],
    destination: Path | None,
    dataset: str | None,
    data: Path | None,
    split: str | None,
    limit: int | None,
    model: str | None,
    base_url: str | None,
    prompt_name: str | None,
    summaries_only: bool,
) -> None:
    """Run the real model over ARTICLES (default: seeds/) and record its responses.

    Every answer comes from a live model call into a fresh cache, which is then
    exported to the destination: re-recording after a prompt or schema change is
    this one command.
    """
    import tempfile
    import time

    from summarize.atomic import replace_directory
    from summarize.llm.cache import ResponseCache
    from summarize.summarizer import Summarizer

    documents = _documents(articles, dataset, data, split, limit)
    destination = destination or RECORDED / (dataset or "")
    with tempfile.TemporaryDirectory(prefix="summarize-record-") as scratch:
        staging = Path(scratch) / "recording"
        responses, summaries = staging / "responses", staging / "summaries"
        summaries.mkdir(parents=True)
        cache_dir = Path(scratch) / "cache"
        if summaries_only:
            ResponseCache(cache_dir).import_dir(destination / "responses")
        options = {"prompt": prompt_name} if prompt_name else {}
        summarizer = Summarizer(
            model=model, base_url=base_url, cache_dir=cache_dir, offline=summaries_only, **options
        )
        for document in documents:
            start = time.perf_counter()
            summary = summarizer.summarize(
                document.text,
                published=document.published,
                source=document.source,
                name=document.name,
            )
            text = summary.model_dump_json(indent=2) + "\n"
            (summaries / f"{document.stem}.json").write_text(text)
            usage = summary.meta.usage
            click.echo(
                f"{document.stem}: {len(summary.events)} events, {len(summary.claims)} claims, "
                f"{usage.prompt_tokens} prompt ({usage.cached_prompt_tokens} cached) + "
                f"{usage.completion_tokens} generated tokens, {time.perf_counter() - start:.1f} s",
                err=True,
            )
        summarizer.close()
        count = ResponseCache(cache_dir).export(responses)
        # Replace the old recording only once the new one is complete, and only its own
        # folders: the seeds' destination also holds the corpora's recordings.
        if not summaries_only:
            replace_directory(responses, destination / "responses")
        replace_directory(summaries, destination / "summaries")
    click.echo(f"recorded {count} responses and {len(documents)} summaries into {destination}")
