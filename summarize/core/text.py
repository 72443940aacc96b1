"""Plain-text helpers: fold names and sentences for comparison (case, punctuation,
articles, "U.S." == "US"), and replace spans of a text by offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from summarize.core.lexicon import ARTICLES

_DROP = str.maketrans("", "", ".'’‘`")
_NON_WORD = re.compile(r"[^\w\s-]+|_")
_ALIASES = ((re.compile(r"\bunited states(?: of america)?\b|\busa\b"), "us"),)


def normalize_text(text: str) -> str:
    """Fold case and punctuation for comparing names and sentences (see module doc)."""
    folded = _NON_WORD.sub(" ", text.casefold().translate(_DROP))
    for pattern, replacement in _ALIASES:
        folded = pattern.sub(replacement, folded)
    tokens = (token.strip("-") for token in folded.split())
    return " ".join(token for token in tokens if token and token not in ARTICLES)


_EDGE_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’«»-–—"


def words_of(text: str) -> list[str]:
    """The words of ``text``, lower-cased, without the punctuation around them ("Since," ->
    "since"; inner hyphens and apostrophes stay)."""
    words = (word.strip(_EDGE_PUNCTUATION) for word in text.lower().split())
    return [word for word in words if word]


def replace_spans(
    text: str, spans: Iterable[tuple[int, int]], replacement: Callable[[str], str]
) -> str:
    """``text`` with each (start, end) span, in text order, replaced by
    ``replacement(text[start:end])``; empty spans and spans that overlap an earlier one are
    left out."""
    out, position = [], 0
    for start, end in spans:
        if start >= end or start < position:
            continue
        out += [text[position:start], replacement(text[start:end])]
        position = end
    return "".join(out) + text[position:]
