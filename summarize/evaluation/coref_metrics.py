"""Coreference measures: MUC, B-cubed, CEAF-e and the CoNLL F1 (pure, no model).

A clustering is a list of clusters, each a collection of hashable mention ids; a mention
is in at most one cluster of a clustering. ``key`` is the gold clustering, ``response``
the predicted one. Each measure returns :class:`Counts` (precision and recall as
numerator / denominator), so counts of several documents or topics add up (micro
average), which is how the reference scorer aggregates documents.

The definitions follow the reference implementation coval (Moosavi & Strube 2016,
https://github.com/ns-moosavi/coval, ``coval/eval/evaluator.py``: ``muc``, ``b_cubed``,
``ceafe`` with ``phi4`` and an optimal assignment, ``f1``), itself checked against
the CoNLL-2012 reference scorer (Pradhan et al. 2014):

- MUC (Vilain et al. 1995), link based. Recall: for each key cluster K, |K| - p(K) over
  |K| - 1, summed, where p(K) is the number of response clusters K's mentions fall in,
  each mention missing from the response counting as one more part. Precision: the same
  with key and response swapped. Singleton clusters add 0 / 0, so a clustering of
  singletons only has MUC precision and recall 0 (as in the reference scorer).
- B-cubed (Bagga & Baldwin 1998), mention based. Recall: sum over key clusters K of
  sum over response clusters R of |K ∩ R|² / |K|, over the number of key mentions;
  precision the same with key and response swapped. A mention missing from the other
  clustering shares nothing with it.
- CEAF-e (Luo 2005), entity based: phi4(K, R) = 2 |K ∩ R| / (|K| + |R|); the one-to-one
  assignment of key to response clusters maximizing the total phi4 (Kuhn-Munkres) gives
  a similarity S; recall = S / number of key clusters, precision = S / number of
  response clusters.
- CoNLL F1: the mean of the MUC, B-cubed and CEAF-e F1s.

Precision or recall with a zero denominator is 0, and F1 is 0 when precision + recall
is 0 (coval's ``f1``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from summarize.evaluation.matching import assign

Clustering = Sequence[Collection[Hashable]]


@dataclass(frozen=True)
class Counts:
    """Precision and recall of one measure as numerators and denominators."""

    precision_num: float = 0.0
    precision_den: float = 0.0
    recall_num: float = 0.0
    recall_den: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.precision_num + other.precision_num,
            self.precision_den + other.precision_den,
            self.recall_num + other.recall_num,
            self.recall_den + other.recall_den,
        )

    @property
    def precision(self) -> float:
        """Numerator / denominator, 0 when the denominator is 0."""
        return self.precision_num / self.precision_den if self.precision_den else 0.0

    @property
    def recall(self) -> float:
        """Numerator / denominator, 0 when the denominator is 0."""
        return self.recall_num / self.recall_den if self.recall_den else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall, 0 when both are 0."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class PRF(BaseModel):
    """Precision, recall and F1 of one measure."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, counts: Counts) -> PRF:
        """The rates of ``counts``."""
        return cls(precision=counts.precision, recall=counts.recall, f1=counts.f1)


@dataclass(frozen=True)
class CorefCounts:
    """The counts of the three CoNLL measures, addable across topics."""

    muc: Counts = Counts()
    bcubed: Counts = Counts()
    ceafe: Counts = Counts()

    def __add__(self, other: CorefCounts) -> CorefCounts:
        return CorefCounts(
            self.muc + other.muc, self.bcubed + other.bcubed, self.ceafe + other.ceafe
        )

    @property
    def conll_f1(self) -> float:
        """Mean of the MUC, B-cubed and CEAF-e F1s."""
        return (self.muc.f1 + self.bcubed.f1 + self.ceafe.f1) / 3


def _sets(clustering: Clustering) -> list[frozenset[Hashable]]:
    """Non-empty clusters as sets; a mention in two clusters is an error."""
    clusters = [frozenset(c) for c in clustering if c]
    seen: set[Hashable] = set()
    for cluster in clusters:
        if seen & cluster:
            raise ValueError(
                f"mentions in more than one cluster: {sorted(map(str, seen & cluster))}"
            )
        seen |= cluster
    return clusters


def _cluster_of(clusters: Sequence[frozenset[Hashable]]) -> dict[Hashable, int]:
    return {mention: number for number, cluster in enumerate(clusters) for mention in cluster}


def _muc_side(
    clusters: Sequence[frozenset[Hashable]], other: dict[Hashable, int]
) -> tuple[int, int]:
    numerator = denominator = 0
    for cluster in clusters:
        linked = {other[m] for m in cluster if m in other}
        missing = sum(1 for m in cluster if m not in other)
        numerator += len(cluster) - len(linked) - missing
        denominator += len(cluster) - 1
    return numerator, denominator


def muc(key: Clustering, response: Clustering) -> Counts:
    """MUC counts (Vilain et al. 1995; coval ``muc``)."""
    key_sets, response_sets = _sets(key), _sets(response)
    p_num, p_den = _muc_side(response_sets, _cluster_of(key_sets))
    r_num, r_den = _muc_side(key_sets, _cluster_of(response_sets))
    return Counts(p_num, p_den, r_num, r_den)


def _bcubed_side(
    clusters: Sequence[frozenset[Hashable]], other: dict[Hashable, int]
) -> tuple[float, int]:
    numerator, denominator = 0.0, 0
    for cluster in clusters:
        shared = Counter(other[m] for m in cluster if m in other)
        numerator += sum(n * n for n in shared.values()) / len(cluster)
        denominator += len(cluster)
    return numerator, denominator


def bcubed(key: Clustering, response: Clustering) -> Counts:
    """B-cubed counts (Bagga & Baldwin 1998; coval ``b_cubed``)."""
    key_sets, response_sets = _sets(key), _sets(response)
    p_num, p_den = _bcubed_side(response_sets, _cluster_of(key_sets))
    r_num, r_den = _bcubed_side(key_sets, _cluster_of(response_sets))
    return Counts(p_num, p_den, r_num, r_den)


def phi4(first: Collection[Hashable], second: Collection[Hashable]) -> float:
    """Luo's entity similarity: 2 |K ∩ R| / (|K| + |R|)."""
    return 2 * len(set(first) & set(second)) / (len(first) + len(second))


def best_total(similarity: Sequence[Sequence[float]]) -> float:
    """The largest total similarity of a one-to-one assignment of rows to columns (the
    project's one assignment solver, :func:`summarize.evaluation.matching.assign`, an
    exact Kuhn-Munkres like the reference scorer's ``linear_sum_assignment``)."""
    if not similarity or not similarity[0]:
        return 0.0
    return sum(score for _, _, score in assign(similarity, minimum=0.0))


def ceafe(key: Clustering, response: Clustering) -> Counts:
    """CEAF-e counts (Luo 2005, phi4; coval ``ceafe``)."""
    key_sets, response_sets = _sets(key), _sets(response)
    similarity = [[phi4(k, r) for r in response_sets] for k in key_sets]
    total = best_total(similarity)
    return Counts(total, len(response_sets), total, len(key_sets))


def coref_counts(key: Clustering, response: Clustering) -> CorefCounts:
    """MUC, B-cubed and CEAF-e counts of ``response`` against ``key``."""
    return CorefCounts(muc(key, response), bcubed(key, response), ceafe(key, response))
