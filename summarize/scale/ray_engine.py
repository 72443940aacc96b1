"""Summarize a Ray Data dataset of articles with a pool of worker actors.

Each worker (an actor of Ray Data's actor pool) holds one :class:`Summarizer` for its
whole life, so its HTTP client and its response cache stay open between batches. Workers
are given the endpoints round robin, and each worker's share of its endpoint's
concurrency bounds the articles it has in flight. Every worker has a cache folder of its
own, ``cache_root/worker-<n>``; ``summarize cache import cache_root/worker-*`` merges
them into the main cache afterwards.

An article that fails is a row with its one-line error: neither a lost row nor a failed
job. A worker that dies (killed, out of memory) is restarted by Ray Data and its
unfinished batches are run again.
"""

from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from summarize.errors import ConfigurationError, InputError
from summarize.sources import checked_row

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

    from summarize.summarizer import ArticleInput

log = logging.getLogger("summarize.scale")

RAY_MISSING = 'the Ray engine needs ray: pip install -e ".[ray]"'
ROSTER_PREFIX = "summarize-roster-"
"""Name prefix of the named actor that numbers a run's workers (and knows their handles)."""
OUTPUT_COLUMNS = ("id", "summary", "error")


def require_ray() -> ModuleType:
    """The ``ray`` module (with Ray Data), or a one-line error saying how to install it."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise ConfigurationError(RAY_MISSING) from None
    return ray


@dataclass(frozen=True)
class WorkerPlan:
    """Which endpoint worker ``n`` uses and how many articles it may have in flight."""

    endpoints: tuple[str, ...]
    workers: int
    concurrency_per_endpoint: int

    def slot(self, index: int) -> int:
        """The pool position of worker ``index`` (a restarted worker takes a new index)."""
        return index % self.workers

    def endpoint(self, index: int) -> str:
        """Round robin: worker slots 0, 1, 2, ... get endpoints 0, 1, 2, ... in turn."""
        return self.endpoints[self.slot(index) % len(self.endpoints)]

    def concurrency(self, index: int) -> int:
        """The worker's share of its endpoint's concurrency (at least 1)."""
        position = self.slot(index) % len(self.endpoints)
        sharing = len(range(position, self.workers, len(self.endpoints)))
        return max(1, self.concurrency_per_endpoint // sharing)

    def batch_size(self) -> int:
        """Four rounds of the smallest share: enough to keep a worker's slots busy."""
        sharing = math.ceil(self.workers / len(self.endpoints))
        return 4 * max(1, self.concurrency_per_endpoint // sharing)


class Roster:
    """Numbers the workers of one run as they start and keeps their actor handles."""

    def __init__(self) -> None:
        self._next = 0
        self._workers: dict[int, Any] = {}

    def join(self, handle: Any) -> int:
        """A new worker's index: 0, 1, 2, ... (a restarted worker gets the next one)."""
        index, self._next = self._next, self._next + 1
        self._workers[index] = handle
        return index

    def workers(self) -> dict[int, Any]:
        """Every index handed out, and the actor handle that took it."""
        return dict(self._workers)


class SummarizeWorker:
    """A Ray Data actor: one Summarizer on one endpoint, with its own cache folder."""

    def __init__(
        self,
        roster: Any,
        plan: WorkerPlan,
        model: str | None,
        cache_root: str | None,
        options: dict[str, Any],
    ) -> None:
        import ray

        from summarize.summarizer import Summarizer

        context = ray.get_runtime_context()
        self.index: int = ray.get(roster.join.remote(context.current_actor))
        self.concurrency = plan.concurrency(self.index)
        cache_dir = Path(cache_root) / f"worker-{self.index}" if cache_root else None
        self.summarizer = Summarizer(
            model=model,
            base_url=plan.endpoint(self.index),
            cache=cache_dir is not None,
            cache_dir=cache_dir,
            **options,
        )

    def __call__(self, batch: pa.Table) -> pa.Table:
        """One output row (id, summary JSON or one-line error) per input row."""
        import pyarrow as pa

        ids: list[str | None] = []
        outcomes: list[tuple[str | None, str | None]] = []
        inputs: list[tuple[int, ArticleInput]] = []
        for position, row in enumerate(batch.to_pylist()):
            identifier = row.get("id")
            ids.append(None if identifier is None else str(identifier))
            outcomes.append((None, None))
            try:
                article = checked_row(row, ids[-1] or "a row without an id")
            except InputError as exc:
                outcomes[-1] = (None, str(exc))
                continue
            inputs.append((position, article.as_input()))
        for (position, _), outcome in zip(
            inputs, self._summarize([i for _, i in inputs]), strict=True
        ):
            outcomes[position] = outcome
        return pa.table(
            {
                "id": pa.array(ids, pa.string()),
                "summary": pa.array([summary for summary, _ in outcomes], pa.string()),
                "error": pa.array([error for _, error in outcomes], pa.string()),
            }
        )

    def _summarize(self, articles: list[ArticleInput]) -> list[tuple[str | None, str | None]]:
        """(summary JSON, None) or (None, error) per article, in order."""
        if not articles:
            return []
        try:
            results = self.summarizer.summarize_many(articles, concurrency=self.concurrency)
            return [(r.summary.model_dump_json() if r.summary else None, r.error) for r in results]
        except Exception:
            # summarize_many turns the program's own errors into error rows; anything else
            # is a bug: one article at a time, so that only the article that hits it fails
            log.exception(
                "worker %d: a batch failed; summarizing its articles one by one", self.index
            )
            return [self._one(article) for article in articles]

    def _one(self, article: ArticleInput) -> tuple[str | None, str | None]:
        try:
            summary = self.summarizer.summarize(
                article.text, published=article.published, source=article.source, name=article.name
            )
            return summary.model_dump_json(), None
        except Exception as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            return None, f"{article.name}: {reason}"


def plan_workers(
    endpoints: list[str], model: str | None, workers: int | None, concurrency_per_endpoint: int
) -> WorkerPlan:
    """The workers' plan, or a one-line error for endpoints and counts that cannot work
    (checked before any worker starts, not in every worker)."""
    from summarize.llm.config import resolve_settings

    if not endpoints:
        raise InputError("the Ray engine needs at least one endpoint (--base-url URL)")
    for endpoint in endpoints:
        resolve_settings(model=model, base_url=endpoint)  # refuses a malformed URL
    workers = len(endpoints) if workers is None else workers
    if workers < len(endpoints):
        raise InputError(
            f"{workers} worker(s) cannot serve {len(endpoints)} endpoints; "
            "give each endpoint at least one worker (--workers)"
        )
    if concurrency_per_endpoint < 1:
        raise InputError(f"concurrency must be at least 1, not {concurrency_per_endpoint}")
    return WorkerPlan(tuple(endpoints), workers, concurrency_per_endpoint)


def summarize_dataset(
    ds: ray.data.Dataset,
    *,
    endpoints: list[str],
    model: str | None,
    concurrency_per_endpoint: int,
    cache_root: Path | None,
    workers: int | None = None,
    batch_size: int | None = None,
    num_cpus: float = 0.5,
    prompt: str | None = None,
    strict_grounding: bool = False,
) -> ray.data.Dataset:
    """Summarize a dataset of articles (columns ``id``, ``text``, optional ``published``
    and ``source``) into one row per article: ``id``, ``summary`` (the summary as JSON
    text) or ``error`` (one line).

    ``workers`` actors (default: one per endpoint) take the endpoints round robin; those
    on one endpoint share ``concurrency_per_endpoint`` articles in flight. Each caches its
    answers in ``cache_root/worker-<n>`` (``None``: no cache). ``num_cpus`` is what Ray
    reserves per worker: a worker mostly waits for its endpoint. Lazy, like any Ray
    Data transform: nothing runs until the result is consumed. Build ``ds`` from Arrow
    tables or files (``from_arrow``, ``read_parquet``, ``read_json``): ``from_items``
    makes a block per row, and regrouping those feeds the workers unevenly.
    """
    ray = require_ray()
    plan = plan_workers(endpoints, model, workers, concurrency_per_endpoint)
    batch_size = batch_size or plan.batch_size()
    roster = (
        ray.remote(num_cpus=0)(Roster)
        .options(name=f"{ROSTER_PREFIX}{secrets.token_hex(4)}")
        .remote()
    )
    options: dict[str, Any] = {"strict_grounding": strict_grounding}
    if prompt is not None:
        options["prompt"] = prompt
    # blocks of one batch, so that every worker gets work however the dataset was made
    return ds.repartition(target_num_rows_per_block=batch_size).map_batches(
        SummarizeWorker,
        fn_constructor_kwargs={
            "roster": roster,
            "plan": plan,
            "model": model,
            "cache_root": str(cache_root) if cache_root is not None else None,
            "options": options,
        },
        batch_size=batch_size,
        batch_format="pyarrow",
        # one batch at a time per worker: batches queued on a busy worker cannot move to
        # an idle one, which left a worker idle for the last several batches of a run
        compute=ray.data.ActorPoolStrategy(size=plan.workers, max_tasks_in_flight_per_actor=1),
        num_cpus=num_cpus,
        # A dead worker is restarted and its unfinished batches run again: Ray Data's own
        # defaults for actor pools (max_restarts=-1, max_task_retries=-1); the
        # map_batches arguments that would change them are deprecated in Ray 2.60.
    )
