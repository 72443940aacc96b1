"""What a paragraph request shows, by who finds the claims (prompt ``claims``): written
for these tests."""

from __future__ import annotations

from summarize.core.article import Paragraph
from summarize.core.drafts import SentenceEventsDraft, SentencesDraft, each_sentence_draft
from summarize.core.prompts import MAX_GROUP_SENTENCES
from summarize.summarizer import Summarizer, _grouped, _Shown

TEXT = (
    "Harbour strike\n\n"
    "Dock workers in the port city voted on Monday to extend their pay dispute. "
    "Gunmen shot two guards at the container terminal overnight, police said. "
    "The port authority said trade had fallen by a tenth.\n\n"
    "The union's leader said talks would resume next week.\n"
)


def _requests(prompt: str) -> list[tuple[str, type]]:
    summarizer = Summarizer(offline=True, prompt=prompt)
    return [
        (messages[-1]["content"], model)
        for _, messages, model in summarizer.planned_requests(TEXT, name="port")
    ]


def test_when_the_model_finds_claims_every_sentence_of_a_cued_paragraph_is_shown() -> None:
    requests = _requests("summarize-v7")
    assert [model for _, model in requests] == [SentencesDraft, SentencesDraft]
    first = requests[0][0]
    assert "[1] Dock workers" in first and "[2] Gunmen shot" in first and "[3] The port" in first


def test_when_the_parse_finds_claims_only_event_sentences_are_shown() -> None:
    requests = _requests("summarize-v8")
    # the last paragraph reports a statement with no event word: not asked at all
    assert [model for _, model in requests] == [SentenceEventsDraft]
    shown = requests[0][0]
    assert "[1] Gunmen shot two guards" in shown
    assert "Dock workers" not in shown and "trade had fallen" not in shown


GROUPED = (
    "Border posts\n\n"
    "Gunmen shot two guards at the northern crossing overnight. "
    "Traffic resumed in the morning.\n\n"
    "A roadside bomb wounded three soldiers near the southern post on Tuesday.\n\n"
    "The ministry said it had arrested four suspects.\n"
)


def test_grouped_the_candidate_sentences_of_consecutive_paragraphs_share_a_request() -> None:
    summarizer = Summarizer(offline=True, prompt="summarize-v10")
    requests = summarizer.planned_requests(GROUPED, name="posts")
    assert len(requests) == 1
    _, messages, model = requests[0]
    shown = messages[-1]["content"]
    assert "[1] Gunmen shot" in shown and "[2] A roadside bomb" in shown
    assert "[3] The ministry said it had arrested" in shown and "Traffic resumed" not in shown
    assert model is each_sentence_draft(3)


def test_groups_hold_at_most_the_limit_and_a_longer_paragraph_is_asked_alone() -> None:
    def shown(count: int) -> _Shown:
        paragraph = Paragraph(text="x", start=0, end=1)
        return _Shown(paragraph, tuple((i, i + 1) for i in range(count)))

    groups = _grouped([shown(3), shown(4), shown(2), shown(MAX_GROUP_SENTENCES + 1), shown(1)])
    assert [[len(s.sentences) for s in group] for group in groups] == [
        [3, 4],
        [2],
        [MAX_GROUP_SENTENCES + 1],
        [1],
    ]
