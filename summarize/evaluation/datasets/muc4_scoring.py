"""MUC-4 measures of our summaries (pure code over text; the reader is in ``muc4``).

Role fillers (Du, Rush & Cardie 2021, GRIT). Per message and role the gold entities are the
union over its templates, merged and kept as GRIT's data/muc/scripts/preprocess.py does (an
entity whose strings are a subset or superset of an earlier one's is that entity; strings
not in the message are dropped). Predicted entities: the actors and targets of our incident
events ("... Front (FMLN)": one entity, two strings), merged when they share a string or
their head nouns (xinyadu/doc_event_role eval.py ``remove_duplicate_head_noun``). Gold and
predicted entities are paired one-to-one by optimal assignment (``assign``, Hungarian, as
GRIT's eval.py with linear_sum_assignment). A pair matches by
- head noun (``muc4_role_*``): after GRIT's ``normalize_string`` (lower case, no punctuation
  or a/an/the) the strings are equal or share a head noun, as xinyadu/doc_event_role eval.py
  ``match_head_noun`` (Du & Cardie 2020), which takes spaCy noun-chunk roots; with no model,
  a head is the last word of each chunk between prepositions, conjunctions and relative
  words ("group of students": group, students). Optional gold (``?``, optional templates,
  HUM TGT: DESCRIPTION victims) follows MUC-4: matched it counts, missed it is left out;
- exact (``muc4_grit_exact_*``): GRIT eval.py ``phi_strict`` (every predicted string is one
  of the gold's) on GRIT's gold: every entity required, Victim = HUM TGT: NAME.
Micro P/R/F1 per role and over the roles: TP = pairs, P = TP / predicted, R = TP / gold;
0 for a zero denominator (GRIT's convention).

Incidents: a message is a gold positive when one of its templates is not optional (only
optional ones: counted only when predicted, as a TP), a predicted positive when its summary
has an incident event. Templates and our incident events are paired one-to-one (optimal
assignment) by 0.5 role overlap (share of both sides' entities that head-noun match one on
the other side) + 0.2 location (a key place ``names_equal`` our place, area or country) +
0.15 date (our day in the key's range) + 0.15 type (ours is one the key allows); no pair
below 0.2. On pairs: type accuracy; killed / injured accuracy where the key gives a number
(our value lies in the key's count; no figure reads as 0). A failed document (summary None,
or absent) predicts nothing.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from summarize.core.compare import complete_figure, names_equal
from summarize.core.schema import ArticleSummary, Event, Figure, Party
from summarize.evaluation.datasets.muc4 import ROLES, Count, Muc4Gold, Muc4Incident, incident_type
from summarize.evaluation.matching import assign

WEIGHTS = {"roles": 0.5, "location": 0.2, "date": 0.15, "type": 0.15}
MIN_PAIR_SIMILARITY = 0.2


def _stem(word: str) -> str:
    """A plural's singular, roughly: men -> man, ies -> y, a final s dropped."""
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _words(text: str, stem: bool = True) -> frozenset[str]:
    return frozenset(_stem(word) if stem else word for word in text.split())


