"""Merge mentions of the same occurrence within one article into one event.

An article tells its main event several times (lead, confirmation, toll). Paragraphs
are extracted separately, so each mention arrives as its own event; a reader (and the
labelling guide) counts one event with several evidence quotes. Two events merge when
they have the same type, share an actor or a target, positively agree on at least one
of place, resolved date or death toll (sharing "the U.S." as actor is not enough), and
nothing they both state contradicts: place, date range and casualty intervals.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarize.core.schema import Event, Figure, Party

_NOT_WORD = re.compile(r"[^\w\s]+")
_STOP = {"the", "a", "an", "of", "in", "its", "their", "near", "and", "forces", "force"}
_ALIASES = {"united states": "us", "u s": "us", "american": "us", "washington": "us"}


@lru_cache(maxsize=4096)
def _tokens(name: str) -> frozenset[str]:
    text = _NOT_WORD.sub(" ", name.lower().replace(".", ""))
    text = " ".join(text.split())
    for alias, canonical in _ALIASES.items():
        text = re.sub(rf"\b{alias}\b", canonical, text)
    return frozenset(word for word in text.split() if word not in _STOP)


def _names_overlap(first: list[Party], second: list[Party]) -> bool:
    for a in first:
        for b in second:
            left, right = _tokens(a.name), _tokens(b.name)
            if left and right and (left <= right or right <= left):
                return True
    return False


def _places_agree(first: Event, second: Event) -> bool:
    a = first.location.place if first.location else None
    b = second.location.place if second.location else None
    if not a or not b:
        return True
    left, right = _tokens(a), _tokens(b)
    return bool(left & right) or not left or not right


def _dates_agree(first: Event, second: Event) -> bool:
    a, b = first.date, second.date
    if a is None or b is None or a.iso is None or b.iso is None:
        return True
    a_end, b_end = a.end or a.iso, b.end or b.iso
    return a.iso <= b_end and b.iso <= a_end


def _interval(figure: Figure) -> tuple[float, float] | None:
    if figure.low is None and figure.value is None:
        return None
    low = figure.low if figure.low is not None else figure.value
    high = figure.high if figure.high is not None else float("inf")
    return float(low or 0), high


def _figures_agree(a: Figure | None, b: Figure | None) -> bool:
    if a is None or b is None:
        return True
    left, right = _interval(a), _interval(b)
    if left is None or right is None:
        return True
    return left[0] <= right[1] and right[0] <= left[1]


def _specific_place(event: Event) -> str | None:
    """The event's place when it names somewhere more precise than a country."""
    from summarize.core.places import is_country_level

    place = event.location.place if event.location else None
    return place if place and not is_country_level(place) else None


def _stated_agreement(first: Event, second: Event) -> bool:
    """Both state a specific place, a resolved date or a death toll, and it agrees.

    A shared country ("Iraq") is no evidence: most events of an article happen there.
    """
    places = _specific_place(first) is not None and _specific_place(second) is not None
    dates = bool(first.date and first.date.iso and second.date and second.date.iso)
    tolls = first.killed is not None and second.killed is not None
    return (
        (places and _places_agree(first, second))
        or (dates and _dates_agree(first, second))
        or (tolls and _figures_agree(first.killed, second.killed))
    )


def same_occurrence(first: Event, second: Event) -> bool:
    """True when two events of one article describe the same occurrence."""
    if first.type != second.type:
        return False
    shares_party = _names_overlap(first.actors, second.actors) or _names_overlap(
        first.targets, second.targets
    )
    return (
        shares_party
        and _stated_agreement(first, second)
        and _places_agree(first, second)
        and _dates_agree(first, second)
        and _figures_agree(first.killed, second.killed)
        and _figures_agree(first.injured, second.injured)
    )


def _merge(kept: Event, other: Event) -> Event:
    """``kept`` with the fields it lacks taken from ``other`` and both evidence lists."""
    update: dict[str, object] = {"evidence": [*kept.evidence, *other.evidence]}
    for field in ("location", "date", "killed", "injured"):
        if getattr(kept, field) is None and getattr(other, field) is not None:
            update[field] = getattr(other, field)
    for field in ("actors", "targets", "reported_by"):
        if not getattr(kept, field):
            update[field] = getattr(other, field)
    update["grounded"] = kept.grounded or other.grounded
    return kept.model_copy(update=update)


def merge_mentions(events: list[Event]) -> list[Event]:
    """Merge each event into the first earlier event that describes the same occurrence."""
    merged: list[Event] = []
    for event in events:
        for index, kept in enumerate(merged):
            if same_occurrence(kept, event):
                merged[index] = _merge(kept, event)
                break
        else:
            merged.append(event)
    return merged
