"""Country names without a gazetteer (core/places.py): which countries a name mentions and
whether it names only countries. Examples are written for these tests."""

from __future__ import annotations

import pytest

from summarize.core.places import countries_in, is_country_level


@pytest.mark.parametrize(
    ("name", "countries"),
    [
        ("Chad", {"chad"}),
        ("the border of Chad and Niger", {"chad", "niger"}),
        ("Sidon, Lebanon", {"lebanon"}),
        ("the U.S.", {"us"}),
        ("the United States", {"us"}),
        ("Sidon", set()),
        ("Nigerian troops", set()),  # an adjective is not the country's name
        ("", set()),
    ],
)
def test_countries_written_in_a_name(name: str, countries: set[str]) -> None:
    assert countries_in(name) == countries


@pytest.mark.parametrize(
    "name",
    [
        "Lebanon",
        "southern Lebanon",
        "Lebanon and Jordan",
        "eastern parts of Chad",
        "the central region of Chad",
        "the United States",
    ],
)
def test_names_of_countries_only_are_country_level(name: str) -> None:
    assert is_country_level(name)


@pytest.mark.parametrize(
    "name", ["Sidon, Lebanon", "Sidon", "southern Sidon", "Bekaa valley of Lebanon", ""]
)
def test_a_name_with_anything_more_precise_is_not_country_level(name: str) -> None:
    assert not is_country_level(name)
