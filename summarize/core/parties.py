"""Who a party is: a name as the sentence spells it, anaphors, and a claim's speaker.

The labelling guide (evals/GUIDELINES.md §2.5, §3) names a party as the article named it;
"the group" or "this movement" is the organisation the parse named before (for a claim's
source, core/attribution.py resolves it while reading the attribution); and a claim's
claimant is who speaks ("the army spokesman said ..."), not a party inside what is said
("... said the troops were attacked"). A small model copies the nearest name; these
functions read the article's own words instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarize.core.attribution import (
    find_attributions,
    is_reporting_verb,
    noun_phrase,
    subject_of,
)
from summarize.core.cues import find_agency
from summarize.core.event_rules import find_name
from summarize.core.gazetteer import locate
from summarize.core.lexicon import ARTICLES, PRONOUNS
from summarize.core.nlp import parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# "the group", "this movement", "the Iraqi terrorist group": one group, described, not named
_ANAPHOR = re.compile(
    r"^(?:(?i:the|this|that)\s+)?(?:[A-Z][a-z]+(?:i|an|ish|ese)\s+)?"
    r"(?i:(?:armed|militant|extremist|terrorist|jihadist|insurgent)\s+)?"
    r"(?i:group|movement|organi[sz]ation|militia|faction|network)$"
)
_GROUP_ENTITIES = frozenset({"ORG", "NORP"})


def is_anaphor(name: str) -> bool:
    """True for "the group", "this movement", "the Iraqi terrorist group": one party the
    article named earlier, described instead of named."""
    return bool(_ANAPHOR.match(name.strip()))


def named_before(text: str, position: int) -> str | None:
    """The organisation or group the text last named before ``position``: the parse's last
    ORG or NORP entity that is not itself a description ("the group")."""
    found = None
    for entity in parse(text).ents:
        if entity.end_char > position:
            break
        if _is_group(entity):
            found = _without_article(entity.text)
    return found


def _without_article(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in ARTICLES else name


def _is_group(entity: Span) -> bool:
    """An organisation, or a people named as a noun ("the Houthis"); not a nationality
    adjective ("Iraqi forces"), a description ("the group") or a known place tagged as an
    organisation."""
    if entity.label_ not in _GROUP_ENTITIES or is_anaphor(entity.text):
        return False
    if find_agency(entity.text):  # the outlet that relays the news
        return False
    if entity.label_ == "NORP" and entity.root.dep_ in ("amod", "compound"):
        return False
    return locate(entity.text) is None


def resolve(name: str | None, text: str, position: int) -> str | None:
    """``name``, or for an anaphor ("the group") the group named before ``position``."""
    if name and is_anaphor(name):
        return named_before(text, position) or name
    return name


def as_written(sentence: str, name: str | None) -> str | None:
    """``name`` spelled as the sentence spells it ("U. S. forces" -> "U.S. forces")."""
    span = find_name(sentence, name) if name else None
    return sentence[span[0] : span[1]] if span else name


def said_by(sentence: str, position: int, named: str | None) -> str | None:
    """Who makes the statement whose verb starts at ``position``, when the model ``named``
    a party inside what is said ("X will host the show, the producers announced": the
    producers, not X) or what is announced ("X was announced as the host": not X). The
    source of the verb's attribution (:func:`~summarize.core.attribution.find_attributions`),
    or the agent of a passive verb; "" when none names a speaker ("it was announced that
    X ...", a pronoun); None when ``named`` is neither (the model's party stands)."""
    if not named:
        return None
    where = sentence.lower().find(named.lower())
    if where < 0:
        return None
    doc = parse(sentence)
    verb = next((t for t in doc if t.idx == position), None)
    if verb is None or verb.pos_ != "VERB":
        return None
    subject = subject_of(verb)
    if subject is not None and subject.dep_ == "nsubjpass":
        if not (_covers(subject, where) or _says(doc, verb, where)):
            return None
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return _named(by) if by is not None else ""
    if not _says(doc, verb, where):
        return None
    return _named(subject) if subject is not None else ""


def _says(doc: Doc, verb: Token, position: int) -> bool:
    """Whether the character at ``position`` is in the content of ``verb``'s attribution."""
    return any(
        a.cue_start == verb.idx and a.content[0] <= position < a.content[1]
        for a in find_attributions(doc)
    )


def _named(head: Token) -> str:
    """The noun phrase of ``head``; "" for a pronoun, which names no one."""
    if head.lower_ in PRONOUNS:
        return ""
    start, end = noun_phrase(head)
    return head.doc[start:end].text


def _covers(head: Token, position: int) -> bool:
    last = head.right_edge
    return head.left_edge.idx <= position < last.idx + len(last.text)


def speaker(sentence: str) -> tuple[str, int] | None:
    """The subject of the sentence's first reporting verb, when written before the verb,
    and where the verb starts (read from the parse).

    "Late on Friday, the army spokesman said ..." -> ("army spokesman", 35).
    None when the subject follows the verb ("..., said a spokesman") or is a pronoun.
    """
    doc = parse(sentence)
    for verb in doc:
        if not is_reporting_verb(verb):
            continue
        subject = subject_of(verb)
        if subject is not None and subject.dep_ == "nsubjpass":
            continue  # "rebels are believed to ...": what is said, not who says it
        if subject is None or subject.i > verb.i or subject.lower_ in PRONOUNS:
            return None
        start, end = noun_phrase(subject)
        return doc[start:end].text, verb.idx
    return None


def claimant_of(sentence: str, named: str | None) -> str | None:
    """The claim's claimant: the model's ``named`` party unless it is not in the sentence or
    stands inside what is said, and the sentence's speaker is written before the verb."""
    found = speaker(sentence)
    if found is None:
        return named
    who, verb = found
    where = sentence.lower().find(named.lower()) if named else -1
    if named and 0 <= where < verb:
        return named
    return who
