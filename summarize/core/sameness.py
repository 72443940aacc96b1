"""Are two event mentions one event? The one answer, for one article and across articles.

The summarizer merges the mentions one article repeats (:mod:`summarize.core.coref`) and
the story merges mentions across articles, both by :func:`pair_score`. (The scorer's
pairing of predictions with gold is an alignment for a metric, not this question: see
:mod:`summarize.evaluation.matching`.)

The score of a pair is the weighted mean (``STORY_WEIGHTS``) of the components that both
events give; a component one side leaves out (no resolved date, no toll, no parties)
neither confirms nor rules out the pair and is left out of the mean:

- ``type``: 1 when equal, 0.5 when both are in the same family (``TYPE_FAMILIES``), else 0;
- ``date``: both resolved: 1 same day, 0.5 same period at the coarser precision or days
  at most ``DATE_TOLERANCE_DAYS`` apart (outlets date one event from their own publication
  day and time zone), else 0;
- ``location``: :func:`summarize.core.compare.location_score`: 1 same place
  ("Kirkuk province" == "Kirkuk"), 0.5 same country only, 0 different; left out when
  one side gives only a country and the other only a place ("Iraq" vs "Kirkuk");
- ``parties``: Dice coefficient of equal names among the actors and targets of both,
  whatever the role (one outlet's target is another's subject);
- ``casualties``: mean over killed/injured given by both with a number: 1 same number,
  0.5 intervals overlap ("at least 10" vs "at least nine"), 0 otherwise;
- ``text``: Dice coefficient of the content words of the two events' evidence quotes
  (case-folded, stop words dropped, number words as digits, plural "s" stripped);
- ``headline``: the same for the two articles' headlines (mentions of different articles).

A pair is *vetoed* (can never be in one story event) only for a real contradiction: both
dates resolved and further apart than their precision and the tolerance allow, one
event dated after the other article was published (with the same tolerance), or two
different places named at the same level, or two statements of which one's speaker is
what the other reports on (:func:`speaker_reported_on`: "the ministry announced that Lopez
will lead the talks" and "Lopez announced that she will lead them" are two speech acts,
however much else they share). Types never veto: outlets and the model type
one attack as a strike, a bombing, "other" or a statement.

A pair is *supported* when at least ``MIN_SUPPORT`` components other than type agree
(score >= 0.5): type plus one coincidence is not enough to call two events one. Two
mentions of one article, or of types in different families, need one agreeing component
more (``EXTRA_SUPPORT``): within an article most events share its place, date and parties,
and a statement about an attack is often an event of its own. Mentions of one article
resolve their dates from one publication day, so their dates get no tolerance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from summarize.core.compare import (
    complete_figure,
    date_exact,
    date_within_precision,
    figures_compatible,
    location_score,
    party_similarity,
)
from summarize.core.lexicon import NUMBER_WORDS
from summarize.core.schema import Event, EventType, Figure
from summarize.core.text import normalize_text, words_of

STORY_WEIGHTS: dict[str, float] = {
    "type": 0.10,
    "date": 0.15,
    "location": 0.15,
    "parties": 0.15,
    "casualties": 0.20,
    "text": 0.15,
    "headline": 0.10,
}
"""Weights of the cross-article similarity components (renormalized over those present)."""

MIN_SUPPORT = 2
"""Components other than type that must agree (score >= 0.5) for a pair to be merged."""

EXTRA_SUPPORT = 1
"""Further agreeing components needed by mentions of one article or of two type families."""

DATE_TOLERANCE_DAYS = 1
"""Resolved days this far apart may be one event told from two publication days (mentions
of one article resolve their dates from one publication day: no tolerance)."""

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
act, often a real event of its own, so merging it with a use of force needs one agreeing
component more (``EXTRA_SUPPORT``); ``other``
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
    headline: str | None = None

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
    needed: int = MIN_SUPPORT
    """Agreeing components (besides type) this pair needs to be merged."""

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
        """Not vetoed and supported by at least :attr:`needed` agreeing components."""
        return self.veto is None and self.support >= self.needed


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


def _tolerance(a: EventRef, b: EventRef) -> int:
    """Days two resolved dates may differ by: none within one article."""
    return 0 if a.article == b.article else DATE_TOLERANCE_DAYS


def _date_veto(a: EventRef, b: EventRef) -> str | None:
    left, right = a.event.date, b.event.date
    if (
        left
        and left.iso
        and right
        and right.iso
        and not date_within_precision(left, right, _tolerance(a, b))
    ):
        return f"dates differ ({left.iso} vs {right.iso})"
    for first, second in ((a, b), (b, a)):
        date = first.event.date
        if date is None or date.iso is None or second.published is None:
            continue
        if (date.iso - second.published).days > DATE_TOLERANCE_DAYS:
            return f"{first.key} is dated after {second.article} was published"
    return None


@lru_cache(maxsize=4096)
def reported_words(sentence: str) -> frozenset[str]:
    """Content words of what a sentence reports: the contents of its attributions."""
    # the parser loads spaCy, which the story layer does not otherwise need
    from summarize.core.attribution import find_attributions
    from summarize.core.nlp import parse

    doc = parse(sentence)
    words: set[str] = set()
    for attribution in find_attributions(doc):
        words |= content_words(doc.text[attribution.content[0] : attribution.content[1]])
    return frozenset(words)


def _speaker_words(event: Event) -> set[str]:
    return set().union(*(content_words(party.name) for party in event.actors))


def speaker_reported_on(speaker: Event, other: Event) -> bool:
    """True when both are statements and ``speaker``'s speaker, sharing no word with
    ``other``'s, is named in what ``other`` reports: the one is the subject of the other's
    statement, not its speaker. Speakers are not compared by name alone: one outlet's
    "the actress's publicist" is another's "spokesman Tom Reyes"."""
    speech = TYPE_FAMILIES["speech"]
    if speaker.type not in speech or other.type not in speech or not other.evidence:
        return False
    words = _speaker_words(speaker)
    if not words or not other.actors or words & _speaker_words(other):
        return False
    return words <= reported_words(other.evidence[0].quote)


