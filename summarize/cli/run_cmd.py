"""``summarize FILE...``: summarize articles to JSON or Markdown."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

import click

from summarize.cli.common import cache_options, reports_errors
from summarize.errors import InputError, SummarizeError


def _inputs(files: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, text) of every article named on the command line, in order."""
    from summarize.core.article import collect_paths, read_article

    articles: list[tuple[str, str]] = []
    paths: list[Path] = []
    for item in files:
        if item == "-":
            text = sys.stdin.read()
            if not text.strip():
                raise InputError("standard input is empty; pipe an article into `summarize -`")
            articles.append(("<stdin>", text))
        else:
            paths.append(Path(item))
    for path in collect_paths(paths):
        article = read_article(path)
        articles.append((article.name, article.text))
    return articles


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md"]),
    default="json",
    show_default=True,
    help="JSON (one object per file; JSON Lines for several) or Markdown.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write here, not stdout."
)
@click.option("-m", "--model", envvar="SUMMARIZE_MODEL", help="Model id [env: SUMMARIZE_MODEL].")
@click.option(
    "--base-url",
    envvar="OPENAI_BASE_URL",
    help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].",
)
@click.option("--published", help="Publication date, YYYY-MM-DD, to resolve relative dates.")
@click.option("--source", help="Outlet that published the article.")
@click.option(
    "--strict-grounding",
    is_flag=True,
    help="Drop events and claims whose quote is not in the article "
    "(default: keep them with grounded=false).",
)
@cache_options
@reports_errors
def run(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    model: str | None,
    base_url: str | None,
    published: str | None,
    source: str | None,
    strict_grounding: bool,
    no_cache: bool,
    offline: bool,
) -> None:
    """Summarize FILES (paths, directories of .txt/.md, or - for stdin)."""
    from summarize.cli.render import to_json, to_markdown
    from summarize.core.article import parse_published
    from summarize.summarizer import Summarizer

    published_date: dt.date | None = parse_published(published) if published else None
    articles = _inputs(files)
    if no_cache and offline:
        raise InputError("--no-cache and --offline contradict each other; use one of them")
    summarizer = Summarizer(
        model=model,
        base_url=base_url,
        cache=not no_cache,
        offline=offline,
        strict_grounding=strict_grounding,
    )
    single = len(articles) == 1
    failures: list[str] = []
    out: TextIO = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for name, text in articles:
            try:
                summary = summarizer.summarize(
                    text, published=published_date, source=source, name=name
                )
            except SummarizeError as exc:
                if single:
                    raise
                failures.append(str(exc))
                click.echo(f"Error: {exc}", err=True)
                continue
            if fmt == "md":
                out.write(to_markdown(summary) + "\n")
            else:
                out.write(to_json(summary, indent=2 if single else None) + "\n")
            out.flush()
    finally:
        if output:
            out.close()
        summarizer.close()
    if failures:
        raise SummarizeError(f"{len(failures)} of {len(articles)} articles failed (listed above)")
