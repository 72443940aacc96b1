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
