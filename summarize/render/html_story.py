"""The story page: events merged across articles, their sources side by side, and conflicts.

:func:`render_story_html` gives one self-contained HTML page (no script needed): the
articles, then each event told by several articles with one column per mention (outlet,
article, date, figures, quotes), the reconciled figures, why the mentions were merged,
the conflicts table, running counts, and the events told by one article only.
"""

from __future__ import annotations

from pathlib import PurePath

from summarize.core.schema import EventDate, Figure
from summarize.render.html_base import badge, esc, meta_line, page, plural, tag
from summarize.story.schema import (
    Conflict,
    CountSeries,
    FigureReport,
    Mention,
    MergeExplanation,
    ReconciledFigure,
    Story,
    StoryEvent,
)

_RELATION_TONE = {
    "single_source": "",
    "agree": "good",
    "consistent": "good",
    "differ_in_time": "warn",
    "differ_in_scope": "warn",
    "conflict": "bad",
}

STORY_CSS = """
.summary-strip { display: flex; gap: 10px; flex-wrap: wrap; margin-top: 12px; }
.story-event { margin: 18px 0 26px; }
.story-event > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px;
  margin-bottom: 8px; }
.story-event h3 { font-size: 17px; margin: 0; }
.eid { font: 700 12px/20px var(--mono); padding: 0 6px; border-radius: 4px;
  background: var(--event); color: var(--event-ink); }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0 12px; }
.figure { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 8px 12px; max-width: 560px; font-size: 13.5px; }
.figure b { font-size: 17px; margin-right: 6px; }
.figure .note { color: var(--muted); margin-top: 2px; }
.mentions { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(250px, 1fr);
  gap: 12px; overflow-x: auto; padding-bottom: 4px; }
.mention { background: var(--paper); border: 1px solid var(--line); border-top: 4px solid
  var(--event-strong); border-radius: 8px; padding: 10px 12px; font-size: 13.5px; }
.mention .outlet { font-weight: 700; font-size: 15px; }
.mention .article { font: 12px var(--mono); color: var(--muted); overflow-wrap: anywhere; }
.mention dl { display: grid; grid-template-columns: 64px minmax(0, 1fr); gap: 2px 8px;
  margin: 8px 0; }
.mention dt { color: var(--muted); }
.mention dd { margin: 0; overflow-wrap: anywhere; }
.mention .quote { font-size: 14px; }
details.why { margin-top: 10px; font-size: 13px; }
details.why summary { cursor: pointer; color: var(--muted); }
details.why table { margin-top: 6px; font-size: 12.5px; }
.reports { margin: 0; padding-left: 18px; }
.reports li { margin: 2px 0; }
.reports q { font-family: var(--serif); color: #2b3340; }
.single td:first-child { white-space: nowrap; }
"""


def _short(article: str) -> str:
    return PurePath(article).name or article


def _date(date: EventDate | None) -> str:
    if date is None:
        return '<span class="empty">—</span>'
    text = f"“{esc(date.text)}”"
    if date.iso is None:
        return text + ' <span class="muted">(unresolved)</span>'
    iso = date.iso.isoformat() + (f" – {date.end.isoformat()}" if date.end else "")
    precision = date.precision.value if date.precision else "?"
    return f'{text} → {esc(iso)} <span class="muted">({esc(precision)})</span>'


def _figure_text(figure: Figure | None) -> str:
    if figure is None:
        return '<span class="empty">—</span>'
    value = f" → {figure.value}" if figure.value is not None else ""
    return f"“{esc(figure.text)}”{esc(value)}"


