"""Hedges and disclaimers lower a claim's factuality (core/factuality.py)."""

import pytest

from summarize.core.factuality import hedge_factuality
from summarize.core.schema import Factuality


@pytest.mark.parametrize(
    "paragraph",
    [
        "The report could not be independently confirmed.",
        "Police were not able to verify the figure.",
        "Reuters was unable to verify the video.",
        "The ministry did not confirm the raid.",
        "The claim has not yet been independently verified.",
        "Residents gave an unconfirmed toll of nine.",
    ],
)
def test_a_disclaimer_makes_every_claim_of_the_paragraph_possible(paragraph: str) -> None:
    assert hedge_factuality(Factuality.CERTAIN, paragraph, None) is Factuality.POSSIBLE


@pytest.mark.parametrize(
    "paragraph",
    [
        "He said the army confirmed the raid.",
        "The ministry did not deny the charge and confirmed the raid.",
    ],
)
def test_a_confirmation_is_not_a_disclaimer(paragraph: str) -> None:
    assert hedge_factuality(Factuality.CERTAIN, paragraph, None) is Factuality.CERTAIN


def test_hedges_apply_to_the_claims_sentence_only() -> None:
    paragraph = "The rebels probably fired first. The army said it returned fire."
    second = paragraph.index("The army")
    span = (second, len(paragraph))
    assert hedge_factuality(Factuality.CERTAIN, paragraph, span) is Factuality.CERTAIN
    assert hedge_factuality(Factuality.CERTAIN, paragraph, (0, 10)) is Factuality.PROBABLE


def test_the_models_label_is_only_lowered() -> None:
    assert hedge_factuality(Factuality.POSSIBLE, "Officials said so.", None) is Factuality.POSSIBLE
