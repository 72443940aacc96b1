"""The hand-labelled gold files: they load, match the seeds one to one, and are consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.core.schema import Alignment, Figure
from summarize.evaluation.gold import GoldArticle, load_gold

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "evals" / "gold"
GOLD_FILES = sorted(GOLD.glob("*.json"))


def _load(path: Path) -> tuple[GoldArticle, str]:
    return load_gold(path, SEEDS)


def test_there_is_gold() -> None:
    assert GOLD_FILES, f"no gold files in {GOLD}"


def test_exactly_one_gold_file_per_seed() -> None:
    seeds = sorted(path.name for path in SEEDS.glob("*.txt"))
    gold_stems = sorted(path.stem for path in GOLD_FILES)
    assert gold_stems == sorted(Path(name).stem for name in seeds)
    articles = sorted(_load(path)[0].article for path in GOLD_FILES)
    assert articles == seeds


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_gold_loads_and_quotes_are_verbatim(path: Path) -> None:
    gold, text = _load(path)
    assert gold.article == f"{path.stem}.txt"
    assert gold.events or gold.claims
    for item in [*gold.events, *gold.claims]:
        for evidence in item.evidence:
            assert evidence.alignment is Alignment.EXACT
            assert evidence.start is not None and evidence.end is not None
            assert text[evidence.start : evidence.end] == evidence.quote


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_every_gold_item_has_evidence(path: Path) -> None:
    gold, _ = _load(path)
    for index, event in enumerate(gold.events):
        assert event.evidence, f"event {index} has no evidence"
    for index, claim in enumerate(gold.claims):
        assert claim.evidence, f"claim {index} has no evidence"
        assert claim.claimant, f"claim {index} has no claimant"


def _check_figure(figure: Figure, where: str) -> None:
    if figure.value is None:
        return
    if figure.low is not None:
        assert figure.low <= figure.value, f"{where}: low > value"
    if figure.high is not None:
        assert figure.high >= figure.value, f"{where}: high < value"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_event_figures_are_consistent(path: Path) -> None:
    gold, _ = _load(path)
    for index, event in enumerate(gold.events):
        for name in ("killed", "injured"):
            figure = getattr(event, name)
            if figure is not None:
                _check_figure(figure, f"{path.name} event {index} {name}")


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda path: path.stem)
def test_dates_resolve_only_with_a_publication_date(path: Path) -> None:
    gold, _ = _load(path)
    for index, event in enumerate(gold.events):
        date = event.date
        if date is None:
            continue
        assert (date.iso is None) == (date.precision is None), f"event {index}: iso/precision"
        if date.iso is not None:
            assert gold.published is not None, f"event {index}: resolved without a date line"
            assert date.iso <= gold.published, f"event {index}: date after publication"
