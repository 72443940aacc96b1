"""Page furniture (core/furniture.py): bylines, addresses, captions, credits and time
stamps are never read as article sentences, and every offset stays. Examples are written
for these tests."""

from __future__ import annotations

import pytest

from summarize.core.article import Article
from summarize.core.context import build_context
from summarize.core.furniture import furniture_lines, is_date_stamp, without_furniture


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",
        "BY JANE DOE and John Roe, Reuters",
        "https://example.com/news/2024/03/flood-closes-port",
        "Photo: Rescuers search the rubble of a school in the old town.",
        "A ferry waits at the quay. REUTERS/Jane Doe",
        "(Photo by John Roe/Getty Images)",
        "Updated: 10:42 GMT",
        "Published March 3, 2024",
        # date stamps in the forms pages print them
        "May 2, 2013, 1:12 PM",
        "8/2/13 at 1:30 PM",
        "Fri Aug 2, 2013 6:50pm EDT",
        "8:13 AM PDT 8/2/2013",
        "AUGUST 2, 2013 | 08:06AM PT",
        "Wednesday, 05 January 2011",
        "date 2024-03-03",
    ],
)
def test_furniture_lines_are_found(line: str) -> None:
    assert furniture_lines(f"Ferries stopped.\n{line}\nThe port shut.") == [
        (len("Ferries stopped.\n"), len("Ferries stopped.\n") + len(line))
    ]


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, the army had pulled back from the bridge.",
        "By the end of the day, rebels held the harbour.",
        "Updated figures show 40 people died.",
        "Photographs released by the ministry showed the damage.",
        "Rebels seized the port town of Ostend, officials said.",
    ],
)
def test_sentences_are_not_furniture(line: str) -> None:
    assert furniture_lines(line) == []


@pytest.mark.parametrize("line", ["May Day", "Monday", "1990", "2014 Oscars", "10 killed in Kabul"])
def test_a_title_with_a_date_word_or_a_number_is_no_date_stamp(line: str) -> None:
    assert not is_date_stamp(line)


def test_furniture_is_blanked_with_offsets_kept() -> None:
    text = (
        "https://example.com/a\nBy Jane Doe\n"
        "Rebels shelled the port of Ostend on Monday, police said."
    )
    blanked = without_furniture(text)
    assert len(blanked) == len(text) and blanked.strip().startswith("Rebels")
    (paragraph,) = Article(text).paragraphs()
    assert paragraph.text == text[paragraph.start : paragraph.end]
    assert paragraph.text.startswith("Rebels shelled")
    context = build_context(Article(text))
    words = [token.text for token in context.doc]
    assert "Jane" not in words and "Ostend" in words
    assert len(context.doc.text) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "THE BRIDGE WAS BLOWN UP\nBY GUERRILLAS NEAR THE GARRISON.",
        "THE POST WAS DEFENDED\nBY TWO AIR FORCE HELICOPTERS",
    ],
)
def test_a_hard_wrapped_sentence_is_not_a_byline(text: str) -> None:
    assert furniture_lines(text) == []
