"""Attributions read from the dependency parse (sentences written for these tests)."""

from __future__ import annotations

import pytest

from summarize.core.attribution import Attribution, find_attributions, is_speaker
from summarize.core.nlp import parse


def _found(text: str) -> list[Attribution]:
    return find_attributions(parse(text))


def _content(text: str, attribution: Attribution) -> str:
    return text[attribution.content[0] : attribution.content[1]]


def test_subject_of_a_reporting_verb_is_the_source() -> None:
    text = "The finance minister said on Monday that taxes on fuel would rise next year."
    [attribution] = _found(text)
    assert attribution.source_text == "finance minister"
    assert attribution.cue == "said"
    assert _content(text, attribution) == "that taxes on fuel would rise next year"


def test_inverted_speaker_after_a_quotation() -> None:
    text = '"We will not close the port," said a spokesman for the harbour authority.'
    [attribution] = _found(text)
    assert attribution.source_text == "spokesman for the harbour authority"
    assert _content(text, attribution) == "We will not close the port"


def test_according_to_names_the_source_and_the_rest_is_the_content() -> None:
    text = "According to the court filing, the company paid no tax in 2015."
    [attribution] = _found(text)
    assert attribution.cue == "according to"
    assert attribution.source_text == "court filing"
    assert _content(text, attribution) == "the company paid no tax in 2015"


def test_a_pronoun_source_is_resolved_to_the_person_named_before() -> None:
    text = (
        "Maria Lopez, the mayor, visited the flooded district on Tuesday. "
        "She told reporters that the city would rebuild the bridge."
    )
    attribution = _found(text)[-1]
    assert attribution.source_text == "She"
    assert attribution.claimant == "Maria Lopez"


def test_it_is_resolved_to_the_source_named_before() -> None:
    text = (
        "The electoral commission said the count was complete. "
        "It added that turnout had reached 61 percent."
    )
    first, second = _found(text)
    assert first.claimant == "electoral commission"
    assert second.source_text == "It" and second.claimant == "electoral commission"


def test_a_quotation_that_runs_on_belongs_to_its_content() -> None:
    text = "“The plan will fail,” she said, “and everyone knows it.” The vote is on Friday."
    [attribution] = _found(text)
    assert "everyone knows it" in _content(text, attribution)
    assert "Friday" not in _content(text, attribution)


def test_narration_without_a_reporting_verb_has_no_attribution() -> None:
    assert _found("The bridge collapsed after heavy rain on Sunday night.") == []
    assert _found("Lawmakers passed the budget by a narrow margin.") == []


def test_the_speaker_of_a_sentence_is_not_a_party_of_what_is_said() -> None:
    sentence = "The mayor said guerrillas set off the bomb."
    mayor = (0, len("The mayor"))
    guerrillas = (sentence.index("guerrillas"), sentence.index(" set"))
    assert is_speaker(sentence, mayor)
    assert not is_speaker(sentence, guerrillas)
    assert not is_speaker("Guerrillas set off a bomb in the capital.", (0, 10))


def test_a_statement_verb_with_a_noun_states_that_noun() -> None:
    text = "The rebel front claimed responsibility for the ambush on the convoy."
    [attribution] = _found(text)
    assert attribution.source_text == "rebel front"
    assert attribution.cue == "claimed" and not attribution.clausal
    assert _content(text, attribution) == "responsibility for the ambush on the convoy"
    # who claims an attack may be who carried it out: not only a speaker
    assert not is_speaker(text, (4, 15))


def test_a_statement_noun_with_no_one_stating_it_is_no_attribution() -> None:
    assert _found("The council held a vote on admitting two new members to the league.") == []


def test_a_speaker_label_and_a_colon_open_a_transcript_turn_or_a_headline_quote() -> None:
    turn = '"HARRIS: Well, look, the budget will pass this week. Nobody doubts it.'
    [attribution] = _found(turn)
    assert (attribution.cue, attribution.source_text) == (":", "HARRIS")
    assert _content(turn, attribution) == "Well, look, the budget will pass this week"
    headline = "Maria Lopez: Voters Want Cheaper Housing Before Anything Else."
    [attribution] = _found(headline)
    assert attribution.source_text == "Maria Lopez"
    assert _content(headline, attribution) == "Voters Want Cheaper Housing Before Anything Else"


