from __future__ import annotations

import datetime as dt

import pytest

from summarize.core.dates import find_publication_date, resolve_date
from summarize.core.schema import DatePrecision

PUBLISHED = dt.date(2023, 12, 4)  # a Monday


D = dt.date


@pytest.mark.parametrize(
    ("published", "text", "iso", "end", "precision"),
    [
        (PUBLISHED, "on Sunday", D(2023, 12, 3), None, DatePrecision.DAY),
        (PUBLISHED, "Sunday afternoon", D(2023, 12, 3), None, DatePrecision.DAY),
        (PUBLISHED, "throughout Sunday", D(2023, 12, 3), None, DatePrecision.DAY),
        (D(2023, 12, 3), "on Sunday", D(2023, 12, 3), None, DatePrecision.DAY),
        (D(2023, 11, 7), "This Tuesday (7)", D(2023, 11, 7), None, DatePrecision.DAY),
        (D(2023, 11, 7), "last Tuesday", D(2023, 10, 31), None, DatePrecision.DAY),
        (D(2023, 12, 5), "late last month", D(2023, 11, 21), D(2023, 11, 30), DatePrecision.MONTH),
        (D(2023, 12, 5), "mid-October", D(2023, 10, 11), D(2023, 10, 20), DatePrecision.MONTH),
        (D(2023, 12, 3), "since Oct. 17", D(2023, 10, 17), D(2023, 12, 3), DatePrecision.DAY),
        (D(2023, 11, 9), "earlier this week", D(2023, 11, 6), D(2023, 11, 8), DatePrecision.WEEK),
        (PUBLISHED, "October 19", D(2023, 10, 19), None, DatePrecision.DAY),
        (PUBLISHED, "in November", D(2023, 11, 1), D(2023, 11, 30), DatePrecision.MONTH),
        (D(2023, 12, 5), "early today", D(2023, 12, 5), None, DatePrecision.DAY),
        (D(2023, 3, 1), "in November", D(2022, 11, 1), D(2022, 11, 30), DatePrecision.MONTH),
    ],
)
def test_resolve_date(
    published: dt.date, text: str, iso: dt.date, end: dt.date | None, precision: DatePrecision
) -> None:
    resolved = resolve_date(text, published)
    assert (resolved.text, resolved.iso, resolved.end, resolved.precision) == (
        text,
        iso,
        end,
        precision,
    )


def test_dates_after_publication_are_not_trusted() -> None:
    assert resolve_date("tomorrow", dt.date(2023, 12, 4)).iso is None


def test_absolute_date_resolves_without_publication_date() -> None:
    resolved = resolve_date("October 19, 2023", None)
    assert resolved.iso == dt.date(2023, 10, 19)


def test_relative_date_without_publication_date_stays_unresolved() -> None:
    assert resolve_date("on Sunday", None).iso is None


def test_publication_date_lines() -> None:
    assert find_publication_date(" date 2023-12-03 The United States") == dt.date(2023, 12, 3)
    assert find_publication_date("text\nUpdated: December 05, 2023, 2:15 PM") == dt.date(
        2023, 12, 5
    )
    assert find_publication_date("no date here") is None
