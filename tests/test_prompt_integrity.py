"""What reaches the endpoint is the article as written; grounding failures are re-asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.summarizer import Summarizer
from tests.fake_server import FakeServer, RecordedRequest, Reply, answer
from tests.fakes import QUOTES_PROMPT

pytestmark = pytest.mark.allow_http

TEMPLATE_LIKE = (
    "Officials said {{ source_text }} was not a template and {% if x %} stays as written, "
    "while five people were hurt in the blast."
)


def _summarizer(server: FakeServer, tmp_path: Path) -> Summarizer:
    return Summarizer(
        prompt=QUOTES_PROMPT, base_url=server.url, model="fake", api_key="sk-x", cache_dir=tmp_path
    )


def test_article_text_reaches_the_model_verbatim(tmp_path: Path) -> None:
    with FakeServer(lambda _request: answer()) as server:
        _summarizer(server, tmp_path).summarize(TEMPLATE_LIKE, name="t.txt")
        for request in server.completion_requests:
            assert TEMPLATE_LIKE in request.messages[-1]["content"]


def test_ungrounded_quote_is_re_asked_with_a_precise_message(tmp_path: Path) -> None:
    bad = {"events": [], "claims": [_claim("the ceasefire collapsed overnight in Gaza")]}
    good = {"events": [], "claims": [_claim("five people were hurt in the blast")]}
    answers = iter([bad, good])

    def script(request: RecordedRequest) -> Reply:
        if request.schema_name == "ParagraphDraft":
            return answer(next(answers))
        return answer()

    with FakeServer(script) as server:
        summary = _summarizer(server, tmp_path).summarize(TEMPLATE_LIKE, name="t.txt")
        paragraph_requests = [
            r for r in server.completion_requests if r.schema_name == "ParagraphDraft"
        ]
    assert len(paragraph_requests) == 2
    reask = " ".join(str(m.get("content")) for m in paragraph_requests[1].messages)
    assert "is not in the paragraph" in reask
    assert [c.grounded for c in summary.claims] == [True]
    # the sentence's attribution is read from the parse: what "Officials said", whole
    evidence = summary.claims[0].evidence[0]
    assert TEMPLATE_LIKE[evidence.start : evidence.end].endswith(
        "while five people were hurt in the blast"
    )
    assert summary.claims[0].claimant == "Officials"


def _claim(quote: str) -> dict[str, object]:
    return {
        "quote": quote,
        "claim": "Five people were hurt.",
        "claimant": "Officials",
        "via": None,
        "cue": "said",
        "factuality": "certain",
    }
