"""Every vocabulary the program reads text with, defined once.

Word lists are the last resort: each one here is what a parser or a library does not
know (which verbs report speech, which words name a means of attack). Verbs are listed
as lemmas, so the parse's lemmatizer covers every inflection ("says", "said", "saying").
"""

from __future__ import annotations

REPORTING_VERBS = frozenset(
    {
        # saying and writing (PARC's communication verbs)
        "say", "tell", "state", "add", "note", "write", "post", "tweet", "report",
        "announce", "declare", "explain", "reply", "respond", "testify", "remark",
        "comment", "recall", "quote", "cite", "mention", "describe", "predict", "estimate",
        # asserting, arguing, conceding
        "claim", "confirm", "insist", "argue", "contend", "maintain", "assert", "stress",
        "emphasize", "acknowledge", "admit", "concede", "allege", "suggest", "indicate",
        "believe", "warn", "caution", "signal", "point",
        # denying, accusing, praising, demanding
        "deny", "accuse", "blame", "condemn", "criticize", "dismiss", "reject",
        "praise", "endorse", "urge", "demand", "ask", "call", "vow", "pledge", "promise",
        "threaten", "complain", "question",
    }
)  # fmt: skip
"""Verbs whose subject is a source and whose clause is what the source asserts."""

CONTENT_DEPENDENCIES = frozenset({"ccomp", "parataxis", "xcomp"})
"""Dependency labels of a reporting verb's content clause ("said [that taxes rise]")."""

SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})
"""Dependency labels of a clause's subject, the source of a reporting verb."""

PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
"""Pronouns that stand for a person named before."""

PLURAL_PRONOUNS = frozenset({"they", "them", "it", "we"})
"""Pronouns that stand for a group or an organisation named before."""

ARTICLES = frozenset({"the", "a", "an"})
"""The articles a name may open with ("the group", "a spokesman")."""

PRONOUNS = PERSONAL_PRONOUNS | PLURAL_PRONOUNS | {"i", "you", "this", "that"}
"""Words that stand for a party without naming it ("us" is not one: read without case, it
is "US")."""

WEAPON_NOUNS = frozenset(
    {
        # explosives (MUC-4's instrument types: bomb, dynamite, explosive, vehicle bomb, mine)
        "bomb", "dynamite", "explosive", "explosives", "tnt", "mine", "landmine", "ied",
        "grenade", "cocktail", "booby", "trap",
        # firearms (gun, machine gun, rifle)
        "gun", "machinegun", "submachinegun", "rifle", "pistol", "revolver", "firearm",
        "weapon", "bullet", "ak-47", "m-16",
        # heavy and air-delivered weapons (mortar, rocket, aerial bomb)
        "mortar", "rocket", "missile", "shell", "artillery", "rpg", "launcher", "drone",
        # blades and fire
        "knife", "machete", "axe", "grenade-launcher",
    }
)  # fmt: skip
"""Head nouns of the weapon or means an attack is carried out with ("a car bomb", "AK-47
rifles", "mortar rounds" is read by its modifier)."""

EXPLOSIVE_MODIFIERS = frozenset({"explosive", "dynamite", "incendiary", "tnt", "mortar"})
"""Modifiers that make a general noun a weapon ("explosive device", "dynamite charge",
"mortar rounds")."""

NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety",
)  # fmt: skip
"""Number words, in value order for the units (``NUMBER_WORDS.index("seven") == 7``): the
text a count may be written in. Their value is read by text2num (core/numbers.py)."""

NUMBER_WORD = "(?:" + "|".join(NUMBER_WORDS) + ")"
"""A regular-expression fragment matching one number word."""

WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
"""A regular-expression fragment matching a weekday name."""

MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
"""A regular-expression fragment matching a month's name or abbreviation (no dot)."""

AREA_WORDS = frozenset(
    {"province", "governorate", "region", "district", "department", "city", "town", "village",
     "area"}
)  # fmt: skip
"""Words that end the name of an area ("Kandahar province", "the town of X" reads as X).
"State" is not one: "Borno State" is an area, "Islamic State" is not; the gazetteer, which
knows the area, accepts it."""


COMPASS_WORDS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "northern", "southern", "eastern", "western", "northeastern", "northwestern",
     "southeastern", "southwestern", "central"}
)  # fmt: skip
"""Words that place something within a region ("northern Iraq", "central Baghdad")."""


def words_pattern(words: frozenset[str]) -> str:
    """A regular-expression fragment matching any of ``words`` as a whole word, longest
    first."""
    return r"\b(?:" + "|".join(sorted(words, key=lambda w: (-len(w), w))) + r")\b"


def ends_with(name: str, words: frozenset[str]) -> bool:
    """Whether the last word of ``name`` is one of ``words`` (any case)."""
    parts = name.split()
    return bool(parts) and parts[-1].lower() in words


SAYING_VERBS = frozenset({"say", "tell", "report", "state", "declare"})
"""Plain verbs of telling: what the program reads as the telling of a report."""

STATEMENT_VERBS = frozenset(
    {"claim", "admit", "confirm", "condemn", "announce", "acknowledge", "deny"}
)
"""Verbs whose subject makes a statement event: a claim of responsibility, a condemnation,
a confirmation or a denial (labelling guide §2.2)."""

