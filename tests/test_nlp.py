"""The English pipeline: loaded once, with the components the program reads."""

from __future__ import annotations

import pytest

from summarize.core import nlp
from summarize.errors import ConfigurationError


def test_pipeline_is_loaded_once_with_parser_and_entities() -> None:
    assert nlp.pipeline() is nlp.pipeline()
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipeline().pipe_names)
    assert nlp.pipeline_version().startswith(f"{nlp.PIPELINE} 3.8")


def test_missing_pipeline_is_a_one_line_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nlp, "PIPELINE", "no_such_pipeline_xyz")
    nlp.pipeline.cache_clear()
    try:
        with pytest.raises(ConfigurationError, match="reinstall summarize from its lock file"):
            nlp.pipeline()
    finally:
        monkeypatch.undo()
        nlp.pipeline.cache_clear()


def test_a_sentence_of_a_parsed_text_is_taken_from_that_parse() -> None:
    article = (
        "Rebels ambushed a convoy near the border on Monday. "
        "The army said three soldiers were wounded in the clash."
    )
    nlp.parse(article)
    misses = nlp._parse.cache_info().misses
    sentence = nlp.parse("The army said three soldiers were wounded in the clash.")
    assert nlp._parse.cache_info().misses == misses  # no new run of the pipeline
    assert sentence.text == "The army said three soldiers were wounded in the clash."
    assert [t.dep_ for t in sentence][:3] == [t.dep_ for t in nlp.parse(article)][10:13]


def test_no_sentence_runs_across_a_blank_line() -> None:
    text = "Rebels seize port\n\n   \n\nRebels seized the port town on Monday, officials said."
    doc = nlp.parse(text)
    assert [text[start:end] for start, end in nlp.sentences_of(doc)] == [
        "Rebels seize port",
        "Rebels seized the port town on Monday, officials said.",
    ]
