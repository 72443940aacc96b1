"""Read an event's date words, casualty figures and place from its sentence, in code.

The compact prompt shape asks the model only which sentence reports an event and who
did it to whom; the rest is in the sentence's own words, in forms news writing repeats
("on Sunday", "killed at least five", "near Kirkuk"). Each finder returns words as
written (a span of the sentence), which :mod:`summarize.core.dates` and
:mod:`summarize.core.numbers` turn into values. A finder that is unsure returns None.
"""

from __future__ import annotations

import re

from summarize.core.lexicon import (
    AREA_WORDS,
    COMPASS_WORDS,
    MONTH_NAME,
    NUMBER_WORD,
    SAYING_VERBS,
    STATEMENT_VERBS,
    THREAT_VERBS,
    WEEKDAY,
    ends_with,
    verb_pattern,
    words_pattern,
)
from summarize.core.places import is_country_level
from summarize.core.schema import Location

_MONTH = rf"{MONTH_NAME}\.?"
_DAY_NUMBER = r"\d{1,2}(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s(?:morning|afternoon|evening|night))?"
_DATE_FORMS = [
    r"[Rr]ecently",
    rf"(?:since|from) (?:mid-|early |late )?{_MONTH}(?: {_DAY_NUMBER})?",
    rf"(?:early|mid|late)[- ](?:last |this )?(?:month|{_MONTH})",
    rf"(?:[Tt]his |[Ll]ast |[Ee]arlier (?:on )?|[Ll]ate |[Ee]arly )?{WEEKDAY}{_PART_OF_DAY}"
    r"(?: \(\d{1,2}\))?",
    rf"{_MONTH} {_DAY_NUMBER}(?:,? \d{{4}})?",
    rf"{_DAY_NUMBER} {_MONTH}(?: \d{{4}})?",
    rf"(?:[Ii]n |[Ee]arly |[Ll]ate )?{_MONTH}(?: \d{{4}})?",
    r"(?:[Ee]arlier |[Ll]ater )?(?:this|last) (?:week|month|year)",
    r"(?:[Ee]arly |[Ee]arlier |[Ll]ate )?(?:[Tt]oday|[Yy]esterday|[Tt]onight)",
    r"(?:[Ii]n )?recent (?:days|weeks)",
]
_DATE = re.compile(r"\b(?:" + "|".join(f"(?:{form})" for form in _DATE_FORMS) + r")(?!\w)")
_MAY_VERB = re.compile(r"^May$")  # "May" alone is too often the verb


def _date_matches(sentence: str) -> list[re.Match[str]]:
    return [m for m in _DATE.finditer(sentence) if not _MAY_VERB.match(m.group().strip())]


def _as_written(match: re.Match[str]) -> str:
    return re.sub(r"^(?:[Ii]n|[Oo]n) ", "", match.group()).strip().rstrip(".")


def find_date_words(sentence: str) -> str | None:
    """The first time expression of the sentence, as written ("on" / "in" left out)."""
    matches = _date_matches(sentence)
    return _as_written(matches[0]) if matches else None


_SPEECH_VERB = re.compile(
    verb_pattern(STATEMENT_VERBS | THREAT_VERBS | SAYING_VERBS, "past") + r"|\b(?:says|warning)\b",
    re.I,
)


_RELATIVE = re.compile(r"\b(?:that|which|who|where|carried out)\b", re.I)


def find_statement_date_words(sentence: str) -> str | None:
    """The time expression of a statement or threat ("This Tuesday, the group claimed ...",
    "claimed attacks throughout Sunday"), not one in a clause about what it speaks of
    ("confirmed a strike that hit the site on Sunday")."""
    verb = _SPEECH_VERB.search(sentence)
    end = verb.end() if verb else 0
    matches = [
        m
        for m in _date_matches(sentence)
        if m.start() <= end or not _RELATIVE.search(sentence[end : m.start()])
    ]
    return _as_written(matches[0]) if matches else None


_TELLING = verb_pattern(SAYING_VERBS | {"announce", "claim", "confirm", "admit"}, "past s")
_REPORTED_BEFORE = re.compile(rf"\b{_TELLING}\s+(?:\w+\s+)?$", re.I)
_REPORTED_AFTER = re.compile(
    r"^,?\s+(?:(?!(?:\w+ed|\w+ing|hit|struck|shot)\b)[\w.'’-]+,?\s+){0,6}?"
    rf"{_TELLING}\b",
    re.I,
)
_VAGUE = re.compile(r"^(?:[Rr]ecent|[Ii]n recent)")


def find_occurrence_date_words(sentence: str) -> str | None:
    """The time expression of what the sentence reports happening, as written.

    Unlike :func:`find_date_words`, a date of the reporting ("officials said on Sunday
    that ...", "Late on Friday, the minister said ...") is skipped, and a vague one
    ("recently") gives way to a later precise one ("a raid that took place on 2 May").
    """
    kept = [
        m
        for m in _date_matches(sentence)
        if not _REPORTED_BEFORE.search(sentence[: m.start()])
        and not _REPORTED_AFTER.match(sentence[m.end() :])
    ]
    precise = [m for m in kept if not _VAGUE.match(m.group())]
    chosen = precise or kept
    return _as_written(chosen[0]) if chosen else None


