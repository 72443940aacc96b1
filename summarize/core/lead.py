"""The headline and summary read from the article itself, without asking a model.

News is written lead first: the opening sentences say what happened, who was involved and
who says so. A prompt with ``overview = "lead"`` takes the headline from the article's
title line and the summary from its lead, so every word of both is the article's own
(nothing to ground, nothing invented) and no model call is spent on free text.

The title is the first short line without closing punctuation; an article without one
gets its first sentence, cut at a word boundary. The lead is the first sentences of the
body, after titles, bylines, captions, credits and date lines; sentences that speak to an
AI ("Ignore previous instructions ...") are never copied (:mod:`summarize.core.instructions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from summarize.core.article import (
    MAX_TITLE_WORDS,
    MIN_PARAGRAPH_WORDS,
    PARAGRAPH,
    Article,
    without_leading_outlet,
)
from summarize.core.chunking import sentence_spans
from summarize.core.furniture import without_furniture, without_leading_stamp
from summarize.core.instructions import addresses_a_model

MAX_HEADLINE_CHARS = 120
MAX_SUMMARY_CHARS = 450
SUMMARY_SENTENCES = 2

_STRAY_STOPS = re.compile(r"(?<=[.!?])(?:\s*[.!?])+$")  # "Syria. ." -> "Syria."
_SENTENCE_END = (".", '"', "”", ")", "!", "?")


@dataclass(frozen=True)
class Lead:
    """An article's headline and summary in its own words."""

    headline: str
    summary: str


def _clean(paragraph: str) -> str:
    return without_leading_outlet(without_leading_stamp(" ".join(paragraph.split())))


def _is_title(text: str) -> bool:
    return len(text.split()) <= MAX_TITLE_WORDS and not text.endswith(_SENTENCE_END)


def _sentences(text: str) -> list[str]:
    spans = [_STRAY_STOPS.sub("", text[s:e]) for s, e in sentence_spans(text)]
    return [s for s in spans if _has_a_word(s) and not addresses_a_model(s)]


def _has_a_word(sentence: str) -> bool:
    return any(a.isalnum() and b.isalnum() for a, b in pairwise(sentence))


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    space = text.rfind(" ", 0, limit - 1)
    return text[: space if space > 0 else limit - 1].rstrip(" ,;:") + "…"


def lead_of(text: str | Article) -> Lead:
    """The article's title (or first sentence) and its first sentences as the summary (page
    furniture left out; an :class:`Article` gives its already blanked readable text)."""
    readable = text.readable_text if isinstance(text, Article) else without_furniture(text)
    title: str | None = None
    body: list[str] = []
    for match in PARAGRAPH.finditer(readable):
        paragraph = _clean(match.group())
        if not paragraph:
            continue
        if _is_title(paragraph):
            if title is None and not addresses_a_model(paragraph):
                title = paragraph
            continue
        # a body paragraph ends as a sentence does; captions and credits ("... AP") do not
        if len(paragraph.split()) >= MIN_PARAGRAPH_WORDS and paragraph.endswith(_SENTENCE_END):
            body += _sentences(paragraph)
        if len(body) >= SUMMARY_SENTENCES:
            break
    summary = ""
    for sentence in body[:SUMMARY_SENTENCES]:
        joined = f"{summary} {sentence}".strip()
        if summary and len(joined) > MAX_SUMMARY_CHARS:
            break
        summary = joined
    headline = title or (body[0] if body else "")
    return Lead(
        headline=_cut(headline.rstrip("."), MAX_HEADLINE_CHARS),
        summary=_cut(summary, MAX_SUMMARY_CHARS),
    )
