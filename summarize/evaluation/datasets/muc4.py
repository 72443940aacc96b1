"""MUC-4 (1992 terrorism template filling) as an evaluation set: reader and adapter.

The corpus is read as distributed (``<data>/<split>/``): message files (``tst2-muc4``,
``tst1-muc3``, ``dev-muc3-*``), several messages per file, each starting with a line such
as ``TST2-MUC4-0002``; answer keys (``key-*``), one template per incident with 25
numbered slots. The scores are in :mod:`summarize.evaluation.datasets.muc4_scoring`.

Key notation read here: ``"A" / "B"`` alternative strings for one entity; a continuation
line is a further entity of the same slot; a leading ``?`` marks an optional fill;
``-`` empty; ``*`` not applicable; ``LABEL: "A"`` a set fill about the entity ``"A"``;
``MESSAGE: TEMPLATE`` ``N (OPTIONAL)`` an optional template, ``*`` an irrelevant message
(no incident). Slot 0 ``MESSAGE: ID`` loses its trailing ``(SITE)`` annotation.

Mapping of MUC-4 labels onto our schema (``Event``; the rules in muc4_scoring):

- incident (a relevant template) <- an event of an incident type: ``bombing`` -> BOMBING;
  ``armed_clash``, ``air_or_drone_strike``, ``drone_attack``, ``rocket_or_missile_attack``
  -> ATTACK; ``other`` -> the first of KIDNAPPING, ARSON, ROBBERY, FORCED WORK STOPPAGE,
  BOMBING, ATTACK whose words its evidence quotes use (:data:`OTHER_ACTS`: kidnap, set
  fire, rob, armed strike, bomb, kill ...); ``other`` without such words is no incident.
- PERP: INDIVIDUAL ID (PerpInd) <- ``actors`` that are people ("guerrillas", "members of
  the FMLN", a person's name) or an unnamed group ("death squads", "terrorist groups").
- PERP: ORGANIZATION ID (PerpOrg) <- ``actors`` that are named groups (a group word: front,
  army, movement, party, command, police, cartel ...; or an acronym the article spells out).
- PHYS TGT: ID (Target) <- ``targets`` that are not people.
- HUM TGT: NAME (Victim) <- ``targets`` that are people (a name, a title, a people word);
  HUM TGT: DESCRIPTION fills not tied to a name ("JESUITS") count as optional victims.
- INCIDENT: INSTRUMENT ID (Weapon) <- ``instruments`` (the weapons its sentence names).
- INCIDENT: DATE <- ``date``, INCIDENT: LOCATION <- ``location``: used to pair templates
  with our events; the location's first name (its country) is also scored against the
  paired event's ``location.country`` (country accuracy). HUM TGT: EFFECT DEATH / INJURY
  with NUMBER <- ``killed`` / ``injured``.

Not incidents: ``statement``, ``threat``, ``sanctions``, ``troop_deployment``, ``arrest``
and ``other`` without an act word; their actors and targets are not scored.

What does not map:

- INCIDENT: INSTRUMENT TYPE (BOMB, GUN, ...): no field; ``muc4_role_excl_weapon_*``
  reports the four roles other than Weapon, as before ``instruments`` existed.
- INCIDENT: STAGE OF EXECUTION (ACCOMPLISHED / ATTEMPTED / THREATENED): no field. A
  THREATENED template is still a gold incident, but our ``threat`` events are not
  incidents, so such templates can only be missed.
- PERP: INCIDENT CATEGORY, PERP: ORGANIZATION CONFIDENCE, PHYS / HUM TGT: TYPE, PHYS TGT:
  NUMBER, FOREIGN NATION, PHYS TGT: EFFECT (damage): no fields; read or skipped, not scored.
- Relevance: MUC-4 keeps only terrorist incidents; an ACLED-style ``armed_clash`` (army
  vs. guerrillas in combat) counts as an incident of ours and may be a false positive.
- Our ``reported_by`` and claims have no MUC-4 counterpart.

Killed / injured (per template): the HUM TGT: EFFECT OF INCIDENT lines naming DEATH
(INJURY) pick the human-target entities; their HUM TGT: NUMBER fills (``1``, ``6``,
``~100`` about, ``5-`` at least, ``-26`` at most, ``2 - 4`` range; alternatives give the
hull) are summed. When one of them has no number (``PLURAL``) and every listed human
target died (was injured), HUM TGT: TOTAL NUMBER is used. Effect lines that exist but
name no DEATH (INJURY), e.g. ``NO INJURY OR DEATH``, give 0. Optional (``?``) or mixed
effect lines (``INJURY / DEATH``) and anything else give no number (None, not scored).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from summarize.core.schema import ArticleSummary, Event, EventType
from summarize.evaluation.datasets import CorpusDocument

if TYPE_CHECKING:
    from summarize.evaluation.datasets.muc4_scoring import Muc4Score

NAME = "muc4"
SPLITS = ("dev", "tst1", "tst2")
DEFAULT_SPLIT = "tst2"

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
"""The role-filler roles of the GRIT measure, in report order."""

ROLE_SLOTS = {"PerpInd": 9, "PerpOrg": 10, "Target": 12, "Victim": 18, "Weapon": 6}
"""Key slot of each role (as in GRIT's preprocessing: Victim is HUM TGT: NAME)."""

INCIDENT_TYPES = {
    EventType.BOMBING: "BOMBING",
    EventType.ARMED_CLASH: "ATTACK",
    EventType.AIR_OR_DRONE_STRIKE: "ATTACK",
    EventType.DRONE_ATTACK: "ATTACK",
    EventType.ROCKET_OR_MISSILE_ATTACK: "ATTACK",
}
"""Our event types that are MUC-4 incidents, with their MUC type; ``other`` by its words."""

_ATTACK_WORDS = (
    r"\battack|\bkill|\bmurder|\bassassin|\bshot\b|\bshoot|\bgunfire|\bmachinegun|\bmassacre|"
    r"\bambush|\bwound|\bslain|\bslay"
)
OTHER_ACTS = (
    ("KIDNAPPING", re.compile(r"\bkidnap|\babduct|\bhostage", re.I)),
    ("ARSON", re.compile(r"\barson|\bset (?:\w+ )?(?:on )?fire|\bburn|\btorch|incendiar", re.I)),
    ("ROBBERY", re.compile(r"\brob(?:b|s\b|\b)|\bstole|\bsteal|\bloot|\bhold-?up", re.I)),
    ("FORCED WORK STOPPAGE", re.compile(r"\barmed strike|\bwork stoppage", re.I)),
    ("BOMBING", re.compile(r"\bbomb|\bexplo|\bdynamite|\bblast|\bdetonat", re.I)),
    ("ATTACK", re.compile(_ATTACK_WORDS, re.I)),
)
"""An ``other`` event is an incident of the first type whose words its evidence quotes use."""

SLOT_NAMES = tuple(
    name.strip()
    for name in """MESSAGE: ID|MESSAGE: TEMPLATE|INCIDENT: DATE|INCIDENT: LOCATION|INCIDENT: TYPE|
    INCIDENT: STAGE OF EXECUTION|INCIDENT: INSTRUMENT ID|INCIDENT: INSTRUMENT TYPE|
    PERP: INCIDENT CATEGORY|PERP: INDIVIDUAL ID|PERP: ORGANIZATION ID|
    PERP: ORGANIZATION CONFIDENCE|PHYS TGT: ID|PHYS TGT: TYPE|PHYS TGT: NUMBER|
    PHYS TGT: FOREIGN NATION|PHYS TGT: EFFECT OF INCIDENT|PHYS TGT: TOTAL NUMBER|
    HUM TGT: NAME|HUM TGT: DESCRIPTION|HUM TGT: TYPE|HUM TGT: NUMBER|HUM TGT: FOREIGN NATION|
    HUM TGT: EFFECT OF INCIDENT|HUM TGT: TOTAL NUMBER""".replace("\n", "").split("|")
)
"""The 25 slots of a template, by number."""

_MESSAGE_ID = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.M)
_SLOT_LINE = re.compile(r"^(\d{1,2})\.\s+(.*)$")
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_DAY = r"(\d{1,2})\s+([A-Z]{3})(?:\s+(\d{2}))?"
_DATELINE = re.compile(r",\s*(\d{1,2})\s+([A-Z]{3})[A-Z]*\s+(\d{2})\b(?:[^(\n]*\(([^)]*)\))?")
_COUNT = re.compile(r"^(~)?(\d+)?\s*(-)?\s*(\d+)?$")


