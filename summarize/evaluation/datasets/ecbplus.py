"""ECB+ (Cybulska & Vossen, LREC 2014) as an evaluation set: cross-document event coreference.

The corpus (``ecbplus/`` as distributed): ``ECB+/<topic>/<topic>_<n>ecb.xml`` and
``<topic>_<n>ecbplus.xml`` hold tokens (``t_id``, ``sentence``, ``number``), markables made
of token anchors and relations; ``ECBplus_coreference_sentences.csv`` lists the sentences
whose coreference was checked. Each topic holds two sub-topics: its ``ecb`` documents
and its ``ecbplus`` documents report two different but similar real events (two rehab
check-ins of one actress, five years apart).

What the summarizer reads (:class:`CorpusDocument`): ``id`` is the file stem
(``1_10ecbplus``), ``group`` the topic number (``"1"``), ``text`` the document rebuilt
from its tokens (:func:`rebuild_text`): one sentence per paragraph (paragraphs separated
by a blank line), a space between tokens except before closing punctuation and clitics
(``,`` ``.`` ``;`` ``:`` ``)`` ``'s`` ``n't`` ...), after opening brackets, quotes and
``$``, and around ``-`` ``/`` ``_`` (split hyphenated words and dates); the PTB quotes
(two backquotes, two single quotes) become ``"``, and a bare ``"`` opens at a sentence
start, closes at its end, else alternates (across sentences); a web address (the first
line of most ``ecbplus`` documents) is joined back without spaces. Each token keeps its
``(start, end)`` in the text, so ``text[start:end]`` is the token (a PTB quote reads ``"``).
This is cosmetic: offsets, not spacing, tie our evidence to the gold.

Gold (:class:`EventMention`): the event mentions are the markables tagged ``ACTION_*``
or ``NEG_ACTION_*`` (occurrence, state, reporting, aspectual, perception, causative,
generic; negated ones too), each with its tokens, character span, sub-topic, whether its
sentence is in the checked-sentences list, and the instance of its ``CROSS_DOC_COREF``
relation (None when it has none).

The mapping to our output (scored in :mod:`summarize.evaluation.datasets.ecbplus_scoring`):

- Gold clusters: the event mentions in checked sentences (the validated part of ECB+,
  as in Cybulska & Vossen 2015 and later work) grouped by ``CROSS_DOC_COREF`` instance;
  only instances with such mentions in at least two of the loaded documents take part
  (*cross-document mentions*).
- Found: a gold mention is found when the action (``start``/``end``: the words that say
  what happened, :mod:`summarize.core.action`) of a predicted event of its document
  overlaps one of the mention's tokens, as event mentions are matched by their trigger.
  When several predicted events overlap it, it goes to the one whose overlapping span is
  shortest, then the one listed first. The same measures are also given with mentions
  found by the evidence sentence instead (``sentence_*``): every event mention of the
  sentence then goes to one predicted event, so predicates of different events told in
  one sentence ("announced" and "host") count as merged.
- Predicted clusters: per topic, the summaries of its documents are built into one story
  (:func:`summarize.story.build_story`, names = document ids); a found mention's predicted
  cluster is the story event holding the predicted event it was found by.
- Mention recall: found cross-document mentions / cross-document mentions.
- MUC, B-cubed, CEAF-e and CoNLL F1 (:mod:`summarize.evaluation.coref_metrics`) over the
  found cross-document mentions: key = gold clusters restricted to them, response =
  their predicted clusters. Mentions not found are left out of both (they count in the
  mention recall only). Singletons are kept (a cluster with one found mention). The
  end-to-end CoNLL F1 also keeps the mentions not found in the key (as missing from the
  response), so it falls with the mention recall.
- Wrong merges: a story event is a wrong merge when two of its predicted events found
  checked gold mentions of disjoint instance sets (any instance here, also one told by
  a single document): they tell different real events. It is a cross-sub-topic merge when
  such a pair comes from an ``ecb`` and an ``ecbplus`` document (a few instances are told
  by both sub-topics, so the sub-topic alone does not make a merge wrong).
- Topics are scored independently (no gold cluster crosses topics) and their counts are
  summed, which equals scoring all topics as one meta-document. A failed document
  (summary None) predicts nothing and is left out of its topic's story.

What does not map: participant, time and location mentions (``HUMAN_PART_*``,
``NON_HUMAN_PART*``, ``TIME_*``, ``LOC_*``) and their coreference; ``INTRA_DOC_COREF``
chains (74 event mentions, within one document); event mentions outside the checked
sentences; singleton events (an instance told by one document, or a mention with no
instance) for recall and the coreference measures; our events' types, parties, places,
dates and figures (ECB+ labels none of them); predicted events whose evidence overlaps
no checked gold mention (the gold says nothing about them); claims.

Splits: ``sample`` (the default) keeps, of each topic, the first
:data:`SAMPLE_PER_SUBTOPIC` documents of each sub-topic in file order; ``topics`` keeps
every document. ``limit`` is a number of TOPICS (the first ones in numeric order), not of
documents. Documents come in topic order, then file order: document number, ``ecb``
before ``ecbplus``.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from summarize.evaluation.datasets import CorpusDocument
from summarize.evaluation.datasets.ecbplus_scoring import EcbScore, TopicScore, score

__all__ = [
    "DEFAULT_SPLIT",
    "NAME",
    "SPLITS",
    "EcbGold",
    "EcbScore",
    "EventMention",
    "TopicScore",
    "layout",
    "load",
    "rebuild_text",
    "score",
]

NAME = "ecbplus"
SPLITS = ("sample", "topics")
DEFAULT_SPLIT = "sample"
SAMPLE_PER_SUBTOPIC = 12
"""Documents kept of each sub-topic of each topic in the ``sample`` split."""
CORPUS_FOLDER = "ECB+"
CHECKED_SENTENCES = "ECBplus_coreference_sentences.csv"
EVENT_TAG_PREFIXES = ("ACTION_", "NEG_ACTION_")

_FILE = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)$")
_SUBTOPICS = ("ecb", "ecbplus")


@dataclass(frozen=True)
class EventMention:
    """One gold event mention of an ECB+ document."""

    id: str
    """``<document>#<m_id>``."""
    document: str
    tag: str
    tokens: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    """Character span of each token in the rebuilt text."""
    start: int
    end: int
    text: str
    sentence: int
    subtopic: str
    """``ecb`` or ``ecbplus``: which of the topic's two real events its document reports."""
    instance: str | None
    """The ``CROSS_DOC_COREF`` instance id, None without one."""
    checked: bool
    """Whether its sentence is in ``ECBplus_coreference_sentences.csv``."""


