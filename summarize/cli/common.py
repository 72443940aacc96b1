"""Pieces shared by the commands: error reporting, input folders and the cache options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from summarize.errors import InputError, SummarizeError

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(function: F) -> F:
    """Turn the program's errors into one line on stderr and a non-zero exit code."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except SummarizeError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def cache_options(function: F) -> F:
    """``--no-cache`` and ``--offline``."""
    function = click.option(
        "--offline", is_flag=True, help="Answer from the cache only; never call a model."
    )(function)
    function = click.option(
        "--no-cache", "no_cache", is_flag=True, help="Neither read nor write the response cache."
    )(function)
    return function


def model_options(function: F) -> F:
    """``-m/--model`` and ``--base-url``, with their environment variables."""
    function = click.option(
        "--base-url",
        envvar="OPENAI_BASE_URL",
        help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].",
    )(function)
    function = click.option(
        "-m", "--model", envvar="SUMMARIZE_MODEL", help="Model id [env: SUMMARIZE_MODEL]."
    )(function)
    return function


def article_paths(arguments: list[Path]) -> list[Path]:
    """The article files that paths and folders name; files a folder holds but that are
    not read (other suffixes) are listed once on stderr."""
    from summarize.core.article import collect_paths

    skipped: list[Path] = []
    paths = collect_paths(arguments, skipped)
    if skipped:
        count = len(skipped)
        click.echo(
            f"summarize: skipped {count} file{'s' if count != 1 else ''} that "
            f"{'are' if count != 1 else 'is'} not .txt, .md, .html or .htm: "
            + ", ".join(str(path) for path in skipped),
            err=True,
        )
    return paths


def report_folder(target: Path) -> None:
    """Create a report folder (and its parents), or refuse in one line."""
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{target}: cannot create the report folder ({exc})") from None
