"""The Markdown view of a summary: one readable line per event and claim."""

from __future__ import annotations

from summarize.cli.render import _event_line
from summarize.core.schema import Alignment, Event, EventType, Evidence, Party


def _event(**fields: object) -> Event:
    evidence = Evidence(quote="Rebels spoke.", start=0, end=13, alignment=Alignment.EXACT)
    return Event(type=EventType.STATEMENT, evidence=[evidence], **fields)  # type: ignore[arg-type]


def test_an_event_line_separates_every_part() -> None:
    date = {"text": "Today"}
    assert _event_line(_event(actors=[Party(name="Rebels")], date=date)) == (
        "**statement** — Rebels; Today"
    )
    with_target = _event(actors=[Party(name="Rebels")], targets=[Party(name="the army")])
    assert _event_line(with_target) == "**statement** — Rebels → the army"
    assert _event_line(_event()) == "**statement** — unknown actor"
