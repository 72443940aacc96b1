"""Page furniture: lines of a page that are not sentences of the article.

A scraped page carries its address, a byline, photo captions and credits, and "Updated"
stamps between the paragraphs. Read as sentences, their words become actors and places
("By Jane Doe" as the subject of the next line). They are blanked (replaced by spaces, so
every offset of the text stays) before the text is split into paragraphs or parsed; the
full text still serves the publication date and the outlet.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

from dateutil import parser as date_parser

from summarize.core.text import replace_spans

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|al|bin|el)){0,4}"
_FURNITURE_LINE = re.compile(
    "|".join(
        [
            # a web address alone on its line
            r"(?:https?://|www\.)\S+",
            # a byline: "By Jane Doe", "BY JANE DOE and John Roe, Reuters", "By Jane Doe |"
            # (no closing period: "BY THE TERRORISTS." ends a hard-wrapped sentence)
            rf"(?:By|BY|Written by|Words by|Reporting by|Editing by)\s+{_NAME}"
            rf"(?:\s*(?:,|and|&|;)\s*{_NAME})*"
            rf"(?:\s*[,|•·-]\s*{_NAME})?(?<!\.)\s*[|•·]?",
            # captions and credits: "Photo: ...", "(Photo by X/Getty Images)", "Image credit: X"
            r"\(?(?:Photo|PHOTO|Photograph|Image|IMAGE|Picture|Caption|Credit|Video|File photo)"
            r"(?:\s+credit)?\s*(?::|by\b).{0,300}",
            # a line that ends with a photo credit: "... REUTERS/Jane Doe", "Jane Doe/AFP"
            r".{0,300}\b(?:(?:REUTERS|Reuters|AFP|AP Photo|EPA|Getty Images)/[A-Z][\w .'’-]{1,40}|"
            r"[A-Z][\w .'’-]{1,40}/(?:Getty Images|AFP|AP|Reuters|REUTERS|EPA))\)?",
            # time stamps: "Published 3 March 2024", "Updated: 10:42 GMT"
            r"(?:Published|Updated|Posted|Last updated|Last modified)\b[^.!?]{0,60}",
        ]
    )
)
_LINE = re.compile(r"[^\n]+")
_STAMP_SEPARATORS = re.compile(r"(?:[\s|@,.;:·•/–—-]|\bat\b|\bon\b|\bdate\b)*", re.I)
_MAX_STAMP_CHARS = 60
_DEFAULTS = (dt.datetime(1900, 1, 1), dt.datetime(1901, 2, 2))
"""Two default dates: a field the line does not give comes out differently from each."""
_LEADING_STAMP = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")


_FINISHED = re.compile(r"[.!?:;\"”’)\]]$")


def _starts_a_line_of_its_own(text: str, start: int, after_furniture: int) -> bool:
    """True when the line at ``start`` opens the text, follows a blank line, a finished
    line or furniture (ending at ``after_furniture``): not the continuation of a
    hard-wrapped sentence."""
    before = text[:start]
    previous = before.rstrip()
    gap = before[len(previous) :]
    return (
        not previous
        or len(previous) == after_furniture
        or gap.count("\n") >= 2
        or bool(_FINISHED.search(previous))
    )


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every line of ``text`` that is page furniture."""
    found: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        body = line.group().strip()
        after_furniture = found[-1][1] if found else -1
        if (
            body
            and (_FURNITURE_LINE.fullmatch(body) or is_date_stamp(body))
            and _starts_a_line_of_its_own(text, line.start(), after_furniture)
        ):
            start = line.start() + line.group().index(body)
            found.append((start, start + len(body)))
    return found


def is_date_stamp(line: str) -> bool:
    """True for a line that is only a date, with or without a time, in any of the forms
    pages print ("May 2, 2013, 1:12 PM", "8/2/13 at 1:30 PM", "Fri Aug 2, 2013 6:50pm EDT",
    "date 2024-03-03"): dateutil reads it, the words it skips are only separators, and the
    line gives a year and a month ("May Day", "Monday", "1990" and "2014 Oscars" are not
    stamps)."""
    if len(line) > _MAX_STAMP_CHARS or not any(c.isdigit() for c in line):
        return False
    readings = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
        for default in _DEFAULTS:
            try:
                readings.append(date_parser.parse(line, default=default, fuzzy_with_tokens=True))
            except (date_parser.ParserError, OverflowError, ValueError):
                return False
    (first, skipped), (second, _) = readings
    gives_year_and_month = first.year == second.year and first.month == second.month
    return gives_year_and_month and all(_STAMP_SEPARATORS.fullmatch(token) for token in skipped)


def without_furniture(text: str) -> str:
    """``text`` with every furniture line blanked (spaces; offsets and length unchanged)."""
    return replace_spans(text, furniture_lines(text), lambda line: " " * len(line))


def without_leading_stamp(line: str) -> str:
    """``line`` without the metadata stamp that opens it: "date 2024-03-03 Rebels ..." ->
    "Rebels ..." (a stamp alone on its line is furniture)."""
    match = _LEADING_STAMP.match(line)
    return line[match.end() :] if match else line