@dataclass(frozen=True)
class Count:
    """A number of people as the key gives it: ``low`` to ``high`` (None: no upper bound)."""

    low: int
    high: int | None

    def admits(self, value: int) -> bool:
        """True when ``value`` lies within the count."""
        return self.low <= value and (self.high is None or value <= self.high)


@dataclass(frozen=True)
class Muc4Entity:
    """One gold entity of a role: its alternative strings ("/" in the key)."""

    mentions: tuple[str, ...]
    optional: bool = False
    """A ``?`` fill (or an entity of an optional template): missing it costs nothing."""


@dataclass(frozen=True)
class Muc4Incident:
    """One answer-key template: an incident of a message."""

    template: int
    optional: bool
    types: tuple[str, ...]
    """INCIDENT: TYPE and its alternatives: ATTACK, BOMBING, KIDNAPPING, ARSON, ..."""
    stage: tuple[str, ...] = ()
    date_text: str | None = None
    date_low: dt.date | None = None
    """Earliest day the key allows (None for "- 20 NOV 89", on or before)."""
    date_high: dt.date | None = None
    location_text: str | None = None
    locations: tuple[str, ...] = ()
    """Place names of INCIDENT: LOCATION, country first, without their (CITY) kinds."""
    roles: Mapping[str, tuple[Muc4Entity, ...]] = field(default_factory=dict)
    """Gold entities per role of :data:`ROLES` (Victim: HUM TGT: NAME)."""
    described_victims: tuple[Muc4Entity, ...] = ()
    """HUM TGT: DESCRIPTION fills not tied to a name ("JESUITS", "PEASANT")."""
    killed: Count | None = None
    injured: Count | None = None


