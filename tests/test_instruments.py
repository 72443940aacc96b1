"""Weapons and means read from an attack's sentence by the parse (core/instruments.py)."""

import pytest

from summarize.core.instruments import find_instruments, is_instrument


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Guerrillas set off a powerful car bomb outside the embassy.", ["powerful car bomb"]),
        ("Two men armed with AK-47 rifles shot the mayor.", ["AK-47 rifles"]),
        ("An explosive device went off near the bridge.", ["explosive device"]),
        ("The rebels fired mortar rounds at the garrison.", ["mortar rounds"]),
        ("A drone strike killed three fighters.", ["drone"]),
        ("The attackers used grenades and machetes.", ["grenades", "machetes"]),
        ("Two bombs exploded at the station.", ["bombs"]),
        ("He was shot dead by gunmen near the market.", []),
        ("The police chief visited the scene on Monday.", []),
    ],
)
def test_instruments_as_written(sentence: str, expected: list[str]) -> None:
    assert find_instruments(sentence) == expected


def test_a_weapon_is_an_instrument_and_a_building_is_not() -> None:
    assert is_instrument("a car bomb") and is_instrument("the drone strike")
    assert not is_instrument("the bus station") and not is_instrument("the embassy")
