"""An event's action: the words of its sentence that say what happened.

The action is the event's trigger in the sense of event annotation (ACE, ECB+): the verb
or noun that names the occurrence ("bombed", "the raid", "air strike", "condemned"). It is
read by code from the evidence sentence, never asked of the model, and kept with its
offsets, so a reader (or a coreference scorer) sees which words an event stands for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarize.core.attribution import is_reporting_verb
from summarize.core.cues import attack_noun_spans, attack_verb_spans, means_spans
from summarize.core.event_rules import SPEECH_TYPES
from summarize.core.nlp import parse
from summarize.core.schema import Alignment, Event, EventType, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_ACTION_TOKENS = 3
"""A longer matched phrase ("sent two battalions of troops") is shown by its head word."""


def find_action(
    sentence: str, event_type: EventType, anchors: tuple[str | None, ...] = ()
) -> tuple[int, int] | None:
    """Offsets in ``sentence`` of the words that tell an event of ``event_type``.

    Most specific first: the words of the type's means ("air strike", "car bomb", "vowed");
    for an attack, an attack noun ("the raid"), then an attack verb ("gunmen shot"; a verb
    often tells a consequence, "killed"); for a statement or a threat, a reporting verb;
    else the verb whose subject or object is one of ``anchors`` (the event's actor and
    target as written). A modifier and its noun are one action ("drone strike"); of
    several, the one nearest an anchor.
    """
    doc = parse(sentence)
    if event_type in SPEECH_TYPES:
        kinds = (lambda: means_spans(sentence, event_type), lambda: _reporting_verbs(doc))
    else:
        kinds = (
            lambda: means_spans(sentence, event_type),
            lambda: attack_noun_spans(sentence),
            lambda: attack_verb_spans(sentence),
        )
    candidates = next((found for kind in kinds if (found := kind())), None)
    if not candidates:
        candidates = _role_verbs(doc, anchors)
    if not candidates:
        return None
    found = _joined(doc, sorted({_whole_words(doc, span) for span in candidates}))
    places = [p for a in anchors if a for p in _positions(sentence, a)]
    if not places:
        return found[0]
    return min(found, key=lambda span: (min(_distance(span, p) for p in places), span[0]))


def action_of(event: Event) -> Evidence | None:
    """The action of ``event`` in its first located evidence sentence, with offsets in the
    article (an evidence quote is the article's own words at its offsets)."""
    evidence = next((e for e in event.evidence if e.grounded and e.start is not None), None)
    if evidence is None or evidence.start is None:
        return None
    roles = tuple(p.name for p in [*event.actors, *event.targets])
    span = find_action(evidence.quote, event.type, roles)
    if span is None:
        return None
    start, end = evidence.start + span[0], evidence.start + span[1]
    quote = evidence.quote[span[0] : span[1]]
    return Evidence(quote=quote, start=start, end=end, alignment=Alignment.EXACT)


def with_action(event: Event) -> Event:
    """``event`` with its action read from its evidence sentence (None when none is found)."""
    return event.model_copy(update={"action": action_of(event)})


def _reporting_verbs(doc: Doc) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in doc if is_reporting_verb(t)]


def _role_verbs(doc: Doc, anchors: tuple[str | None, ...]) -> list[tuple[int, int]]:
    """The verbs that govern an anchor's words, else the sentence's root verb."""
    spans = []
    for anchor in anchors:
        if not anchor:
            continue
        for start in _positions(doc.text, anchor):
            verb = next((t.head for t in doc if t.idx == start), None)
            while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb is not None and verb.pos_ == "VERB":
                spans.append((verb.idx, verb.idx + len(verb.text)))
    roots = [t for t in doc if t.dep_ == "ROOT" and t.pos_ == "VERB"]
    return spans or [(t.idx, t.idx + len(t.text)) for t in roots[:1]]


def _whole_words(doc: Doc, span: tuple[int, int]) -> tuple[int, int]:
    """The span widened to whole tokens; a phrase longer than :data:`MAX_ACTION_TOKENS`
    becomes its head word."""
    tokens = [t for t in doc if t.idx < span[1] and t.idx + len(t.text) > span[0]]
    if not tokens:
        return span
    if len(tokens) > MAX_ACTION_TOKENS:
        inside = {t.i for t in tokens}
        tokens = [next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _joined(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans in order; a span whose last word modifies the next span's first word, with
    only a space or hyphen between them, is joined to it ("drone strike", "car bomb")."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _modifies(doc, joined[-1], start):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def _modifies(doc: Doc, left: tuple[int, int], start: int) -> bool:
    if doc.text[left[1] : start].strip(" -"):
        return False
    last = next((t for t in reversed(doc) if t.idx < left[1]), None)
    return last is not None and last.dep_ in ("compound", "amod") and last.head.idx >= start


def _positions(sentence: str, words: str) -> list[int]:
    folded, needle = sentence.lower(), words.lower()
    found, position = [], folded.find(needle)
    while position >= 0:
        found.append(position)
        position = folded.find(needle, position + 1)
    return found


def _distance(span: tuple[int, int], position: int) -> int:
    if span[0] <= position < span[1]:
        return 0
    return min(abs(span[0] - position), abs(span[1] - position))