_NUMBER_WORD = rf"(?:\d[\d,]*|{NUMBER_WORD}|hundreds|dozens|scores|a dozen)"
_QUALIFIER = (
    r"(?:(?:at least|more than|over|about|around|nearly|almost|some|up to|"
    r"no fewer than|at most|fewer than|an estimated) )?"
)
_COUNT = rf"(?P<count>{_QUALIFIER}{_NUMBER_WORD})"
# up to four words naming who ("Iraqi militants", "of U.S. service members"), not a toll
_WHO = r"(?:(?!and\b|dead\b|killed\b|injured\b|wounded\b)[\w.'’-]+ ){0,4}?"
# each pattern with the word it needs: a cheap substring test before the pattern runs
_KILLED = [
    (re.compile(p, re.I), stems)
    for p, stems in (
        (rf"\b(?:killed|killing|kills|kill) {_COUNT}\b", ("kill",)),
        (
            rf"\b{_COUNT} {_WHO}(?:were|was|have been|had been|are|being) (?:reported )?killed\b",
            ("killed",),
        ),
        (rf"\b{_COUNT} {_WHO}(?:dead|died|deaths)\b", ("dead", "died", "deaths")),
    )
]
_INJURED = [
    (re.compile(p, re.I), stems)
    for p, stems in (
        (rf"\b(?:injured|injuring|injures|wounded|wounding) {_COUNT}\b", ("injur", "wound")),
        (
            rf"\b{_COUNT} {_WHO}(?:were|was|have been|had been|are) "
            r"(?:reported |also )?(?:injured|wounded|hurt)\b",
            ("injured", "wounded", "hurt"),
        ),
        (rf"\b{_COUNT} {_WHO}(?:injured|wounded)\b", ("injured", "wounded")),
        (
            rf"\b{_COUNT} {_WHO}(?:with|suffered|have suffered|sustained) (?:\w+ )?injuries\b",
            ("injuries",),
        ),
    )
]
_NO_CASUALTIES = re.compile(r"\bno (?:casualties|injuries or deaths)\b", re.I)


def _first_count(
    patterns: list[tuple[re.Pattern[str], tuple[str, ...]]], sentence: str, lowered: str
) -> str | None:
    for pattern, stems in patterns:
        if any(stem in lowered for stem in stems) and (match := pattern.search(sentence)):
            return match.group("count")
    return None


def find_casualties(sentence: str) -> tuple[str | None, str | None]:
    """(killed, injured) figure words of the sentence ("five", "at least 10"), each or None."""
    no_casualties = _NO_CASUALTIES.search(sentence)
    if no_casualties:
        return no_casualties.group(), no_casualties.group()
    lowered = sentence.lower()
    return _first_count(_KILLED, sentence, lowered), _first_count(_INJURED, sentence, lowered)


# "in northern Iraq", not "in north": a bare point of the compass starts no place
_COMPASS = rf"(?:{words_pattern(COMPASS_WORDS - {'north', 'south', 'east', 'west'})} )"
_NAME = r"[A-Z][\w'’-]+(?: (?:al-|ez-|el-|of |de )?[A-Z][\w'’-]+){0,3}"
_PLACE = re.compile(
    r"\b(?:in|near|at|outside|around|across|(?:part|outskirts|coast|shores?|edge) of) (?:the )?"
    rf"{_COMPASS}?(?:(?:city|town|village|province|region|area|district) of )?{_COMPASS}?"
    rf"(?P<name>{_NAME}(?: (?:province|governorate|region|district|area))?)"
)
_NOT_PLACES = re.compile(
    rf"^(?:{WEEKDAY}|{_MONTH}|The|This|That|US|U\.S|American|Iranian|Iraqi|Syrian)(?!\w)"
)


def names_a_place(name: str) -> bool:
    """True when ``name`` is a place ("Deir ez-Zor province", "Syria"), not a party."""
    return ends_with(name, AREA_WORDS) or is_country_level(name)


_AND_NAME = re.compile(rf"^,? (?:and|or) (?:the )?(?P<name>{_NAME})")


def find_location(sentence: str, start: int = 0) -> Location | None:
    """The place and country the sentence names ("near Kirkuk", "in northern Iraq").

    The first named town, site or province after "in", "near", "at" ... is the place (a
    trailing "area" dropped); the first country so introduced is the country. Compass
    regions ("northern Iraq") give only the country; two countries ("in Iraq and Syria")
    give none. Nationality words ("US forces") and dates are not places. With ``start``,
    places from that offset on come first (the place of the second event of a sentence).
    """
    matches = list(_PLACE.finditer(sentence))
    matches = [m for m in matches if m.start() >= start] or matches
    place = country = None
    for match in matches:
        name = match.group("name").strip()
        if _NOT_PLACES.match(name):
            continue
        if is_country_level(name):
            following = _AND_NAME.match(sentence[match.end() :])
            if following and is_country_level(following.group("name")):
                continue
            country = country or name
        elif place is None:
            place = re.sub(r" area$", "", name)
    if place is None and country is None:
        return None
    return Location(place=place, country=country)
