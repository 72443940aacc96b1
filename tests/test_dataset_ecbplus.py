"""ECB+ adapter: coreference measures by hand, the mention mapping, the real-document reader."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from summarize.core.schema import (
    Alignment,
    ArticleSummary,
    Event,
    EventType,
    Evidence,
    SummaryMeta,
)
from summarize.evaluation import coref_metrics as cm
from summarize.evaluation.datasets import adapter
from summarize.evaluation.datasets import ecbplus as ecb
from summarize.evaluation.datasets.ecbplus_scoring import StoryBuilder, find_mentions, overlaps
from summarize.story.schema import Mention, Story, StoryEvent

FIXTURE = Path(__file__).parent / "fixtures" / "datasets" / "ecbplus"


def prf(counts: cm.Counts) -> tuple[float, float, float]:
    return counts.precision, counts.recall, counts.f1


# --- coreference measures, worked out by hand ----------------------------------------------


def test_perfect_response_scores_one() -> None:
    key = [{"a", "b", "c"}, {"d", "e"}, {"f"}]
    response = [["c", "b", "a"], ["e", "d"], ["f"]]
    counts = cm.coref_counts(key, response)
    for measure in (counts.muc, counts.bcubed, counts.ceafe):
        assert prf(measure) == pytest.approx((1.0, 1.0, 1.0))
    assert counts.conll_f1 == pytest.approx(1.0)


def test_a_chain_split_in_two() -> None:
    key, response = [{"a", "b", "c", "d"}], [{"a", "b"}, {"c", "d"}]
    # MUC recall: (4 - 2 parts) / (4 - 1) = 2/3; precision: (1 + 1) / (1 + 1) = 1.
    assert prf(cm.muc(key, response)) == pytest.approx((1.0, 2 / 3, 0.8))
    # B-cubed recall: every mention has 2 of its 4 -> 1/2; precision 1.
    assert prf(cm.bcubed(key, response)) == pytest.approx((1.0, 0.5, 2 / 3))
    # CEAF-e: phi4(abcd, ab) = 2*2/(4+2) = 2/3, one key cluster, two response clusters.
    assert prf(cm.ceafe(key, response)) == pytest.approx((1 / 3, 2 / 3, 4 / 9))
    assert cm.coref_counts(key, response).conll_f1 == pytest.approx((0.8 + 2 / 3 + 4 / 9) / 3)


def test_two_chains_merged_into_one() -> None:
    key, response = [{"a", "b"}, {"c", "d"}], [{"a", "b", "c", "d"}]
    # The split case with key and response swapped: precision and recall swap.
    assert prf(cm.muc(key, response)) == pytest.approx((2 / 3, 1.0, 0.8))
    assert prf(cm.bcubed(key, response)) == pytest.approx((0.5, 1.0, 2 / 3))
    assert prf(cm.ceafe(key, response)) == pytest.approx((2 / 3, 1 / 3, 4 / 9))


def test_singletons() -> None:
    key = [{"a"}, {"b"}, {"c"}]
    same = cm.coref_counts(key, [{"a"}, {"b"}, {"c"}])
    # MUC has no links to count: 0/0 is 0 (as in the reference scorer); the others are 1.
    assert prf(same.muc) == (0.0, 0.0, 0.0)
    assert prf(same.bcubed) == pytest.approx((1.0, 1.0, 1.0))
    assert prf(same.ceafe) == pytest.approx((1.0, 1.0, 1.0))
    merged = cm.coref_counts(key, [{"a", "b", "c"}])
    # MUC precision: (3 - 3 parts) / 2 = 0. B-cubed precision: each 1/3; recall 1.
    assert prf(merged.muc) == (0.0, 0.0, 0.0)
    assert prf(merged.bcubed) == pytest.approx((1 / 3, 1.0, 0.5))
    # CEAF-e: phi4({a}, {a,b,c}) = 2/4; one response cluster, three key clusters.
    assert prf(merged.ceafe) == pytest.approx((0.5, 0.5 / 3, 0.25))


def test_mentions_missing_from_one_side() -> None:
    key, response = [{"a", "b", "c"}], [{"a", "b"}, {"x"}]
    # MUC recall: c is missing, a part of its own: (3 - 1 - 1) / 2; precision (1 + 0) / 1.
    assert prf(cm.muc(key, response))[:2] == pytest.approx((1.0, 0.5))
    # B-cubed precision: (2*2/2 + 0) / 3 mentions; recall: 2*2/3 / 3 mentions.
    assert prf(cm.bcubed(key, response))[:2] == pytest.approx((2 / 3, 4 / 9))
    # CEAF-e: phi4(abc, ab) = 4/5 over 2 response and 1 key cluster.
    assert prf(cm.ceafe(key, response))[:2] == pytest.approx((0.4, 0.8))


def test_counts_add_up_like_one_meta_document() -> None:
    first = ([{"a", "b"}, {"c"}], [{"a"}, {"b", "c"}])
    second = ([{"x", "y", "z"}], [{"x", "y", "z"}])
    summed = cm.coref_counts(*first) + cm.coref_counts(*second)
    whole = cm.coref_counts(first[0] + second[0], first[1] + second[1])
    for name in ("muc", "bcubed", "ceafe"):
        assert prf(getattr(summed, name)) == pytest.approx(prf(getattr(whole, name)))


def test_a_mention_in_two_clusters_is_an_error() -> None:
    with pytest.raises(ValueError, match="more than one cluster"):
        cm.muc([{"a", "b"}, {"b"}], [{"a", "b"}])


def _brute_force(matrix: Sequence[Sequence[float]]) -> float:
    rows, cols = len(matrix), len(matrix[0])
    if rows > cols:
        matrix = [list(c) for c in zip(*matrix, strict=True)]
        rows, cols = cols, rows
    return max(
        sum(matrix[r][c] for r, c in enumerate(chosen))
        for chosen in itertools.permutations(range(cols), rows)
    )


def test_best_assignment_is_the_optimal_one() -> None:
    rng = random.Random(7)
    matrices = [
        [[round(rng.random(), 2) for _ in range(cols)] for _ in range(rows)]
        for rows, cols in [(3, 3), (2, 4), (4, 2), (5, 5)]
    ]
    expected = [_brute_force(m) for m in matrices]
    assert [cm.best_total(m) for m in matrices] == pytest.approx(expected)


# --- the mention mapping ---------------------------------------------------------------


def test_overlap_is_half_open() -> None:
    assert overlaps((0, 6), (5, 8)) and overlaps((5, 8), (0, 6))
    assert not overlaps((0, 5), (5, 8)) and not overlaps((5, 8), (0, 5))
    assert overlaps((2, 3), (0, 10))


def mention(m_id: str, spans: tuple[tuple[int, int], ...], **fields: object) -> ecb.EventMention:
    values: dict[str, object] = {
        "id": f"d#{m_id}",
        "document": "d",
        "tag": "ACTION_OCCURRENCE",
        "tokens": tuple(range(len(spans))),
        "spans": spans,
        "start": spans[0][0],
        "end": spans[-1][1],
        "text": "x",
        "sentence": 1,
        "subtopic": "ecb",
        "instance": None,
        "checked": True,
    }
    values.update(fields)
    return ecb.EventMention(**values)  # type: ignore[arg-type]


def event(*spans: tuple[int, int] | None, kind: EventType = EventType.OTHER) -> Event:
    evidence = [
        Evidence(quote="q", start=s[0], end=s[1], alignment=Alignment.EXACT)
        if s is not None
        else Evidence(quote="q")
        for s in spans
    ]
    return Event(type=kind, evidence=evidence)


def test_a_mention_goes_to_the_event_with_the_shortest_overlapping_quote() -> None:
    mentions = [
        mention("1", ((10, 15),)),
        mention("2", ((30, 34), (40, 44))),  # two tokens, not contiguous
        mention("3", ((60, 65),)),
    ]
    events = [
        event((0, 50)),  # long quote: overlaps 1 and 2
        event((12, 20), None),  # short quote over 1; an unplaced quote is ignored
        event((42, 43)),  # overlaps the second token of 2 only
        event((0, 50)),  # as long as event 0: the first listed wins
    ]
    assert find_mentions(mentions, events) == {"d#1": 1, "d#2": 2}
    assert find_mentions(mentions, [event((35, 39))]) == {}  # the gap between tokens


def test_by_action_a_mention_is_found_by_the_event_words_alone() -> None:
    mentions = [mention("1", ((10, 15),)), mention("2", ((30, 34),))]
    told = event((0, 50))  # one sentence tells both mentions; its action is the second
    told = told.model_copy(
        update={"action": Evidence(quote="q", start=31, end=33, alignment=Alignment.EXACT)}
    )
    assert find_mentions(mentions, [told], "sentence") == {"d#1": 0, "d#2": 0}
    assert find_mentions(mentions, [told], "action") == {"d#2": 0}
    assert find_mentions(mentions, [event((0, 50))], "action") == {}  # no action, none found


# --- the reader, on two real documents ----------------------------------------------------


@pytest.fixture(scope="module")
def golds() -> list[ecb.EcbGold]:
    return ecb.load(FIXTURE, "topics")


def test_module_is_an_adapter() -> None:
    module = adapter("ecbplus")
    assert module is ecb
    assert ecb.NAME == "ecbplus" and ecb.DEFAULT_SPLIT in ecb.SPLITS
    assert list(inspect.signature(ecb.load).parameters) == ["data", "split", "limit"]
    assert list(inspect.signature(ecb.score).parameters)[:2] == ["golds", "summaries"]


def test_documents_in_order_with_topic_group(golds: list[ecb.EcbGold]) -> None:
    assert [g.document.id for g in golds] == ["4_3ecbplus", "4_6ecbplus"]
    assert {(g.document.group, g.topic, g.subtopic) for g in golds} == {("4", 4, "ecbplus")}
    assert golds[0].checked_sentences == {1} and golds[1].checked_sentences == {2}


def test_rebuilt_text_reads_as_prose(golds: list[ecb.EcbGold]) -> None:
    text = golds[0].document.text
    assert text.startswith(
        "http://cir.ca/news/esther-williams-obituary\n\n"
        "Esther Williams, who swam to stardom in the 1940's, dies at 91\n\n"
        "JUNE 6, 2013 11:34PM\n\n"
        'Pinup girl Williams was the star of WWII-era "aquatic musicals" and helped make'
    )
    assert text.endswith("popular.\n")


def _joined(tokens: str, quoted: bool = False) -> str:
    """The tokens (separated by spaces in ``tokens``) laid out as one sentence."""
    shown, _ = ecb.layout(tokens.split(), quoted)
    return "".join((" " if space else "") + token for token, space in shown)


def test_spacing_rules() -> None:
    words = "He said , `` We ca n't '' ( really ) : Sox ’ s passer - by paid $ 5 at 08 : 41 ."
    assert _joined(words) == 'He said, "We can\'t" (really): Sox’s passer-by paid $5 at 08:41.'
    assert _joined('" Yes , " he said " so " .') == '"Yes," he said "so".'
    assert _joined("the Colts ' win and ' rebel ' figure") == "the Colts' win and 'rebel' figure"
    url = "http : / / www . a . com / 2013 / x - y _ n _ 1 Title words"
    assert _joined(url) == "http://www.a.com/2013/x-y_n_1 Title words"
    # A quote left open by the previous sentence closes in this one.
    assert _joined('end of it , " she said .', quoted=True) == 'end of it," she said.'


def test_token_map_slices_back_to_every_token(golds: list[ecb.EcbGold]) -> None:
    for gold in golds:
        text = gold.document.text
        for t_id, (start, end) in gold.token_spans.items():
            token = gold.tokens[t_id]
            assert text[start:end] == ('"' if token in ("``", "''") else token)
        for m in gold.mentions:
            assert [text[s:e] for s, e in m.spans] == [gold.tokens[t] for t in m.tokens]
            assert (m.start, m.end) == (m.spans[0][0], m.spans[-1][1])
            assert text[m.start : m.end] == m.text


def test_event_mentions_with_instances_and_checked_sentences(golds: list[ecb.EcbGold]) -> None:
    first = {m.text: m for m in golds[0].mentions}
    assert sorted(first) == sorted(
        ["swam", "stardom", "dies", 'musicals"', "helped", "make", "swimming", "popular"]
    )
    assert first["dies"].instance == "ACT16194654011907361" and first["dies"].checked
    assert first["stardom"].instance is None  # no cross-document relation
    assert first["swimming"].instance == first["swam"].instance == "ACT16194712249800679"
    assert not first["swimming"].checked  # sentence 3 is not in the checked list
    assert all(m.tag.startswith(("ACTION_", "NEG_ACTION_")) for g in golds for m in g.mentions)
    assert [(m.text, m.checked) for m in golds[1].mentions] == [("swimming", True), ("dies", True)]


def test_limit_counts_topics_and_the_sample_keeps_the_first_of_each_subtopic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert ecb.load(FIXTURE, "topics", limit=0) == []
    assert len(ecb.load(FIXTURE, "topics", limit=1)) == 2  # one topic, both documents
    monkeypatch.setattr(ecb, "SAMPLE_PER_SUBTOPIC", 1)
    assert [g.document.id for g in ecb.load(FIXTURE, "sample")] == ["4_3ecbplus"]


def test_bad_split_or_folder() -> None:
    with pytest.raises(ValueError, match="unknown ECB\\+ split"):
        ecb.load(FIXTURE, "test")
    with pytest.raises(FileNotFoundError, match="ecbplus/ folder"):
        ecb.load(FIXTURE / "ECB+", "topics")


# --- scoring, on the real documents -------------------------------------------------------


def summary(text: str, *quotes: str) -> ArticleSummary:
    """One event per quote, each grounded at the quote's first occurrence in ``text``, the
    quote its action too."""
    events = []
    for quote in quotes:
        start = text.index(quote)
        evidence = Evidence(
            quote=quote, start=start, end=start + len(quote), alignment=Alignment.EXACT
        )
        events.append(Event(type=EventType.OTHER, action=evidence, evidence=[evidence]))
    return ArticleSummary(
        headline="h", summary="s", events=events, meta=SummaryMeta(model="m", prompt_version="p")
    )


def grouped(*groups: Sequence[str]) -> StoryBuilder:
    """A story builder that puts the given ``document#index`` keys together."""

    def build(summaries: list[ArticleSummary], names: list[str]) -> Story:
        keys = [
            f"{n}#{i}" for s, n in zip(summaries, names, strict=True) for i in range(len(s.events))
        ]
        clusters = [[k for k in group if k in keys] for group in groups]
        clusters = [c for c in clusters if c]
        clusters += [[k] for k in keys if not any(k in c for c in clusters)]
        events = [
            StoryEvent(
                id=f"E{n}",
                type=EventType.OTHER,
                description="",
                mentions=[
                    Mention(
                        id=k,
                        article=k.split("#")[0],
                        event_index=int(k.split("#")[1]),
                        type=EventType.OTHER,
                        description="",
                    )
                    for k in cluster
                ],
            )
            for n, cluster in enumerate(clusters, start=1)
        ]
        return Story(articles=[], events=events)

    return build