@dataclass(frozen=True, eq=False)
class EcbGold:
    """One ECB+ document: what the summarizer reads and its gold event mentions."""

    document: CorpusDocument
    topic: int
    subtopic: str
    mentions: tuple[EventMention, ...]
    tokens: Mapping[int, str]
    """Token id -> the token as distributed (surrounding whitespace stripped)."""
    token_spans: Mapping[int, tuple[int, int]]
    """Token id -> its (start, end) in ``document.text``."""
    checked_sentences: frozenset[int]


# --- text rebuilding ---------------------------------------------------------------------

_CLOSING = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "…", "’"}
_OPENING = {"(", "[", "{", "‘", "$", "#"}
_JOINERS = {"-", "/", "_"}
_CLITICS = {"'s", "'re", "'m", "'ve", "'d", "'ll", "n't", "’s", "’re", "’m", "’ve", "’d", "’ll"}
_AFTER_APOSTROPHE = {"s", "t", "re", "m", "ve", "d", "ll"}
_URL_START = ("http", "https", "www")


def _is_word(token: str) -> bool:
    return token[:1].isalnum() and token[-1:].isalnum()


def _joins(word: str, prev: str, after: str) -> bool:
    """No space on either side: ``-`` ``/`` ``_`` and ``:`` between digits (``08:41``)."""
    return word in _JOINERS or (word == ":" and prev[-1:].isdigit() and after[:1].isdigit())


