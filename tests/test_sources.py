"""Input sources (a folder, JSON Lines, Parquet) and the CLI's --engine ray without ray.

Fast and offline: no Ray, no model. The Parquet tests need pyarrow (the ray extra) and
are skipped without it; the Ray engine itself is tested in tests/test_ray_engine.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summarize.cli.main import cli
from summarize.core.article import read_article
from summarize.errors import ConfigurationError, InputError
from summarize.sources import SourceArticle, read_source
from tests.conftest import SEEDS

TEXT = "Officials said on Sunday that a bomb exploded near the market, killing two people.\n"


def _jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records),
        encoding="utf-8",
    )
    return path


def _refusal(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_folder_is_read_as_summarize_dir_reads_it(copy_seeds: Path) -> None:
    (copy_seeds / "notes.pdf").write_bytes(b"%PDF-1.4")
    warnings: list[str] = []
    articles = read_source(copy_seeds, warn=warnings.append)
    paths = sorted(copy_seeds.glob("*.txt"))
    assert [a.id for a in articles] == [p.name for p in paths]
    assert [a.text for a in articles] == [read_article(p).text for p in paths]
    assert [a.name for a in articles] == [str(p) for p in paths]
    assert len(warnings) == 1 and "notes.pdf" in warnings[0]


def test_one_article_file_is_a_source_of_one() -> None:
    path = sorted(SEEDS.glob("*.txt"))[0]
    (article,) = read_source(path)
    assert article.id == path.name and article.text == read_article(path).text


def test_json_lines_rows(tmp_path: Path) -> None:
    source = _jsonl(
        tmp_path / "articles.jsonl",
        [
            {"id": "a", "text": TEXT, "published": "2024-03-01", "source": "Reuters"},
            "",  # blank lines are skipped
            {"id": 7, "text": TEXT, "extra": "ignored"},
            {"id": "c", "text": TEXT, "published": "2024-03-02T10:30:00", "source": None},
        ],
    )
    assert read_source(source) == [
        SourceArticle("a", TEXT, dt.date(2024, 3, 1), "Reuters", "a"),
        SourceArticle("7", TEXT, None, None, "7"),
        SourceArticle("c", TEXT, dt.date(2024, 3, 2), None, "c"),
    ]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([{"id": "a"}], "articles.jsonl line 1: missing `text`"),
        ([{"id": "a", "text": "  \n"}], "line 1: `text` is empty"),
        ([{"id": "a", "text": 5}], "line 1: `text` must be a string"),
        ([{"text": TEXT}], "line 1: missing `id`"),
        ([{"id": 1.5, "text": TEXT}], "line 1: `id` must be a string or an integer"),
        ([{"id": "a", "text": TEXT, "published": "2024-13-01"}], "line 1: bad `published` date"),
        ([{"id": "a", "text": TEXT, "published": "last week"}], "use YYYY-MM-DD"),
        ([{"id": "a", "text": TEXT, "source": 3}], "line 1: `source` must be a string"),
        (
            [{"id": "a", "text": TEXT}, {"id": "b", "text": TEXT}, {"id": "a", "text": TEXT}],
            "line 3: duplicate id 'a' (first at line 1)",
        ),
        ([{"id": 1, "text": TEXT}, {"id": "1", "text": TEXT}], "line 2: duplicate id '1'"),
        (['{"id": "a", "text": '], "line 1: not JSON"),
        ([["a", TEXT]], "line 1: not an object with `id` and `text`"),
        ([""], "articles.jsonl: no articles in it"),
    ],
)
def test_bad_json_lines_are_refused_in_one_line(
    tmp_path: Path, records: list[Any], expected: str
) -> None:
    assert expected in _refusal(_jsonl(tmp_path / "articles.jsonl", records))


def test_unreadable_sources_are_refused_in_one_line(tmp_path: Path) -> None:
    assert "no such file or directory" in _refusal(tmp_path / "missing.jsonl")
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n')
    assert "not UTF-8" in _refusal(latin1)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "has no .txt or .md articles" in _refusal(empty)


def _parquet(path: Path, columns: dict[str, list[Any]]) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table(columns), path)
    return path


def test_parquet_rows(tmp_path: Path) -> None:
    source = _parquet(
        tmp_path / "articles.parquet",
        {
            "id": ["a", "b"],
            "text": [TEXT, TEXT],
            "published": [dt.date(2024, 3, 1), None],
            "source": ["AP", None],
            "other": [1, 2],
        },
    )
    assert read_source(source) == [
        SourceArticle("a", TEXT, dt.date(2024, 3, 1), "AP", "a"),
        SourceArticle("b", TEXT, None, None, "b"),
    ]


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        ({"id": ["a"]}, "articles.parquet: no `text` column (it has: id)"),
        ({"id": ["a", "b"], "text": [TEXT, None]}, "row 2: missing `text`"),
        ({"id": ["a", "a"], "text": [TEXT, TEXT]}, "row 2: duplicate id 'a' (first at row 1)"),
        ({"id": ["a"], "text": [TEXT], "published": ["04/03/2024"]}, "row 1: bad `published`"),
    ],
)
def test_bad_parquet_is_refused_in_one_line(
    tmp_path: Path, columns: dict[str, list[Any]], expected: str
) -> None:
    assert expected in _refusal(_parquet(tmp_path / "articles.parquet", columns))


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    broken = tmp_path / "broken.parquet"
    broken.write_text("id,text\na,hello\n")
    assert "broken.parquet: not a readable Parquet file" in _refusal(broken)


def test_parquet_without_pyarrow_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "articles.parquet"
    source.write_bytes(b"PAR1")
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ConfigurationError, match=r'pip install -e "\.\[ray\]"'):
        read_source(source)


# the CLI's --engine ray and the options of the single engine


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["run", *args])


def _error_line(result: Result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def test_engine_ray_without_ray_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if ray were not installed
    monkeypatch.setitem(sys.modules, "ray.data", None)
    source = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": TEXT}])
    result = _run(
        str(source), "--engine", "ray", "--base-url", "http://127.0.0.1:9/v1", "--out", "r.jsonl"
    )
    assert result.exit_code == 1
    assert 'pip install -e ".[ray]"' in _error_line(result)
    assert "Traceback" not in result.output


def test_the_single_engine_refuses_ray_options(tmp_path: Path) -> None:
    seed = str(sorted(SEEDS.glob("*.txt"))[0])
    result = _run(seed, "--workers", "2", "--offline", "-m", "fake")
    assert result.exit_code == 2 and "--workers goes with --engine ray" in _error_line(result)
    result = _run(
        seed, "--base-url", "http://127.0.0.1:9/v1", "--base-url", "http://127.0.0.1:8/v1"
    )
    assert result.exit_code == 2 and "several --base-url" in _error_line(result)
