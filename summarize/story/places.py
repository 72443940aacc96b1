"""Compare where two events happened without a gazetteer (pure, no model).

A location name is *country-level* when, after dropping compass words ("northern",
"northeastern", "the western part of"), it names only countries ("Iraq", "northern Iraq",
"Iraq and Syria"). Country names come from ``pytz.country_names`` (installed with
dateparser) plus "US". Anything else ("Kirkuk", "Kirkuk province", "Erbil, Iraq") is a
*specific* name; countries written inside it ("Erbil, Iraq") are still read.

:func:`location_score` compares two locations at the most specific level both give:
1.0 when a specific name of one equals one of the other (``names_equal``); otherwise,
when one side gives only countries, 0.5 if they share a country and 0.0 if not; 0.0 when
both give specific names and none is equal; None (unknown) when a side gives nothing, or
one side gives only a country and the other only a place without a country, since
without a gazetteer "Kirkuk" may or may not be in "Iraq".
"""

from __future__ import annotations

from summarize.core.places import countries_in, is_country_level
from summarize.core.schema import Location
from summarize.core.text import normalize_text
from summarize.evaluation.matching import names_equal

COUNTRY_AGREEMENT = 0.5
"""Score of two locations that share a country but no more specific name."""


def _levels(location: Location | None) -> tuple[list[str], set[str]]:
    """(specific names, countries) of a location."""
    if location is None:
        return [], set()
    specific: list[str] = []
    countries: set[str] = set()
    for name in (location.place, location.admin_area, location.country):
        if not name:
            continue
        countries |= countries_in(name)
        if name is not location.country and not is_country_level(name):
            specific.append(name)
    if location.country and not countries:
        countries.add(normalize_text(location.country))
    return specific, countries


def location_score(a: Location | None, b: Location | None) -> float | None:
    """Agreement of two locations at the most specific level both give (see the module doc)."""
    left, left_countries = _levels(a)
    right, right_countries = _levels(b)
    if not (left or left_countries) or not (right or right_countries):
        return None
    if left and right:
        return 1.0 if any(names_equal(x, y) for x in left for y in right) else 0.0
    if left_countries and right_countries:
        return COUNTRY_AGREEMENT if left_countries & right_countries else 0.0
    return None
