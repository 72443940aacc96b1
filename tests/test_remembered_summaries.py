"""Summaries remembered beside the cached answers: returned again only for the same
answers, inputs and code, never exported, cleared with the cache."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path

import pytest

from summarize.core import context as context_module
from summarize.core import instructions
from summarize.core.article import article_from_text
from summarize.core.schema import ArticleSummary
from summarize.errors import CacheMissError
from summarize.llm import cache as cache_module
from summarize.summarizer import Summarizer
from tests.conftest import SEEDS

SEED = SEEDS / "001_b8f2c667bf175de8.txt"


def _refuse_assembly(*args: object, **kwargs: object) -> None:
    raise AssertionError("the summary was assembled again")


def _summarized_then_refusing(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, ArticleSummary, Summarizer]:
    """The seed's text, its summary, and a second summarizer that may not assemble one."""
    text = SEED.read_text()
    first = Summarizer(offline=True, cache_dir=recorded_cache).summarize(text, name=SEED.name)
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    monkeypatch.setattr(summarizer, "_assemble", _refuse_assembly)
    return text, first, summarizer


def test_a_second_run_returns_the_remembered_summary(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, first, summarizer = _summarized_then_refusing(recorded_cache, monkeypatch)
    second = summarizer.summarize(text, name=SEED.name)
    assert second.model_dump(exclude={"meta"}) == first.model_dump(exclude={"meta"})
    assert second.meta.from_cache and second.meta.model_calls == 0
    assert second.meta.usage == first.meta.usage
    # other inputs are another summary
    other = Summarizer(offline=True, cache_dir=recorded_cache, strict_grounding=True)
    monkeypatch.setattr(other, "_assemble", _refuse_assembly)
    with pytest.raises(AssertionError, match="assembled again"):
        other.summarize(text, name=SEED.name)


def test_changed_code_assembles_again(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEED.read_text()
    Summarizer(offline=True, cache_dir=recorded_cache).summarize(text, name=SEED.name)
    monkeypatch.setattr(cache_module, "code_fingerprint", lambda: "another version of the code")
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    monkeypatch.setattr(summarizer, "_assemble", _refuse_assembly)
    with pytest.raises(AssertionError, match="assembled again"):
        summarizer.summarize(text, name=SEED.name)


def test_a_missing_answer_is_never_covered_by_a_remembered_summary(recorded_cache: Path) -> None:
    text = SEED.read_text()
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    summarizer.summarize(text, name=SEED.name)
    _, requests = summarizer._prepare(text, SEED.name, None)
    store = summarizer.model.cache
    assert store is not None
    del store._cache[summarizer.model.key_for(requests[-1].messages, requests[-1].response_model)]
    with pytest.raises(CacheMissError):
        summarizer.summarize(text, name=SEED.name)


def test_an_unreadable_remembered_summary_is_assembled_again(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    text = SEED.read_text()
    first = Summarizer(offline=True, cache_dir=recorded_cache).summarize(text, name=SEED.name)
    monkeypatch.setattr(cache_module.ResponseCache, "get_summary", lambda self, key: '{"x": 1}')
    with caplog.at_level(logging.WARNING, logger="summarize"):
        again = Summarizer(offline=True, cache_dir=recorded_cache).summarize(text, name=SEED.name)
    assert again.model_dump(exclude={"meta"}) == first.model_dump(exclude={"meta"})
    assert "no longer validates" in caplog.text


def test_remembered_summaries_are_not_exported_and_are_cleared(
    recorded_cache: Path, tmp_path: Path
) -> None:
    answers = len(list((SEEDS.parent / "tests/fixtures/recorded/responses").glob("*.json")))
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    summarizer.summarize(SEED.read_text(), name=SEED.name)
    store = summarizer.model.cache
    assert store is not None and len(store._summaries) == 1
    assert store.export(tmp_path / "exported") == answers
    store.clear()
    assert len(store._summaries) == 0
    summarizer.close()


def _refuse_detection(*args: object, **kwargs: object) -> None:
    raise AssertionError("the injection detector ran")


def test_a_hit_neither_detects_injections_nor_plans_requests(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, first, summarizer = _summarized_then_refusing(recorded_cache, monkeypatch)
    _, requests = summarizer._prepare(text, SEED.name, None)
    monkeypatch.setattr(instructions, "suspicious_spans", _refuse_detection)
    monkeypatch.setattr(context_module, "suspicious_spans", _refuse_detection)
    monkeypatch.setattr(summarizer, "_plan", _refuse_assembly)
    store = summarizer.model.cache
    assert store is not None
    hits = store._hits
    second = summarizer.summarize(text, name=SEED.name)
    third = asyncio.run(summarizer.asummarize(text, name=SEED.name))
    for again in (second, third):
        assert again.model_dump(exclude={"meta"}) == first.model_dump(exclude={"meta"})
        assert again.meta.from_cache and again.meta.model_calls == 0
        assert again.meta.input == SEED.name
    # every answer the summary was assembled from counts as a hit, as when they are read
    assert store._hits - hits == 2 * len(requests)
    # a miss does run the detector: the patch bites
    other = Summarizer(offline=True, cache_dir=recorded_cache, strict_grounding=True)
    with pytest.raises(AssertionError, match="injection detector"):
        other.summarize(text, name=SEED.name)


def test_the_memo_depends_on_the_date_the_source_and_the_model(recorded_cache: Path) -> None:
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    article = article_from_text(SEED.read_text(), SEED.name)
    memos = [
        summarizer._memo(article, None, None),
        summarizer._memo(article, dt.date(2024, 3, 3), None),
        summarizer._memo(article, None, "Reuters"),
    ]
    keys = {summarizer.model.summary_key(memo) for memo in memos if memo is not None}
    elsewhere = Summarizer(
        offline=True,
        cache_dir=recorded_cache,
        model="another-model",
        base_url="http://127.0.0.1:9/v1",
    )
    keys.add(elsewhere.model.summary_key(memos[0] or {}))
    assert len(keys) == 4


def test_another_source_is_another_summary(
    recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEED.read_text()
    Summarizer(offline=True, cache_dir=recorded_cache).summarize(text, name=SEED.name)
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    monkeypatch.setattr(summarizer, "_assemble", _refuse_assembly)
    with pytest.raises(AssertionError, match="assembled again"):
        summarizer.summarize(text, name=SEED.name, source="Another Outlet")
    monkeypatch.undo()
    assert summarizer.summarize(text, source="Another Outlet").source == "Another Outlet"


@pytest.mark.parametrize(
    "stored",
    [
        12345,
        {"answers": [], "summary": "{}"},
        b"{}",
        "not JSON",
        "[1, 2]",
        '{"answers": "abc", "summary": "{}"}',
        '{"answers": [1], "summary": "{}"}',
        '{"answers": [], "summary": {"headline": "x"}}',
        '{"answers": [], "summary": "{\\"headline\\": 1}"}',
    ],
)
def test_a_malformed_remembered_summary_is_assembled_again(
    recorded_cache: Path, caplog: pytest.LogCaptureFixture, stored: object
) -> None:
    text = SEED.read_text()
    summarizer = Summarizer(offline=True, cache_dir=recorded_cache)
    first = summarizer.summarize(text, name=SEED.name)
    store = summarizer.model.cache
    assert store is not None
    (key,) = list(store._summaries)
    store._summaries[key] = stored
    with caplog.at_level(logging.WARNING, logger="summarize"):
        again = summarizer.summarize(text, name=SEED.name)
    assert again.model_dump(exclude={"meta"}) == first.model_dump(exclude={"meta"})
    assert "no longer validates" in caplog.text
    # assembled again, it is remembered again in the form this program reads
    assert isinstance(store._summaries[key], str) and store._summaries[key] != stored
