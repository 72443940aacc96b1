"""Page furniture: lines of a page that are not sentences of the article.

A scraped page carries its address, a byline, photo captions and credits, and "Updated"
stamps between the paragraphs. Read as sentences, their words become actors and places
("By Jane Doe" as the subject of the next line). They are blanked (replaced by spaces, so
every offset of the text stays) before the text is split into paragraphs or parsed; the
full text still serves the publication date and the outlet.
"""

from __future__ import annotations

import re

from summarize.core.lexicon import MONTH_NAME
from summarize.core.text import replace_spans

_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|van|von|al|bin|el)){0,4}"
_DATE_STAMP = (
    rf"(?:date\s+)?(?:\d{{4}}-\d{{2}}-\d{{2}}|{MONTH_NAME}\.? \d{{1,2}},? \d{{4}}|"
    rf"\d{{1,2}} {MONTH_NAME}\.? \d{{4}})(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?"
    r"(?:\s+[A-Z]{2,4})?)?"
)
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
            # a date stamp alone: "date 2024-03-03", "May 2, 2013, 1:12 PM", "2 May 2013 14:05 GMT"
            _DATE_STAMP,
        ]
    )
)
_LINE = re.compile(r"[^\n]+")
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
            and _FURNITURE_LINE.fullmatch(body)
            and _starts_a_line_of_its_own(text, line.start(), after_furniture)
        ):
            start = line.start() + line.group().index(body)
            found.append((start, start + len(body)))
    return found


def without_furniture(text: str) -> str:
    """``text`` with every furniture line blanked (spaces; offsets and length unchanged)."""
    return replace_spans(text, furniture_lines(text), lambda line: " " * len(line))


def without_leading_stamp(line: str) -> str:
    """``line`` without the metadata stamp that opens it: "date 2024-03-03 Rebels ..." ->
    "Rebels ..." (a stamp alone on its line is furniture)."""
    match = _LEADING_STAMP.match(line)
    return line[match.end() :] if match else line
