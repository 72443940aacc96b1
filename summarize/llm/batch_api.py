"""The OpenAI Batch API: the pipeline's planned requests sent as JSON Lines, answers
collected into the response cache.

Each line of an input file carries a request's cache key as ``custom_id`` and, as
``body``, the very chat-completions body a live call sends: instructor builds it from
the keyword arguments of the live call (``ModelClient.create_kwargs``) with the live
client's mode and provider. An answer is stored only as a live one is
(``CachedModel.store``, which validates it with ``parse_completion`` first and raises
on an invalid answer), under the key it was asked with, and only when this program
would send that very request: the key is recomputed from the request's messages and
response model. Which article asked each request is kept in a small manifest beside
the cache, so failures can name it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from summarize.atomic import atomic_write_text
from summarize.errors import ConfigurationError, InputError, ModelError, SummarizeError
from summarize.llm.client import CallResult, ModelClient, _describe, _server_message

if TYPE_CHECKING:
    from summarize.llm.cache import CachedModel
    from summarize.llm.config import Settings
    from summarize.summarizer import ArticleInput, Summarizer

MAX_REQUESTS_PER_FILE = 50_000
"""The Batch API's limit on the requests of one input file (one batch)."""
MAX_FILE_BYTES = 200_000_000
"""The Batch API's limit on the size of one input file (200 MB)."""
COMPLETIONS_URL = "/v1/chat/completions"
COMPLETION_WINDOW = "24h"
FILE_TIMEOUT_S = 600.0
"""Time allowed to upload or download one file (up to 200 MB)."""
UNFINISHED = frozenset({"validating", "in_progress", "finalizing", "cancelling"})
MANIFESTS = "batches"
"""The folder, inside the cache directory, of each batch's request-to-article manifest."""


@dataclass
class Planned:
    """A request not yet answered: its cache key, what it asks, and the articles asking it."""

    key: str
    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    articles: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """What a live run of the articles would ask: the requests to send, and how many
    distinct requests there are in all (the others are answered in the cache)."""

    requests: list[Planned]
    total: int


@dataclass(frozen=True)
class Submitted:
    """One batch created: its id and how many requests its input file holds."""

    batch_id: str
    requests: int


@dataclass(frozen=True)
class BatchStatus:
    """A batch's status and request counts as the endpoint reports them."""

    batch_id: str
    status: str
    total: int
    completed: int
    failed: int

    def line(self) -> str:
        """One readable line: ``batch_x: in_progress, 3/10 completed, 1 failed``."""
        counts = f"{self.completed}/{self.total} completed, {self.failed} failed"
        return f"{self.batch_id}: {self.status}, {counts}"


@dataclass(frozen=True)
class Failure:
    """A request of a batch whose answer was not stored, and why."""

    key: str
    article: str | None
    reason: str

    def line(self) -> str:
        """One line naming the article (when known), the request and the cause."""
        return f"{self.article or 'article unknown'}: request {self.key[:12]}: {self.reason}"


@dataclass
class Collected:
    """What collecting one batch did to the cache."""

    batch_id: str
    stored: int = 0
    already_cached: int = 0
    failures: list[Failure] = field(default_factory=list)


def require_endpoint(settings: Settings) -> None:
    """Refuse the embedded model: only an endpoint can offer the Batch API."""
    if settings.embedded:
        raise InputError(
            "the Batch API needs an endpoint: pass --base-url (or set OPENAI_BASE_URL, or "
            "OPENAI_API_KEY for OpenAI); the embedded model answers live only"
        )


