"""Keep every model request inside the model's context, and the article inside its delimiters.

The embedded model reads 8,192 tokens, answers included (up to 1,024). Estimating a token
as three characters (English runs nearer four, so the estimate is safe):

- the overview request sees a *lead* of the article: the whole text when it is at most
  :data:`OVERVIEW_LEAD_CHARS` long, else the paragraphs that fit, cut at a paragraph
  boundary (then a sentence, then a space). Headline, summary and outlet come from the top
  of a news article; every event and claim is still asked of every paragraph.
- a paragraph longer than :data:`MAX_CHUNK_CHARS` is asked in chunks of whole sentences,
  each repeating the last sentence of the chunk before it (at most :data:`OVERLAP_CHARS`)
  so that a name or claimant introduced just before the cut is still in view. Chunk
  offsets are offsets into the full text; items found twice in an overlap share an
  evidence span and are removed (:func:`drop_overlap_duplicates`).
- article text is data between ``<article>``/``<paragraph>`` tags; a tag written inside
  the article itself is rendered as ``&lt;/paragraph>`` in the prompt only
  (:func:`escape_delimiters`), never in the text that offsets refer to.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import TypeVar

from summarize.core.article import Article, Paragraph
from summarize.core.instruction_cues import STRUCTURE_LINES, TEMPLATE_TOKEN
from summarize.core.schema import Claim, Event

OVERVIEW_LEAD_CHARS = 6000
"""Most characters of the article shown to the overview request (about 2,000 tokens)."""
MAX_CHUNK_CHARS = 1500
"""Longest text of one paragraph request (about 500 tokens; seed paragraphs are under 450)."""
OVERLAP_CHARS = 400
"""Most characters of whole sentences a chunk repeats from the end of the one before."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|St|No|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|vs|approx)|\b[A-Z]|\.[A-Za-z])$"
)
_DELIMITER_OPEN = re.compile(r"<(?=\s*/?\s*(?:article|paragraph|sentences)\b)", re.IGNORECASE)

Item = TypeVar("Item", Event, Claim)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, stripped of surrounding whitespace.

    A sentence ends at ``.``, ``!``, ``?`` (and closing quotes) followed by a capital, a
    digit or an opening quote; "Gen.", "Oct.", "U.S." and initials do not end one.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 12) : match.start()]
        if match.group().startswith(".") and _ABBREVIATION.search(before):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [
        _strip(text, s, e)
        for span in spans
        for s, e in _cut_before_markup(text, *span)
        if text[s:e].strip()
    ]


_LINE_START = re.compile(r"\n[ \t]*(?=\S)")


