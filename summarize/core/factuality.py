"""Hedges lower a claim's factuality: code reads the cues, the model's label is only lowered.

A small model marks nearly everything "certain"; the article's own hedge words are a
more reliable signal. Cues in the claim's sentence apply to it; a disclaimer anywhere
in its paragraph ("could not be independently confirmed") applies to every claim there.
"""

from __future__ import annotations

import re

from summarize.core.schema import Factuality

_RANK = [Factuality.UNKNOWN, Factuality.POSSIBLE, Factuality.PROBABLE, Factuality.CERTAIN]

_DISCLAIMER = re.compile(
    r"\b(?:could not be (?:independently )?(?:confirmed|verified)|"
    r"(?:have|has) not been (?:able to be )?(?:independently )?(?:confirmed|verified)|"
    r"not (?:yet )?been independently (?:confirmed|verified)|unconfirmed|unverified)\b",
    re.I,
)
_POSSIBLE = re.compile(r"\b(?:may have|might have|could have|possibly|allegedly)\b", re.I)
_PROBABLE = re.compile(
    r"\b(?:believed to|thought to|likely|probably|reportedly|apparently|appears? to|"
    r"suspected|presumably|said it was in response)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` that overlap the span [start, end)."""
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    first = max(b for b in bounds if b <= start)
    last = min((b for b in bounds if b >= end), default=len(text))
    return text[first:last]


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
