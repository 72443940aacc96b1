"""The hand-labelled story gold (evals/story_gold.json) refers to real gold events."""

from __future__ import annotations

from pathlib import Path

from summarize.core.schema import EventType
from summarize.evaluation.gold import load_gold
from summarize.evaluation.story_gold import check_story_gold, gold_clusters, load_story_gold

ROOT = Path(__file__).resolve().parents[1]


def _events() -> dict[str, list]:
    events = {}
    for path in sorted((ROOT / "evals" / "gold").glob("*.json")):
        gold, _ = load_gold(path, ROOT / "seeds")
        events[gold.article] = gold.events
    return events


def test_story_gold_loads_and_every_reference_names_its_gold_event() -> None:
    story_gold = load_story_gold(ROOT / "evals" / "story_gold.json")
    events = _events()
    check_story_gold(story_gold, events)  # index, type and first quote all agree
    for cluster in story_gold.clusters:
        assert cluster.note, cluster.label
        for ref in cluster.events:
            assert ref.type is not None and ref.quote is not None
        families = {ref.type in {EventType.STATEMENT, EventType.THREAT} for ref in cluster.events}
        assert len(families) == 1, f"{cluster.label}: a speech act linked to what it is about"
    clusters = gold_clusters(story_gold, events)
    assert sum(len(c) for c in clusters) == sum(len(e) for e in events.values())
