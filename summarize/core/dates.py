"""Resolve dates as written ("on Sunday", "Oct. 17") against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from summarize.core.schema import DatePrecision, EventDate

_PERIODS = {
    "day": DatePrecision.DAY,
    "part_of_day": DatePrecision.DAY,
    "time": DatePrecision.DAY,
    "week": DatePrecision.WEEK,
    "month": DatePrecision.MONTH,
    "year": DatePrecision.YEAR,
}
_NOISE = re.compile(r"^(?:on|in|this|since|from|early|late|earlier|later)\s+|\s*\(\d+\)", re.I)
_HAS_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_DATE_LINES = [
    re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.I | re.M),
    re.compile(
        r"^\s*(?:Updated|Published|Posted)(?: on)?:?\s+([A-Z][a-z]+\.? \d{1,2},? \d{4})", re.M
    ),
]


@lru_cache(maxsize=8)
def _parser(base: dt.date | None):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


def resolve_date(text: str, published: dt.date | None) -> EventDate:
    """Return the date as written with its ISO date and precision when resolvable.

    Relative expressions are resolved only when the publication date is known;
    without it, only dates that state their year are resolved.
    """
    cleaned = _NOISE.sub("", text.strip()).strip()
    if not cleaned or (published is None and not _HAS_YEAR.search(cleaned)):
        return EventDate(text=text)
    data = _parser(published).get_date_data(cleaned)
    if data.date_obj is None:
        return EventDate(text=text)
    resolved = data.date_obj.date()
    precision = _PERIODS.get(data.period or "day", DatePrecision.DAY)
    if precision is DatePrecision.MONTH:
        resolved = resolved.replace(day=1)
    elif precision is DatePrecision.YEAR:
        resolved = resolved.replace(month=1, day=1)
    if published is not None and resolved > published:
        return EventDate(text=text)
    return EventDate(text=text, iso=resolved, precision=precision)


def find_publication_date(text: str) -> dt.date | None:
    """Find a date line such as ``date 2023-12-03`` or ``Updated: December 05, 2023``."""
    for pattern in _DATE_LINES:
        match = pattern.search(text)
        if match:
            resolved = _parser(None).get_date_data(match.group(1)).date_obj
            if resolved is not None:
                return resolved.date()
    return None
