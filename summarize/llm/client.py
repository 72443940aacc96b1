"""The model client: openai + instructor in JSON-schema mode, tenacity for transient faults.

A call takes chat messages and a response model and returns the raw completion
(as JSON) that validated. The raw completion is what the response cache stores;
``parse_completion`` turns it into the response model for live and cached
answers alike, so both go through one validation path.

Two layers of retries, never a third: tenacity re-sends requests that failed for a
transient reason (timeouts, lost connections, HTTP 408/429/5xx), waiting as the
server's ``Retry-After`` says or else an exponential backoff with jitter, within
``max_attempts`` and ``max_retry_time_s``; instructor re-asks up to ``max_reasks``
times when an answer does not validate. The openai client's own retries are off.
Whatever fails in the end becomes a one-line :class:`ModelError` naming the cause.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import errno
import functools
import json
import logging
import random
import socket
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summarize.core.schema import Usage
from summarize.core.validation import validating_with
from summarize.errors import ConfigurationError, ModelError
from summarize.llm.config import Settings

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger("summarize.llm")
# instructor logs every failed call at ERROR; with no logging configured Python would print
# those lines on stderr, around the CLI's one-line error. Records still reach app handlers.
logging.getLogger("instructor").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Endpoint:
    """Where requests go and which model answers them (never the secret)."""

    base_url: str
    model: str


@dataclass(frozen=True)
class CallResult:
    """One validated model answer: the raw completion plus how it was obtained."""

    raw: dict[str, Any]
    latency_s: float
    from_cache: bool = False
    parsed: BaseModel | None = None  # the validated answer, when already parsed

    def answer(self, response_model: type[T]) -> T:
        """The answer as ``response_model``, validated once."""
        if isinstance(self.parsed, response_model):
            return self.parsed
        return parse_completion(self.raw, response_model)

    def usage(self) -> Usage:
        """Token usage reported by the server for this answer (summed over re-asks)."""
        usage = self.raw.get("usage") or {}
        details = usage.get("prompt_tokens_details") or {}
        return Usage(
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            cached_prompt_tokens=int(details.get("cached_tokens") or 0),
            completion_tokens=int(usage.get("completion_tokens") or 0),
        )


def parse_completion(raw: dict[str, Any], response_model: type[T]) -> T:
    """Validate a raw chat completion's content against ``response_model``."""
    choices = raw.get("choices") or []
    if not choices:
        raise ModelError("the model returned no choices")
    choice = choices[0]
    if choice.get("finish_reason") == "length":
        raise ModelError("the model's answer was cut off at the token limit")
    content = (choice.get("message") or {}).get("content")
    if not content:
        raise ModelError("the model returned an empty answer")
    try:
        return response_model.model_validate_json(content)
    except ValidationError as exc:
        raise ModelError(
            f"the model's answer does not fit the schema: {exc.errors()[0]['msg']}"
        ) from exc


def _root(exc: BaseException) -> BaseException:
    """The error inside instructor's wrapper: openai's error, or the last parse error."""
    while _named(exc, "InstructorRetryException") and exc.__cause__ is not None:
        exc = exc.__cause__
    return exc


