"""Bad input: each case gives one clear line on stderr (exit 2) or a documented handling."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from summarize.cli.main import cli
from summarize.core.article import (
    MAX_ARTICLE_CHARS,
    Article,
    article_from_bytes,
    collect_paths,
    looks_like_html,
    read_article,
)
from summarize.core.schema import ArticleSummary
from summarize.errors import InputError
from summarize.summarizer import Summarizer
from tests.fake_server import FakeServer, RecordedRequest, Reply, answer, default_content
from tests.fakes import QUOTES_PROMPT, FakeClient, completion

SEED = Path(__file__).resolve().parents[1] / "seeds" / "001_b8f2c667bf175de8.txt"
OVERVIEW = completion({"headline": "A headline", "summary": "A summary.", "source": None})


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _one_line_error(result: Result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    return lines[0]


def _file(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# --- refused with one line ------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    assert "no such file or directory" in _one_line_error(run(str(tmp_path / "nope.txt")))


def test_directory_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b")
    line = _one_line_error(run(str(tmp_path)))
    assert "no .txt or .md articles" in line and ".html" in line


@pytest.mark.parametrize("content", ["", "  \n\t\r\n", "\ufeff\n"])
def test_empty_or_whitespace_file(tmp_path: Path, content: str) -> None:
    assert "empty" in _one_line_error(run(str(_file(tmp_path, "a.txt", content))))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>\n" * 50, "PDF document"),
        (gzip.compress(b"An article. " * 100, mtime=1_700_000_000), "gzip-compressed"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
        (b"plain words then a NUL \x00 byte", "binary file"),
        (bytes(range(128, 256)) * 200, "not in UTF-8"),
        (b"\x01\x02\x03\x04\x05\x06 text \x07\x08" * 300, "binary file"),
    ],
    ids=["png", "pdf", "gzip", "zip", "nul", "high-bytes", "control-chars"],
)
def test_binary_files(tmp_path: Path, data: bytes, expected: str) -> None:
    line = _one_line_error(run(str(_file(tmp_path, "a.txt", data))))
    assert expected in line and "a.txt" in line


def test_five_megabyte_article_is_refused_quickly(tmp_path: Path) -> None:
    text = SEED.read_text() * (5_000_000 // len(SEED.read_text()) + 1)
    path = _file(tmp_path, "huge.txt", text)
    started = time.perf_counter()
    line = _one_line_error(run(str(path)))
    assert time.perf_counter() - started < 5
    assert "too long for one article" in line and f"{MAX_ARTICLE_CHARS:,}" in line


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "sparse.txt"
    with path.open("wb") as handle:
        handle.truncate(25_000_000)  # sparse: nothing is written or read
    assert "too large for an article file" in _one_line_error(run(str(path)))


def test_too_long_text_through_the_api(tmp_path: Path) -> None:
    summarizer = Summarizer(prompt=QUOTES_PROMPT, cache_dir=tmp_path / "cache")
    summarizer.model.client = FakeClient([])  # type: ignore[assignment]
    with pytest.raises(InputError, match="too long for one article"):
        summarizer.summarize("word " * (MAX_ARTICLE_CHARS // 5 + 1), name="big")


# --- accepted, with a documented handling ----------------------------------------------


def test_invalid_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    text = SEED.read_bytes().replace(b"Kirkuk", b"Kirk\xfck", 2)
    article = read_article(_file(tmp_path, "a.txt", text))
    assert article.warnings == (f"{tmp_path / 'a.txt'}: invalid UTF-8 replaced (2 bytes)",)
    assert article.text.count("\ufffd") == 2 and "Kirk\ufffdk" in article.text


def test_latin1_article_is_read_with_a_warning() -> None:
    data = "Le ministère a confirmé l'attaque près de Kirkouk, a-t-il déclaré.".encode("latin-1")
    article = article_from_bytes(data, "fr.txt")
    assert article.warnings and "invalid UTF-8 replaced (5 bytes)" in article.warnings[0]


def test_valid_utf8_has_no_warning_and_boms_are_handled() -> None:
    assert article_from_bytes("Déjà vu in Kirkuk.".encode(), "a").warnings == ()
    assert article_from_bytes(b"\xef\xbb\xbfHello there.", "a").text == "Hello there."
    assert article_from_bytes("Hello there.".encode("utf-16"), "a").text == "Hello there."


PAGE = """<!DOCTYPE html>
<html><head><title>US strike in Iraq kills 5 militants | Reuters</title>
<meta property="article:published_time" content="2023-12-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/markets">Markets</a></nav>
<script>window.tracker = "do not summarize me";</script>
<article><h1>US strike in Iraq kills 5 militants preparing attack</h1>
{paragraphs}
</article>
<footer>Copyright 2023 Reuters. All rights reserved. Cookie settings.</footer></body></html>
"""


def _page() -> str:
    body = [p for p in SEED.read_text().split("\n\n")[3:] if len(p.split()) > 5]
    return PAGE.format(paragraphs="\n".join(f"<p>{p}</p>" for p in body))


@pytest.mark.parametrize("name", ["page.html", "page.HTM", "page.txt"])
def test_html_page_is_reduced_to_its_article_text(tmp_path: Path, name: str) -> None:
    article = read_article(_file(tmp_path, name, _page()))
    assert article.text.startswith("US strike in Iraq kills 5 militants preparing attack\n\n")
    assert "Published: December 4, 2023" in article.text
    assert "window.tracker" not in article.text and "<p>" not in article.text
    assert "Cookie settings" not in article.text
    paragraphs = article.paragraphs()
    assert paragraphs[0].text.startswith("(Reuters) -A U.S. air strike killed five")
    assert all(article.text[p.start : p.end] == p.text for p in paragraphs)


@pytest.mark.parametrize(
    ("start", "suffix", "expected"),
    [
        ("<!DOCTYPE html><html>", "", True),
        ('<?xml version="1.0"?>\n<!-- saved page -->\n<HTML lang="en">', ".txt", True),
        ("Plain text that mentions <html> tags.", ".txt", False),
        ("Plain text.", ".HTM", True),
    ],
)
def test_html_is_recognised_by_suffix_or_start(start: str, suffix: str, expected: bool) -> None:
    assert looks_like_html(start, suffix) is expected


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    page = "<html><head><title>Home</title></head><body><nav>Home</nav></body></html>"
    line = _one_line_error(run(str(_file(tmp_path, "empty.html", page))))
    assert "no article text found in this HTML page" in line


def test_directories_include_html_pages(tmp_path: Path) -> None:
    for name in ["b.html", "a.txt", "c.htm", "d.MD", "e.csv"]:
        (tmp_path / name).write_text("x")
    assert [p.name for p in collect_paths([tmp_path])] == ["a.txt", "b.html", "c.htm", "d.MD"]


def _grounding_server_content(request: RecordedRequest) -> dict[str, object]:
    """A fake model answer that quotes the first words of the paragraph it was shown (or,
    in the numbered-sentence shape, names its first sentences as claims)."""
    user = request.messages[-1]["content"]
    if request.schema_name == "SentencesDraft":
        count = min(4, len(re.findall(r"^\[\d+\] ", user, re.M)))
        claims = [{"sentence": n, "claimant": None} for n in range(1, count + 1)]
        return {"events": [], "claims": claims}
    if request.schema_name != "ParagraphDraft":
        return default_content(request)
    paragraph = re.search(r"<paragraph>\n(.*)\n</paragraph>", user, re.S)
    assert paragraph is not None
    quote = " ".join(paragraph.group(1).split()[:8])
    claim = {"quote": quote, "claim": quote, "claimant": None, "via": None, "cue": None}
    return {"events": [], "claims": [{**claim, "factuality": "certain"}]}


@pytest.fixture
def server() -> Iterator[FakeServer]:
    def reply(_request: RecordedRequest) -> Reply:
        return answer(_grounding_server_content)

    with FakeServer(reply) as fake:
        yield fake


def _summarize_cli(server: FakeServer, path: Path) -> ArticleSummary:
    result = run(str(path), "--base-url", server.url, "-m", "fake", "--no-cache")
    assert result.exit_code == 0, result.output
    return ArticleSummary.model_validate(json.loads(result.stdout))


@pytest.mark.allow_http
def test_html_page_through_the_cli(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    path = _file(tmp_path, "page.html", _page())
    summary = _summarize_cli(server, path)
    text = read_article(path).text
    assert summary.claims and all(c.grounded for c in summary.claims)
    for claim in summary.claims:
        evidence = claim.evidence[0]
        assert text[evidence.start : evidence.end] == evidence.quote  # offsets: extracted text
    sent = "".join(m["content"] for r in server.completion_requests for m in r.messages)
    assert "window.tracker" not in sent and "Cookie settings" not in sent


@pytest.mark.allow_http
def test_headline_only_file_through_the_cli(
    tmp_path: Path, server: FakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    path = _file(tmp_path, "headline.txt", "US strike in Iraq kills 5 militants\n")
    summary = _summarize_cli(server, path)
    assert summary.headline == "US strike in Iraq kills 5 militants"  # the title line
    assert summary.summary == ""  # no body sentence to lead with
    assert summary.events == [] and summary.claims == []
    assert server.completion_requests == []  # a title alone asks the model nothing


def test_headline_only_through_the_api(tmp_path: Path) -> None:
    summarizer = Summarizer(prompt=QUOTES_PROMPT, cache_dir=tmp_path / "cache")
    summarizer.model.client = FakeClient([OVERVIEW])  # type: ignore[assignment]
    summary = summarizer.summarize("Strike near Kirkuk kills five")
    assert summary.headline == "A headline" and summary.events == [] and summary.claims == []
    assert Article("Strike near Kirkuk kills five").paragraphs() == []
