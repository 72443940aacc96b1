"""Shared fixtures. Real model calls are forbidden unless a test is marked ``real_model``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
RECORDED = ROOT / "tests" / "fixtures" / "recorded"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the response cache at a temp folder and clear endpoint settings from the env."""
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    from summarize.llm.config import TUNING_ENV_PREFIX, TUNING_FIELDS

    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZE_MODEL", "SUMMARIZE_GGUF"):
        monkeypatch.delenv(name, raising=False)
    for field in TUNING_FIELDS:
        monkeypatch.delenv(TUNING_ENV_PREFIX + field.upper(), raising=False)


@pytest.fixture(autouse=True)
def _forbid_model_calls(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that would start the embedded model or open a client, unless it opts in."""
    if request.node.get_closest_marker("real_model") or request.node.get_closest_marker(
        "allow_http"
    ):
        return

    def forbidden(*_args: object, **_kwargs: object) -> None:
        pytest.fail("a real model call was attempted; mark the test real_model to allow it")

    from summarize.llm import client, embedded

    monkeypatch.setattr(embedded, "start_embedded_server", forbidden)
    monkeypatch.setattr(client.ModelClient, "openai_sync", forbidden)
    monkeypatch.setattr(client.ModelClient, "_openai_async", forbidden)


@pytest.fixture
def seed_paths() -> list[Path]:
    """The five seed articles."""
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture
def recorded_cache(tmp_path: Path) -> Path:
    """A temporary cache loaded with the recorded real responses; returns its directory."""
    from summarize.llm.cache import ResponseCache

    directory = tmp_path / "cache"
    cache = ResponseCache(directory)
    count = cache.import_dir(RECORDED / "responses")
    cache.close()
    assert count > 0, "no recorded responses: run `summarize cache record`"
    return directory


@pytest.fixture
def copy_seeds(tmp_path: Path) -> Path:
    """A writable copy of the seeds folder."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target
