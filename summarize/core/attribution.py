"""Attributed statements read from the dependency parse: who said what, with which words.

An attribution (after PARC and PolNeAR) has a *source*, a *cue* and a *content*:

- a reporting verb (:data:`~summarize.core.lexicon.REPORTING_VERBS`) with a content clause
  ("ccomp", "parataxis" or "xcomp"): the verb's subject is the source ("the minister said
  taxes would rise", "'Taxes will rise,' said a spokesman");
- a reporting verb with an object and an object predicate ("the campaign called the charges
  unsubstantiated"): the object and the predicate are the content;
- a reporting verb that ends its sentence with a colon ("McCrummen reports:"): the next
  sentence (the quoted paragraph it introduces) is the content;
- a verb with no subject of its own takes that of the verb it hangs from ("..., adding
  that", "he spoke and said");
- "according to X": X is the source and the rest of the sentence the content;
- a speaker's label and a colon opening a sentence ("HARRIS: Well, the budget will pass"):
  the label is the source and the clause after it on its line the content.

A source that is a pronoun ("he", "she") or an anaphor ("the group") is resolved to the
last compatible named party before it: a person named before for "he"/"she", the last
source or organisation for "it"/"they"/"the group".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from summarize.core.cues import find_agency
from summarize.core.lexicon import (
    ARTICLES,
    CONTENT_DEPENDENCIES,
    PERSONAL_PRONOUNS,
    PLURAL_PRONOUNS,
    REPORTING_VERBS,
    STATEMENT_VERBS,
    SUBJECT_DEPENDENCIES,
)
from summarize.core.nlp import parse

_CUT_FROM_SOURCE = frozenset({"relcl", "acl", "punct", "advcl"})
_PERSON_LABELS = frozenset({"PERSON"})
_GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
_MIN_CONTENT_TOKENS = 2
_MAX_LABEL_TOKENS = 4
_SPEAKER_LABELS = frozenset({"PERSON", "ORG", ""})
_EDGE = frozenset(" \t\n\r\u00a0,;:")
_QUOTATION = re.compile(r"“[^“”]{2,}”|\"[^\"\n]{2,}\"")


@dataclass(frozen=True)
class Attribution:
    """One attributed statement, as character offsets into the parsed text."""

    sentence: tuple[int, int]
    cue: str
    content: tuple[int, int]
    cue_start: int = 0
    """Where the cue starts ("said", "according")."""
    clausal: bool = True
    """False when the content is a noun the cue states ("claimed [responsibility for the
    attack]"): its source may be the one who acted, not only a speaker."""
    source: tuple[int, int] | None = None
    source_text: str | None = None
    """The source as written ("he", "a spokesman for the ministry")."""
    claimant: str | None = None
    """The source with pronouns and anaphors resolved to a name given before
    (:func:`find_attributions`)."""


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution the parse shows, in text order.

    A content inside a quotation extends to the whole quotation, across sentences
    ("'We will win,' she said. 'They know it.'").
    """
    found: list[Attribution] = []
    quotations = [m.span() for m in _QUOTATION.finditer(doc.text)]
    for sentence in doc.sents:
        for token in sentence:
            attribution = (
                _verb_attribution(doc, sentence, token)
                or _according_to(doc, sentence, token)
                or _labelled(doc, sentence, token)
            )
            if attribution is not None:
                attribution = _resolved(doc, attribution, found)
                found.append(_with_quotation(doc.text, attribution, quotations))
    return found


def _resolved(doc: Doc, attribution: Attribution, earlier: list[Attribution]) -> Attribution:
    """The attribution with its source resolved when it is a pronoun or an anaphor: "he"
    and "she" to the last person named before; "it", "they" and "the group" to the last
    source named before that is not a person, else the last organisation or place."""
    from summarize.core.parties import is_anaphor

    written = attribution.source_text
    if written is None or attribution.source is None:
        return attribution
    word = written.lower()
    before = [e for e in doc.ents if e.end_char <= attribution.source[0]]
    if word in PERSONAL_PRONOUNS:
        people = [e.text for e in before if e.label_ in _PERSON_LABELS]
        name = people[-1] if people else None
    elif word in PLURAL_PRONOUNS or is_anaphor(written):
        sources = [
            a.claimant
            for a in earlier
            if a.claimant and a.claimant == a.source_text and not _is_person(doc, a)
        ]
        groups = [e.text for e in before if e.label_ in _GROUP_LABELS]
        name = sources[-1] if sources else groups[-1] if groups else None
    else:
        return attribution
    return replace(attribution, claimant=name or written)


def _is_person(doc: Doc, attribution: Attribution) -> bool:
    assert attribution.source is not None
    span = doc.char_span(*attribution.source, alignment_mode="expand")
    return span is not None and any(e.label_ in _PERSON_LABELS for e in span.ents)


def _with_quotation(
    text: str, attribution: Attribution, quotations: list[tuple[int, int]]
) -> Attribution:
    """The attribution with its content grown to cover the quotations it overlaps, or that
    open in its sentence after the content starts; inner quote marks and edge commas
    trimmed."""
    start, end = attribution.content
    sentence_start, sentence_end = attribution.sentence
    for q_start, q_end in quotations:
        overlaps = q_start < end and start < q_end
        opens_after = start <= q_start < sentence_end and q_start >= sentence_start
        if overlaps or opens_after:
            start, end = min(start, q_start + 1), max(end, q_end - 1)
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return replace(attribution, content=(start, end))


def is_reporting_verb(token: Token) -> bool:
    """True for a verb of :data:`~summarize.core.lexicon.REPORTING_VERBS` ("said", "denies")."""
    return token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS


def _verb_attribution(doc: Doc, sentence: Span, verb: Token) -> Attribution | None:
    if not is_reporting_verb(verb):
        return None
    if verb.i == sentence.start and verb.tag_ == "VB":
        return None  # an imperative addresses the reader ("Note: ...", "Read more: ...")
    content = [_untagged(c) for c in verb.children if _is_content(c)]
    clausal = True
    subject = subject_of(verb)
    if _relays(verb, subject):
        return None
    if content:
        tags = {t.i for head in content for tag in _speech_tags(head) for t in tag.subtree}
        span = _extent(t for head in content for t in head.subtree if t.i not in tags)
    elif subject is not None and (judged := _object_predicate(verb)) is not None:
        # "The campaign called the charges unsubstantiated": what the source says of a thing
        span = _extent(t for head in judged for t in head.subtree)
    elif subject is not None and (thing := _stated_object(verb)) is not None:
        # "The group claimed responsibility for the attack", "the ministry denied the report";
        # with no one stating it, a noun is no statement ("a vote for admitting new members")
        span = _extent(t for head in thing for t in head.subtree)
        clausal = False
    elif subject is not None and (after := _block_after_colon(sentence, verb)) is not None:
        # "McCrummen reports:" and the quoted paragraph after it
        span = after
    elif _is_speech_tag(verb):
        if subject is not None and find_agency(subject.text):
            return None  # "..., Reuters reported": the agency relays the claim it tags
        # "Taxes will rise, he said": the verb hangs from the content it reports
        inside = {t.i for t in verb.subtree}
        span = _extent(t for t in verb.head.subtree if t.i not in inside)
    else:
        return None
    if span is None or span[1] - span[0] < _MIN_CONTENT_TOKENS:
        return None
    return _attribution(doc, sentence, verb, span, subject, clausal=clausal)


def _block_after_colon(sentence: Span, verb: Token) -> tuple[int, int] | None:
    """Token indices of the sentence after ``sentence`` when ``verb`` ends its sentence with a
    colon ("The mayor said:"): what it introduces is the next paragraph or quotation."""
    words = [t for t in sentence if not t.is_space]
    doc = sentence.doc
    if len(words) < 2 or words[-1].text != ":" or words[-2].i != verb.i or sentence.end >= len(doc):
        return None
    return _extent(next(doc[sentence.end :].sents))


def _is_content(child: Token) -> bool:
    """A reporting verb's content clause; also a "that" clause the parser hung as an adverbial
    ("tweeted in the early hours [that the deal was dead]")."""
    if not _clause(child):
        return False
    if child.dep_ in CONTENT_DEPENDENCIES:
        return True
    first = child.left_edge
    return child.dep_ == "advcl" and first.lower_ == "that" and first.head.i == child.i


def _object_predicate(verb: Token) -> list[Token] | None:
    """The object, what the verb predicates of it and the phrases after ("called [the
    charges] [unfair] [to small shops]", "cited [the remarks] [as examples of ...]"), when
    the parse gives both; None otherwise."""
    thing = _object(verb)
    if thing is None:
        return None
    said = next(
        (
            c
            for c in verb.children
            if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as" and c.i > thing.i)
        ),
        None,
    )
    return _with_phrases_after(verb, [thing, said]) if said is not None else None


def _stated_object(verb: Token) -> list[Token] | None:
    """What a statement verb states when it takes a noun, not a clause: its object and the
    phrases after it ("claimed [responsibility] [for the attack]"); None for other verbs."""
    if verb.lemma_.lower() not in STATEMENT_VERBS:
        return None
    thing = _object(verb)
    return _with_phrases_after(verb, [thing]) if thing is not None else None


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _with_phrases_after(verb: Token, heads: list[Token]) -> list[Token]:
    """``heads`` and the verb's prepositional phrases after the last of them."""
    return [*heads, *(c for c in verb.children if c.dep_ == "prep" and c.i > heads[-1].i)]