def _named(exc: BaseException, name: str) -> bool:
    """Whether ``exc`` is an instance of a class called ``name`` (instructor moves them)."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def _is_transient(exc: BaseException) -> bool:
    """Worth sending again: timeouts, lost connections, HTTP 408, 429 and 5xx."""
    import openai

    exc = _root(exc)
    if isinstance(exc, openai.APIConnectionError):  # APITimeoutError is one too
        return True
    return isinstance(exc, openai.APIStatusError) and (
        exc.status_code in (408, 429) or exc.status_code >= 500
    )


def retry_after_s(exc: BaseException, now: dt.datetime | None = None) -> float | None:
    """Seconds the server asked to wait (``Retry-After``: seconds or an HTTP date, or
    ``retry-after-ms``), or None when it did not say."""
    response = getattr(_root(exc), "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    try:
        milliseconds = headers.get("retry-after-ms")
        if milliseconds is not None and float(milliseconds) >= 0:
            return float(milliseconds) / 1000
    except ValueError:
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
        return seconds if seconds >= 0 else None
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


@dataclass(frozen=True)
class Backoff:
    """A tenacity ``wait``: the server's Retry-After when given, else exponential backoff
    with jitter (half fixed, half random); never past the retry time budget."""

    initial_s: float
    max_s: float
    budget_s: float

    def __call__(self, state: Any) -> float:
        remaining = max(0.0, self.budget_s - state.seconds_since_start)
        exc = state.outcome.exception() if state.outcome is not None else None
        delay = retry_after_s(exc) if exc is not None else None
        if delay is None:
            ceiling = min(self.max_s, self.initial_s * 2 ** (state.attempt_number - 1))
            delay = ceiling / 2 + random.uniform(0, ceiling / 2)
        return min(delay, remaining)


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and the exceptions behind it (``__cause__``, else ``__context__``)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


_CLOSED_NAMES = ("RemoteProtocolError", "ServerDisconnectedError", "ClientPayloadError")
_TIMEOUT_NAMES = ("TimeoutException", "ServerTimeoutError", "SocketTimeoutError")


def _connection_failure(exc: BaseException) -> str:
    """What really went wrong with a request that got no HTTP answer, read from the
    exceptions behind it: the HTTP layers relabel some (aiohttp's refused connection
    reaches openai as a connect *timeout*)."""
    chain = _causes(exc)
    for cause in chain:
        if isinstance(cause, ConnectionRefusedError) or (
            isinstance(cause, OSError) and cause.errno == errno.ECONNREFUSED
        ):
            return "refused"
        if isinstance(cause, socket.gaierror):
            return "unknown host"
    if any(_named(cause, name) for cause in chain for name in _CLOSED_NAMES):
        return "closed"
    if any(
        isinstance(cause, TimeoutError) or any(_named(cause, n) for n in _TIMEOUT_NAMES)
        for cause in chain
    ):
        return "timeout"
    return "connect"


def _describe(exc: BaseException) -> str:
    import openai

    exc = _root(exc)
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code} from the model endpoint"
    if isinstance(exc, openai.APIConnectionError):  # APITimeoutError is one too
        return {
            "refused": "could not connect to the model endpoint (connection refused)",
            "unknown host": "could not connect to the model endpoint (unknown host name)",
            "closed": "the model endpoint closed the connection without answering",
            "timeout": "the model endpoint timed out",
        }.get(_connection_failure(exc), "could not connect to the model endpoint")
    return _one_line(str(exc)) or type(exc).__name__


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class ModelClient:
    """Sends requests to one OpenAI-compatible endpoint (starting the embedded one if needed)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._endpoint: Endpoint | None = None
        self._sync: Any = None
        self._async: Any = None
        self._instructor_sync: Any = None
        self._instructor_async: Any = None
        self._in_batch = False
        self._response_handlers: list[Callable[[Any], None]] = []

    @property
    def endpoint(self) -> Endpoint:
        """The endpoint and model id, starting the embedded server on first use."""
        if self._endpoint is None:
            self._endpoint = self._resolve_endpoint()
        return self._endpoint

    @property
    def identity(self) -> Endpoint:
        """A stable name for the endpoint and model, known without starting or calling anything.

        The embedded server listens on a random port, so it is named ``embedded`` instead.
        """
        settings = self.settings
        if settings.embedded:
            from summarize.llm.embedded import embedded_model_id

            model_id = embedded_model_id(settings.gguf_path)
            if settings.model and settings.model != model_id:
                raise ConfigurationError(
                    f"model {settings.model!r} is not the embedded model; point --base-url "
                    "(or OPENAI_BASE_URL) at a server that serves it"
                )
            return Endpoint("embedded", model_id)
        base_url = settings.base_url or "https://api.openai.com/v1"
        return Endpoint(base_url, settings.model or self.endpoint.model)

    def _resolve_endpoint(self) -> Endpoint:
        settings = self.settings
        if settings.embedded:
            from summarize.llm.embedded import start_embedded_server

            model_id = self.identity.model
            server = start_embedded_server(settings.gguf_path)
            return Endpoint(server.base_url, model_id)
        base_url = settings.base_url or "https://api.openai.com/v1"
        return Endpoint(base_url, settings.model or self._discover_model(base_url))

    def _discover_model(self, base_url: str) -> str:
        """Ask a server that hosts a single model (llama.cpp, vLLM) for its id."""
        import openai

        try:
            models = list(self.openai_sync(base_url).models.list())
        except openai.APIConnectionError as exc:
            raise ConfigurationError(
                f"{_describe(exc)} at {base_url} (asked which model it serves); check that "
                "the server is running and that --base-url / OPENAI_BASE_URL is right"
            ) from None
        except Exception as exc:
            raise ConfigurationError(
                f"no model given and {base_url} did not list one ({_describe(exc)}); "
                "pass -m/--model or set SUMMARIZE_MODEL"
            ) from None
        if not models:
            raise ConfigurationError(f"{base_url} lists no models; pass -m/--model")
        return str(models[0].id)

    def _client_options(self, base_url: str) -> dict[str, Any]:
        return {
            "base_url": base_url,
            "api_key": self.settings.api_key or "not-needed",
            "timeout": self.settings.request_timeout_s,
            "max_retries": 0,  # tenacity owns retries
        }

    def openai_sync(self, base_url: str) -> Any:
        """The synchronous openai client for ``base_url`` (made once, then reused)."""
        import openai

        if self._sync is None:
            self._sync = openai.OpenAI(**self._client_options(base_url))
        return self._sync

    def _openai_async(self, base_url: str) -> Any:
        import openai

        if self._async is None:
            options = self._client_options(base_url)
            if self._in_batch:
                options["http_client"] = openai.DefaultAioHttpClient()
            self._async = openai.AsyncOpenAI(**options)
        return self._async

    @contextlib.asynccontextmanager
    async def batch(self) -> AsyncIterator[None]:
        """Async calls inside share one client on openai's aiohttp transport, closed on exit.

        aiohttp (openai's extra for concurrency) puts a request on the wire sooner, so many
        requests in flight do not queue behind the answers being parsed (see the concurrency
        benchmark). Its session must be closed in the event loop that opened it, so it
        serves only a batch, which closes it; a lone async call keeps openai's default
        transport, which tolerates callers that never close it.
        """
        saved = (self._async, self._instructor_async, self._in_batch)
        self._async = self._instructor_async = None
        self._in_batch = True
        try:
            yield
        finally:
            await self.aclose()
            self._async, self._instructor_async, self._in_batch = saved

    async def aclose(self) -> None:
        """Close the async HTTP client; the next async call opens a new one.

        An async client belongs to the event loop it was used in, so it is closed in that
        loop: by :meth:`batch` on exit, or by the caller (``Summarizer.aclose``).
        """
        if self._async is not None:
            await self._async.close()
        self._async = None
        self._instructor_async = None

    def on_response(self, handler: Callable[[Any], None]) -> None:
        """Call ``handler`` with every raw completion the server returns, attempts that
        instructor re-asks included (its ``completion:response`` hook)."""
        self._response_handlers.append(handler)
        for client in (self._instructor_sync, self._instructor_async):
            if client is not None:
                client.on("completion:response", handler)

    def instructor_for(self, openai_client: Any) -> Any:
        """``openai_client`` wrapped by instructor in this client's mode, with its hooks."""
        import instructor

        client = instructor.from_openai(openai_client, mode=instructor.Mode.JSON_SCHEMA)
        for handler in self._response_handlers:
            client.on("completion:response", handler)
        return client

    def sampling(self) -> dict[str, Any]:
        """Sampling parameters sent with every request (part of the cache key)."""
        return {"temperature": self.settings.temperature, "max_tokens": self.settings.max_tokens}

    def _retrying(self, asynchronous: bool = False) -> Any:
        import tenacity

        settings = self.settings
        policy = {
            "retry": tenacity.retry_if_exception(_is_transient),
            "wait": Backoff(
                settings.initial_backoff_s, settings.max_backoff_s, settings.max_retry_time_s
            ),
            "stop": tenacity.stop_after_attempt(settings.max_attempts)
            | tenacity.stop_after_delay(settings.max_retry_time_s),
            "before_sleep": _log_retry,
            "reraise": True,
        }
        return tenacity.AsyncRetrying(**policy) if asynchronous else tenacity.Retrying(**policy)

    def create_kwargs(
        self, messages: list[dict[str, str]], response_model: type[T]
    ) -> dict[str, Any]:
        """The keyword arguments of one structured call (the live call and the Batch API's
        request lines are built from the same)."""
        return {
            "model": self.endpoint.model,
            "messages": messages,
            "response_model": _instructor_schema(response_model),
            "max_retries": self.settings.max_reasks,
            **self.sampling(),
        }

    def _attempt_timeout(self, deadline: float) -> float:
        """The timeout of the next attempt: the request timeout, cut to what is left of
        the retry budget, so that the budget bounds a request in flight too (instructor
        also stops re-asking when it has passed). At least a second, or the request
        timeout when shorter, so that a last attempt can still be answered."""
        timeout = self.settings.request_timeout_s
        return min(timeout, max(deadline - time.monotonic(), min(1.0, timeout)))

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        """Call the model, re-asking on invalid output and retrying transient faults.

        ``context`` is instructor's validation context (e.g. the source text, so that a
        quote not found in it triggers a re-ask). An answer whose only remaining fault
        after the re-asks is grounding is returned, not raised: its schema is valid and
        the unfound quotes are marked as such downstream.
        """
        if self._instructor_sync is None:
            self._instructor_sync = self.instructor_for(self.openai_sync(self.endpoint.base_url))
        kwargs = self.create_kwargs(messages, response_model)
        start = time.perf_counter()
        deadline = time.monotonic() + self.settings.max_retry_time_s
        attempts = 0
        try:
            for attempt in self._retrying():
                with attempt, validating_with(context):
                    attempts += 1
                    kwargs["timeout"] = self._attempt_timeout(deadline)
                    _, completion = self._instructor_sync.chat.completions.create_with_completion(
                        **kwargs
                    )
        except Exception as exc:
            fallback = _ungrounded_answer(exc, response_model)
            if fallback is None:
                raise _as_model_error(exc, attempts, self.settings) from exc
            completion = fallback
        return _result(completion, start)

    async def acomplete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        """Async variant of :meth:`complete`."""
        import asyncio

        if self._endpoint is None:
            self._endpoint = await asyncio.to_thread(self._resolve_endpoint)
        if self._instructor_async is None:
            self._instructor_async = self.instructor_for(self._openai_async(self.endpoint.base_url))
        kwargs = self.create_kwargs(messages, response_model)
        start = time.perf_counter()
        deadline = time.monotonic() + self.settings.max_retry_time_s
        attempts = 0
        try:
            async for attempt in self._retrying(asynchronous=True):
                with attempt, validating_with(context):
                    attempts += 1
                    kwargs["timeout"] = self._attempt_timeout(deadline)
                    create = self._instructor_async.chat.completions.create_with_completion
                    _, completion = await create(**kwargs)
        except Exception as exc:
            fallback = _ungrounded_answer(exc, response_model)
            if fallback is None:
                raise _as_model_error(exc, attempts, self.settings) from exc
            completion = fallback
        return _result(completion, start)