@dataclass(frozen=True)
class Muc4Gold:
    """One message: the document to summarize and its incidents (none when irrelevant)."""

    document: CorpusDocument
    incidents: tuple[Muc4Incident, ...] = ()

    @property
    def relevant(self) -> bool:
        """True when the message has at least one template that is not optional."""
        return any(not incident.optional for incident in self.incidents)


# --- the answer keys ---------------------------------------------------------------


def _split_colon(text: str) -> tuple[str, str | None]:
    """``LEFT: RIGHT`` split at the first colon outside quotes (RIGHT None without one)."""
    masked = _QUOTED.sub(lambda m: "x" * len(m.group()), text)
    at = masked.find(":")
    return (text, None) if at < 0 else (text[:at], text[at + 1 :])


def _strings(text: str) -> tuple[str, ...]:
    """The quoted strings of a fill ("\\"" unescaped); a fill missing its quotes split on "/"."""
    found = [m.group(1).replace('\\"', '"').strip() for m in _QUOTED.finditer(text)]
    if not found:  # a few key lines lost their quotes: MACHINEGUNS"
        found = [part.strip().strip('"').strip() for part in text.split("/")]
    return tuple(s for s in found if s and s != "-")


def _optional(fill: str) -> tuple[bool, str]:
    fill = fill.strip()
    return (True, fill[1:].strip()) if fill.startswith("?") else (False, fill)


def _set_fill(fill: str) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """``? LABEL / LABEL: "A" / "B"`` -> (optional, labels, strings)."""
    optional, fill = _optional(fill)
    left, right = _split_colon(fill)
    labels = tuple(x.strip() for x in left.split("/") if x.strip())
    strings = _strings(right) if right else ()
    if right and not strings and '"-"' in right:
        strings = ("-",)
    return optional, labels, strings


def _entities(fills: Sequence[str], optional_template: bool) -> tuple[Muc4Entity, ...]:
    entities = []
    for fill in fills:
        optional, text = _optional(fill)
        if text in ("-", "*", ""):
            continue
        mentions = _strings(text)
        if mentions:
            entities.append(Muc4Entity(mentions, optional or optional_template))
    return tuple(entities)


def parse_count(labels: Sequence[str]) -> Count | None:
    """A HUM TGT: NUMBER fill ("6", "~100", "5-", "-26", "2 - 4"; alternatives: hull)."""
    counts = []
    for label in labels:
        match = _COUNT.match(label.strip())
        if not match or not (match.group(2) or match.group(4)):
            return None  # PLURAL, "-", or something else: no number
        _approx, first, dash, second = match.groups()
        if dash is None:
            counts.append(Count(int(first), int(first)))
        elif first and second:
            counts.append(Count(int(first), int(second)))
        elif first:
            counts.append(Count(int(first), None))
        else:
            counts.append(Count(0, int(second)))
    if not counts:
        return None
    highs = [c.high for c in counts]
    high = None if None in highs else max(h for h in highs if h is not None)
    return Count(min(c.low for c in counts), high)


