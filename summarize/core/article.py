"""Articles as the program reads them: text, a name for messages, and paragraphs with offsets.

Input handling (see README, "Input handling"): files are read as UTF-8 (a UTF-8 BOM is
dropped, UTF-16 with a BOM is decoded); a few invalid bytes are replaced with U+FFFD and
recorded in :attr:`Article.warnings` for the caller to report; binary files, PDFs,
archives and oversized files are refused with one clear :class:`InputError`; HTML pages
are reduced to their article text with trafilatura, and offsets refer to that text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from summarize.core.furniture import without_furniture
from summarize.core.wire import as_read
from summarize.errors import ConfigurationError, InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
MIN_PARAGRAPH_WORDS = 6
"""Paragraphs shorter than this (bylines, 'Advertisement') cannot state an event or claim."""
MAX_TITLE_WORDS = 15
"""A line this short without closing punctuation is a title; its event is told in the body."""
MAX_ARTICLE_CHARS = 100_000
"""Longest article text accepted (about 15,000 words, longer than any news article); above
it the request count (one per paragraph chunk) would run for hours on the embedded model."""
MAX_FILE_BYTES = 20_000_000
"""Largest file read at all (an HTML page carries scripts and markup around its text)."""
MAX_INVALID_SHARE = 0.10
"""Above this share of invalid UTF-8 bytes or control characters a file is not text."""

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
"""A paragraph: lines up to a blank line."""
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. pdftotext) and pass the .txt"),
    (b"\x1f\x8b", "gzip-compressed data", "decompress it first (gunzip)"),
    (b"BZh", "bzip2-compressed data", "decompress it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "xz-compressed data", "decompress it first (unxz)"),
    (b"PK\x03\x04", "a ZIP archive or office document", "save the article as plain text"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document", "save the article as plain text"),
    (b"{\\rtf", "an RTF document", "save the article as plain text"),
    (b"\x89PNG", "a PNG image", "pass the article's text"),
    (b"\xff\xd8\xff", "a JPEG image", "pass the article's text"),
    (b"GIF8", "a GIF image", "pass the article's text"),
    (b"\x7fELF", "an executable", "pass the article's text"),
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the article and where it starts and ends in the full text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    """One article: its full text, a name that identifies it in messages, and any warnings
    about how the text was read (for the caller to report, e.g. on stderr)."""

    text: str
    name: str = "<text>"
    warnings: tuple[str, ...] = ()

    @cached_property
    def readable_text(self) -> str:
        """The text with page furniture (bylines, captions, addresses) blanked: what is cut
        into paragraphs and parsed; offsets are those of :attr:`text`."""
        return without_furniture(self.text)

    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs worth asking the model about, in order, without repeats."""
        seen: set[str] = set()
        found: list[Paragraph] = []
        for match in PARAGRAPH.finditer(self.readable_text):
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

    def check_size(self) -> None:
        """Refuse a text longer than :data:`MAX_ARTICLE_CHARS` with a clear message."""
        if len(self.text) > MAX_ARTICLE_CHARS:
            raise InputError(
                f"{self.name}: {len(self.text):,} characters is too long for one article "
                f"(limit {MAX_ARTICLE_CHARS:,}); split it into separate articles or pass an excerpt"
            )


def parse_published(value: str) -> dt.date:
    """Parse a ``YYYY-MM-DD`` publication date given by the user."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"invalid publication date {value!r}: use YYYY-MM-DD") from None


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise for data that is recognisably not text: a known file signature or NUL bytes."""
    for signature, kind, hint in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{name}: looks like a binary file ({kind}), not an article; {hint}")
    if b"\x00" in data[:8192]:
        raise InputError(
            f"{name}: looks like a binary file, not an article; pass a .txt, .md or .html file"
        )


def _decode(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (or BOM-marked UTF-16), replacing invalid bytes with U+FFFD.

    Returns the text and the warnings to report. Text made mostly of invalid bytes or
    control characters is refused as binary.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), ()
    _refuse_binary(data, name)
    raw = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    sample = raw[:65536]
    bad = len(_ESCAPED_BYTE.findall(sample)) + len(_CONTROL.findall(sample))
    if bad > MAX_INVALID_SHARE * len(sample):
        raise InputError(
            f"{name}: looks like a binary file or text not in UTF-8; "
            "convert it to UTF-8 text (e.g. iconv -f latin1 -t utf-8)"
        )
    invalid = len(_ESCAPED_BYTE.findall(raw))
    if not invalid:
        return raw, ()
    text = _ESCAPED_BYTE.sub("\ufffd", raw)
    return text, (f"{name}: invalid UTF-8 replaced ({invalid} bytes)",)


