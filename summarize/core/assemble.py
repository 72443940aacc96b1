"""Turn the model's drafts into output items: align quotes, parse figures, resolve dates.

The model's words are kept only where the paragraph says them: a name, place, date or
figure that is not in the paragraph (after folding case, spaces and quote marks) is an
invention or a filler such as "not specified", and becomes null.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from summarize.core.action import with_action
from summarize.core.cues import find_agency, find_cue, is_denial, means_position
from summarize.core.dates import resolve_date
from summarize.core.drafts import ClaimDraft, EventDraft, SentenceClaim, SentenceEvent
from summarize.core.event_rules import SPEECH_TYPES, read_event
from summarize.core.factuality import hedge_factuality
from summarize.core.grounding import align_quote
from summarize.core.instruments import find_instruments
from summarize.core.lexicon import MONTH_NAME, THREAT_VERBS, WEEKDAY, verb_pattern
from summarize.core.numbers import parse_figure
from summarize.core.parties import as_written, claimant_of, resolve, said_by
from summarize.core.schema import (
    Alignment,
    Claim,
    Event,
    EventType,
    Evidence,
    Factuality,
    Location,
    Party,
    Polarity,
)
from summarize.core.sentence_fields import (
    find_casualties,
    find_location,
    find_occurrence_date_words,
    find_statement_date_words,
    names_a_place,
)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum() or ch == "_")


_DATE_WORD = re.compile(
    rf"\d|\b{WEEKDAY}\b|\b{MONTH_NAME}\b|\b(?:today|yesterday|tonight|week|month|year|weekend|"
    r"morning|afternoon|evening|night|recent(?:ly)?|earlier|last|past|days?)\b",
    re.I,
)


def _date_words(value: str | None) -> str | None:
    """``value`` when it reads as a date ("on Sunday", "late last month"), else None.

    The model sometimes puts a clause in the date field ("after Hamas operatives killed").
    """
    return value if value and _DATE_WORD.search(value) else None


class _Paragraph:
    """The text a draft came from, for checking that its words are really there."""

    def __init__(self, article: str, window: tuple[int, int]) -> None:
        self.article = article
        self.window = window
        self.text = article[window[0] : window[1]]
        self._folded = _fold(self.text)

    def words(self, value: str | None) -> str | None:
        """``value`` stripped, or None when empty or not stated in the paragraph."""
        if value is None:
            return None
        stripped = value.strip().strip(".,;:")
        folded = _fold(stripped)
        return stripped if folded and folded in self._folded else None

    def ground(self, quote: str) -> Evidence:
        return align_quote(quote, self.article, self.window)


def build_event(
    draft: EventDraft, text: str, window: tuple[int, int], published: dt.date | None
) -> Event:
    """Build an event from a draft, grounding its words in the paragraph ``window`` of ``text``."""
    paragraph = _Paragraph(text, window)
    actor, target = paragraph.words(draft.actor), paragraph.words(draft.target)
    place, date_text = paragraph.words(draft.place), _date_words(paragraph.words(draft.date))
    killed, injured = paragraph.words(draft.killed), paragraph.words(draft.injured)
    reporter = paragraph.words(draft.reported_by)
    evidence = paragraph.ground(draft.quote)
    event = Event(
        type=draft.type,
        actors=[Party(name=actor)] if actor else [],
        targets=[Party(name=target)] if target else [],
        location=Location(place=place) if place else None,
        date=resolve_date(date_text, published) if date_text else None,
        killed=parse_figure(killed) if killed else None,
        injured=parse_figure(injured) if injured else None,
        instruments=[] if draft.type in SPEECH_TYPES else find_instruments(evidence.quote),
        reported_by=[reporter] if reporter else [],
        evidence=[evidence],
        grounded=evidence.grounded,
    )
    return with_action(event)


def build_claim(draft: ClaimDraft, text: str, window: tuple[int, int]) -> Claim:
    """Build a claim from a draft, grounding its words in the paragraph ``window`` of ``text``."""
    paragraph = _Paragraph(text, window)
    evidence = paragraph.ground(draft.quote)
    claimant = paragraph.words(draft.claimant)
    via = paragraph.words(draft.via)
    if via is not None and claimant is not None and _fold(via) == _fold(claimant):
        via = None
    span = None
    if evidence.start is not None and evidence.end is not None and window[0] <= evidence.start:
        span = (evidence.start - window[0], evidence.end - window[0])
    return Claim(
        assertion=draft.claim.strip(),
        claimant=claimant,
        reported_via=via,
        cue=paragraph.words(draft.cue),
        factuality=hedge_factuality(draft.factuality, paragraph.text, span),
        polarity=draft.polarity,
        evidence=[evidence],
        grounded=evidence.grounded,
    )


def _sentence_evidence(text: str, span: tuple[int, int]) -> Evidence:
    return Evidence(
        quote=text[span[0] : span[1]], start=span[0], end=span[1], alignment=Alignment.EXACT
    )


def build_sentence_event(
    draft: SentenceEvent,
    text: str,
    window: tuple[int, int],
    sentence: tuple[int, int],
    published: dt.date | None,
    *,
    alone: bool = True,
) -> Event | None:
    """Build an event from a numbered-sentence draft: fields the model did not give are
    read from the sentence, and its type and roles checked by the guide's rules
    (:mod:`summarize.core.event_rules`). None when the sentence reports no event.
    ``alone``: the model found no other event in this sentence."""
    words = text[sentence[0] : sentence[1]]
    paragraph = _Paragraph(text, window)
    reading = read_event(
        draft.type,
        words,
        paragraph.words(draft.actor),
        paragraph.words(draft.target),
        alone=alone,
    )
    if reading is None:
        return None
    actor = resolve(as_written(words, reading.actor), text, sentence[0])
    target = resolve(as_written(words, reading.target), text, sentence[0])
    speech = reading.type in SPEECH_TYPES
    # a statement's date is when it was made; an attack's is when it happened
    date_text = find_statement_date_words(words) if speech else find_occurrence_date_words(words)
    # a statement or threat has no toll and a place only when the article says where it was
    # made; the losses it announces belong to its claim
    killed, injured = (None, None) if speech else find_casualties(words)
    agency = find_agency(words)
    # two events in one sentence ("a car bomb in the capital and a mortar attack in the north"):
    # each takes the place named after its own means
    anchor = 0 if alone else means_position(reading.type, words)
    location = None if speech else find_location(words, anchor)
    if not speech and target and names_a_place(target):
        # "shelled Kandahar province": a place is where it happened, not a target
        if location is None or location.place is None:
            country = location.country if location else None
            location = Location(place=target, country=country)
        target = None
    event = Event(
        type=reading.type,
        actors=[Party(name=actor)] if actor else [],
        targets=[Party(name=target)] if target and target != actor else [],
        location=location,
        date=resolve_date(date_text, published) if date_text else None,
        killed=parse_figure(killed) if killed else None,
        injured=parse_figure(injured) if injured else None,
        instruments=[] if speech else find_instruments(words),
        reported_by=[agency] if agency else [],
        evidence=[_sentence_evidence(text, sentence)],
    )
    event = with_action(event)
    if speech and event.action and event.action.start is not None:
        # who made a statement is the subject of its verb ("..., the producers announced"),
        # not a party named in what is said
        speaker = said_by(words, event.action.start - sentence[0], reading.actor)
        if speaker is not None:
            named = resolve(speaker, text, sentence[0]) or speaker
            event = event.model_copy(update={"actors": [Party(name=named)] if named else []})
    return event


_AND_VOWED = re.compile(
    r"(?:\band|,)\s+(?:also\s+)?" + verb_pattern(THREAT_VERBS, "past ing"), re.I
)


def split_vow(event: Event) -> list[Event]:
    """A statement that also vows or threatens ("said two of its fighters had died, and
    vowed to strike back at the army") as two events: the statement, and the
    threat, which takes the target (what is threatened)."""
    if event.type is not EventType.STATEMENT or not _AND_VOWED.search(event.evidence[0].quote):
        return [event]
    return [
        with_action(event.model_copy(update={"targets": []})),
        with_action(event.model_copy(update={"type": EventType.THREAT})),
    ]


def build_sentence_claim(
    draft: SentenceClaim,
    text: str,
    window: tuple[int, int],
    sentence: tuple[int, int],
    outlet: str | None,
) -> Claim | None:
    """Build a claim from a numbered-sentence draft: the sentence is the assertion and its
    cue, hedges and any relaying agency named in the paragraph are read by code. None when
    the sentence has no reporting cue (narration, or "has not commented")."""
    words = text[sentence[0] : sentence[1]]
    cue = find_cue(words)
    if cue is None:
        return None
    paragraph = _Paragraph(text, window)
    claimant = resolve(claimant_of(words, paragraph.words(draft.claimant)), text, sentence[0])
    via = find_agency(paragraph.text)
    if via is not None and (
        (claimant is not None and _fold(via) == _fold(claimant))
        or (outlet is not None and _fold(via) == _fold(outlet))
    ):
        via = None
    span = (sentence[0] - window[0], sentence[1] - window[0])
    return Claim(
        assertion=" ".join(words.split()),
        claimant=claimant,
        reported_via=via,
        cue=cue,
        factuality=hedge_factuality(Factuality.CERTAIN, paragraph.text, span),
        polarity=Polarity.NEGATIVE if is_denial(words) else Polarity.POSITIVE,
        evidence=[_sentence_evidence(text, sentence)],
    )


def _evidence_key(item: Event | Claim) -> tuple[int | None, int | None]:
    span = item.evidence[0] if item.evidence else None
    return (span.start, span.end) if span else (None, None)


def drop_duplicates(events: list[Event], claims: list[Claim]) -> tuple[list[Event], list[Claim]]:
    """Remove items that repeat an earlier one (same type or assertion on the same span)."""
    seen_events: set[tuple[object, ...]] = set()
    unique_events: list[Event] = []
    for event in events:
        key = (event.type, *_evidence_key(event))
        if key[1] is not None and key in seen_events:
            continue
        seen_events.add(key)
        unique_events.append(event)
    seen_claims: set[tuple[object, ...]] = set()
    unique_claims: list[Claim] = []
    for claim in claims:
        key = (claim.assertion.lower(), *_evidence_key(claim))
        if key in seen_claims:
            continue
        seen_claims.add(key)
        unique_claims.append(claim)
    return unique_events, unique_claims


# a full stop after a lower-case word or a number, not after an initial ("U.S.", "Gen.")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\]\"'”’])[.!?][\"'”’)]*(?=\s|$)")


def whole_sentences(text: str) -> str:
    """``text`` cut after its last complete sentence; an unfinished one is marked with "…".

    A small model copying an article's quotation mark into a JSON string ends the string
    mid-sentence ("A police spokesman described a"); the cut keeps what is whole.
    """
    text = text.strip()
    ends = [match.end() for match in _SENTENCE_END.finditer(text)]
    if not text or (ends and ends[-1] == len(text)):
        return text
    return text[: ends[-1]] if ends else text + "…"
