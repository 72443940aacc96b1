"""Test doubles built from the openai client's own response types (no network, no model)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import BaseModel

from summarize.llm.client import CallResult, Endpoint
from summarize.llm.config import Settings


def completion(content: str | dict[str, Any], *, finish_reason: str = "stop") -> dict[str, Any]:
    """A raw chat completion, validated by the openai client's ChatCompletion type."""
    text = content if isinstance(content, str) else json.dumps(content)
    response = ChatCompletion.model_validate(
        {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "fake-model",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": finish_reason,
                    "message": {"role": "assistant", "content": text},
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
        }
    )
    return json.loads(response.model_dump_json())


class FakeClient:
    """Stands in for ModelClient: answers from a queue and counts calls."""

    def __init__(
        self,
        answers: list[dict[str, Any] | Exception] | Callable[[list[dict[str, str]]], Any],
        model: str = "fake-model",
    ):
        self.answers = answers if callable(answers) else list(answers)
        self.calls = 0
        self.settings = Settings(model=model, base_url="http://127.0.0.1:9/v1", api_key="sk-secret")
        self.identity = Endpoint("http://127.0.0.1:9/v1", model)

    def sampling(self) -> dict[str, Any]:
        return {"temperature": 0.0, "max_tokens": 64}

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[BaseModel],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        self.calls += 1
        answer = self.answers(messages) if callable(self.answers) else self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return CallResult(raw=answer, latency_s=0.01)

    async def acomplete(
        self,
        messages: list[dict[str, str]],
        response_model: type[BaseModel],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        return self.complete(messages, response_model, context)


QUOTES_PROMPT = "summarize-v4"
"""The last prompt of the "quotes" shape: tests whose fakes answer with copied quotes use it."""
