"""PolNeAR measures: attributions found as claims, and their source and cue (pure code).

Spans. A predicted claim's spans are the (start, end) offsets of its grounded evidence
quotes (an ungrounded claim, or one without offsets, can match nothing); a gold
attribution's span is its content span (all its segments). Before comparing, every span
is trimmed of characters in :data:`EDGE` at both ends (whitespace, quote marks and edge
punctuation: ``. , ; : ! ? …`` dashes and brackets), so ``“We will win.”`` and
``We will win`` are the same span.

- **Lenient** (``polnear_claim_*``): a claim and an attribution may match when their
  trimmed spans share at least one character.
- **Strict** (``polnear_claim_strict_*``): they may match when, trimmed, the content's
  extent (first segment start to last segment end) has exactly the boundaries of one of the
  claim's quotes, or of the extent of all its quotes.

Matching is one-to-one, by optimal assignment (:func:`summarize.evaluation.matching.assign`):
the most pairs possible, and among those the largest total overlap (Jaccard index of the
characters of the two trimmed spans). So when two claims overlap one attribution, only one
is a true positive (the one overlapping it more, unless the other is needed for another
attribution); the other is a false positive. Precision, recall and F1 are micro-averaged
over the articles; an article that failed predicts nothing.

On the lenient pairs:

- **Source accuracy**: the head word of our source as written (the claim's
  ``claimant_quote``, else its ``claimant``) equals the head word of the gold source span
  (:func:`head_word`; case-insensitive). Scored only when the gold has a source; no
  claimant counts as wrong. Pronouns count as written ("he" != "Trump"), on both sides.
- **Cue accuracy**: our ``cue`` equals the gold cue span after folding case and word endings
  (:func:`cue_key`: "said", "says", "saying" -> "say"; "told" -> "tell"; auxiliaries
  dropped, "has said" -> "say"; multi-word cues compared word by word, so "said" !=
  "said Thursday morning"). Scored only when the gold cue has a word (not for a
  punctuation cue such as the colon of "Flynn: ..."); no cue counts as wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from summarize.core.schema import ArticleSummary, Claim
from summarize.evaluation.matching import assign
from summarize.evaluation.metrics import Counts, FieldTally, format_score

if TYPE_CHECKING:
    from summarize.evaluation.datasets.polnear import Attribution, PolnearGold

Segments = Sequence[tuple[int, int]]

EDGE = frozenset(" \t\n\r\f\v\u00a0\u200b\ufeff\"'`“”‘’„«»‹›.,;:!?…-–—()[]")
"""Characters trimmed from both ends of every span before comparing."""

_BOUNDARY = re.compile(
    r"[,;:()\[\]]|\s[-–—]+\s|\b(?:of|for|at|in|from|with|on|to|who|whom|whose|which|that|"
    r"including|like|under|behind|within)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+(?:['’.\-]\w+)*")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CUE_WORD = re.compile(r"[\w']+")
_IRREGULAR = {
    "said": "say", "told": "tell", "thought": "think", "wrote": "write",
    "written": "write", "spoke": "speak", "spoken": "speak", "knew": "know",
    "known": "know", "felt": "feel", "heard": "hear", "held": "hold", "made": "make",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "saw": "see",
    "seen": "see", "meant": "mean", "found": "find", "got": "get", "went": "go",
    "gone": "go", "goes": "go", "came": "come", "kept": "keep", "brought": "bring",
    "sought": "seek", "taught": "teach", "swore": "swear", "sworn": "swear",
    "understood": "understand",
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "am": "be",
    "has": "have", "had": "have", "does": "do", "did": "do", "done": "do",
}  # fmt: skip
_AUXILIARIES = frozenset(
    {"be", "hav", "do", "will", "would", "shall", "should", "can", "could", "may", "might", "must"}
)
"""Stems of auxiliaries and modals, left out of a cue's key (see :func:`cue_key`)."""
_MISSED_CHARS = 90


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without :data:`EDGE` characters at either end (start == end if empty)."""
    while start < end and text[start] in EDGE:
        start += 1
    while end > start and text[end - 1] in EDGE:
        end -= 1
    return start, end


def _trimmed(text: str, segments: Segments) -> list[tuple[int, int]]:
    spans = (trim(text, start, end) for start, end in segments)
    return [(start, end) for start, end in spans if end > start]


def _merged(segments: Segments) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(segments):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _length(segments: Segments) -> int:
    return sum(end - start for start, end in _merged(segments))


def overlap(a: Segments, b: Segments) -> int:
    """Characters covered by both sets of segments."""
    return sum(
        max(0, min(a_end, b_end) - max(a_start, b_start))
        for a_start, a_end in _merged(a)
        for b_start, b_end in _merged(b)
    )


def jaccard(text: str, gold: Segments, predicted: Segments) -> float:
    """Shared characters / covered characters of the trimmed spans (0 when disjoint)."""
    gold, predicted = _trimmed(text, gold), _trimmed(text, predicted)
    shared = overlap(gold, predicted)
    return shared / (_length(gold) + _length(predicted) - shared) if shared else 0.0


def exact(text: str, gold: Segments, predicted: Segments) -> bool:
    """True when the trimmed content extent equals a trimmed quote, or the quotes' extent."""
    if not gold or not predicted:
        return False
    target = trim(text, gold[0][0], gold[-1][1])
    candidates = [*predicted, (min(s for s, _ in predicted), max(e for _, e in predicted))]
    return target[1] > target[0] and any(trim(text, *span) == target for span in candidates)


