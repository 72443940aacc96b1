"""How alike two events from different articles are, field by field (pure, no model).

The score of a pair is the weighted mean (``STORY_WEIGHTS``) of the components that both
events give; a component one side leaves out (no resolved date, no toll, no actors)
neither confirms nor rules out the pair and is left out of the mean:

- ``type``: 1 when equal, 0.5 when both are in the same family (``TYPE_FAMILIES``);
- ``date``: both resolved: 1 same day, 0.5 same period at the coarser precision;
- ``location``: :func:`summarize.story.places.location_score`: 1 same place
  ("Kirkuk province" == "Kirkuk"), 0.5 same country only, 0 different; left out when
  one side gives only a country and the other only a place ("Iraq" vs "Kirkuk");
- ``actors`` / ``targets``: Dice coefficient of equal names (``party_similarity``);
- ``casualties``: mean over killed/injured given by both with a number: 1 same number,
  0.5 intervals overlap ("at least 10" vs "at least nine"), 0 otherwise;
- ``text``: Dice coefficient of the content words of the two events' evidence quotes
  (case-folded, stop words dropped, number words as digits, plural "s" stripped).

A pair is *vetoed* (can never be in one story event) when the events come from the same
article, their types are in different families, both dates are resolved and not in the
same period, or one event's resolved date is after the other article's publication date.
A pair is *supported* when at least ``MIN_SUPPORT`` components other than type agree
(score >= 0.5): type plus one coincidence is not enough to call two events one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from summarize.core.lexicon import NUMBER_WORDS
from summarize.core.schema import Event, EventType, Figure
from summarize.evaluation.matching import (
    complete_figure,
    date_exact,
    date_within_precision,
    figures_compatible,
    normalize_text,
    party_similarity,
)
from summarize.story.places import location_score

STORY_WEIGHTS: dict[str, float] = {
    "type": 0.15,
    "date": 0.15,
    "location": 0.15,
    "actors": 0.10,
    "targets": 0.10,
    "casualties": 0.20,
    "text": 0.15,
}
"""Weights of the cross-article similarity components (renormalized over those present)."""

MIN_SUPPORT = 2
"""Components other than type that must agree (score >= 0.5) for a pair to be merged."""

AGREE = 0.5
"""A component scoring at least this agrees; below it, it differs."""

TYPE_FAMILIES: dict[str, frozenset[EventType]] = {
    "use_of_force": frozenset(
        {
            EventType.AIR_OR_DRONE_STRIKE,
            EventType.DRONE_ATTACK,
            EventType.ROCKET_OR_MISSILE_ATTACK,
            EventType.BOMBING,
            EventType.ARMED_CLASH,
            EventType.OTHER,
        }
    ),
    "speech": frozenset({EventType.STATEMENT, EventType.THREAT}),
    "measure": frozenset({EventType.SANCTIONS, EventType.ARREST, EventType.TROOP_DEPLOYMENT}),
}
"""Types that may describe one real event when sources (or the model) type it differently.

A ``statement`` about a strike (an acknowledgement, a claim of responsibility) is a speech
act, a real event of its own, so it is never merged with the strike it is about; ``other``
sits with the uses of force because in this vocabulary it holds attack series and attacks
whose means are not stated.
"""

_STOP_WORDS = (
    "a an and are as at be been by for from had has have he her his in into is it its of on "
    "or that the their them they this to was were which who will with said says also after "
    "before than more least about over"
)
_STOP = frozenset(_STOP_WORDS.split())
_UNIT_WORDS = {word: str(number) for number, word in enumerate(NUMBER_WORDS[:13])}


@dataclass(frozen=True)
class EventRef:
    """An event with what the story needs to know about its article."""

    article: str
    index: int
    event: Event
    published: dt.date | None = None
    outlet: str | None = None

    @property
    def key(self) -> str:
        """``article#index``: the mention's id in a story."""
        return f"{self.article}#{self.index}"


