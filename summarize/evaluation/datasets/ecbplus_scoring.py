"""Score summaries of ECB+ documents: mention recall, cross-document event coreference.

The mapping is documented in :mod:`summarize.evaluation.datasets.ecbplus`; in short, a
gold event mention is found by the predicted event whose action (its trigger words)
overlaps it, its predicted cluster is the story event holding that predicted event (one
story per topic), and the CoNLL measures compare those clusters with the gold
cross-document instances over the found cross-document mentions. The same measures are
also given with mentions found by the whole evidence sentence (the shortest overlapping
evidence span first, then the first event): every event mention of a sentence then goes
to one predicted event, which finds more mentions and merges those a sentence tells
together.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from summarize.core.schema import ArticleSummary, Event
from summarize.evaluation.coref_metrics import PRF, CorefCounts, coref_counts
from summarize.evaluation.metrics import format_score
from summarize.story import build_story
from summarize.story.schema import Story

if TYPE_CHECKING:
    from summarize.evaluation.datasets.ecbplus import EcbGold, EventMention

StoryBuilder = Callable[[list[ArticleSummary], list[str]], Story]
MERGES_SHOWN = 3
"""Wrong merges described per topic (the rest are only counted)."""
FoundBy = Literal["action", "sentence"]
"""Which words of a predicted event find a gold mention: its action, or its evidence."""


def evidence_spans(event: Event, by: FoundBy = "sentence") -> list[tuple[int, int]]:
    """The (start, end) of each evidence item of ``event`` that has offsets (``by="action"``:
    of its action alone)."""
    if by == "action":
        items = [event.action] if event.action is not None else []
    else:
        items = list(event.evidence)
    return [
        (item.start, item.end)
        for item in items
        if item.start is not None and item.end is not None and item.end > item.start
    ]


def overlaps(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two half-open character spans share a character."""
    return first[0] < second[1] and second[0] < first[1]


def find_mentions(
    mentions: Sequence[EventMention], events: Sequence[Event], by: FoundBy = "sentence"
) -> dict[str, int]:
    """Gold mention id -> index of the predicted event that finds it.

    A mention is found by an event when one of the event's evidence spans (``by="action"``:
    its action) overlaps one of the mention's tokens; of several, the event with the
    shortest such span wins, then the event listed first.
    """
    best: dict[str, tuple[int, int]] = {}
    for index, event in enumerate(events):
        for span in evidence_spans(event, by):
            candidate = (span[1] - span[0], index)
            for mention in mentions:
                if not any(overlaps(span, token) for token in mention.spans):
                    continue
                if mention.id not in best or candidate < best[mention.id]:
                    best[mention.id] = candidate
    return {mention: index for mention, (_, index) in best.items()}


class TopicScore(BaseModel):
    """The measures of one topic."""

    topic: int
    documents: int
    failed: int
    gold_mentions: int = Field(description="Cross-document gold event mentions.")
    found_mentions: int
    mention_recall: float | None
    conll_f1: float | None
    end_to_end_conll_f1: float | None
    mapped_story_events: int = Field(description="Story events that found a gold mention.")
    wrong_merges: int
    cross_subtopic_merges: int
    merges: list[str] = Field(default_factory=list, description="The first wrong merges.")
    sentence_found_mentions: int = Field(description="Found by the evidence sentence.")
    sentence_conll_f1: float | None


@dataclass(frozen=True)
class _TopicResult:
    score: TopicScore
    found: CorefCounts
    end_to_end: CorefCounts
    sentence_found: CorefCounts


def _clusters(items: Mapping[str, Hashable]) -> list[list[str]]:
    grouped: dict[Hashable, list[str]] = defaultdict(list)
    for item, cluster in items.items():
        grouped[cluster].append(item)
    return list(grouped.values())


