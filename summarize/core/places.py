"""Country names without a gazetteer: which countries a name mentions, and whether it names
only countries ("Iraq", "northern Iraq", "Iraq and Syria"). Country names come from
``pytz.country_names`` (installed with dateparser) plus "US".
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarize.core.lexicon import COMPASS_WORDS, words_pattern
from summarize.core.text import normalize_text

_COMPASS = re.compile(words_pattern(COMPASS_WORDS | {"part", "parts", "of", "region", "and"}))


@lru_cache(maxsize=1)
def _countries() -> tuple[str, ...]:
    import pytz

    names = {normalize_text(name) for name in pytz.country_names.values()}
    names.update({"us", "usa"})
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=4096)
def countries_in(name: str) -> frozenset[str]:
    """The (normalized) country names written in ``name``."""
    text = f" {normalize_text(name)} "
    return frozenset(country for country in _countries() if f" {country} " in text)


@lru_cache(maxsize=4096)
def is_country_level(name: str) -> bool:
    """True when ``name`` names only countries, possibly with compass words."""
    text = normalize_text(name)
    for country in _countries():
        text = re.sub(rf"\b{re.escape(country)}\b", " ", text)
    return bool(countries_in(name)) and not _COMPASS.sub(" ", text).split()