@pytest.mark.parametrize(
    "text",
    [
        # before the colon, no speaker: a place, a page label, a clause
        "BAGHDAD: A car bomb killed 12 people on Sunday.",
        "Photo: A man walks past the ruins of the market.",
        "The plan has two parts: lower taxes and less spending.",
        # after it, no statement: a topic, a time stamp
        "Maria Lopez: a winner or a loser?",
        "Maria Lopez: an election hit or miss",
        "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM\n\nThe singer entered a clinic, aides said.",
    ],
)
def test_a_colon_without_a_speaker_before_or_a_statement_after_is_no_attribution(
    text: str,
) -> None:
    assert [a for a in _found(text) if a.cue == ":"] == []


def test_what_a_source_calls_a_thing_is_what_it_says_of_it() -> None:
    text = "The council called the new tax unfair to small shops."
    [attribution] = _found(text)
    assert (attribution.source_text, attribution.cue) == ("council", "called")
    assert _content(text, attribution) == "the new tax unfair to small shops"
    assert _found("The mayor called a meeting for Friday.") == []  # no predicate: no claim


def test_a_quoted_clause_with_a_curly_contraction_is_a_content_clause() -> None:
    text = "The coach said, “It’s late, and the players are tired.”"
    [attribution] = _found(text)
    assert attribution.source_text == "coach"
    assert _content(text, attribution).startswith("It’s late")


def test_what_a_source_cites_as_something_is_what_it_says_of_it() -> None:
    text = "The senator cited the closed factories as proof of a failed policy."
    [attribution] = _found(text)
    assert (attribution.source_text, attribution.cue) == ("senator", "cited")
    assert _content(text, attribution) == "the closed factories as proof of a failed policy"


def test_a_that_clause_the_parser_hung_as_an_adverbial_is_still_the_content() -> None:
    # from the PolNeAR development sample: the parser makes "that Machado was ..." an advcl
    text = (
        "Trump tweeted in the early morning hours that Machado was “disgusting” and “a con” "
        "and encouraged people to check out a sex tape."
    )
    [attribution] = _found(text)
    assert (attribution.source_text, attribution.cue) == ("Trump", "tweeted")
    assert _content(text, attribution).startswith("that Machado was “disgusting”")


def test_an_imperative_addresses_the_reader_and_reports_no_one() -> None:
    assert _found("Note: This story has been updated with the final count.") == []
    text = "Tell them the road is closed, the mayor said."
    assert [(a.cue, a.source_text) for a in _found(text)] == [("said", "mayor")]


def test_a_speech_tag_the_parser_joined_as_a_conjunct_after_a_comma_reports_the_clause() -> None:
    # ECB+ development document 2_3ecb: the parser makes "announced" a conjunct of "be"
    text = (
        "Hugh Jackman, the Australian actor known to film audiences for playing a furry "
        "comic-book hero in the X-Men movies, will be host of the 81st incarnation of the "
        "Oscars, the Academy of Motion Picture Arts and Sciences announced on Friday."
    )
    [attribution] = _found(text)
    assert attribution.source_text == "Academy of Motion Picture Arts and Sciences"
    assert _content(text, attribution).startswith("Hugh Jackman, the Australian actor")
    assert _content(text, attribution).endswith("incarnation of the Oscars")
    # a conjunct after "and" is a second clause, not a tag
    assert _found("The council met in May and the mayor reported.") == []


def test_a_reporting_verb_ending_on_a_colon_reports_the_paragraph_after_it() -> None:
    text = (
        "The council disputes the figures.\u00a0The auditor\u00a0said:\n\n"
        '"The accounts were kept by hand until March. Nobody checked them."\n\n'
        "The council meets again on Monday."
    )
    found = [a for a in _found(text) if a.cue == "said"]
    [attribution] = found
    assert attribution.source_text == "auditor"
    assert _content(text, attribution) == (
        "The accounts were kept by hand until March. Nobody checked them."
    )
