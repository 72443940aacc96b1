"""Group events from different articles that describe the same real event (pure, no model).

Agglomerative clustering with average linkage over :func:`pair_score`:

1. every event starts as its own cluster, except that events whose evidence quotes points
   of one running count of attacks (``seeds``, from :mod:`summarize.story.series`) start
   joined, whatever their types, unless that would put two events of one article
   together: a running total is identified by what it counts and its window, and the
   model's type for such a sentence is unreliable;
2. two clusters may merge only when no cross pair is vetoed (dates or places that rule
   each other out) and at least one cross pair is *supported* (agreeing components
   besides type: ``MIN_SUPPORT``, one more for two mentions of one article or of two
   type families); mentions of one article merge too, so an event an article tells
   twice is one story event;
3. of the allowed merges, the one with the highest linkage (mean score of all cross
   pairs) is made if that linkage is >= ``MERGE_THRESHOLD``; ties go to the earliest
   events; repeat until no merge is allowed.

Each merge is recorded with its rule, its linkage and the strongest cross pair's
components, so a reader can see which fields agreed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from summarize.core.sameness import EventRef, PairScore, pair_score

MERGE_THRESHOLD = 0.5
"""Minimum average-linkage score for two clusters to merge (scores are in [0, 1])."""


@dataclass(frozen=True)
class Merge:
    """One merge: the linkage, and the strongest supported pair it rests on."""

    step: int
    linkage: float
    left: str
    right: str
    pair: PairScore
    rule: str = "similarity"


@dataclass
class Cluster:
    """Indices into the clustered events, with the merges that built the cluster."""

    members: list[int]
    merges: list[Merge] = field(default_factory=list)


def _share_article(first: Cluster, second: Cluster, refs: Sequence[EventRef]) -> bool:
    articles = {refs[i].article for i in first.members}
    return any(refs[j].article in articles for j in second.members)


def _linkage(
    first: Cluster,
    second: Cluster,
    refs: Sequence[EventRef],
    scores: dict[tuple[int, int], PairScore],
) -> tuple[float, tuple[int, int]] | None:
    """Average pair score and the strongest supported pair, or None when the merge is barred."""
    total, best, best_score = 0.0, None, -1.0
    for i in first.members:
        for j in second.members:
            pair = scores[(min(i, j), max(i, j))]
            if pair.veto is not None:
                return None
            total += pair.score
            if pair.mergeable and pair.score > best_score:
                best, best_score = (i, j), pair.score
    if best is None:
        return None
    return total / (len(first.members) * len(second.members)), best


def _seeded(
    refs: Sequence[EventRef],
    seeds: Sequence[Collection[str]],
    scores: dict[tuple[int, int], PairScore],
) -> list[Cluster]:
    """Singletons, with the events of each seed (article#index keys) joined first."""
    index_of = {ref.key: number for number, ref in enumerate(refs)}
    clusters = [Cluster(members=[i]) for i in range(len(refs))]
    step = 0
    for seed in seeds:
        wanted = sorted({index_of[k] for k in seed if k in index_of})
        for j in wanted[1:]:
            base = next(c for c in clusters if wanted[0] in c.members)
            other = next(c for c in clusters if j in c.members)
            if base is other or _share_article(base, other, refs):
                continue
            pairs = [scores[(min(a, b), max(a, b))] for a in base.members for b in other.members]
            step += 1
            merge = Merge(
                step=step,
                linkage=round(sum(p.score for p in pairs) / len(pairs), 4),
                left=refs[wanted[0]].key,
                right=refs[j].key,
                pair=scores[(wanted[0], j)],
                rule="count_series",
            )
            clusters[clusters.index(base)] = Cluster(
                members=sorted(base.members + other.members),
                merges=[*base.merges, *other.merges, merge],
            )
            clusters.remove(other)
    return clusters


def cluster_events(
    refs: Sequence[EventRef],
    threshold: float = MERGE_THRESHOLD,
    seeds: Sequence[Collection[str]] = (),
) -> list[Cluster]:
    """Cluster events across articles (see the module doc); clusters keep input order."""
    scores = {(i, j): pair_score(refs[i], refs[j]) for i, j in combinations(range(len(refs)), 2)}
    clusters = _seeded(refs, seeds, scores)
    step = sum(len(c.merges) for c in clusters)
    while True:
        best: tuple[float, int, int, tuple[int, int]] | None = None
        for a, b in combinations(range(len(clusters)), 2):
            found = _linkage(clusters[a], clusters[b], refs, scores)
            if found is None or found[0] < threshold:
                continue
            if best is None or found[0] > best[0] + 1e-12:
                best = (found[0], a, b, found[1])
        if best is None:
            break
        linkage, a, b, (i, j) = best
        step += 1
        merge = Merge(
            step=step,
            linkage=round(linkage, 4),
            left=refs[i].key,
            right=refs[j].key,
            pair=scores[(min(i, j), max(i, j))],
        )
        first, second = clusters[a], clusters[b]
        clusters[a] = Cluster(
            members=sorted(first.members + second.members),
            merges=[*first.merges, *second.merges, merge],
        )
        del clusters[b]
    return clusters
