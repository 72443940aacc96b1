"""The API key never leaves the request header: not into the cache, the eval reports, the
logs, or any message, however the endpoint fails (even when it echoes the key back)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summarize.cli.main import cli
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
    server_error,
    status,
    truncated,
    unfit,
)
from tests.fakes import QUOTES_PROMPT

pytestmark = pytest.mark.allow_http

SECRET = "sk-test-7c1e-DO-NOT-LEAK-93b5"
LOGGERS = ("", "summarize", "openai", "httpx", "httpx2", "httpcore", "httpcore2", "instructor")
GOOD = "A U.S. air strike killed five militants near Kirkuk, three security sources said.\n"
BAD = "Militants fired rockets at a base in Syria on Monday, officials said.\n"
UNAUTHORIZED = status(401, message="Invalid authentication.")
ECHO = status(401, message=f"Incorrect API key provided: {SECRET}. Check it and retry.")


def _gold(article: str, quote: str) -> dict[str, Any]:
    return {
        "article": article,
        "published": "2023-12-03",
        "events": [
            {
                "type": "air_or_drone_strike",
                "actors": [{"name": "U.S."}],
                "evidence": [{"quote": quote}],
            }
        ],
        "claims": [],
    }


def _failing_on_rockets(fault: Reply) -> Callable[[RecordedRequest], Reply]:
    """Valid answers, except ``fault`` for the article about rockets."""

    def reply(request: RecordedRequest) -> Reply:
        article = str(request.messages[-1].get("content")) if request.messages else ""
        return fault if "rockets" in article else answer()

    return reply


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeServer]:
    """The fake endpoint, configured through the environment as a user would; a workspace
    with two articles and their gold files."""
    with FakeServer(_failing_on_rockets(UNAUTHORIZED)) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
        monkeypatch.setenv("OPENAI_API_KEY", SECRET)
        monkeypatch.setenv("SUMMARIZE_MODEL", "fake")
        for name, value in {
            "SUMMARIZE_REQUEST_TIMEOUT_S": "0.5",
            "SUMMARIZE_MAX_ATTEMPTS": "2",
            "SUMMARIZE_INITIAL_BACKOFF_S": "0.05",
            "SUMMARIZE_MAX_BACKOFF_S": "0.1",
            "SUMMARIZE_MAX_RETRY_TIME_S": "3",
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)
        for folder in ("data", "gold"):
            (tmp_path / folder).mkdir()
        (tmp_path / "data" / "good.txt").write_text(GOOD)
        (tmp_path / "data" / "bad.txt").write_text(BAD)
        for name, quote in (("good", "air strike"), ("bad", "fired rockets")):
            gold = _gold(f"{name}.txt", quote)
            (tmp_path / "gold" / f"{name}.json").write_text(json.dumps(gold))
        yield fake


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _eval() -> Result:
    return _run("eval", "--data", "data", "--gold", "gold", "--report-dir", "reports")


def _everything_under(folder: Path) -> bytes:
    """The bytes of every file under ``folder`` (databases, WAL files, exports, reports)."""
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_key_never_leaves_the_request_header(
    server: FakeServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    results: list[Result] = []

    # A summary, an eval (one article fails with HTTP 401), and the cache export.
    results.append(_run("data/good.txt"))
    assert results[-1].exit_code == 0, results[-1].output
    results.append(_eval())
    assert results[-1].exit_code == 1, results[-1].output  # an article failed
    report = json.loads((tmp_path / "reports" / "report.json").read_text())
    assert report["errors"] and "HTTP 401" in report["errors"][0]
    results.append(_run("cache", "export", "exported"))
    assert "exported 1 entry" in results[-1].output  # good.txt's one paragraph
    results.append(_run("cache", "stats"))

    # Every kind of failure, each ending in a one-line error on stderr.
    for fault in (
        UNAUTHORIZED,
        rate_limited(0.1),
        server_error(503),
        hang(5),
        drop(),
        invalid_body(),
        not_json(),
        unfit(),
        truncated(),
        no_choices(),
    ):
        server.reply_with(None, then=fault)
        results.append(_run("data/bad.txt", "--no-cache"))
        failed = results[-1]
        assert failed.exit_code == 1, failed.output
        assert failed.stderr.startswith("Error: data/bad.txt: ") and failed.stderr.count("\n") == 1

    # The key was sent every time, so not finding it anywhere else means something.
    assert server.completion_requests
    assert all(r.headers["authorization"] == f"Bearer {SECRET}" for r in server.requests)
    assert any(r.name.startswith("openai") for r in caplog.records)  # DEBUG logs were on

    printed = "".join(r.stdout + r.stderr for r in results)
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    stored = _everything_under(tmp_path / "cache")
    written = _everything_under(tmp_path / "exported") + _everything_under(tmp_path / "reports")
    assert stored and written
    assert SECRET not in printed
    assert SECRET not in logged
    assert SECRET.encode() not in stored
    assert SECRET.encode() not in written


def test_a_key_echoed_by_the_endpoint_is_masked(server: FakeServer, tmp_path: Path) -> None:
    """Some endpoints quote the key they refused; our messages and reports mask it.

    (instructor's own ERROR log records quote the endpoint's error body as sent.)
    """
    server.reply_with(_failing_on_rockets(ECHO))
    failed = _run("data/bad.txt")
    assert failed.exit_code == 1
    assert failed.stderr == (
        "Error: data/bad.txt: HTTP 401 from the model endpoint: "
        "Incorrect API key provided: ***. Check it and retry.\n"
    )
    evaluated = _eval()
    assert evaluated.exit_code == 1, evaluated.output  # an article failed
    report = (tmp_path / "reports" / "report.json").read_text()
    assert "Incorrect API key provided: ***" in report
    assert SECRET not in report + (tmp_path / "reports" / "report.md").read_text()
    assert SECRET not in evaluated.stdout + evaluated.stderr


def test_our_code_does_not_turn_on_http_debug_logs(server: FakeServer) -> None:
    """openai's and httpx's DEBUG logs stay off unless the application asks for them."""
    summarizer = Summarizer(prompt=QUOTES_PROMPT, cache=False)
    summarizer.summarize(GOOD, name="good.txt")
    for name in ("openai", "httpx", "httpx2", "httpcore", "httpcore2"):
        assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name
    assert SECRET not in repr(summarizer.settings)
