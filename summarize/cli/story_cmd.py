"""``summarize story FILES|DIR``: one story from several articles' events, figures reconciled."""

from __future__ import annotations

from pathlib import Path

import click

from summarize.cli.common import article_paths, cache_options, model_options, reports_errors
from summarize.errors import ConfigurationError, InputError, SummarizeError


@click.command("story")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "html"]),
    default="json",
    show_default=True,
    help="The story as one JSON object, readable Markdown, or a self-contained HTML page.",
)
@model_options
@cache_options
@reports_errors
def story_command(
    files: tuple[Path, ...],
    fmt: str,
    model: str | None,
    base_url: str | None,
    no_cache: bool,
    offline: bool,
) -> None:
    """Merge the events that FILES (articles, or folders of .txt/.md) report in common.

    Each article is summarized (from the cache when it can be; --offline: only from the
    cache), then events told by several articles are merged into story events, their
    figures reconciled (agree / differ in time or scope / conflict), and running counts
    of attacks listed as series. An article that cannot be summarized is reported on
    stderr and left out; the exit code is then 1.
    """
    from summarize.core.article import read_article
    from summarize.story import build_story
    from summarize.story.render import to_markdown
    from summarize.summarizer import Summarizer

    if no_cache and offline:
        raise InputError("--no-cache and --offline contradict each other; use one of them")
    articles = [read_article(path) for path in article_paths(list(files))]
    if len({a.name for a in articles}) != len(articles):
        raise InputError("the same article is named twice; pass each file once")
    summarizer = Summarizer(model=model, base_url=base_url, cache=not no_cache, offline=offline)
    summaries, names, failures = [], [], []
    try:
        for article in articles:
            try:
                summaries.append(summarizer.summarize(article.text, name=article.name))
                names.append(article.name)
            except ConfigurationError:
                raise
            except SummarizeError as exc:
                failures.append(article.name)
                click.echo(f"Error: {exc}", err=True)
    finally:
        summarizer.close()
    if not summaries:
        raise SummarizeError(f"none of the {len(articles)} articles could be summarized")
    story = build_story(summaries, names)
    if fmt == "html":
        from summarize.render.html_story import render_story_html

        click.echo(render_story_html(story), nl=False)
    else:
        click.echo(to_markdown(story) if fmt == "md" else story.model_dump_json(indent=2))
    if failures:
        raise SummarizeError(
            f"{len(failures)} of {len(articles)} articles failed and were left out of the story"
        )
