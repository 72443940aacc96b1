"""The fault matrix: a real Summarizer against the fault-injecting fake server.

Every row drives ``Summarizer(base_url=<fake server>, model="fake", api_key=...)`` over a
one-paragraph article (two requests: the overview, then the paragraph) and checks what
the client did (retried with backoff, honoured Retry-After, re-asked, or failed), how
long it took, the one-line error that names the article and the cause, and that only
valid answers reach the cache. Timeouts, attempts and backoff are made small through
the ``SUMMARIZE_*`` tuning variables.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from summarize.core.article import Article
from summarize.errors import ConfigurationError, ModelError
from summarize.llm.client import retry_after_s
from summarize.llm.config import resolve_settings
from summarize.summarizer import Summarizer
from tests.fake_server import (
    FakeServer,
    RecordedRequest,
    Reply,
    answer,
    drop,
    hang,
    invalid_body,
    no_choices,
    not_json,
    rate_limited,
    recorded,
    server_error,
    status,
    truncated,
    unfit,
)
from tests.fakes import QUOTES_PROMPT

pytestmark = pytest.mark.allow_http

SECRET = "sk-test-SECRET"
NAME = "brief.txt"
ARTICLE = (
    "A drone struck a U.S. base near Erbil on Sunday, two Iraqi security officials said, "
    "and no one was hurt.\n"
)
TIMEOUT_S = 0.5
ATTEMPTS = 3
INITIAL_BACKOFF_S = 0.1
FAST = {
    "SUMMARIZE_REQUEST_TIMEOUT_S": str(TIMEOUT_S),
    "SUMMARIZE_MAX_ATTEMPTS": str(ATTEMPTS),
    "SUMMARIZE_MAX_RETRY_TIME_S": "5",
    "SUMMARIZE_INITIAL_BACKOFF_S": str(INITIAL_BACKOFF_S),
    "SUMMARIZE_MAX_BACKOFF_S": "0.4",
    "SUMMARIZE_MAX_REASKS": "2",
}


@pytest.fixture(autouse=True)
def _fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in FAST.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as fake:
        yield fake


@pytest.fixture
def summarizer(server: FakeServer, tmp_path: Path) -> Iterator[Summarizer]:
    made = Summarizer(
        prompt=QUOTES_PROMPT,
        base_url=server.url,
        model="fake",
        api_key=SECRET,
        cache_dir=tmp_path / "c",
    )
    yield made
    made.close()


def _entries(summarizer: Summarizer) -> int:
    assert summarizer.model.cache is not None
    return summarizer.model.cache.stats().entries


def _http_date(seconds_from_now: float) -> Callable[[RecordedRequest], Reply]:
    """A script function: 429 with a Retry-After date computed when the request arrives,
    then valid answers."""
    calls = {"n": 0}

    def reply(request: RecordedRequest) -> Reply:
        calls["n"] += 1
        if calls["n"] > 1:
            return answer()
        return rate_limited(email.utils.formatdate(time.time() + seconds_from_now, usegmt=True))

    return reply


@dataclass(frozen=True)
class Fault:
    """One row of the matrix: what the server does, and what must come of it."""

    id: str
    script: Callable[[], list[Reply] | Callable[[RecordedRequest], Reply]]
    requests: int  # completion requests the server must see
    error: str | None  # regex for the error after "brief.txt: "; None: the summary succeeds
    max_s: float = 5.0  # generous upper bound on the time to resolution
    min_gap_s: float = 0.0  # measured lower bound between the first two requests
    reasked: bool = False  # later requests carry instructor's re-ask messages


def _always(reply: Reply) -> Callable[[], list[Reply]]:
    return lambda: [reply] * 8


def _once(reply: Reply) -> Callable[[], list[Reply]]:
    return lambda: [reply, answer(), answer()]


ATTEMPTS_TEXT = f"after {ATTEMPTS} attempts"
MATRIX = [
    Fault("valid", lambda: [answer(), answer()], 2, None),
    Fault("429 then ok", _once(rate_limited()), 3, None, min_gap_s=INITIAL_BACKOFF_S / 2),
    Fault("429 Retry-After 1 s then ok", _once(rate_limited(1)), 3, None, min_gap_s=0.95),
    Fault("429 Retry-After date then ok", lambda: _http_date(1.5), 3, None, min_gap_s=0.45),
    Fault("500 then ok", _once(server_error()), 3, None, min_gap_s=INITIAL_BACKOFF_S / 2),
    Fault("503 Retry-After 0.5 s then ok", _once(server_error(503, 0.5)), 3, None, min_gap_s=0.45),
    Fault("hang then ok", _once(hang(10)), 3, None, min_gap_s=TIMEOUT_S),
    Fault("drop then ok", _once(drop()), 3, None),
    Fault("not JSON then ok", _once(not_json()), 3, None, reasked=True),
    Fault("unfit then ok", _once(unfit()), 3, None, reasked=True),
    Fault("429 always", _always(rate_limited()), 3, f"HTTP 429 .*{ATTEMPTS_TEXT}$"),
    Fault(
        "429 Retry-After always",
        _always(rate_limited(0.3)),
        3,
        f"HTTP 429 .*{ATTEMPTS_TEXT}$",
        min_gap_s=0.25,
    ),
    Fault("500 always", _always(server_error()), 3, f"HTTP 500 .*{ATTEMPTS_TEXT}$"),
    Fault("503 always", _always(server_error(503)), 3, f"HTTP 503 .*{ATTEMPTS_TEXT}$"),
    Fault(
        "hang always",
        _always(hang(10)),
        3,
        f"the model endpoint timed out {ATTEMPTS_TEXT} "
        f"\\(up to {TIMEOUT_S:g} s each, 5 s in all\\)$",
        max_s=8.0,
        min_gap_s=TIMEOUT_S,
    ),
    Fault(
        "drop always",
        _always(drop()),
        3,
        f"the model endpoint closed the connection without answering {ATTEMPTS_TEXT}$",
    ),
    Fault(
        "invalid body always",
        _always(invalid_body()),
        3,
        "the model endpoint's response was not valid JSON after 3 requests: Expecting value",
    ),
    Fault(
        "HTML page always",
        _always(invalid_body("text/html")),
        3,
        "the model endpoint's response was not JSON after 3 requests: <html>",
    ),
    Fault(
        "not JSON always",
        _always(not_json()),
        3,
        "the model's answers kept failing validation after 2 re-asks: Invalid JSON",
        reasked=True,
    ),
    Fault(
        "unfit always",
        _always(unfit()),
        3,
        "the model's answers kept failing validation after 2 re-asks: "
        "(headline: Field required|events: Input should be a valid array)",  # async: either
        reasked=True,
    ),
    Fault(
        "truncated",
        _always(truncated()),
        1,
        r"the model's answer was cut off at the token limit \(max_tokens \d+\)$",
    ),
    Fault("no choices", _always(no_choices()), 1, "the model returned no choices$"),
    Fault(
        "401",
        _always(status(401, message=f"Incorrect API key provided: {SECRET}")),
        1,
        r"HTTP 401 from the model endpoint: Incorrect API key provided: \*\*\*$",
    ),
]


def test_the_article_is_one_request_per_paragraph() -> None:
    assert len(Article(ARTICLE).paragraphs()) == 1


@pytest.mark.parametrize("fault", MATRIX, ids=[f.id for f in MATRIX])
def test_fault_matrix(fault: Fault, server: FakeServer, summarizer: Summarizer) -> None:
    server.reply_with(fault.script())
    start = time.perf_counter()
    outcome: Any
    try:
        outcome = summarizer.summarize(ARTICLE, name=NAME)
    except ModelError as exc:
        outcome = exc
    elapsed = time.perf_counter() - start
    sent = server.completion_requests
    result = str(outcome) if isinstance(outcome, Exception) else "summary"
    print(f"\n| {fault.id} | {len(sent)} requests | {elapsed:.2f} s | {result} |")  # for -s

    assert len(sent) == fault.requests, [r.reply for r in sent]
    assert elapsed < fault.max_s
    if fault.min_gap_s:
        assert server.gaps()[0] >= fault.min_gap_s
    assert all(r.headers.get("authorization") == f"Bearer {SECRET}" for r in sent)
    if fault.reasked:
        assert len(sent[1].messages) > len(sent[0].messages)  # the re-ask quotes the error
    if fault.error is None:
        assert not isinstance(outcome, Exception), outcome
        assert outcome.meta.model_calls == 2
        assert _entries(summarizer) == 2
        return
    assert isinstance(outcome, ModelError)
    message = str(outcome)
    assert "\n" not in message and SECRET not in message
    assert message.startswith(f"{NAME}: ")
    assert re.search(fault.error, message.removeprefix(f"{NAME}: ")), message
    assert _entries(summarizer) == 0  # nothing invalid is cached

    # Once the endpoint recovers the same request succeeds and is cached...
    server.reply_with([answer(), answer()])
    assert summarizer.summarize(ARTICLE, name=NAME).meta.model_calls == 2
    assert _entries(summarizer) == 2
    # ...and served from the cache next time.
    before = len(server.completion_requests)
    assert summarizer.summarize(ARTICLE, name=NAME).meta.from_cache
    assert len(server.completion_requests) == before


def test_reask_tells_the_model_what_was_wrong(server: FakeServer, summarizer: Summarizer) -> None:
    server.reply_with([unfit(), answer(), answer()])
    summarizer.summarize(ARTICLE, name=NAME)
    first, second = server.completion_requests[:2]
    added = second.messages[len(first.messages) :]
    assert [m["role"] for m in added] == ["assistant", "user"]
    assert "headline" in added[-1]["content"]  # the validation error is quoted back


def test_response_handlers_see_every_attempt(server: FakeServer, summarizer: Summarizer) -> None:
    """Re-asked attempts reach ``on_response`` too (the benchmark counts their server time)."""
    seen: list[Any] = []
    summarizer.client.on_response(seen.append)
    server.reply_with([unfit(), answer(), answer()])
    summarizer.summarize(ARTICLE, name=NAME)
    assert len(seen) == len(server.completion_requests) == 3
    server.reply_with([answer(), unfit(), answer()])
    asyncio.run(summarizer.asummarize(ARTICLE + "Once more.\n", name=NAME))
    assert len(seen) == 6


def test_retry_after_beyond_the_budget_is_capped(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget = 1.0
    monkeypatch.setenv("SUMMARIZE_MAX_RETRY_TIME_S", str(budget))
    capped = Summarizer(
        prompt=QUOTES_PROMPT, base_url=server.url, model="fake", api_key=SECRET, cache=False
    )
    server.reply_with([rate_limited(retry_after=60)] * 8)
    start = time.perf_counter()
    with pytest.raises(ModelError, match=r"^brief.txt: HTTP 429 .* after 2 attempts$"):
        capped.summarize(ARTICLE, name=NAME)
    elapsed = time.perf_counter() - start
    # the wait fills what is left of the budget after the first attempt, so the second
    # request arrives once the budget is spent (counted from the first attempt's start,
    # not from its arrival: a loaded machine may take a while to send the first one)
    second_arrival = server.completion_requests[1].time - start
    assert budget - 0.1 <= second_arrival and elapsed < budget + 2.0


def test_one_attempt_means_one_request(server: FakeServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """The openai client's own retries stay off: attempts are tenacity's alone."""
    monkeypatch.setenv("SUMMARIZE_MAX_ATTEMPTS", "1")
    single = Summarizer(
        prompt=QUOTES_PROMPT, base_url=server.url, model="fake", api_key=SECRET, cache=False
    )
    server.reply_with([server_error()] * 4)
    with pytest.raises(ModelError, match=r"HTTP 500 from the model endpoint after 1 attempt$"):
        single.summarize(ARTICLE, name=NAME)
    assert len(server.completion_requests) == 1


def test_connection_refused(tmp_path: Path) -> None:
    with FakeServer() as gone:
        url = gone.url  # a port that nothing listens on once the server stops
    refused = Summarizer(
        prompt=QUOTES_PROMPT, base_url=url, model="fake", api_key=SECRET, cache_dir=tmp_path / "c"
    )
    start = time.perf_counter()
    with pytest.raises(ModelError) as caught:
        refused.summarize(ARTICLE, name=NAME)
    assert str(caught.value) == (
        f"{NAME}: could not connect to the model endpoint (connection refused) "
        f"after {ATTEMPTS} attempts"
    )
    assert time.perf_counter() - start < 5 and refused.model.cache is not None
    assert refused.model.cache.stats().entries == 0
    refused.close()


ASYNC_ROWS = ["503 Retry-After 0.5 s then ok", "hang always", "unfit always", "truncated"]


@pytest.mark.parametrize("row", ASYNC_ROWS)
def test_async_path(row: str, server: FakeServer, summarizer: Summarizer) -> None:
    """asummarize sends the two requests at once; every request gets the fault."""
    fault = next(f for f in MATRIX if f.id == row)
    script = fault.script()
    assert isinstance(script, list)
    server.reply_with(script[:1] * 2 + script[1:])  # both concurrent requests meet the fault
    start = time.perf_counter()
    outcome: Any
    try:
        outcome = asyncio.run(summarizer.asummarize(ARTICLE, name=NAME))
    except ModelError as exc:
        outcome = exc
    assert time.perf_counter() - start < fault.max_s
    if fault.error is None:
        assert not isinstance(outcome, Exception), outcome
        assert len(server.completion_requests) == 4 and _entries(summarizer) == 2
        return
    assert isinstance(outcome, ModelError)
    message = str(outcome).removeprefix(f"{NAME}: ")
    assert "\n" not in message and re.search(fault.error, message), message
    assert _entries(summarizer) == 0


def test_delay_is_per_request_not_shared() -> None:
    """With a fixed delay, concurrent requests overlap (for the concurrency benchmark)."""
    import httpx

    with FakeServer(then=answer(), delay_s=0.3) as fake:

        async def many() -> None:
            async with httpx.AsyncClient(base_url=fake.url, timeout=5) as client:
                body = {"model": "fake", "messages": [{"role": "user", "content": "hi"}]}
                posts = [client.post("/chat/completions", json=body) for _ in range(8)]
                responses = await asyncio.gather(*posts)
                assert all(r.status_code == 200 for r in responses)

        start = time.perf_counter()
        asyncio.run(many())
        elapsed = time.perf_counter() - start
    assert 0.3 <= elapsed < 8 * 0.3 / 2  # concurrent, not one after another
    assert len(fake.completion_requests) == 8


def test_models_endpoint_and_model_discovery(server: FakeServer, tmp_path: Path) -> None:
    discovered = Summarizer(
        prompt=QUOTES_PROMPT, base_url=server.url, api_key=SECRET, cache_dir=tmp_path / "c"
    )
    assert discovered.client.identity.model == "fake"
    discovered.close()


def test_recorded_answers_replay_over_http(tmp_path: Path) -> None:
    """The server answers a seed's requests from tests/fixtures/recorded (the same key)."""
    from tests.conftest import RECORDED, SEEDS

    entry = json.loads(next((RECORDED / "responses").glob("*.json")).read_text())
    with FakeServer(then=recorded()) as fake:
        replayer = Summarizer(
            base_url=fake.url,
            model="fake",
            prompt=entry["prompt_version"],
            cache=False,
        )
        seed = sorted(SEEDS.glob("*.txt"))[1]
        summary = replayer.summarize(seed.read_text(encoding="utf-8"), name=seed.name)
    expected = json.loads((RECORDED / "summaries" / f"{seed.stem}.json").read_text())
    assert summary.headline == expected["headline"] and summary.events


