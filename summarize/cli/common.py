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


def model_option(function: F) -> F:
    """``-m/--model``, with its environment variable."""
    return click.option(
        "-m", "--model", envvar="SUMMARIZE_MODEL", help="Model id [env: SUMMARIZE_MODEL]."
    )(function)


def model_options(function: F) -> F:
    """``-m/--model`` and ``--base-url``, with their environment variables."""
    function = click.option(
        "--base-url",
        envvar="OPENAI_BASE_URL",
        help="OpenAI-compatible endpoint [env: OPENAI_BASE_URL].",
    )(function)
    return model_option(function)


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


def finish_evaluation(
    report: Any,
    table: str,
    target: Path,
    *,
    as_json: bool,
    comparison: Any,
    baseline: Path | None,
    save_baseline: Path | None,
    failed: int,
    total: int,
    noun: str,
    first_error: str | None,
    cache_misses: int,
    recorded: str,
) -> None:
    """What every evaluation does once its report is written: print it (JSON or the
    table), list regressions, fail when an item failed (its scores measure nothing, and
    no baseline is saved from it), save the baseline, exit 1 on a regression."""
    if as_json:
        click.echo(report.to_json())
        click.echo(f"Report written to {target}/", err=True)
    else:
        click.echo(table)
        click.echo(f"\nReport written to {target}/ (report.json, report.md, report.html)")
    if comparison is not None:
        for regression in comparison.regressions:
            click.echo(regression.message(), err=True)
    if failed:
        not_saved = f"the baseline was not saved to {save_baseline} and " if save_baseline else ""
        message = (
            f"{failed} of {total} {noun} failed, so {not_saved}these scores are not a "
            f"measurement (report in {target}/); first: {first_error}"
        )
        if cache_misses:
            message += (
                "; to evaluate offline on a fresh clone, load the recorded answers first: "
                f"summarize cache import {recorded}"
            )
        raise SummarizeError(message)
    if save_baseline is not None:
        from summarize.atomic import atomic_write_text

        atomic_write_text(save_baseline, report.to_json(indent=2) + "\n")
    if comparison is not None:
        if comparison.regressed:
            sys.exit(1)
        click.echo(f"No regression against {baseline}.", err=True)
