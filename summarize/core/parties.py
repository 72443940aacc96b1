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

from summarize.core.cues import find_agency
from summarize.core.event_rules import find_name
from summarize.core.gazetteer import locate
from summarize.core.lexicon import SAYING_VERBS, STATEMENT_VERBS, THREAT_VERBS, verb_pattern
from summarize.core.nlp import parse

if TYPE_CHECKING:
    from spacy.tokens import Span

# "the group", "this movement", "the Iraqi terrorist group": one group, described, not named
_ANAPHOR = re.compile(
    r"^(?:(?i:the|this|that)\s+)?(?:[A-Z][a-z]+(?:i|an|ish|ese)\s+)?"
    r"(?i:(?:armed|militant|extremist|terrorist|jihadist|insurgent)\s+)?"
    r"(?i:group|movement|organi[sz]ation|militia|faction|network)$"
)
_GROUP_ENTITIES = frozenset({"ORG", "NORP"})
_SPEECH = re.compile(
    r"\b(?:(?:has|have|had)\s+)?"
    + verb_pattern(SAYING_VERBS | STATEMENT_VERBS | THREAT_VERBS | {"insist"}, "past")
    + r"|\bsays\b",
    re.I,
)
_CLAUSE_START = re.compile(r"(?:^|[,;:“”\"]|\bthat\b|\band\b|\bbut\b)\s*", re.I)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_MAX_SPEAKER_WORDS = 6
_PRONOUN = re.compile(r"^(?:it|they|he|she|we|i|you|this|that)$", re.I)
# "..., where they confirmed": a subordinate clause's subject is not the sentence's speaker
_SUBORDINATE = re.compile(
    r"^(?:where|which|who|whom|whose|when|as|after|before|while|because|if|since|until)\b", re.I
)
_TRAILING_ADVERB = re.compile(
    r"(?:\s+(?:also|later|then|earlier|previously|reportedly|again|already))+$", re.I
)


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
            found = _LEADING_ARTICLE.sub("", entity.text)
    return found


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


def speaker(sentence: str) -> tuple[str, int] | None:
    """The speaker of the sentence's first speech verb and where the verb starts.

    "Late on Friday, the army spokesman said ..." -> ("army spokesman", 35).
    None when the verb has no subject of a few words before it in its clause ("..., said
    a spokesman" puts the speaker after the verb).
    """
    verb = _SPEECH.search(sentence)
    if verb is None:
        return None
    before = sentence[: verb.start()]
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    subject = _TRAILING_ADVERB.sub("", before[max(starts, default=0) :].strip())
    words = subject.split()
    if (
        not words
        or len(words) > _MAX_SPEAKER_WORDS
        or _PRONOUN.match(subject)
        or _SUBORDINATE.match(subject)
    ):
        return None
    return _LEADING_ARTICLE.sub("", subject), verb.start()


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