_BREAKS = _words(
    "of in at on from for with by to near into against and or but who which that whose as "
    "including inside outside between during after before",
    stem=False,
)
_PRONOUNS = _words("he she it they them him her we us you i his their its our", stem=False)
_COLLECTIVE = _words("group band column unit gang team number couple pair")
_PEOPLE = _words(
    """guerrilla rebel individual person people member commando troop agent assailant subversive
    insurgent militant criminal youth student civilian peasant priest jesuit nun child children
    minor resident hostage victim official judge justice magistrate bodyguard guards escort
    mayor president candidate deputy colonel lieutenant employee personnel staff crew family
    relative wife son daughter brother friend citizen tourist guest missionary diplomat
    technician campesino sailor maid cook vendor pedestrian passerby patient demonstrator
    population politician correspondent others wounded injured dead assassin suspect mr mrs ms
    dr gen general col maj major capt captain lt sgt father fr bishop archbishop monsignor msgr
    attorney ambassador consul girl boy"""
)
_PERSON_ENDING = re.compile(r"\w+(?:ians?|ans|ards|ists?|ers?|ors?)|\w*m[ae]n")
"""Nationalities, "-ist", "-er", "-or", "-man": soldier, terrorist, driver, policeman."""
_ORG_WORDS = _words(
    """front army movement party command organization organisation union alliance cartel brigade
    council committee federation association government ministry force police military squad
    corps battalion regime extraditables junta agency commission mafia militia faction group unit
    coordinator board institute path sendero luminoso"""
)
_GENERIC = _words(
    """death terrorist paramilitary rightist leftist ultrarightist extremist armed unidentified
    unknown urban rural guerrilla rebel criminal drug trafficking subversive several some two
    other different group squad unit"""
)
_UNNAMED = _words("group squad unit")
"""An unnamed group ("death squads", "paramilitary groups") is a MUC-4 PerpInd."""
_THINGS = _words(
    """building house home office headquarters embassy consulate bank branch branches bus buses
    vehicle car automobile truck dumptruck jeep ambulance tower pylon post station substation
    transformer plant refinery facility school church churches monastery residence mansion farm
    bridge pipeline pipe store shop drugstore pharmacy business businesses establishment plane
    aircraft helicopter ship boat hotel restaurant theater studio installation line system
    exchange transportation telephone booth box boxes table stand base camp barracks garrison
    airport port road highway railway dam factory warehouse market mall park university hospital
    clinic newspaper radio television channel power electricity network pole tank tanker train
    property premises company firm corporation dealership center centre club palace hall
    structure window town village city harvest"""
)


def _is(word: str | None, vocabulary: frozenset[str]) -> bool:
    return word is not None and _stem(word) in vocabulary


_ALIASES = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")


def normalize_string(text: str) -> str:
    """GRIT's eval.py ``normalize_string``: lower case; punctuation, a/an/the removed."""
    text = "".join(ch for ch in text.lower() if ch not in string.punctuation)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", text).split())


def _chunks(text: str) -> list[list[str]]:
    """Words between prepositions, conjunctions and relative words (pronouns, digits left out)."""
    chunks, chunk = [], []
    for token in [*normalize_string(text).split(), "of"]:
        if token in _BREAKS:
            chunks += [chunk] if chunk else []
            chunk = []
        elif token not in _PRONOUNS and not token.isdigit():
            chunk.append(token)
    return chunks


def head_nouns(text: str) -> frozenset[str]:
    """The last word of each chunk ("group of students" -> group, students)."""
    return frozenset(chunk[-1] for chunk in _chunks(text))


def _first_head(text: str) -> str | None:
    """The head of the first chunk ("members of the FMLN" -> members; "group of men" -> men)."""
    chunks = _chunks(text)
    if len(chunks) > 1 and _is(chunks[0][-1], _COLLECTIVE):
        return chunks[1][-1]
    return chunks[0][-1] if chunks else None


@dataclass(frozen=True)
class Filler:
    """An entity for scoring: its alternative strings (normalized) and their head nouns."""

    mentions: tuple[str, ...]
    optional: bool = False
    shown: str = ""

    def heads(self) -> frozenset[str]:
        """Head nouns of all its strings."""
        return frozenset().union(*(head_nouns(m) for m in self.mentions))


def head_noun_match(predicted: Filler, gold: Filler) -> bool:
    """doc_event_role eval.py ``match_head_noun``: equal strings or a shared head noun."""
    if set(predicted.mentions) & set(gold.mentions):
        return True
    return any(head_nouns(p) & head_nouns(g) for p in predicted.mentions for g in gold.mentions)


def exact_match(predicted: Filler, gold: Filler) -> bool:
    """GRIT eval.py ``phi_strict``: every predicted string is one of the gold's."""
    return all(m in gold.mentions for m in predicted.mentions)