def _cut_before_markup(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence cut where one of its lines is prompt markup, a chat role or code, and
    before a chat template's token ("... did not comment.<end_of_turn>"): the news before
    is a sentence of its own, and what follows is withheld apart from it
    (``core/instructions.py``)."""
    cuts = {start}
    for match in _LINE_START.finditer(text, start, end):
        line_end = text.find("\n", match.end(), end)
        line = text[match.end() : end if line_end < 0 else line_end]
        if any(pattern.search(line) for pattern in STRUCTURE_LINES):
            cuts.add(match.end())
    cuts.update(match.start() for match in TEMPLATE_TOKEN.finditer(text, start, end))
    return list(itertools.pairwise(sorted(cuts | {end})))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Sentences, with any sentence longer than ``limit`` cut at spaces (or hard)."""
    pieces: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        while end - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            cut = cut if cut > start else start + limit
            pieces.append(_strip(text, start, cut))
            start = _strip(text, cut, end)[0]
        pieces.append((start, end))
    return pieces


def chunk_paragraph(
    paragraph: Paragraph, limit: int = MAX_CHUNK_CHARS, overlap: int = OVERLAP_CHARS
) -> list[Paragraph]:
    """The paragraph itself when short enough, else overlapping chunks of whole sentences.

    Every chunk is at most ``limit`` characters, starts and ends on sentence boundaries
    (a sentence longer than ``limit`` is cut at spaces), repeats the trailing sentences of
    the chunk before it that fit in ``overlap`` characters, and carries offsets into the
    same full text as ``paragraph``.
    """
    text = paragraph.text
    if len(text) <= limit:
        return [paragraph]
    pieces = _pieces(text, limit)
    chunks: list[Paragraph] = []
    first = 0
    while True:
        last = first
        while last + 1 < len(pieces) and pieces[last + 1][1] - pieces[first][0] <= limit:
            last += 1
        start, end = pieces[first][0], pieces[last][1]
        chunks.append(Paragraph(paragraph.start + start, paragraph.start + end, text[start:end]))
        if last + 1 >= len(pieces):
            return chunks
        following = last + 1
        back = following  # step back over trailing sentences that fit in the overlap
        while (
            back - 1 > first
            and pieces[last][1] - pieces[back - 1][0] <= overlap
            and pieces[following][1] - pieces[back - 1][0] <= limit
        ):
            back -= 1
        first = back


def request_windows(article: Article) -> list[Paragraph]:
    """The texts asked for events and claims: every paragraph, long ones in chunks."""
    return [chunk for p in article.paragraphs() for chunk in chunk_paragraph(p)]


def overview_lead(text: str, limit: int = OVERVIEW_LEAD_CHARS) -> str:
    """The start of the article shown to the overview request: all of it when it fits,
    else the leading paragraphs that fit in ``limit`` characters (then sentences, then
    words, when the first paragraph alone is longer)."""
    offset = len(text) - len(text.lstrip())
    if len(text) - offset <= limit:
        return text
    window = text[: offset + limit + 1]
    limit += offset
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(window) if m.start() <= limit]
    if breaks and breaks[-1] >= limit // 4:
        return window[: breaks[-1]]
    ends = [end for _, end in sentence_spans(window)[:-1] if end <= limit]
    if ends and ends[-1] >= limit // 4:
        return window[: ends[-1]]
    space = window.rfind(" ", 0, limit)
    return window[: space if space > 0 else limit]


def escape_delimiters(text: str) -> str:
    """``text`` for a prompt: ``<article>``, ``</paragraph>`` and the like (any case or
    spacing) written inside it become ``&lt;article>``, so only the template's own tags
    open and close the data."""
    return _DELIMITER_OPEN.sub("&lt;", text)


def _spans_meet(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def _overlaps(windows: Sequence[tuple[int, int] | None]) -> list[tuple[int, int]]:
    """The regions that consecutive request windows share (chunk overlaps)."""
    found: list[tuple[int, int]] = []
    for before, after in itertools.pairwise(windows):
        if before and after and _spans_meet(before, after):
            found.append((max(before[0], after[0]), min(before[1], after[1])))
    return found


def _span(item: Event | Claim) -> tuple[int, int] | None:
    evidence = item.evidence[0] if item.evidence else None
    if evidence is None or evidence.start is None or evidence.end is None:
        return None
    return evidence.start, evidence.end


def _repeats(item: Item, earlier: Item, regions: list[tuple[int, int]]) -> bool:
    """Whether ``item`` tells ``earlier`` again from a chunk overlap: evidence spans that
    meet inside one overlap region (and, for events, the same type)."""
    first, second = _span(item), _span(earlier)
    if first is None or second is None or not _spans_meet(first, second):
        return False
    if isinstance(item, Event) and isinstance(earlier, Event) and item.type != earlier.type:
        return False
    return any(_spans_meet(first, r) and _spans_meet(second, r) for r in regions)


def _keep_first(items: list[Item], regions: list[tuple[int, int]]) -> list[Item]:
    kept: list[Item] = []
    for item in items:
        if not any(_repeats(item, earlier, regions) for earlier in kept):
            kept.append(item)
    return kept


def drop_overlap_duplicates(
    events: list[Event], claims: list[Claim], windows: Sequence[tuple[int, int] | None]
) -> tuple[list[Event], list[Claim]]:
    """Remove items found twice because two chunks share sentences.

    ``windows`` are the requests' (start, end) in plan order (None for the overview).
    :func:`summarize.core.assemble.drop_duplicates` already removes exact repeats (same
    span, same type or assertion); this also removes a claim re-worded by the second chunk
    or an event quoted a little differently, as long as both evidence spans meet inside
    the shared sentences. The first (earlier chunk's) item is kept.
    """
    regions = _overlaps(windows)
    if not regions:
        return events, claims
    return _keep_first(events, regions), _keep_first(claims, regions)