def _casualties(slots: Mapping[int, list[str]], effect: str) -> Count | None:
    """Killed (``effect`` DEATH) or injured (INJURY) per the rule in the module docstring."""
    effects = [_set_fill(f) for f in slots.get(23, [])]
    effects = [e for e in effects if e[1] and e[1][0] not in ("-", "*")]
    if not effects:
        return None
    hit = []
    for optional, labels, strings in effects:
        if effect in labels and (optional or len(set(labels)) > 1):
            return None  # "? DEATH" or "INJURY / DEATH": the key is unsure
        if effect in labels:
            hit.append(frozenset(strings))
    if not hit:
        return Count(0, 0)
    numbers = [_set_fill(f) for f in slots.get(21, [])]
    counts: list[Count | None] = []
    for key in hit:
        index = next((i for i, n in enumerate(numbers) if frozenset(n[2]) == key), None)
        if index is None or numbers[index][0]:
            counts.append(None)
            continue
        counts.append(parse_count(numbers.pop(index)[1]))
    if all(c is not None for c in counts):
        known = [c for c in counts if c is not None]
        highs = [c.high for c in known]
        high = None if None in highs else sum(h for h in highs if h is not None)
        return Count(sum(c.low for c in known), high)
    total = [_set_fill(f) for f in slots.get(24, [])]
    if len(hit) == len(effects) and len(total) == 1 and not total[0][0]:
        return parse_count(total[0][1])
    return None


def _day(day: str, month: str, year: str | None, default_year: int | None) -> dt.date | None:
    if month not in _MONTHS or (year is None and default_year is None):
        return None
    full_year = 1900 + int(year) if year is not None else default_year
    try:
        return dt.date(full_year, _MONTHS[month], int(day))  # type: ignore[arg-type]
    except ValueError:
        return None


def parse_key_date(text: str, default_year: int | None = None) -> tuple[dt.date | None, ...]:
    """INCIDENT: DATE -> (earliest, latest): "12 DEC 89", "- 20 NOV 89", "1 MAR 90 - 3 MAR 90",
    "(09 DEC 89) / (- 09 DEC 89)" (hull of the alternatives); (None, None) when unreadable."""
    lows: list[dt.date | None] = []
    highs: list[dt.date] = []
    for alternative in _optional(text)[1].split("/"):
        alternative = alternative.strip().strip("()").strip()
        days = [_day(*m.groups(), default_year) for m in re.finditer(_DAY, alternative)]
        days = [d for d in days if d is not None]
        if not days:
            continue
        lows.append(None if alternative.startswith("-") else days[0])
        highs.append(days[-1])
    if not highs:
        return None, None
    low = None if None in lows else min(d for d in lows if d is not None)
    return low, max(highs)


def parse_location(text: str) -> tuple[str, ...]:
    """Place names of INCIDENT: LOCATION ("CHILE: SANTIAGO (CITY)" -> CHILE, SANTIAGO)."""
    text = _optional(text)[1]
    text = re.sub(r"(?<=[^\s(/])\s*\([A-Z][A-Z ,/-]*\)", "", text)  # the (CITY) kinds
    names = []
    for part in re.split(r"[:/()]|\s-\s", text):
        name = part.strip()
        if name and name not in ("-", "*") and name not in names:
            names.append(name)
    return tuple(names)


def _template(slots: Mapping[int, list[str]], default_year: int | None) -> Muc4Incident | None:
    """One template's incident; None for the ``*`` template of an irrelevant message."""
    number = slots.get(1, ["*"])[0].strip()
    if number.startswith("*"):
        return None
    optional = "OPTIONAL" in number
    digits = re.match(r"\d+", number)
    roles = {role: _entities(slots.get(slot, []), optional) for role, slot in ROLE_SLOTS.items()}
    names = [set(entity.mentions) for entity in roles["Victim"]]
    described = []
    for fill in slots.get(19, []):
        fill_optional, text = _optional(fill)
        left, right = _split_colon(text)
        if text in ("-", "*", "") or (right and _strings(right)):
            continue  # "-", or a description of a named victim: "PRESIDENT": "CEREZO"
        mentions = _strings(left)
        if mentions and not any(set(mentions) & n for n in names):
            described.append(Muc4Entity(mentions, fill_optional or optional))
    date_text = slots.get(2, [""])[0].strip() or None
    location_text = slots.get(3, [""])[0].strip() or None
    low, high = parse_key_date(date_text or "", default_year)
    return Muc4Incident(
        template=int(digits.group()) if digits else 0,
        optional=optional,
        types=_set_fill(slots.get(4, ["-"])[0])[1],
        stage=_set_fill(slots.get(5, ["-"])[0])[1],
        date_text=date_text,
        date_low=low,
        date_high=high,
        location_text=location_text,
        locations=parse_location(location_text or ""),
        roles=roles,
        described_victims=tuple(described),
        killed=_casualties(slots, "DEATH"),
        injured=_casualties(slots, "INJURY"),
    )


