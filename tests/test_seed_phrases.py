"""No run of words from a seed article in the code or the prompts.

The seeds are five examples the project is scored on, not a training set: a phrase copied
from one into a rule, a prompt or a few-shot example fits the program to those five
articles. The check is the same as ``../shared/tools/seed-phrases summarize prompts``: a
run of 5 words, at least 3 of them not among the commonest, found in a seed and on one
line of a source or prompt file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
COMMON = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "to",
        "and",
        "that",
        "for",
        "by",
        "at",
        "with",
        "is",
        "was",
        "it",
        "its",
        "as",
        "said",
    ]
)
CHECKED_SUFFIXES = {".py", ".toml", ".txt", ".md", ".json", ".j2", ".jinja"}


def word_runs(text: str, length: int = 5) -> Iterator[str]:
    """Every run of ``length`` words with at least 3 uncommon ones ("U.S." read as "us")."""
    words = WORD.findall(re.sub(r"\bu\.\s?s\.", "us", text.lower()))
    for i in range(len(words) - length + 1):
        run = words[i : i + length]
        if sum(word not in COMMON for word in run) >= 3:
            yield " ".join(run)


def test_the_check_finds_a_copied_phrase() -> None:
    seed = "Gunmen stormed the provincial council building at dawn on Monday."
    line = 'PATTERN = re.compile(r"stormed the provincial council building")'
    assert set(word_runs(line)) & set(word_runs(seed))


def test_no_seed_phrase_in_code_or_prompts() -> None:
    seed_runs: set[str] = set()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        seed_runs.update(word_runs(seed.read_text(encoding="utf-8")))
    assert seed_runs, "no seed articles found in seeds/"
    hits = []
    for folder in ("summarize", "prompts"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in CHECKED_SUFFIXES:
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines, 1):
                found = sorted(set(word_runs(line)) & seed_runs)
                if found:
                    hits.append(f"{path.relative_to(ROOT)}:{number}: {found[0]!r}")
    assert not hits, "seed phrases in code or prompts:\n" + "\n".join(hits)
