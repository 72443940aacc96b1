"""``summarize FILE...``: summarize articles to JSON, Markdown or HTML pages."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from summarize.cli.common import article_paths, cache_options, model_option, reports_errors
from summarize.errors import InputError, SummarizeError

if TYPE_CHECKING:
    from summarize.core.article import Article
    from summarize.core.schema import ArticleSummary
    from summarize.render.pages import ArticlePages
    from summarize.summarizer import ArticleInput, BatchResult, Summarizer


def _inputs(
    files: tuple[str, ...],
    published: dt.date | None = None,
    source: str | None = None,
) -> tuple[list[ArticleInput], list[Path]]:
    """Every article named on the command line, in order (standard input, then JSON Lines
    and Parquet sources, then article files and folders), and the files read. A table's
    own ``published`` and ``source`` win over ``published`` and ``source``. Files a folder
    holds but that are not read are listed once."""
    from summarize.core.article import article_from_bytes, read_article
    from summarize.sources import TABLE_SUFFIXES, read_source
    from summarize.summarizer import ArticleInput

    articles: list[ArticleInput] = []
    paths: list[Path] = []
    tables: list[Path] = []

    def keep(article: Article) -> None:
        for warning in article.warnings:
            click.echo(f"summarize: warning: {warning}", err=True)
        articles.append(ArticleInput(article.text, article.name, published, source))

    for item in files:
        if item == "-":
            data = sys.stdin.buffer.read()
            if not data.strip():
                raise InputError("standard input is empty; pipe an article into `summarize -`")
            keep(article_from_bytes(data, "<stdin>"))
        elif Path(item).suffix.lower() in TABLE_SUFFIXES and Path(item).is_file():
            tables.append(Path(item))
        else:
            paths.append(Path(item))
    for table in tables:
        articles += [row.as_input(published, source) for row in read_source(table)]
    paths = article_paths(paths)
    for path in paths:
        keep(read_article(path))
    return articles, [*tables, *paths]


def check_output(output: Path, inputs: list[Path]) -> None:
    """Refuse, before any work, an output path that is one of the input files or that
    cannot be written."""
    from summarize.atomic import check_writable, same_file

    for path in inputs:
        if same_file(output, path):
            raise InputError(
                f"{output} is one of the input articles; writing there would replace it: "
                "choose another output path"
            )
    check_writable(output)


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "html"]),
    default="json",
    show_default=True,
    help="JSON (one object per file; JSON Lines for several), Markdown, or an HTML page "
    "(one self-contained page per article; several need -o DIR).",
)
@click.option(
    "-o",
    "--output",
    "--out",
    "output",
    type=click.Path(),
    help="Write here, not stdout (a folder for several --format html pages; a .parquet or "
    ".jsonl results file with --engine ray).",
)
@model_option
@click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    envvar="OPENAI_BASE_URL",
    help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL]; repeat it with --engine ray "
    "to spread the work over several endpoints.",
)
@click.option("--published", help="Publication date, YYYY-MM-DD, to resolve relative dates.")
@click.option("--source", help="Outlet that published the article.")
@click.option(
    "--strict-grounding",
    is_flag=True,
    help="Drop events and claims whose quote is not in the article "
    "(default: keep them with grounded=false).",
)
@click.option(
    "-j",
    "--concurrency",
    type=click.IntRange(min=1),
    help="Articles in flight at once (per endpoint with --engine ray) "
    "[default: 1 on the embedded model, 8 on an endpoint].",
)
@cache_options
@click.option(
    "--engine",
    type=click.Choice(["single", "ray"]),
    default="single",
    show_default=True,
    help="single: this process, -j articles in flight. ray: Ray Data workers over the "
    "--base-url endpoints, one row per article of SOURCE (a folder, .jsonl or .parquet) "
    "in --out (needs the ray extra).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Ray workers (--engine ray) [default: one per --base-url].",
)
@reports_errors
def run(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    model: str | None,
    base_urls: tuple[str, ...],
    published: str | None,
    source: str | None,
    strict_grounding: bool,
    concurrency: int | None,
    no_cache: bool,
    offline: bool,
    engine: str,
    workers: int | None,
) -> None:
    """Summarize FILES (paths, directories of .txt/.md/.html, or - for stdin).

    With --engine ray: one SOURCE (a folder, a .jsonl or a .parquet file of id, text,
    published, source) into one row per article in --out; a re-run adds only the
    articles not summarized there yet.

    An -o file is replaced only when the run wrote something to it: a run that fails,
    or is interrupted, leaves it as it was.
    """
    from summarize.core.article import parse_published
    from summarize.summarizer import Summarizer

    if engine == "ray":
        refused = {
            "--format": fmt != "json",
            "--offline": offline,
            "--published": published is not None,
            "--source": source is not None,
        }
        _run_ray(
            files,
            output,
            base_urls,
            model=model,
            workers=workers,
            concurrency=concurrency,
            strict_grounding=strict_grounding,
            no_cache=no_cache,
            refused=[option for option, given in refused.items() if given],
        )
        return
    if workers is not None:
        raise InputError("--workers goes with --engine ray")
    if len(base_urls) > 1:
        raise InputError("several --base-url endpoints need --engine ray; pass one")
    base_url = base_urls[0] if base_urls else None
    published_date: dt.date | None = parse_published(published) if published else None
    if no_cache and offline:
        raise InputError("--no-cache and --offline contradict each other; use one of them")
    articles, input_paths = _inputs(files, published_date, source)
    pages = _html_pages(output, articles, input_paths) if fmt == "html" else None
    to_file = Path(output) if output and pages is None else None  # pages write their own
    if to_file is not None:
        if to_file.is_dir():
            raise InputError(f"{output} is a directory; -o DIR is for --format html")
        check_output(to_file, input_paths)
    summarizer = Summarizer(
        model=model,
        base_url=base_url,
        cache=not no_cache,
        offline=offline,
        strict_grounding=strict_grounding,
    )
    failures: list[str] = []
    try:
        # a file output replaces the old one only when the run wrote something to it
        with _destination(to_file) as out:
            if len(articles) == 1:
                one = articles[0]
                summary = summarizer.summarize(
                    one.text, published=one.published, source=one.source, name=one.name
                )
                if pages is not None:
                    pages.write(0, summary, out)
                else:
                    out.write(render(summary, fmt, single=True))
                return
            failures = _run_batch(summarizer, articles, out, fmt, concurrency, pages)
            if len(failures) == len(articles):
                raise _batch_error(failures, len(articles))
    finally:
        summarizer.close()
    if failures:
        raise _batch_error(failures, len(articles))


_SINGLE_ONLY = {
    "--format": "--engine ray writes one row per article to --out",
    "--offline": "--engine ray calls the endpoints",
    "--published": "with --engine ray, a .jsonl or .parquet source gives it per article",
    "--source": "with --engine ray, a .jsonl or .parquet source gives it per article",
}


def _run_ray(
    files: tuple[str, ...],
    output: str | None,
    base_urls: tuple[str, ...],
    *,
    model: str | None,
    workers: int | None,
    concurrency: int | None,
    strict_grounding: bool,
    no_cache: bool,
    refused: list[str],
) -> None:
    """``--engine ray``: check its options (``refused``: given options of the single
    engine only), then run it."""
    from summarize.scale.ray_engine import require_ray

    require_ray()  # first: without ray, nothing else is worth checking
    if len(files) != 1 or files[0] == "-":
        raise InputError("--engine ray takes one SOURCE: a folder, a .jsonl or a .parquet file")
    if output is None:
        raise InputError("--engine ray writes a results file: pass --out results.parquet or .jsonl")
    if not base_urls:
        raise InputError(
            "--engine ray needs --base-url URL (repeat it for several endpoints); "
            "Ray workers do not run the embedded model"
        )
    if refused:
        option = refused[0]
        raise InputError(f"{option} goes with --engine single; {_SINGLE_ONLY[option]}")
    from summarize.paths import response_cache_dir
    from summarize.scale.run import RayRun, run_with_ray
    from summarize.summarizer import DEFAULT_REMOTE_CONCURRENCY

    job = RayRun(
        source=Path(files[0]),
        out=Path(output),
        endpoints=list(base_urls),
        model=model,
        workers=workers,
        concurrency=concurrency or DEFAULT_REMOTE_CONCURRENCY,
        cache_root=None if no_cache else response_cache_dir() / "workers",
        strict_grounding=strict_grounding,
    )
    run_with_ray(job, say=lambda line: click.echo(line, err=True))


def _batch_error(failures: list[str], total: int) -> SummarizeError:
    listing = "; ".join(failures)
    return SummarizeError(f"{len(failures)} of {total} articles failed: {listing}")


@contextmanager
def _destination(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file written whole: the old file stays if the block fails."""
    if path is None:
        yield sys.stdout
        return
    from summarize.atomic import atomic_open

    try:
        with atomic_open(path) as handle:
            yield handle
    except OSError as exc:  # e.g. the disk filled up while writing
        raise InputError(f"{path}: cannot write the output ({exc.strerror or exc})") from None


