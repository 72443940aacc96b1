"""The HTML page of an evaluation on a public corpus: its table and worst documents."""

from __future__ import annotations

from summarize.evaluation.corpus import CorpusReport
from summarize.render.html_base import esc, fmt, meta_line, page, tag


def render_corpus_html(report: CorpusReport) -> str:
    """A self-contained page: what was run, the corpus's measures, worst documents, errors."""
    limit = f", first {report.limit}" if report.limit is not None else ""
    title = f"Evaluation: {report.dataset} ({report.split}{limit})"
    meta = tag(
        "p",
        meta_line(
            [
                report.created,
                f"model {report.model}",
                f"prompt {report.prompt_version}",
                f"{report.articles} documents, {report.articles_valid} summarized",
                f"schema-valid {fmt(report.schema_valid_rate)}",
                f"grounding {fmt(report.grounding_rate)}",
            ]
        ),
        class_="meta",
    )
    rows = "".join(
        tag("tr", tag("th", esc(name)) + tag("td", esc(value))) for name, value in report.rows
    )
    body = tag("h1", esc(title)) + meta + tag("table", rows)
    if report.worst:
        items = "".join(tag("li", esc(line)) for line in report.worst)
        body += tag("h2", "Worst documents") + tag("ul", items)
    if report.errors:
        items = "".join(tag("li", esc(line)) for line in report.errors)
        body += tag("h2", "Errors") + tag("ul", items)
    return page(title, tag("main", body, class_="page"))
