"""Articles longer than the model's context: a bounded overview lead and chunked paragraphs."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from summarize.core.article import Article, Paragraph
from summarize.core.chunking import (
    MAX_CHUNK_CHARS,
    OVERLAP_CHARS,
    OVERVIEW_LEAD_CHARS,
    chunk_paragraph,
    request_windows,
    sentence_spans,
)
from summarize.core.drafts import ParagraphDraft
from summarize.core.prompts import load_prompts
from summarize.llm.client import CallResult
from summarize.llm.config import DEFAULT_MAX_TOKENS
from summarize.llm.embedded import CONTEXT_TOKENS
from summarize.summarizer import Summarizer
from tests.fakes import QUOTES_PROMPT, completion

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
CHARS_PER_TOKEN = 3
"""A safe token estimate: English text runs nearer four characters per token."""


def _tokens(messages: list[dict[str, str]]) -> int:
    return math.ceil(sum(len(m["content"]) for m in messages) / CHARS_PER_TOKEN)


def _long_article() -> str:
    """All five seeds, three times over, then one giant paragraph of all their lines."""
    texts = [path.read_text() for path in SEEDS]
    giant = " ".join(" ".join(text.split()) for text in texts)
    return "\n\n".join(texts * 3) + "\n\n" + giant + "\n"


def _chunk_bound(paragraph: Paragraph) -> int:
    """Most chunks the plan may give a paragraph: each chunk but the last holds more than
    ``MAX_CHUNK_CHARS`` less one sentence, and repeats at most ``OVERLAP_CHARS``."""
    if len(paragraph.text) <= MAX_CHUNK_CHARS:
        return 1
    longest = max(end - start for start, end in sentence_spans(paragraph.text))
    step = MAX_CHUNK_CHARS - OVERLAP_CHARS - min(longest, MAX_CHUNK_CHARS // 2)
    return 1 + math.ceil(len(paragraph.text) / step)


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def _event(sentence: str) -> dict[str, Any]:
    """What a deterministic model reports as the event of one sentence."""
    empty = dict.fromkeys(["actor", "target", "place", "date", "killed", "injured"])
    return {"quote": " ".join(sentence.split()[:8]), "type": "other", **empty}


def _claim_for(sentence: str) -> dict[str, Any]:
    """What a deterministic model reports as the claim of one sentence."""
    quote = " ".join(sentence.split()[:8])
    empty = dict.fromkeys(["claimant", "via", "cue"])
    return {"quote": quote, "claim": f"It says: {quote}", "factuality": "certain", **empty}


class ChunkClient:
    """A fake model answering from what it is shown: events from the first and last sentence
    of each paragraph chunk, claims from its first two and its last (so the sentences two
    chunks share are reported twice)."""

    def __init__(self) -> None:
        from tests.fakes import FakeClient

        base = FakeClient([])
        self.settings, self.identity = base.settings, base.identity
        self.requests: list[list[dict[str, str]]] = []
        self.claimed_sentences: list[str] = []

    def sampling(self) -> dict[str, Any]:
        return {"temperature": 0.0, "max_tokens": DEFAULT_MAX_TOKENS}

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[BaseModel],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        self.requests.append(messages)
        if response_model is not ParagraphDraft:
            answer = {"headline": "Strikes", "summary": "Strikes in Iraq.", "source": "Reuters"}
            return CallResult(raw=completion(answer), latency_s=0.01)
        assert context is not None
        sentences = _sentences(context["source_text"])
        events = [_event(s) for s in dict.fromkeys([sentences[0], sentences[-1]])]
        claims = [_claim_for(s) for s in dict.fromkeys([*sentences[:2], sentences[-1]])]
        self.claimed_sentences += dict.fromkeys([*sentences[:2], sentences[-1]])
        answer = {"events": events, "claims": claims}
        return CallResult(raw=completion(answer), latency_s=0.01)


@pytest.fixture
def client_and_summarizer(tmp_path: Path) -> tuple[ChunkClient, Summarizer]:
    summarizer = Summarizer(prompt=QUOTES_PROMPT, cache_dir=tmp_path / "cache")
    client = ChunkClient()
    summarizer.model.client = client  # type: ignore[assignment]
    return client, summarizer


def test_the_long_article_exceeds_the_context() -> None:
    assert len(_long_article()) / CHARS_PER_TOKEN > CONTEXT_TOKENS


def test_worst_case_requests_fit_in_the_context() -> None:
    prompts = load_prompts()
    overview = prompts.overview_messages("x" * OVERVIEW_LEAD_CHARS, "2023-12-04")
    paragraph = prompts.paragraph_messages("x" * MAX_CHUNK_CHARS)
    for messages in (overview, paragraph):
        assert _tokens(messages) + DEFAULT_MAX_TOKENS <= CONTEXT_TOKENS


def test_long_article_requests_are_bounded(
    client_and_summarizer: tuple[ChunkClient, Summarizer],
) -> None:
    client, summarizer = client_and_summarizer
    text = _long_article()
    windows = request_windows(Article(text))
    paragraphs = Article(text).paragraphs()
    summary = summarizer.summarize(text, name="long")

    assert len(client.requests) == 1 + len(windows)
    giant = max(paragraphs, key=lambda p: len(p.text))
    assert len(windows) <= sum(_chunk_bound(p) for p in paragraphs)
    assert len(chunk_paragraph(giant)) > 1 and len(paragraphs) < len(windows)
    # Repeated paragraphs (the seeds three times) are asked once.
    assert len(paragraphs) == len({" ".join(p.text.split()) for p in paragraphs})
    for messages in client.requests:
        assert _tokens(messages) + DEFAULT_MAX_TOKENS <= CONTEXT_TOKENS
    assert summary.headline == "Strikes"


def test_long_article_items_are_grounded_and_unique(
    client_and_summarizer: tuple[ChunkClient, Summarizer],
) -> None:
    client, summarizer = client_and_summarizer
    text = _long_article()
    summary = summarizer.summarize(text, name="long")
    items = [*summary.events, *summary.claims]
    assert items and all(item.grounded for item in items)
    for item in items:
        for evidence in item.evidence:
            assert evidence.start is not None and evidence.end is not None
            assert text[evidence.start : evidence.end] == evidence.quote
    claim_spans = [(c.evidence[0].start, c.evidence[0].end) for c in summary.claims]
    assert len(claim_spans) == len(set(claim_spans))
    event_spans = [(e.type, ev.start, ev.end) for e in summary.events for ev in e.evidence]
    assert len(event_spans) == len(set(event_spans))
    # the overlaps made the model report shared sentences twice; the summary has each once
    assert len(client.claimed_sentences) > len(set(client.claimed_sentences))
