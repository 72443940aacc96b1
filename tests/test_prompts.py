from __future__ import annotations

import tomllib
from pathlib import Path

from summarize.core.prompts import DEFAULT_PROMPT, load_prompts

ROOT = Path(__file__).resolve().parents[1]


def test_prompt_version_comes_from_the_template_file() -> None:
    data = tomllib.loads((ROOT / "prompts" / f"{DEFAULT_PROMPT}.toml").read_text())
    assert load_prompts().version == data["version"]


def test_instructions_first_article_last() -> None:
    prompts = load_prompts("summarize-v5")  # the last prompt asking the model for an overview
    article = "Gunmen attacked a checkpoint.\n\nPolice said two were hurt."
    messages = prompts.overview_messages(article, "2023-12-04")
    assert [m["role"] for m in messages] == ["system", "user"]
    assert messages[0]["content"] == prompts.overview_system
    user = messages[1]["content"]
    assert article in user and "2023-12-04" in user
    # everything fixed comes before the article, except a one-line reminder after it
    assert len(user.rstrip().split("</article>")[-1].splitlines()) <= 2


def test_fixed_prefix_is_identical_across_articles() -> None:
    prompts = load_prompts()
    first = prompts.paragraph_messages("One paragraph.")
    second = prompts.paragraph_messages("Another paragraph.")
    assert first[0] == second[0]
    assert "One paragraph." in first[1]["content"]


def test_dollar_signs_in_articles_are_not_template_syntax() -> None:
    messages = load_prompts().paragraph_messages("It cost $5 and ${name}.")
    assert "It cost $5 and ${name}." in messages[1]["content"]


def test_unknown_prompt_version_is_a_clear_error() -> None:
    import pytest

    from summarize.errors import InputError

    with pytest.raises(InputError, match="no prompt named 'nope'"):
        load_prompts("nope")


def test_a_prompt_can_leave_the_claims_to_the_parse() -> None:
    assert load_prompts("summarize-v8").claims == "parse"
    assert load_prompts("summarize-v7").claims == "model"


def _edited_prompt(monkeypatch, tmp_path: Path, version: str, old: str, new: str) -> str:
    """The name of a prompt file that is ``version`` with ``old`` replaced by ``new``."""
    import summarize.core.prompts as prompts_module

    path = tmp_path / "edited.toml"
    path.write_text((ROOT / "prompts" / f"{version}.toml").read_text().replace(old, new))
    monkeypatch.setattr(prompts_module, "_prompt_file", lambda name: path)
    return "edited"


def test_claims_from_the_parse_need_numbered_sentences(monkeypatch, tmp_path: Path) -> None:
    import pytest

    from summarize.errors import InputError

    name = _edited_prompt(
        monkeypatch, tmp_path, "summarize-v8", 'shape = "sentences"', 'shape = "quotes"'
    )
    with pytest.raises(InputError, match='"parse" with shape = "sentences"'):
        load_prompts.__wrapped__(name)


def test_grouped_requests_need_claims_from_the_parse_and_candidate_sentences(
    monkeypatch, tmp_path: Path
) -> None:
    import pytest

    from summarize.errors import InputError

    assert load_prompts("summarize-v10").group == "article"
    assert load_prompts("summarize-v8").group == "paragraph"
    name = _edited_prompt(
        monkeypatch, tmp_path, "summarize-v10", 'show = "candidates"', 'show = "paragraph"'
    )
    with pytest.raises(InputError, match='"article" with claims = "parse" and show = "candidates"'):
        load_prompts.__wrapped__(name)
