"""Claims read from the parse, and how they combine with the claims the model names.

The parse finds an attributed statement's source, cue and content
(:mod:`summarize.core.attribution`); the model is better at claims the parse cannot
see (a cue that is a noun, a speaker named in the sentence before). Each sentence's
claims come from one side: the parse's where it found an attribution in the sentence
(taking the model's claimant when the parse has none), the model's elsewhere.
"""

from __future__ import annotations

from summarize.core.attribution import Attribution
from summarize.core.context import ArticleContext
from summarize.core.cues import NON_STATEMENT, find_agency, is_denial
from summarize.core.factuality import hedge_factuality
from summarize.core.schema import Alignment, Claim, Evidence, Factuality, Polarity
from summarize.core.text import normalize_text


def _evidence(text: str, span: tuple[int, int]) -> Evidence:
    return Evidence(
        quote=text[span[0] : span[1]], start=span[0], end=span[1], alignment=Alignment.EXACT
    )


def attribution_claim(context: ArticleContext, attribution: Attribution) -> Claim | None:
    """The claim of one attribution (None for "declined to comment" and the like)."""
    text = context.text
    sentence = text[attribution.sentence[0] : attribution.sentence[1]]
    if NON_STATEMENT.search(sentence):
        return None
    paragraph = next(
        (p for p in context.paragraphs if p.start <= attribution.sentence[0] < p.end), None
    )
    start, end = attribution.content
    via = find_agency(paragraph.text) if paragraph else None
    outlet = context.outlet
    if via is not None and normalize_text(via) in {
        normalize_text(attribution.claimant or ""),
        normalize_text(outlet or ""),
    }:
        via = None
    # hedges are read around the content, within its paragraph (a quotation may run on)
    hedges, offset = (paragraph.text, paragraph.start) if paragraph else (sentence, start)
    hedge_span = (max(start - offset, 0), max(min(end - offset, len(hedges)), 0))
    return Claim(
        assertion=" ".join(text[start:end].split()),
        claimant=attribution.claimant,
        claimant_quote=_evidence(text, attribution.source) if attribution.source else None,
        reported_via=via,
        cue=attribution.cue,
        factuality=hedge_factuality(Factuality.CERTAIN, hedges, hedge_span),
        polarity=Polarity.NEGATIVE if is_denial(sentence) else Polarity.POSITIVE,
        evidence=[_evidence(text, attribution.content)],
    )


def _overlaps(span: tuple[int, int], claim: Claim) -> bool:
    return any(evidence.overlaps(*span) for evidence in claim.evidence)


def combine_claims(context: ArticleContext, model_claims: list[Claim]) -> list[Claim]:
    """The parse's claims, with the model's claims for sentences the parse found none in.

    A parse claim without a claimant takes the claimant of a model claim on the same
    sentence. Claims come back in text order.
    """
    parsed = [
        (attribution.sentence, claim)
        for attribution in context.attributions
        if (claim := attribution_claim(context, attribution)) is not None
    ]
    kept = [c for c in model_claims if not any(_overlaps(s, c) for s, _ in parsed)]
    for sentence, claim in parsed:
        if claim.claimant is None:
            named = next((c for c in model_claims if c.claimant and _overlaps(sentence, c)), None)
            if named is not None:
                claim = claim.model_copy(update={"claimant": named.claimant})
        kept.append(claim)
    return sorted(kept, key=_position)


def _position(claim: Claim) -> float:
    """Where the claim's evidence starts (claims without offsets last, in their order)."""
    start = claim.evidence[0].start if claim.evidence else None
    return float("inf") if start is None else start
