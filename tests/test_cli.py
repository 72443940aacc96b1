from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli.main import cli


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


def _one_line_error(result, code: int = 2) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_help_shows_examples() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and "summarize seeds/" in result.output


def test_missing_file(tmp_path: Path) -> None:
    line = _one_line_error(run(str(tmp_path / "nope.txt")))
    assert "no such file" in line


@pytest.mark.parametrize("content", ["", "   \n\t\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content)
    assert "empty" in _one_line_error(run(str(path)))


def test_empty_stdin() -> None:
    assert "standard input is empty" in _one_line_error(run("-", stdin=""))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert "binary" in _one_line_error(run(str(path)))


def test_directory_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b")
    assert "no .txt or .md" in _one_line_error(run(str(tmp_path)))


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some article text here.")
    result = run(str(path), "--format", "xml")
    assert result.exit_code == 2 and "'xml' is not one of" in result.output


def test_bad_published_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some article text here.")
    assert "YYYY-MM-DD" in _one_line_error(run(str(path), "--published", "yesterday"))


def test_bad_base_url(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Some article text here.")
    line = _one_line_error(run(str(path), "--base-url", "localhost:8080"), code=1)
    assert "http://" in line


def test_offline_miss_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Rebels attacked a base near Goma today, the army said.")
    line = _one_line_error(run(str(path), "--offline"), code=1)
    assert str(path) in line and "--offline" in line


def test_cache_stats_on_empty_cache() -> None:
    result = run("cache", "stats", "--json")
    assert result.exit_code == 0 and '"entries": 0' in result.output


def test_cache_import_rejects_missing_dir(tmp_path: Path) -> None:
    assert "not a directory" in _one_line_error(run("cache", "import", str(tmp_path / "nope")))


def test_help_runs_as_a_program() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "summarize", "--help"], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0 and "Usage:" in completed.stdout


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Officials said \xff\xfe five people were hurt in the blast near the port.\n")
    result = run(str(path), "--offline")
    assert "warning: " in result.output and "invalid UTF-8 replaced (2 bytes)" in result.output
    assert result.exit_code == 1  # then the offline miss; the text itself was accepted