def claim_segments(claim: Claim) -> list[tuple[int, int]]:
    """The (start, end) of the claim's grounded evidence quotes that have offsets."""
    return [
        (item.start, item.end)
        for item in claim.evidence
        if item.grounded and item.start is not None and item.end is not None
        if item.end > item.start
    ]


def head_word(name: str | None) -> str | None:
    """The head of a name: the last word before any post-modifier, case-folded.

    The phrase is cut at the first comma, bracket, colon, spaced dash or post-modifying
    word (of, for, at, in, from, with, on, to, who, which, that, ...) that follows a word;
    its last word is the head, with a possessive "'s" dropped, "Jr."/"III" skipped, and
    dots and apostrophes removed. "Brian Fallon, a spokesman for Clinton" -> "fallon";
    "a spokesman for the Clinton campaign" -> "spokesman"; "Trump's campaign" ->
    "campaign"; "he" -> "he".
    """
    if not name:
        return None
    for boundary in _BOUNDARY.finditer(name):
        if _WORD.search(name, 0, boundary.start()):
            name = name[: boundary.start()]
            break
    words = [re.sub(r"['’][sS]$", "", word) for word in _WORD.findall(name)]
    words = [re.sub(r"['’.]", "", word).casefold() for word in words]
    words = [word for word in words if word]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words[-1] if words else None


def _unsuffixed(word: str) -> str:
    if len(word) > 4 and word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) >= 6:
        return word[:-3]
    sibilant_es = word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh"))
    if sibilant_es or (word.endswith("ed") and len(word) >= 5):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) >= 4:
        return word[:-1]
    return word


def _stem(word: str) -> str:
    stem = _IRREGULAR.get(word) or _unsuffixed(word)
    past = word.endswith("ed") and stem == word[:-2]  # "agreed" -> "agre", as "agree"
    word = stem
    if len(word) > 3 and word.endswith("e") and not past:
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouy":
        word = word[:-1]
    return word