def _tag_content(verb: Token) -> Token | None:
    """The content clause a reporting verb follows ("[the port will close], Reuters
    reported"), when it has one before it."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ in CONTENT_DEPENDENCIES and c.i < verb.i), None)


def _untagged(head: Token) -> Token:
    """A content clause without the relay tag the parse made its head ("said [the port
    will close, Reuters reported]" -> "the port will close")."""
    return _tag_content(head) or head


def _relays(verb: Token, subject: Token | None) -> bool:
    """True for a news agency's tag inside another attribution: the agency relays the
    claim ("The minister said the port will close, Reuters reported")."""
    inside_another = verb.dep_ in CONTENT_DEPENDENCIES and (
        verb.head.lemma_.lower() in REPORTING_VERBS
    )
    return (
        inside_another
        and _tag_content(verb) is not None
        and subject is not None
        and find_agency(subject.text) is not None
    )


def _is_speech_tag(verb: Token) -> bool:
    """True for a reporting verb that follows and hangs from the clause it reports
    ("Taxes will rise, he said"; "..., Reuters reported"; the parser also joins such a tag
    to the clause as a conjunct when a comma, not "and", comes before its subject). A clause
    opened by "that" or "if" is what is reported, not a tag."""
    return (
        (verb.dep_ in {"parataxis", "ccomp"} or _is_comma_conjunct(verb))
        and verb.head.i < verb.i
        and _clause(verb.head)
        and verb.lemma_.lower() in REPORTING_VERBS
        and not any(c.dep_ in CONTENT_DEPENDENCIES or c.dep_ == "mark" for c in verb.children)
    )


