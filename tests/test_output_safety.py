"""Nothing lost, nothing misreported: what the command line does with its output files,
with endpoints that are down, and with --offline (against the loopback fake server)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summarize.cli.main import cli
from tests.conftest import SEEDS
from tests.fake_server import FakeServer, hang

pytestmark = pytest.mark.allow_http

OLD = "an existing file that must survive a failed run\n"
ARTICLE = "Rebels attacked an army base near Goma on Sunday, the army said in a statement.\n"
OTHER = "Police arrested two men in Lagos on Monday after a raid, officials said.\n"


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZE_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("SUMMARIZE_INITIAL_BACKOFF_S", "0.05")
    monkeypatch.setenv("SUMMARIZE_MAX_BACKOFF_S", "0.1")


@pytest.fixture
def closed_url() -> str:
    """The address of a server that has stopped: nothing listens there."""
    with FakeServer() as gone:
        return gone.url


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as fake:
        yield fake


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def one_line_error(result: Result, code: int) -> str:
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def articles(folder: Path, count: int = 2) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = [folder / "a.txt", folder / "b.txt"][:count]
    for path, text in zip(paths, [ARTICLE, OTHER], strict=False):
        path.write_text(text)
    return paths


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("output", "fmt", "batch"),
    [("out.json", "json", False), ("out.md", "md", False), ("out.jsonl", "json", True)],
)
def test_a_failed_run_leaves_the_existing_output_as_it_was(
    tmp_path: Path, closed_url: str, output: str, fmt: str, batch: bool
) -> None:
    paths = articles(tmp_path / "in", 2 if batch else 1)
    target = tmp_path / output
    target.write_text(OLD)
    source = tmp_path / "in" if batch else paths[0]
    result = run(source, "-o", target, "--format", fmt, "--base-url", closed_url, "-m", "x")
    assert result.exit_code == 1, result.output
    assert target.read_text() == OLD
    assert leftovers(tmp_path) == []


def test_an_interrupted_run_leaves_the_existing_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = articles(tmp_path / "in", 1)
    target = tmp_path / "out.json"
    target.write_text(OLD)

    def interrupted(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("summarize.summarizer.Summarizer.summarize", interrupted)
    result = run(path, "-o", target, "--offline")
    assert result.exit_code == 130
    assert target.read_text() == OLD and leftovers(tmp_path) == []


@pytest.mark.parametrize("spelling", ["same", "relative", "link"])
def test_an_output_that_is_an_input_is_refused_before_any_work(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    (path,) = articles(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)
    output = {
        "same": path,
        "relative": Path("in") / ".." / "in" / "a.txt",
        "link": tmp_path / "link.txt",
    }[spelling]
    if spelling == "link":
        output.symlink_to(path)
    result = run(path, "-o", output, "--base-url", server.url, "-m", "fake")
    line = one_line_error(result, 2)
    assert "is one of the input articles" in line
    assert path.read_text() == ARTICLE and server.requests == []


def test_html_pages_never_overwrite_their_input_pages(tmp_path: Path, server: FakeServer) -> None:
    folder = tmp_path / "pages"
    articles(folder)
    page = "<html><head><title>T</title></head><body><p>" + ARTICLE + "</p></body></html>"
    (folder / "c.html").write_text(page)
    result = run(folder, "--format", "html", "-o", folder, "--base-url", server.url, "-m", "m")
    assert "c.html is one of the input articles" in one_line_error(result, 2)
    assert (folder / "c.html").read_text() == page and server.requests == []


@pytest.mark.parametrize("where", ["missing folder", "folder is a file"])
def test_an_unwritable_output_is_one_line_and_exit_2(
    tmp_path: Path, server: FakeServer, where: str
) -> None:
    (path,) = articles(tmp_path / "in", 1)
    (tmp_path / "a-file").write_text("x")
    parent = tmp_path / ("missing" if where == "missing folder" else "a-file")
    result = run(path, "-o", parent / "out.json", "--base-url", server.url, "-m", "fake")
    assert "does not exist" in one_line_error(result, 2)
    assert server.requests == []


def test_offline_never_opens_a_connection(tmp_path: Path, server: FakeServer) -> None:
    (path,) = articles(tmp_path / "in", 1)
    without_model = run(path, "--offline", "--base-url", server.url)
    assert "needs a model id" in one_line_error(without_model, 2)
    with_model = run(path, "--offline", "--base-url", server.url, "-m", "fake")
    assert "not in the cache" in one_line_error(with_model, 1)
    assert server.requests == []  # not even a model listing


def test_a_batch_against_a_closed_port_says_connection_refused(
    tmp_path: Path, closed_url: str
) -> None:
    articles(tmp_path / "in")
    start = time.perf_counter()
    result = run(tmp_path / "in", "--base-url", closed_url, "-m", "x")
    line = one_line_error(result, 1)
    assert line.count("could not connect to the model endpoint (connection refused)") == 2, line
    assert "timed out" not in line and time.perf_counter() - start < 10


def test_a_down_endpoint_is_not_answered_with_pass_a_model(tmp_path: Path, closed_url: str) -> None:
    (path,) = articles(tmp_path / "in", 1)
    line = one_line_error(run(path, "--base-url", closed_url), 1)
    assert "connection refused" in line and "check that the server is running" in line
    assert "-m/--model" not in line


def test_the_budget_bounds_a_request_in_flight(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request timeout of 5 s inside a 1.5 s budget: the hang ends with the budget."""
    monkeypatch.setenv("SUMMARIZE_REQUEST_TIMEOUT_S", "5")
    monkeypatch.setenv("SUMMARIZE_MAX_RETRY_TIME_S", "1.5")
    server.reply_with([], then=hang(30))
    (path,) = articles(tmp_path / "in", 1)
    start = time.perf_counter()
    line = one_line_error(run(path, "--base-url", server.url, "-m", "fake", "--no-cache"), 1)
    elapsed = time.perf_counter() - start
    assert "timed out after 1 attempt (up to 5 s each, 1.5 s in all)" in line
    assert elapsed < 4.0, elapsed  # one whole request timeout would be 5 s