def gold_fillers(gold: Muc4Gold, role: str, *, grit: bool = False) -> list[Filler]:
    """The message's gold entities of ``role``: merged over templates, strings in the text."""
    entities = []
    for incident in gold.incidents:
        entities += [(e.mentions, e.optional and not grit) for e in incident.roles.get(role, ())]
        if role == "Victim" and not grit:
            entities += [(e.mentions, True) for e in incident.described_victims]
    merged: list[tuple[tuple[str, ...], bool]] = []
    for mentions, optional in entities:
        new = {m.lower() for m in mentions}
        at = next((i for i, (seen, _) in enumerate(merged) if _nested(new, seen)), None)
        if at is None:
            merged.append((mentions, optional))
        else:
            merged[at] = (merged[at][0], merged[at][1] and optional)
    text = " ".join(gold.document.text.lower().split())
    fillers = []
    for mentions, optional in merged:
        if found := [m for m in mentions if " ".join(m.lower().split()) in text]:
            normal = tuple(dict.fromkeys(normalize_string(m) for m in found))
            fillers.append(Filler(normal, optional, found[0]))
    return fillers


def _nested(new: set[str], seen: Sequence[str]) -> bool:
    old = {m.lower() for m in seen}
    return new <= old or old <= new


def _is_acronym(name: str, text: str) -> bool:
    """A token the article spells out ("... FRONT (FMLN)"), has digits (M-19), stands in
    capitals in a name that is not (the FMLN), or is the whole name in two to four letters."""
    tokens = re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", name)
    for token in tokens:
        if not 2 <= len(token) <= 7 or not token.isupper():
            continue
        quoted = re.escape(token)
        spelled = re.search(rf"[(\[]\s*{quoted}\s*[)\]]|\b{quoted}\s*\[", text, re.I)
        short = len(tokens) == 1 < len(token) < 5
        if spelled or short or not name.isupper() or any(c.isdigit() for c in token):
            return True
    return False


def _people(head: str | None) -> bool:
    return _is(head, _PEOPLE) or _PERSON_ENDING.fullmatch(head or "") is not None


def actor_role(party: Party, text: str) -> str:
    """PerpOrg for a named group (a group word with a name, an acronym), else PerpInd (people
    words, a person's name, an unnamed group: "death squads", "terrorist groups")."""
    if _people(_first_head(party.name)):
        return "PerpInd"
    if _is_acronym(party.name, text):
        return "PerpOrg"
    words = {_stem(w) for w in normalize_string(party.name).split()}
    if _is(_first_head(party.name), _UNNAMED) and words <= _GENERIC:
        return "PerpInd"
    if words & _ORG_WORDS:
        return "PerpOrg"
    if party.description and _is(_first_head(party.description), _ORG_WORDS):
        return "PerpOrg"
    return "PerpInd"


def target_role(party: Party) -> str:
    """Victim for people (people words, a title, a name of two to four words), else Target."""
    head = _first_head(party.name)
    words = normalize_string(party.name).split()
    if _is(head, _THINGS):
        return "Target"
    if _people(head) or (words and _is(words[0], _PEOPLE)):
        return "Victim"
    if {_stem(w) for w in words} & (_THINGS | _ORG_WORDS):
        return "Target"
    if party.description and _people(_first_head(party.description)):
        return "Victim"
    return "Victim" if 2 <= len(words) <= 4 and all(w.isalpha() for w in words) else "Target"


def name_filler(name: str) -> Filler | None:
    """A name as an entity, and a bracketed alias in it ("... Front (FMLN)") as another."""
    strings = [_ALIASES.sub("", name), *_ALIASES.findall(name)]
    normal = tuple(dict.fromkeys(n for n in (normalize_string(s) for s in strings) if n))
    return Filler(normal, shown=name) if normal else None


def _merge(fillers: Sequence[Filler], *, by_heads: bool) -> list[Filler]:
    merged: list[Filler] = []
    for filler in fillers:
        for index, seen in enumerate(merged):
            same = set(seen.mentions) & set(filler.mentions)
            if same or (by_heads and seen.heads() and seen.heads() == filler.heads()):
                mentions = tuple(dict.fromkeys(seen.mentions + filler.mentions))
                merged[index] = Filler(mentions, shown=seen.shown)
                break
        else:
            merged.append(filler)
    return merged


