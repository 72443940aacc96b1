"""Wire copy as it comes (hard-wrapped, in capitals) is read as prose, offsets kept."""

from __future__ import annotations

from summarize.core.article import Article, article_from_bytes
from summarize.core.chunking import sentence_spans
from summarize.core.cues import mentions_events_or_claims
from summarize.core.wire import as_read, is_hard_wrapped, is_in_capitals
from tests.conftest import SEEDS

WIRE = (
    "   LIMA, 4 MAR 90 (EFE) -- [TEXT] GUERRILLAS OF THE SHINING PATH (SL)\n"
    "ATTACKED A POLICE STATION IN THE TOWN OF HUANTA LAST NIGHT, KILLING\n"
    "TWO OFFICERS AND WOUNDING FIVE, POLICE SOURCES SAID TODAY.\n"
    "   THE SL HAS CARRIED OUT SEVERAL ATTACKS IN THE REGION THIS MONTH.\n"
    "A SPOKESMAN SAID THE ARMY WILL SEND REINFORCEMENTS TO THE AREA, AND\n"
    "I WAS TOLD THE ROADS ARE CLOSED.\n"
)


def test_wire_copy_becomes_paragraphs_and_sentences_one_character_for_one() -> None:
    assert is_hard_wrapped(WIRE) and is_in_capitals(WIRE)
    read = as_read(WIRE)
    assert len(read) == len(WIRE)
    article = Article(text=read, name="wire.txt")
    paragraphs = article.paragraphs()
    assert [p.text[:30] for p in paragraphs] == [
        "Lima, 4 mar 90 (EFE) -- [TEXT]",
        "The SL has carried out several",
    ]
    first = paragraphs[0].text
    assert "\n" not in first
    assert first.endswith("killing two officers and wounding five, police sources said today.")
    sentences = [paragraphs[1].text[s:e] for s, e in sentence_spans(paragraphs[1].text)]
    assert sentences == [
        "The SL has carried out several attacks in the region this month.",
        "A spokesman said the army will send reinforcements to the area, and "
        "I was told the roads are closed.",
    ]
    assert all(mentions_events_or_claims(p.text) for p in paragraphs)


def test_offsets_into_the_text_as_read_are_offsets_into_the_text_as_given() -> None:
    read = as_read(WIRE)
    start = read.index("police station")
    assert WIRE[start : start + len("police station")] == "POLICE STATION"


def test_ordinary_articles_are_read_as_they_are() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text()
        assert as_read(text) == text, path.name
    short_lines = "Headline\n\nFirst paragraph, one line.\nSecond paragraph, one line.\n"
    assert as_read(short_lines) == short_lines  # too few lines to be hard-wrapped
    mixed = "THE UN SAID ON MONDAY THAT AID HAD ARRIVED. " * 2 + "But this one is in lower case."
    assert not is_in_capitals(mixed) and as_read(mixed) == mixed  # headlines in capitals stay


def test_files_are_read_as_wire_copy_too() -> None:
    article = article_from_bytes(WIRE.encode(), "wire.txt")
    assert article.text == as_read(WIRE)


def test_initialisms_and_titles_keep_their_capitals_and_end_no_sentence() -> None:
    text = (
        "THE CREW WAS ABOARD: U.S. CITIZEN JOHN DOE AND PILOT JUAN PEREZ.  MR. PEREZ WAS KILLED "
        "AND MR. DOE WAS WOUNDED, GEN. RUIZ SAID.  THE BOAT SANK NEAR THE U.S.  THE CREW WAS LOST."
    )
    read = as_read(text)
    assert len(read) == len(text)
    assert "aboard: U.S. citizen john doe" in read
    assert "Mr. perez was killed and Mr. doe was wounded, Gen. ruiz said." in read
    sentences = [read[s:e] for s, e in sentence_spans(read)]
    assert "Mr. perez was killed and Mr. doe was wounded, Gen. ruiz said." in sentences
    # a sentence that ends with an initialism leaves the next one in lower case
    assert read.endswith("near the U.S.  the crew was lost.")