@functools.cache
def _instructor_schema(response_model: type[T]) -> type[T]:
    """The response model as instructor's schema class, built once per model.

    Given a plain pydantic model, instructor builds this subclass anew on every call
    (about a fifth of the client's CPU per request); given one, it uses it as it is.
    """
    import instructor

    return instructor.response_schema(response_model)


def _ungrounded_answer(exc: BaseException, response_model: type[BaseModel]) -> Any | None:
    """The last answer of a failed re-ask loop, when it is schema-valid without grounding."""
    if type(exc).__name__ != "InstructorRetryException":
        return None
    attempts = getattr(exc, "failed_attempts", None) or []
    if not attempts or not isinstance(getattr(attempts[-1], "exception", None), ValidationError):
        return None  # the loop ended on a transport or HTTP error, not on validation
    last = getattr(exc, "last_completion", None)
    if last is None or not hasattr(last, "model_dump_json"):  # e.g. an HTML error page
        return None
    try:
        parse_completion(json.loads(last.model_dump_json()), response_model)
    except ModelError:
        return None
    return last


def _result(completion: Any, start: float) -> CallResult:
    raw = json.loads(completion.model_dump_json())
    # rounded as the cache stores it, so a replayed summary's model time is the same
    return CallResult(raw=raw, latency_s=round(time.perf_counter() - start, 3))