def summaries_for(golds: list[ecb.EcbGold]) -> dict[str, ArticleSummary | None]:
    first, second = golds[0].document.text, golds[1].document.text
    return {
        "4_3ecbplus": summary(first, "dies at 91", "swam to stardom"),
        "4_6ecbplus": summary(second, "dies at 91", "swimming star"),
    }


def test_score_with_a_split_chain(golds: list[ecb.EcbGold]) -> None:
    # Cross-document gold: swam/swimming and dies/dies (the second "swimming" of 4_3 is in
    # an unchecked sentence). Response: dies+dies together, swam and swimming apart.
    result = ecb.score(golds, summaries_for(golds), build=grouped(["4_3ecbplus#0", "4_6ecbplus#0"]))
    assert (result.gold_mentions, result.found_mentions, result.mention_recall) == (4, 4, 1.0)
    assert result.muc is not None and result.bcubed is not None and result.ceafe is not None
    # MUC: recall (0 + 1) / (1 + 1); precision 1/1 (singletons add 0/0).
    assert (result.muc.precision, result.muc.recall) == pytest.approx((1.0, 0.5))
    # B-cubed: recall (1/2 + 1/2 + 1 + 1) / 4; precision 1.
    assert (result.bcubed.precision, result.bcubed.recall) == pytest.approx((1.0, 0.75))
    # CEAF-e: phi4 1 (dies) + 2/3 (swam with its chain) = 5/3 over 3 response, 2 key.
    assert (result.ceafe.precision, result.ceafe.recall) == pytest.approx((5 / 9, 5 / 6))
    assert result.conll_f1 == pytest.approx((2 / 3 + 6 / 7 + 2 / 3) / 3)
    assert result.end_to_end_conll_f1 == pytest.approx(result.conll_f1)  # all were found
    # the quotes are the actions: by evidence sentence, the same mentions are found
    assert (result.sentence_found_mentions, result.sentence_conll_f1) == (4, result.conll_f1)
    assert (result.wrong_merges, result.mapped_story_events) == (0, 3)
    metrics = result.metrics()
    assert all(name.startswith("ecbplus_") for name in metrics)
    for name in ("mention_recall", "muc_f1", "bcubed_f1", "ceafe_f1", "conll_f1"):
        assert metrics[f"ecbplus_{name}"] is not None
    assert metrics["ecbplus_documents"] == 2 and metrics["ecbplus_topics"] == 1
    assert metrics["ecbplus_failed"] == 0 and metrics["ecbplus_wrong_merges"] == 0
    assert result.rows() and result.worst(3)[0].startswith("topic 4: CoNLL F1 0.730")


