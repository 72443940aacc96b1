"""Field comparisons: names, places, dates and figures (no model)."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.core.compare import (
    date_exact,
    date_within_precision,
    figures_compatible,
    figures_exact,
    location_equal,
    location_score,
    names_equal,
    party_similarity,
)
from summarize.core.numbers import parse_figure
from summarize.core.places import is_country_level
from summarize.core.schema import DatePrecision, EventDate, Figure, Location, Party, Qualifier


def test_hand_written_figure_without_bounds_is_completed_from_text() -> None:
    # Gold files may give only text and value: the qualifier comes from the text.
    assert figures_exact(Figure(text="at least 10", value=10), parse_figure("at least 10"))
    assert not figures_exact(Figure(text="at least 10", value=10), parse_figure("10"))
    assert figures_compatible(Figure(text="at least 10", value=10), parse_figure("12"))
    unbounded = Figure(text="10 or more", value=10, qualifier=Qualifier.AT_LEAST, low=10)
    assert figures_compatible(unbounded, parse_figure("250"))  # high None = +inf
    assert not figures_compatible(
        Figure(text="dead", qualifier=Qualifier.UNKNOWN), parse_figure("5")
    )


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("U.S.", "US", True),
        ("the U.S. military", "U.S. military", True),
        ("United States", "U.S.", True),
        ("Kirkuk", "near Kirkuk", True),
        ("Kataib Hezbollah", "Kata'ib Hezbollah", True),
        ("Iran", "Iraq", False),
        ("Iran", "Iran-backed militias", False),
        (None, None, True),
        ("Reuters", None, False),
    ],
)
def test_names_case_and_punctuation_insensitive(a: str | None, b: str | None, equal: bool) -> None:
    assert names_equal(a, b) is equal


def test_dates_exact_and_within_precision() -> None:
    day = EventDate(text="Dec. 3", iso=dt.date(2023, 12, 3), precision=DatePrecision.DAY)
    other_day = EventDate(text="Dec. 4", iso=dt.date(2023, 12, 4), precision=DatePrecision.DAY)
    month = EventDate(text="December", iso=dt.date(2023, 12, 1), precision=DatePrecision.MONTH)
    november = EventDate(text="November", iso=dt.date(2023, 11, 1), precision=DatePrecision.MONTH)
    assert date_exact(day, day) and not date_exact(day, other_day)
    assert not date_within_precision(day, other_day)
    assert not date_exact(day, month) and date_within_precision(day, month)
    assert not date_within_precision(day, november)
    assert date_exact(EventDate(text="on Sunday"), EventDate(text="Sunday"))
    two_days = EventDate(text="Dec. 5", iso=dt.date(2023, 12, 5), precision=DatePrecision.DAY)
    assert date_within_precision(day, other_day, tolerance_days=1)
    assert not date_within_precision(day, two_days, tolerance_days=1)
    assert not date_within_precision(month, november, tolerance_days=1)  # days only


def test_places_without_a_gazetteer() -> None:
    assert is_country_level("northern Iraq") and is_country_level("Iraq and Syria")
    assert not is_country_level("Kirkuk") and not is_country_level("Erbil, Iraq")
    assert location_score(Location(place="Kirkuk"), Location(place="Kirkuk province")) == 1.0
    assert location_score(Location(place="Kirkuk"), Location(place="Erbil")) == 0.0
    assert location_score(Location(place="Iraq"), Location(place="Kirkuk")) is None
    assert location_score(Location(place="Erbil, Iraq"), Location(country="Iraq")) == 0.5
    assert location_score(Location(country="Iraq"), Location(place="northeastern Syria")) == 0.0


def test_parties_compare_by_dice_of_equal_names() -> None:
    ours = [Party(name="the Shining Path"), Party(name="police")]
    theirs = [Party(name="Shining Path")]
    assert party_similarity(ours, theirs) == pytest.approx(2 / 3)
    assert party_similarity([], []) == 1.0
    assert location_equal(Location(place="Lima", country="Peru"), Location(place="Lima"))
    assert not location_equal(Location(place="Lima"), Location(place="Cuzco"))
