"""The pipeline: article -> prompt messages -> model calls -> grounded, normalized summary.

An article becomes a plan of small model requests (one overview of the whole
article, then one request per paragraph); the answers are assembled by code
that aligns quotes, parses figures and resolves dates. Sync and async callers
share the plan and the assembly and differ only in how requests are sent.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summarize.core.article import Article, Paragraph, article_from_text
from summarize.core.assemble import (
    build_claim,
    build_event,
    build_sentence_claim,
    build_sentence_event,
    drop_duplicates,
    split_vow,
    whole_sentences,
)
from summarize.core.chunking import drop_overlap_duplicates
from summarize.core.claims import combine_claims
from summarize.core.context import ArticleContext, build_context
from summarize.core.coref import merge_mentions
from summarize.core.cues import mentions_an_event, mentions_events_or_claims
from summarize.core.drafts import (
    EachSentenceDraft,
    OverviewDraft,
    ParagraphDraft,
    SentenceEventsDraft,
    SentencesDraft,
    each_sentence_draft,
)
from summarize.core.gazetteer import with_countries
from summarize.core.instructions import PLACEHOLDER, is_withheld, masked, without_planted_items
from summarize.core.lead import lead_of
from summarize.core.nlp import pipeline_version
from summarize.core.prompts import (
    DEFAULT_PROMPT,
    MAX_GROUP_SENTENCES,
    PromptSet,
    load_prompts,
    numbered_sentences,
)
from summarize.core.schema import ArticleSummary, Claim, Event, SummaryMeta, Usage
from summarize.errors import InputError, SummarizeError
from summarize.llm.cache import CachedModel, CacheMode, ResponseCache, cache_key
from summarize.llm.client import CallResult, ModelClient
from summarize.llm.config import resolve_settings
from summarize.paths import response_cache_dir

log = logging.getLogger("summarize")

DEFAULT_REMOTE_CONCURRENCY = 8
UNNAMED = "<text>"
"""The name of an article given as text without a name (in error messages)."""


@dataclass(frozen=True)
class ArticleInput:
    """One article of a batch: its text, a name for messages, and what the caller knows."""

    text: str
    name: str = UNNAMED
    published: dt.date | None = None
    source: str | None = None


@dataclass(frozen=True)
class BatchResult:
    """The outcome of one article of a batch: a summary, or the one-line error."""

    index: int
    name: str
    summary: ArticleSummary | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the article was summarized."""
        return self.summary is not None


@dataclass(frozen=True)
class _Request:
    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    window: tuple[int, int] | None = None
    context: dict[str, Any] | None = None
    sentences: tuple[tuple[int, int], ...] = ()  # numbered sentences shown, as text offsets


@dataclass(frozen=True)
class _Shown:
    """An asked paragraph and the sentences of it shown to the model (text offsets)."""

    paragraph: Paragraph
    sentences: tuple[tuple[int, int], ...]


def _grouped(asked: Sequence[_Shown]) -> list[list[_Shown]]:
    """Consecutive asked paragraphs packed into groups of at most
    :data:`MAX_GROUP_SENTENCES` shown sentences (a paragraph with more is a group alone)."""
    groups: list[list[_Shown]] = []
    count = 0
    for shown in asked:
        if groups and count + len(shown.sentences) <= MAX_GROUP_SENTENCES:
            groups[-1].append(shown)
            count += len(shown.sentences)
        else:
            groups.append([shown])
            count = len(shown.sentences)
    return groups


@dataclass(frozen=True)
class _SentenceMode:
    """How paragraphs are asked about, by who finds the claims (``PromptSet.claims``)."""

    response_model: type[SentencesDraft] | type[SentenceEventsDraft]
    asks: Callable[[str], bool]
    """Whether a paragraph (and, with ``show = "candidates"``, a sentence) is shown."""


_SENTENCE_MODES = {
    # the model lists events and claims: a paragraph with a cue or an event word is asked
    "model": _SentenceMode(SentencesDraft, mentions_events_or_claims),
    # the parse finds the claims: a paragraph is asked only when it may tell an event
    "parse": _SentenceMode(SentenceEventsDraft, mentions_an_event),
}

