"""The article page: the text with every grounded evidence span highlighted, linked to a panel.

:func:`render_article_html` gives one self-contained HTML page. Each event and claim gets
a card in the side panel; each evidence quote found in the text is highlighted there
(``<mark data-ev="..." data-items="...">``). Overlapping spans are split at every span
boundary into flat segments, so each piece of text is written exactly once and every mark
lists all the evidence that covers it. Hovering or clicking a card highlights its spans
(and scrolls to them); clicking a span selects its card (again: the next card covering it).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from summarize.core.schema import (
    ArticleSummary,
    Claim,
    Event,
    EventDate,
    Evidence,
    Figure,
    SuspiciousSpan,
)
from summarize.render.html_article_assets import ARTICLE_CSS, ARTICLE_JS
from summarize.render.html_base import badge, esc, meta_line, page, plural, tag

_QUALIFIER = {
    "at_least": "at least",
    "more_than": "more than",
    "about": "about",
    "at_most": "at most",
    "fewer_than": "fewer than",
}
_FACTUALITY_TONE = {"certain": "good", "probable": "claim", "possible": "warn", "unknown": ""}


@dataclass(frozen=True)
class Span:
    """One evidence quote located in the text, and the item it belongs to."""

    start: int
    end: int
    evidence_id: str
    item_id: str
    kind: str  # "event", "claim" or "withheld"
    label: str  # "E1", "C2", "W1"


@dataclass(frozen=True)
class Segment:
    """A stretch of text and the spans that cover all of it (none: plain text)."""

    start: int
    end: int
    spans: tuple[Span, ...]


def locate(evidence: Evidence, text: str) -> tuple[int, int] | None:
    """The evidence's offsets when they are valid for ``text`` and hold its quote."""
    start, end = evidence.start, evidence.end
    if not evidence.grounded or start is None or end is None:
        return None
    if not 0 <= start < end <= len(text) or text[start:end] != evidence.quote:
        return None
    return start, end


def _items(summary: ArticleSummary) -> list[tuple[str, str, str, Event | Claim]]:
    """(item id, label, kind, item) for every event then every claim."""
    found: list[tuple[str, str, str, Event | Claim]] = []
    for number, event in enumerate(summary.events, start=1):
        found.append((f"item-e{number}", f"E{number}", "event", event))
    for number, claim in enumerate(summary.claims, start=1):
        found.append((f"item-c{number}", f"C{number}", "claim", claim))
    return found


def collect_spans(summary: ArticleSummary, text: str) -> list[Span]:
    """Every evidence quote of the summary that can be highlighted in ``text``."""
    spans = []
    for item_id, label, kind, item in _items(summary):
        for number, evidence in enumerate(item.evidence, start=1):
            where = locate(evidence, text)
            if where is not None:
                evidence_id = f"q-{label.lower()}-{number}"
                spans.append(Span(where[0], where[1], evidence_id, item_id, kind, label))
    for number, (item_id, label, found) in enumerate(_withheld(summary, text), start=1):
        spans.append(Span(found.start, found.end, f"q-w{number}", item_id, "withheld", label))
    return spans


def _withheld(summary: ArticleSummary, text: str) -> list[tuple[str, str, SuspiciousSpan]]:
    """(item id, label, span) for every span withheld from the model that ``text`` holds."""
    return [
        (f"item-w{number}", f"W{number}", found)
        for number, found in enumerate(summary.meta.suspicious_spans, start=1)
        if text[found.start : found.end] == found.quote
    ]


def _withheld_card(item_id: str, label: str, found: SuspiciousSpan) -> str:
    """A card for text written to a machine: why it was withheld, and where."""
    head = (
        tag("span", esc(label), class_="item-id withheld")
        + " "
        + tag("span", "withheld from the model", class_="item-title")
    )
    evidence_id = f"q-{label.lower()}"
    position = tag("span", f"{found.start}–{found.end}", class_="pos")
    quote = tag(
        "li",
        tag("q", esc(found.quote)) + " " + position,
        class_="ev",
        data_ev=evidence_id,
        title="Show this text",
    )
    return tag(
        "article",
        tag("header", head)
        + tag("p", esc(found.reason.value[:1].upper() + found.reason.value[1:]), class_="assertion")
        + tag("ol", quote, class_="evidence"),
        class_="item withheld",
        id=item_id,
        data_item=label,
        data_kind="withheld",
        data_ev=evidence_id,
        tabindex="0",
        aria_label=f"{label} withheld text",
    )