def _template_slots(text: str) -> list[dict[int, list[str]]]:
    templates: list[dict[int, list[str]]] = []
    current: int | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        match = _SLOT_LINE.match(line)
        if match and int(match.group(1)) < len(SLOT_NAMES):
            current = int(match.group(1))
            name = SLOT_NAMES[current]
            rest = match.group(2)
            if not rest.startswith(name):
                raise ValueError(f"MUC-4 key: slot {current} is not {name!r}: {line!r}")
            if current == 0:
                templates.append({})
            templates[-1].setdefault(current, []).append(rest[len(name) :].strip())
        elif line[0].isspace() and current is not None and templates:
            templates[-1][current].append(line.strip())
        else:
            raise ValueError(f"MUC-4 key: unreadable line {line!r}")
    return templates


def parse_keys(text: str, years: Mapping[str, int] | None = None) -> dict[str, list[Muc4Incident]]:
    """Message id -> its incidents, in key order ([] for an irrelevant message).

    ``years`` gives each message's dateline year, for key dates written without one.
    """
    keys: dict[str, list[Muc4Incident]] = {}
    for slots in _template_slots(text):
        match = _MESSAGE_ID.match(slots.get(0, [""])[0])
        if not match:
            raise ValueError(f"MUC-4 key: template without a message id: {slots.get(0)}")
        message = match.group(1)
        incident = _template(slots, (years or {}).get(message))
        keys.setdefault(message, [])
        if incident is not None:
            keys[message].append(incident)
    return keys


def incident_type(event: Event) -> str | None:
    """The MUC-4 type of one of our events; None when it is not an incident."""
    if event.type in INCIDENT_TYPES:
        return INCIDENT_TYPES[event.type]
    if event.type is EventType.OTHER:
        quotes = " ".join(e.quote for e in event.evidence)
        return next((kind for kind, words in OTHER_ACTS if words.search(quotes)), None)
    return None


# --- the messages ------------------------------------------------------------------


def parse_dateline(text: str) -> tuple[dt.date | None, str | None]:
    """(date, source) of the dateline "BUENOS AIRES, 13 DEC 89 (AFP) -- ..."."""
    head = text.split("--", 1)[0][:300]
    match = _DATELINE.search(head)
    if not match:
        return None, None
    day, month, year, source = match.groups()
    return _day(day, month, year, None), (source.strip() or None) if source else None


def parse_messages(text: str) -> list[CorpusDocument]:
    """The messages of one distributed text file, in file order.

    The text is the body after the id line as distributed; only the blank lines around
    it (the separators between messages) are removed.
    """
    starts = list(_MESSAGE_ID.finditer(text))
    documents = []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[match.end() : end].strip("\n")
        published, source = parse_dateline(body)
        documents.append(
            CorpusDocument(id=match.group(1), text=body, published=published, source=source)
        )
    return documents


def _split_dir(data: Path, split: str) -> Path:
    if split not in SPLITS:
        raise ValueError(f"unknown MUC-4 split {split!r}; known: {', '.join(SPLITS)}")
    folder = data / split
    if not folder.is_dir():
        raise FileNotFoundError(f"no MUC-4 {split} folder at {folder}")
    return folder


def load(data: Path, split: str, limit: int | None = None) -> list[Muc4Gold]:
    """The messages of ``split`` under ``data`` (the muc4 folder), in file order, each with
    its incidents; the first ``limit`` when given."""
    folder = _split_dir(Path(data), split)
    texts = sorted(p for p in folder.iterdir() if p.name.lower().startswith(f"{split}-muc"))
    keys = sorted(p for p in folder.iterdir() if p.name.lower().startswith("key-"))
    if not texts or not keys:
        raise FileNotFoundError(f"no MUC-4 message or key files in {folder}")
    documents = [d for path in texts for d in parse_messages(path.read_text("latin-1"))]
    if limit is not None:
        documents = documents[: max(limit, 0)]
    years = {d.id: d.published.year for d in documents if d.published}
    incidents: dict[str, list[Muc4Incident]] = {}
    for path in keys:
        incidents.update(parse_keys(path.read_text("latin-1"), years))
    missing = [d.id for d in documents if d.id not in incidents]
    if missing:
        raise ValueError(f"MUC-4 {split}: no answer key for {', '.join(missing[:5])}")
    return [Muc4Gold(document=d, incidents=tuple(incidents[d.id])) for d in documents]


def score(golds: Sequence[Muc4Gold], summaries: Mapping[str, ArticleSummary | None]) -> Muc4Score:
    """The MUC-4 measures of the summaries (see muc4_scoring)."""
    from summarize.evaluation.datasets.muc4_scoring import score_messages

    return score_messages(golds, summaries)