def _is_comma_conjunct(verb: Token) -> bool:
    """A conjunct clause with a subject of its own, after a comma ("..., the academy
    announced"), not after "and" ("he left and she said nothing")."""
    first = verb.left_edge
    return (
        verb.dep_ == "conj"
        and any(c.dep_ in SUBJECT_DEPENDENCIES for c in verb.children)
        and first.i > 0
        and verb.doc[first.i - 1].text == ","
    )


def _speech_tags(head: Token) -> list[Token]:
    """Speech tags inside a content clause: they are not part of what is reported."""
    return [t for t in head.subtree if t.i != head.i and _is_speech_tag(t)]


def _according_to(doc: Doc, sentence: Span, token: Token) -> Attribution | None:
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
    if source is None:
        return None
    phrase = {t.i for t in token.subtree}
    rest = [t for t in sentence if t.i not in phrase]
    span = _extent(rest)
    if span is None or span[1] - span[0] < _MIN_CONTENT_TOKENS:
        return None
    return _attribution(doc, sentence, token, span, source, cue="according to")


def _labelled(doc: Doc, sentence: Span, token: Token) -> Attribution | None:
    """A speaker's name, then a colon, opening the sentence: a transcript's turn ("PENCE:
    Well, look, ...") or a headline's quote ("Jane Doe: Voters Want Change"). The name is
    a person or an organisation the parse recognizes, or a word in capitals (a transcript's
    label); a place ("BAGHDAD:") or a page label ("Photo:") is not a speaker. The content
    is the rest of the label's line, and a verb in it has a subject."""
    if token.text != ":":
        return None
    label = [t for t in sentence if t.i < token.i and not t.is_punct]
    if not label or len(label) > _MAX_LABEL_TOKENS:
        return None
    if any(t.i < token.i and t.is_punct and t.text not in "\"“'‘" for t in sentence):
        return None
    entities = {t.ent_type_ for t in label}
    named = entities <= _SPEAKER_LABELS and all(t.ent_iob_ in ("B", "I") for t in label)
    capitals = all(t.is_upper and t.is_alpha for t in label) and not entities - _SPEAKER_LABELS
    if not (named or capitals) or not all(t.pos_ == "PROPN" or t.is_upper for t in label):
        return None
    line_end = doc.text.find("\n", token.idx)
    said = [
        t
        for t in doc[token.i + 1 : sentence.end]
        if (line_end < 0 or t.idx < line_end) and not t.is_space
    ]
    while said and said[-1].is_punct:
        said.pop()
    # what follows says something: a clause on the label's own line, not a topic ("X: a
    # hit or a miss?") or a time stamp ("PUBLISHED: MAY 2, 2013")
    clause = any(
        t.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPENDENCIES for c in t.children)
        for t in said
    )
    if len(said) < _MIN_CONTENT_TOKENS or not clause:
        return None
    content = (said[0].i, said[-1].i + 1)
    return _attribution(
        doc, sentence, token, content, label[-1], cue=":", source=(label[0].i, label[-1].i + 1)
    )