def segment(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each segment lists the spans covering it.

    The segments tile the text exactly (their concatenation is ``text``), whatever
    the spans' overlaps: nested, crossing, identical or adjacent.
    """
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    segments = []
    for start, end in pairwise(cuts):
        covering = tuple(s for s in spans if s.start <= start and end <= s.end)
        segments.append(Segment(start, end, covering))
    return segments


def _mark(text: str, seg: Segment) -> str:
    body = esc(text[seg.start : seg.end])
    if not seg.spans:
        return body
    kinds = sorted({s.kind for s in seg.spans})
    items = list(dict.fromkeys(s.item_id for s in seg.spans))
    labels = list(dict.fromkeys(s.label for s in seg.spans))
    return tag(
        "mark",
        body,
        class_=" ".join(f"k-{k}" for k in kinds),
        data_ev=" ".join(s.evidence_id for s in seg.spans),
        data_items=" ".join(items),
        title=", ".join(labels)
        + (" (written to a machine: withheld)" if "withheld" in kinds else "")
        + " (click to show)",
    )


def highlight(text: str, spans: list[Span]) -> str:
    """The article text as escaped HTML with a ``<mark>`` on every covered segment."""
    return "".join(_mark(text, seg) for seg in segment(text, spans))


def _figure(figure: Figure | None) -> str | None:
    if figure is None:
        return None
    words = f"“{figure.text}”"
    if figure.value is None:
        return f"{words} (no number)"
    qualifier = _QUALIFIER.get(figure.qualifier.value, "")
    number = f"{qualifier} {figure.value}".strip()
    if figure.low is not None and figure.low != figure.high:
        number += f", range {figure.low}–{figure.high if figure.high is not None else '∞'}"
    return f"{words} → {number}"


def _date(date: EventDate | None) -> str | None:
    if date is None:
        return None
    if date.iso is None:
        return f"“{date.text}” (unresolved)"
    iso = date.iso.isoformat() + (f" – {date.end.isoformat()}" if date.end else "")
    precision = date.precision.value if date.precision else "unknown precision"
    return f"“{date.text}” → {iso} ({precision})"


def _facts(rows: list[tuple[str, str | None]], optional: tuple[str, ...] = ()) -> str:
    """A definition list; rows named in ``optional`` are left out when empty."""
    cells = "".join(
        tag("dt", esc(name)) + tag("dd", esc(value) if value else '<span class="empty">—</span>')
        for name, value in rows
        if value or name not in optional
    )
    return tag("dl", cells, class_="facts")


def _event_facts(event: Event) -> str:
    where = None
    if event.location:
        parts = (event.location.place, event.location.admin_area, event.location.country)
        where = ", ".join(p for p in parts if p) or None
    return _facts(
        [
            ("Actors", ", ".join(p.name for p in event.actors) or None),
            ("Action", event.action.quote if event.action else None),
            ("Targets", ", ".join(p.name for p in event.targets) or None),
            ("Place", where),
            ("Date", _date(event.date)),
            ("Killed", _figure(event.killed)),
            ("Injured", _figure(event.injured)),
            ("With", ", ".join(event.instruments) or None),
            ("Reported by", ", ".join(event.reported_by) or None),
        ],
        optional=("Action", "Killed", "Injured", "With", "Reported by"),
    )


def _claim_facts(claim: Claim) -> str:
    return _facts(
        [
            ("Claimant", claim.claimant),
            ("Reported via", claim.reported_via),
            ("Cue", claim.cue),
            ("Factuality", claim.factuality.value),
            ("Polarity", claim.polarity.value),
        ]
    )


def _evidence_list(item: Event | Claim, label: str, text: str) -> tuple[str, list[str]]:
    """The item's quotes as a list, and the ids of those highlighted in the text."""
    rows, ids = [], []
    for number, evidence in enumerate(item.evidence, start=1):
        where = locate(evidence, text)
        quote = tag("q", esc(evidence.quote))
        if where is None:
            why = "not found in the article" if not evidence.grounded else "offsets do not match"
            rows.append(tag("li", quote + " " + badge(why, "bad"), class_="ev missing"))
            continue
        evidence_id = f"q-{label.lower()}-{number}"
        ids.append(evidence_id)
        position = f"{where[0]}–{where[1]} · {evidence.alignment.value}"
        rows.append(
            tag(
                "li",
                quote + " " + tag("span", esc(position), class_="pos"),
                class_="ev",
                data_ev=evidence_id,
                title="Show this quote in the text",
            )
        )
    if not rows:
        rows.append(tag("li", "no evidence quote", class_="ev missing empty"))
    return tag("ol", "".join(rows), class_="evidence"), ids


def _card(item_id: str, label: str, kind: str, item: Event | Claim, text: str) -> str:
    quotes, ids = _evidence_list(item, label, text)
    grounded = item.grounded and bool(ids)
    flags = ""
    if not grounded:
        flags += " " + badge("not grounded", "bad")
    if isinstance(item, Event):
        title = tag(
            "span", esc(item.type.value.replace("_", " ").capitalize()), class_="item-title"
        )
        body = _event_facts(item)
    else:
        tone = _FACTUALITY_TONE.get(item.factuality.value, "")
        flags = " " + badge(item.factuality.value, tone) + flags
        if item.polarity.value == "negative":
            flags += " " + badge("denied", "warn")
        title = tag("span", "claim", class_="item-title")
        body = tag("p", esc(item.assertion), class_="assertion") + _claim_facts(item)
    head = tag("span", esc(label), class_=f"item-id {kind}") + " " + title + flags
    return tag(
        "article",
        tag("header", head) + body + quotes,
        class_=f"item {kind}" + ("" if grounded else " ungrounded"),
        id=item_id,
        data_item=label,
        data_kind=kind,
        data_ev=" ".join(ids),
        tabindex="0",
        aria_label=f"{label} {kind}" + ("" if grounded else ", not grounded"),
    )


def _panel(summary: ArticleSummary, text: str) -> str:
    cards: dict[str, list[str]] = {"event": [], "claim": []}
    for item_id, label, kind, item in _items(summary):
        cards[kind].append(_card(item_id, label, kind, item, text))
    sections, links = [], []
    for kind, title in (("event", "Events"), ("claim", "Claims")):
        listing = "".join(cards[kind]) or tag("p", f"No {title.lower()} found.", class_="empty")
        count = tag("span", str(len(cards[kind])), class_="count")
        heading = tag("h2", f"{title} {count}")
        links.append(tag("a", f"{title} {count}", href=f"#{kind}s"))
        section = tag("section", heading + listing, class_=f"panel-section {kind}s", id=f"{kind}s")
        sections.append(section)
    withheld = [_withheld_card(*found) for found in _withheld(summary, text)]
    if withheld:
        count = tag("span", str(len(withheld)), class_="count")
        links.append(tag("a", f"Withheld {count}", href="#withheld"))
        heading = tag("h2", f"Withheld text {count}")
        sections.append(
            tag("section", heading + "".join(withheld), class_="panel-section", id="withheld")
        )
    nav = tag("nav", "".join(links), class_="panel-nav")
    return tag("aside", nav + "".join(sections), class_="panel", aria_label="Events and claims")


def _legend(spans: list[Span], summary: ArticleSummary) -> str:
    total = sum(len(i.evidence) for i in [*summary.events, *summary.claims])
    ungrounded = sum(1 for _, _, _, i in _items(summary) if not i.grounded)
    swatches = (
        tag("span", tag("mark", "event", class_="k-event"), class_="swatch")
        + tag("span", tag("mark", "claim", class_="k-claim"), class_="swatch")
        + tag("span", tag("mark", "both", class_="k-claim k-event"), class_="swatch")
    )
    withheld = sum(span.kind == "withheld" for span in spans)
    if withheld:
        swatches += tag("span", tag("mark", "withheld", class_="k-withheld"), class_="swatch")
    stats = (
        f"{plural(len(summary.events), 'event')} · {plural(len(summary.claims), 'claim')} · "
        f"{len(spans) - withheld} of {plural(total, 'quote')} highlighted"
        + (f" · {ungrounded} not grounded" if ungrounded else "")
        + (f" · {withheld} withheld as written to a machine" if withheld else "")
    )
    hint = "Hover or click an item to find its words; click highlighted text to see its item."
    return tag(
        "div",
        tag("span", "Legend", class_="legend-title")
        + swatches
        + tag("span", esc(stats), class_="stats")
        + tag("span", esc(hint), class_="hint"),
        class_="legend",
    )


def render_article_html(summary: ArticleSummary, text: str, *, name: str | None = None) -> str:
    """One self-contained HTML page showing ``text`` with the summary's evidence linked.

    ``text`` must be the article the summary was made from (its offsets index it);
    a quote whose offsets do not hold it is listed as not highlighted.
    """
    spans = collect_spans(summary, text)
    meta = summary.meta
    masthead = tag(
        "header",
        tag(
            "div",
            tag("div", "Article summary", class_="kicker")
            + tag("h1", esc(summary.headline))
            + tag(
                "div",
                meta_line(
                    [
                        summary.source,
                        f"published {summary.published}" if summary.published else None,
                        Path(name).name if name else None,
                    ]
                ),
                class_="meta",
            )
            + tag("p", esc(summary.summary), class_="lede")
            + _legend(spans, summary),
            class_="page",
        ),
        class_="masthead",
    )
    article = tag("div", highlight(text, spans), class_="article-text", id="article")
    main = tag(
        "main",
        tag(
            "div", tag("section", article, class_="reader") + _panel(summary, text), class_="layout"
        )
        + tag(
            "footer",
            meta_line(
                [
                    meta.model,
                    f"prompt {meta.prompt_version}",
                    f"schema {meta.schema_version}",
                    f"{meta.usage.prompt_tokens} prompt + "
                    f"{meta.usage.completion_tokens} generated tokens",
                    f"{meta.latency_s:.1f} s",
                    "from cache" if meta.from_cache else None,
                ]
            ),
        ),
        class_="page",
    )
    return page(
        f"{summary.headline} · summarize", masthead + main, css=ARTICLE_CSS, script=ARTICLE_JS
    )