def _mention(mention: Mention) -> str:
    title = mention.outlet or _short(mention.article)
    source = f"{_short(mention.article)} #{mention.event_index}"
    if not mention.outlet:
        source = f"event #{mention.event_index} · outlet not named"
    rows = [
        ("Type", esc(mention.type.value.replace("_", " "))),
        ("Date", _date(mention.date)),
        ("Killed", _figure_text(mention.killed)),
        ("Injured", _figure_text(mention.injured)),
    ]
    facts = "".join(tag("dt", name) + tag("dd", value) for name, value in rows)
    quotes = "".join(
        tag("div", esc(e.quote), class_="quote")
        + (tag("div", esc(f"{e.start}–{e.end} · {e.alignment.value}"), class_="meta"))
        for e in mention.evidence
    ) or tag("div", "no quote", class_="empty")
    published = f"published {mention.published}" if mention.published else "date not known"
    return tag(
        "div",
        tag("div", esc(title), class_="outlet")
        + tag("div", esc(source), class_="article")
        + tag("div", esc(published), class_="meta")
        + tag("dl", facts)
        + quotes,
        class_="mention",
        title=mention.id,
    )


def _reconciled(figure: ReconciledFigure) -> str:
    high = "∞" if figure.high is None else str(figure.high)
    value = "?" if figure.value is None else str(figure.value)
    tone = _RELATION_TONE.get(figure.relation.value, "")
    return tag(
        "div",
        tag("b", esc(value))
        + esc(f"{figure.counted} (range {figure.low}–{high}) ")
        + badge(figure.relation.value.replace("_", " "), tone)
        + tag("div", esc(figure.note), class_="note"),
        class_="figure",
    )


def _merges(merges: list[MergeExplanation]) -> str:
    if not merges:
        return ""
    rows = "".join(
        tag(
            "tr",
            tag("td", str(m.step), class_="num")
            + tag("td", esc(f"{m.pair[0]} + {m.pair[1]}"), class_="mono")
            + tag("td", esc(m.rule.replace("_", " ")))
            + tag("td", esc(f"{m.linkage:.2f} / {m.threshold}"), class_="num")
            + tag("td", esc(", ".join(m.agreed) or "—"))
            + tag("td", esc(", ".join(m.differed) or "—")),
        )
        for m in merges
    )
    head = "".join(
        tag("th", h) for h in ("step", "pair", "rule", "linkage / threshold", "agreed", "differed")
    )
    table = tag("div", tag("table", tag("tr", head) + rows), class_="table-wrap")
    return tag("details", tag("summary", f"Why merged ({len(merges)} steps)") + table, class_="why")


def _event(event: StoryEvent) -> str:
    articles = len({m.article for m in event.mentions})
    header = (
        tag("span", esc(event.id), class_="eid")
        + tag("h3", esc(event.type.value.replace("_", " ").capitalize()))
        + badge(
            f"{plural(articles, 'article')} · {plural(len(event.mentions), 'mention')}", "event"
        )
        + (tag("span", _date(event.date), class_="meta") if event.date else "")
    )
    figures = "".join(_reconciled(f) for f in (event.killed, event.injured) if f is not None)
    columns = "".join(_mention(m) for m in event.mentions)
    return tag(
        "section",
        tag("header", header)
        + (tag("div", figures, class_="figures") if figures else "")
        + tag("div", columns, class_="mentions")
        + _merges(event.merges),
        class_="story-event",
        id=f"event-{event.id}",
    )


def _reports(reports: list[FigureReport]) -> str:
    rows = []
    for r in reports:
        source = r.outlet or _short(r.article)
        when = f"as of {r.as_of}" if r.as_of else "date not known"
        quote = " " + tag("q", esc(r.quote)) if r.quote else ""
        rows.append(
            tag(
                "li",
                f"<b>“{esc(r.figure.text)}”</b> — {esc(source)} "
                + tag("span", esc(f"({_short(r.article)}, {when})"), class_="muted")
                + quote,
            )
        )
    return tag("ul", "".join(rows), class_="reports")


def _table(head: list[str], rows: list[str], empty: str) -> str:
    if not rows:
        return tag("p", esc(empty), class_="empty")
    header = tag("tr", "".join(tag("th", esc(h)) for h in head))
    return tag("div", tag("table", header + "".join(rows)), class_="table-wrap")


