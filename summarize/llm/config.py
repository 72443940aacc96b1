"""Which model and endpoint to use: arguments, then environment, then the embedded model."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from summarize.errors import ConfigurationError

DEFAULT_TEMPERATURE = 0.0
DEFAULT_MAX_TOKENS = 1024
DEFAULT_REQUEST_TIMEOUT_S = 180.0

TUNING_ENV_PREFIX = "SUMMARIZE_"
"""Each tuning field of Settings can be set by ``SUMMARIZE_<FIELD NAME IN CAPITALS>``."""
TUNING_FIELDS: dict[str, tuple[type[int] | type[float], int]] = {
    "request_timeout_s": (float, 0),
    "max_attempts": (int, 1),
    "max_retry_time_s": (float, 0),
    "initial_backoff_s": (float, 0),
    "max_backoff_s": (float, 0),
    "max_reasks": (int, 0),
}
"""The tuning fields: their type and smallest value (the request timeout must be above 0)."""


@dataclass(frozen=True)
class Settings:
    """Resolved configuration of the model backend. The API key is never printed.

    Transient faults (timeouts, lost connections, HTTP 408/429/5xx) are retried up to
    ``max_attempts`` requests in all and for at most ``max_retry_time_s`` seconds,
    waiting as the server's Retry-After says or else an exponential backoff with
    jitter (``initial_backoff_s`` doubled per retry, at most ``max_backoff_s``).
    Invalid answers are re-asked up to ``max_reasks`` times.
    """

    model: str | None
    base_url: str | None
    api_key: str | None = field(default=None, repr=False)
    gguf_path: str | None = None
    temperature: float = DEFAULT_TEMPERATURE
    max_tokens: int = DEFAULT_MAX_TOKENS
    request_timeout_s: float = DEFAULT_REQUEST_TIMEOUT_S
    max_reasks: int = 2
    max_attempts: int = 4
    max_retry_time_s: float = 300.0
    initial_backoff_s: float = 1.0
    max_backoff_s: float = 30.0

    @property
    def embedded(self) -> bool:
        """True when the in-process llama.cpp server is to be used."""
        return self.base_url is None and self.api_key is None


def resolve_settings(
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Merge explicit values with ``SUMMARIZE_MODEL``, ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``."""
    env = os.environ if env is None else env
    model = model or env.get("SUMMARIZE_MODEL") or None
    base_url = base_url or env.get("OPENAI_BASE_URL") or None
    api_key = api_key or env.get("OPENAI_API_KEY") or None
    gguf_path = env.get("SUMMARIZE_GGUF") or None
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise ConfigurationError(
            f"invalid base URL {base_url!r}: use an http:// or https:// address such as "
            "http://127.0.0.1:8080/v1"
        )
    if base_url is None and api_key is not None and model is None:
        raise ConfigurationError(
            "OPENAI_API_KEY is set but no model is: pass -m/--model or set SUMMARIZE_MODEL"
        )
    return Settings(
        model=model,
        base_url=base_url.rstrip("/") if base_url else None,
        api_key=api_key,
        gguf_path=gguf_path,
        **{**_embedded_defaults(base_url, api_key), **tuning_from_env(env)},
    )


EMBEDDED_REQUEST_TIMEOUT_S = 900.0
"""The embedded model shares two cores with everything else on the machine: a long answer
can take minutes when the machine is busy, and there is no remote end that could hang."""


def _embedded_defaults(base_url: str | None, api_key: str | None) -> dict[str, float]:
    if base_url is None and api_key is None:
        return {"request_timeout_s": EMBEDDED_REQUEST_TIMEOUT_S, "max_retry_time_s": 1800.0}
    return {}


def tuning_from_env(env: Mapping[str, str]) -> dict[str, int | float]:
    """Timeouts, retries and re-asks set in the environment (``SUMMARIZE_MAX_ATTEMPTS=2``)."""
    tuning: dict[str, int | float] = {}
    for name, (kind, smallest) in TUNING_FIELDS.items():
        variable = TUNING_ENV_PREFIX + name.upper()
        raw = (env.get(variable) or "").strip()
        if not raw:
            continue
        try:
            value = kind(raw)
        except ValueError:
            value = None
        if value is None or not value >= smallest or (name == "request_timeout_s" and not value):
            what = "a whole number" if kind is int else "a number of seconds"
            least = "above 0" if name == "request_timeout_s" else f"at least {smallest}"
            raise ConfigurationError(f"{variable}={raw!r} is not valid: use {what}, {least}")
        tuning[name] = value
    return tuning