def predicted_fillers(
    summary: ArticleSummary | None, text: str, *, by_heads: bool = True
) -> dict[str, list[Filler]]:
    """Role -> entities from the actors and targets of the summary's incident events."""
    found: dict[str, list[Filler]] = {role: [] for role in ROLES}
    for event in [e for e in summary.events if incident_type(e)] if summary else []:
        parties = [(actor_role(p, text), p) for p in event.actors]
        for role, party in parties + [(target_role(p), p) for p in event.targets]:
            found[role] += [f] if (f := name_filler(party.name)) else []
        for instrument in event.instruments:
            found["Weapon"] += [f] if (f := name_filler(instrument)) else []
    return {role: _merge(fillers, by_heads=by_heads) for role, fillers in found.items()}


class Tally(BaseModel):
    """Matched pairs, predicted entities, gold entities (required + matched optional)."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Tally) -> Tally:
        fields = ("tp", "predicted", "gold")
        return Tally(**{f: getattr(self, f) + getattr(other, f) for f in fields})

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1 (0 for a zero denominator, as GRIT's eval.py)."""
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match_role(
    gold: Sequence[Filler], predicted: Sequence[Filler], matches: Callable[[Filler, Filler], bool]
) -> tuple[Tally, list[Filler], list[Filler]]:
    """One-to-one pairs maximizing matches (required gold first): tally, missed, spurious."""
    bonus = 1.0 / (min(len(gold), len(predicted)) + 1)
    matrix = [
        [(1.0 if g.optional else 1.0 + bonus) if matches(p, g) else 0.0 for p in predicted]
        for g in gold
    ]
    pairs = assign(matrix, 0.5)
    paired_gold, paired_predicted = {g for g, _, _ in pairs}, {p for _, p, _ in pairs}
    counted = sum(1 for i, g in enumerate(gold) if not g.optional or i in paired_gold)
    missed = [g for i, g in enumerate(gold) if i not in paired_gold and not g.optional]
    spurious = [p for i, p in enumerate(predicted) if i not in paired_predicted]
    return Tally(tp=len(pairs), predicted=len(predicted), gold=counted), missed, spurious


def _overlap(gold: Sequence[Filler], predicted: Sequence[Filler]) -> float:
    if not gold or not predicted:
        return 0.0
    found = sum(any(head_noun_match(p, g) for p in predicted) for g in gold)
    found += sum(any(head_noun_match(p, g) for g in gold) for p in predicted)
    return found / (len(gold) + len(predicted))


def pair_similarity(incident: Muc4Incident, event: Event) -> float:
    """How alike a gold template and one of our incident events are (weights: WEIGHTS)."""
    entities = [e for r in ROLES[:-1] for e in incident.roles.get(r, ())]
    entities += incident.described_victims
    gold = [Filler(tuple(normalize_string(m) for m in e.mentions)) for e in entities]
    predicted = [f for p in [*event.actors, *event.targets] if (f := name_filler(p.name))]
    where = event.location
    places = [where.place, where.admin_area, where.country] if where else []
    location = any(names_equal(k, p) for k in incident.locations for p in places if p)
    day, low, high = event.date.iso if event.date else None, incident.date_low, incident.date_high
    date = bool(day and high and day <= high and (low is None or low <= day))
    return (
        WEIGHTS["roles"] * _overlap(gold, predicted)
        + WEIGHTS["location"] * location
        + WEIGHTS["date"] * date
        + WEIGHTS["type"] * (incident_type(event) in incident.types)
    )


def count_correct(gold: Count, predicted: Figure | None) -> bool:
    """Our figure's value lies within the key's count (no figure reads as 0)."""
    value = complete_figure(predicted).value if predicted else 0
    return value is not None and gold.admits(value)


