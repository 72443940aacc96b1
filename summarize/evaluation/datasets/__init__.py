"""Public labelled corpora as evaluation sets: one adapter module per corpus.

Each adapter reads its corpus in the distributed format from a path (nothing is copied
into the package), turns each labelled document into a :class:`CorpusDocument` that the
summarizer reads, and scores the summaries with the corpus's own measures. The registry
:data:`ADAPTERS` is the one place that names them; ``summarize eval --dataset NAME`` looks
the adapter up there.

An adapter module provides (see :class:`Adapter`):

- ``NAME``, ``SPLITS`` (the portions it can read) and ``DEFAULT_SPLIT``;
- ``load(data, split, limit) -> list[G]``: the gold documents of a split, in a stable
  order, the first ``limit`` of them when given; each ``G`` has a ``.document``;
- ``score(golds, summaries) -> S``: the corpus's measures for the summaries
  (``summaries[document.id]`` is None when that document failed); ``S`` is a pydantic
  model with ``metrics() -> dict[str, float | None]`` (flat, stable key names, each
  prefixed with the corpus name), ``rows() -> list[tuple[str, str]]`` (the report table)
  and ``worst(count) -> list[str]`` (one line per worst-scored document, for the report).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # kept light: the command line reads ADAPTERS at start-up
    from summarize.core.schema import ArticleSummary


@dataclass(frozen=True)
class CorpusDocument:
    """One document of a corpus, as the summarizer is given it."""

    id: str
    """Stable id within the corpus (a MUC-4 message id, a PolNeAR file stem, an ECB+ file)."""
    text: str
    """The text to summarize: the corpus text as distributed (ECB+: rebuilt from tokens)."""
    published: dt.date | None = None
    source: str | None = None
    group: str | None = None
    """Documents that belong together (an ECB+ topic); None elsewhere."""


class CorpusScore(Protocol):
    """What ``score`` returns."""

    def metrics(self) -> dict[str, float | None]: ...

    def rows(self) -> list[tuple[str, str]]: ...

    def worst(self, count: int) -> list[str]: ...

    def model_dump(self, **kwargs: Any) -> dict[str, Any]: ...


class Adapter(Protocol):
    """What an adapter module provides (modules are checked against it in the tests)."""

    NAME: str
    SPLITS: tuple[str, ...]
    DEFAULT_SPLIT: str

    def load(self, data: Path, split: str, limit: int | None = None) -> Sequence[Any]: ...

    def score(
        self, golds: Sequence[Any], summaries: Mapping[str, ArticleSummary | None]
    ) -> CorpusScore: ...


ADAPTERS: dict[str, str] = {
    "muc4": "summarize.evaluation.datasets.muc4",
    "polnear": "summarize.evaluation.datasets.polnear",
    "ecbplus": "summarize.evaluation.datasets.ecbplus",
}
"""Corpus name -> adapter module (imported on first use)."""

DEVELOPMENT_SAMPLES: dict[str, tuple[str, int]] = {
    "muc4": ("tst2", 40),
    "polnear": ("dev", 15),
    "ecbplus": ("sample", 4),
}
"""Corpus name -> (split, limit) of its fixed development sample (``evals/datasets/``):
the recorded answers in ``tests/fixtures/recorded/<name>/`` are for exactly these."""


def adapter(name: str) -> ModuleType:
    """The adapter module of corpus ``name`` (a KeyError names the known ones)."""
    if name not in ADAPTERS:
        raise KeyError(f"unknown dataset {name!r}; known: {', '.join(sorted(ADAPTERS))}")
    return importlib.import_module(ADAPTERS[name])
