"""Rules of the labelling guide that correct the model's reading of one event sentence.

The model says which sentence reports an event, its type and who did it to whom. A small
model often gets the type or the roles wrong in ways the guide settles from the sentence's
own words (evals/GUIDELINES.md §2):

- a party that *claims, admits, confirms, condemns or announces* something, or *vows,
  threatens or warns*, is making a ``statement`` or ``threat`` (§2.2);
- trends ("the attacks paused ... but have since resumed"), standing troop totals and
  diplomacy or ceremonies are background, not events (§2.3);
- an attack is typed by the means the sentence states; a state's forces attacking by
  unstated means (or by "drones") is an ``air_or_drone_strike`` (the convention of §2.2);
  a counted series of attacks is ``other`` (§2.4);
- the subject of a passive ("forces were attacked") is the target, not the actor; a news
  agency or a source ("security sources", "officials") reports an attack, it does not
  carry it out (§2.5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarize.core.attribution import is_speaker
from summarize.core.cues import NEWS_AGENCIES, check_event_type, supported_types
from summarize.core.instruments import is_instrument
from summarize.core.lexicon import (
    EVENT_NOUNS,
    NUMBER_WORD,
    PRONOUNS,
    STATEMENT_VERBS,
    THREAT_VERBS,
    verb_forms,
    verb_pattern,
)
from summarize.core.nlp import parse
from summarize.core.numbers import parse_figure
from summarize.core.places import countries_in
from summarize.core.roles import attack_roles
from summarize.core.schema import EventType
from summarize.core.sentence_fields import find_casualties, find_date_words
from summarize.core.text import words_of

if TYPE_CHECKING:
    from spacy.tokens import Token

SPEECH_TYPES = frozenset({EventType.STATEMENT, EventType.THREAT})

_ATTACK_MEANS = (
    EventType.ROCKET_OR_MISSILE_ATTACK,
    EventType.AIR_OR_DRONE_STRIKE,
    EventType.DRONE_ATTACK,
    EventType.BOMBING,
    EventType.ARMED_CLASH,
)

_SPEECH_VERB = re.compile(
    r"\bclaimed responsibility\b|"
    + verb_pattern(STATEMENT_VERBS, "past")
    + "|"
    + verb_pattern(THREAT_VERBS, "past ing"),
    re.I,
)
_THREAT_FORMS = frozenset(verb_forms(THREAT_VERBS))
# words that, between a speaker and a speech verb, show the sentence narrates something else
_GAP_WORDS = re.compile(
    r"\b(?:attack\w*|strikes?|struck|hit|killed|fired|bombed|launched|said|says|told|that)\b"
    r"|[.;:\"“”]",
    re.I,
)

_COUNTED_ATTACKS = re.compile(
    rf"\b(?P<count>\d[\d,]*|{NUMBER_WORD})\s+(?:\w+\s+){{0,2}}?"
    r"(?:attacks|strikes|times)\b",
    re.I,
)

_TREND = re.compile(
    r"\b(?:paused|stopped|halted|resumed|continued|increased|intensified|escalated|"
    r"persist(?:s|ed)?|in a context of)\b",
    re.I,
)
_TROOP_TOTAL = re.compile(
    r"\b(?:has|have|keeps?|maintains?)\s+(?:about |around |almost |nearly |some |roughly )?"
    r"[\d,]+\s+(?:troops|soldiers|personnel|service members)\b",
    re.I,
)
_DIPLOMACY = re.compile(
    r"\b(?:funerals?|paid a visit|visited|contacts|talks with|met with|meeting)\b", re.I
)

_PASSIVE_ATTACK = re.compile(
    r"^(?:[^,.;]{0,60}?\s)?(?:was|were|been|being|is|are)\s+(?:\w+\s+)?"
    r"(?:attacked|targeted|hit|struck|bombed|shelled|fired (?:up)?on)\b",
    re.I,
)
_VICTIM_VERB = re.compile(
    r"^\s*(?:have |has |had )?(?:suffered|sustained|were (?:killed|injured|wounded)|"
    r"died)\b",
    re.I,
)
_NON_STATE = re.compile(
    r"\b(?:groups?|militias?|militants?|militiamen|resistance|prox(?:y|ies)|backed|aligned|"
    r"allied|factions?|rebels?|insurgents?|terrorists?|fighters|hezbollah|hamas|houthis?|"
    r"jihadists?|islamic state|isis)\b",
    re.I,
)
_STATE_BODIES = re.compile(
    r"\b(?:washington|pentagon|centcom|central command|army|military|air force|navy|"
    r"government|ministry)\b",
    re.I,
)
# a statement's "target" that is the speaker's own people: an announcement of its losses
_OWN = re.compile(
    r"^(?:one|some|two|three|several|members|many)?\s*(?:of )?(?:its|their|his|her)\b", re.I
)
# a nationality word and a military noun: "French troops", "Iraqi Security Forces"
_NATIONAL_FORCES = re.compile(
    r"\b[A-Z][a-z]+(?:an|ish|ese|ch|i)\s+(?:[A-Z]\w+\s+)?"
    r"(?i:forces|troops|army|military|navy|jets|warplanes|soldiers)\b"
)
_MOST_SINGLE_ATTACKS = 9
"""A count of attacks up to this is that many single attacks; above it, a series."""
_ATTACK_OR_BASE = frozenset(
    {"attack", "attacks", "strike", "strikes", "raid", "raids", "base", "bases"}
)
_GENERIC_OPENERS = frozenset({"the", "these", "such"})


def find_name(sentence: str, name: str) -> tuple[int, int] | None:
    """The span of ``name`` in ``sentence``, ignoring case, spacing and dots ("U. S." = "U.S.")."""
    words = re.findall(r"\w+", name)
    if not words:
        return None
    match = re.search(r"[\W_]*".join(re.escape(w) for w in words), sentence, re.I)
    return (match.start(), match.end()) if match else None


def is_state_force(name: str) -> bool:
    """True when ``name`` reads as a state or its forces ("U.S.", "US forces", "Washington",
    "French troops"); an armed group's name ("Iran-backed militias") is not one."""
    if _NON_STATE.search(name):
        return False
    return bool(countries_in(name) or _STATE_BODIES.search(name) or _NATIONAL_FORCES.search(name))


