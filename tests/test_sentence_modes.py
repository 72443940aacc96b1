"""What a paragraph request shows, by who finds the claims (prompt ``claims``): written
for these tests."""

from __future__ import annotations

from summarize.core.drafts import SentenceEventsDraft, SentencesDraft
from summarize.summarizer import Summarizer

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
