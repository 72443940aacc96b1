"""False positives of the instruction detector: every sentence of the seeds and of the
public corpora (../shared/datasets, every split) that core/instructions.py flags as written
to a model. None of them is an instruction, so each one listed is a false positive.

    python benchmarks/instruction_flags.py --data ../shared/datasets
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarize.core.instructions import suspicious_spans  # noqa: E402
from summarize.evaluation.datasets import ADAPTERS, adapter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the datasets folder")
    options = parser.parse_args()
    texts = [(f"seeds/{p.name}", p.read_text()) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for name in sorted(ADAPTERS):
        module = adapter(name)
        for split in module.SPLITS:
            for gold in module.load(options.data / name, split):
                texts.append((f"{name}/{split}/{gold.document.id}", gold.document.text))
    flagged = [(where, span) for where, text in texts for span in suspicious_spans(text)]
    print(f"{len(texts)} documents, {len(flagged)} flagged spans")
    for where, span in flagged:
        print(f"- {where} ({span.reason}): {' '.join(span.quote.split())[:200]}")


if __name__ == "__main__":
    main()
