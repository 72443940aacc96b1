"""Build a story from article summaries: cluster, reconcile, find series and conflicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from summarize.core.sameness import (
    DATE_TOLERANCE_DAYS,
    EXTRA_SUPPORT,
    MIN_SUPPORT,
    STORY_WEIGHTS,
    TYPE_FAMILIES,
    EventRef,
    is_cumulative,
    pair_score,
)
from summarize.core.schema import ArticleSummary, DatePrecision, EventDate, Evidence, Figure
from summarize.evaluation.metrics import describe_event
from summarize.story.cluster import (
    MERGE_THRESHOLD,
    Cluster,
    Merge,
    cluster_events,
)
from summarize.story.reconcile import intervals_overlap, reconcile
from summarize.story.schema import (
    Conflict,
    FigureRelation,
    FigureReport,
    Mention,
    MergeExplanation,
    ReconciledFigure,
    Story,
    StoryArticle,
    StoryEvent,
)
from summarize.story.series import group_points, make_series

_PRECISION_ORDER = [DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR]


def _mention(ref: EventRef) -> Mention:
    event = ref.event
    return Mention(
        id=ref.key,
        article=ref.article,
        outlet=ref.outlet,
        published=ref.published,
        event_index=ref.index,
        type=event.type,
        description=describe_event(event),
        date=event.date,
        killed=event.killed,
        injured=event.injured,
        evidence=event.evidence,
    )


def _representative(refs: Sequence[EventRef]) -> EventRef:
    """The medoid: the mention most similar to the others (the first on ties)."""
    if len(refs) == 1:
        return refs[0]
    totals = [sum(pair_score(a, b).score for b in refs if b is not a) for a in refs]
    return refs[totals.index(max(totals))]


def _best_date(refs: Sequence[EventRef], representative: EventRef) -> EventDate | None:
    resolved = [r.event.date for r in refs if r.event.date and r.event.date.iso]
    if resolved:
        return min(resolved, key=lambda d: _PRECISION_ORDER.index(d.precision or DatePrecision.DAY))
    return representative.event.date


def _evidence_for(figure: Figure, evidence: Sequence[Evidence]) -> Evidence | None:
    words = figure.text.lower().split()[:2]
    for item in evidence:
        if words and " ".join(words) in item.quote.lower():
            return item
    return evidence[0] if evidence else None


def _reports(refs: Sequence[EventRef], counted: str) -> list[FigureReport]:
    reports = []
    for ref in refs:
        figure: Figure | None = getattr(ref.event, counted)
        if figure is None:
            continue
        evidence = _evidence_for(figure, ref.event.evidence)
        window = ref.event.date.text if is_cumulative(ref.event) and ref.event.date else None
        reports.append(
            FigureReport(
                article=ref.article,
                outlet=ref.outlet,
                as_of=ref.published,
                figure=figure,
                window=window,
                quote=evidence.quote if evidence else None,
                start=evidence.start if evidence else None,
                end=evidence.end if evidence else None,
            )
        )
    return reports


def _explain(merge: Merge) -> MergeExplanation:
    return MergeExplanation(
        step=merge.step,
        rule=merge.rule,
        linkage=merge.linkage,
        threshold=MERGE_THRESHOLD,
        pair=(merge.left, merge.right),
        pair_score=merge.pair.score,
        components={k: round(v, 3) for k, v in merge.pair.components.items()},
        agreed=merge.pair.agreed,
        differed=merge.pair.differed,
    )


def _story_event(number: int, cluster: Cluster, refs: Sequence[EventRef]) -> StoryEvent:
    members = [refs[i] for i in cluster.members]
    representative = _representative(members)
    types = Counter(r.event.type for r in members).most_common()
    top = [t for t, n in types if n == types[0][1]]
    event_type = representative.event.type if representative.event.type in top else top[0]
    cumulative = any(is_cumulative(r.event) for r in members)
    quote = representative.event.evidence[0].quote if representative.event.evidence else None
    return StoryEvent(
        id=f"E{number}",
        type=event_type,
        description=describe_event(representative.event),
        quote=quote,
        date=_best_date(members, representative),
        mentions=[_mention(r) for r in members],
        killed=reconcile("killed", _reports(members, "killed"), cumulative),
        injured=reconcile("injured", _reports(members, "injured"), cumulative),
        merges=[_explain(m) for m in cluster.merges],
    )


def _conflict(subject: str, figure: ReconciledFigure) -> Conflict:
    return Conflict(
        subject=subject,
        counted=figure.counted,
        note=figure.note,
        intervals_overlap=intervals_overlap(figure.reports),
        reports=figure.reports,
    )


def _names(summaries: Sequence[ArticleSummary], names: Sequence[str] | None) -> list[str]:
    if names is None:
        return [f"article-{number}" for number in range(1, len(summaries) + 1)]
    if len(names) != len(summaries):
        raise ValueError(f"{len(names)} names given for {len(summaries)} summaries")
    if len(set(names)) != len(names):
        raise ValueError("article names must be unique")
    return list(names)


def method() -> dict[str, object]:
    """The thresholds and weights a story is built with (recorded in ``Story.method``)."""
    return {
        "merge_threshold": MERGE_THRESHOLD,
        "min_support": MIN_SUPPORT,
        "extra_support_same_article_or_family": EXTRA_SUPPORT,
        "date_tolerance_days": DATE_TOLERANCE_DAYS,
        "weights": STORY_WEIGHTS,
        "type_families": {k: sorted(t.value for t in v) for k, v in TYPE_FAMILIES.items()},
        "linkage": "average",
        "seeded_by": "events quoting one running count of attacks start joined",
    }


def build_story(summaries: list[ArticleSummary], names: list[str] | None = None) -> Story:
    """Merge the events of several article summaries into one story.

    ``names`` identify the articles (file names); by default ``article-1``, ``article-2``...
    Events are clustered across articles (:mod:`summarize.story.cluster`), their figures
    reconciled (:mod:`summarize.story.reconcile`), and running totals of attacks found in
    the evidence text (:mod:`summarize.story.series`).
    """
    labels = _names(summaries, names)
    refs = [
        EventRef(name, index, event, summary.published, summary.source, summary.headline)
        for summary, name in zip(summaries, labels, strict=True)
        for index, event in enumerate(summary.events)
    ]
    groups = group_points(summaries, labels)
    mentions = [{m for _, m in group if m is not None} for group in groups]
    clusters = cluster_events(refs, seeds=mentions)
    clusters.sort(key=lambda c: (-len({refs[i].article for i in c.members}), c.members[0]))
    events = [_story_event(n, c, refs) for n, c in enumerate(clusters, start=1)]
    event_of = {m.id: e.id for e in events for m in e.mentions}
    series = make_series(groups, event_of)
    conflicts = [
        _conflict(event.id, figure)
        for event in events
        for figure in (event.killed, event.injured)
        if figure is not None and figure.relation is FigureRelation.CONFLICT
    ]
    for item in series:
        if item.relation is FigureRelation.CONFLICT:
            figure = reconcile(item.counted, item.points, cumulative=True)
            assert figure is not None
            conflicts.append(_conflict(item.id, figure))
    articles = [
        StoryArticle(
            name=name,
            outlet=summary.source,
            published=summary.published,
            headline=summary.headline,
            events=len(summary.events),
        )
        for summary, name in zip(summaries, labels, strict=True)
    ]
    return Story(
        articles=articles, events=events, conflicts=conflicts, series=series, method=method()
    )
