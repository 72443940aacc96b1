"""The article context: built once, its sentences and date read from the text."""

from __future__ import annotations

import datetime as dt

from summarize.core.article import Article
from summarize.core.context import build_context

TEXT = (
    "Published: March 4, 2024\n\n"
    "LIMA (Reuters) - Dock workers in Callao began a strike on Monday. "
    "The union said the stoppage would last three days.\n"
)


def test_context_reads_date_outlet_and_sentences_once() -> None:
    context = build_context(Article(TEXT))
    assert context.published == dt.date(2024, 3, 4)
    assert context.outlet == "Reuters"
    sentences = [TEXT[s:e] for s, e in context.sentences]
    assert sentences[-1] == "The union said the stoppage would last three days."
    assert context.doc is context.doc  # parsed once


def test_callers_date_and_source_win() -> None:
    context = build_context(Article(TEXT), published=dt.date(2024, 3, 5), source="El Comercio")
    assert context.published == dt.date(2024, 3, 5)
    assert context.outlet == "El Comercio"
    assert context.dateline_outlet == "Reuters"


def test_sentence_at_finds_the_sentence_holding_an_offset() -> None:
    context = build_context(Article(TEXT))
    offset = TEXT.index("stoppage")
    start, end = context.sentence_at(offset) or (0, 0)
    assert TEXT[start:end].startswith("The union said")
    assert context.sentence_at(len(TEXT) + 5) is None
