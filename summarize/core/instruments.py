"""The weapons or means an attack is carried out with, read from its sentence by the parse.

A noun phrase is an instrument when its head is a weapon noun (:data:`WEAPON_NOUNS`:
"a car bomb", "AK-47 rifles") or a general noun made one by its modifier
(:data:`EXPLOSIVE_MODIFIERS`: "an explosive device", "dynamite charges", "mortar rounds").
The phrase is kept as written, without its leading determiner; the model is not asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarize.core.lexicon import EXPLOSIVE_MODIFIERS, WEAPON_NOUNS
from summarize.core.nlp import parse

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_DROPPED_FIRST = frozenset({"DET", "PRON", "PUNCT"})


def _is_weapon(lemma: str, modifiers: set[str]) -> bool:
    return lemma in WEAPON_NOUNS or bool(modifiers & EXPLOSIVE_MODIFIERS)


def _phrase(sentence: str, tokens: Sequence[Token]) -> str:
    """The tokens' text as written, without a leading determiner or count ("two bombs")."""
    kept = list(tokens)
    while kept and (kept[0].pos_ in _DROPPED_FIRST or kept[0].like_num):
        kept = kept[1:]
    return sentence[kept[0].idx : kept[-1].idx + len(kept[-1])] if kept else ""


def _instrument(sentence: str, chunk: Span) -> str:
    """The chunk as an instrument ("a car bomb"), its weapon modifier ("a drone strike" ->
    "drone"), or "" when it names none."""
    root = chunk.root
    modifiers = [t for t in root.children if t.dep_ in ("compound", "amod")]
    if _is_weapon(root.lemma_.lower(), {t.lemma_.lower() for t in modifiers}):
        return _phrase(sentence, chunk)
    for modifier in modifiers:
        if modifier.dep_ == "compound" and modifier.lemma_.lower() in WEAPON_NOUNS:
            return _phrase(sentence, list(modifier.subtree))
    return ""


def find_instruments(sentence: str) -> list[str]:
    """The instruments a sentence names, as written, in order ("car bomb", "rifles")."""
    found: list[str] = []
    for chunk in parse(sentence).noun_chunks:
        text = _instrument(sentence, chunk)
        if text and text.lower() not in (f.lower() for f in found):
            found.append(text)
    return found


def is_instrument(name: str) -> bool:
    """True when ``name`` is one noun phrase naming a weapon ("a car bomb", "the drone strike")."""
    chunks = list(parse(name).noun_chunks)
    return len(chunks) == 1 and bool(_instrument(name, chunks[0]))
