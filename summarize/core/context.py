"""One article as every stage of the pipeline reads it, built once per article.

The context holds the text (offsets of every item refer to it), its paragraphs, its
sentences (the parse's, the one sentence splitter of the program), the publication
date, the outlet, the parse and the attributions read from it. Stages read what they
need from the context instead of re-splitting or re-parsing the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from summarize.core.article import Article, Paragraph, find_outlet
from summarize.core.attribution import Attribution, find_attributions
from summarize.core.dates import find_publication_date
from summarize.core.instructions import suspicious_spans, without_instructions
from summarize.core.nlp import parse, sentences_of
from summarize.core.schema import SuspiciousSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class ArticleContext:
    """An article with what is known about it and what the parse reads from it."""

    article: Article
    published: dt.date | None = None
    source: str | None = None
    """The outlet the caller named (None when it did not)."""

    @property
    def text(self) -> str:
        """The article text every offset refers to."""
        return self.article.text

    @property
    def name(self) -> str:
        """The article's name in messages."""
        return self.article.name

    @cached_property
    def dateline_outlet(self) -> str | None:
        """The outlet a dateline names ("KABUL (Reuters) -")."""
        return find_outlet(self.text)

    @property
    def outlet(self) -> str | None:
        """The article's own outlet: the caller's, else the dateline's (never a relay)."""
        return self.source or self.dateline_outlet

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs worth reading, with offsets."""
        return self.article.paragraphs()

    @cached_property
    def doc(self) -> Doc:
        """The parse of the whole text, page furniture blanked (offsets unchanged)."""
        return parse(self.article.readable_text)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence of the text, in order."""
        return list(sentences_of(self.doc))

    @cached_property
    def attributions(self) -> list[Attribution]:
        """The attributed statements the parse shows, in text order."""
        return find_attributions(self.doc)

    @cached_property
    def suspicious_spans(self) -> list[SuspiciousSpan]:
        """The text written to a machine, not to readers (injected instructions)."""
        return suspicious_spans(self.text)

    @cached_property
    def without_suspicious_text(self) -> str:
        """The text with :attr:`suspicious_spans` removed (for free-text requests)."""
        return without_instructions(self.text, self.suspicious_spans)

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence that holds ``offset`` (None between sentences)."""
        starts = [start for start, _ in self.sentences]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < self.sentences[index][1]:
            return self.sentences[index]
        return None


def build_context(
    article: Article, *, published: dt.date | None = None, source: str | None = None
) -> ArticleContext:
    """The context of ``article``: the caller's publication date, else the one the text
    gives ("Published: March 3, 2024", a dateline)."""
    return ArticleContext(
        article=article,
        published=published or find_publication_date(article.text),
        source=source,
    )
