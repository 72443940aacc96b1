"""Where a batch of articles comes from: a folder of article files, a JSON Lines file or a
Parquet file.

A JSON Lines line or a Parquet row carries ``id`` and ``text``, and optionally
``published`` (an ISO date) and ``source`` (the outlet); other fields are ignored. A folder
is read as ``summarize DIR`` reads it (``core/article.py``), each file's name its id; any
other file is one article. Bad input (a missing ``text``, a bad date, a duplicate id, an
unreadable file) is refused with one :class:`InputError` naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarize.errors import ConfigurationError, InputError

if TYPE_CHECKING:
    from summarize.summarizer import ArticleInput

JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")
TABLE_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
"""Sources that are tables of articles (one row each), not article files."""
COLUMNS = ("id", "text", "published", "source")
PYARROW_MISSING = 'reading Parquet needs pyarrow: pip install -e ".[ray]"'


@dataclass(frozen=True)
class SourceArticle:
    """One article of a source: its id (unique in the source), text and what is known."""

    id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    name: str = ""  # for messages and ``meta.input``: the file for a folder, else the id

    def as_input(self, published: dt.date | None = None, source: str | None = None) -> ArticleInput:
        """The article as ``Summarizer.summarize_many`` takes it; ``published`` and
        ``source`` stand in where the article gives none."""
        from summarize.summarizer import ArticleInput

        return ArticleInput(
            self.text, self.name or self.id, self.published or published, self.source or source
        )


def read_source(path: Path, warn: Callable[[str], None] | None = None) -> list[SourceArticle]:
    """Every article of ``path`` (a folder, a ``.jsonl`` or ``.parquet`` file, or one
    article file), in order. ``warn`` gets what is worth saying but not refusing
    (files a folder holds that are not read, invalid UTF-8 replaced)."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    suffix = path.suffix.lower()
    if path.is_dir():
        articles = _folder(path, warn)
    elif suffix in JSONL_SUFFIXES:
        articles = checked_rows(_jsonl_records(path), str(path))
    elif suffix in PARQUET_SUFFIXES:
        articles = checked_rows(_parquet_records(path), str(path))
    else:
        articles = _files([path], warn)
    if not articles:
        raise InputError(f"{path}: no articles in it")
    return articles


def _folder(path: Path, warn: Callable[[str], None] | None) -> list[SourceArticle]:
    from summarize.core.article import collect_paths

    skipped: list[Path] = []
    paths = collect_paths([path], skipped)
    if skipped and warn is not None:
        listing = ", ".join(str(p) for p in skipped)
        warn(f"skipped {len(skipped)} file(s) that are not .txt, .md, .html or .htm: {listing}")
    return _files(paths, warn)


def _files(paths: list[Path], warn: Callable[[str], None] | None) -> list[SourceArticle]:
    from summarize.core.article import read_article

    articles = []
    for path in paths:
        article = read_article(path)
        for warning in article.warnings:
            if warn is not None:
                warn(warning)
        articles.append(SourceArticle(path.name, article.text, name=article.name))
    return articles


def _jsonl_records(path: Path) -> Iterable[tuple[str, Any]]:
    """(where, parsed line) for every non-blank line of a JSON Lines file."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield f"line {number}", json.loads(line)
                except ValueError as exc:
                    raise InputError(f"{path} line {number}: not JSON ({exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the JSON Lines file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _parquet_records(path: Path) -> Iterable[tuple[str, Any]]:
    """(where, row as a dict) for every row of a Parquet file's known columns."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ConfigurationError(f"{path}: {PYARROW_MISSING}") from None
    try:
        names = pq.read_schema(path).names
        for required in ("id", "text"):
            if required not in names:
                raise InputError(f"{path}: no `{required}` column (it has: {', '.join(names)})")
        table = pq.read_table(path, columns=[c for c in COLUMNS if c in names])
    except (OSError, pa.ArrowException) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a readable Parquet file ({reason})") from None
    for index, row in enumerate(table.to_pylist(), start=1):
        yield f"row {index}", row


def checked_rows(records: Iterable[tuple[str, Any]], label: str) -> list[SourceArticle]:
    """Articles of (where, record) pairs, each checked by :func:`checked_row`; ids must be
    unique. ``label`` (the file) starts every error message."""
    articles: list[SourceArticle] = []
    first_seen: dict[str, str] = {}
    for where, record in records:
        article = checked_row(record, f"{label} {where}")
        if article.id in first_seen:
            raise InputError(
                f"{label} {where}: duplicate id {article.id!r} (first at {first_seen[article.id]})"
            )
        first_seen[article.id] = where
        articles.append(article)
    return articles


def checked_row(record: Any, where: str) -> SourceArticle:
    """One record (``id``, ``text``, optional ``published`` and ``source``) as an article,
    or an InputError naming ``where`` and what is wrong."""
    if not isinstance(record, Mapping):
        raise InputError(f"{where}: not an object with `id` and `text`")
    identifier = record.get("id")
    if identifier is None or identifier == "":
        raise InputError(f"{where}: missing `id`")
    if isinstance(identifier, bool) or not isinstance(identifier, str | int):
        raise InputError(f"{where}: `id` must be a string or an integer, not {identifier!r}")
    text = record.get("text")
    if text is None:
        raise InputError(f"{where}: missing `text`")
    if not isinstance(text, str):
        raise InputError(f"{where}: `text` must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InputError(f"{where}: `text` is empty")
    source = record.get("source")
    if source is not None and not isinstance(source, str):
        raise InputError(f"{where}: `source` must be a string, not {source!r}")
    published = published_date(record.get("published"), where)
    return SourceArticle(str(identifier), text, published, source or None, str(identifier))


def published_date(value: Any, where: str) -> dt.date | None:
    """A ``published`` value (ISO date or date-time text, a date, or nothing) as a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(value).date()
            except ValueError:
                pass
    raise InputError(f"{where}: bad `published` date {value!r}; use YYYY-MM-DD")