class MessageResult(BaseModel):
    """One message's outcome, for the report's worst list."""

    id: str
    gold_incident: bool | None = Field(description="None: only optional templates.")
    predicted_incident: bool = False
    failed: bool = False
    missed: list[str] = Field(default_factory=list)
    spurious: list[str] = Field(default_factory=list)
    wrong: list[str] = Field(default_factory=list)

    @property
    def errors(self) -> int:
        """Missed and spurious entities, wrong fields, and a wrong incident decision."""
        detection = self.gold_incident is not None and self.gold_incident != self.predicted_incident
        return len(self.missed) + len(self.spurious) + len(self.wrong) + int(detection)


class Accuracy(BaseModel):
    """Correct out of scored."""

    correct: int = 0
    scored: int = 0

    def value(self) -> float | None:
        """correct / scored; None when nothing was scored."""
        return self.correct / self.scored if self.scored else None


def _total(tallies: Mapping[str, Tally], roles: Sequence[str] = ROLES) -> Tally:
    return sum((tallies[role] for role in roles), Tally())


def _shown(measure: Tally | Accuracy) -> str:
    """ "40.0 / 30.0 / 34.3 (TP; predicted; gold)" or "80.0% (12 of 15)"."""
    if isinstance(measure, Accuracy):
        value = "n/a" if measure.value() is None else f"{100 * (measure.value() or 0):.1f}%"
        return f"{value} ({measure.correct} of {measure.scored})"
    p, r, f = (f"{100 * x:.1f}" for x in measure.prf())
    return f"{p} / {r} / {f} ({measure.tp}; {measure.predicted}; {measure.gold})"


_LISTED = ("missed", "spurious", "wrong")
_ACCURACIES = (
    ("type", "types"),
    ("killed", "killed"),
    ("injured", "injured"),
    ("country", "countries"),
)


class Muc4Score(BaseModel):
    """The MUC-4 measures of a run (module docstring)."""

    roles: dict[str, Tally] = Field(default_factory=lambda: {r: Tally() for r in ROLES})
    grit_exact: dict[str, Tally] = Field(default_factory=lambda: {r: Tally() for r in ROLES})
    incidents: Tally = Field(default_factory=Tally)
    types: Accuracy = Field(default_factory=Accuracy)
    killed: Accuracy = Field(default_factory=Accuracy)
    injured: Accuracy = Field(default_factory=Accuracy)
    countries: Accuracy = Field(default_factory=Accuracy)
    messages: list[MessageResult] = Field(default_factory=list)

    def metrics(self) -> dict[str, float | None]:
        """Flat measures, keys prefixed ``muc4_``."""
        tallies = {"role": _total(self.roles), "role_excl_weapon": _total(self.roles, ROLES[:-1])}
        tallies |= {role.lower(): self.roles[role] for role in ROLES}
        tallies |= {"grit_exact": _total(self.grit_exact), "incident": self.incidents}
        out: dict[str, float | None] = {}
        for prefix, tally in tallies.items():
            for name, value in zip(("precision", "recall", "f1"), tally.prf(), strict=True):
                out[f"muc4_{prefix}_{name}"] = value
        out |= {f"muc4_{name}_accuracy": getattr(self, f).value() for name, f in _ACCURACIES}
        out["muc4_paired_incidents"] = float(self.types.scored)
        out["muc4_messages"] = float(len(self.messages))
        out["muc4_relevant_messages"] = float(sum(bool(m.gold_incident) for m in self.messages))
        out["muc4_failed"] = float(sum(m.failed for m in self.messages))
        return out

    def rows(self) -> list[tuple[str, str]]:
        """The report table: (measure, value); P / R / F1 in %, then (TP; predicted; gold)."""
        relevant = sum(bool(m.gold_incident) for m in self.messages)
        failed = sum(m.failed for m in self.messages)
        return [
            ("Messages", f"{len(self.messages)} ({relevant} relevant, {failed} failed)"),
            ("Role fillers, head noun: P / R / F1", _shown(_total(self.roles))),
            *[(f"  {role}", _shown(self.roles[role])) for role in ROLES],
            ("Role fillers without Weapon", _shown(_total(self.roles, ROLES[:-1]))),
            ("Role fillers, GRIT exact match", _shown(_total(self.grit_exact))),
            ("Incident detection: P / R / F1", _shown(self.incidents)),
            ("Incident type accuracy (paired)", _shown(self.types)),
            ("Killed accuracy (paired, key gives a number)", _shown(self.killed)),
            ("Injured accuracy (paired, key gives a number)", _shown(self.injured)),
            ("Country accuracy (paired, key gives a place)", _shown(self.countries)),
        ]

    def worst(self, count: int) -> list[str]:
        """One line per message with the most errors: what was missed, spurious or wrong."""
        ranked = sorted((m for m in self.messages if m.errors), key=lambda m: (-m.errors, m.id))
        lines = []
        for m in ranked[: max(count, 0)]:
            parts = ["failed"] if m.failed else []
            if m.gold_incident and not m.predicted_incident:
                parts.append("incident not detected")
            if m.gold_incident is False and m.predicted_incident:
                parts.append("incident predicted in an irrelevant message")
            for label, items in zip(_LISTED, (m.missed, m.spurious, m.wrong), strict=True):
                more = f" (+{len(items) - 5} more)" if len(items) > 5 else ""
                parts += [f"{label} {', '.join(items[:5])}{more}"] if items else []
            lines.append(f"{m.id}: " + "; ".join(parts))
        return lines