# Retry-After parsing and the tuning variables (no HTTP).


def _with_headers(**headers: str) -> Exception:
    error = Exception("status")
    error.response = SimpleNamespace(headers=headers)  # type: ignore[attr-defined]
    return error


NOW = dt.datetime(2023, 12, 4, 12, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "0.5"}, 0.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "Mon, 04 Dec 2023 12:00:07 GMT"}, 7.0),
        ({"retry-after": "Mon, 04 Dec 2023 11:00:00 GMT"}, 0.0),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "-1"}, None),
        ({}, None),
    ],
)
def test_retry_after_parsing(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after_s(_with_headers(**headers), now=NOW) == seconds


def test_tuning_variables_are_read_and_checked() -> None:
    env = {"SUMMARIZE_MAX_ATTEMPTS": "2", "SUMMARIZE_REQUEST_TIMEOUT_S": "1.5"}
    settings = resolve_settings(model="m", base_url="http://h/v1", env=env)
    assert (settings.max_attempts, settings.request_timeout_s) == (2, 1.5)
    assert resolve_settings(env={}).initial_backoff_s == 1.0
    for bad in ({"SUMMARIZE_MAX_ATTEMPTS": "0"}, {"SUMMARIZE_REQUEST_TIMEOUT_S": "fast"}):
        with pytest.raises(ConfigurationError, match="SUMMARIZE_"):
            resolve_settings(env=bad)
