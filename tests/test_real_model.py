"""End-to-end tests against the real embedded model. Slow: run with ``pytest -m real_model``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli.main import cli
from summarize.core.schema import ArticleSummary

pytestmark = pytest.mark.real_model

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_b8f2c667bf175de8.txt"


def _assert_grounded(summary: ArticleSummary, text: str) -> None:
    for item in [*summary.events, *summary.claims]:
        for evidence in item.evidence:
            if evidence.grounded:
                assert evidence.start is not None and evidence.end is not None
                assert text[evidence.start : evidence.end] == evidence.quote


def test_cli_summarizes_a_seed_with_the_embedded_model() -> None:
    result = CliRunner().invoke(cli, [str(SEED), "--no-cache"])
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate(json.loads(result.stdout))
    text = SEED.read_text()
    assert summary.meta.model_calls > 0 and not summary.meta.from_cache
    assert summary.events and len(summary.claims) >= 2
    assert any(e.killed is not None and e.killed.value == 5 for e in summary.events)
    _assert_grounded(summary, text)


def test_base_url_against_a_separately_started_server() -> None:
    """xllamacpp's own HTTP server is a real OpenAI-compatible endpoint."""
    from summarize.llm.embedded import start_embedded_server

    server = start_embedded_server()
    article = (
        "Police said two officers were wounded when gunmen opened fire on a checkpoint "
        "in Mosul on Friday, according to AFP."
    )
    result = CliRunner().invoke(
        cli,
        ["-", "--base-url", server.base_url, "--no-cache", "--published", "2023-12-04"],
        input=article,
    )
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate(json.loads(result.stdout))
    assert summary.meta.model == server.model_id
    assert summary.events or summary.claims
    _assert_grounded(summary, article)