def looks_like_html(text: str, suffix: str = "") -> bool:
    """Whether to treat the input as an HTML page: by suffix, or by how the text starts."""
    return suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(text[:4096]))


def extract_html(html: str, name: str) -> str:
    """The article text of an HTML page (title, date line, one paragraph per block).

    trafilatura drops navigation, scripts and boilerplate; its lines become paragraphs
    separated by blank lines, the page title (when not already the first line) comes first,
    and a ``Published: Month D, YYYY`` line follows it when the page's metadata dates it.
    """
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml without its separate lxml_html_clean
        cause = str(exc).splitlines()[0].rstrip(".") if str(exc) else type(exc).__name__
        raise ConfigurationError(
            f"{name}: cannot read HTML ({cause}); reinstall summarize from its lock file "
            "(pip install -r requirements/local.txt) or pass the article's text"
        ) from None

    document = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    lines = [line.strip() for line in (getattr(document, "text", None) or "").splitlines()]
    lines = [line for line in lines if line]
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in lines):
        raise InputError(
            f"{name}: no article text found in this HTML page; "
            "save the article's text as a .txt file and pass that"
        )
    title = (getattr(document, "title", None) or "").strip()
    if title and title not in lines[:2]:
        lines.insert(0, title)
    published = _iso_date(getattr(document, "date", None))
    if published is not None:
        after_title = 1 if len(lines[0].split()) <= MAX_TITLE_WORDS else 0
        lines.insert(after_title, f"Published: {published:%B} {published.day}, {published.year}")
    return "\n\n".join(lines) + "\n"


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def article_from_bytes(data: bytes, name: str, suffix: str = "") -> Article:
    """Build an article from raw bytes (a file's or standard input's), with every check:
    binary, encoding, HTML extraction, emptiness and size."""
    text, warnings = _decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: the file is empty; pass a file with article text")
    return _checked_article(text, name, suffix, warnings)


def article_from_text(text: str, name: str) -> Article:
    """Build an article from text given by a caller (the Python API): the same checks as
    for a file's text, HTML pages reduced to their article text."""
    if not text.strip():
        raise InputError(f"{name}: the article is empty; pass text to summarize")
    return _checked_article(text, name, "", ())


def _checked_article(text: str, name: str, suffix: str, warnings: tuple[str, ...]) -> Article:
    """The article of non-empty text: an HTML page reduced to its article text, read as
    prose, refused when too long."""
    if looks_like_html(text, suffix):
        text = extract_html(text, name)
    article = Article(text=as_read(text), name=name, warnings=warnings)
    article.check_size()
    return article


def read_article(path: Path) -> Article:
    """Read one article file, refusing what cannot be summarized with a clear message."""
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir():
        raise InputError(
            f"{path} is a directory; pass the directory itself to summarize every article in it"
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{path}: {size:,} bytes is too large for an article file "
            f"(limit {MAX_FILE_BYTES:,}); split it into separate articles"
        )
    return article_from_bytes(path.read_bytes(), str(path), path.suffix)


def collect_paths(arguments: list[Path], skipped: list[Path] | None = None) -> list[Path]:
    """Expand directory arguments into the article files they contain, sorted by name.

    Files of a folder that are not read (other suffixes; hidden files aside) are appended
    to ``skipped``, so that the caller can say so.
    """
    paths: list[Path] = []
    for argument in arguments:
        if argument.is_dir():
            files = sorted(p for p in argument.iterdir() if p.is_file())
            found = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
            if skipped is not None:
                skipped.extend(p for p in files if p not in found and not p.name.startswith("."))
            if not found:
                raise InputError(
                    f"{argument}: directory has no .txt or .md articles (nor .html/.htm pages); "
                    "pass a folder that holds some"
                )
            paths.extend(found)
        else:
            paths.append(argument)
    return paths


_DATELINE_OUTLET = re.compile(
    r"\((?:With )?(?P<outlet>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,2}?)(?: Agency)?\)\s*[-–—]\s*"
    r"|\(With (?P<credit>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,2}?)(?: Agency)?\)"
)


def find_outlet(text: str) -> str | None:
    """The agency a dateline or credit names: "(Reuters) -" or "(With EFE Agency)"."""
    match = _DATELINE_OUTLET.search(text)
    return (match["outlet"] or match["credit"]) if match else None


def without_leading_outlet(text: str) -> str:
    """``text`` without the outlet that opens it: "(Reuters) - Rebels ..." -> "Rebels ..."."""
    match = _DATELINE_OUTLET.match(text)
    return text[match.end() :] if match else text