def test_json_lines_name_their_inputs_and_skipped_files_are_listed(
    tmp_path: Path, recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    folder = tmp_path / "batch"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    for seed in seeds:
        (folder / seed.name).write_text(seed.read_text())
    for name in ("notes.pdf", "readme.rst", ".DS_Store"):
        (folder / name).write_bytes(b"x")
    out = tmp_path / "out.jsonl"
    result = run(folder, "--offline", "-o", out)
    assert result.exit_code == 0, result.output
    names = [json.loads(line)["meta"]["input"] for line in out.read_text().splitlines()]
    assert names == [str(folder / seed.name) for seed in seeds]
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and "2 files" in skipped[0]
    assert "notes.pdf" in skipped[0] and "readme.rst" in skipped[0]
    assert ".DS_Store" not in skipped[0]


def test_a_partly_failed_batch_writes_its_successes_named(
    tmp_path: Path, recorded_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(recorded_cache))
    folder = tmp_path / "batch"
    folder.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (folder / seed.name).write_text(seed.read_text())
    (folder / "zz_unseen.txt").write_text(ARTICLE)
    out = tmp_path / "out.jsonl"
    out.write_text(OLD)
    result = run(folder, "--offline", "-o", out)
    assert "zz_unseen.txt" in one_line_error(result, 1)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["meta"]["input"] for r in records] == [str(folder / seed.name)]


def test_offline_eval_on_an_empty_cache_fails_and_says_what_to_do(tmp_path: Path) -> None:
    result = run(
        "eval", "--offline", "--json", "--data", SEEDS, "--gold", SEEDS.parent / "evals" / "gold",
        "--report-dir", tmp_path / "report",
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    line = result.stderr.splitlines()[-1]  # after one progress line per article
    assert line.startswith("Error: 5 of 5 articles failed") and "Traceback" not in result.output
    assert "summarize cache import tests/fixtures/recorded/responses" in line
    metrics = json.loads(result.stdout)
    assert metrics["schema_valid_rate"] == 0.0
    assert metrics["event_precision"] == 0.0 and metrics["claim_precision"] == 0.0
    assert (tmp_path / "report" / "report.json").is_file()


def test_a_broken_html_dependency_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # importing it raises ImportError
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + ARTICLE + "</p></body></html>")
    line = one_line_error(run(page, "--offline"), 1)
    assert "cannot read HTML" in line and "requirements/local.txt" in line
