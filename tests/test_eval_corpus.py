"""``summarize eval --dataset NAME`` end to end with a toy adapter and a fake summarizer."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from summarize.cli.main import cli
from summarize.core.schema import ArticleSummary, Claim, Evidence, SummaryMeta
from summarize.errors import CacheMissError
from summarize.evaluation import datasets
from summarize.evaluation.datasets import CorpusDocument

BASELINE = {"toy_claim_recall": 1.0, "schema_valid_rate": 1.0}
TEXTS = {
    "doc-1": "The mayor said the bridge would reopen on Friday.",
    "doc-2": "Officials said the talks had failed.",
    "doc-3": "Nothing was said about the budget.",
}


@dataclass(frozen=True)
class ToyGold:
    document: CorpusDocument
    claims: int


class ToyScore(BaseModel):
    found: int
    gold: int
    per_document: dict[str, int]

    def metrics(self) -> dict[str, float | None]:
        recall = self.found / self.gold if self.gold else None
        return {"toy_claim_recall": recall, "toy_documents": float(len(self.per_document))}

    def rows(self) -> list[tuple[str, str]]:
        return [("claims found", f"{self.found} of {self.gold}")]

    def worst(self, count: int) -> list[str]:
        ranked = sorted(self.per_document.items(), key=lambda item: item[1])
        return [f"{name}: {found} claims" for name, found in ranked[:count]]


def _load(data: Path, split: str, limit: int | None = None) -> list[ToyGold]:
    golds = [ToyGold(CorpusDocument(id=name, text=text), 1) for name, text in TEXTS.items()]
    return golds[:limit] if limit else golds


def _score(golds: Sequence[ToyGold], summaries: Mapping[str, ArticleSummary | None]) -> ToyScore:
    per = {g.document.id: len(s.claims) if (s := summaries[g.document.id]) else 0 for g in golds}
    return ToyScore(found=sum(per.values()), gold=sum(g.claims for g in golds), per_document=per)


class FakeSummarizer:
    """Finds one claim in every document, except the ones named in ``missing``."""

    missing: tuple[str, ...] = ()

    def __init__(self, **options: Any) -> None:
        self.settings = types.SimpleNamespace(model="fake-model")
        self.prompts = types.SimpleNamespace(version="fake-1")

    def summarize(self, text: str, *, name: str, **_: Any) -> ArticleSummary:
        if name in self.missing:
            raise CacheMissError(f"{name}: not in the cache and --offline forbids it")
        evidence = Evidence(quote=text[:10], start=0, end=10, alignment="exact")
        return ArticleSummary(
            headline="h",
            summary="s",
            claims=[Claim(assertion=text, evidence=[evidence])],
            meta=SummaryMeta(model="fake-model", prompt_version="fake-1"),
        )

    def close(self) -> None:
        pass


@pytest.fixture(autouse=True)
def toy_corpus(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    module = types.ModuleType("toy_adapter")
    module.NAME, module.SPLITS, module.DEFAULT_SPLIT = "muc4", ("dev",), "dev"  # type: ignore[attr-defined]
    module.load, module.score = _load, _score  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "toy_adapter", module)
    monkeypatch.setitem(datasets.ADAPTERS, "muc4", "toy_adapter")
    monkeypatch.setattr("summarize.summarizer.Summarizer", FakeSummarizer)
    monkeypatch.setattr(FakeSummarizer, "missing", ())
    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path / "corpus"


def _eval(*args: str) -> Result:
    base = ["eval", "--dataset", "muc4", "--data", "corpus", "--report-dir", "out"]
    return CliRunner().invoke(cli, [*base, *args])


def test_the_json_is_flat_with_stable_keys_and_the_reports_are_written() -> None:
    result = _eval("--json", "--limit", "2")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["dataset"] == "muc4" and report["split"] == "dev" and report["limit"] == 2
    assert report["articles"] == 2 and report["schema_valid_rate"] == 1.0
    assert report["toy_claim_recall"] == 1.0 and report["grounding_rate"] == 1.0
    assert "doc-1: 1 claims" in report["worst"][0]
    for name in ("report.json", "report.md", "report.html"):
        assert (Path("out") / name).is_file()
    assert "claims found | 2 of 2" in (Path("out") / "report.md").read_text()


def test_a_failed_document_fails_the_run_after_the_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FakeSummarizer, "missing", ("doc-2",))
    result = _eval("--json")
    assert result.exit_code == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith("Error: 1 of 3 documents failed") and "doc-2" in last
    assert "summarize cache import tests/fixtures/recorded/muc4/responses" in last
    report = json.loads(result.stdout)
    assert report["toy_claim_recall"] == pytest.approx(2 / 3)
    assert report["errors"] == ["doc-2: not in the cache and --offline forbids it"]


def test_a_baseline_of_the_corpus_is_compared_on_its_measures() -> None:
    Path("baseline.json").write_text(json.dumps(BASELINE))
    assert _eval("--baseline", "baseline.json").exit_code == 0
    saved = _eval("--save-baseline", "saved.json", "--limit", "1")
    assert saved.exit_code == 0 and json.loads(Path("saved.json").read_text())["articles"] == 1


def test_a_regression_on_a_corpus_measure_exits_1(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("baseline.json").write_text(json.dumps(BASELINE))
    monkeypatch.setattr(FakeSummarizer, "missing", ("doc-1", "doc-2"))
    result = _eval("--baseline", "baseline.json")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("regression: toy_claim_recall") for line in lines)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "missing"], "no such corpus folder"),
        (["--split", "tst9"], "has no split 'tst9'"),
        (["--limit", "0"], "--limit must be at least 1"),
    ],
)
def test_bad_corpus_options_are_one_line_errors(args: list[str], message: str) -> None:
    result = _eval(*args)
    assert result.exit_code == 2 and message in result.stderr, result.output


def test_a_corpus_needs_its_folder_and_the_seeds_take_no_split() -> None:
    result = CliRunner().invoke(cli, ["eval", "--dataset", "muc4"])
    assert result.exit_code == 2 and "needs --data PATH" in result.stderr
    result = CliRunner().invoke(cli, ["eval", "--limit", "3"])
    assert result.exit_code == 2 and "--split and --limit are for a corpus" in result.stderr