@dataclass(frozen=True)
class PairScore:
    """The similarity of two events, its components, and a veto reason when they cannot merge."""

    score: float
    components: dict[str, float]
    veto: str | None = None

    @property
    def agreed(self) -> list[str]:
        """Components that agree (score >= ``AGREE``)."""
        return [name for name, value in self.components.items() if value >= AGREE]

    @property
    def differed(self) -> list[str]:
        """Components given by both sides that disagree."""
        return [name for name, value in self.components.items() if value < AGREE]

    @property
    def support(self) -> int:
        """How many components other than type agree."""
        return sum(1 for name in self.agreed if name != "type")

    @property
    def mergeable(self) -> bool:
        """Not vetoed and supported by at least ``MIN_SUPPORT`` agreeing components."""
        return self.veto is None and self.support >= MIN_SUPPORT


def family(event_type: EventType) -> str:
    """The name of the family ``event_type`` belongs to (its own value if none)."""
    for name, members in TYPE_FAMILIES.items():
        if event_type in members:
            return name
    return event_type.value


def content_words(text: str) -> set[str]:
    """Content words of a text: folded, stop words dropped, "five" -> "5", plural s stripped."""
    words = set()
    for token in normalize_text(text).split():
        token = _UNIT_WORDS.get(token, token)
        if token in _STOP or (len(token) < 3 and not token.isdigit()):
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        words.add(token)
    return words


def _dice(left: set[str], right: set[str]) -> float:
    return 2 * len(left & right) / (len(left) + len(right)) if left or right else 0.0


def _figure_score(a: Figure | None, b: Figure | None) -> float | None:
    if a is None or b is None:
        return None
    left, right = complete_figure(a), complete_figure(b)
    if left.value is None or right.value is None:
        return None
    if left.value == right.value:
        return 1.0
    return AGREE if figures_compatible(left, right) else 0.0


def _date_veto(a: EventRef, b: EventRef) -> str | None:
    left, right = a.event.date, b.event.date
    if left and left.iso and right and right.iso and not date_within_precision(left, right):
        return f"dates differ ({a.event.date.iso} vs {b.event.date.iso})"
    for first, second in ((a, b), (b, a)):
        date = first.event.date
        if date and date.iso and second.published and date.iso > second.published:
            return f"{first.key} is dated after {second.article} was published"
    return None


def _veto(a: EventRef, b: EventRef) -> str | None:
    if a.article == b.article:
        return "same article"
    if family(a.event.type) != family(b.event.type):
        return f"types {a.event.type.value} and {b.event.type.value} are in different families"
    return _date_veto(a, b)


def components(a: Event, b: Event) -> dict[str, float]:
    """The similarity components both events give (see the module doc)."""
    parts: dict[str, float] = {
        "type": 1.0 if a.type == b.type else (AGREE if family(a.type) == family(b.type) else 0.0)
    }
    if a.date and a.date.iso and b.date and b.date.iso:
        parts["date"] = (
            1.0
            if date_exact(a.date, b.date)
            else (AGREE if date_within_precision(a.date, b.date) else 0.0)
        )
    place = location_score(a.location, b.location)
    if place is not None:
        parts["location"] = place
    if a.actors and b.actors:
        parts["actors"] = party_similarity(a.actors, b.actors)
    if a.targets and b.targets:
        parts["targets"] = party_similarity(a.targets, b.targets)
    figures = [
        score
        for score in (_figure_score(a.killed, b.killed), _figure_score(a.injured, b.injured))
        if score is not None
    ]
    if figures:
        parts["casualties"] = sum(figures) / len(figures)
    left = content_words(" ".join(e.quote for e in a.evidence))
    right = content_words(" ".join(e.quote for e in b.evidence))
    if left and right:
        parts["text"] = _dice(left, right)
    return parts


def pair_score(a: EventRef, b: EventRef) -> PairScore:
    """Score two events from (normally) different articles; see the module doc."""
    parts = components(a.event, b.event)
    total = sum(STORY_WEIGHTS[name] for name in parts)
    score = sum(STORY_WEIGHTS[name] * value for name, value in parts.items()) / total
    return PairScore(score=round(score, 4), components=parts, veto=_veto(a, b))


_SINCE = re.compile(r"^\s*since\b", re.I)


def is_cumulative(event: Event) -> bool:
    """True when the event is a running total, dated by the start of its window ("since ...")."""
    return bool(event.date and _SINCE.match(event.date.text))