def test_a_failed_document_predicts_nothing(golds: list[ecb.EcbGold]) -> None:
    summaries = summaries_for(golds) | {"4_6ecbplus": None}
    result = ecb.score(golds, summaries, build=grouped())
    assert (result.failed, result.found_mentions, result.mention_recall) == (1, 2, 0.5)
    # Found: swam and dies of 4_3, each its own key and response cluster.
    assert result.muc is not None and result.muc.f1 == 0.0  # no links at all
    assert result.conll_f1 == pytest.approx((0 + 1 + 1) / 3)
    # All gold: MUC 0; B-cubed recall 1/4, precision 1 -> 0.4; CEAF-e 4/3 over 2 and 2.
    assert result.end_to_end_conll_f1 == pytest.approx((0 + 0.4 + 2 / 3) / 3)


def test_wrong_merges_and_merges_across_subtopics(golds: list[ecb.EcbGold]) -> None:
    merge = grouped(["4_3ecbplus#1", "4_6ecbplus#0"])  # swam with dies
    result = ecb.score(golds, summaries_for(golds), build=merge)
    assert (result.wrong_merges, result.cross_subtopic_merges) == (1, 0)
    assert result.per_topic[0].merges == ["E1: 4_3ecbplus#1 (swam) + 4_6ecbplus#0 (dies)"]
    other = dataclasses.replace(
        golds[1],
        subtopic="ecb",
        mentions=tuple(dataclasses.replace(m, subtopic="ecb") for m in golds[1].mentions),
    )
    across = ecb.score([golds[0], other], summaries_for(golds), build=merge)
    assert (across.wrong_merges, across.cross_subtopic_merges) == (1, 1)
    same_event = ecb.score(
        golds, summaries_for(golds), build=grouped(["4_3ecbplus#1", "4_6ecbplus#1"])
    )
    assert same_event.wrong_merges == 0  # swam and swimming: one instance


def test_score_with_the_real_story_builder(golds: list[ecb.EcbGold]) -> None:
    result = ecb.score(golds, summaries_for(golds))
    assert result.mention_recall == 1.0 and result.conll_f1 is not None
    assert 0.0 <= result.conll_f1 <= 1.0


def test_nothing_found_gives_no_coreference_scores(golds: list[ecb.EcbGold]) -> None:
    result = ecb.score(golds, {})
    assert (result.failed, result.mention_recall, result.conll_f1) == (2, 0.0, None)
    assert result.metrics()["ecbplus_muc_f1"] is None
    assert result.end_to_end_conll_f1 == 0.0
