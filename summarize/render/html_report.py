"""The evaluation report page: headline metrics against a baseline, field accuracy, articles.

:func:`render_report_html` gives one self-contained HTML page (no script): headline cards
with the change from the baseline, a bar chart (inline SVG) of this run against the
baseline, the precision/recall/F1 table, per-field accuracy, story links, and each
article's matched, missed and spurious items. :func:`write_report_html` is what
``summarize eval`` calls next to report.json and report.md.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from summarize.atomic import atomic_write_text
from summarize.evaluation.metrics import ArticleScore, Counts, FieldTally, ItemDetail, PairDetail
from summarize.evaluation.report import HEADLINE_METRICS, REGRESSION_TOLERANCE, EvalReport
from summarize.render.html_base import badge, esc, fmt, meta_line, page, tag
from summarize.render.html_chart import bar_chart

DEFAULT_BASELINE = Path("evals/baseline.json")
"""The baseline the page compares with when ``--baseline`` is not given (when it exists)."""

_LABELS = {
    "event_f1": "Event F1",
    "claim_f1": "Claim F1",
    "grounding_rate": "Grounding rate",
    "schema_valid_rate": "Schema-valid rate",
}

REPORT_CSS = """
.cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px;
  margin-top: 18px; }
.metric .label { color: var(--muted); font-size: 13px; font-weight: 600; }
.metric .value { font-size: 32px; font-weight: 700; letter-spacing: -.02em; margin: 2px 0; }
.metric .delta { font-size: 13px; }
.delta.up { color: var(--good); } .delta.down { color: var(--warn); }
.delta.regressed { color: var(--bad); font-weight: 700; }
.two { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 22px;
  align-items: start; }
.chart { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 12px 14px; }
.chart svg { display: block; width: 100%; height: auto; }
.bar { display: block; height: 8px; border-radius: 4px; background: var(--claim-strong); }
.bar-track { display: inline-block; width: 120px; height: 8px; border-radius: 4px;
  background: var(--neutral-bg); margin-right: 10px; vertical-align: middle; text-align: left; }
