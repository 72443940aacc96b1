from __future__ import annotations

import json
import logging
import multiprocessing
from pathlib import Path

import pytest
from pydantic import BaseModel

from summarize.errors import CacheMissError, InputError, ModelError
from summarize.llm.cache import CachedModel, CacheMode, ResponseCache, cache_key
from tests.fakes import FakeClient, completion

MESSAGES = [{"role": "system", "content": "Extract."}, {"role": "user", "content": "Text."}]


class Answer(BaseModel):
    words: list[str]


GOOD = completion({"words": ["a", "b"]})


def _model(tmp_path: Path, answers: list, mode: CacheMode = CacheMode.READ_WRITE) -> CachedModel:
    return CachedModel(FakeClient(answers), ResponseCache(tmp_path / "c"), mode, "prompt-v1")


BASE = {
    "model": "m",
    "endpoint": "http://x/v1",
    "messages": MESSAGES,
    "response_schema": Answer.model_json_schema(),
    "sampling": {"temperature": 0.0, "max_tokens": 64},
    "prompt_version": "p1",
    "schema_version": "1.0",
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("model", "m2"),
        ("endpoint", "http://y/v1"),
        ("messages", [*MESSAGES, {"role": "user", "content": "more"}]),
        ("response_schema", {"type": "object"}),
        ("sampling", {"temperature": 0.5, "max_tokens": 64}),
        ("prompt_version", "p2"),
        ("schema_version", "2.0"),
    ],
)
def test_every_ingredient_changes_the_key(field: str, value: object) -> None:
    assert cache_key({**BASE, field: value}) != cache_key(BASE)


def test_key_ignores_dict_order_and_is_stable() -> None:
    reordered = dict(reversed(list(BASE.items())))
    assert cache_key(reordered) == cache_key(BASE)
    assert cache_key(BASE) == cache_key(json.loads(json.dumps(BASE)))
    assert len(cache_key(BASE)) == 64


def test_miss_then_hit(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD])
    first = model.complete(MESSAGES, Answer)
    second = model.complete(MESSAGES, Answer)
    assert model.client.calls == 1
    assert not first.from_cache and second.from_cache
    assert second.raw == first.raw
    stats = model.cache.stats()
    assert (stats.entries, stats.hits, stats.misses) == (1, 1, 1)


def test_no_cache_mode_neither_reads_nor_writes(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD, GOOD], CacheMode.OFF)
    model.complete(MESSAGES, Answer)
    model.complete(MESSAGES, Answer)
    assert model.client.calls == 2
    assert ResponseCache(tmp_path / "c").stats().entries == 0


@pytest.mark.parametrize(
    "bad",
    [
        ModelError("HTTP 500 from the model endpoint"),
        completion({"words": ["a"]}, finish_reason="length"),
        completion("{not json"),
        completion({"other": 1}),
        completion(""),
    ],
)
def test_failures_and_invalid_answers_are_never_stored(tmp_path: Path, bad: object) -> None:
    model = _model(tmp_path, [bad])
    with pytest.raises(ModelError):
        model.complete(MESSAGES, Answer)
    assert model.cache.stats().entries == 0


def test_offline_miss_calls_nothing(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD], CacheMode.OFFLINE)
    with pytest.raises(CacheMissError, match="--offline"):
        model.complete(MESSAGES, Answer)
    assert model.client.calls == 0


def test_corrupted_entry_is_a_miss_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    model = _model(tmp_path, [GOOD, GOOD])
    model.complete(MESSAGES, Answer)
    key = model.key_for(MESSAGES, Answer)
    model.cache._cache.set(key, "{truncated garbage")
    with caplog.at_level(logging.WARNING, logger="summarize.cache"):
        result = model.complete(MESSAGES, Answer)
    assert not result.from_cache and model.client.calls == 2
    assert "unreadable cache entry" in caplog.text


def test_entry_that_no_longer_validates_is_a_miss(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD, GOOD])
    key = model.key_for(MESSAGES, Answer)
    model.cache.put(key, {"key": key, "completion": completion({"other": 1})})
    assert not model.complete(MESSAGES, Answer).from_cache


def test_export_import_round_trip(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD])
    model.complete(MESSAGES, Answer)
    key = model.key_for(MESSAGES, Answer)
    exported = tmp_path / "export"
    assert model.cache.export(exported) == 1
    entry = json.loads((exported / f"{key}.json").read_text())
    assert entry["model"] == "fake-model" and entry["prompt_version"] == "prompt-v1"
    fresh = ResponseCache(tmp_path / "fresh")
    assert fresh.import_dir(exported) == 1
    assert fresh.get(key) == model.cache.get(key)


def test_merge_stores_the_readable_entries_of_another_cache(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD])
    model.complete(MESSAGES, Answer)
    key = model.key_for(MESSAGES, Answer)
    model.cache.put("broken", {"key": "broken"})  # no completion: unreadable, not merged
    fresh = ResponseCache(tmp_path / "fresh")
    assert fresh.merge(model.cache) == 1
    assert fresh.get(key) == model.cache.get(key)
    assert not fresh.has("broken")


def test_api_key_never_stored(tmp_path: Path) -> None:
    model = _model(tmp_path, [GOOD])
    model.complete(MESSAGES, Answer)
    model.cache.export(tmp_path / "export")
    for path in (tmp_path / "export").iterdir():
        assert "sk-secret" not in path.read_text()
    for path in (tmp_path / "c").rglob("*"):
        if path.is_file():
            assert b"sk-secret" not in path.read_bytes()


def _writer(directory: str, worker: int) -> None:
    cache = ResponseCache(Path(directory))
    for index in range(50):
        cache.put(f"{worker}-{index}", {"key": f"{worker}-{index}", "completion": GOOD})
    cache.close()


def test_concurrent_writers_from_several_processes(tmp_path: Path) -> None:
    directory = str(tmp_path / "shared")
    ResponseCache(Path(directory)).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(directory, w)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=60)
        assert process.exitcode == 0
    cache = ResponseCache(Path(directory))
    assert cache.stats().entries == 200
    assert all(cache.get(f"{w}-{i}") is not None for w in range(4) for i in range(50))


def test_fast_key_equals_the_canonical_key(tmp_path: Path) -> None:
    model = _model(tmp_path, [])
    messages = [{"role": "system", "content": 'Ünïcode “quotes” \\ and "escapes"'}, *MESSAGES]
    expected = cache_key(model.ingredients(messages, Answer))
    assert model.key_for(messages, Answer) == expected
    assert model.key_for(messages, Answer) == expected  # second call uses the fixed fragments


def test_an_import_with_a_bad_file_changes_nothing(tmp_path: Path) -> None:
    source = ResponseCache(tmp_path / "source")
    source.put("a" * 64, {"key": "a" * 64, "completion": completion({"x": 1})})
    source.export(tmp_path / "exported")
    (tmp_path / "exported" / ("b" * 64 + ".json")).write_text("{not json")
    target = ResponseCache(tmp_path / "target")
    with pytest.raises(InputError, match="not a cache entry"):
        target.import_dir(tmp_path / "exported")
    assert target.stats().entries == 0
