"""The model client: openai + instructor in JSON-schema mode, tenacity for transient faults.

A call takes chat messages and a response model and returns the raw completion
(as JSON) that validated. The raw completion is what the response cache stores;
``parse_completion`` turns it into the response model for live and cached
answers alike, so both go through one validation path.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from summarize.core.schema import Usage
from summarize.errors import ConfigurationError, ModelError
from summarize.llm.config import Settings

T = TypeVar("T", bound=BaseModel)


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


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _describe(exc: BaseException) -> str:
    import openai

    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code} from the model endpoint"
    if isinstance(exc, openai.APITimeoutError):
        return "the model endpoint timed out"
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect to the model endpoint"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class ModelClient:
    """Sends requests to one OpenAI-compatible endpoint (starting the embedded one if needed)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._endpoint: Endpoint | None = None
        self._sync: Any = None
        self._async: Any = None
        self._instructor_sync: Any = None
        self._instructor_async: Any = None

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
        try:
            models = list(self._openai_sync(base_url).models.list())
        except Exception as exc:
            raise ConfigurationError(
                f"no model given and {base_url} did not list one ({_describe(exc)}); "
                "pass -m/--model or set SUMMARIZE_MODEL"
            ) from None
        if not models:
            raise ConfigurationError(f"{base_url} lists no models; pass -m/--model")
        return str(models[0].id)

    def _openai_sync(self, base_url: str) -> Any:
        import openai

        if self._sync is None:
            self._sync = openai.OpenAI(
                base_url=base_url,
                api_key=self.settings.api_key or "not-needed",
                timeout=self.settings.request_timeout_s,
                max_retries=0,  # tenacity owns retries
            )
        return self._sync

    def _openai_async(self, base_url: str) -> Any:
        import openai

        if self._async is None:
            self._async = openai.AsyncOpenAI(
                base_url=base_url,
                api_key=self.settings.api_key or "not-needed",
                timeout=self.settings.request_timeout_s,
                max_retries=0,
            )
        return self._async

    def sampling(self) -> dict[str, Any]:
        """Sampling parameters sent with every request (part of the cache key)."""
        return {"temperature": self.settings.temperature, "max_tokens": self.settings.max_tokens}

    def _retrying(self, asynchronous: bool = False) -> Any:
        import tenacity

        policy = {
            "retry": tenacity.retry_if_exception(_is_transient),
            "wait": tenacity.wait_random_exponential(multiplier=1, max=30),
            "stop": tenacity.stop_after_attempt(self.settings.max_attempts)
            | tenacity.stop_after_delay(self.settings.max_retry_time_s),
            "reraise": True,
        }
        return tenacity.AsyncRetrying(**policy) if asynchronous else tenacity.Retrying(**policy)

    def _create_kwargs(
        self, messages: list[dict[str, str]], response_model: type[T]
    ) -> dict[str, Any]:
        return {
            "model": self.endpoint.model,
            "messages": messages,
            "response_model": response_model,
            "max_retries": self.settings.max_reasks,
            **self.sampling(),
        }

    def complete(self, messages: list[dict[str, str]], response_model: type[T]) -> CallResult:
        """Call the model, re-asking on invalid output and retrying transient faults."""
        import instructor

        if self._instructor_sync is None:
            self._instructor_sync = instructor.from_openai(
                self._openai_sync(self.endpoint.base_url), mode=instructor.Mode.JSON_SCHEMA
            )
        kwargs = self._create_kwargs(messages, response_model)
        start = time.perf_counter()
        try:
            for attempt in self._retrying():
                with attempt:
                    _, completion = self._instructor_sync.chat.completions.create_with_completion(
                        **kwargs
                    )
        except Exception as exc:
            raise _as_model_error(exc) from exc
        return _result(completion, start)

    async def acomplete(
        self, messages: list[dict[str, str]], response_model: type[T]
    ) -> CallResult:
        """Async variant of :meth:`complete`."""
        import asyncio

        import instructor

        if self._endpoint is None:
            self._endpoint = await asyncio.to_thread(self._resolve_endpoint)
        if self._instructor_async is None:
            self._instructor_async = instructor.from_openai(
                self._openai_async(self.endpoint.base_url), mode=instructor.Mode.JSON_SCHEMA
            )
        kwargs = self._create_kwargs(messages, response_model)
        start = time.perf_counter()
        try:
            async for attempt in self._retrying(asynchronous=True):
                with attempt:
                    create = self._instructor_async.chat.completions.create_with_completion
                    _, completion = await create(**kwargs)
        except Exception as exc:
            raise _as_model_error(exc) from exc
        return _result(completion, start)


def _result(completion: Any, start: float) -> CallResult:
    raw = json.loads(completion.model_dump_json())
    return CallResult(raw=raw, latency_s=time.perf_counter() - start)


def _as_model_error(exc: BaseException) -> ModelError:
    if isinstance(exc, ModelError):
        return exc
    cause = exc
    # instructor wraps the last validation failure after its re-asks
    if type(exc).__name__ == "InstructorRetryException":
        last = getattr(exc, "last_completion", None)
        if last is not None and getattr(last.choices[0], "finish_reason", None) == "length":
            return ModelError("the model's answer was cut off at the token limit")
        return ModelError(
            f"the model's answers kept failing validation after re-asks: {_describe(exc)}"
        )
    return ModelError(_describe(cause))
