"""Fold names and sentences for comparison: case, punctuation, articles, "U.S." == "US"."""

from __future__ import annotations

import re

_DROP = str.maketrans("", "", ".'’‘`")
_NON_WORD = re.compile(r"[^\w\s-]+|_")
_ARTICLES = frozenset({"the", "a", "an"})
_ALIASES = ((re.compile(r"\bunited states(?: of america)?\b|\busa\b"), "us"),)


def normalize_text(text: str) -> str:
    """Fold case and punctuation for comparing names and sentences (see module doc)."""
    folded = _NON_WORD.sub(" ", text.casefold().translate(_DROP))
    for pattern, replacement in _ALIASES:
        folded = pattern.sub(replacement, folded)
    tokens = (token.strip("-") for token in folded.split())
    return " ".join(token for token in tokens if token and token not in _ARTICLES)
