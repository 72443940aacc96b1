"""Wire copy as it comes: hard-wrapped lines and all-capitals text, read as prose.

News wire archives (MUC-4's FBIS messages among them) break each paragraph into lines of
about 70 characters, start paragraphs with an indent, and are often in capitals. Read
as they are, a sentence is cut by line breaks and no sentence or reporting-verb pattern
of the program finds anything in capitals. :func:`as_read` turns such text into prose
one character for one (line breaks inside a paragraph become spaces; an indented line
starts a new paragraph; capitals become sentence case), so every offset into the text
as read is the same offset into the text as given. Text that is neither hard-wrapped nor
in capitals (ordinary articles) is returned unchanged.
"""

from __future__ import annotations

import re
import statistics
from functools import lru_cache

WRAP_MIN_LINES = 4
"""Fewer lines than this are never treated as hard-wrapped."""
WRAP_MEDIAN_CHARS = (40, 100)
"""Hard-wrapped text has a median line length in this range..."""
WRAP_LONG_LINE = 100
WRAP_LONG_SHARE = 0.05
"""...and at most this share of its lines longer than ``WRAP_LONG_LINE`` characters."""
CAPITALS_SHARE = 0.9
CAPITALS_MIN_LETTERS = 50
"""Text is 'in capitals' when this share of at least this many letters is upper case."""

_INDENTED_BREAK = re.compile(r"(?<=\S)([ \t]*)\n[ \t](?=[ \t]*\S)")  # before an indented line
_WRAPPED_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?=\S)")  # any other break inside a paragraph
_SENTENCE_START = re.compile(
    r"(?:^[ \t]*|(?<=[.!?])[\"')\]]*\s+|(?<=--)\s+(?:\[[a-z ]+\]\s+)?)([a-z])", re.MULTILINE
)
_ACRONYM_IN_BRACKETS = re.compile(r"\(([A-Z]{2,6})\)")
_PRONOUN_I = re.compile(r"\bi\b")
_INITIALISM = re.compile(r"\b(?:[a-z]\.){2,}(?=\s)")  # "u.s.", "u.n." before a word
_ABBREVIATION = re.compile(r"\b([a-z]{1,5})\.(?=\s)")


@lru_cache(maxsize=1)
def _capitalized_abbreviations() -> dict[str, str]:
    """spaCy's English abbreviations written with a capital ("Mr.", "Gen.", "Jan."), by
    their lower-case form: after one, a capital starts a name, not a sentence."""
    from spacy.lang.en import English

    return {
        form.lower(): form
        for form in English.Defaults.tokenizer_exceptions
        if form.endswith(".") and form[:1].isupper() and form[:-1].isalpha()
    }


def is_hard_wrapped(text: str) -> bool:
    """Whether paragraphs are broken into short lines (most lines 40-100 characters)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < WRAP_MIN_LINES:
        return False
    lengths = [len(line.rstrip()) for line in lines]
    long_share = sum(length > WRAP_LONG_LINE for length in lengths) / len(lengths)
    low, high = WRAP_MEDIAN_CHARS
    return low <= statistics.median(lengths) <= high and long_share <= WRAP_LONG_SHARE


def is_in_capitals(text: str) -> bool:
    """Whether the text is written in capital letters throughout."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < CAPITALS_MIN_LETTERS:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= CAPITALS_SHARE


def reflow(text: str) -> str:
    """Join the lines of hard-wrapped paragraphs, one character for one.

    A break before an indented line starts a paragraph: the break and the first
    character of the indent become a blank line. Any other break between two lines of
    text becomes a space.
    """
    text = _INDENTED_BREAK.sub(lambda m: m.group(1) + "\n\n", text)
    return _WRAPPED_BREAK.sub(lambda m: " " * len(m.group()), text)


def sentence_case(text: str) -> str:
    """Capitals to sentence case: lower case, then a capital at each sentence and
    paragraph start (and after a dateline's "--"), for "I", and for every use of a short
    acronym the text gives in brackets ("(AFP)", "... front (FPMR) ... the FPMR is").
    An initialism ("U.S.") and an abbreviation written with a capital ("Mr.", "Gen.") keep
    their capitals and end no sentence ("Mr. Torres was killed" is one sentence).
    Names lose their capitals: no word list tells a name from a word reliably."""
    lowered = text.lower()
    abbreviations = _capitalized_abbreviations()
    ends = {m.end() for m in _INITIALISM.finditer(lowered)}
    ends |= {m.end() for m in _ABBREVIATION.finditer(lowered) if m.group() in abbreviations}

    def capital(match: re.Match[str]) -> str:
        # a match after a period starts right after it: there, at an abbreviation's end
        if match.start() in ends and match.group().strip()[:1].isalpha():
            return match.group()
        return match.group().upper()

    cased = _SENTENCE_START.sub(capital, lowered)
    cased = _INITIALISM.sub(lambda m: m.group().upper(), cased)
    cased = _ABBREVIATION.sub(lambda m: abbreviations.get(m.group(), m.group()), cased)
    cased = _PRONOUN_I.sub("I", cased)
    acronyms = {m.group(1).lower() for m in _ACRONYM_IN_BRACKETS.finditer(text)}
    if not acronyms:
        return cased
    pattern = re.compile(r"\b(" + "|".join(sorted(acronyms)) + r")\b", re.IGNORECASE)
    return pattern.sub(lambda m: m.group().upper(), cased)


def as_read(text: str) -> str:
    """The text as the program reads it: hard-wrapped paragraphs joined and capitals in
    sentence case, one character for one (``len(as_read(t)) == len(t)``); other text
    is returned as it is."""
    if is_hard_wrapped(text):
        text = reflow(text)
    if is_in_capitals(text):
        text = sentence_case(text)
    return text
