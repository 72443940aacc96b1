"""PolNeAR (Newell et al., LREC 2018): political news attribution relations, as claims.

PolNeAR labels *attributions* in US political news of 2016: a **source** (who), a **cue**
(the reporting words) and a **content** (what is attributed), as brat standoff spans with
character offsets into ``data/<split>/text/<stem>.txt``; an event line ``E<n>`` links them
(``Attribution:T4 Content:T3 Cue:T2 Source:T1``; ``Attribution-no-source`` when the
source is implicit; a content split around an inserted "he said" is either one
discontinuous span ``"start end;start end"`` or two roles ``Content`` and ``Content2``).

Mapping onto our :class:`~summarize.core.schema.Claim`:

- content span -> the claim's ``evidence`` (a claim is found when one of its grounded
  evidence quotes overlaps the content; see :mod:`.polnear_scoring`);
- source span -> ``claimant`` (compared by head word);
- cue span -> ``cue`` (compared after folding word endings).

What does not map:

- ``assertion``: PolNeAR has no standalone restatement of the content; it is not scored;
- ``factuality`` and ``polarity``: not labelled in PolNeAR; not scored;
- ``reported_via``: PolNeAR has no intermediary role (a wire credit is article metadata,
  ``credit``/``wire``, not part of an attribution); not scored;
- internal states: PolNeAR labels thoughts, beliefs, intentions and feelings ("he
  thinks", "you don't like it") as attributions like any statement, with no label telling
  them apart, so they stay in the gold and count as missed when the summary has no claim
  for them (recall is a lower bound for *stated* claims);
- nesting: PolNeAR is univocal by design (a token plays one role in at most one
  attribution; a source shared by two attributions, "Mook said ..., arguing ...", is a
  rare exception), so an attribution nested in another's content is not labelled as
  nested; our claims may report the outer or the inner one and are matched on spans alone;
- a source is one span in the article: a pronoun ("he", "she", the relative "who") is
  the gold source as written; our ``claimant`` is the resolved name, and our
  ``claimant_quote`` the words as written, which is what source accuracy compares (a
  claim without a ``claimant_quote`` is compared by its ``claimant``); an attribution
  without a source (``Attribution-no-source``, 7 % of train) has no source to score;
- cues that are punctuation (the colon of a headline "Flynn: ...", a dash; 2 % of dev)
  have no counterpart in our reporting-verb ``cue`` and are not scored;
- annotator notes (``#``), the ``Discuss``/``Discard`` flags and spans no attribution
  uses are ignored; an attribution without a content span (a few dozen in the corpus)
  cannot be matched and is dropped (counted in :attr:`PolnearGold.dropped`).

Several annotators: a few articles (2 of 84 dev, 16 of 840 train) were annotated by five
or six annotators to measure agreement. The gold of an article is the annotation of the
annotator whose id sorts first; the others are listed in :attr:`PolnearGold.annotators`
but not scored. One annotation per article keeps each article's weight and its gold
count the same as for the rest (scoring against every annotator and averaging would
need a separate average per article for every measure, for 2 articles of 84), and the
corpus's own agreement (92.3 % attribution-wise) makes the choice of annotator matter
little.

Texts are read as distributed (UTF-8, no newline translation), since the offsets count
characters of the file as is.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from summarize.evaluation.datasets import CorpusDocument
from summarize.evaluation.datasets.polnear_scoring import PolnearScore, score

__all__ = [
    "DEFAULT_SPLIT",
    "NAME",
    "SPLITS",
    "Attribution",
    "PolnearGold",
    "PolnearScore",
    "Span",
    "load",
    "parse_ann",
    "score",
]

NAME = "polnear"
SPLITS = ("train", "dev")
DEFAULT_SPLIT = "dev"

_TEXT_BOUND = re.compile(r"^(T\d+)\t\S+ (\d+ \d+(?:;\d+ \d+)*)\t")
_EVENT = re.compile(r"^(E\d+)\t(.*)$")
_ROLE = re.compile(r"^([A-Za-z-]+?)\d*:(T\d+)$")
_TRIGGERS = ("Attribution", "Attribution-no-source")


@dataclass(frozen=True)
class Span:
    """A labelled span: one or more (start, end) character segments of the article."""

    segments: tuple[tuple[int, int], ...]
    text: str
    """The segments' text joined with a space (brat's convention for discontinuous spans)."""

    @property
    def start(self) -> int:
        """Start of the first segment."""
        return self.segments[0][0]

    @property
    def end(self) -> int:
        """End of the last segment."""
        return self.segments[-1][1]

    @property
    def discontinuous(self) -> bool:
        """True when the span has more than one segment."""
        return len(self.segments) > 1


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: its content, and its source and cue when labelled."""

    id: str
    content: Span
    source: Span | None = None
    cue: Span | None = None