def _log_retry(state: Any) -> None:
    exc = state.outcome.exception() if state.outcome is not None else None
    wait = state.next_action.sleep if state.next_action is not None else 0.0
    log.info(
        "attempt %d failed (%s); retrying in %.1f s",
        state.attempt_number,
        _describe(exc) if exc is not None else "?",
        wait,
    )


def _as_model_error(exc: BaseException, attempts: int, settings: Settings) -> ModelError:
    """The final error, in one line that names the cause (and never the API key)."""
    if isinstance(exc, ModelError):
        return exc
    message = _final_message(exc, attempts, settings)
    if settings.api_key:
        message = message.replace(settings.api_key, "***")
    return ModelError(_one_line(message, limit=500))


def _final_message(exc: BaseException, attempts: int, settings: Settings) -> str:
    import openai

    root = _root(exc)
    last = getattr(exc, "last_completion", None) or getattr(root, "last_completion", None)
    choices = getattr(last, "choices", None)
    tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
    sent = int(getattr(exc, "n_attempts", 1) or 1)  # requests instructor sent in its loop
    requests = f"{sent} request{'s' if sent != 1 else ''}"
    if isinstance(last, str):  # a body that is not JSON (an HTML page) comes back as text
        return f"the model endpoint's response was not JSON after {requests}: {_one_line(last, 80)}"
    if _named(root, "IncompleteOutputException") or (
        choices and choices[0].finish_reason == "length"
    ):
        return (
            f"the model's answer was cut off at the token limit (max_tokens {settings.max_tokens})"
        )
    if last is not None and not choices:
        return "the model returned no choices"
    if isinstance(root, openai.APIConnectionError) and _connection_failure(root) == "timeout":
        return (
            f"the model endpoint timed out after {tries} (up to {settings.request_timeout_s:g} s "
            f"each, {settings.max_retry_time_s:g} s in all)"
        )
    if isinstance(root, openai.APIStatusError) and not _is_transient(root):
        return f"{_describe(root)}: {_server_message(root)}"
    if isinstance(root, openai.APIError) and _is_transient(root):
        return f"{_describe(root)} after {tries}"
    if isinstance(root, json.JSONDecodeError):  # raised by the HTTP layer, not by validation
        return (
            f"the model endpoint's response was not valid JSON after {requests}: "
            f"{_one_line(str(root), 80)}"
        )
    if isinstance(root, ValidationError) or _named(exc, "InstructorRetryException"):
        reasks = sent - 1
        return (
            f"the model's answers kept failing validation after {reasks} "
            f"re-ask{'s' if reasks != 1 else ''}: {_first_problem(root)}"
        )
    return f"the model call failed: {type(root).__name__}: {_describe(root)}"


def _first_problem(exc: BaseException) -> str:
    """The first validation error of an answer, with where it is."""
    if not isinstance(exc, ValidationError):
        return _describe(exc)
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    more = exc.error_count() - 1
    return (f"{where}: " if where else "") + first["msg"] + (f" (and {more} more)" if more else "")


def _server_message(exc: Any) -> str:
    """The error message an endpoint sent with a non-transient status, shortened."""
    body = exc.body if isinstance(getattr(exc, "body", None), dict) else {}
    error = body.get("error", body)
    message = error.get("message") if isinstance(error, dict) else None
    return _one_line(str(message or getattr(exc, "message", "") or "no message"), limit=200)
