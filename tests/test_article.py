from __future__ import annotations

from summarize.core.article import Article


def test_paragraphs_skip_titles_bylines_and_repeats() -> None:
    text = (
        "US strike in Iraq kills 5 militants\n\nUS strike in Iraq kills 5 militants\n\n"
        "By Timour Azhari\n\n"
        "A U.S. air strike killed five militants near Kirkuk, three sources said.\n\n"
        "Advertisement\n"
    )
    paragraphs = Article(text).paragraphs()
    assert [p.text for p in paragraphs] == [
        "A U.S. air strike killed five militants near Kirkuk, three sources said."
    ]
    assert text[paragraphs[0].start : paragraphs[0].end] == paragraphs[0].text


def test_paragraph_offsets_slice_the_text() -> None:
    text = (
        "  First paragraph has enough words to count here.\n\n\tSecond one also has enough words."
    )
    for paragraph in Article(text).paragraphs():
        assert text[paragraph.start : paragraph.end] == paragraph.text


def test_outlet_from_a_dateline_or_credit() -> None:
    from summarize.core.article import find_outlet

    assert find_outlet("By Timour Azhari\n\n(Reuters) -A U.S. air strike killed five") == "Reuters"
    assert find_outlet("since October 17. (With EFE Agency)") == "EFE"
    assert find_outlet("fighting the jihadist organization Islamic State (IS).") is None
    assert find_outlet("This Tuesday (7), the extremist group") is None
