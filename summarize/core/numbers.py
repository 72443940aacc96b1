"""Parse reported figures ("five", "at least 10", "more than 70", "dozens") into numbers."""

from __future__ import annotations

import re

from summarize.core.schema import Figure, Qualifier

_UNITS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
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
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def _words_to_int(words: list[str]) -> int | None:
    total, current, seen = 0, 0, False
    for word in words:
        for part in word.split("-"):
            if part in _UNITS:
                current += _UNITS[part]
                seen = True
            elif part in _SCALES and seen:
                current = max(current, 1) * _SCALES[part]
                if _SCALES[part] >= 1000:
                    total, current = total + current, 0
            elif part == "and" and seen:
                continue
            elif seen:
                return total + current
    return total + current if seen else None


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
        value = _words_to_int(_WORD.findall(lowered))
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