def is_counted_series(sentence: str) -> bool:
    """True when the sentence counts a series of attacks ("over 40 attacks since
    March", "bombed at least 15 times"); "two attacks" are single attacks, not a series."""
    lowered = sentence.lower()
    if "attacks" not in lowered and "strikes" not in lowered and "times" not in lowered:
        return False
    words = set(words_of(sentence))
    for match in _COUNTED_ATTACKS.finditer(sentence):
        count = parse_figure(match.group("count")).value
        if count is None or count > _MOST_SINGLE_ATTACKS or "since" in words:
            return True
    return False


def is_background(sentence: str) -> bool:
    """True for trends, generic summaries, standing troop totals and diplomacy or
    ceremonies (guide §2.3): "The raids stopped in May but started again", "The attacks
    on police posts have spread to the south", "keeps 600 soldiers in Mali". A
    visit or a funeral whose sentence tells a toll is not background ("A car bomb killed 12
    mourners at a funeral"); one that only mentions attacks as context still is."""
    if _TROOP_TOTAL.search(sentence):
        return True
    if _DIPLOMACY.search(sentence):  # a visit or a funeral, unless it tells a toll
        return not any(find_casualties(sentence))
    if is_counted_series(sentence):
        return False
    if _TREND.search(sentence):
        return True
    # attacks in general, with no count, toll or date of their own
    return _opens_with_generic_attacks(sentence) and not (
        any(find_casualties(sentence)) or find_date_words(sentence)
    )


def _opens_with_generic_attacks(sentence: str) -> bool:
    """ "The attacks ...", "Such attacks ...": attacks in general, not one of them."""
    words = words_of(sentence)[:2]
    if words and words[0] in _GENERIC_OPENERS:
        words = words[1:]
    return bool(words) and words[0] == "attacks"


def speech_act(sentence: str, speaker: str | None) -> EventType | None:
    """``statement`` or ``threat`` when ``speaker`` is the subject of a speech-act verb.

    "The rebel movement, which is based in the hills, claimed responsibility for ..." ->
    statement; "X toured the region ..., warning that ..." -> threat. None when the
    speaker is not in the sentence, when an attack verb or a reporting verb comes first
    (the sentence narrates something else), or for a counted tally of claims ("have
    claimed over 40 attacks", an attack series, guide §2.3).
    """
    if not speaker or not _SPEECH_VERB.search(sentence):
        return None
    span = find_name(sentence, speaker)
    if span is None:
        return None
    rest = sentence[span[1] : span[1] + 120]
    verb = _SPEECH_VERB.search(rest)
    if verb is None or _GAP_WORDS.search(rest[: verb.start()]):
        return None
    if verb.group().lower() in _THREAT_FORMS:
        return EventType.THREAT
    return None if is_counted_series(sentence) else EventType.STATEMENT