def plan(summarizer: Summarizer, articles: Iterable[ArticleInput]) -> Plan:
    """Every article's requests as a live run plans them, less those answered in the
    cache; a request that several articles ask is sent once."""
    cache = summarizer.model.cache
    if cache is None:
        raise InputError("the Batch API path needs the response cache; it stores the answers")
    pending: dict[str, Planned] = {}
    seen: set[str] = set()
    for article in articles:
        planned = summarizer.planned_requests(
            article.text, published=article.published, source=article.source, name=article.name
        )
        for key, messages, response_model in planned:
            seen.add(key)
            if key not in pending and cache.has(key):
                continue
            request = pending.setdefault(key, Planned(key, messages, response_model))
            if article.name not in request.articles:
                request.articles.append(article.name)
    return Plan(list(pending.values()), len(seen))


def request_bodies(
    client: ModelClient, requests: Iterable[Planned]
) -> Iterator[tuple[Planned, dict[str, Any]]]:
    """Each request with the chat-completions body a live call of it sends.

    instructor prepares the body from the live call's keyword arguments (less
    ``max_retries``, its own re-ask count) with the live client's mode and provider.
    """
    from instructor.processing import handle_response_model

    live = _live_instructor(client)
    for request in requests:
        kwargs = client.create_kwargs(request.messages, request.response_model)
        kwargs.pop("max_retries")
        schema = kwargs.pop("response_model")
        _, body = handle_response_model(schema, mode=live.mode, provider=live.provider, **kwargs)
        yield request, body


