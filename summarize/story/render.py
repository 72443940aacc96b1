"""Render a story as Markdown for people (JSON is ``Story.model_dump_json``)."""

from __future__ import annotations

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


def _source(article: str, outlet: str | None) -> str:
    return f"{article} ({outlet})" if outlet else article


def _span(start: int | None, end: int | None) -> str:
    return f" [{start}:{end}]" if start is not None and end is not None else ""


def _figure(figure: ReconciledFigure) -> str:
    interval = f"{figure.low}–{figure.high}" if figure.high is not None else f"{figure.low}+"
    return (
        f"- **{figure.counted}**: {figure.value} (range {interval}; {figure.relation.value}) — "
        f"{figure.note}"
    )


def _mention(mention: Mention) -> list[str]:
    lines = [f"- {_source(mention.article, mention.outlet)} #{mention.event_index}: "]
    lines[0] += mention.description
    for evidence in mention.evidence:
        lines.append(f"  > “{evidence.quote}”{_span(evidence.start, evidence.end)}")
    return lines


def _merge(merge: MergeExplanation) -> str:
    how = (
        "same running count"
        if merge.rule == "count_series"
        else f"linkage {merge.linkage:.2f} ≥ {merge.threshold}"
    )
    agreed = ", ".join(merge.agreed) or "none"
    differed = ", ".join(merge.differed) or "none"
    return (
        f"- step {merge.step}: {merge.pair[0]} + {merge.pair[1]} ({how}; pair score "
        f"{merge.pair_score:.2f}; agreed: {agreed}; differed: {differed})"
    )


def _event(event: StoryEvent) -> list[str]:
    articles = len({m.article for m in event.mentions})
    lines = [f"### {event.id} · {event.type.value} · {articles} article(s)", "", event.description]
    if event.quote:
        lines += ["", f"> “{event.quote}”"]
    lines.append("")
    lines += [_figure(f) for f in (event.killed, event.injured) if f is not None]
    lines += ["", "Mentions:", ""]
    for mention in event.mentions:
        lines += _mention(mention)
    if event.merges:
        lines += ["", "Why merged:", ""]
        lines += [_merge(m) for m in event.merges]
    return [*lines, ""]


def _report(report: FigureReport) -> str:
    when = f", as of {report.as_of}" if report.as_of else ", date unknown"
    quote = f": “{report.quote}”{_span(report.start, report.end)}" if report.quote else ""
    return f"  - {report.figure.text!r} — {_source(report.article, report.outlet)}{when}{quote}"


def _conflict(conflict: Conflict) -> list[str]:
    kind = "soft: intervals overlap" if conflict.intervals_overlap else "intervals disjoint"
    lines = [f"- {conflict.subject} {conflict.counted} ({kind}): {conflict.note}"]
    return lines + [_report(r) for r in conflict.reports]


def _series(series: CountSeries) -> list[str]:
    events = f" (events {', '.join(series.events)})" if series.events else ""
    lines = [
        f"### {series.id} · {series.counted} {series.window} · {series.relation.value}{events}",
        "",
        series.note,
        "",
    ]
    return [*lines, *(_report(p) for p in series.points), ""]


def to_markdown(story: Story) -> str:
    """A readable Markdown report of a story."""
    shared = [e for e in story.events if len({m.article for m in e.mentions}) > 1]
    single = [e for e in story.events if len({m.article for m in e.mentions}) == 1]
    lines = [
        f"# Story: {len(story.events)} events from {len(story.articles)} articles",
        "",
        "| article | outlet | published | events | headline |",
        "|---|---|---|---|---|",
    ]
    for article in story.articles:
        lines.append(
            f"| {article.name} | {article.outlet or ''} | {article.published or ''} | "
            f"{article.events} | {article.headline.replace('|', '/')} |"
        )
    lines += ["", f"## Events told by several articles ({len(shared)})", ""]
    for event in shared:
        lines += _event(event)
    lines += [f"## Conflicts ({len(story.conflicts)})", ""]
    for conflict in story.conflicts:
        lines += _conflict(conflict)
    lines += ["", f"## Running counts ({len(story.series)})", ""]
    for series in story.series:
        lines += _series(series)
    lines += [f"## Events told by one article ({len(single)})", ""]
    for event in single:
        mention = event.mentions[0]
        lines.append(f"- {event.id} · {mention.id}: {event.description}")
    method = story.method
    lines += [
        "",
        f"<sub>merge threshold {method.get('merge_threshold')} (average linkage), "
        f"min support {method.get('min_support')}</sub>",
        "",
    ]
    return "\n".join(lines)
