from __future__ import annotations

import pytest

from summarize.core.numbers import parse_figure
from summarize.core.schema import Qualifier


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "low", "high"),
    [
        ("five", 5, Qualifier.EXACT, 5, 5),
        ("5 militants", 5, Qualifier.EXACT, 5, 5),
        ("at least 10", 10, Qualifier.AT_LEAST, 10, None),
        ("at least nine militiamen", 9, Qualifier.AT_LEAST, 9, None),
        ("more than 70", 70, Qualifier.MORE_THAN, 71, None),
        ("about 900", 900, Qualifier.ABOUT, 810, 990),
        ("dozens", 12, Qualifier.AT_LEAST, 12, None),
        ("2,500", 2500, Qualifier.EXACT, 2500, 2500),
        ("twenty-one", 21, Qualifier.EXACT, 21, 21),
        ("one dead", 1, Qualifier.EXACT, 1, 1),
        ("several hundred", 300, Qualifier.AT_LEAST, 300, None),
    ],
)
def test_parse_figure(
    text: str, value: int, qualifier: Qualifier, low: int, high: int | None
) -> None:
    figure = parse_figure(text)
    assert (figure.value, figure.qualifier, figure.low, figure.high) == (
        value,
        qualifier,
        low,
        high,
    )
    assert figure.text == text


def test_unparseable_figure_keeps_words() -> None:
    figure = parse_figure("no casualties reported")
    assert figure.text == "no casualties reported"