def jsonl_line(key: str, body: dict[str, Any]) -> bytes:
    """One line of a Batch API input file (UTF-8, newline included)."""
    line = {"custom_id": key, "method": "POST", "url": COMPLETIONS_URL, "body": body}
    return (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def input_files(
    lines: Iterable[tuple[Planned, bytes]],
) -> Iterator[list[tuple[Planned, bytes]]]:
    """Lines grouped into input files within the API's limits on requests and bytes."""
    chunk: list[tuple[Planned, bytes]] = []
    size = 0
    for request, line in lines:
        if len(line) > MAX_FILE_BYTES:
            raise InputError(
                f"request {request.key[:12]} of {', '.join(request.articles)} is larger than "
                f"the Batch API's {MAX_FILE_BYTES} bytes per input file"
            )
        if chunk and (len(chunk) >= MAX_REQUESTS_PER_FILE or size + len(line) > MAX_FILE_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append((request, line))
        size += len(line)
    if chunk:
        yield chunk


def submit(summarizer: Summarizer, requests: Sequence[Planned]) -> Iterator[Submitted]:
    """Upload the requests as one or more input files and create a batch for each,
    yielding each batch as soon as it exists (a later failure leaves it collectable)."""
    client = summarizer.client
    api = _api(client)
    base_url = _base_url(client)
    lines = ((r, jsonl_line(r.key, body)) for r, body in request_bodies(client, requests))
    for chunk in input_files(lines):
        data = b"".join(line for _, line in chunk)
        with _endpoint_errors(base_url, "POST /files", no_batch_api=True):
            uploaded = api.files.create(
                file=("requests.jsonl", data, "application/jsonl"), purpose="batch"
            )
        with _endpoint_errors(base_url, "POST /batches", no_batch_api=True):
            batch = api.batches.create(
                endpoint=COMPLETIONS_URL,
                completion_window=COMPLETION_WINDOW,
                input_file_id=uploaded.id,
            )
        _write_manifest(summarizer, batch.id, {r.key: r.articles for r, _ in chunk})
        yield Submitted(batch.id, len(chunk))


def status(client: ModelClient, batch_id: str) -> BatchStatus:
    """The batch's status and request counts."""
    batch = _retrieve(client, batch_id)
    counts = batch.request_counts
    return BatchStatus(
        batch_id,
        str(batch.status),
        counts.total if counts else 0,
        counts.completed if counts else 0,
        counts.failed if counts else 0,
    )


def collect(summarizer: Summarizer, batch_id: str) -> Collected:
    """Store the valid answers of a finished batch in the response cache, as live calls
    would have, and list the requests that failed or whose answer is invalid.

    A batch still running raises, and the cache is not touched.
    """
    client = summarizer.client
    batch = _retrieve(client, batch_id)
    if batch.status in UNFINISHED:
        counts = batch.request_counts
        done = (
            f", {counts.completed + counts.failed}/{counts.total} requests done" if counts else ""
        )
        raise SummarizeError(
            f"batch {batch_id} is not finished ({batch.status}{done}); nothing was collected: "
            "collect it once `summarize batch status` says completed"
        )
    if batch.status == "failed":
        errors = batch.errors.data if batch.errors and batch.errors.data else []
        why = errors[0].message if errors and errors[0].message else "no reason given"
        raise SummarizeError(f"batch {batch_id} failed before running: {why}")
    api = _api(client)
    inputs = {line.get("custom_id"): line.get("body") for line in _lines(api, batch.input_file_id)}
    results = [*_lines(api, batch.output_file_id), *_lines(api, batch.error_file_id)]
    articles = _read_manifest(summarizer, batch_id)
    collected = Collected(batch_id)
    model = summarizer.model
    live = _live_instructor(client)
    answered: set[str] = set()
    for result in results:
        key = str(result.get("custom_id"))
        answered.add(key)
        try:
            stored = _store(model, key, inputs.get(key), _completion(result, live))
        except SummarizeError as exc:
            collected.failures.append(Failure(key, articles.get(key), str(exc)))
            continue
        if stored:
            collected.stored += 1
        else:
            collected.already_cached += 1
    for key in inputs.keys() - answered:
        reason = f"no answer in the batch (it ended {batch.status})"
        collected.failures.append(Failure(str(key), articles.get(str(key)), reason))
    return collected


def _store(model: CachedModel, key: str, body: Any, raw: dict[str, Any]) -> bool:
    """Store the answer ``raw`` to the request ``body`` under ``key`` as a live call would;
    False when an answer is already cached there (kept: remembered summaries are keyed by
    answer keys). Raises a one-line error when the answer is invalid."""
    response_model = _response_model(model, key, body)
    assert model.cache is not None
    if model.cache.has(key):
        return False
    model.store(key, CallResult(raw=raw, latency_s=0.0), response_model)  # validates first
    return True


def _completion(result: dict[str, Any], live: Any) -> dict[str, Any]:
    """The chat completion of a result line, as the live client stores one; raises a
    one-line error when the request failed in the batch."""
    from openai.types.chat import ChatCompletion

    error = result.get("error")
    if isinstance(error, dict):
        code = error.get("code") or "error"
        raise ModelError(f"the request failed in the batch ({code}): {error.get('message')}")
    response = result.get("response") if isinstance(result.get("response"), dict) else {}
    body = response.get("body")
    if response.get("status_code") != 200 or not isinstance(body, dict):
        problem = body.get("error") if isinstance(body, dict) else None
        message = problem.get("message") if isinstance(problem, dict) else None
        raise ModelError(
            f"HTTP {response.get('status_code')} in the batch: {message or 'no message'}"
        )
    # as live: openai builds a ChatCompletion from the body, instructor sums its usage
    # over the attempts (one here), and the client stores it dumped as JSON
    completion = ChatCompletion.construct(**body)
    try:
        from instructor.v2.core.retry import _initialize_usage
        from instructor.v2.core.usage import update_total_usage

        update_total_usage(response=completion, total_usage=_initialize_usage(live.provider))
    except ImportError:  # another instructor: the usage keeps the server's own fields
        pass
    return dict(json.loads(completion.model_dump_json()))


def _response_model(model: CachedModel, key: str, body: Any) -> type[BaseModel]:
    """The response model of the request sent under ``key``, when this program would
    send that same request (its key, recomputed from the request, is ``key``)."""
    from summarize.core import drafts

    if not isinstance(body, dict):
        raise ModelError("not a request of the batch's input file; not stored")
    schema = (body.get("response_format") or {}).get("json_schema") or {}
    candidate = getattr(drafts, str(schema.get("name")), None)
    messages = body.get("messages")
    if (
        isinstance(candidate, type)
        and issubclass(candidate, BaseModel)
        and isinstance(messages, list)
        and model.key_for(messages, candidate) == key
    ):
        return candidate
    raise ModelError(
        "this program would not send this request (another model, endpoint, prompt or "
        "schema than at submit?); not stored"
    )


def _live_instructor(client: ModelClient) -> Any:
    """The instructor client that live calls go through (its mode and provider)."""
    return client.instructor_for(client.openai_sync(_base_url(client)))


def _base_url(client: ModelClient) -> str:
    """The endpoint's URL, known without asking it which model it serves (as ``status``
    needs no model); the default is OpenAI's, as for ``ModelClient``."""
    return client.settings.base_url or "https://api.openai.com/v1"


def _api(client: ModelClient) -> Any:
    """The openai client of the endpoint, allowed the time a large file takes."""
    require_endpoint(client.settings)
    return client.openai_sync(_base_url(client)).with_options(timeout=FILE_TIMEOUT_S)


def _retrieve(client: ModelClient, batch_id: str) -> Any:
    api = _api(client)
    base_url = _base_url(client)
    with _endpoint_errors(base_url, f"GET /batches/{batch_id}", unknown=f"no batch {batch_id}"):
        return api.batches.retrieve(batch_id)


def _lines(api: Any, file_id: str | None) -> list[dict[str, Any]]:
    """The JSON lines of a file of the endpoint (none when there is no such file)."""
    if not file_id:
        return []
    with _endpoint_errors(str(api.base_url), f"GET /files/{file_id}/content"):
        text = api.files.content(file_id).content.decode("utf-8")
    try:
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
    except ValueError as exc:
        raise ModelError(f"file {file_id} of the batch is not JSON Lines ({exc})") from None
    return [line for line in lines if isinstance(line, dict)]


@contextmanager
def _endpoint_errors(
    base_url: str, what: str, *, no_batch_api: bool = False, unknown: str | None = None
) -> Iterator[None]:
    """The openai client's errors as one line; HTTP 404/405 while submitting means the
    endpoint has no Batch API."""
    import openai

    try:
        yield
    except openai.APIStatusError as exc:
        code = exc.status_code
        if no_batch_api and code in (404, 405):
            raise ConfigurationError(
                f"{base_url} does not offer the Batch API (HTTP {code} on {what}); "
                "send the requests live with `summarize SOURCE` instead"
            ) from None
        if unknown and code == 404:
            raise SummarizeError(
                f"{unknown} at {base_url} (HTTP 404 on {what}; or it has no Batch API)"
            ) from None
        raise ModelError(f"{_describe(exc)} on {what}: {_server_message(exc)}") from None
    except openai.APIConnectionError as exc:
        raise ModelError(f"{_describe(exc)} ({base_url}, {what})") from None


def _manifest_path(summarizer: Summarizer, batch_id: str) -> Path | None:
    cache = summarizer.model.cache
    if cache is None or not re.fullmatch(r"[\w.-]+", batch_id):
        return None
    return cache.directory / MANIFESTS / f"{batch_id}.json"


def _write_manifest(summarizer: Summarizer, batch_id: str, articles: dict[str, list[str]]) -> None:
    """Remember which articles asked each request of a batch (failures name them)."""
    path = _manifest_path(summarizer, batch_id)
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"batch_id": batch_id, "articles": articles}, ensure_ascii=False)
    atomic_write_text(path, text + "\n")


def _read_manifest(summarizer: Summarizer, batch_id: str) -> dict[str, str]:
    """Request key -> the articles that asked it, when this cache submitted the batch."""
    path = _manifest_path(summarizer, batch_id)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path else {}
        articles = data.get("articles") or {}
        return {str(key): ", ".join(names) for key, names in articles.items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}
