"""Parse reported figures ("five", "at least 10", "more than 70", "dozens") into numbers."""

from __future__ import annotations

import re

from summarize.core.schema import Figure, Qualifier
from summarize.core.text import words_of

# counts written with an article or a negation ("a soldier", "no one"); text2num reads the
# number words ("twenty-five", "three hundred")
_ARTICLE_COUNTS = {"a": 1, "an": 1, "single": 1, "no": 0, "none": 0}
# Vague quantities, counted the ACLED way: the conservative value, with a plausible upper bound.
_VAGUE = {
    "several hundred": (300, 300, None),
    "a few hundred": (200, 200, None),
    "dozens": (12, 12, None),
    "dozen": (12, 12, 12),
    "tens": (10, 10, None),
    "several": (3, 3, None),
    "a few": (2, 2, 9),
    "few": (2, 2, 9),
    "scores": (40, 40, None),
    "hundreds": (200, 200, None),
    "thousands": (2000, 2000, None),
    "multiple": (2, 2, None),
}
_QUALIFIERS: list[tuple[str, Qualifier]] = [
    (r"at least|no fewer than|no less than|a minimum of", Qualifier.AT_LEAST),
    (r"more than|over|upwards of|in excess of", Qualifier.MORE_THAN),
    (r"about|around|approximately|roughly|nearly|almost|some|an estimated|up to", Qualifier.ABOUT),
    (r"at most|no more than", Qualifier.AT_MOST),
    (r"fewer than|less than|under", Qualifier.FEWER_THAN),
]
_NUMBER = re.compile(r"\d[\d,\.]*")
_CARDINAL = re.compile(r"\d[\d,]*(?![\d,]|st\b|nd\b|rd\b|th\b)")


def _words_to_int(text: str) -> int | None:
    """The number that the words of ``text`` spell ("twenty-five" -> 25), if any."""
    from text_to_num import alpha2digit

    digits = _CARDINAL.search(alpha2digit(text, "en", threshold=0))
    if digits:
        return int(digits.group().replace(",", ""))
    counts = [_ARTICLE_COUNTS[word] for word in words_of(text) if word in _ARTICLE_COUNTS]
    return counts[0] if counts else None


def parse_figure(text: str) -> Figure:
    """Parse the words of a count into value, qualifier and low/high bounds."""
    lowered = " ".join(text.lower().split())
    qualifier = Qualifier.EXACT
    for pattern, candidate in _QUALIFIERS:
        if re.search(rf"\b(?:{pattern})\b", lowered):
            qualifier = candidate
            break
    value: int | None = None
    low: int | None = None
    high: int | None = None
    digits = _NUMBER.search(lowered)
    if digits:
        value = int(float(digits.group().rstrip(".,").replace(",", "")))
    else:
        for phrase, (vague_value, vague_low, vague_high) in _VAGUE.items():
            if re.search(rf"\b{phrase}\b", lowered):
                return Figure(
                    text=text,
                    value=vague_value,
                    qualifier=Qualifier.AT_LEAST,
                    low=vague_low,
                    high=vague_high,
                )
        value = _words_to_int(lowered)
    if value is None:
        return Figure(text=text, qualifier=Qualifier.UNKNOWN)
    if qualifier is Qualifier.EXACT:
        low = high = value
    elif qualifier is Qualifier.AT_LEAST:
        low = value
    elif qualifier is Qualifier.MORE_THAN:
        low = value + 1
    elif qualifier is Qualifier.AT_MOST:
        low, high = 0, value
    elif qualifier is Qualifier.FEWER_THAN:
        low, high = 0, max(value - 1, 0)
    else:  # about: a +/-10% band, at least one either side
        spread = max(1, round(value * 0.1))
        low, high = max(value - spread, 0), value + spread
    return Figure(text=text, value=value, qualifier=qualifier, low=low, high=high)
