"""The shared shell of every HTML view: escaping, the page template, the base style sheet.

Every page is one self-contained file: inline CSS and JavaScript only, no fonts, images
or scripts fetched from anywhere. A Content-Security-Policy forbids all network access
and lets only the page's own script run (by its SHA-256), so even text that escaped
escaping could not execute.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable

BASE_CSS = """
:root {
  --ink: #1c2430; --muted: #5b6676; --line: #dde2ea; --paper: #ffffff; --bg: #f4f6f9;
  --event: #fde68a; --event-strong: #f59e0b; --event-ink: #7c4a03;
  --claim: #dbe4ff; --claim-strong: #4f5bd5; --claim-ink: #2f3a9e;
  --good: #177245; --good-bg: #dcf3e6; --warn: #8a5300; --warn-bg: #fdf0d5;
  --bad: #b42318; --bad-bg: #fde4e1; --neutral-bg: #eceff3;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Liberation Sans", "DejaVu Sans", sans-serif;
  --serif: Charter, "Iowan Old Style", Georgia, Cambria, "DejaVu Serif", serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 var(--sans); }
h1, h2, h3 { line-height: 1.25; margin: 0 0 .5em; }
h1 { font-size: 26px; font-weight: 700; letter-spacing: -.01em; }
h2 { font-size: 18px; margin-top: 1.6em; }
h3 { font-size: 15px; }
a { color: var(--claim-strong); }
code, .mono { font-family: var(--mono); font-size: .88em; }
.page { max-width: 1360px; margin: 0 auto; padding: 24px 28px 48px; }
.masthead { background: var(--paper); border-bottom: 1px solid var(--line); }
.masthead .page { padding-bottom: 18px; }
.kicker { font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase;
  color: var(--muted); margin-bottom: 6px; }
.meta { color: var(--muted); font-size: 13px; }
.meta span + span::before { content: "·"; margin: 0 .5em; color: #a0a8b5; }
.lede { font: 16px/1.55 var(--serif); max-width: 80ch; margin: 10px 0 0; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 18px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px;
  font-weight: 600; line-height: 18px; background: var(--neutral-bg); color: #37414f;
  white-space: nowrap; }
.badge.good { background: var(--good-bg); color: var(--good); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge.bad { background: var(--bad-bg); color: var(--bad); }
.badge.event { background: var(--event); color: var(--event-ink); }
.badge.claim { background: var(--claim); color: var(--claim-ink); }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; background: #f8f9fb; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
.table-wrap tr:last-child td { border-bottom: 0; }
.quote { font: 14px/1.5 var(--serif); border-left: 3px solid var(--line); padding-left: 10px;
  margin: 6px 0; color: #2b3340; }
.muted { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12px; margin-top: 32px; }
"""

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; script-src {script}"
)


def esc(value: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute (None becomes "")."""
    return html.escape("" if value is None else str(value), quote=True)


def attrs(**values: object) -> str:
    """Attributes as ` name="value"`, escaped; None and False are left out, True is bare.

    A trailing underscore is dropped and other underscores become hyphens, so
    ``class_="x", data_ev="e1"`` gives ``class="x" data-ev="e1"``.
    """
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(f" {key}" if value is True else f' {key}="{esc(value)}"')
    return "".join(parts)


def tag(name: str, content: str = "", **values: object) -> str:
    """An element with escaped attributes around ``content`` (already HTML)."""
    return f"<{name}{attrs(**values)}>{content}</{name}>"


def badge(text: object, tone: str = "") -> str:
    """A small rounded label; ``tone`` is good, warn, bad, event or claim."""
    return tag("span", esc(text), class_=f"badge {tone}".strip())


def meta_line(parts: Iterable[str | None]) -> str:
    """Escaped parts joined by middle dots, empty parts left out."""
    return "".join(tag("span", esc(p)) for p in parts if p)


def plural(count: int, noun: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def fmt(value: float | None, digits: int = 3) -> str:
    """A number with fixed digits, or "n/a"."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page(title: str, body: str, *, css: str = "", script: str = "") -> str:
    """A complete HTML document: escaped title, inline styles, ``body`` (already HTML).

    ``script`` is the page's own JavaScript, inlined; the Content-Security-Policy lets
    only that exact script run and blocks every network fetch.
    """
    if "</script" in script.lower():
        raise ValueError("an inline script must not contain '</script'")
    csp = _CSP.format(script=_script_hash(script) if script else "'none'")
    script_tag = f"<script>{script}</script>" if script else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="summarize">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{BASE_CSS}{css}</style>\n</head>\n<body>\n{body}\n{script_tag}\n</body>\n</html>\n"
    )
