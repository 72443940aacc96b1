"""Render summaries for people (Markdown) and programs (JSON, JSON Lines)."""

from __future__ import annotations

from summarize.core.schema import ArticleSummary, Claim, Event, Figure


def to_json(summary: ArticleSummary, *, indent: int | None = 2) -> str:
    """The summary as JSON; ``events`` and ``claims`` are always present."""
    return summary.model_dump_json(indent=indent)


def _figure(label: str, figure: Figure | None) -> str | None:
    return f"{label} {figure.text}" if figure else None


def _event_line(event: Event) -> str:
    who = ", ".join(p.name for p in event.actors) or "unknown actor"
    whom = ", ".join(p.name for p in event.targets)
    where = event.location.place if event.location and event.location.place else None
    when = None
    if event.date:
        when = f"{event.date.text} ({event.date.iso})" if event.date.iso else event.date.text
    parts = [
        p
        for p in (
            f"in {where}" if where else None,
            when,
            _figure("killed:", event.killed),
            _figure("injured:", event.injured),
            f"with {', '.join(event.instruments)}" if event.instruments else None,
            f"per {', '.join(event.reported_by)}" if event.reported_by else None,
        )
        if p
    ]
    head = f"{who} → {whom}" if whom else who
    action = f" “{event.action.quote}”" if event.action else ""
    return f"**{event.type.value}**{action} — " + "; ".join([head, *parts])


def _claim_line(claim: Claim) -> str:
    source = claim.claimant or "unattributed"
    if claim.reported_via:
        source += f" (via {claim.reported_via})"
    stance = claim.factuality.value + (", denied" if claim.polarity.value == "negative" else "")
    return f"{claim.assertion} — *{source}*, {claim.cue or 'states'}; {stance}"


def _quote(item: Event | Claim) -> str:
    spans = [e for e in item.evidence if e.grounded]
    if not spans:
        return "  > (evidence not found in the article)"
    return "\n".join(f"  > “{e.quote}” [{e.start}:{e.end}]" for e in spans)


def to_markdown(summary: ArticleSummary) -> str:
    """A readable Markdown report of one summary."""
    lines = [f"# {summary.headline}", ""]
    facts = [
        f"Published: {summary.published}" if summary.published else None,
        f"Source: {summary.source}" if summary.source else None,
    ]
    if any(facts):
        lines += [" · ".join(f for f in facts if f), ""]
    lines += [summary.summary, "", f"## Events ({len(summary.events)})", ""]
    for event in summary.events:
        lines += [f"- {_event_line(event)}", _quote(event)]
    lines += ["", f"## Claims ({len(summary.claims)})", ""]
    for claim in summary.claims:
        lines += [f"- {_claim_line(claim)}", _quote(claim)]
    meta = summary.meta
    lines += [
        "",
        f"<sub>{meta.model} · prompt {meta.prompt_version} · schema {meta.schema_version} · "
        f"{meta.usage.prompt_tokens} prompt + {meta.usage.completion_tokens} generated tokens · "
        f"{meta.latency_s:.1f} s{' · from cache' if meta.from_cache else ''}</sub>",
        "",
    ]
    return "\n".join(lines)
