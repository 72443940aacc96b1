"""Word cues read by code: reporting verbs, the means words that type an event, news agencies.

The lexicons follow the labelling guide (evals/GUIDELINES.md §2.2, §3.1): an event is typed
by the means the article states, and a claim needs a reporting cue. The model picks which
sentences report events and claims and names the parties; these cues check its event type
against the sentence's own words and read the cue, the relaying outlet and the polarity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from summarize.core.lexicon import ATTACK_VERBS, MEANS_WORDS, attack_noun_pattern, verb_pattern
from summarize.core.nlp import parse
from summarize.core.schema import EventType

REPORTING_CUE = re.compile(
    r"\b(?:claimed responsibility|according to|(?:a |the )?statement (?:read|said)|"
    r"said|says|say|told|claim(?:s|ed)?|confirm(?:s|ed|ing)?|report(?:s|ed|ing)?|"
    r"declared?|announc(?:ed|es|ing)|admit(?:s|ted)|condemn(?:s|ed|ing)|vow(?:s|ed)|"
    r"threaten(?:s|ed)|warn(?:s|ed|ing)|identif(?:ied|ying|ies)|justif(?:ied|ies)|"
    r"den(?:ied|ies)|accus(?:ed|es)|insist(?:s|ed)|stated|added|noted|"
    r"believed|alleged(?:ly)?|wrote|posted|tweeted)\b",
    re.IGNORECASE,
)
"""A reporting cue (PARC): a claim's sentence has one."""

NON_STATEMENT = re.compile(
    r"\b(?:(?:has|have|had|did) not (?:yet )?(?:commented|responded|replied|comment|respond)|"
    r"declined to comment|no comment|request for comment)\b",
    re.IGNORECASE,
)
"""A source saying nothing ("has not commented"): neither a claim nor an event."""

_NEGATIVE_CUE = re.compile(r"\b(?:den(?:ied|ies|y)|rejected (?:reports|claims))\b", re.I)

NEWS_AGENCIES = (
    "Reuters",
    "Agence France-Presse",
    "AFP",
    "Associated Press",
    "AP",
    "Bloomberg",
    "Xinhua",
    "TASS",
    "Anadolu",
    "dpa",
    "EFE",
    "ANSA",
    "Lusa",
    "Kyodo",
    "Yonhap",
    "Al Jazeera",
    "BBC",
    "CNN",
)
"""Outlets that relay what others say: a claim's ``reported_via`` when its paragraph names one."""

_AGENCY = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in NEWS_AGENCIES) + r")\b")

_FAMILY_TYPES: dict[str, tuple[EventType, ...]] = {
    "rocket": (EventType.ROCKET_OR_MISSILE_ATTACK,),
    "air": (EventType.AIR_OR_DRONE_STRIKE,),
    "drone": (EventType.DRONE_ATTACK, EventType.AIR_OR_DRONE_STRIKE),
    "bombing": (EventType.BOMBING,),
    "clash": (EventType.ARMED_CLASH,),
    "sanctions": (EventType.SANCTIONS,),
    "arrest": (EventType.ARREST,),
    "deployment": (EventType.TROOP_DEPLOYMENT,),
    "statement": (EventType.STATEMENT,),
    "threat": (EventType.THREAT,),
}
"""The event types each family of :data:`~summarize.core.lexicon.MEANS_WORDS` supports."""
_SPEECH_FAMILIES = frozenset({"statement", "threat"})
_MEANS = re.compile("|".join(f"(?P<{name}>{words})" for name, words in MEANS_WORDS), re.I)
_ATTACK_NOUN = re.compile(attack_noun_pattern(), re.I)
_ATTACK_VERB = re.compile(verb_pattern(ATTACK_VERBS), re.I)

_ATTACK_TYPES = frozenset(
    {
        EventType.AIR_OR_DRONE_STRIKE,
        EventType.DRONE_ATTACK,
        EventType.ROCKET_OR_MISSILE_ATTACK,
        EventType.ARMED_CLASH,
        EventType.BOMBING,
        EventType.OTHER,
    }
)


def _means_matches(sentence: str) -> Iterator[tuple[str, re.Match[str]]]:
    """Every means word of the sentence with its family, in order; matches may overlap
    ("sent rockets and troops" names rockets and a deployment)."""
    position = 0
    while match := _MEANS.search(sentence, position):
        assert match.lastgroup is not None
        yield match.lastgroup, match
        position = match.start() + 1