def _wrong_merges(
    story_of: Mapping[str, str],
    found_by: Mapping[str, str],
    mentions: Mapping[str, EventMention],
) -> tuple[int, int, list[str]]:
    """Story events joining predicted events that found disjoint sets of gold instances."""
    instances: dict[str, set[str]] = defaultdict(set)
    words: dict[str, list[str]] = defaultdict(list)
    subtopic: dict[str, str] = {}
    for mention_id, predicted in found_by.items():
        mention = mentions[mention_id]
        if mention.instance is not None:
            instances[predicted].add(mention.instance)
            words[predicted].append(mention.text)
            subtopic[predicted] = mention.subtopic
    members: dict[str, list[str]] = defaultdict(list)
    for predicted in sorted(instances):
        members[story_of.get(predicted, predicted)].append(predicted)
    wrong = across = 0
    notes: list[str] = []
    for event, predicted in members.items():
        disjoint = [
            (a, b) for a, b in combinations(predicted, 2) if not instances[a] & instances[b]
        ]
        if not disjoint:
            continue
        wrong += 1
        across += any(subtopic[a] != subtopic[b] for a, b in disjoint)
        a, b = disjoint[0]
        notes.append(f"{event}: {a} ({', '.join(words[a])}) + {b} ({', '.join(words[b])})")
    return wrong, across, notes


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score_topic(
    golds: Sequence[EcbGold],
    summaries: Mapping[str, ArticleSummary | None],
    build: StoryBuilder = build_story,
) -> _TopicResult:
    """The measures of one topic's documents (see the module doc of ``ecbplus``)."""
    checked = {m.id: m for g in golds for m in g.mentions if m.checked}
    documents_of: dict[str, set[str]] = defaultdict(set)
    for mention in checked.values():
        if mention.instance is not None:
            documents_of[mention.instance].add(mention.document)
    cross = {
        m_id: m.instance
        for m_id, m in checked.items()
        if m.instance is not None and len(documents_of[m.instance]) >= 2
    }
    ok = [g for g in golds if summaries.get(g.document.id) is not None]
    story_of: dict[str, str] = {}
    if ok:
        story = build(
            [summary for g in ok if (summary := summaries[g.document.id]) is not None],
            [g.document.id for g in ok],
        )
        story_of = {m.id: event.id for event in story.events for m in event.mentions}
    found_by = _found_by(ok, summaries, "action")
    response = {m: story_of.get(found_by[m], found_by[m]) for m in cross if m in found_by}
    found = coref_counts(_clusters({m: cross[m] for m in response}), _clusters(response))
    end_to_end = coref_counts(_clusters(cross), _clusters(response))
    by_sentence = _found_by(ok, summaries, "sentence")
    sentence_response = {
        m: story_of.get(by_sentence[m], by_sentence[m]) for m in cross if m in by_sentence
    }
    sentence_found = coref_counts(
        _clusters({m: cross[m] for m in sentence_response}), _clusters(sentence_response)
    )
    wrong, across, notes = _wrong_merges(story_of, found_by, checked)
    mapped = {story_of.get(p, p) for m, p in found_by.items() if checked[m].instance is not None}
    score = TopicScore(
        topic=golds[0].topic if golds else 0,
        documents=len(golds),
        failed=len(golds) - len(ok),
        gold_mentions=len(cross),
        found_mentions=len(response),
        mention_recall=_ratio(len(response), len(cross)),
        conll_f1=found.conll_f1 if response else None,
        end_to_end_conll_f1=end_to_end.conll_f1 if cross else None,
        mapped_story_events=len(mapped),
        wrong_merges=wrong,
        cross_subtopic_merges=across,
        merges=notes[:MERGES_SHOWN],
        sentence_found_mentions=len(sentence_response),
        sentence_conll_f1=sentence_found.conll_f1 if sentence_response else None,
    )
    return _TopicResult(score, found, end_to_end, sentence_found)


def _found_by(
    golds: Sequence[EcbGold], summaries: Mapping[str, ArticleSummary | None], by: FoundBy
) -> dict[str, str]:
    """Checked gold mention id -> "document#event index" of the event that finds it."""
    found_by: dict[str, str] = {}
    for gold in golds:
        summary = summaries[gold.document.id]
        assert summary is not None
        found = find_mentions([m for m in gold.mentions if m.checked], summary.events, by)
        found_by.update({m: f"{gold.document.id}#{index}" for m, index in found.items()})
    return found_by