def _conflicts(conflicts: list[Conflict]) -> str:
    rows = [
        tag(
            "tr",
            tag("td", tag("a", esc(c.subject), href=f"#event-{c.subject}"))
            + tag("td", esc(c.counted))
            + tag(
                "td",
                badge("soft: intervals overlap", "warn")
                if c.intervals_overlap
                else badge("hard: intervals disjoint", "bad"),
            )
            + tag("td", _reports(c.reports))
            + tag("td", esc(c.note)),
        )
        for c in conflicts
    ]
    head = ["subject", "counted", "kind", "what each source says", "note"]
    return _table(head, rows, "No conflicts: where sources give the same count, they agree.")


def _series(series: list[CountSeries]) -> str:
    rows = [
        tag(
            "tr",
            tag("td", esc(s.id))
            + tag("td", esc(f"{s.counted} {s.window}"))
            + tag("td", badge(s.relation.value.replace("_", " "), _RELATION_TONE.get(s.relation)))
            + tag("td", _reports(s.points))
            + tag("td", esc(", ".join(s.events) or "—")),
        )
        for s in series
    ]
    return _table(["id", "count", "relation", "points", "events"], rows, "No running counts.")


def _single(events: list[StoryEvent]) -> str:
    rows = []
    for event in events:
        mention = event.mentions[0]
        rows.append(
            tag(
                "tr",
                tag("td", esc(event.id), class_="mono")
                + tag("td", esc(mention.outlet or _short(mention.article)))
                + tag("td", esc(event.type.value.replace("_", " ")))
                + tag("td", esc(event.quote or mention.description), class_="quote-cell"),
            )
        )
    return _table(["id", "source", "type", "words"], rows, "None.")


def _articles(story: Story) -> str:
    rows = [
        tag(
            "tr",
            tag("td", esc(_short(a.name)), class_="mono", title=a.name)
            + tag("td", esc(a.outlet or "—"))
            + tag("td", esc(a.published or "—"))
            + tag("td", str(a.events), class_="num")
            + tag("td", esc(a.headline)),
        )
        for a in story.articles
    ]
    return _table(["article", "outlet", "published", "events", "headline"], rows, "No articles.")


def render_story_html(story: Story) -> str:
    """One self-contained HTML page for a story (no network, no script)."""
    shared = [e for e in story.events if len({m.article for m in e.mentions}) > 1]
    single = [e for e in story.events if len({m.article for m in e.mentions}) == 1]
    method = story.method
    strip = tag(
        "div",
        badge(f"{len(story.articles)} articles")
        + badge(f"{len(story.events)} events")
        + badge(f"{len(shared)} told by several articles", "event")
        + badge(plural(len(story.conflicts), "conflict"), "bad" if story.conflicts else "good")
        + badge(plural(len(story.series), "running count")),
        class_="summary-strip",
    )
    masthead = tag(
        "header",
        tag(
            "div",
            tag("div", "Story across sources", class_="kicker")
            + tag("h1", f"{len(story.events)} events from {len(story.articles)} articles")
            + tag(
                "div",
                meta_line(
                    [
                        f"merge threshold {method.get('merge_threshold')}"
                        if "merge_threshold" in method
                        else None,
                        f"{method.get('linkage')} linkage" if "linkage" in method else None,
                        f"min support {method.get('min_support')}"
                        if "min_support" in method
                        else None,
                    ]
                ),
                class_="meta",
            )
            + strip,
            class_="page",
        ),
        class_="masthead",
    )
    body = (
        tag("h2", "Articles")
        + _articles(story)
        + tag("h2", f"Conflicts ({len(story.conflicts)})")
        + _conflicts(story.conflicts)
        + tag("h2", f"Events told by several articles ({len(shared)})")
        + ("".join(_event(e) for e in shared) or tag("p", "None.", class_="empty"))
        + tag("h2", f"Running counts ({len(story.series)})")
        + _series(story.series)
        + tag("h2", f"Events told by one article ({len(single)})")
        + _single(single)
        + tag("footer", "Made by <code>summarize story</code>.")
    )
    title = f"Story: {len(story.events)} events from {len(story.articles)} articles · summarize"
    return page(title, masthead + tag("main", body, class_="page"), css=STORY_CSS)