def _attribution(
    doc: Doc,
    sentence: Span,
    cue_token: Token,
    content: tuple[int, int],
    subject: Token | None,
    cue: str | None = None,
    clausal: bool = True,
    source: tuple[int, int] | None = None,
) -> Attribution:
    """The attribution with these tokens: the source is the subject's noun phrase, or the
    tokens ``source`` (start, end) when given."""
    if source is None and subject is not None:
        source = noun_phrase(subject)
    source_span = (doc[source[0]].idx, _end(doc[source[1] - 1])) if source else None
    source_text = doc.text[source_span[0] : source_span[1]] if source_span else None
    claimant = source_text
    return Attribution(
        sentence=(sentence.start_char, sentence.end_char),
        cue=(cue or cue_token.text).lower(),
        content=(doc[content[0]].idx, _end(doc[content[1] - 1])),
        cue_start=cue_token.idx,
        clausal=clausal,
        source=source_span,
        source_text=source_text,
        claimant=claimant,
    )


def _clause(token: Token) -> bool:
    """True when ``token`` heads a clause (a verb or an auxiliary, or any word with a
    subject: the tagger reads the curly "’s" of "It’s" as a noun), not a bare noun."""
    return token.pos_ in {"VERB", "AUX"} or any(
        c.dep_ in SUBJECT_DEPENDENCIES for c in token.children
    )


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject of the verb it is conjoined to or hangs from."""
    seen = 0
    while seen < 3:
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPENDENCIES), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"conj", "advcl", "xcomp"} or verb.head.i == verb.i:
            return None
        verb, seen = verb.head, seen + 1
    return None


def _extent(tokens: Iterable[Token]) -> tuple[int, int] | None:
    """Token indices (start, end) covering ``tokens``, without punctuation at either end."""
    kept = sorted(tokens, key=lambda t: t.i)
    while kept and (kept[0].is_punct or kept[0].is_space):
        kept.pop(0)
    while kept and (kept[-1].is_punct or kept[-1].is_space):
        kept.pop()
    return (kept[0].i, kept[-1].i + 1) if kept else None


def noun_phrase(head: Token) -> tuple[int, int]:
    """The head's phrase without relative clauses, trailing modifiers after a comma, or a
    leading article: "a spokesman for the ministry, who ..." -> "spokesman for the ministry"."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _CUT_FROM_SOURCE and child.i > head.i:
            continue
        tokens.extend(child.subtree)
    indices = sorted(t.i for t in tokens)
    start, end = indices[0], indices[-1] + 1
    doc = head.doc
    while start < end - 1 and (
        doc[start].is_punct or doc[start].is_space or doc[start].lower_ in ARTICLES
    ):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _end(token: Token) -> int:
    return token.idx + len(token.text)


def is_speaker(sentence: str, span: tuple[int, int]) -> bool:
    """True when ``span`` of ``sentence`` is the source of a statement the sentence reports
    and not inside what is stated ("The mayor said guerrillas set off the bomb": the mayor)."""
    start, end = span
    for attribution in find_attributions(parse(sentence)):
        source, content = attribution.source, attribution.content
        inside_content = content[0] <= start and end <= content[1]
        if not attribution.clausal:
            continue
        if source and source[0] < end and start < source[1] and not inside_content:
            return True
    return False
