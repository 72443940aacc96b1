"""The ``summarize`` command line: ``summarize FILE...`` plus subcommand groups."""

from __future__ import annotations

import click
from click_default_group import DefaultGroup

EXAMPLES = """
\b
Examples:
  summarize seeds/001_b8f2c667bf175de8.txt             JSON summary on the embedded model
  summarize article.txt --format md                     readable Markdown
  summarize seeds/ -o summaries.jsonl                   every .txt/.md in a folder, JSON Lines
  cat article.txt | summarize - --published 2023-12-04
  summarize article.txt -m gpt-4o-mini                  OpenAI (needs OPENAI_API_KEY)
  summarize article.txt --base-url http://127.0.0.1:8080/v1   any OpenAI-compatible server
  summarize article.txt --offline                       answers from the cache only
  summarize cache stats
"""


@click.group(
    cls=DefaultGroup,
    default="run",
    default_if_no_args=False,
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="summarize-news")
def cli() -> None:
    """Turn news articles into typed, grounded summaries of their events and claims.

    Run `summarize FILE...` (the default command), or a subcommand below.
    """


def _register() -> None:
    from summarize.cli.batch_cmd import batch
    from summarize.cli.cache_cmd import cache
    from summarize.cli.eval_cmd import eval_command
    from summarize.cli.run_cmd import run
    from summarize.cli.story_cmd import story_command

    cli.add_command(run)
    cli.add_command(story_command)
    cli.add_command(cache)
    cli.add_command(eval_command)
    cli.add_command(batch)


_register()


def main() -> None:
    """Entry point for ``python -m summarize``."""
    cli()