def _html_pages(
    output: str | None, articles: list[ArticleInput], inputs: list[Path]
) -> ArticlePages:
    """Where each article's HTML page goes (checks -o before anything is summarized)."""
    from summarize.render.pages import ArticlePages

    pages = ArticlePages(output, [(article.name, article.text) for article in articles])
    for target in pages.targets:
        if target is not None:
            check_output(target, inputs)
    return pages


def render(summary: ArticleSummary, fmt: str, *, single: bool) -> str:
    """One summary in the chosen format (JSON Lines when part of a batch)."""
    from summarize.cli.render import to_json, to_markdown

    if fmt == "md":
        return to_markdown(summary) + "\n"
    return to_json(summary, indent=2 if single else None) + "\n"


def _run_batch(
    summarizer: Summarizer,
    batch: list[ArticleInput],
    out: TextIO,
    fmt: str,
    concurrency: int | None,
    pages: ArticlePages | None = None,
) -> list[str]:
    """Summarize a batch, writing results in input order as soon as they are ready.

    Returns the one-line errors of the articles that failed; the others are written.
    """
    ready: dict[int, BatchResult] = {}
    failures: list[str] = []
    next_index = 0

    with _progress(len(batch)) as advance:

        def on_result(result: BatchResult) -> None:
            nonlocal next_index
            advance(result)
            ready[result.index] = result
            while next_index in ready:
                done = ready.pop(next_index)
                next_index += 1
                if done.summary is not None and pages is not None:
                    pages.write(done.index, done.summary, out)
                elif done.summary is not None:
                    out.write(render(done.summary, fmt, single=False))
                    out.flush()
                else:
                    failures.append(done.error or f"{done.name}: failed")

        summarizer.summarize_many(batch, concurrency=concurrency, on_result=on_result)
    return failures


@contextmanager
def _progress(total: int) -> Iterator[Callable[[BatchResult], None]]:
    """A progress bar on stderr when it is a terminal; a no-op otherwise."""
    if not sys.stderr.isatty():
        yield lambda _result: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("summarizing", total=total)

        def advance(result: BatchResult) -> None:
            status = "failed" if result.error else "done"
            progress.console.print(f"{status}: {result.name}", style="dim")
            progress.advance(task)

        yield advance
