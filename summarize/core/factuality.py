"""Hedges lower a claim's factuality: code reads the cues, the model's label is only lowered.

A small model marks nearly everything "certain"; the article's own hedge words are a
more reliable signal. Cues in the claim's sentence apply to it; a disclaimer anywhere
in its paragraph ("could not be independently confirmed") applies to every claim there.
"""

from __future__ import annotations

import re

from summarize.core.chunking import sentence_spans
from summarize.core.schema import Factuality

_RANK = [Factuality.UNKNOWN, Factuality.POSSIBLE, Factuality.PROBABLE, Factuality.CERTAIN]

# a negated or impossible check: "could not be independently confirmed", "was unable to
# verify", "has not been able to corroborate"; or an "unconfirmed" report
_DISCLAIMER = re.compile(
    r"\b(?:unconfirmed|unverified|"
    r"(?:not|unable to)\b(?:(?!\b(?:and|but)\b)[\w\s]){0,30}?\b(?:confirm|verif|corroborat)\w*)",
    re.I,
)
_POSSIBLE = re.compile(r"\b(?:may have|might have|could have|possibly|allegedly)\b", re.I)
_PROBABLE = re.compile(
    r"\b(?:believed to|thought to|likely|probably|reportedly|apparently|appears? to|"
    r"suspected|presumably|said it was in response)\b",
    re.I,
)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` that overlap the span [start, end)."""
    spans = sentence_spans(text) or [(0, len(text))]
    overlapping = [(s, e) for s, e in spans if s < end and start < e] or spans
    return text[overlapping[0][0] : overlapping[-1][1]]


def hedge_factuality(
    labelled: Factuality, paragraph: str, span: tuple[int, int] | None
) -> Factuality:
    """The model's factuality, lowered to what the hedges around the claim allow."""
    sentence = _sentence_around(paragraph, *span) if span else paragraph
    ceiling = Factuality.CERTAIN
    if _DISCLAIMER.search(paragraph) or _POSSIBLE.search(sentence):
        ceiling = Factuality.POSSIBLE
    elif _PROBABLE.search(sentence):
        ceiling = Factuality.PROBABLE
    return min(labelled, ceiling, key=_RANK.index)
