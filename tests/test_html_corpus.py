"""The HTML page of a corpus evaluation: self-contained, escaped, table and worst documents."""

from __future__ import annotations

from summarize.evaluation.corpus import CorpusReport
from summarize.render.html_corpus import render_corpus_html


def test_the_page_shows_the_table_and_worst_documents_escaped() -> None:
    report = CorpusReport(
        created="2026-11-29T00:00:00+00:00",
        dataset="polnear",
        split="dev",
        limit=15,
        model="m",
        prompt_version="p",
        articles=2,
        articles_valid=1,
        schema_valid_rate=0.5,
        grounding_rate=1.0,
        measures={"polnear_claim_f1": 0.25},
        rows=[("claims P / R / F1", "1.000 / 0.142 / 0.249")],
        worst=["a<script>: 0 of 3 attributions found"],
        errors=["b: not in the cache"],
    )
    html = render_corpus_html(report)
    assert "Evaluation: polnear (dev, first 15)" in html
    assert "1.000 / 0.142 / 0.249" in html and "Worst documents" in html
    assert "a&lt;script&gt;" in html and "<script>:" not in html
    assert "b: not in the cache" in html and "Content-Security-Policy" in html
