"""Run LangExtract over documents; meant for LangExtract's own environment, not ours.

Reads one JSON object on stdin: {"base_url", "model", "documents": [{"id", "text"}]};
writes one JSON object on stdout: {"documents": [{"id", "seconds", "error",
"extractions": [{"class", "text", "start", "end", "attributes"}]}]}. Started by
``benchmarks/langextract_anchor.py``; it imports nothing of summarize.
"""

from __future__ import annotations

import json
import sys
import time

import langextract as lx
from langextract.providers.openai import OpenAILanguageModel

PROMPT = (
    "Extract, in order of appearance, the events the news text reports (attacks, bombings, "
    "shootings, kidnappings, killings, arrests, air strikes, clashes) and the claims it "
    "attributes to someone (what a person, group or organization said, reported, denied or "
    "announced). Use the exact words of the text for every extraction. Give each event the "
    "attributes type, actor, target, place, date, killed and injured when the text says "
    "them; give each claim the attributes claimant and cue (the reporting verb)."
)

# Written for this benchmark (a made-up report), not taken from any evaluation set.
EXAMPLE_TEXT = (
    "Gunmen stormed a bus station in the northern town of Karo on Tuesday, killing four "
    "passengers and wounding nine, police said. A spokesman for the governor said the "
    "attackers belonged to a local militia."
)
EXAMPLES = [
    lx.data.ExampleData(
        text=EXAMPLE_TEXT,
        extractions=[
            lx.data.Extraction(
                extraction_class="event",
                extraction_text="Gunmen stormed a bus station",
                attributes={
                    "type": "armed_clash",
                    "actor": "Gunmen",
                    "target": "a bus station",
                    "place": "Karo",
                    "date": "Tuesday",
                    "killed": "four",
                    "injured": "nine",
                },
            ),
            lx.data.Extraction(
                extraction_class="claim",
                extraction_text="the attackers belonged to a local militia",
                attributes={"claimant": "A spokesman for the governor", "cue": "said"},
            ),
        ],
    )
]


def _extract(text: str, model: OpenAILanguageModel) -> list[dict[str, object]]:
    result = lx.extract(
        text_or_documents=text,
        prompt_description=PROMPT,
        examples=EXAMPLES,
        model=model,
        fence_output=True,
        use_schema_constraints=False,
        max_workers=1,
        show_progress=False,
    )
    found = []
    for extraction in result.extractions or []:
        interval = extraction.char_interval
        found.append(
            {
                "class": extraction.extraction_class,
                "text": extraction.extraction_text,
                "start": interval.start_pos if interval else None,
                "end": interval.end_pos if interval else None,
                "attributes": extraction.attributes or {},
            }
        )
    return found


def main() -> None:
    request = json.load(sys.stdin)
    model = OpenAILanguageModel(
        model_id=request["model"], api_key="not-needed", base_url=request["base_url"]
    )
    answers = []
    for document in request["documents"]:
        start = time.perf_counter()
        try:
            extractions, error = _extract(document["text"], model), None
        except Exception as exc:  # one document's failure is reported, not fatal
            extractions, error = [], f"{type(exc).__name__}: {exc}"[:300]
        answers.append(
            {
                "id": document["id"],
                "seconds": round(time.perf_counter() - start, 2),
                "error": error,
                "extractions": extractions,
            }
        )
        print(f"{document['id']}: {len(extractions)} extractions", file=sys.stderr, flush=True)
    json.dump({"documents": answers}, sys.stdout)


if __name__ == "__main__":
    main()
