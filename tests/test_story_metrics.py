"""Cluster metrics of stories (pairwise and B-cubed) and the mapping to gold events."""

from __future__ import annotations

import pytest

from summarize.core.schema import ArticleSummary, EventType, SummaryMeta
from summarize.evaluation.story_gold import (
    GoldEventRef,
    GoldStoryCluster,
    StoryGold,
    StoryGoldError,
    check_story_gold,
    gold_clusters,
)
from summarize.evaluation.story_metrics import cluster_scores, map_to_gold, score_story
from summarize.story import build_story
from tests.test_story import kirkuk, november

GOLD = [{"a", "b", "c"}, {"d", "e"}, {"f"}]


def test_perfect_clustering_scores_one() -> None:
    scores = cluster_scores([{"c", "b", "a"}, {"e", "d"}, {"f"}], GOLD)
    assert scores.pairwise_precision == scores.pairwise_recall == scores.pairwise_f1 == 1.0
    assert scores.bcubed_precision == scores.bcubed_recall == scores.bcubed_f1 == 1.0
    assert (scores.gold_links, scores.predicted_links, scores.correct_links) == (4, 4, 4)


def test_a_wrong_merge_lowers_precision_only() -> None:
    scores = cluster_scores([{"a", "b", "c"}, {"d", "e", "f"}], GOLD)
    assert scores.pairwise_recall == scores.bcubed_recall == 1.0
    assert scores.pairwise_precision == pytest.approx(4 / 6)
    # B-cubed: d and e have 2 of 3 right, f has 1 of 3.
    assert scores.bcubed_precision == pytest.approx((3 + 2 / 3 + 2 / 3 + 1 / 3) / 6, abs=1e-4)


def test_a_missed_merge_lowers_recall_only() -> None:
    scores = cluster_scores([{"a", "b"}, {"c"}, {"d", "e"}, {"f"}], GOLD)
    assert scores.pairwise_precision == scores.bcubed_precision == 1.0
    assert scores.pairwise_recall == pytest.approx(2 / 4)
    assert scores.bcubed_recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1 + 1) / 6, abs=1e-4)


def test_items_missing_from_the_prediction_are_singletons_and_extras_are_ignored() -> None:
    scores = cluster_scores([{"a", "b", "x"}, {"d", "e", "y"}], GOLD)  # c, f missed; x, y spurious
    assert scores.items == 6 and scores.pairwise_precision == 1.0
    assert scores.pairwise_recall == pytest.approx(2 / 4)


def test_empty_clusterings() -> None:
    scores = cluster_scores([], [])
    assert scores.pairwise_f1 == 1.0 and scores.bcubed_f1 == 1.0 and scores.items == 0


def _gold_summaries() -> dict[str, ArticleSummary]:
    """Hand-made 'gold' for three articles: the Kirkuk strike in a and b, the November
    strikes in a and c (each article's gold events in order)."""
    k, n = kirkuk(), november()
    meta = SummaryMeta(model="gold", prompt_version="gold")
    return {
        "a.txt": ArticleSummary(
            headline="a", summary="a", events=[*k[0].events, *n[0].events], meta=meta
        ),
        "b.txt": ArticleSummary(headline="b", summary="b", events=k[1].events, meta=meta),
        "c.txt": ArticleSummary(headline="c", summary="c", events=n[1].events, meta=meta),
    }


def _story_gold() -> StoryGold:
    return StoryGold(
        clusters=[
            GoldStoryCluster(
                label="Kirkuk",
                events=[
                    GoldEventRef(article="a.txt", index=0),
                    GoldEventRef(article="b.txt", index=0),
                ],
            ),
            GoldStoryCluster(
                label="November",
                events=[
                    GoldEventRef(article="a.txt", index=1),
                    GoldEventRef(article="c.txt", index=0),
                ],
            ),
        ]
    )


def test_story_is_scored_through_the_event_matching() -> None:
    gold = _gold_summaries()
    events = {name: s.events for name, s in gold.items()}
    clusters = gold_clusters(_story_gold(), events)
    assert sorted(map(sorted, clusters)) == [["a.txt#0", "b.txt#0"], ["a.txt#1", "c.txt#0"]]
    # Predictions list the article's events in another order: the matching maps them back.
    predicted = dict(gold)
    predicted["a.txt"] = gold["a.txt"].model_copy(update={"events": gold["a.txt"].events[::-1]})
    assert map_to_gold(predicted, events)["a.txt#0"] == "a.txt#1"
    story = build_story(list(predicted.values()), list(predicted))
    score = score_story(story, predicted, events, clusters)
    assert score.pairwise_f1 == 1.0 and score.bcubed_f1 == 1.0
    assert score.mapped_events == score.gold_events == 4 and not score.wrong_links


def test_a_failed_article_leaves_its_gold_events_unmapped() -> None:
    gold = _gold_summaries()
    events = {name: s.events for name, s in gold.items()}
    predicted = {name: s for name, s in gold.items() if name != "c.txt"}
    story = build_story(list(predicted.values()), list(predicted))
    score = score_story(story, predicted, events, gold_clusters(_story_gold(), events))
    assert score.mapped_events == 3 and score.pairwise_precision == 1.0
    assert score.pairwise_recall == 0.5 and score.missed_links == [("a.txt#1", "c.txt#0")]


def test_story_gold_references_are_checked() -> None:
    events = {name: s.events for name, s in _gold_summaries().items()}
    check_story_gold(_story_gold(), events)
    bad = [
        (GoldEventRef(article="z.txt", index=0), "no gold file"),
        (GoldEventRef(article="b.txt", index=5), "has 1 events"),
        (GoldEventRef(article="b.txt", index=0, type=EventType.THREAT), "is a air_or_drone_strike"),
        (GoldEventRef(article="b.txt", index=0, quote="nope"), "first quote differs"),
    ]
    for ref, message in bad:
        gold = StoryGold(
            clusters=[
                GoldStoryCluster(label="x", events=[GoldEventRef(article="c.txt", index=0), ref])
            ]
        )
        with pytest.raises(StoryGoldError, match=message):
            check_story_gold(gold, events)
    twice = _story_gold().model_copy(deep=True)
    twice.clusters[1].events[0] = GoldEventRef(article="a.txt", index=0)
    with pytest.raises(StoryGoldError, match="two clusters"):
        check_story_gold(twice, events)
    same_article = StoryGold(
        clusters=[
            GoldStoryCluster(
                label="x",
                events=[
                    GoldEventRef(article="a.txt", index=0),
                    GoldEventRef(article="a.txt", index=1),
                ],
            )
        ]
    )
    with pytest.raises(StoryGoldError, match="two events of one article"):
        check_story_gold(same_article, events)


def test_story_core_imports_no_model_client_or_cli() -> None:
    import subprocess
    import sys

    code = (
        "import sys, summarize.story, summarize.evaluation.story_metrics, summarize.story.render;"
        "bad = ('summarize.llm', 'summarize.cli', 'summarize.summarizer', 'openai', 'click');"
        "print([m for m in sys.modules if m.startswith(bad)])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