def _veto(a: EventRef, b: EventRef) -> str | None:
    if location_score(a.event.location, b.event.location) == 0.0:
        return "the places differ"
    for first, second in ((a, b), (b, a)):
        if speaker_reported_on(first.event, second.event):
            return f"the speaker of {first.key} is what {second.key} reports on"
    return _date_veto(a, b)


def _needed(a: EventRef, b: EventRef) -> int:
    """Agreeing components the pair needs (see ``EXTRA_SUPPORT``)."""
    harder = a.article == b.article or family(a.event.type) != family(b.event.type)
    return MIN_SUPPORT + (EXTRA_SUPPORT if harder else 0)


def _dice_of(left: str, right: str) -> float | None:
    first, second = content_words(left), content_words(right)
    return _dice(first, second) if first and second else None


def components(a: Event, b: Event, tolerance_days: int = DATE_TOLERANCE_DAYS) -> dict[str, float]:
    """The similarity components two events give (see the module doc; no headline)."""
    parts: dict[str, float] = {
        "type": 1.0 if a.type == b.type else (AGREE if family(a.type) == family(b.type) else 0.0)
    }
    if a.date and a.date.iso and b.date and b.date.iso:
        parts["date"] = (
            1.0
            if date_exact(a.date, b.date)
            else (AGREE if date_within_precision(a.date, b.date, tolerance_days) else 0.0)
        )
    place = location_score(a.location, b.location)
    if place is not None:
        parts["location"] = place
    left_parties, right_parties = [*a.actors, *a.targets], [*b.actors, *b.targets]
    if left_parties and right_parties:
        parts["parties"] = party_similarity(left_parties, right_parties)
    figures = [
        score
        for score in (_figure_score(a.killed, b.killed), _figure_score(a.injured, b.injured))
        if score is not None
    ]
    if figures:
        parts["casualties"] = sum(figures) / len(figures)
    text = _dice_of(" ".join(e.quote for e in a.evidence), " ".join(e.quote for e in b.evidence))
    if text is not None:
        parts["text"] = text
    return parts


def pair_score(a: EventRef, b: EventRef) -> PairScore:
    """Score two event mentions (of one article or of two); see the module doc."""
    parts = components(a.event, b.event, _tolerance(a, b))
    if a.article != b.article and a.headline and b.headline:
        headline = _dice_of(a.headline, b.headline)
        if headline is not None:
            parts["headline"] = headline
    total = sum(STORY_WEIGHTS[name] for name in parts)
    score = sum(STORY_WEIGHTS[name] * value for name, value in parts.items()) / total
    return PairScore(
        score=round(score, 4), components=parts, veto=_veto(a, b), needed=_needed(a, b)
    )


def is_cumulative(event: Event) -> bool:
    """True when the event is a running total, dated by the start of its window ("since ...")."""
    return bool(event.date) and words_of(event.date.text)[:1] == ["since"]
