"""Turn the model's drafts into output items: align quotes, parse figures, resolve dates."""

from __future__ import annotations

import datetime as dt

from summarize.core.dates import resolve_date
from summarize.core.drafts import ClaimDraft, EventDraft
from summarize.core.grounding import align_quote
from summarize.core.numbers import parse_figure
from summarize.core.schema import Claim, Event, Location, Party


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return (
        stripped
        if stripped and stripped.lower() not in {"null", "none", "n/a", "unknown"}
        else None
    )


def build_event(
    draft: EventDraft, text: str, window: tuple[int, int], published: dt.date | None
) -> Event:
    """Build an event from a draft, grounding its quote in ``text`` near ``window``."""
    actor, target, place = _clean(draft.actor), _clean(draft.target), _clean(draft.place)
    date_text, killed, injured = _clean(draft.date), _clean(draft.killed), _clean(draft.injured)
    reporter = _clean(draft.reported_by)
    return Event(
        type=draft.type,
        actors=[Party(name=actor)] if actor else [],
        targets=[Party(name=target)] if target else [],
        location=Location(place=place) if place else None,
        date=resolve_date(date_text, published) if date_text else None,
        killed=parse_figure(killed) if killed else None,
        injured=parse_figure(injured) if injured else None,
        reported_by=[reporter] if reporter else [],
        evidence=[align_quote(draft.quote, text, window)],
    )


def build_claim(draft: ClaimDraft, text: str, window: tuple[int, int]) -> Claim:
    """Build a claim from a draft, grounding its quote in ``text`` near ``window``."""
    return Claim(
        assertion=draft.claim.strip(),
        claimant=_clean(draft.claimant),
        reported_via=_clean(draft.via),
        cue=_clean(draft.cue),
        factuality=draft.factuality,
        polarity=draft.polarity,
        evidence=[align_quote(draft.quote, text, window)],
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
