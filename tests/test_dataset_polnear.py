"""The PolNeAR adapter: brat parsing, loading a real article, and every measure on
hand-made cases whose right answer is worked out in the test (no model)."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import pytest

from summarize.core.schema import Alignment, ArticleSummary, Claim, Evidence, SummaryMeta
from summarize.evaluation.datasets import CorpusDocument, adapter, polnear
from summarize.evaluation.datasets.polnear import Attribution, PolnearGold, Span, load, parse_ann
from summarize.evaluation.datasets.polnear_scoring import (
    cue_key,
    exact,
    head_word,
    jaccard,
    match_pairs,
    score,
    trim,
)

FIXTURE = Path(__file__).parent / "fixtures" / "datasets" / "polnear"
STEM = "politico_2016-09-08_flynn-says-trump-absolutely-righ"


# --- helpers ---------------------------------------------------------------------------


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(((start, start + len(words)),), words)


def _gold(
    text: str, items: list[tuple[str, str | None, str | None]], doc_id: str = "a"
) -> PolnearGold:
    """A gold article; each item is (content, source, cue) as substrings of ``text``."""
    attributions = tuple(
        Attribution(
            id=f"E{number}",
            content=_span(text, content),
            source=_span(text, source) if source else None,
            cue=_span(text, cue) if cue else None,
        )
        for number, (content, source, cue) in enumerate(items, 1)
    )
    return PolnearGold(CorpusDocument(id=doc_id, text=text), attributions, "x", ("x",))


def _claim(
    text: str, quote: str | None, claimant: str | None = None, cue: str | None = None
) -> Claim:
    """A claim grounded on ``quote`` (ungrounded when None)."""
    evidence: list[Evidence] = []
    if quote is not None:
        start = text.index(quote)
        evidence = [
            Evidence(quote=quote, start=start, end=start + len(quote), alignment=Alignment.EXACT)
        ]
    return Claim(assertion="a", claimant=claimant, cue=cue, evidence=evidence)


def _summary(*claims: Claim) -> ArticleSummary:
    return ArticleSummary(
        headline="h",
        summary="s",
        claims=list(claims),
        meta=SummaryMeta(model="m", prompt_version="p"),
    )


TAX = 'Smith said "taxes will rise next year." Jones disagreed.'


# --- spans --------------------------------------------------------------------------------


def test_trim_drops_whitespace_quotes_and_edge_punctuation() -> None:
    text = " “We will win.” "
    assert text[slice(*trim(text, 0, len(text)))] == "We will win"
    assert trim(text, 0, 2) == (2, 2)  # nothing left but edge characters


def test_jaccard_counts_shared_characters_of_trimmed_spans() -> None:
    text = "abcdefghij"
    # gold c..h (6 chars), predicted f..j (5): shared f,g,h = 3; union 6 + 5 - 3 = 8
    assert jaccard(text, [(2, 8)], [(5, 10)]) == pytest.approx(3 / 8)
    assert jaccard(text, [(0, 2)], [(5, 10)]) == 0.0
    # segments of a discontinuous content count together: 2 + 2 shared of 6 + 4 - 4
    assert jaccard(text, [(0, 3), (6, 9)], [(1, 3), (6, 8)]) == pytest.approx(4 / 6)


def test_exact_compares_trimmed_boundaries() -> None:
    content = '"taxes will rise next year."'
    start = TAX.index(content)
    gold = [(start, start + len(content))]
    inner = TAX.index("taxes will rise next year")
    assert exact(TAX, gold, [(inner, inner + len("taxes will rise next year"))])
    assert not exact(TAX, gold, [(inner, inner + len("taxes will rise"))])
    # two quotes whose extent is the content
    assert exact(TAX, gold, [(inner, inner + 5), (inner + 16, inner + 25)])
    assert not exact(TAX, gold, [])


def test_match_pairs_takes_the_most_pairs_then_the_largest_overlap() -> None:
    # rows: gold, columns: predicted. Greedy by weight would pair (0, 0) and strand row 1.
    assert match_pairs([[0.9, 0.2], [0.8, 0.0]]) == [(0, 1), (1, 0)]
    # one gold, two candidates: the larger overlap wins
    assert match_pairs([[0.3, 0.6]]) == [(0, 1)]
    assert match_pairs([[0.0, 0.0]]) == []
    assert match_pairs([]) == []


# --- claims: lenient and strict -----------------------------------------------------------


def test_overlap_matches_where_exact_boundaries_do_not() -> None:
    gold = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")])
    result = score([gold], {"a": _summary(_claim(TAX, "taxes will rise"))})
    metrics = result.metrics()
    assert metrics["polnear_claim_precision"] == metrics["polnear_claim_recall"] == 1.0
    assert metrics["polnear_claim_strict_precision"] == 0.0
    assert metrics["polnear_claim_strict_recall"] == 0.0
    assert metrics["polnear_claim_strict_f1"] == 0.0


def test_exact_boundaries_ignore_quote_marks_and_final_period() -> None:
    gold = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")])
    result = score([gold], {"a": _summary(_claim(TAX, "taxes will rise next year"))})
    assert result.metrics()["polnear_claim_strict_f1"] == 1.0


def test_a_claim_elsewhere_is_a_false_positive_and_the_attribution_missed() -> None:
    gold = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")])
    beyond = Claim(
        assertion="a",
        evidence=[Evidence(quote="x", start=500, end=510, alignment=Alignment.EXACT)],
    )  # offsets past the end of the text (a summary of some other text)
    summary = _summary(_claim(TAX, "Jones disagreed"), _claim(TAX, None), beyond)
    result = score([gold], {"a": summary})
    counts = result.articles[0].claims
    assert (counts.tp, counts.fp, counts.fn) == (0, 3, 1)  # the ungrounded claim cannot match
    assert result.metrics()["polnear_claim_f1"] == 0.0


def test_two_claims_on_one_attribution_match_once() -> None:
    gold = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")])
    # the longer quote overlaps more (Jaccard 25/25 vs 15/25), so it is the match; the
    # claimants tell which one was paired: Smith's head matches, Jones's would not.
    summary = _summary(
        _claim(TAX, "taxes will rise", claimant="Jones"),
        _claim(TAX, "taxes will rise next year", claimant="Mr. Smith"),
    )
    result = score([gold], {"a": summary})
    counts = result.articles[0].claims
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)
    metrics = result.metrics()
    assert metrics["polnear_claim_precision"] == 0.5
    assert metrics["polnear_claim_recall"] == 1.0
    assert metrics["polnear_claim_f1"] == pytest.approx(2 / 3)
    assert metrics["polnear_source_accuracy"] == 1.0


def test_a_claim_spanning_two_attributions_leaves_room_for_a_second() -> None:
    text = "Smith said taxes will rise. Jones said rates will fall."
    gold = _gold(text, [("taxes will rise", "Smith", "said"), ("rates will fall", "Jones", "said")])
    wide = _claim(text, "taxes will rise. Jones said rates will fall")
    narrow = _claim(text, "taxes")
    result = score([gold], {"a": _summary(wide, narrow)})
    assert result.articles[0].claims.tp == 2  # wide -> rates, narrow -> taxes


def test_failed_or_missing_summaries_predict_nothing() -> None:
    first = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")], doc_id="a")
    second = _gold(TAX, [("Jones disagreed", None, None)], doc_id="b")
    result = score([first, second], {"a": None})
    metrics = result.metrics()
    assert metrics["polnear_failed"] == 2.0
    assert metrics["polnear_articles"] == 2.0
    assert metrics["polnear_gold_attributions"] == 2.0
    assert metrics["polnear_claim_recall"] == 0.0
    assert metrics["polnear_claim_precision"] == 0.0  # nothing predicted, something missed
    assert metrics["polnear_source_accuracy"] is None  # no matched pair


# --- source and cue -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("he", "he"),
        ("Donald Trump", "trump"),
        ("Retired Lt. Gen. Michael Flynn", "flynn"),
        ("Flynn, a top Trump surrogate,", "flynn"),
        ("Trump's campaign", "campaign"),
        ("Hillary Clinton’s campaign manager Robby Mook", "mook"),
        ("a spokesman for the Clinton campaign", "spokesman"),
        ("officials who spoke on condition of anonymity", "officials"),
        ("Donald Trump Jr.", "trump"),
        ("the U.S.", "us"),
        ("", None),
        (None, None),
    ],
)
def test_head_word(name: str | None, head: str | None) -> None:
    assert head_word(name) == head


def test_source_is_right_by_head_and_pronouns_count_as_written() -> None:
    text = "Brian Fallon, a Clinton spokesman, said it. He said that. They agreed to this."
    gold = _gold(
        text,
        [("it", "Brian Fallon, a Clinton spokesman,", "said"), ("that", "He", "said"),
         ("to this", None, "agreed")],
    )  # fmt: skip
    summary = _summary(
        _claim(text, "it", claimant="Clinton spokesman Brian Fallon", cue="said"),
        _claim(text, "that", claimant="Donald Trump", cue="says"),  # gold source is "He"
        _claim(text, "to this", claimant=None, cue="agree"),  # no gold source: not scored
    )
    article = score([gold], {"a": summary}).articles[0]
    assert article.claims.tp == 3
    assert (article.source.correct, article.source.scored) == (1, 2)
    assert (article.cue.correct, article.cue.scored) == (3, 3)


def test_missing_claimant_or_cue_is_wrong() -> None:
    gold = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")])
    article = score([gold], {"a": _summary(_claim(TAX, "taxes will rise"))}).articles[0]
    assert (article.source.correct, article.source.scored) == (0, 1)
    assert (article.cue.correct, article.cue.scored) == (0, 1)


@pytest.mark.parametrize(
    ("ours", "gold", "same"),
    [
        ("said", "says", True),
        ("Saying", "said", True),
        ("told", "tells", True),
        ("argued", "arguing", True),
        ("stated", "states", True),
        ("denies", "denied", True),
        ("agree", "agreed", True),
        ("agrees", "agreed", True),
        ("added", "adds", True),
        ("thinks", "thought", True),
        ("According to", "according to", True),
        ("don't like", "don’t like", True),
        ("said", "has said", True),
        ("expected", "is expected", True),
        ("will", "will", True),
        ("said", "did not say", False),
        ("said", "denied", False),
        ("said", "said Thursday morning", False),
        (None, "said", False),
    ],
)
def test_cue_match_folds_case_and_inflection(ours: str | None, gold: str, same: bool) -> None:
    assert (bool(ours) and cue_key(ours) == cue_key(gold)) is same


def test_cue_key_values() -> None:
    assert cue_key("said") == cue_key("says") == cue_key("saying") == ("say",)
    assert cue_key("told reporters") == ("tel", "reporter")
    assert cue_key(None) == () == cue_key(":")


def test_a_punctuation_cue_is_not_scored() -> None:
    text = "Flynn: Trump is absolutely right. Smith said so."
    gold = _gold(text, [("Trump is absolutely right", "Flynn", ":"), ("so", "Smith", "said")])
    summary = _summary(
        _claim(text, "Trump is absolutely right", "Flynn", "said"),
        _claim(text, "so", "Smith", "said"),
    )
    article = score([gold], {"a": summary}).articles[0]
    assert (article.cue.correct, article.cue.scored) == (1, 1)
    assert (article.source.correct, article.source.scored) == (2, 2)


# --- report ----------------------------------------------------------------------------------


def test_metrics_rows_and_worst() -> None:
    good = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")], doc_id="good")
    bad = _gold(TAX, [('"taxes will rise next year."', "Smith", "said")], doc_id="bad")
    summaries = {
        "good": _summary(_claim(TAX, "taxes will rise next year", "Smith", "says")),
        "bad": _summary(_claim(TAX, "Jones disagreed")),
    }
    result = score([good, bad], summaries)
    metrics = result.metrics()
    for key in (
        "polnear_claim_precision", "polnear_claim_recall", "polnear_claim_f1",
        "polnear_claim_strict_precision", "polnear_claim_strict_recall",
        "polnear_claim_strict_f1", "polnear_source_accuracy", "polnear_cue_accuracy",
        "polnear_articles", "polnear_failed", "polnear_gold_attributions",
    ):  # fmt: skip
        assert key in metrics
    assert all(key.startswith("polnear_") for key in metrics)
    assert metrics["polnear_claim_f1"] == 0.5  # tp 1, fp 1, fn 1
    assert metrics["polnear_cue_accuracy"] == 1.0
    assert all(isinstance(label, str) and isinstance(value, str) for label, value in result.rows())
    worst = result.worst(5)
    assert len(worst) == 2 and worst[0].startswith("bad: claims F1 0.00")
    assert "1 gold attributions vs 1 predicted claims" in worst[0]
    assert 'Smith said: “"taxes will rise next year."”' in worst[0]
    assert result.worst(1) == worst[:1]
    assert result.model_dump()["articles"][0]["id"] == "good"


# --- brat parsing and loading ----------------------------------------------------------------


def test_parse_ann_merges_roles_and_drops_attributions_without_content() -> None:
    text = '"We will win," he said, "and soon." She thinks so. Noted.'
    ann = "\n".join(
        [
            'T1\tContent 0 14;24 35\t"We will win," "and soon."',
            "T2\tSource 15 17\the",
            "T3\tCue 18 22\tsaid",
            "T4\tAttribution 18 22\tsaid",
            "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
            "T5\tCue 40 46\tthinks",
            "T6\tContent 47 49\tso",
            "T7\tAttribution-no-source 40 46\tthinks",
            "E2\tAttribution-no-source:T7 Content:T6 Cue:T5",
            "T8\tAttribution-no-source 51 56\tNoted",
            "E3\tAttribution-no-source:T8 ",
            'T9\tContent 0 2;4 8\t"We will',
            "continued line of a span text",
            "#1\tAnnotatorNotes T1\ta note",
            "T10\tDiscuss 36 39\tShe",
            "",
        ]
    )
    attributions, dropped = parse_ann(ann, text)
    assert dropped == 1  # E3 has no content
    first, second = attributions
    assert first.content.segments == ((0, 14), (24, 35))
    assert first.content.text == '"We will win," "and soon."'
    assert first.content.discontinuous and (first.content.start, first.content.end) == (0, 35)
    assert (first.source.text, first.cue.text) == ("he", "said")  # type: ignore[union-attr]
    assert second.source is None and second.content.text == "so"
    # Content and Content2 roles become one span
    merged, _ = parse_ann("T1\tContent 24 35\tx\nT2\tContent 0 14\ty\nE1\tAttribution:T2 "
                          "Content:T1 Content2:T2", text)  # fmt: skip
    assert merged[0].content.segments == ((0, 14), (24, 35))  # in text order


def test_parse_ann_rejects_bad_references_and_offsets() -> None:
    with pytest.raises(ValueError, match="T9"):
        parse_ann("T1\tContent 0 2\tab\nE1\tAttribution:T1 Content:T9", "abc")
    with pytest.raises(ValueError, match="outside"):
        parse_ann("T1\tContent 0 20\tab\n", "abc")


def test_load_reads_the_real_article_and_its_first_annotator() -> None:
    (gold,) = load(FIXTURE, "dev")
    text_file = FIXTURE / "data" / "dev" / "text" / f"{STEM}.txt"
    assert gold.document.id == STEM
    assert gold.document.text == text_file.read_bytes().decode("utf-8")
    assert gold.document.published == dt.date(2016, 9, 8)
    assert gold.document.source == "politico"
    assert gold.annotators == ("4b22", "4e07", "5fec", "6b86", "d473", "ef2d")
    assert gold.annotator == "4b22"
    assert len(gold.attributions) == 9 and gold.dropped == 0
    assert gold.discontinuous == 2  # two quotes split around "..., said"
    text = gold.document.text
    for item in gold.attributions:
        assert item.content.text == " ".join(text[a:b] for a, b in item.content.segments)
    first = gold.attributions[0]
    assert (first.source.text, first.cue.text) == ("Flynn", "says")  # type: ignore[union-attr]
    assert sum(item.source is None for item in gold.attributions) == 1  # "an answer about"
    assert [item.content.start for item in gold.attributions] == sorted(
        item.content.start for item in gold.attributions
    )
    assert load(FIXTURE, "dev", limit=0) == []
    assert load(FIXTURE / "data", "dev") == [gold]  # the data/ folder itself also works
    with pytest.raises(ValueError, match="split"):
        load(FIXTURE, "test")


def test_scoring_the_real_article() -> None:
    (gold,) = load(FIXTURE, "dev")
    text = gold.document.text
    summary = _summary(
        # inside the second segment of the discontinuous quote (E9): overlap only
        _claim(text, "Donald Trump has enormous respect for our military", "Michael Flynn", "says"),
        # exactly E2's content, without its closing quote mark and period
        _claim(
            text,
            "Donald Trump was “absolutely right” when he said Wednesday night that under "
            "President Barack Obama, “the generals have been reduced to rubble",
            "Flynn",
            "said",
        ),
        _claim(text, "lashed out at our nation's generals", "Robby Mook", "argued"),  # E7
        _claim(text, None, "Flynn", "said"),  # ungrounded
    )
    result = score([gold], {STEM: summary})
    article = result.articles[0]
    assert (article.claims.tp, article.claims.fp, article.claims.fn) == (3, 1, 6)
    assert article.strict.tp == 1
    assert (article.source.correct, article.source.scored) == (3, 3)
    assert (article.cue.correct, article.cue.scored) == (3, 3)
    assert result.metrics()["polnear_multi_annotator_articles"] == 1.0
    assert article.missed is not None and article.missed.startswith("Flynn says:")


# --- adapter protocol --------------------------------------------------------------------------


def test_module_satisfies_the_adapter_protocol() -> None:
    module = adapter("polnear")
    assert module is polnear
    assert module.NAME == "polnear"
    assert module.SPLITS == ("train", "dev") and module.DEFAULT_SPLIT in module.SPLITS
    assert list(inspect.signature(module.load).parameters) == ["data", "split", "limit"]
    assert inspect.signature(module.load).parameters["limit"].default is None
    assert list(inspect.signature(module.score).parameters) == ["golds", "summaries"]
    result = module.score([], {})
    assert result.metrics()["polnear_articles"] == 0.0
    assert result.rows() and result.worst(3) == []