def _score_message(gold: Muc4Gold, summary: ArticleSummary | None, score: Muc4Score) -> None:
    text = gold.document.text
    events = [e for e in (summary.events if summary else []) if incident_type(e)]
    result = MessageResult(
        id=gold.document.id,
        gold_incident=gold.relevant if gold.relevant or not gold.incidents else None,
        predicted_incident=bool(events),
        failed=summary is None,
    )
    ours, exact = predicted_fillers(summary, text), predicted_fillers(summary, text, by_heads=False)
    for role in ROLES:
        tally, missed, spurious = match_role(gold_fillers(gold, role), ours[role], head_noun_match)
        score.roles[role] += tally
        result.missed += [f"{role} {f.shown!r}" for f in missed]
        result.spurious += [f"{role} {f.shown!r}" for f in spurious]
        grit = match_role(gold_fillers(gold, role, grit=True), exact[role], exact_match)
        score.grit_exact[role] += grit[0]
    found = int(bool(events) and result.gold_incident is not False)
    score.incidents += Tally(
        tp=found, predicted=int(bool(events)), gold=int(gold.relevant) or found
    )
    matrix = [[pair_similarity(i, e) for e in events] for i in gold.incidents]
    for row, col, _ in assign(matrix, MIN_PAIR_SIMILARITY):
        incident, event = gold.incidents[row], events[col]
        kind = incident_type(event)
        score.types.scored += 1
        score.types.correct += kind in incident.types
        if incident.locations:  # "EL SALVADOR: SAN SALVADOR (CITY)": the country first
            country = event.location.country if event.location else None
            score.countries.scored += 1
            score.countries.correct += names_equal(incident.locations[0], country)
        if kind not in incident.types:
            result.wrong.append(f"type {kind} for {'/'.join(incident.types)}")
        for name in ("killed", "injured"):
            key, figure, accuracy = (
                getattr(incident, name),
                getattr(event, name),
                getattr(score, name),
            )
            if key is not None:
                accuracy.scored += 1
                accuracy.correct += count_correct(key, figure)
            if key is not None and not count_correct(key, figure):
                shown = f"{key.low}-{'' if key.high is None else key.high}"
                result.wrong.append(f"{name} {figure.text if figure else 'none'!r} for {shown}")
    score.messages.append(result)


def score_messages(
    golds: Sequence[Muc4Gold], summaries: Mapping[str, ArticleSummary | None]
) -> Muc4Score:
    """The MUC-4 measures of ``summaries`` (by document id; None or absent: failed)."""
    score = Muc4Score()
    for gold in golds:
        _score_message(gold, summaries.get(gold.document.id), score)
    return score
