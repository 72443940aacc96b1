"""Resolve dates as written ("on Sunday", "late last month", "since Oct. 17") against the
publication date, in code: the model only copies the words.

News-relative forms (weekdays, parts of months, "earlier this week", "since ...") are
handled here; everything else goes to ``dateparser``. A resolved date keeps the words
as written, an ISO start date, an ISO end date for ranges, and a precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

from summarize.core.schema import DatePrecision, EventDate

_WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): index for index, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9

_PERIODS = {
    "day": DatePrecision.DAY,
    "part_of_day": DatePrecision.DAY,
    "time": DatePrecision.DAY,
    "week": DatePrecision.WEEK,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}
_FILLER = re.compile(
    r"\b(?:on|in|at|during|throughout|the|of|early|earlier|late|later|morning|afternoon|evening|night)\b"
    r"|\(\d+\)|[.,]",
    re.I,
)
_PART = re.compile(r"^(early|mid|late)[\s-]+(.+)$", re.I)
_SINCE = re.compile(r"^(?:since|from)\s+(.+)$", re.I)
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_DATE_LINES = [
    re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.I | re.M),
    re.compile(
        r"^\s*(?:Updated|Published|Posted)(?: on)?:?\s+([A-Z][a-z]+\.? \d{1,2},? \d{4})", re.M
    ),
]


def _words(text: str) -> str:
    return " ".join(_FILLER.sub(" ", text.lower()).split())


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _previous_month(day: dt.date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def _month_of(words: str, published: dt.date) -> tuple[int, int] | None:
    """(year, month) named by words like "last month", "this month", "october", "oct 2023"."""
    if words in {"last month", "previous month"}:
        return _previous_month(published)
    if words in {"this month", "month"}:
        return published.year, published.month
    parts = words.split()
    if not parts or parts[0] not in _MONTHS or len(parts) > 2:
        return None
    month = _MONTHS[parts[0]]
    if len(parts) == 2:
        return (int(parts[1]), month) if _HAS_YEAR.fullmatch(parts[1]) else None
    year = published.year if month <= published.month else published.year - 1
    return year, month


def _part_of_month(part: str, year: int, month: int) -> tuple[dt.date, dt.date]:
    first, last = _month_bounds(year, month)
    if part == "early":
        return first, first.replace(day=10)
    if part == "mid":
        return first.replace(day=11), first.replace(day=20)
    return first.replace(day=21), last


def _weekday(words: str, published: dt.date) -> dt.date | None:
    """The weekday named, on or before publication ("last Sunday": strictly before)."""
    parts = words.split()
    strict = parts[:1] == ["last"]
    parts = [p for p in parts if p not in {"this", "last", "past"}]
    if len(parts) != 1 or parts[0] not in _WEEKDAYS:
        return None
    back = (published.weekday() - _WEEKDAYS[parts[0]]) % 7
    if strict and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


@lru_cache(maxsize=8)
def _parser(base: dt.date | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(text: str, published: dt.date | None) -> EventDate | None:
    data = _parser(published).get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    precision = _PERIODS.get(data.period or "day", DatePrecision.DAY)
    if precision is DatePrecision.MONTH:
        start, end = _month_bounds(day.year, day.month)
        return EventDate(text=text, iso=start, end=end, precision=precision)
    if precision is DatePrecision.YEAR:
        year = day.year
        return EventDate(
            text=text, iso=dt.date(year, 1, 1), end=dt.date(year, 12, 31), precision=precision
        )
    return EventDate(text=text, iso=day, precision=precision)


def _relative(text: str, published: dt.date) -> EventDate | None:
    """The news-relative forms dateparser does not handle the way a reader means them."""
    raw = text.strip()
    since = _SINCE.match(raw)
    if since:
        start = _resolve_cached(since.group(1), published)
        if start.iso is None:
            return None
        return EventDate(text=text, iso=start.iso, end=published, precision=start.precision)
    part = _PART.match(raw)
    if part:
        month = _month_of(_words(part.group(2)), published)
        if month:
            start, end = _part_of_month(part.group(1).lower(), *month)
            return EventDate(text=text, iso=start, end=end, precision=DatePrecision.MONTH)
    words = _words(raw)
    if words in {"this week", "week"}:
        monday = published - dt.timedelta(days=published.weekday())
        end = published - dt.timedelta(days=1) if "earlier" in raw.lower() else published
        return EventDate(text=text, iso=monday, end=max(end, monday), precision=DatePrecision.WEEK)
    if words in {"last week", "past week"}:
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return EventDate(
            text=text, iso=monday, end=monday + dt.timedelta(days=6), precision=DatePrecision.WEEK
        )
    if words in {"today", "this"}:
        return EventDate(text=text, iso=published, precision=DatePrecision.DAY)
    day = _weekday(words, published)
    if day is not None:
        return EventDate(text=text, iso=day, precision=DatePrecision.DAY)
    month = _month_of(words, published)
    if month:
        start, end = _month_bounds(*month)
        return EventDate(text=text, iso=start, end=end, precision=DatePrecision.MONTH)
    return None


def resolve_date(text: str, published: dt.date | None) -> EventDate:
    """Return the date as written with its ISO date (or range) and precision when resolvable.

    Relative expressions are resolved only when the publication date is known; without
    it, only dates that state their year are. Dates after publication are not trusted.
    """
    return _resolve_cached(text, published).model_copy()


@lru_cache(maxsize=4096)
def _resolve_cached(text: str, published: dt.date | None) -> EventDate:
    # dateparser costs about a millisecond a call; the same words recur across articles.
    if not text.strip():
        return EventDate(text=text)
    if published is None:
        if not _HAS_YEAR.search(text):
            return EventDate(text=text)
        return _with_dateparser(_words(text), None) or EventDate(text=text)
    resolved = _relative(text, published) or _with_dateparser(_words(text), published)
    if resolved is None or resolved.iso is None or resolved.iso > published:
        return EventDate(text=text)
    return resolved.model_copy(update={"text": text})


def find_publication_date(text: str) -> dt.date | None:
    """Find a date line such as ``date 2023-12-03`` or ``Updated: December 05, 2023``."""
    for pattern in _DATE_LINES:
        match = pattern.search(text)
        if match:
            resolved = _absolute_date(match.group(1))
            if resolved is not None:
                return resolved
    return None


@lru_cache(maxsize=1024)
def _absolute_date(words: str) -> dt.date | None:
    resolved = _parser(None).get_date_data(words).date_obj
    return resolved.date() if resolved is not None else None
