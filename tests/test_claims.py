"""Claims combined from the parse and from the model (sentences written for these tests)."""

from __future__ import annotations

from summarize.core.article import Article
from summarize.core.claims import attribution_claim, combine_claims
from summarize.core.context import build_context
from summarize.core.schema import Alignment, Claim, Evidence

TEXT = (
    "Ministers met in Geneva on Monday to discuss the grain corridor.\n\n"
    "The foreign minister said the corridor would reopen within a week, Reuters reported.\n\n"
    "The statement carried a warning to shipping companies about mines in the strait."
)


def _model_claim(quote: str, claimant: str | None) -> Claim:
    start = TEXT.index(quote)
    evidence = Evidence(quote=quote, start=start, end=start + len(quote), alignment=Alignment.EXACT)
    return Claim(assertion=quote, claimant=claimant, cue="said", evidence=[evidence])


def test_the_parse_claim_replaces_the_model_claim_on_the_same_sentence() -> None:
    context = build_context(Article(TEXT))
    sentence = "The foreign minister said the corridor would reopen within a week"
    claims = combine_claims(context, [_model_claim(sentence, "minister")])
    said = [c for c in claims if c.cue == "said"]
    assert len(said) == 1
    assert said[0].claimant == "foreign minister"
    assert said[0].assertion == "the corridor would reopen within a week"
    assert said[0].claimant_quote is not None
    assert TEXT[said[0].claimant_quote.start : said[0].claimant_quote.end] == "foreign minister"


def test_a_model_claim_where_the_parse_sees_none_is_kept() -> None:
    context = build_context(Article(TEXT))
    quote = "The statement carried a warning to shipping companies about mines in the strait."
    claims = combine_claims(context, [_model_claim(quote, "the ministry")])
    assert [c.claimant for c in claims if c.evidence[0].quote == quote] == ["the ministry"]


def test_a_relaying_agency_is_reported_via_and_not_the_claimant() -> None:
    context = build_context(Article(TEXT))
    claim = next(
        c
        for a in context.attributions
        if (c := attribution_claim(context, a)) is not None and c.cue == "said"
    )
    assert claim.reported_via == "Reuters"


def test_declining_to_comment_is_not_a_claim() -> None:
    text = "The company said it declined to comment on the lawsuit filed on Friday."
    context = build_context(Article(text))
    assert [attribution_claim(context, a) for a in context.attributions] == [None] * len(
        context.attributions
    )
