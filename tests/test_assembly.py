"""The pipeline's assembly on fake model answers: grounding, nulls, hedges, strict mode."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from summarize.core.factuality import hedge_factuality
from summarize.core.schema import Factuality
from summarize.summarizer import Summarizer
from tests.fakes import QUOTES_PROMPT, FakeClient, completion

ARTICLE = (
    "Strike near Kirkuk\n\n"
    "A U.S. air strike killed five militants near Kirkuk on Sunday, three Iraqi security "
    "sources told Reuters.\n"
)
OVERVIEW = completion({"headline": "Strike near Kirkuk", "summary": "A strike.", "source": None})


def _paragraph(events: list[dict], claims: list[dict]) -> dict:
    return completion({"events": events, "claims": claims})


EVENT = {
    "quote": "A U.S. air strike killed five militants near Kirkuk",
    "type": "air_or_drone_strike",
    "actor": "U.S.",
    "target": "militants",
    "place": "Kirkuk",
    "date": "on Sunday",
    "killed": "five militants",
    "injured": "not specified",
    "reported_by": "three Iraqi security sources",
}
CLAIM = {
    "quote": "A U.S. air strike killed five militants",
    "claim": "A U.S. air strike killed five militants near Kirkuk.",
    "claimant": "three Iraqi security sources",
    "via": "reported",
    "cue": "told",
    "factuality": "certain",
}
INVENTED = {**CLAIM, "quote": "the ceasefire collapsed in Gaza overnight", "claim": "Invented."}


def _summarizer(tmp_path: Path, answers: list, **options: object) -> Summarizer:
    summarizer = Summarizer(prompt=QUOTES_PROMPT, cache_dir=tmp_path / "cache", **options)  # type: ignore[arg-type]
    summarizer.model.client = FakeClient(answers)  # type: ignore[assignment]
    return summarizer


def test_words_not_in_the_paragraph_become_null(tmp_path: Path) -> None:
    summarizer = _summarizer(tmp_path, [OVERVIEW, _paragraph([EVENT], [CLAIM])])
    summary = summarizer.summarize(ARTICLE, published=dt.date(2023, 12, 4))
    event, claim = summary.events[0], summary.claims[0]
    assert event.injured is None  # "not specified" is not in the paragraph
    assert event.killed is not None and event.killed.value == 5
    assert event.date is not None and event.date.iso == dt.date(2023, 12, 3)
    assert claim.claimant == "three Iraqi security sources"
    # the model's "reported" is no outlet; the outlet the sentence names relays the claim
    assert claim.reported_via == "Reuters"
    assert summary.meta.model_calls == 2 and summary.meta.model_time_s > 0


def test_ungrounded_items_are_kept_marked_by_default(tmp_path: Path) -> None:
    summarizer = _summarizer(tmp_path, [OVERVIEW, _paragraph([EVENT], [CLAIM, INVENTED])])
    summary = summarizer.summarize(ARTICLE)
    assert [c.grounded for c in summary.claims] == [True, False]
    invented = summary.claims[1].evidence[0]
    assert invented.start is None and invented.end is None


def test_strict_grounding_drops_ungrounded_items(tmp_path: Path) -> None:
    summarizer = _summarizer(
        tmp_path, [OVERVIEW, _paragraph([EVENT], [CLAIM, INVENTED])], strict_grounding=True
    )
    summary = summarizer.summarize(ARTICLE)
    assert len(summary.claims) == 1 and summary.claims[0].grounded
    for item in [*summary.events, *summary.claims]:
        for evidence in item.evidence:
            assert ARTICLE[evidence.start : evidence.end] == evidence.quote


PARAGRAPH = (
    "According to an AFP source, the group is linked to the former paramilitary. "
    "The claims have not been able to be confirmed by independent sources."
)


@pytest.mark.parametrize(
    ("labelled", "paragraph", "span", "expected"),
    [
        (Factuality.CERTAIN, PARAGRAPH, (0, 40), Factuality.POSSIBLE),
        (
            Factuality.CERTAIN,
            "The US is believed to have carried out the attack.",
            (7, 30),
            Factuality.PROBABLE,
        ),
        (
            Factuality.CERTAIN,
            "The US admitted the attack, claiming that it was in response to another attack.",
            (0, 26),
            Factuality.CERTAIN,
        ),
        (
            Factuality.CERTAIN,
            "It said it was in response to another attack.",
            (0, 40),
            Factuality.PROBABLE,
        ),
        (Factuality.CERTAIN, "Five were killed, police said.", (0, 16), Factuality.CERTAIN),
        (Factuality.POSSIBLE, "Five were killed, police said.", (0, 16), Factuality.POSSIBLE),
        (
            Factuality.CERTAIN,
            "The claim could not be independently confirmed.",
            None,
            Factuality.POSSIBLE,
        ),
    ],
)
def test_hedges_lower_factuality(
    labelled: Factuality, paragraph: str, span: tuple[int, int] | None, expected: Factuality
) -> None:
    assert hedge_factuality(labelled, paragraph, span) is expected