def cue_key(cue: str | None) -> tuple[str, ...]:
    """The words of a cue, lower-cased, with inflection folded by a small suffix rule.

    Irregular verbs come from a short table ("said" -> "say", "told" -> "tell"); otherwise
    -ies/-ied -> -y, then -ing, -ed, -es (after s, x, z, ch, sh) or -s is dropped, then a
    final "e" (not one left by -ed) and a doubled final consonant of a stem longer than
    three letters, so "states"/"stated"/"stating" -> "stat", "agree"/"agreed" -> "agre".
    Auxiliaries and modals (be, have, do, will, would, ...) are left out when another word
    remains: "has said" and "is expected" compare as "said" and "expected".
    Punctuation has no key: a cue that is only punctuation (":" in "Flynn: ...") is ().
    """
    if not cue:
        return ()
    words = [_stem(word) for word in _CUE_WORD.findall(cue.casefold().replace("’", "'"))]
    content = [word for word in words if word not in _AUXILIARIES]
    return tuple(content or words)


def match_pairs(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """One-to-one (row, column) pairs over positive weights: the most pairs, then the most
    total weight (every weight must be in (0, 1]; 0 means the pair may not match)."""
    rows = len(weights)
    if rows == 0 or not weights[0]:
        return []
    bonus = float(min(rows, len(weights[0])) + 1)
    boosted = [[bonus + weight if weight > 0 else 0.0 for weight in row] for row in weights]
    return [(row, col) for row, col, _ in assign(boosted, bonus)]


class PolnearArticle(BaseModel):
    """The measures of one article."""

    id: str
    gold: int
    predicted: int
    failed: bool = False
    claims: Counts = Field(default_factory=Counts)
    strict: Counts = Field(default_factory=Counts)
    source: FieldTally = Field(default_factory=FieldTally)
    cue: FieldTally = Field(default_factory=FieldTally)
    missed: str | None = None
    """The first gold attribution (in text order) no claim matched, in short."""


def _source_as_written(claim: Claim) -> str | None:
    """The claim's source as the article writes it (its ``claimant_quote``), else the
    ``claimant``: PolNeAR's source is a span as written, pronouns included."""
    quote = claim.claimant_quote
    return quote.quote if quote is not None and quote.grounded else claim.claimant


def _describe(attribution: Attribution) -> str:
    content = " ".join(attribution.content.text.split())
    if len(content) > _MISSED_CHARS:
        content = content[: _MISSED_CHARS - 1] + "…"
    who = " ".join(span.text for span in (attribution.source, attribution.cue) if span)
    return f"{who}: “{content}”" if who else f"“{content}”"


def score_article(gold: PolnearGold, summary: ArticleSummary | None) -> PolnearArticle:
    """Match the summary's claims with the article's gold attributions."""
    text, attributions = gold.document.text, gold.attributions
    claims = summary.claims if summary is not None else []
    predicted = [  # offsets past the text (a summary of other text) are clipped
        [(start, min(end, len(text))) for start, end in claim_segments(claim) if start < len(text)]
        for claim in claims
    ]
    contents = [item.content.segments for item in attributions]
    lenient = match_pairs([[jaccard(text, g, p) for p in predicted] for g in contents])
    strict = match_pairs([[float(exact(text, g, p)) for p in predicted] for g in contents])
    source, cue = FieldTally(), FieldTally()
    for g, p in lenient:
        attribution, claim = attributions[g], claims[p]
        if attribution.source is not None:
            right = head_word(_source_as_written(claim)) == head_word(attribution.source.text)
            source += FieldTally(correct=int(right), scored=1)
        if attribution.cue is not None and cue_key(attribution.cue.text):
            right = bool(claim.cue) and cue_key(claim.cue) == cue_key(attribution.cue.text)
            cue += FieldTally(correct=int(right), scored=1)
    matched = {g for g, _ in lenient}
    missed = [item for index, item in enumerate(attributions) if index not in matched]

    def counts(pairs: list[tuple[int, int]]) -> Counts:
        return Counts(tp=len(pairs), fp=len(claims) - len(pairs), fn=len(contents) - len(pairs))

    return PolnearArticle(
        id=gold.document.id,
        gold=len(attributions),
        predicted=len(claims),
        failed=summary is None,
        claims=counts(lenient),
        strict=counts(strict),
        source=source,
        cue=cue,
        missed=_describe(missed[0]) if missed else None,
    )


class PolnearScore(BaseModel):
    """PolNeAR measures over a set of articles (see the module doc)."""

    articles: list[PolnearArticle] = Field(default_factory=list)
    multi_annotator: int = 0
    """Articles annotated by more than one annotator (only the first is scored)."""

    def _total(self, name: str) -> Counts:
        return sum((getattr(item, name) for item in self.articles), Counts())

    def _tally(self, name: str) -> FieldTally:
        return sum((getattr(item, name) for item in self.articles), FieldTally())

    def metrics(self) -> dict[str, float | None]:
        """Flat measures, each key prefixed ``polnear_``."""
        lenient, strict = self._total("claims"), self._total("strict")
        return {
            "polnear_claim_precision": lenient.precision,
            "polnear_claim_recall": lenient.recall,
            "polnear_claim_f1": lenient.f1,
            "polnear_claim_strict_precision": strict.precision,
            "polnear_claim_strict_recall": strict.recall,
            "polnear_claim_strict_f1": strict.f1,
            "polnear_source_accuracy": self._tally("source").accuracy,
            "polnear_cue_accuracy": self._tally("cue").accuracy,
            "polnear_articles": float(len(self.articles)),
            "polnear_failed": float(sum(item.failed for item in self.articles)),
            "polnear_gold_attributions": float(sum(item.gold for item in self.articles)),
            "polnear_predicted_claims": float(sum(item.predicted for item in self.articles)),
            "polnear_multi_annotator_articles": float(self.multi_annotator),
        }

    def rows(self) -> list[tuple[str, str]]:
        """The report table: measure, value."""
        lenient, strict = self._total("claims"), self._total("strict")
        source, cue = self._tally("source"), self._tally("cue")
        failed = sum(item.failed for item in self.articles)
        return [
            ("PolNeAR articles (failed)", f"{len(self.articles)} ({failed})"),
            (
                "gold attributions / predicted claims",
                f"{lenient.tp + lenient.fn} / {lenient.tp + lenient.fp}",
            ),
            (
                "claims P / R / F1 (overlap)",
                f"{lenient.precision:.3f} / {lenient.recall:.3f} / {lenient.f1:.3f}",
            ),
            (
                "claims P / R / F1 (exact span)",
                f"{strict.precision:.3f} / {strict.recall:.3f} / {strict.f1:.3f}",
            ),
            ("source head accuracy", f"{format_score(source.accuracy)} ({source.scored} pairs)"),
            ("cue accuracy", f"{format_score(cue.accuracy)} ({cue.scored} pairs)"),
            ("articles with several annotators", f"{self.multi_annotator} (first scored)"),
        ]

    def worst(self, count: int) -> list[str]:
        """One line per worst article: lowest overlap F1 first, then most attributions missed."""
        ranked = sorted(self.articles, key=lambda item: (item.claims.f1, -item.claims.fn, item.id))
        lines = []
        for item in ranked[: max(count, 0)]:
            line = (
                f"{item.id}: claims F1 {item.claims.f1:.2f}, {item.gold} gold attributions vs "
                f"{item.predicted} predicted claims ({item.claims.tp} matched)"
            )
            if item.failed:
                line += ", failed"
            if item.missed:
                line += f"; missed {item.missed}"
            lines.append(line)
        return lines


def score(
    golds: Sequence[PolnearGold], summaries: Mapping[str, ArticleSummary | None]
) -> PolnearScore:
    """Score the summaries of ``golds`` (a missing or None summary predicts nothing)."""
    return PolnearScore(
        articles=[score_article(gold, summaries.get(gold.document.id)) for gold in golds],
        multi_annotator=sum(len(gold.annotators) > 1 for gold in golds),
    )
