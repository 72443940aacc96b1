"""Align evidence quotes to character offsets in the article (exact, normalized, fuzzy)."""

from __future__ import annotations

import re
from functools import lru_cache

from summarize.core.schema import Alignment, Evidence

FUZZY_THRESHOLD = 90.0
"""Minimum rapidfuzz partial-ratio (0-100) for a fuzzy alignment to count as found."""

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‛": "'", "`": "'"})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=512)
def _normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Fold case, quote marks and runs of whitespace; return the folded text and,
    for each folded character, its offset in the original."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_space = False
    for index, char in enumerate(text.translate(_QUOTE_MARKS)):
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        chars.append(char.lower())
        offsets.append(index)
    return "".join(chars), offsets


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def align_quote(quote: str, text: str, window: tuple[int, int] | None = None) -> Evidence:
    """Locate ``quote`` in ``text``, preferring the ``window`` (start, end) it was taken from.

    The returned evidence always satisfies ``text[start:end] == evidence.quote`` when found;
    the model's own wording is kept in ``quote_as_given`` when it differs.
    """
    cleaned = quote.strip()
    if not cleaned:
        return Evidence(quote=quote, alignment=Alignment.NOT_FOUND)
    regions = [window, (0, len(text))] if window else [(0, len(text))]
    for low, high in regions:
        found = _align_in(cleaned, text, low, high)
        if found is not None:
            start, end, alignment = found
            span = text[start:end]
            return Evidence(
                quote=span,
                start=start,
                end=end,
                alignment=alignment,
                quote_as_given=None if span == quote else quote,
            )
    return Evidence(quote=quote, alignment=Alignment.NOT_FOUND)


def _align_in(quote: str, text: str, low: int, high: int) -> tuple[int, int, Alignment] | None:
    position = text.find(quote, low, high)
    if position >= 0:
        return position, position + len(quote), Alignment.EXACT

    region = text[low:high]
    folded_region, offsets = _normalize_with_map(region)
    folded_quote, _ = _normalize_with_map(quote)
    folded_quote = folded_quote.strip()
    position = folded_region.find(folded_quote)
    if position >= 0 and folded_quote:
        start = low + offsets[position]
        end = low + offsets[position + len(folded_quote) - 1] + 1
        return (*_trim(text, start, end), Alignment.NORMALIZED)

    from rapidfuzz import fuzz

    if len(folded_quote) < 8 or not folded_region:
        return None
    result = fuzz.partial_ratio_alignment(folded_quote, folded_region, score_cutoff=FUZZY_THRESHOLD)
    if result is None or result.dest_end <= result.dest_start:
        return None
    start = low + offsets[result.dest_start]
    end = low + offsets[result.dest_end - 1] + 1
    start, end = _trim(text, *_widen_to_words(text, start, end))
    return (start, end, Alignment.FUZZY) if end > start else None


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a character span so it neither starts nor ends inside a word."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end
