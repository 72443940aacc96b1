"""Merge mentions of the same occurrence within one article into one event.

An article tells its main event several times (lead, confirmation, toll). Paragraphs
are extracted separately, so each mention arrives as its own event; a reader (and the
labelling guide) counts one event with several evidence quotes. The rules, in order:

- a *detail* sentence that refers back to an attack ("the blasts left 12 dead",
  "two guards were wounded in the raid", "The vehicle that was hit was ...") belongs to
  the nearest attack told before it, a few sentences back;
- the sentences that count one attack series ("the fifth attack on the pipeline this year",
  "injured in the 38 attacks") are one series event (guide §2.4);
- a confirmation ("an official confirmed a strike that ... on Sunday afternoon") lends the
  date and toll it states to the attack it confirms, told just before it (else just after
  it); the confirmation stays a statement;
- two events merge when :func:`summarize.core.sameness.pair_score` calls them one event, the
  same answer the story gives across articles: no contradiction (places at one level, dates
  beyond their precision) and at least three of date, place, parties, casualties and words
  agreeing (types never veto).
"""

from __future__ import annotations

import datetime as dt
import re

from summarize.core.dates import resolve_date
from summarize.core.event_rules import SPEECH_TYPES, is_counted_series
from summarize.core.numbers import parse_figure
from summarize.core.sameness import EventRef, pair_score
from summarize.core.schema import Event, EventType
from summarize.core.sentence_fields import find_casualties, find_occurrence_date_words
from summarize.core.text import words_of


def same_occurrence(first: Event, second: Event, published: dt.date | None = None) -> bool:
    """True when two events of one article describe the same occurrence: the one
    "same event?" of :func:`summarize.core.sameness.pair_score`, for mentions of one article."""
    return pair_score(
        EventRef("article", 0, first, published), EventRef("article", 1, second, published)
    ).mergeable


def _merge(kept: Event, other: Event) -> Event:
    """``kept`` with the fields it lacks taken from ``other`` and both evidence lists."""
    update: dict[str, object] = {"evidence": [*kept.evidence, *other.evidence]}
    if kept.location and other.location and not kept.location.place and other.location.place:
        # "in northern Iraq" then "in Kirkuk province": keep the more precise place
        country = kept.location.country or other.location.country
        update["location"] = other.location.model_copy(update={"country": country})
    for field in ("action", "location", "date", "killed", "injured"):
        if getattr(kept, field) is None and getattr(other, field) is not None:
            update[field] = getattr(other, field)
    for field in ("actors", "targets", "instruments", "reported_by"):
        if not getattr(kept, field):
            update[field] = getattr(other, field)
    update["grounded"] = kept.grounded or other.grounded
    return kept.model_copy(update=update)


_DETAIL = re.compile(
    r"^(?:(?:according to|however,)[^,]{0,60},\s*)?(?:the|those|these|this)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:attacks?|strikes?|raids?|bombings?|rockets?|missiles?|drones?|shells?|vehicle|convoy)\s+"
    r"(?:that was (?:hit|targeted)\s+)?"
    r"(?:also\s+)?(?:hit|killed|kills|left|injured|wounded|targeted|destroyed|damaged|was|were)\b"
    r"|\b(?:killed|injured|wounded|hurt|died)\s+in\s+(?:the|that|this)\s+(?:[\w-]+\s+)?"
    r"(?:attack|strike|raid|bombing|blast)\b",
    re.I,
)
DETAIL_REACH = 600
"""How far back (characters between the two sentences) a detail looks for its attack."""


def _span(event: Event) -> tuple[int, int] | None:
    evidence = event.evidence[0] if event.evidence else None
    if evidence is None or evidence.start is None or evidence.end is None:
        return None
    return evidence.start, evidence.end


def _is_detail(event: Event) -> bool:
    return (
        event.type not in SPEECH_TYPES
        and bool(event.evidence)
        and bool(_DETAIL.search(event.evidence[0].quote))
    )


def _nearest_attack(
    events: list[Event], span: tuple[int, int], *, after: bool = False
) -> int | None:
    """Index of the attack told last before ``span`` (with ``after``: first after it), at
    most ``DETAIL_REACH`` characters away."""
    found = []
    for index, kept in enumerate(events):
        kept_span = _span(kept)
        if kept.type in SPEECH_TYPES or kept_span is None:
            continue
        gap = kept_span[0] - span[1] if after else span[0] - kept_span[1]
        if 0 <= gap <= DETAIL_REACH:
            # equally near (events of one sentence): the one listed nearest to ``span``
            found.append((gap, index if after else -index, index))
    return min(found)[2] if found else None


def merge_details(events: list[Event]) -> list[Event]:
    """Merge each detail sentence into the nearest attack told shortly before it."""
    merged: list[Event] = []
    for event in events:
        span = _span(event)
        index = _nearest_attack(merged, span) if span and _is_detail(event) else None
        if index is not None:
            merged[index] = _merge(merged[index], event)
            continue
        merged.append(event)
    return merged


_CONFIRMING = frozenset({"confirmed", "admitted", "acknowledged"})


def lend_confirmed_details(events: list[Event], published: dt.date | None) -> list[Event]:
    """Give an attack the date and toll that a confirmation of it states.

    "Jets bombed a depot outside Homs ..." followed by "The ministry confirmed
    that its aircraft hit the depot late on Monday": the
    confirmation (a statement event of its own) says when the strike happened. The
    attack confirmed is the one told just before it, else the one told just after it
    ("The army admitted the shelling ..., in which two farmers died"
    before the paragraph that tells the attack). Only what the attack lacks is lent.
    """
    result = list(events)
    for statement in events:
        span = _span(statement)
        if span is None or statement.type is not EventType.STATEMENT:
            continue
        sentence = statement.evidence[0].quote
        if not _CONFIRMING.intersection(words_of(sentence)):
            continue
        index = _nearest_attack(result, span)
        if index is None:
            index = _nearest_attack(result, span, after=True)
        if index is None:
            continue
        attack, update = result[index], {}
        words = find_occurrence_date_words(sentence)
        if words and attack.date is None:
            update["date"] = resolve_date(words, published)
        killed, injured = find_casualties(sentence)
        if killed and attack.killed is None:
            update["killed"] = parse_figure(killed)
        if injured and attack.injured is None:
            update["injured"] = parse_figure(injured)
        if update:
            result[index] = attack.model_copy(update=update)
    return result


def _is_series(event: Event) -> bool:
    return event.type is EventType.OTHER and any(
        is_counted_series(evidence.quote) for evidence in event.evidence
    )


def merge_series(events: list[Event]) -> list[Event]:
    """Merge the sentences counting an attack series into one event (one per article)."""
    merged: list[Event] = []
    series: int | None = None
    for event in events:
        if _is_series(event):
            if series is not None:
                merged[series] = _merge(merged[series], event)
                continue
            series = len(merged)
        merged.append(event)
    return merged


def merge_mentions(events: list[Event], published: dt.date | None = None) -> list[Event]:
    """Merge the mentions of one occurrence: details, series, then same-occurrence pairs.

    Events come back in the order the article tells them."""
    ordered = sorted(events, key=lambda e: (_span(e) or (0, 0))[0])
    merged: list[Event] = []
    ordered = lend_confirmed_details(merge_series(merge_details(ordered)), published)
    for event in ordered:
        for index, kept in enumerate(merged):
            if same_occurrence(kept, event, published):
                merged[index] = _merge(kept, event)
                break
        else:
            merged.append(event)
    return merged
