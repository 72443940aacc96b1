"""The results file of ``summarize run --engine ray``: one row per article, Parquet or JSON
Lines by its suffix, written whole or not at all.

A row is ``id``, ``summary`` and ``error`` (one of the two is null). In Parquet the
summary is a string column of JSON text; in JSON Lines it is the summary object itself.
A re-run keeps every summarized row as it was (a JSON Lines line byte for byte), drops
the rows of the articles it summarizes again (those that failed before) and appends the
new rows; the file is replaced only when the new one is complete.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from summarize.errors import InputError

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = {".parquet": "parquet", ".jsonl": "jsonl"}


def output_format(path: Path) -> str:
    """``parquet`` or ``jsonl``, from the output file's suffix."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: name a .parquet or .jsonl file for the results")
    return fmt


@dataclass
class Previous:
    """What an earlier run left in the output file."""

    summarized: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    jsonl_lines: list[tuple[str, str]] = field(default_factory=list)  # (id, line) in order
    table: pa.Table | None = None  # the Parquet rows

    @property
    def rows(self) -> int:
        """How many rows the file holds."""
        return len(self.summarized) + len(self.failed)


def read_previous(path: Path) -> Previous:
    """The rows an earlier run wrote to ``path`` (none when it does not exist)."""
    if not path.exists():
        return Previous()
    if output_format(path) == "parquet":
        return _previous_parquet(path)
    return _previous_jsonl(path)


def _not_ours(path: Path, where: str, why: str) -> InputError:
    return InputError(
        f"{path}{where}: not a results file of `summarize run --engine ray` ({why}); "
        "choose another output file"
    )


def _previous_jsonl(path: Path) -> Previous:
    previous = Previous()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _not_ours(path, "", str(exc)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise _not_ours(path, f" line {number}", "not JSON") from None
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise _not_ours(path, f" line {number}", "no `id`")
        _count(previous, row["id"], row.get("summary") is not None)
        previous.jsonl_lines.append((row["id"], line))
    return previous


def _previous_parquet(path: Path) -> Previous:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise _not_ours(path, "", str(exc).splitlines()[0] if str(exc) else "unreadable") from None
    if not {"id", "summary", "error"} <= set(table.column_names):
        raise _not_ours(path, "", "it lacks the id, summary and error columns")
    previous = Previous(table=table.select(["id", "summary", "error"]).cast(schema()))
    for row in previous.table.select(["id", "summary"]).to_pylist():
        _count(previous, row["id"], row["summary"] is not None)
    return previous


def _count(previous: Previous, identifier: str, summarized: bool) -> None:
    (previous.summarized if summarized else previous.failed).add(identifier)


def schema() -> pa.Schema:
    """The columns of a results file."""
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("summary", pa.string()), ("error", pa.string())])


@dataclass
class Written:
    """What a run added to the results file."""

    summarized: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class AllFailed(Exception):
    """Every new row was an error: the old file is left as it was."""


def write_results(
    path: Path, previous: Previous, redone: set[str], batches: Iterable[pa.Table]
) -> Written:
    """Write the previous rows (less those of ``redone`` articles), then ``batches``,
    to ``path`` whole or not at all. Raises :class:`AllFailed`, writing nothing, when
    every new row is an error."""
    from summarize.atomic import atomic_open

    written = Written()
    try:
        with atomic_open(path) as handle:
            if output_format(path) == "parquet":
                _write_parquet(handle, previous, redone, batches, written)
            else:
                _write_jsonl(handle, previous, redone, batches, written)
            if written.summarized == 0:
                raise AllFailed
    except OSError as exc:  # e.g. the disk filled up while writing
        raise InputError(f"{path}: cannot write the results ({exc.strerror or exc})") from None
    return written


def _tally(written: Written, summaries: list[Any], errors: list[Any]) -> None:
    for summary, error in zip(summaries, errors, strict=True):
        if summary is not None:
            written.summarized += 1
        else:
            written.failed += 1
            written.errors.append(str(error))


def _write_parquet(
    handle: TextIO,
    previous: Previous,
    redone: set[str],
    batches: Iterable[pa.Table],
    written: Written,
) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    # Parquet is binary: write to the text handle's byte buffer (atomic_open's temp file)
    writer = pq.ParquetWriter(handle.buffer, schema())
    try:
        if previous.table is not None:
            kept = pc.invert(pc.is_in(previous.table["id"], value_set=pa.array(sorted(redone))))
            writer.write_table(previous.table.filter(kept))
        for batch in batches:
            batch = batch.select(["id", "summary", "error"]).cast(schema())
            _tally(written, batch["summary"].to_pylist(), batch["error"].to_pylist())
            writer.write_table(batch)
    finally:
        writer.close()


def _write_jsonl(
    handle: TextIO,
    previous: Previous,
    redone: set[str],
    batches: Iterable[pa.Table],
    written: Written,
) -> None:
    for identifier, line in previous.jsonl_lines:
        if identifier not in redone:
            handle.write(line + "\n")
    for batch in batches:
        ids, summaries, errors = (batch[name].to_pylist() for name in ("id", "summary", "error"))
        _tally(written, summaries, errors)
        for identifier, summary, error in zip(ids, summaries, errors, strict=True):
            # the summary is JSON text already: it goes in as an object, not parsed again
            handle.write(
                f'{{"id": {json.dumps(identifier, ensure_ascii=False)}, '
                f'"summary": {summary if summary is not None else "null"}, '
                f'"error": {json.dumps(error, ensure_ascii=False)}}}\n'
            )
