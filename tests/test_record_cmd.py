"""`summarize cache record` replaces only the recording's own folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli.main import cli

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "tests" / "fixtures" / "recorded"
SEED = ROOT / "seeds" / "000_f8ee78edffbcc470.txt"


def test_rebuilding_summaries_keeps_other_recordings_beside_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    destination = tmp_path / "recorded"
    shutil.copytree(RECORDED / "responses", destination / "responses")
    nested = destination / "muc4" / "responses"
    nested.mkdir(parents=True)
    (nested / "kept.json").write_text("{}\n")
    responses = sorted(p.name for p in (destination / "responses").iterdir())

    result = CliRunner().invoke(
        cli, ["cache", "record", "--summaries-only", "--to", str(destination), str(SEED)]
    )

    assert result.exit_code == 0, result.output
    assert (nested / "kept.json").read_text() == "{}\n"
    assert sorted(p.name for p in (destination / "responses").iterdir()) == responses
    assert [p.name for p in (destination / "summaries").iterdir()] == [f"{SEED.stem}.json"]
