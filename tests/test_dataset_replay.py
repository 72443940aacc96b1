"""Each corpus's development sample, scored offline from the recorded real answers.

The corpora are read from ``../shared/datasets`` (beside the checkout, as on the
project's machines); where they are absent the tests skip, unless
``SUMMARIZE_REQUIRE_DATASETS`` is set (as in CI), when they fail.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarize.cli.main import cli
from summarize.evaluation.datasets import DEVELOPMENT_SAMPLES
from summarize.llm.cache import ResponseCache
from tests.conftest import RECORDED, ROOT

DATASETS = ROOT.parent / "shared" / "datasets"
BASELINES = ROOT / "evals" / "baselines"


def _corpus(name: str) -> Path:
    folder = DATASETS / name
    if not folder.is_dir():
        if os.environ.get("SUMMARIZE_REQUIRE_DATASETS"):
            pytest.fail(f"{folder} is missing and SUMMARIZE_REQUIRE_DATASETS is set")
        pytest.skip(f"{folder} is not here")
    return folder


@pytest.mark.parametrize("name", sorted(DEVELOPMENT_SAMPLES))
def test_the_development_sample_scores_offline_as_its_baseline(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _corpus(name)
    cache = ResponseCache(tmp_path / "cache")
    assert cache.import_dir(RECORDED / name / "responses") > 0
    cache.close()
    monkeypatch.setenv("SUMMARIZE_CACHE_DIR", str(tmp_path / "cache"))
    split, limit = DEVELOPMENT_SAMPLES[name]
    result = CliRunner().invoke(
        cli,
        [
            "eval", "--dataset", name, "--data", str(data), "--split", split,
            "--limit", str(limit), "--offline", "--json", "--report-dir", str(tmp_path / "r"),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema_valid_rate"] == 1.0 and report["articles"] == report["articles_valid"]
    baseline = json.loads((BASELINES / f"{name}.json").read_text())
    measures = [key for key in baseline if key.startswith(f"{name}_")]
    assert measures
    for key in measures:
        assert report[key] == pytest.approx(baseline[key]), key
    recorded = sorted(p.stem for p in (RECORDED / name / "summaries").glob("*.json"))
    assert len(recorded) == report["articles"]
