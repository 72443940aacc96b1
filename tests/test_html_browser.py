"""The HTML views in a real browser: headless Chromium renders them, runs their script, and
its DOM is checked (``--dump-dom``); interaction is driven over the DevTools protocol.

Skipped where ``chromium`` is not installed; CI installs it and sets
``SUMMARIZE_REQUIRE_BROWSER=1`` so that a missing browser fails instead (``.ci/run``).
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from summarize.core.schema import ArticleSummary
from summarize.render.html_article import collect_spans, render_article_html
from summarize.render.html_report import render_report_html
from summarize.render.html_story import render_story_html
from summarize.story import build_story
from tests.conftest import RECORDED, SEEDS
from tests.test_html_render import HOSTILE, conflict_story, hostile_summary, report_with_errors

CHROMIUM = shutil.which("chromium")
REQUIRED = os.environ.get("SUMMARIZE_REQUIRE_BROWSER") == "1"  # CI: fail, never skip
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not REQUIRED, reason="chromium is not installed"),
]
SEED = "001_b8f2c667bf175de8"
SeedPage = tuple[Path, ArticleSummary, str]
TIMEOUT_S = 60


def flags(profile: Path) -> list[str]:
    """Headless, offline-minded Chromium with a fresh profile."""
    assert CHROMIUM is not None, "chromium is not installed (SUMMARIZE_REQUIRE_BROWSER=1)"
    return [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ]


def dump_dom(url: str, tmp_path: Path) -> str:
    """The DOM after the page's scripts ran."""
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    args = [*flags(profile), "--virtual-time-budget=2000", "--dump-dom", url]
    result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert result.returncode == 0 and "</html>" in result.stdout, result.stderr[-2000:]
    return result.stdout


def screenshot(url: str, png: Path, tmp_path: Path) -> bytes:
    """A 1280-pixel-wide screenshot of the page."""
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    args = [*flags(profile), "--virtual-time-budget=2000", "--window-size=1280,1600"]
    args += [f"--screenshot={png}", url]
    result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert result.returncode == 0 and png.is_file(), result.stderr[-2000:]
    return png.read_bytes()


class Browser:
    """Headless Chromium driven over ``--remote-debugging-pipe`` (fds 3 and 4; stdlib only)."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: the pipes become fds 3 and 4
            read = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            write = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(read, 3)
            os.dup2(write, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [*flags(profile), "--remote-debugging-pipe", "about:blank"],
            preexec_fn=wire_pipes,
            close_fds=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer, self._id, self.session = b"", 0, ""
        self._deadline = time.monotonic() + TIMEOUT_S

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are skipped)."""
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if self.session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self._id:
                    assert "error" not in answer, answer["error"]
                    return answer["result"]
            left = self._deadline - time.monotonic()
            assert left > 0, f"chromium did not answer {method} in time"
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 16)
                assert chunk, "chromium closed the pipe"
                self._buffer += chunk

    def open(self, url: str) -> None:
        """Open ``url`` in a new tab and wait until the page's script has run."""
        target = self.call("Target.createTarget", {"url": url})["targetId"]
        attached = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        self.wait_for("document.body && document.body.dataset.ready === 'true'")

    def eval(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        params = {"expression": expression, "returnByValue": True, "awaitPromise": True}
        result = self.call("Runtime.evaluate", params)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 10.0) -> None:
        """Poll until ``expression`` is truthy."""
        end = time.monotonic() + seconds
        while not self.eval(f"Boolean({expression})"):
            assert time.monotonic() < end, f"timed out waiting for {expression}"
            time.sleep(0.05)

    def close(self) -> None:
        """Stop the browser (this process only) and close the pipes."""
        self.process.kill()
        self.process.wait(timeout=TIMEOUT_S)
        os.close(self._to_chrome)
        os.close(self._from_chrome)


class _Dom(HTMLParser):
    """Marks (their evidence ids), elements by id, and the article text, from a dumped DOM."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.evidence: set[str] = set()
        self.marks = 0
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.article_tags: list[str] = []
        self.links: list[str] = []
        self.body: dict[str, str | None] = {}
        self.title = ""
        self._in_title = False
        self._article_depth = 0
        self.article: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        self.ids.add(found.get("id") or "")
        self._in_title = tag == "title"
        if tag == "body":
            self.body = found
        if found.get("href") or found.get("src"):
            self.links.append(found.get("href") or found.get("src") or "")
        if self._article_depth:
            self._article_depth += 1
            self.article_tags.append(tag)
        elif found.get("id") == "article":
            self._article_depth = 1
        if tag == "mark" and self._article_depth and found.get("data-ev"):
            self.marks += 1
            self.evidence.update((found["data-ev"] or "").split())

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False
        if self._article_depth:
            self._article_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._article_depth:
            self.article.append(data)


def parse(dom: str) -> _Dom:
    parser = _Dom()
    parser.feed(dom)
    return parser


@pytest.fixture
def seed_page(tmp_path: Path) -> SeedPage:
    """Seed 001's page from its recorded summary."""
    summary = ArticleSummary.model_validate_json(
        (RECORDED / "summaries" / f"{SEED}.json").read_text()
    )
    text = (SEEDS / f"{SEED}.txt").read_text()
    page = tmp_path / "article.html"
    page.write_text(render_article_html(summary, text, name=f"{SEED}.txt"))
    return page, summary, text


