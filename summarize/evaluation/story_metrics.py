"""Score a predicted story's clustering against the story gold (pure, no model).

Predicted events are mapped to gold events article by article with the evaluation's own
one-to-one event matching (:func:`summarize.evaluation.matching.match_events`). Each
story event then becomes a cluster of the gold events its mentions map to. The scores
are computed over all gold events: a gold event no prediction maps to (missed by the
summarizer, or its article failed) is a singleton of the predicted clustering, so a
missed event that belongs to a gold cluster lowers recall; predicted events that map to
no gold event (spurious) are left out, since the gold says nothing about them.

- Pairwise: a *link* is an unordered pair of items in one cluster. Precision = correct
  predicted links / predicted links, recall = correct links / gold links, F1 their
  harmonic mean; each is 1.0 when its denominator is 0.
- B-cubed (Bagga and Baldwin 1998): for each item, precision = |its predicted cluster
  ∩ its gold cluster| / |its predicted cluster| and recall = the same over |its gold
  cluster|; both averaged over items; F1 their harmonic mean.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import combinations

from pydantic import BaseModel, Field

from summarize.core.schema import ArticleSummary, Event
from summarize.evaluation.matching import match_events
from summarize.story.schema import Story


class ClusterScores(BaseModel):
    """Pairwise and B-cubed precision, recall and F1 of a clustering against gold."""

    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    items: int
    gold_links: int
    predicted_links: int
    correct_links: int


class StoryScore(ClusterScores):
    """Cluster scores of a story, with how predictions were mapped and which links erred."""

    gold_events: int
    mapped_events: int
    wrong_links: list[tuple[str, str]] = Field(default_factory=list)
    missed_links: list[tuple[str, str]] = Field(default_factory=list)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


def _links(clusters: Sequence[Collection[str]]) -> set[tuple[str, str]]:
    return {pair for cluster in clusters for pair in combinations(sorted(cluster), 2)}


def _complete(
    predicted: Sequence[Collection[str]], gold: Sequence[Collection[str]]
) -> tuple[list[set[str]], list[set[str]]]:
    """Restrict predictions to the gold items and add the missing ones as singletons."""
    universe = set().union(*gold) if gold else set()
    restricted = [set(c) & universe for c in predicted]
    restricted = [c for c in restricted if c]
    covered = set().union(*restricted) if restricted else set()
    restricted += [{item} for item in sorted(universe - covered)]
    return restricted, [set(c) for c in gold if c]


def cluster_scores(
    predicted: Sequence[Collection[str]], gold: Sequence[Collection[str]]
) -> ClusterScores:
    """Pairwise and B-cubed scores of ``predicted`` against ``gold`` (see the module doc)."""
    predicted_sets, gold_sets = _complete(predicted, gold)
    predicted_links, gold_links = _links(predicted_sets), _links(gold_sets)
    correct = len(predicted_links & gold_links)
    precision = _ratio(correct, len(predicted_links))
    recall = _ratio(correct, len(gold_links))
    cluster_of = {item: c for c in predicted_sets for item in c}
    gold_of = {item: c for c in gold_sets for item in c}
    items = sorted(gold_of)
    b_precision = b_recall = 1.0
    if items:
        shared = [len(cluster_of[i] & gold_of[i]) for i in items]
        b_precision = sum(s / len(cluster_of[i]) for s, i in zip(shared, items, strict=True))
        b_recall = sum(s / len(gold_of[i]) for s, i in zip(shared, items, strict=True))
        b_precision, b_recall = b_precision / len(items), b_recall / len(items)
    return ClusterScores(
        pairwise_precision=precision,
        pairwise_recall=recall,
        pairwise_f1=_f1(precision, recall),
        bcubed_precision=b_precision,
        bcubed_recall=b_recall,
        bcubed_f1=_f1(b_precision, b_recall),
        items=len(items),
        gold_links=len(gold_links),
        predicted_links=len(predicted_links),
        correct_links=correct,
    )


def map_to_gold(
    summaries: Mapping[str, ArticleSummary], gold_events: Mapping[str, Sequence[Event]]
) -> dict[str, str]:
    """``article#predicted index`` -> ``article#gold index`` for every matched prediction."""
    mapping: dict[str, str] = {}
    for article, events in gold_events.items():
        summary = summaries.get(article)
        if summary is None:
            continue
        for gold_index, predicted_index, _ in match_events(events, summary.events).pairs:
            mapping[f"{article}#{predicted_index}"] = f"{article}#{gold_index}"
    return mapping


def score_story(
    story: Story,
    summaries: Mapping[str, ArticleSummary],
    gold_events: Mapping[str, Sequence[Event]],
    gold: Sequence[Collection[str]],
) -> StoryScore:
    """Score a story built from ``summaries`` (keyed by article name, the story's names)
    against the gold clusters over ``gold_events`` (see :func:`gold_clusters`)."""
    mapping = map_to_gold(summaries, gold_events)
    predicted = [{mapping[m.id] for m in e.mentions if m.id in mapping} for e in story.events]
    scores = cluster_scores(predicted, gold)
    predicted_links = _links([c for c in predicted if c])
    gold_links = _links(gold)
    return StoryScore(
        **scores.model_dump(),
        gold_events=scores.items,
        mapped_events=len(mapping),
        wrong_links=sorted(predicted_links - gold_links),
        missed_links=sorted(gold_links - predicted_links),
    )