THREAT_VERBS = frozenset({"vow", "threaten", "warn", "pledge"})
"""Verbs whose subject makes a threat event (labelling guide §2.2)."""

_IRREGULAR_PAST = {
    "say": "said",
    "tell": "told",
    "write": "wrote",
    "shoot": "shot",
    "strike": "struck",
    "hit": "hit",
}
_DOUBLED_FINAL = frozenset({"admit", "commit", "regret", "permit", "submit", "kidnap", "hit"})
"""Verbs that double their final consonant ("admitted", "kidnapped")."""


def verb_forms(lemmas: frozenset[str], tenses: str = "base s past ing") -> tuple[str, ...]:
    """The inflections of the (regular, or listed irregular) verbs: "base" (say), "s"
    (says), "past" (said), "ing" (saying); longest first, for a regular expression."""
    forms: set[str] = set()
    for lemma in lemmas:
        stem = lemma + lemma[-1] if lemma in _DOUBLED_FINAL else lemma
        consonant_y = lemma.endswith("y") and lemma[-2] not in "aeiou"
        sibilant = lemma.endswith(("s", "sh", "ch", "x", "z"))
        if consonant_y:
            third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
        else:
            third = lemma + "es" if sibilant else lemma + "s"
            past = lemma + "d" if lemma.endswith("e") else stem + "ed"
        by_tense = {
            "base": lemma,
            "s": third,
            "past": _IRREGULAR_PAST.get(lemma, past),
            "ing": (lemma[:-1] if lemma.endswith("e") else stem) + "ing",
        }
        forms.update(by_tense[tense] for tense in tenses.split())
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def verb_pattern(lemmas: frozenset[str], tenses: str = "base s past ing") -> str:
    """A regular-expression fragment matching any of :func:`verb_forms` as a word."""
    return r"\b(?:" + "|".join(verb_forms(lemmas, tenses)) + r")\b"


ATTACK_VERBS = frozenset(
    {
        "attack", "kill", "murder", "assassinate", "kidnap", "abduct", "bomb", "shoot",
        "ambush", "raid", "shell", "burn", "destroy", "damage", "wound", "injure", "strike",
        "hit", "target", "massacre", "execute", "dynamite", "torch", "storm", "seize",
    }
)  # fmt: skip
"""Verbs of an attack whose subject is its actor and whose object its target."""

ATTACK_NOUNS = frozenset(
    {"attack", "raid", "killing", "murder", "assassination", "kidnapping", "abduction",
     "massacre", "ambush", "shooting", "bombing", "arson", "hostage"}
)  # fmt: skip
"""Nouns that name an attack ("the murder of a spokesman", "the killings of the priests")."""


EVENT_NOUNS = ATTACK_NOUNS | {
    "explosion", "blast", "strike", "airstrike", "shelling", "clash", "bombardment", "incident",
}  # fmt: skip
"""Nouns that name what happened, not who did it or to whom ("the explosion", "a blast")."""


MEANS_WORDS: tuple[tuple[str, str], ...] = (
    ("rocket", r"\brockets?\b|\bmissiles?\b|\bmortars?\b"),
    (
        "air",
        r"\bair[ -]?strikes?\b|\bairstrikes?\b|\bair raids?\b|\bbomb(?:ed|ing raids?)\b|"
        r"\bwarplanes?\b|\bstrikes?\b|\bstruck\b",
    ),
    ("drone", r"\bdrones?\b|[‘'\"]drones?[’'\"]"),
    (
        "bombing",
        r"\b(?:car|roadside|suicide) bomb|\bexplosi|\bexplod(?:e|es|ed|ing)\b|\bIEDs?\b|\bblast\b",
    ),
    ("clash", r"\bclash(?:es|ed)?\b|\bfighting\b|\bgunfight|\bfirefight|\bambush"),
    ("sanctions", r"\bsanction"),
    ("arrest", r"\barrest|\bdetain|\bcaptured\b"),
    (
        "deployment",
        # "forces deployed in Iraq" describes forces; it reports no deployment
        r"(?<!forces )(?<!troops )(?<!soldiers )(?<!personnel )\bdeploy(?:s|ed|ing|ment)\b|"
        r"\b(?:sent|send|sending) (?:\w+ ){0,3}troops",
    ),
    (
        "statement",
        r"\bclaim(?:s|ed|ing)? responsibility|\bclaimed\b|\bcondemn|\bconfirm|\badmit|"
        r"\bannounc|\bstatement\b|\bden(?:ied|ies)\b",
    ),
    ("threat", r"\bvow|\bthreat|\bwarn|\bpledg|\bretaliat|\brevenge\b"),
)
"""Words that say how an event was carried out, or that it is a statement or a threat, by
family, most specific first (the labelling guide types an event by the means its sentence
states): regular-expression fragments, read without case. core/cues.py maps each family to
its event types."""


def attack_noun_pattern() -> str:
    """A regular-expression fragment matching an attack noun, singular or plural."""
    nouns = "|".join(sorted(ATTACK_NOUNS, key=lambda noun: (-len(noun), noun)))
    return r"\b(?:" + nouns + r")s?\b"