def _families(sentence: str) -> dict[str, int]:
    """Each word family the sentence names, with where it first does."""
    found: dict[str, int] = {}
    for family, match in _means_matches(sentence):
        found.setdefault(family, match.start())
    return found


def supported_types(sentence: str) -> list[EventType]:
    """The event types the sentence's own words support, most specific first."""
    named = _families(sentence)
    found: list[EventType] = []
    for family, _ in MEANS_WORDS:
        if family in named:
            found += [t for t in _FAMILY_TYPES[family] if t not in found]
    if names_an_attack(sentence) or any(t in _ATTACK_TYPES for t in found):
        found.append(EventType.OTHER)
    return found


def names_an_attack(sentence: str) -> bool:
    """Whether the sentence names an attack: an attack noun ("the raid"), or an attack verb
    that the parse reads as a verb ("gunmen shot", not "sales targets" or "a shell company")."""
    if _ATTACK_NOUN.search(sentence):
        return True
    starts = {match.start() for match in _ATTACK_VERB.finditer(sentence)}
    return bool(starts) and any(
        token.idx in starts and token.tag_.startswith("VB") for token in parse(sentence)
    )


def means_spans(sentence: str, event_type: EventType) -> list[tuple[int, int]]:
    """Where the sentence names the means of ``event_type`` (for a statement or a threat:
    the words that make it one), in order."""
    return [
        match.span()
        for family, match in _means_matches(sentence)
        if event_type in _FAMILY_TYPES[family]
    ]


def attack_noun_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names an attack with a noun ("the raid", "killings")."""
    return [match.span() for match in _ATTACK_NOUN.finditer(sentence)]


def attack_verb_spans(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names an attack with a verb that the parse reads as a verb
    (see :func:`names_an_attack`)."""
    verbs = {match.start(): match.end() for match in _ATTACK_VERB.finditer(sentence)}
    if not verbs:
        return []
    return [
        (token.idx, verbs[token.idx])
        for token in parse(sentence)
        if token.idx in verbs and token.tag_.startswith("VB")
    ]


def means_position(event_type: EventType, sentence: str) -> int:
    """Where the sentence first names the means of ``event_type`` (0 when it does not)."""
    named = _families(sentence)
    for family, _ in MEANS_WORDS:
        means = family not in _SPEECH_FAMILIES and event_type in _FAMILY_TYPES[family]
        if means and family in named:
            return named[family]
    return 0


def check_event_type(
    labelled: EventType, sentence: str, supported: list[EventType] | None = None
) -> EventType | None:
    """The model's type when the sentence's words support it, else the best supported one.

    None when the sentence names no means, attack, statement or threat at all: background
    ("has 900 troops", "the ceasefire ended"), not an event.
    """
    if supported is None:
        supported = supported_types(sentence)
    if not supported:
        return None
    if labelled in supported:
        return labelled
    if labelled in _ATTACK_TYPES and EventType.OTHER in supported:
        # an attack the model typed by means the sentence does not state
        attack_means = [t for t in supported if t in _ATTACK_TYPES]
        return attack_means[0]
    return supported[0]


def find_cue(sentence: str) -> str | None:
    """The first reporting cue of the sentence, lower-cased (None when it has none)."""
    match = REPORTING_CUE.search(sentence)
    return match.group().lower() if match else None


def find_agency(text: str) -> str | None:
    """The first news agency ``text`` names (e.g. "Reuters"), or None."""
    match = _AGENCY.search(text)
    return match.group() if match else None


def is_denial(sentence: str) -> bool:
    """True when the sentence's cue denies its content ("denied", "rejected reports")."""
    return bool(_NEGATIVE_CUE.search(sentence))


def mentions_an_event(text: str) -> bool:
    """True when the text has a word that could report an event (a means, an attack, a
    statement or a threat)."""
    return any(pattern.search(text) for pattern in (_MEANS, _ATTACK_NOUN, _ATTACK_VERB))


def mentions_events_or_claims(text: str) -> bool:
    """True when the text has a reporting cue or a word that could report an event."""
    return bool(REPORTING_CUE.search(text)) or mentions_an_event(text)
