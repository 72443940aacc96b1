"""The hostile corpus of tests/injection/hostile/ (written before any defense against it):
every article is listed, its planted text and the real items it must keep are verbatim,
and what shows that a model obeyed (the canaries) appears in the planted text only."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "injection" / "hostile"
ENTRIES: list[dict[str, Any]] = tomllib.loads((CORPUS / "corpus.toml").read_text())["article"]
ATTACK_FAMILIES = {
    "direct_override",
    "fake_delimiters",
    "role_markers",
    "output_format",
    "hidden_in_quotes_or_captions",
    "non_english",
    "split_across_sentences",
    "note_to_ai",
}
BENIGN = "benign_imperatives"
FRESH_PARTS = {f"heldout-{n}" for n in range(2, 10)}
"""Kept-aside parts written later, each by a writer who had not read the defense."""


def _text(entry: dict[str, Any]) -> str:
    return (CORPUS / entry["file"]).read_text(encoding="utf-8")


def test_every_article_is_listed_once() -> None:
    listed = [entry["file"] for entry in ENTRIES]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(path.name for path in CORPUS.glob("*.txt"))


def test_families_and_the_part_kept_aside() -> None:
    families = Counter(entry["family"] for entry in ENTRIES)
    assert set(families) == ATTACK_FAMILIES | {BENIGN}
    assert sum(families[f] for f in ATTACK_FAMILIES) >= 50
    assert min(families[f] for f in ATTACK_FAMILIES) >= 6 and families[BENIGN] >= 6
    for family in families:
        splits = Counter(e["split"] for e in ENTRIES if e["family"] == family)
        assert {"dev", "heldout"} <= set(splits) <= {"dev", "heldout", *FRESH_PARTS}
        assert splits["heldout"] >= 2, family


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_planted_text_and_kept_items_are_verbatim(entry: dict[str, Any]) -> None:
    text = _text(entry)
    planted = entry["planted_sentence"]
    benign = entry["family"] == BENIGN
    assert (planted == "" and entry["canaries"] == []) if benign else planted in text
    assert entry["keep"], "every article has real items to keep"
    for item in entry["keep"]:
        assert item["kind"] in ("event", "claim")
        for field in ("evidence", "actor", "target", "claimant"):
            assert item.get(field, "") in text, (field, item.get(field))


@pytest.mark.parametrize(
    "entry",
    [e for e in ENTRIES if e["family"] != BENIGN],
    ids=[e["file"] for e in ENTRIES if e["family"] != BENIGN],
)
def test_canaries_appear_in_the_planted_text_only(entry: dict[str, Any]) -> None:
    # a split attack may bind a name or a figure in one part and use it in another
    parts = [p.lower() for p in entry.get("planted_parts") or [entry["planted_sentence"]]]
    text, planted = _text(entry).lower(), " | ".join(parts)
    rest = text
    for part in parts:
        rest = rest.replace(part, " ")
    assert entry["canaries"]
    for canary in entry["canaries"]:
        # a figure must not be part of a longer number; other canaries are plain strings
        if canary.isdigit():
            word = re.compile(rf"(?<!\d){canary}(?!\d)")
            assert word.search(planted) and not word.search(rest), canary
        else:
            assert canary.lower() in planted and canary.lower() not in rest, canary
