"""Articles as the program reads them: text, a name for messages, and paragraphs with offsets."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from summarize.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")
MIN_PARAGRAPH_WORDS = 6
"""Paragraphs shorter than this (bylines, 'Advertisement') cannot state an event or claim."""
MAX_TITLE_WORDS = 15
"""A line this short without closing punctuation is a title; its event is told in the body."""

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article and where it starts and ends in the full text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article: its full text and a name that identifies it in messages."""

    text: str
    name: str = "<text>"

    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs worth asking the model about, in order, without repeats."""
        seen: set[str] = set()
        found: list[Paragraph] = []
        for match in _PARAGRAPH.finditer(self.text):
            body = match.group().strip()
            key = " ".join(body.split()).lower()
            words = len(body.split())
            is_title = words <= MAX_TITLE_WORDS and not body.endswith((".", '"', "”", ":", ")"))
            if words < MIN_PARAGRAPH_WORDS or is_title or key in seen:
                continue
            seen.add(key)
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            found.append(Paragraph(start=start, end=start + len(body), text=body))
        return found


def parse_published(value: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` publication date given by the user."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"invalid publication date {value!r}: use YYYY-MM-DD") from None


def read_article(path: Path) -> Article:
    """Read one article file, refusing what cannot be summarized with a clear message."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir():
        raise InputError(
            f"{path} is a directory; pass the directory itself to summarize every article in it"
        )
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{path}: looks like a binary file, not an article; pass a .txt or .md file"
        )
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise InputError(f"{path}: the file is empty; pass a file with article text")
    return Article(text=text, name=str(path))


def collect_paths(arguments: list[Path]) -> list[Path]:
    """Expand directory arguments into the article files they contain, sorted by name."""
    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            found = sorted(
                p for p in argument.iterdir() if p.suffix in ARTICLE_SUFFIXES and p.is_file()
            )
            if not found:
                raise InputError(f"{argument}: directory has no .txt or .md articles")
            paths.extend(found)
        else:
            paths.append(argument)
    return paths