_PARSER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summarize-parser")
"""One thread parses for the async API (spaCy's pipeline is not shared across threads)."""


class Summarizer:
    """Holds configuration and the model client for summarizing many articles."""

    def __init__(
        self,
        *,
        model: str | None = None,
        base_url: str | None = None,
        api_key: str | None = None,
        prompt: str = DEFAULT_PROMPT,
        cache: bool = True,
        offline: bool = False,
        cache_dir: Path | None = None,
        strict_grounding: bool = False,
    ) -> None:
        self.settings = resolve_settings(model=model, base_url=base_url, api_key=api_key)
        if offline and not self.settings.embedded and not self.settings.model:
            raise InputError(
                "--offline with an endpoint needs a model id (-m/--model or SUMMARIZE_MODEL): "
                "cached answers are keyed by it, and offline mode never asks the endpoint"
            )
        self.prompts: PromptSet = load_prompts(prompt)
        self.client = ModelClient(self.settings)
        mode = CacheMode.OFFLINE if offline else CacheMode.READ_WRITE if cache else CacheMode.OFF
        store = (
            ResponseCache(cache_dir or response_cache_dir()) if mode is not CacheMode.OFF else None
        )
        self.model = CachedModel(self.client, store, mode, self.prompts.version)
        self.strict_grounding = strict_grounding

    def summarize(
        self,
        text: str,
        *,
        published: dt.date | None = None,
        source: str | None = None,
        name: str = UNNAMED,
    ) -> ArticleSummary:
        """Summarize one article's text into events and claims grounded in that text."""
        plan = self._recalled_or_planned(text, name, published, source)
        if isinstance(plan, ArticleSummary):
            return plan
        memo, context, requests = plan
        start = time.perf_counter()
        try:
            results = [
                self.model.complete(r.messages, r.response_model, r.context) for r in requests
            ]
        except SummarizeError as exc:
            raise type(exc)(f"{name}: {exc}") from exc
        summary = self._assemble(context, requests, results, start)
        return _named(self._remember(memo, requests, summary), name)

    async def asummarize(
        self,
        text: str,
        *,
        published: dt.date | None = None,
        source: str | None = None,
        name: str = UNNAMED,
    ) -> ArticleSummary:
        """Async variant of :meth:`summarize`; requests of one article are sent concurrently."""
        plan = self._recalled_or_planned(text, name, published, source)
        if isinstance(plan, ArticleSummary):
            return plan
        memo, context, requests = plan
        start = time.perf_counter()
        calls = (self.model.acomplete(r.messages, r.response_model, r.context) for r in requests)
        # the parse needs no answer: it runs in the parser's thread while the requests are
        # out, so the event loop keeps sending and reading other articles' requests meanwhile
        parsed = asyncio.get_running_loop().run_in_executor(_PARSER, lambda: context.attributions)
        try:
            results = list(await asyncio.gather(*calls))
        except SummarizeError as exc:
            raise type(exc)(f"{name}: {exc}") from exc
        finally:
            await parsed
        summary = self._assemble(context, requests, results, start)
        return _named(self._remember(memo, requests, summary), name)

    def summarize_many(
        self,
        articles: Sequence[ArticleInput],
        *,
        concurrency: int | None = None,
        on_result: Callable[[BatchResult], None] | None = None,
    ) -> list[BatchResult]:
        """Summarize many articles with bounded concurrency; one failure never loses the rest.

        Results come back in input order; ``on_result`` is called as each one finishes
        (for progress bars and incremental output).
        """
        # the batch opens and closes its own HTTP client inside this event loop
        return asyncio.run(
            self.asummarize_many(articles, concurrency=concurrency, on_result=on_result)
        )

    async def asummarize_many(
        self,
        articles: Sequence[ArticleInput],
        *,
        concurrency: int | None = None,
        on_result: Callable[[BatchResult], None] | None = None,
    ) -> list[BatchResult]:
        """Async variant of :meth:`summarize_many`.

        ``concurrency`` bounds the articles in flight (default: 1 for the embedded model,
        which has one decoding slot, 8 for a remote endpoint); an article's own requests
        go out together. The batch's HTTP client is opened and closed inside the call.
        """
        if concurrency is None:
            concurrency = 1 if self.settings.embedded else DEFAULT_REMOTE_CONCURRENCY
        if concurrency < 1:
            raise InputError(f"concurrency must be at least 1, not {concurrency}")
        gate = asyncio.Semaphore(concurrency)

        async def one(index: int, article: ArticleInput) -> BatchResult:
            async with gate:
                try:
                    summary = await self.asummarize(
                        article.text,
                        published=article.published,
                        source=article.source,
                        name=article.name,
                    )
                    result = BatchResult(index, article.name, summary=summary)
                except SummarizeError as exc:
                    result = BatchResult(index, article.name, error=str(exc))
            if on_result is not None:
                on_result(result)
            return result

        async with self.client.batch():
            return list(await asyncio.gather(*(one(i, a) for i, a in enumerate(articles))))

    def close(self) -> None:
        """Release the cache database (the embedded server stops at exit)."""
        if self.model.cache is not None:
            self.model.cache.close()

    async def aclose(self) -> None:
        """Close the HTTP connections of ``asummarize`` calls, in the event loop that made
        them (batches close their own); a later async call opens new ones."""
        await self.client.aclose()

    def planned_requests(
        self,
        text: str,
        *,
        published: dt.date | None = None,
        source: str | None = None,
        name: str = UNNAMED,
    ) -> list[tuple[str, list[dict[str, str]], type[BaseModel]]]:
        """The requests a live run of this article would send, as (cache key, messages,
        response model), in order; nothing is sent (used by the Batch API path)."""
        _, requests = self._prepare(text, name, published, source)
        return [
            (self.model.key_for(r.messages, r.response_model), r.messages, r.response_model)
            for r in requests
        ]

    def _recalled_or_planned(
        self, text: str, name: str, published: dt.date | None, source: str | None
    ) -> ArticleSummary | tuple[dict[str, Any] | None, ArticleContext, list[_Request]]:
        """The summary remembered for this article, else its memo inputs, context and
        planned requests."""
        article = self._article(text, name)
        start = time.perf_counter()
        memo = self._memo(article, published, source)
        remembered = self._remembered(memo, start)
        if remembered is not None:
            return _named(remembered, name)
        context, requests = self._planned(article, published, source)
        return memo, context, requests

    def _memo(
        self, article: Article, published: dt.date | None, source: str | None
    ) -> dict[str, Any] | None:
        """The article's inputs that its remembered summary is keyed by (the cache adds the
        model's identity and the code's fingerprint), known before any request is planned;
        None without a cache."""
        if self.model.cache is None:
            return None
        return {
            "text": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
            "published": published.isoformat() if published else None,
            "source": source,
            "parser": pipeline_version(),
            "strict_grounding": self.strict_grounding,
            "prompts": _prompts_digest(self.prompts),
        }

    def _remembered(self, memo: dict[str, Any] | None, start: float) -> ArticleSummary | None:
        """The summary assembled before for the same inputs by the same code, while all the
        answers it was assembled from are cached."""
        stored = self.model.remembered(memo) if memo is not None else None
        if stored is None:
            return None
        try:
            summary = ArticleSummary.model_validate_json(stored)
        except ValidationError as exc:
            log.warning("ignoring a remembered summary that no longer validates: %s", exc)
            return None
        meta = summary.meta.model_copy(
            update={
                "latency_s": round(time.perf_counter() - start, 3),
                "model_calls": 0,
                "from_cache": True,
            }
        )
        return summary.model_copy(update={"meta": meta})

    def _remember(
        self, memo: dict[str, Any] | None, requests: list[_Request], summary: ArticleSummary
    ) -> ArticleSummary:
        if memo is not None:
            keys = [self.model.key_for(r.messages, r.response_model) for r in requests]
            self.model.remember(memo, keys, summary.model_dump_json())
        return summary

    @staticmethod
    def _article(text: str, name: str) -> Article:
        """The article of ``text``, its input warnings logged."""
        article = article_from_text(text, name)
        for warning in article.warnings:
            log.warning("%s", warning)
        return article

    def _prepare(
        self, text: str, name: str, published: dt.date | None, source: str | None = None
    ) -> tuple[ArticleContext, list[_Request]]:
        return self._planned(self._article(text, name), published, source)

    def _planned(
        self, article: Article, published: dt.date | None, source: str | None
    ) -> tuple[ArticleContext, list[_Request]]:
        context = build_context(article, published=published, source=source)
        return context, self._plan(context)

    def _plan(self, context: ArticleContext) -> list[_Request]:
        from summarize.core.chunking import escape_delimiters, overview_lead, request_windows

        overviews = []
        if self.prompts.overview == "model":
            lead = escape_delimiters(overview_lead(context.without_suspicious_text))
            date = context.published.isoformat() if context.published else None
            overviews.append(_Request(self.prompts.overview_messages(lead, date), OverviewDraft))
        windows = request_windows(context.article)
        if self.prompts.shape == "sentences":
            return [*overviews, *self._sentence_requests(context, windows)]
        suspicious = context.suspicious_spans
        paragraphs = [
            _Request(
                self.prompts.paragraph_messages(
                    escape_delimiters(masked(p.text, p.start, suspicious))
                ),
                ParagraphDraft,
                (p.start, p.end),
                {"source_text": p.text},
            )
            for p in windows
        ]
        return [*overviews, *paragraphs]

    def _sentence_requests(
        self, context: ArticleContext, windows: Sequence[Paragraph]
    ) -> list[_Request]:
        """Requests for the paragraphs that have a reporting cue or an event word, their
        sentences numbered; paragraphs without either (bylines, credits) are not asked.
        One request per paragraph, or (group = "article") the candidate sentences of
        consecutive paragraphs together. A sentence written to a machine is shown as a
        placeholder, keeping the numbers."""
        from summarize.core.chunking import sentence_spans

        mode = _SENTENCE_MODES[self.prompts.claims]
        suspicious = context.suspicious_spans
        asked: list[_Shown] = []
        for paragraph in windows:
            readable = masked(paragraph.text, paragraph.start, suspicious)
            if not mode.asks(readable):
                continue
            spans = sentence_spans(paragraph.text)
            if self.prompts.show == "candidates":
                spans = [(s, e) for s, e in spans if mode.asks(readable[s:e])]
            asked.append(
                _Shown(
                    paragraph, tuple((paragraph.start + s, paragraph.start + e) for s, e in spans)
                )
            )
        if self.prompts.group == "article":
            return [self._group_request(context, group) for group in _grouped(asked)]
        return [self._group_request(context, [shown], mode.response_model) for shown in asked]

    def _group_request(
        self,
        context: ArticleContext,
        group: Sequence[_Shown],
        response_model: type[BaseModel] | None = None,
    ) -> _Request:
        """The request showing the sentences of ``group`` numbered from 1; without a
        response model, the answer has an entry per sentence (:func:`each_sentence_draft`)."""
        from summarize.core.chunking import escape_delimiters

        text, suspicious = context.article.text, context.suspicious_spans
        spans = [span for shown in group for span in shown.sentences]
        shown_text = numbered_sentences(
            [PLACEHOLDER if is_withheld(s, e, suspicious) else text[s:e] for s, e in spans]
        )
        window = (group[0].paragraph.start, group[-1].paragraph.end)
        return _Request(
            self.prompts.paragraph_messages(escape_delimiters(shown_text)),
            response_model or each_sentence_draft(len(spans)),
            window,
            {"source_text": text[window[0] : window[1]], "sentence_count": len(spans)},
            tuple(spans),
        )

    def _assemble(
        self,
        context: ArticleContext,
        requests: list[_Request],
        results: list[CallResult],
        start: float,
    ) -> ArticleSummary:
        events: list[Event] = []
        claims: list[Claim] = []
        article, published = context.article, context.published
        if requests and requests[0].response_model is OverviewDraft:
            overview = results[0].answer(OverviewDraft)
            headline, summary = overview.headline.strip(), whole_sentences(overview.summary)
            model_source = overview.source.strip() if overview.source else None
            paragraph_calls = list(zip(requests[1:], results[1:], strict=True))
        else:
            paragraph_calls = list(zip(requests, results, strict=True))
            lead = lead_of(article)
            headline, summary, model_source = lead.headline, lead.summary, None
        for request, result in paragraph_calls:
            assert request.window is not None
            if issubclass(
                request.response_model, (SentencesDraft, SentenceEventsDraft, EachSentenceDraft)
            ):
                found = self._sentence_items(context, request, result)
                events += found[0]
                claims += found[1]
                continue
            draft = result.answer(ParagraphDraft)
            events += [
                build_event(e, article.text, request.window, published) for e in draft.events
            ]
            claims += [build_claim(c, article.text, request.window) for c in draft.claims]
        events, claims = drop_overlap_duplicates(events, claims, [r.window for r in requests])
        events, claims = drop_duplicates(events, claims)
        claims = combine_claims(context, claims)
        events, claims = without_planted_items(
            events, claims, article.text, context.suspicious_spans
        )
        events = with_countries(merge_mentions(events, published), article.text)
        if self.strict_grounding:
            events = [e for e in events if e.grounded]
            claims = [c for c in claims if c.grounded]
        usage = sum((r.usage() for r in results), Usage())
        meta = SummaryMeta(
            model=self.client.identity.model,
            prompt_version=self.prompts.version,
            usage=usage,
            latency_s=round(time.perf_counter() - start, 3),
            model_time_s=round(sum(r.latency_s for r in results), 3),
            model_calls=sum(0 if r.from_cache else 1 for r in results),
            from_cache=all(r.from_cache for r in results),
            suspicious_spans=context.suspicious_spans,
        )
        return ArticleSummary(
            headline=headline,
            summary=summary,
            published=published,
            source=context.source or model_source or context.dateline_outlet,
            events=events,
            claims=claims,
            meta=meta,
        )

    @staticmethod
    def _sentence_items(
        context: ArticleContext, request: _Request, result: CallResult
    ) -> tuple[list[Event], list[Claim]]:
        """Events and claims of a numbered-sentence answer (numbers out of range dropped)."""
        assert request.window is not None
        draft = result.answer(request.response_model)
        sentences = request.sentences
        article, published, outlet = context.article, context.published, context.outlet
        drafted = draft.events  # the per-sentence shape builds this list on each access
        per_sentence = Counter(e.sentence for e in drafted)
        events = [
            build_sentence_event(
                e,
                article.text,
                request.window,
                sentences[e.sentence - 1],
                published,
                alone=per_sentence[e.sentence] == 1,
            )
            for e in drafted
            if e.sentence <= len(sentences)
        ]
        claims = [
            build_sentence_claim(c, article.text, request.window, sentences[c.sentence - 1], outlet)
            for c in (draft.claims if isinstance(draft, SentencesDraft) else [])
            if c.sentence <= len(sentences)
        ]
        return [part for e in events if e for part in split_vow(e)], [c for c in claims if c]


@lru_cache(maxsize=8)
def _prompts_digest(prompts: PromptSet) -> str:
    """A digest of a prompt set's templates and options (what its requests are made of)."""
    return cache_key(asdict(prompts))


def _named(summary: ArticleSummary, name: str) -> ArticleSummary:
    """The summary with its input's name in ``meta.input`` (none for unnamed text).

    Set after remembering: a remembered summary is shared by every input of the same text.
    """
    meta = summary.meta.model_copy(update={"input": None if name == UNNAMED else name})
    return summary.model_copy(update={"meta": meta})


_default: Summarizer | None = None


def summarize_article(
    text: str,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    model: str | None = None,
    **options: Any,
) -> ArticleSummary:
    """Summarize one article with the configured (or embedded) model."""
    global _default
    if model is not None or options:
        return Summarizer(model=model, **options).summarize(
            text, published=published, source=source
        )
    if _default is None:
        _default = Summarizer()
    return _default.summarize(text, published=published, source=source)