@dataclass(frozen=True)
class Reading:
    """An event sentence as the rules read it: its type and roles."""

    type: EventType
    actor: str | None
    target: str | None


def _not_own(target: str | None) -> str | None:
    """A speech act's target, unless it is the speaker's own people (its announced losses)."""
    return None if target and _OWN.match(target) else target


def _is_agency(name: str) -> bool:
    return name.strip().lower() in {agency.lower() for agency in NEWS_AGENCIES}


def _is_a_nationality(token: Token) -> bool:
    """ "Salvadoran" or "Iraqi" alone, not a people ("Kurds", "Palestinians")."""
    return token.ent_type_ == "NORP" and token.tag_ not in ("NNS", "NNPS")


def names_no_party(name: str) -> bool:
    """True when ``name`` cannot be who acted or who was hit: a pronoun ("We"), a
    nationality alone ("Salvadoran"), what happened ("the explosion", "blast from the
    explosion") or a weapon ("explosives")."""
    words = words_of(name)
    if not words:
        return True
    if len(words) == 1 and words[0] in PRONOUNS:
        return True
    doc = parse(name)
    root = next((token for token in doc if token.head.i == token.i), None)
    if root is None:
        return False
    if len(words) == 1 and (root.pos_ == "ADJ" or _is_a_nationality(root)):
        return True
    return root.lemma_.lower() in EVENT_NOUNS or is_instrument(name)


def correct_roles(sentence: str, actor: str | None, target: str | None) -> tuple[str | None, ...]:
    """(actor, target) of an attack sentence with the guide's role rules applied."""
    actor = None if actor and names_no_party(actor) else actor
    if actor and _is_agency(actor):
        # the model took the outlet for the actor: the party it names is the one reported
        if target and not _ATTACK_OR_BASE.intersection(words_of(target)):
            actor, target = target, None
        else:
            actor = None
    span = find_name(sentence, actor) if actor else None
    if span is not None and is_speaker(sentence, span):
        # the sentence's speaker, not who acted ("The mayor said rebels set off the bomb")
        actor, span = None, None
    if target and names_no_party(target):
        target = None  # the weapon ("a car bomb") or the blast is not what was hit
    if span is not None:
        rest = sentence[span[1] :]
        if _PASSIVE_ATTACK.match(rest) or _VICTIM_VERB.match(rest):
            actor, target = None, actor
    return actor, target


def read_event(
    labelled: EventType,
    sentence: str,
    actor: str | None,
    target: str | None,
    *,
    alone: bool,
) -> Reading | None:
    """The type and roles of the event the model found in ``sentence``; None for background.

    ``alone`` says the model found no other event in the sentence: only then may a speech
    act retype it (a sentence can report both a claim of responsibility and the attack).
    """
    speech = speech_act(sentence, actor) if alone else None
    if speech is not None:
        return Reading(speech, actor, _not_own(target))
    if is_background(sentence):
        return None
    supported = supported_types(sentence)
    event_type = check_event_type(labelled, sentence, supported)
    if event_type is None:
        return None
    if event_type in SPEECH_TYPES:
        return Reading(event_type, actor, _not_own(target))
    if actor is None or target is None:  # the roles the model left empty, from the parse
        parsed = attack_roles(sentence)
        actor, target = actor or parsed.actor, target or parsed.target
    actor, target = correct_roles(sentence, actor, target)
    series = is_counted_series(sentence)
    if event_type is EventType.OTHER and not series:
        stated = [t for t in supported if t in _ATTACK_MEANS]
        event_type = stated[0] if stated else event_type
    if actor and not series:
        event_type = _by_whom(event_type, supported, actor)
    return Reading(event_type, actor, target)


def _by_whom(event_type: EventType, supported: list[EventType], actor: str) -> EventType:
    """Air and drone types by who attacks: a state's forces strike from the air (means
    unstated, or drones: the guide's convention); an armed group's drones are a drone attack."""
    if is_state_force(actor) and event_type in (EventType.OTHER, EventType.DRONE_ATTACK):
        return EventType.AIR_OR_DRONE_STRIKE
    if (
        event_type is EventType.AIR_OR_DRONE_STRIKE
        and _NON_STATE.search(actor)
        and EventType.DRONE_ATTACK in supported
    ):
        return EventType.DRONE_ATTACK
    return event_type