def test_every_grounded_quote_is_highlighted_after_the_script_ran(
    seed_page: SeedPage, tmp_path: Path
) -> None:
    page, summary, text = seed_page
    dom = parse(dump_dom(page.as_uri(), tmp_path))
    grounded = [
        e
        for item in [*summary.events, *summary.claims]
        for e in item.evidence
        if e.grounded and e.start is not None
    ]
    assert len(grounded) == len(collect_spans(summary, text)) > 10
    assert dom.body.get("data-ready") == "true"  # the script ran (allowed by the CSP hash)
    assert len(dom.evidence) == len(grounded) == int(dom.body.get("data-highlighted") or 0)
    assert "".join(dom.article) == text  # the text is intact


def test_a_hostile_article_stays_inert_and_readable(tmp_path: Path) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(render_article_html(hostile_summary(), HOSTILE, name="<x>.txt"))
    dom = parse(dump_dom(page.as_uri(), tmp_path))
    assert dom.body.get("data-ready") == "true"
    assert "PWNED" not in dom.title and dom.title.startswith('<script>document.title="X"')
    assert set(dom.article_tags) == {"mark"}  # the article's own tags are text
    assert "img" not in dom.tags and "b" not in dom.tags and "i" not in dom.tags
    assert all(link.startswith("#") for link in dom.links)  # nothing but in-page links
    assert dom.tags.count("script") == 1  # the page's own
    assert "".join(dom.article) == HOSTILE  # shown as text, character for character
    assert len(dom.evidence) == 2


def test_panel_and_text_are_linked_both_ways(seed_page: SeedPage, tmp_path: Path) -> None:
    page, summary, _ = seed_page
    browser = Browser(tmp_path / "profile-cdp")
    try:
        browser.open(page.as_uri())
        last = f"item-c{len(summary.claims)}"
        # Hovering a card lights its spans.
        browser.eval(
            f"document.getElementById('{last}').dispatchEvent(new MouseEvent('mouseenter'))"
        )
        lit = browser.eval("document.querySelectorAll('mark.hov-claim').length")
        assert lit >= 1
        # Clicking a card selects it, lights only its spans and scrolls the text to them.
        browser.eval(f"document.getElementById('{last}').click()")
        browser.wait_for("window.scrollY > 0")
        selected = browser.eval(
            "[...document.querySelectorAll('mark.sel')].every(m => "
            f"m.dataset.items.split(' ').includes('{last}'))"
        )
        assert selected and browser.eval("document.body.classList.contains('focus')")
        # Clicking a span selects its first item, and the next one on a second click.
        mark = 'document.querySelector(\'mark[data-items~="item-e1"][data-items~="item-c1"]\')'
        owners = browser.eval(f"{mark}.dataset.items.split(' ')")
        picked = []
        for _ in owners:
            browser.eval(f"{mark}.click()")
            picked.append(browser.eval("document.querySelector('.item.selected').id"))
        assert picked == owners
        # Escape clears the selection.
        browser.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
        assert browser.eval("document.querySelectorAll('.item.selected, mark.sel').length") == 0
    finally:
        browser.close()


def test_a_link_to_an_item_selects_it(seed_page: SeedPage, tmp_path: Path) -> None:
    page, _, _ = seed_page
    dom = dump_dom(page.as_uri() + "#item-e2", tmp_path)
    assert re.search(r'<article class="item event selected" id="item-e2"', dom)
    assert re.search(r'<mark class="[^"]*\bsel-event\b', dom)


def test_story_and_report_pages_render(tmp_path: Path) -> None:
    summaries = [
        ArticleSummary.model_validate_json(p.read_text())
        for p in sorted((RECORDED / "summaries").glob("*.json"))
    ]
    names = [p.stem + ".txt" for p in sorted((RECORDED / "summaries").glob("*.json"))]
    story = build_story(summaries, names)
    for name, page in (
        ("story", render_story_html(story)),
        ("conflict", render_story_html(conflict_story())),
        ("report", render_report_html(report_with_errors(), {"event_f1": 0.9})),
    ):
        path = tmp_path / f"{name}.html"
        path.write_text(page)
        dom = dump_dom(path.as_uri(), tmp_path)
        if name == "story":
            shared = [e for e in story.events if len({m.article for m in e.mentions}) > 1]
            columns = sum(len(e.mentions) for e in shared)
            assert dom.count('class="mention"') == columns > 0
        elif name == "conflict":
            assert "Conflicts (1)" in dom and dom.count('class="mention"') == 2
        else:
            assert dom.count("<rect") > 10 and dom.count('class="article"') == 2


def test_screenshot_is_a_1280_pixel_wide_png(seed_page: SeedPage, tmp_path: Path) -> None:
    page, _, _ = seed_page
    png = screenshot(page.as_uri(), tmp_path / "shot.png", tmp_path)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1280, 1600)