details.article { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  margin: 10px 0; padding: 10px 14px; }
details.article summary { cursor: pointer; font-weight: 600; }
details.article summary .meta { font-weight: 400; margin-left: 8px; }
.items { list-style: none; padding: 0; margin: 8px 0 4px; }
.items li { padding: 6px 8px 6px 10px; border-left: 4px solid var(--line); margin: 4px 0;
  background: #fafbfc; border-radius: 0 6px 6px 0; font-size: 13.5px; }
.items li.missed { border-left-color: var(--bad); }
.items li.spurious { border-left-color: var(--warn); }
.items li.matched { border-left-color: var(--good); }
.items .what { font-weight: 700; margin-right: 6px; }
.items .pair { display: grid; grid-template-columns: 74px minmax(0, 1fr); gap: 0 8px; }
.items .pair span:nth-child(odd) { color: var(--muted); }
.links { columns: 2; font: 12.5px var(--mono); }
@media (max-width: 980px) { .cards { grid-template-columns: repeat(2, 1fr); }
  .two { grid-template-columns: 1fr; } }
"""


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _story_value(data: Mapping[str, Any] | None, name: str) -> float | None:
    story = data.get("story") if data else None
    return _number(story.get(name)) if isinstance(story, Mapping) else None


def _card(report: EvalReport, name: str, baseline: Mapping[str, Any] | None) -> str:
    value = _number(getattr(report, name))
    before = _number(baseline.get(name)) if baseline else None
    delta = ""
    if before is not None:
        change = (value or 0.0) - before
        tone = "up" if change > 0.0005 else "down" if change < -0.0005 else ""
        if round(-change, 9) > REGRESSION_TOLERANCE:
            tone = "regressed"
        sign = "+" if change >= 0 else "−"
        text = f"{sign}{abs(change):.3f} vs baseline {before:.3f}"
        text += " · regression" if tone == "regressed" else ""
        delta = tag("div", esc(text), class_=f"delta {tone}".strip())
    else:
        delta = tag("div", "no baseline", class_="delta muted")
    return tag(
        "div",
        tag("div", esc(_LABELS[name]), class_="label")
        + tag("div", esc(fmt(value)), class_="value")
        + delta,
        class_="card metric",
    )


def _chart(report: EvalReport, baseline: Mapping[str, Any] | None) -> str:
    rows: list[tuple[str, float | None, float | None]] = []
    for kind in ("event", "claim"):
        for name, label in (("precision", "precision"), ("recall", "recall"), ("f1", "F1")):
            key = f"{kind}_{name}"
            rows.append(
                (f"{kind.capitalize()} {label}", getattr(report, key), _base(baseline, key))
            )
    rows.append(("Grounding rate", report.grounding_rate, _base(baseline, "grounding_rate")))
    rows.append(
        ("Schema-valid rate", report.schema_valid_rate, _base(baseline, "schema_valid_rate"))
    )
    if report.story is not None:
        for name, label in (("pairwise_f1", "Story links F1"), ("bcubed_f1", "Story B³ F1")):
            rows.append((label, getattr(report.story, name), _story_value(baseline, name)))
    return tag("div", bar_chart(rows, with_baseline=baseline is not None), class_="chart")


def _base(baseline: Mapping[str, Any] | None, name: str) -> float | None:
    return _number(baseline.get(name)) if baseline else None


def _prf_rows(report: EvalReport, baseline: Mapping[str, Any] | None) -> list[str]:
    def row(label: str, counts: Counts, before: float | None) -> str:
        cells = [_fmt_cell(counts.precision), _fmt_cell(counts.recall), _fmt_cell(counts.f1)]
        return tag(
            "tr",
            tag("td", esc(label))
            + "".join(cells)
            + tag("td", esc(f"{counts.tp} / {counts.fp} / {counts.fn}"), class_="num")
            + _fmt_cell(before),
        )

    rows = [
        row("events", report.event_counts, _base(baseline, "event_f1")),
        row("claims", report.claim_counts, _base(baseline, "claim_f1")),
    ]
    story = report.story
    if story is not None:
        wrong = story.predicted_links - story.correct_links
        missed = story.gold_links - story.correct_links
        rows.append(
            tag(
                "tr",
                tag("td", "story links (pairwise)")
                + _fmt_cell(story.pairwise_precision)
                + _fmt_cell(story.pairwise_recall)
                + _fmt_cell(story.pairwise_f1)
                + tag("td", esc(f"{story.correct_links} / {wrong} / {missed}"), class_="num")
                + _fmt_cell(_story_value(baseline, "pairwise_f1")),
            )
        )
        rows.append(
            tag(
                "tr",
                tag("td", "story B-cubed")
                + _fmt_cell(story.bcubed_precision)
                + _fmt_cell(story.bcubed_recall)
                + _fmt_cell(story.bcubed_f1)
                + tag("td", esc(f"{story.mapped_events}/{story.gold_events} mapped"), class_="num")
                + _fmt_cell(_story_value(baseline, "bcubed_f1")),
            )
        )
    return rows


def _fmt_cell(value: float | None) -> str:
    return tag("td", esc(fmt(value)), class_="num")


def _table(head: list[str], rows: list[str], numeric_from: int = 1) -> str:
    cells = "".join(
        tag("th", esc(h), class_="num" if i >= numeric_from else None) for i, h in enumerate(head)
    )
    return tag("div", tag("table", tag("tr", cells) + "".join(rows)), class_="table-wrap")


def _field_rows(report: EvalReport, baseline: Mapping[str, Any] | None) -> list[str]:
    rows = []
    for kind, fields in (("event", report.event_fields), ("claim", report.claim_fields)):
        stored = baseline.get(f"{kind}_fields") if baseline else None
        for name, tally in fields.items():
            before = None
            if isinstance(stored, Mapping) and isinstance(stored.get(name), Mapping):
                before = _number(stored[name].get("accuracy"))
            rows.append(_field_row(f"{kind}.{name}", tally, before))
    return rows


def _field_row(label: str, tally: FieldTally, before: float | None) -> str:
    accuracy = tally.accuracy
    width = 0 if accuracy is None else round(120 * accuracy)
    bar = tag("span", tag("span", "", class_="bar", style=f"width:{width}px"), class_="bar-track")
    return tag(
        "tr",
        tag("td", esc(label), class_="mono")
        + tag("td", bar + esc(fmt(accuracy)), class_="num")
        + tag("td", esc(f"{tally.correct}/{tally.scored}"), class_="num")
        + _fmt_cell(before),
    )


def _overview(report: EvalReport) -> list[str]:
    pairs = [
        ("articles", f"{report.articles} ({report.articles_valid} valid)"),
        ("grounding", f"{fmt(report.grounding_rate)} of {report.evidence_items} quotes"),
        ("mean model time per article", f"{fmt(report.mean_latency_s, 1)} s"),
        ("answered from cache", f"{report.articles_from_cache} of {report.articles_valid}"),
        ("mean prompt tokens", fmt(report.mean_prompt_tokens, 0)),
        ("mean cached prompt tokens", fmt(report.mean_cached_prompt_tokens, 0)),
        ("mean completion tokens", fmt(report.mean_completion_tokens, 0)),
    ]
    return [tag("tr", tag("td", esc(k)) + tag("td", esc(v), class_="num")) for k, v in pairs]


def _items(kind: str, missed: list[ItemDetail], spurious: list[ItemDetail]) -> list[str]:
    rows = [
        tag("li", tag("span", f"missed {kind}", class_="what") + esc(i.text), class_="missed")
        for i in missed
    ]
    rows += [
        tag("li", tag("span", f"spurious {kind}", class_="what") + esc(i.text), class_="spurious")
        for i in spurious
    ]
    return rows


def _matched(kind: str, pairs: list[PairDetail]) -> list[str]:
    rows = []
    for pair in pairs:
        wrong = ", ".join(pair.mismatches) or "all fields agree"
        head = tag("span", f"matched {kind}", class_="what") + esc(
            f"similarity {pair.similarity:.2f}; wrong: {wrong}"
        )
        grid = tag(
            "div",
            tag("span", "gold")
            + tag("span", esc(pair.gold_text))
            + tag("span", "predicted")
            + tag("span", esc(pair.predicted_text)),
            class_="pair",
        )
        rows.append(tag("li", head + grid, class_="matched"))
    return rows


def _article(score: ArticleScore, *, open_: bool = False) -> str:
    e, c = score.events, score.claims
    status = badge("valid", "good") if score.valid else badge("failed", "bad")
    line = (
        f"events P/R/F1 {fmt(e.precision, 2)}/{fmt(e.recall, 2)}/{fmt(e.f1, 2)} · "
        f"claims P/R/F1 {fmt(c.precision, 2)}/{fmt(c.recall, 2)}/{fmt(c.f1, 2)} · "
        f"missed {len(score.missed_events) + len(score.missed_claims)} · "
        f"spurious {len(score.spurious_events) + len(score.spurious_claims)}"
    )
    error = tag("p", esc(score.error), class_="quote") if score.error else ""
    problems = _items("event", score.missed_events, score.spurious_events)
    problems += _items("claim", score.missed_claims, score.spurious_claims)
    matched = _matched("event", score.matched_events) + _matched("claim", score.matched_claims)
    body = error + tag("ul", "".join(problems), class_="items")
    if matched:
        body += tag(
            "details",
            tag("summary", f"{len(matched)} matched items")
            + tag("ul", "".join(matched), class_="items"),
        )
    summary = esc(score.article) + " " + status + tag("span", esc(line), class_="meta")
    return tag("details", tag("summary", summary) + body, class_="article", open=open_)


def _links(report: EvalReport) -> str:
    story = report.story
    if story is None:
        return ""
    parts = [tag("h2", "Story links (same event across articles)")]
    for title, links in (("Wrong links", story.wrong_links), ("Missed links", story.missed_links)):
        items = "".join(tag("li", esc(f"{a} + {b}")) for a, b in links)
        parts.append(tag("h3", f"{title} ({len(links)})"))
        parts.append(
            tag("ul", items, class_="links") if links else tag("p", "None.", class_="empty")
        )
    return "".join(parts)


def render_report_html(
    report: EvalReport,
    baseline: Mapping[str, Any] | None = None,
    *,
    baseline_name: str | None = None,
) -> str:
    """One self-contained HTML page for an eval report, compared with ``baseline`` if given.

    ``baseline`` is a stored report.json as a mapping (only its numbers are read).
    """
    against = "no baseline"
    if baseline is not None:
        created = baseline.get("created")
        against = f"baseline {baseline_name or 'report'}" + (f" ({created})" if created else "")
    masthead = tag(
        "header",
        tag(
            "div",
            tag("div", "Evaluation report", class_="kicker")
            + tag("h1", esc(f"{report.model or 'unknown model'} · {report.prompt_version or '?'}"))
            + tag(
                "div",
                meta_line([f"created {report.created}", f"{report.articles} articles", against]),
                class_="meta",
            )
            + tag(
                "div", "".join(_card(report, n, baseline) for n in HEADLINE_METRICS), class_="cards"
            ),
            class_="page",
        ),
        class_="masthead",
    )
    prf_head = ["", "precision", "recall", "F1", "TP / FP / FN", "baseline F1"]
    field_head = ["field", "accuracy", "correct/scored", "baseline"]
    errors = ""
    if report.errors:
        errors = tag("h2", "Errors") + tag("ul", "".join(tag("li", esc(x)) for x in report.errors))
    thresholds = ", ".join(f"{k}={v}" for k, v in report.thresholds.items())
    body = (
        tag(
            "div",
            tag(
                "div",
                tag("h2", "Precision, recall, F1")
                + _table(prf_head, _prf_rows(report, baseline))
                + tag("h2", "Run")
                + _table(["metric", "value"], _overview(report)),
            )
            + tag("div", tag("h2", "This run against the baseline") + _chart(report, baseline)),
            class_="two",
        )
        + tag("h2", "Field accuracy (over matched pairs)")
        + _table(field_head, _field_rows(report, baseline))
        + errors
        + tag("h2", f"Articles ({len(report.per_article)})")
        + "".join(_article(s, open_=i == 0) for i, s in enumerate(report.per_article))
        + _links(report)
        + tag("footer", esc(f"Thresholds: {thresholds}."))
    )
    title = f"Evaluation report {report.created} · summarize"
    return page(title, masthead + tag("main", body, class_="page"), css=REPORT_CSS)


def write_report_html(
    path: Path, report: EvalReport, baseline: Mapping[str, Any] | None, baseline_path: Path | None
) -> None:
    """Write report.html; without a baseline, compare with evals/baseline.json if readable."""
    if baseline is None and DEFAULT_BASELINE.is_file():
        try:
            loaded = json.loads(DEFAULT_BASELINE.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            loaded = None
        if isinstance(loaded, dict):
            baseline, baseline_path = loaded, DEFAULT_BASELINE
    name = str(baseline_path) if baseline_path is not None else None
    atomic_write_text(path, render_report_html(report, baseline, baseline_name=name))
