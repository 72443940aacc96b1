"""Rule ablations: each code-side rule family switched off, scored on the development samples.

A rule earns its place by what it adds on articles it was not written for: the public
corpora's development samples (MUC-4, PolNeAR, ECB+). The seeds are reported beside them,
not tuned on. Every run replays the recorded model answers (no model time), each in a fresh
response cache so that no summary assembled with a rule off is remembered; a family is
switched off by replacing its function for the run.

    python benchmarks/ablations.py --data ../shared/datasets

Writes ``benchmarks/results/ablations.json`` and ``benchmarks/results/ablations.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.atomic import atomic_write_text  # noqa: E402
from summarize.core.roles import Roles  # noqa: E402
from summarize.evaluation.datasets import DEVELOPMENT_SAMPLES  # noqa: E402

RECORDED = ROOT / "tests" / "fixtures" / "recorded"
RESULTS = ROOT / "benchmarks" / "results"

MEASURES: dict[str, list[str]] = {
    "muc4": ["muc4_role_f1", "muc4_weapon_f1", "muc4_incident_f1", "muc4_country_accuracy"],
    "polnear": ["polnear_claim_f1", "polnear_source_accuracy"],
    "ecbplus": ["ecbplus_conll_f1"],
    "seeds": [
        "event_f1",
        "claim_f1",
        "event_fields.actor.accuracy",
        "event_fields.target.accuracy",
        "claim_fields.claimant.accuracy",
    ],
}
"""The measures reported for each sample (a dotted key reads into the report's tables)."""


def _measure(report: dict[str, Any], key: str) -> float | None:
    value: Any = report
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value if isinstance(value, (int, float)) else None


# family -> (what it does, the functions replaced while it is off)
FAMILIES: dict[str, tuple[str, dict[str, Callable[..., Any]]]] = {
    "parse claims": (
        "claims from the dependency parse's attributions (core/claims.py)",
        {"summarize.summarizer.combine_claims": lambda context, claims: claims},
    ),
    "parse roles": (
        "actor and target the model left empty, from the parse (core/roles.py)",
        {"summarize.core.event_rules.attack_roles": lambda sentence: Roles()},
    ),
    "speaker is no actor": (
        "the speaker of a sentence is not an attack's actor (attribution.is_speaker)",
        {"summarize.core.event_rules.is_speaker": lambda sentence, span: False},
    ),
    "no-party names": (
        "a pronoun, a nationality alone, an event noun or a weapon is neither actor nor target "
        "(event_rules.names_no_party)",
        {"summarize.core.event_rules.names_no_party": lambda name: False},
    ),
    "stated objects": (
        "a statement verb's noun object is a claim's content (\"claimed responsibility for "
        'the attack", attribution._stated_object)',
        {"summarize.core.attribution._stated_object": lambda verb: None},
    ),
    "instruments": (
        "an attack's weapons read from its sentence (core/instruments.py)",
        {
            "summarize.core.assemble.find_instruments": lambda sentence: [],
        },
    ),
    "gazetteer": (
        "country and area of a place from GeoNames and ISO 3166 (core/gazetteer.py)",
        {"summarize.summarizer.with_countries": lambda events, text: list(events)},
    ),
    "party resolution": (
        '"the group" is the organisation the parse named before (parties.resolve)',
        {"summarize.core.assemble.resolve": lambda name, text, position: name},
    ),
    "speech acts": (
        "a party that claims, confirms, condemns or vows makes a statement or threat",
        {"summarize.core.event_rules.speech_act": lambda sentence, speaker: None},
    ),
    "background": (
        "trends, troop totals, visits and generic summaries are not events",
        {"summarize.core.event_rules.is_background": lambda sentence: False},
    ),
    "role corrections": (
        "passive subjects, victims and outlets are not actors (event_rules.correct_roles)",
        {"summarize.core.event_rules.correct_roles": lambda s, actor, target: (actor, target)},
    ),
    "mention merging": (
        "mentions of one event in several sentences merge (core/coref.py)",
        {"summarize.summarizer.merge_mentions": lambda events, published: list(events)},
    ),
}


@contextlib.contextmanager
def _switched_off(replacements: dict[str, Callable[..., Any]]) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for target, replacement in replacements.items():
            stack.enter_context(mock.patch(target, replacement))
        yield


def _evaluate(data: Path) -> dict[str, dict[str, float | None]]:
    """The measures of every development sample and the seeds, from the recordings."""
    from click.testing import CliRunner

    from summarize.cli.main import cli

    results: dict[str, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="summarize-ablation-") as scratch:
        env = {"SUMMARIZE_CACHE_DIR": str(Path(scratch) / "cache")}
        runner = CliRunner()
        for folder in [RECORDED / "responses", *(RECORDED / n / "responses" for n in MEASURES)]:
            if folder.is_dir():
                runner.invoke(cli, ["cache", "import", str(folder)], env=env)
        reports = str(Path(scratch) / "reports")
        for name in MEASURES:
            args = ["eval", "--offline", "--json", "--report-dir", reports]
            if name != "seeds":
                split, limit = DEVELOPMENT_SAMPLES[name]
                args += ["--dataset", name, "--data", str(data / name), "--split", split]
                args += ["--limit", str(limit)]
            result = runner.invoke(cli, args, env=env)
            report = json.loads(result.stdout) if result.exit_code in (0, 1) else {}
            results[name] = {key: _measure(report, key) for key in MEASURES[name]}
    return results


def _short(sample: str, key: str) -> str:
    """A column name: "muc4 role_f1", "seeds event.actor"."""
    return key.removeprefix(f"{sample}_").replace("_fields", "").removesuffix(".accuracy")


def _delta(full: float | None, off: float | None) -> str:
    if full is None or off is None:
        return "n/a"
    return f"{full - off:+.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the datasets folder")
    parser.add_argument("--only", nargs="*", help="only these families")
    options = parser.parse_args()
    os.environ.pop("SUMMARIZE_CACHE_DIR", None)
    with contextlib.redirect_stderr(io.StringIO()):
        full = _evaluate(options.data)
    rows = {"all rules": full}
    for family, (_, replacements) in FAMILIES.items():
        if options.only and family not in options.only:
            continue
        with _switched_off(replacements), contextlib.redirect_stderr(io.StringIO()):
            rows[family] = _evaluate(options.data)
        print(family, rows[family], flush=True)
    columns = [(name, key) for name, keys in MEASURES.items() for key in keys]
    lines = [
        "Each rule family's gain: the score with every rule minus the score with that family",
        "switched off (`benchmarks/ablations.py`, recorded answers of the embedded model).",
        "",
        "| rule family | what it does | "
        + " | ".join(f"{n} {_short(n, k)}" for n, k in columns)
        + " |",
        "|---|---|" + "---|" * len(columns),
        "| all rules (score) | | "
        + " | ".join(f"{full[n][k]:.3f}" if full[n][k] is not None else "n/a" for n, k in columns)
        + " |",
    ]
    for family, measured in rows.items():
        if family == "all rules":
            continue
        gains = " | ".join(_delta(full[n][k], measured[n][k]) for n, k in columns)
        lines.append(f"| {family} | {FAMILIES[family][0]} | {gains} |")
    table = "\n".join(lines) + "\n"
    print(table)
    RESULTS.mkdir(exist_ok=True)
    atomic_write_text(RESULTS / "ablations.json", json.dumps(rows, indent=2) + "\n")
    atomic_write_text(RESULTS / "ablations.md", table)


if __name__ == "__main__":
    main()
