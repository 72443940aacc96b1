"""``summarize eval``: score the current prompt and model against hand-labelled gold."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from summarize.atomic import atomic_write_text
from summarize.cli.common import (
    cache_options,
    finish_evaluation,
    model_options,
    report_folder,
    reports_errors,
)
from summarize.errors import CacheMissError, ConfigurationError, InputError, SummarizeError
from summarize.evaluation.datasets import ADAPTERS

if TYPE_CHECKING:
    from summarize.core.schema import ArticleSummary
    from summarize.evaluation.gold import GoldArticle
    from summarize.evaluation.story_gold import StoryGold
    from summarize.evaluation.story_metrics import StoryScore
    from summarize.summarizer import Summarizer

DEFAULT_DATA = Path("seeds")
DEFAULT_GOLD = Path("evals/gold")
DEFAULT_REPORTS = Path("evals/reports")
_MAX_ERROR = 500  # characters of an article's error kept in the report


def _load_gold(gold_dir: Path, data_dir: Path) -> list[tuple[GoldArticle, str]]:
    """Every gold file in ``gold_dir`` with its article text, refusing malformed ones."""
    from pydantic import ValidationError

    from summarize.evaluation.gold import GoldError, load_gold

    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: no such gold folder; pass --gold DIR")
    if not data_dir.is_dir():
        raise InputError(f"{data_dir}: no such article folder; pass --data DIR")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise InputError(f"{gold_dir}: no gold files (*.json) to evaluate against")
    loaded = []
    for path in paths:
        try:
            loaded.append(load_gold(path, data_dir))
        except GoldError as exc:
            raise InputError(str(exc)) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InputError(
                f"{path}: not a valid gold file ({exc.error_count()} errors; {where}: "
                f"{first['msg']})"
            ) from None
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from None
        except FileNotFoundError as exc:
            raise InputError(f"{path}: its article is missing: {exc.filename}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot be read ({exc})") from None
    return loaded


def _load_story_gold(
    path: Path | None, gold_dir: Path, golds: list[tuple[GoldArticle, str]]
) -> StoryGold | None:
    """The story gold (default: story_gold.json next to the gold folder, when present)."""
    from pydantic import ValidationError

    from summarize.evaluation.story_gold import StoryGoldError, check_story_gold, load_story_gold

    if path is None:
        path = gold_dir.parent / "story_gold.json"
        if not path.is_file():
            return None
    try:
        story_gold = load_story_gold(path)
        check_story_gold(story_gold, {gold.article: gold.events for gold, _ in golds})
    except FileNotFoundError:
        raise InputError(f"{path}: no such story gold file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable story gold file ({exc})") from None
    except ValidationError as exc:
        raise InputError(
            f"{path}: not a valid story gold file ({exc.error_count()} errors)"
        ) from None
    except StoryGoldError as exc:
        raise InputError(f"{path}: {exc}") from None
    return story_gold


def _score_story(
    story_gold: StoryGold,
    golds: list[tuple[GoldArticle, str]],
    summaries: dict[str, ArticleSummary],
) -> StoryScore:
    """Build one story from the valid summaries and score its clustering."""
    from summarize.evaluation.story_gold import gold_clusters
    from summarize.evaluation.story_metrics import score_story
    from summarize.story import build_story

    events = {gold.article: gold.events for gold, _ in golds}
    story = build_story(list(summaries.values()), list(summaries))
    return score_story(story, summaries, events, gold_clusters(story_gold, events))


def _default_report_dir() -> Path:
    return DEFAULT_REPORTS / dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _summarize_one(summarizer: Summarizer, text: str, name: str) -> ArticleSummary:
    """Summarize (the pipeline finds the date itself) and re-validate against the schema."""
    from summarize.core.schema import ArticleSummary

    summary = summarizer.summarize(text, name=name)
    return ArticleSummary.model_validate(summary.model_dump())


@click.command("eval")
@click.option(
    "--dataset",
    type=click.Choice(["seeds", *sorted(ADAPTERS)]),
    default="seeds",
    show_default=True,
    help="What to evaluate on: the seeds and their gold, or a public corpus (needs --data).",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Seeds: the folder holding the articles the gold files name [default: seeds]. "
    "A corpus: its folder as distributed (e.g. ../shared/datasets/muc4).",
)
@click.option("--split", help="The corpus portion to read [default: the adapter's, e.g. tst2].")
@click.option("--limit", type=int, help="Only the first N documents (ECB+: topics).")
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_GOLD,
    show_default=True,
    help="Folder of gold files (*.json).",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write report.json, report.md and report.html here "
    "[default: evals/reports/<UTC timestamp>/].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@model_options
@click.option(
    "--prompt",
    "prompt_name",
    help="Prompt version to evaluate (a file prompts/<NAME>.toml) [default: the current].",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A stored report.json; exit 1 when a headline metric drops by more than 0.05.",
)
@click.option(
    "--save-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write this run's report.json here (e.g. evals/baseline.json).",
)
@click.option(
    "--story-gold",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Story gold (same event across articles) for the cluster metrics "
    "[default: story_gold.json next to the gold folder, when present].",
)
@cache_options
@reports_errors
def eval_command(
    dataset: str,
    data_dir: Path | None,
    split: str | None,
    limit: int | None,
    gold_dir: Path,
    report_dir: Path | None,
    as_json: bool,
    model: str | None,
    base_url: str | None,
    baseline: Path | None,
    save_baseline: Path | None,
    prompt_name: str | None,
    story_gold: Path | None,
    no_cache: bool,
    offline: bool,
) -> None:
    """Summarize every article that has a gold file and score the output.

    Reports event and claim precision/recall/F1, per-field accuracy, grounding and
    schema-valid rates, latency and tokens, and, with a story gold, how well events
    told by several articles are merged (pairwise and B-cubed cluster scores). The
    pipeline never sees the gold labels (not even the publication date). An article
    whose summary fails counts as schema-invalid with no predictions.
    """
    from summarize.evaluation.metrics import ArticleScore, score_article
    from summarize.evaluation.report import (
        build_report,
        compare_with_baseline,
        load_baseline,
        render_markdown,
        render_table,
    )
    from summarize.render.html_report import write_report_html
    from summarize.summarizer import Summarizer

    if no_cache and offline:
        raise InputError("--no-cache and --offline contradict each other; use one of them")

    def make_summarizer() -> Summarizer:
        prompt = {"prompt": prompt_name} if prompt_name else {}
        return Summarizer(
            model=model, base_url=base_url, cache=not no_cache, offline=offline, **prompt
        )

    if dataset != "seeds":
        from summarize.cli.eval_corpus import evaluate_corpus

        options = {
            "data": data_dir,
            "split": split,
            "limit": limit,
            "as_json": as_json,
            "baseline": baseline,
            "save_baseline": save_baseline,
        }
        evaluate_corpus(make_summarizer(), dataset, options, report_dir or _default_report_dir())
        return
    if split is not None or limit is not None:
        corpora = "|".join(sorted(ADAPTERS))
        raise InputError(f"--split and --limit are for a corpus (--dataset {corpora})")
    data_dir = data_dir or DEFAULT_DATA
    stored = load_baseline(baseline) if baseline else None
    golds = _load_gold(gold_dir, data_dir)
    stories = _load_story_gold(story_gold, gold_dir, golds)
    summaries: dict[str, ArticleSummary] = {}
    summarizer = make_summarizer()
    scores: list[ArticleScore] = []
    cache_misses = 0
    identity: tuple[str | None, str | None] = (None, None)
    try:
        for number, (gold, text) in enumerate(golds, start=1):
            summary: ArticleSummary | None = None
            error: str | None = None
            try:
                summary = _summarize_one(summarizer, text, gold.article)
            except ConfigurationError:
                raise
            except Exception as exc:  # one failed article must not end the run
                cache_misses += isinstance(exc, CacheMissError)
                message = " ".join(str(exc).split()).removeprefix(f"{gold.article}: ")
                if not isinstance(exc, SummarizeError):
                    message = f"{type(exc).__name__}: {message}"
                error = (message or type(exc).__name__)[:_MAX_ERROR]
            score = score_article(gold.article, gold.events, gold.claims, summary, error)
            scores.append(score)
            if summary is not None:
                summaries[gold.article] = summary
                identity = (summary.meta.model, summary.meta.prompt_version)
                click.echo(
                    f"[{number}/{len(golds)}] {gold.article}: events F1 {score.events.f1:.2f}, "
                    f"claims F1 {score.claims.f1:.2f} ({summary.meta.latency_s:.1f} s)",
                    err=True,
                )
            else:
                click.echo(f"[{number}/{len(golds)}] {gold.article}: failed: {error}", err=True)
    finally:
        summarizer.close()

    report = build_report(
        scores,
        model=identity[0] or summarizer.settings.model,
        prompt_version=identity[1] or summarizer.prompts.version,
        story=_score_story(stories, golds, summaries) if stories is not None else None,
    )
    target = report_dir or _default_report_dir()
    report_folder(target)
    atomic_write_text(target / "report.json", report.to_json(indent=2) + "\n")
    atomic_write_text(target / "report.md", render_markdown(report))
    write_report_html(target / "report.html", report, stored, baseline)

    finish_evaluation(
        report,
        render_table(report),
        target,
        as_json=as_json,
        comparison=compare_with_baseline(report, stored) if stored is not None else None,
        baseline=baseline,
        save_baseline=save_baseline,
        failed=report.articles - report.articles_valid,
        total=report.articles,
        noun="articles",
        first_error=report.errors[0] if report.errors else None,
        cache_misses=cache_misses,
        recorded="tests/fixtures/recorded/responses",
    )