def _attaches(word: str, prev: str) -> bool:
    """No space before: closing punctuation, clitics, the ``s`` of ``Sox ’ s``."""
    lower = word.lower()
    return (
        word in _CLOSING
        or lower in _CLITICS
        or word == ""
        or (lower in _AFTER_APOSTROPHE and prev == "’")
    )


def layout(words: Sequence[str], quoted: bool = False) -> tuple[list[tuple[str, bool]], bool]:
    """Each token of one sentence as shown and whether a space goes before it; and
    whether a double quote is open after it (``quoted``: open before it)."""
    shown: list[tuple[str, bool]] = []
    double_open, glue = quoted, False
    in_url = single_open = False
    for index, word in enumerate(words):
        prev = words[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(words) else ""
        space, rendered = index > 0 and not glue and word != "", word
        glue = False
        if in_url and not (_is_word(prev) and _is_word(word)):
            shown.append((word, False))  # a web address goes on until two words meet
            continue
        in_url = word.lower() in _URL_START
        if word in ("``", "''", "“", "”"):
            rendered = '"' if word in ("``", "''") else word
            double_open = word in ("``", "“")
            glue, space = (True, space) if double_open else (False, False)
        elif word == '"':  # opens a sentence, closes it, else by what came before
            double_open = index == 0 or (index < len(words) - 1 and not double_open)
            glue, space = (True, space) if double_open else (False, False)
        elif word == "'":
            if single_open or (_is_word(prev) and prev[-1] in "sS"):
                space, single_open = False, False  # closing quote or plural possessive
            else:
                glue, single_open = True, True
        elif _joins(word, prev, after):
            space, glue = False, True
        elif _attaches(word, prev):
            space = False
        elif word in _OPENING:
            glue = True
        elif len(word) > 1 and '"' in (word[0], word[-1]):  # a quote stuck to a word: "I
            double_open = word[0] == '"' and word[-1] != '"'
        shown.append((rendered, space))
    return shown, double_open


def rebuild_text(
    tokens: Sequence[tuple[int, int, str]],
) -> tuple[str, dict[int, tuple[int, int]]]:
    """The text of ``(t_id, sentence, token)`` triples (in order) and each token's span.

    One sentence per paragraph, paragraphs separated by a blank line, a final newline.
    """
    pieces: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    position, quoted = 0, False
    for number, (_, group) in enumerate(groupby(tokens, key=lambda token: token[1])):
        sentence = list(group)
        if number:
            pieces.append("\n\n")
            position += 2
        shown, quoted = layout([word for _, _, word in sentence], quoted)
        for (t_id, _, _), (rendered, space) in zip(sentence, shown, strict=True):
            if space:
                pieces.append(" ")
                position += 1
            spans[t_id] = (position, position + len(rendered))
            pieces.append(rendered)
            position += len(rendered)
    return "".join(pieces) + "\n", spans


# --- reading -----------------------------------------------------------------------------


def _file_key(path: Path) -> tuple[int, int, int]:
    match = _FILE.match(path.stem)
    assert match is not None
    return int(match[1]), int(match[2]), _SUBTOPICS.index(match[3])


def read_checked_sentences(path: Path) -> dict[str, frozenset[int]]:
    """Document id -> the sentence numbers checked for coreference."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: not found; it comes with ECB+ ({CHECKED_SENTENCES})")
    checked: dict[str, set[int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            document = f"{row['Topic'].strip()}_{row['File'].strip()}"
            checked.setdefault(document, set()).add(int(row["Sentence Number"]))
    return {document: frozenset(numbers) for document, numbers in checked.items()}


def _instances(relations: ET.Element | None, targets: Mapping[str, str | None]) -> dict[str, str]:
    """Markable id -> the instance of its CROSS_DOC_COREF relation."""
    instance_of: dict[str, str] = {}
    for relation in relations if relations is not None else ():
        if relation.tag != "CROSS_DOC_COREF":
            continue
        target = relation.find("target")
        instance = relation.get("note") or (
            targets.get(target.get("m_id", "")) if target is not None else None
        )
        if instance:
            for source in relation.findall("source"):
                instance_of[source.get("m_id", "")] = instance
    return instance_of


def read_document(path: Path, checked: frozenset[int] = frozenset()) -> EcbGold:
    """One ECB+ XML file as a gold document (``checked``: its checked sentence numbers)."""
    match = _FILE.match(path.stem)
    if match is None:
        raise ValueError(f"{path}: not an ECB+ document name (<topic>_<n>ecb[plus].xml)")
    topic, subtopic = int(match[1]), match[3]
    root = ET.parse(path).getroot()
    triples = sorted(
        (int(t.get("t_id", "0")), int(t.get("sentence", "0")), (t.text or "").strip())
        for t in root.iter("token")
    )
    text, spans = rebuild_text(triples)
    sentence_of = {t_id: sentence for t_id, sentence, _ in triples}
    markables = root.find("Markables")
    elements = list(markables) if markables is not None else []
    targets = {m.get("m_id", ""): m.get("instance_id") for m in elements}
    instance_of = _instances(root.find("Relations"), targets)
    mentions = []
    for markable in elements:
        anchors = tuple(sorted(int(a.get("t_id", "0")) for a in markable.iter("token_anchor")))
        if not anchors or not markable.tag.startswith(EVENT_TAG_PREFIXES):
            continue
        token_spans = tuple(spans[t] for t in anchors)
        start, end = token_spans[0][0], token_spans[-1][1]
        contiguous = anchors == tuple(range(anchors[0], anchors[-1] + 1))
        m_id = markable.get("m_id", "")
        mentions.append(
            EventMention(
                id=f"{path.stem}#{m_id}",
                document=path.stem,
                tag=markable.tag,
                tokens=anchors,
                spans=token_spans,
                start=start,
                end=end,
                text=text[start:end] if contiguous else " ".join(text[s:e] for s, e in token_spans),
                sentence=sentence_of[anchors[0]],
                subtopic=subtopic,
                instance=instance_of.get(m_id),
                checked=sentence_of[anchors[0]] in checked,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end, m.id))
    return EcbGold(
        document=CorpusDocument(id=path.stem, text=text, group=str(topic)),
        topic=topic,
        subtopic=subtopic,
        mentions=tuple(mentions),
        tokens={t_id: word for t_id, _, word in triples},
        token_spans=spans,
        checked_sentences=checked,
    )


def _sample(files: Sequence[Path], per_subtopic: int) -> list[Path]:
    kept: list[Path] = []
    for subtopic in range(len(_SUBTOPICS)):
        kept += [f for f in files if _file_key(f)[2] == subtopic][:per_subtopic]
    return sorted(kept, key=_file_key)


def load(data: Path, split: str = DEFAULT_SPLIT, limit: int | None = None) -> list[EcbGold]:
    """The gold documents of ``split`` of the first ``limit`` TOPICS (all when None).

    ``data`` is the ``ecbplus/`` folder (holding ``ECB+/`` and the checked-sentences CSV).
    """
    if split not in SPLITS:
        raise ValueError(f"unknown ECB+ split {split!r}; known: {', '.join(SPLITS)}")
    corpus = Path(data) / CORPUS_FOLDER
    if not corpus.is_dir():
        raise FileNotFoundError(
            f"{corpus}: not found; pass the ecbplus/ folder (it holds {CORPUS_FOLDER}/ "
            f"and {CHECKED_SENTENCES})"
        )
    checked = read_checked_sentences(Path(data) / CHECKED_SENTENCES)
    topics = sorted(
        (folder for folder in corpus.iterdir() if folder.is_dir() and folder.name.isdigit()),
        key=lambda folder: int(folder.name),
    )
    if limit is not None:
        topics = topics[: max(limit, 0)]
    golds: list[EcbGold] = []
    for folder in topics:
        files = sorted((f for f in folder.glob("*.xml") if _FILE.match(f.stem)), key=_file_key)
        if split == "sample":
            files = _sample(files, SAMPLE_PER_SUBTOPIC)
        golds += [read_document(f, checked.get(f.stem, frozenset())) for f in files]
    return golds
