"""``summarize run SOURCE --engine ray``: a source of articles through Ray Data into a
results file, skipping the articles an earlier run already summarized."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarize.errors import InputError, SummarizeError
from summarize.scale.output import AllFailed, output_format, read_previous, write_results
from summarize.scale.ray_engine import plan_workers, require_ray, summarize_dataset
from summarize.sources import SourceArticle, read_source

if TYPE_CHECKING:
    import pyarrow as pa

SHOWN_ERRORS = 5


@dataclass(frozen=True)
class RayRun:
    """What ``summarize run --engine ray`` is asked to do."""

    source: Path
    out: Path
    endpoints: list[str]
    model: str | None
    workers: int | None
    concurrency: int
    cache_root: Path | None
    strict_grounding: bool = False


def run_with_ray(job: RayRun, say: Callable[[str], None]) -> None:
    """Summarize the source's articles that ``job.out`` lacks (or holds as failed) and
    write their rows; ``say`` gets the progress lines. Raises a SummarizeError listing
    the failures when any article failed (their rows are written)."""
    from summarize.atomic import check_writable, same_file

    ray = require_ray()
    output_format(job.out)
    if same_file(job.out, job.source):
        raise InputError(f"{job.out} is the source; choose another output file")
    check_writable(job.out)
    plan_workers(job.endpoints, job.model, job.workers, job.concurrency)
    previous = read_previous(job.out)
    articles = read_source(job.source, warn=lambda line: say(f"summarize: warning: {line}"))
    todo = [a for a in articles if a.id not in previous.summarized]
    if not todo:
        say(f"nothing to do: all {len(articles)} articles are summarized in {job.out}")
        return
    if previous.rows:
        done = len(articles) - len(todo)
        say(f"{done} of {len(articles)} articles are summarized in {job.out} already")
    started = not ray.is_initialized()
    if started:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # nothing leaves the machine
        ray.init(include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    _quiet_ray_data()
    try:
        results = summarize_dataset(
            ray.data.from_arrow(_table(todo)),
            endpoints=job.endpoints,
            model=job.model,
            concurrency_per_endpoint=job.concurrency,
            cache_root=job.cache_root,
            workers=job.workers,
            strict_grounding=job.strict_grounding,
        )
        batches = results.iter_batches(batch_format="pyarrow", batch_size=None)
        written = write_results(job.out, previous, {a.id for a in todo}, batches)
    except AllFailed:
        raise SummarizeError(
            f"all {len(todo)} articles failed, so {job.out} was not changed; "
            "check the endpoints (--base-url) and run again"
        ) from None
    finally:
        if started:
            ray.shutdown()
    say(
        f"wrote {written.summarized + written.failed} rows to {job.out} "
        f"({written.summarized} summarized, {written.failed} failed)"
    )
    if job.cache_root is not None:
        say(f"merge the workers' caches: summarize cache import {job.cache_root}/worker-*")
    if written.failed:
        shown = "; ".join(written.errors[:SHOWN_ERRORS])
        more = (
            f"; and {written.failed - SHOWN_ERRORS} more" if written.failed > SHOWN_ERRORS else ""
        )
        raise SummarizeError(
            f"{written.failed} of {len(todo)} articles failed (their rows in {job.out} carry "
            f"the error; a re-run retries them): {shown}{more}"
        )


def _quiet_ray_data() -> None:
    """Ray Data's warnings (and its progress bars on a terminal), not its notes."""
    logging.getLogger("ray.data").setLevel(logging.WARNING)


def _table(articles: list[SourceArticle]) -> pa.Table:
    """The articles as an Arrow table (id, text, published as ISO text, source)."""
    import pyarrow as pa

    return pa.table(
        {
            "id": pa.array([a.id for a in articles], pa.string()),
            "text": pa.array([a.text for a in articles], pa.string()),
            "published": pa.array(
                [a.published.isoformat() if a.published else None for a in articles], pa.string()
            ),
            "source": pa.array([a.source for a in articles], pa.string()),
        }
    )
