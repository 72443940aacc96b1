from __future__ import annotations

import pytest

from summarize.errors import ConfigurationError
from summarize.llm.config import resolve_settings


def test_embedded_when_nothing_is_configured() -> None:
    settings = resolve_settings(env={})
    assert settings.embedded and settings.model is None


def test_environment_is_used() -> None:
    env = {"SUMMARIZE_MODEL": "m-env", "OPENAI_BASE_URL": "http://h:1/v1", "OPENAI_API_KEY": "k"}
    settings = resolve_settings(env=env)
    assert (settings.model, settings.base_url, settings.api_key) == ("m-env", "http://h:1/v1", "k")
    assert not settings.embedded


def test_arguments_beat_environment() -> None:
    env = {"SUMMARIZE_MODEL": "m-env", "OPENAI_BASE_URL": "http://env/v1", "OPENAI_API_KEY": "k"}
    settings = resolve_settings(model="m-arg", base_url="http://arg/v1/", api_key="k2", env=env)
    assert (settings.model, settings.base_url, settings.api_key) == ("m-arg", "http://arg/v1", "k2")


def test_api_key_is_not_in_repr() -> None:
    assert "sekrit" not in repr(resolve_settings(api_key="sekrit", model="m", env={}))


def test_bad_base_url_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="http"):
        resolve_settings(base_url="localhost:8080", env={})


def test_key_without_model_asks_for_a_model() -> None:
    with pytest.raises(ConfigurationError, match="--model"):
        resolve_settings(env={"OPENAI_API_KEY": "k"})


def test_embedded_model_gets_a_longer_timeout_than_remote_endpoints() -> None:
    embedded = resolve_settings(env={})
    remote = resolve_settings(env={"OPENAI_BASE_URL": "http://h:1/v1"})
    assert embedded.request_timeout_s > remote.request_timeout_s
    tuned = resolve_settings(env={"SUMMARIZE_REQUEST_TIMEOUT_S": "5"})
    assert tuned.request_timeout_s == 5