@dataclass(frozen=True)
class PolnearGold:
    """An article of PolNeAR and the attributions of the annotator scored."""

    document: CorpusDocument
    attributions: tuple[Attribution, ...]
    annotator: str | None = None
    """The annotator whose attributions these are (None when the article has no .ann)."""
    annotators: tuple[str, ...] = ()
    """Every annotator with an .ann file for this article, sorted."""
    dropped: int = 0
    """Attributions left out because they have no content span."""
    discontinuous: int = 0
    """Spans (source, cue or content) with more than one segment, after merging roles."""


def _span(text: str, segments: list[tuple[int, int]]) -> Span:
    ordered = tuple(sorted(segments))
    return Span(ordered, " ".join(text[start:end] for start, end in ordered))


def parse_ann(ann: str, text: str) -> tuple[list[Attribution], int]:
    """Attributions of one brat standoff file over ``text``, and how many were dropped.

    Span texts are taken from ``text`` by offset (the .ann copy breaks lines inside a span).
    Repeated roles (``Content``, ``Content2``) are merged into one span.
    """
    spans: dict[str, list[tuple[int, int]]] = {}  # T id -> segments
    events: list[tuple[str, list[str]]] = []
    for line in ann.split("\n"):
        if match := _TEXT_BOUND.match(line):
            segments = []
            for part in match.group(2).split(";"):
                start, end = (int(number) for number in part.split())
                if not 0 <= start <= end <= len(text):
                    raise ValueError(f"{match.group(1)}: span {part} outside the text")
                segments.append((start, end))
            spans[match.group(1)] = segments
        elif match := _EVENT.match(line):
            events.append((match.group(1), match.group(2).split()))
    attributions: list[Attribution] = []
    dropped = 0
    for event_id, arguments in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for argument in arguments:
            role = _ROLE.match(argument)
            if role is None or role.group(2) not in spans:
                raise ValueError(f"{event_id}: bad argument {argument!r}")
            if role.group(1) not in _TRIGGERS:
                roles.setdefault(role.group(1), []).extend(spans[role.group(2)])
        if "Content" not in roles:
            dropped += 1
            continue
        attributions.append(
            Attribution(
                id=event_id,
                content=_span(text, roles["Content"]),
                source=_span(text, roles["Source"]) if "Source" in roles else None,
                cue=_span(text, roles["Cue"]) if "Cue" in roles else None,
            )
        )
    attributions.sort(key=lambda item: (item.content.start, item.content.end, item.id))
    return attributions, dropped


def _metadata(root: Path) -> dict[str, dict[str, str]]:
    path = root / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _read(path: Path) -> str:
    """The file's text exactly as distributed (no newline translation)."""
    return path.read_bytes().decode("utf-8")


def load(data: Path, split: str, limit: int | None = None) -> list[PolnearGold]:
    """The articles of ``split`` sorted by file stem (the first ``limit`` when given).

    ``data`` is the corpus folder (the one holding ``data/``), or its ``data/`` folder.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown PolNeAR split {split!r}; known: {', '.join(SPLITS)}")
    root = Path(data) / "data" if (Path(data) / "data").is_dir() else Path(data)
    folder = root / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(f"no PolNeAR texts in {folder / 'text'}")
    stems = sorted(path.stem for path in (folder / "text").glob("*.txt"))
    if limit is not None:
        stems = stems[:limit]
    annotations: dict[str, list[str]] = {}
    for path in (folder / "attributions").glob("*.ann"):
        stem, _, annotator = path.stem.rpartition("_")
        annotations.setdefault(stem, []).append(annotator)
    metadata = _metadata(root)
    golds = []
    for stem in stems:
        text = _read(folder / "text" / f"{stem}.txt")
        row = metadata.get(stem, {})
        annotators = tuple(sorted(annotations.get(stem, [])))
        attributions: list[Attribution] = []
        dropped = 0
        if annotators:
            ann = _read(folder / "attributions" / f"{stem}_{annotators[0]}.ann")
            try:
                attributions, dropped = parse_ann(ann, text)
            except ValueError as error:
                raise ValueError(f"{stem}_{annotators[0]}.ann: {error}") from error
        document = CorpusDocument(
            id=stem,
            text=text,
            published=_date(row.get("publication_date")),
            source=row.get("publisher") or None,
        )
        spans = [
            span
            for item in attributions
            for span in (item.content, item.source, item.cue)
            if span is not None
        ]
        golds.append(
            PolnearGold(
                document=document,
                attributions=tuple(attributions),
                annotator=annotators[0] if annotators else None,
                annotators=annotators,
                dropped=dropped,
                discontinuous=sum(span.discontinuous for span in spans),
            )
        )
    return golds
