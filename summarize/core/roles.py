"""Who attacked whom, read from the parse of an attack's sentence.

The subject of an attack verb (:data:`ATTACK_VERBS`) is the actor and its object the
target; in the passive ("the mayor was shot by gunmen") the subject is the target and the
agent the actor. Used for the roles the model left empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarize.core.attribution import noun_phrase
from summarize.core.instruments import is_instrument
from summarize.core.lexicon import ATTACK_VERBS
from summarize.core.nlp import parse

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Roles:
    """The actor and target of the sentence's first attack verb, as written."""

    actor: str | None = None
    target: str | None = None


def attack_roles(sentence: str) -> Roles:
    """The roles of the sentence's first attack verb that has a subject or an object."""
    doc = parse(sentence)
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ATTACK_VERBS:
            continue
        children = {child.dep_: child for child in verb.children}
        agent = children.get("agent")
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if "nsubjpass" in children:
            actor, target = by, children["nsubjpass"]
        else:
            actor, target = children.get("nsubj"), children.get("dobj")
        if actor is None and target is None:
            continue
        return Roles(_text(actor), _text(target))
    return Roles()


def _text(head: Token | None) -> str | None:
    """The head's noun phrase; None for a pronoun or a weapon ("a bomb damaged ...")."""
    if head is None or head.pos_ == "PRON":
        return None
    start, end = noun_phrase(head)
    text = head.doc[start:end].text.strip()
    return text if text and not is_instrument(text) else None