class EcbScore(BaseModel):
    """ECB+ measures over all topics (counts summed over topics)."""

    documents: int
    topics: int
    failed: int
    gold_mentions: int
    found_mentions: int
    mention_recall: float | None
    muc: PRF | None
    bcubed: PRF | None
    ceafe: PRF | None
    conll_f1: float | None
    end_to_end_conll_f1: float | None
    mapped_story_events: int
    wrong_merges: int
    cross_subtopic_merges: int
    sentence_found_mentions: int = 0
    sentence_mention_recall: float | None = None
    sentence_conll_f1: float | None = None
    per_topic: list[TopicScore] = Field(default_factory=list)

    def metrics(self) -> dict[str, float | None]:
        """Flat measures, each key prefixed ``ecbplus_``."""
        values: dict[str, float | None] = {
            "documents": self.documents,
            "topics": self.topics,
            "failed": self.failed,
            "gold_mentions": self.gold_mentions,
            "found_mentions": self.found_mentions,
            "mention_recall": self.mention_recall,
        }
        for name in ("muc", "bcubed", "ceafe"):
            prf: PRF | None = getattr(self, name)
            for part in ("precision", "recall", "f1"):
                values[f"{name}_{part}"] = getattr(prf, part) if prf is not None else None
        values |= {
            "conll_f1": self.conll_f1,
            "end_to_end_conll_f1": self.end_to_end_conll_f1,
            "mapped_story_events": self.mapped_story_events,
            "wrong_merges": self.wrong_merges,
            "cross_subtopic_merges": self.cross_subtopic_merges,
            "sentence_mention_recall": self.sentence_mention_recall,
            "sentence_conll_f1": self.sentence_conll_f1,
        }
        return {f"ecbplus_{name}": value for name, value in values.items()}

    def rows(self) -> list[tuple[str, str]]:
        """The report table: measure, value."""

        def prf(value: PRF | None) -> str:
            if value is None:
                return "n/a"
            return f"{value.precision:.3f} / {value.recall:.3f} / {value.f1:.3f}"

        return [
            ("documents", f"{self.documents} in {self.topics} topics ({self.failed} failed)"),
            ("cross-document gold event mentions", str(self.gold_mentions)),
            (
                "mention recall",
                f"{format_score(self.mention_recall)} ({self.found_mentions}/{self.gold_mentions})",
            ),
            ("MUC P / R / F1", prf(self.muc)),
            ("B-cubed P / R / F1", prf(self.bcubed)),
            ("CEAF-e P / R / F1", prf(self.ceafe)),
            ("CoNLL F1 (found mentions)", format_score(self.conll_f1)),
            ("CoNLL F1 (all gold mentions)", format_score(self.end_to_end_conll_f1)),
            (
                "by evidence sentence: mention recall, CoNLL F1",
                f"{format_score(self.sentence_mention_recall)} "
                f"({self.sentence_found_mentions}/{self.gold_mentions}), "
                f"{format_score(self.sentence_conll_f1)}",
            ),
            (
                "wrong merges",
                f"{self.wrong_merges} of {self.mapped_story_events} mapped story events "
                f"({self.cross_subtopic_merges} across sub-topics)",
            ),
        ]

    def worst(self, count: int) -> list[str]:
        """One line per worst topic: lowest CoNLL F1 (none found counts as 0), then recall."""
        ranked = sorted(
            self.per_topic,
            key=lambda t: (t.conll_f1 or 0.0, t.mention_recall or 0.0, -t.wrong_merges, t.topic),
        )
        lines = []
        for t in ranked[: max(count, 0)]:
            conll = "n/a" if t.conll_f1 is None else f"{t.conll_f1:.3f}"
            recall = "n/a" if t.mention_recall is None else f"{t.mention_recall:.3f}"
            line = (
                f"topic {t.topic}: CoNLL F1 {conll}, mention recall {recall} "
                f"({t.found_mentions}/{t.gold_mentions}), {t.wrong_merges} wrong merges "
                f"({t.cross_subtopic_merges} across sub-topics), "
                f"{t.failed} of {t.documents} documents failed"
            )
            if t.merges:
                line += "; e.g. " + t.merges[0]
            lines.append(line)
        return lines


def score(
    golds: Sequence[EcbGold],
    summaries: Mapping[str, ArticleSummary | None],
    build: StoryBuilder = build_story,
) -> EcbScore:
    """Score the summaries of ``golds`` (``summaries[document id]``; None or absent = failed).

    ``build`` turns a topic's summaries and document ids into a story (tests pass their own).
    """
    by_topic: dict[int, list[EcbGold]] = defaultdict(list)
    for gold in golds:
        by_topic[gold.topic].append(gold)
    results = [score_topic(group, summaries, build) for group in by_topic.values()]
    found = sum((r.found for r in results), CorefCounts())
    end_to_end = sum((r.end_to_end for r in results), CorefCounts())
    sentence_found = sum((r.sentence_found for r in results), CorefCounts())
    topics = [r.score for r in results]
    gold_mentions = sum(t.gold_mentions for t in topics)
    found_mentions = sum(t.found_mentions for t in topics)
    sentence_found_mentions = sum(t.sentence_found_mentions for t in topics)
    any_found = found_mentions > 0
    return EcbScore(
        documents=len(golds),
        topics=len(topics),
        failed=sum(t.failed for t in topics),
        gold_mentions=gold_mentions,
        found_mentions=found_mentions,
        mention_recall=_ratio(found_mentions, gold_mentions),
        muc=PRF.of(found.muc) if any_found else None,
        bcubed=PRF.of(found.bcubed) if any_found else None,
        ceafe=PRF.of(found.ceafe) if any_found else None,
        conll_f1=found.conll_f1 if any_found else None,
        end_to_end_conll_f1=end_to_end.conll_f1 if gold_mentions else None,
        mapped_story_events=sum(t.mapped_story_events for t in topics),
        wrong_merges=sum(t.wrong_merges for t in topics),
        cross_subtopic_merges=sum(t.cross_subtopic_merges for t in topics),
        sentence_found_mentions=sentence_found_mentions,
        sentence_mention_recall=_ratio(sentence_found_mentions, gold_mentions),
        sentence_conll_f1=sentence_found.conll_f1 if sentence_found_mentions else None,
        per_topic=topics,
    )
