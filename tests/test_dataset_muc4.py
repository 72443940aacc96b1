"""MUC-4 adapter: reading the distributed files and every measure on hand-worked cases."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import pytest

from summarize.core.schema import (
    ArticleSummary,
    Event,
    EventType,
    Evidence,
    Figure,
    Location,
    Party,
    SummaryMeta,
)
from summarize.evaluation.datasets import Adapter, CorpusDocument, adapter, muc4
from summarize.evaluation.datasets.muc4 import (
    Count,
    Muc4Entity,
    Muc4Gold,
    Muc4Incident,
    incident_type,
)
from summarize.evaluation.datasets.muc4_scoring import (
    Filler,
    actor_role,
    exact_match,
    gold_fillers,
    head_noun_match,
    head_nouns,
    match_role,
    normalize_string,
    target_role,
)

FIXTURE = Path(__file__).parent / "fixtures" / "datasets" / "muc4"


def summary(*events: Event) -> ArticleSummary:
    return ArticleSummary(
        headline="h",
        summary="s",
        events=list(events),
        meta=SummaryMeta(model="m", prompt_version="p"),
    )


def event(kind: EventType, actors=(), targets=(), quote: str | None = None, **fields) -> Event:
    return Event(
        type=kind,
        actors=[Party(name=a) for a in actors],
        targets=[Party(name=t) for t in targets],
        evidence=[Evidence(quote=quote)] if quote else [],
        **fields,
    )


def filler(*mentions: str, optional: bool = False) -> Filler:
    return Filler(tuple(normalize_string(m) for m in mentions), optional)


def gold_message(text: str, *incidents: Muc4Incident, id: str = "TST2-MUC4-9999") -> Muc4Gold:
    return Muc4Gold(CorpusDocument(id=id, text=text), tuple(incidents))


def incident(types=("ATTACK",), optional=False, **roles: tuple[Muc4Entity, ...]) -> Muc4Incident:
    return Muc4Incident(template=1, optional=optional, types=types, roles=roles)


def key_template(message: str, number: str = "1", **slots: str) -> str:
    """A template in the distributed layout; slots not given are "-"."""
    fills = {0: message, 1: number} | {int(k[1:]): v for k, v in slots.items()}
    lines = []
    for index, name in enumerate(muc4.SLOT_NAMES):
        first, *more = fills.get(index, "-").split("\n")
        lines.append(f"{f'{index}.':<4}{name:<32}{first}")
        lines += [" " * 36 + line for line in more]
    return "\n".join(lines) + "\n\n"


# --- the adapter interface ---------------------------------------------------------


def test_module_is_an_adapter() -> None:
    module: Adapter = adapter("muc4")  # type: ignore[assignment]
    assert module is muc4
    for name in ("NAME", "SPLITS", "DEFAULT_SPLIT", "load", "score"):
        assert hasattr(module, name)
    assert module.NAME == "muc4"
    assert module.SPLITS == ("dev", "tst1", "tst2") and module.DEFAULT_SPLIT == "tst2"
    assert list(inspect.signature(muc4.load).parameters) == ["data", "split", "limit"]
    assert inspect.signature(muc4.load).parameters["limit"].default is None
    assert list(inspect.signature(muc4.score).parameters) == ["golds", "summaries"]
    empty = module.score([], {})
    assert empty.metrics()["muc4_messages"] == 0.0
    assert empty.rows() and empty.worst(3) == []


# --- reading the distributed files -------------------------------------------------


def test_load_reads_messages_and_keys_in_file_order() -> None:
    golds = muc4.load(FIXTURE, "tst2")
    assert [g.document.id for g in golds] == ["TST2-MUC4-0003", "TST2-MUC4-0029", "TST2-MUC4-0075"]
    assert [len(g.incidents) for g in golds] == [3, 0, 1]
    assert [g.relevant for g in golds] == [True, False, True]
    assert [g.document.id for g in muc4.load(FIXTURE, "tst2", limit=2)] == [
        "TST2-MUC4-0003",
        "TST2-MUC4-0029",
    ]


def test_document_text_is_the_body_as_distributed() -> None:
    raw = (FIXTURE / "tst2" / "tst2-muc4").read_text("latin-1")
    document = muc4.load(FIXTURE, "tst2")[2].document
    assert document.text.startswith("   SAN SALVADOR, 31 OCT 89 (AFP) -- [TEXT] AT LEAST SIX")
    assert document.text.endswith("OPPOSED TO THE GOVERNMENT.")
    assert "\n" + document.text + "\n" in raw  # line breaks and indentation kept
    assert document.published == dt.date(1989, 10, 31)
    assert document.source == "AFP"


def test_templates_of_a_real_message() -> None:
    attack, kidnapping, threat = muc4.load(FIXTURE, "tst2")[0].incidents
    assert [i.types for i in (attack, kidnapping, threat)] == [
        ("ATTACK",),
        ("KIDNAPPING",),
        ("ATTACK",),
    ]
    assert threat.stage == ("THREATENED",)
    assert attack.roles["PerpInd"] == (
        Muc4Entity(("RUTH ESPERANZA AGUILAR MARROQUIN",)),
        Muc4Entity(("WORKERS JUSTICE COMMAND",), optional=True),  # "? ..."
    )
    assert attack.roles["PerpOrg"] == (Muc4Entity(("PEOPLE'S REVOLUTIONARY ARMY", "ERP")),)
    assert attack.roles["Target"] == (Muc4Entity(("URBAN PUBLIC BUS", "PUBLIC BUS", "BUS")),)
    assert threat.roles["Weapon"] == (Muc4Entity(("HAND GRENADES",)),)
    assert kidnapping.described_victims == (Muc4Entity(("STUDENTS", "GROUP OF STUDENTS")),)
    # "(09 DEC 89) / (- 09 DEC 89)": on or before 9 December
    assert (attack.date_low, attack.date_high) == (None, dt.date(1989, 12, 9))
    assert attack.locations == ("EL SALVADOR", "ALBERTO MASFERRER UNIVERSITY")
    # NO INJURY OR DEATH: "STUDENTS" -> nobody killed or injured; "-" effects: unknown
    assert (kidnapping.killed, kidnapping.injured) == (Count(0, 0), Count(0, 0))
    assert (attack.killed, attack.injured) == (None, None)


def test_killed_from_effect_and_number() -> None:
    bombing = muc4.load(FIXTURE, "tst2")[2].incidents[0]
    assert bombing.killed == Count(6, None)  # DEATH: "PERSONS", NUMBER "6 -": at least six
    assert bombing.injured is None  # INJURY: "SEVERAL", NUMBER PLURAL: no number


def test_casualty_rules_on_a_hand_made_key() -> None:
    text = key_template(
        "TST2-MUC4-9001",
        s18='"JUAN PEREZ"',
        s19='"MAYOR": "JUAN PEREZ"\n"GUARDS" / "BODYGUARDS"\n"DRIVER"',
        s21='1: "JUAN PEREZ"\n2: "GUARDS" / "BODYGUARDS"\n1: "DRIVER"',
        s23='DEATH: "JUAN PEREZ"\nDEATH: "GUARDS" / "BODYGUARDS"\nINJURY: "DRIVER"',
    )
    text += key_template(
        "TST2-MUC4-9001",
        "2 (OPTIONAL)",
        s19='"PEASANTS"',
        s21='PLURAL: "PEASANTS"',
        s23='DEATH: "PEASANTS"',
        s24="12",
    )
    text += key_template("TST2-MUC4-9001", "3", s19='"PEOPLE"', s23='? DEATH: "PEOPLE"')
    text += key_template("TST2-MUC4-9002", "*")
    keys = muc4.parse_keys(text)
    first, second, third = keys["TST2-MUC4-9001"]
    assert (first.killed, first.injured) == (Count(3, 3), Count(1, 1))
    assert first.roles["Victim"] == (Muc4Entity(("JUAN PEREZ",)),)
    assert first.described_victims == (
        Muc4Entity(("GUARDS", "BODYGUARDS")),
        Muc4Entity(("DRIVER",)),
    )  # "MAYOR" describes the named victim
    assert second.optional and second.killed == Count(12, 12)  # PLURAL: TOTAL NUMBER
    assert third.killed is None  # "? DEATH": the key is unsure
    assert keys["TST2-MUC4-9002"] == []  # irrelevant message


@pytest.mark.parametrize(
    ("labels", "count"),
    [
        (["6"], Count(6, 6)),
        (["6 -"], Count(6, None)),
        (["5-"], Count(5, None)),
        (["-26"], Count(0, 26)),
        (["~100"], Count(100, 100)),
        (["2 - 4"], Count(2, 4)),
        (["10", "10-"], Count(10, None)),
        (["1", "PLURAL"], None),
        (["PLURAL"], None),
    ],
)
def test_parse_count(labels: list[str], count: Count | None) -> None:
    assert muc4.parse_count(labels) == count


def test_dateline_and_key_dates() -> None:
    assert muc4.parse_dateline("   BUENOS AIRES, 13 DEC 89 (AFP) -- [TEXT] X") == (
        dt.date(1989, 12, 13),
        "AFP",
    )
    assert muc4.parse_dateline("   LIMA, NO DATE (EFE) -- [TEXT] X") == (None, None)
    assert muc4.parse_key_date("12 DEC 89 - 14 DEC 89") == (
        dt.date(1989, 12, 12),
        dt.date(1989, 12, 14),
    )
    assert muc4.parse_key_date("- 20 NOV 89") == (None, dt.date(1989, 11, 20))
    assert muc4.parse_key_date("3 NOV", default_year=1989) == (dt.date(1989, 11, 3),) * 2
    assert muc4.parse_location("COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)") == (
        "COLOMBIA",
        "CUCUTA",
        "CAMPANARIO",
    )


def test_unknown_split_and_missing_folder() -> None:
    with pytest.raises(ValueError, match="unknown MUC-4 split"):
        muc4.load(FIXTURE, "tst3")
    with pytest.raises(FileNotFoundError):
        muc4.load(FIXTURE, "dev")


# --- matching role fillers ---------------------------------------------------------


def test_head_nouns_and_normalization() -> None:
    assert normalize_string("The PEOPLE'S REVOLUTIONARY ARMY") == "peoples revolutionary army"
    assert head_nouns("GROUP OF STUDENTS") == {"group", "students"}
    assert head_nouns("the Farabundo Marti National Liberation Front") == {"front"}
    assert head_nouns("ELLACURIA AND FIVE OTHER JESUITS") == {"ellacuria", "jesuits"}


def test_head_noun_match_and_alternatives() -> None:
    bus = filler("URBAN PUBLIC BUS", "PUBLIC BUS", "BUS")
    assert head_noun_match(filler("the city bus"), bus)  # shares the head "bus"
    assert not exact_match(filler("the city bus"), bus)
    assert exact_match(filler("public bus"), bus)  # one of the "/" alternatives
    assert head_noun_match(filler("Aguilar Marroquin"), filler("RUTH ESPERANZA AGUILAR MARROQUIN"))
    assert not head_noun_match(filler("students"), filler("JESUITS"))
    army = filler("PEOPLE'S REVOLUTIONARY ARMY", "ERP")
    # one gold entity, predicted as two entities: one pair, one spurious
    tally, missed, spurious = match_role([army], [filler("ERP"), filler("the army")], exact_match)
    assert (tally.tp, tally.predicted, tally.gold, len(missed), len(spurious)) == (1, 2, 1, 0, 1)
    assert tally.prf() == (0.5, 1.0, pytest.approx(2 / 3))


def test_each_gold_entity_matches_once() -> None:
    # two predictions share the head of one gold entity: one true positive, one false positive
    tally, _, spurious = match_role(
        [filler("BUS")], [filler("urban bus"), filler("public bus")], head_noun_match
    )
    assert (tally.tp, tally.predicted, tally.gold, len(spurious)) == (1, 2, 1, 1)


def test_optional_entities() -> None:
    ruth = filler("RUTH ESPERANZA AGUILAR MARROQUIN")
    command = filler("WORKERS JUSTICE COMMAND", optional=True)
    marroquin, justice = filler("Marroquin"), filler("justice command")
    # missed optional: out of the recall denominator
    assert match_role([ruth, command], [marroquin], head_noun_match)[0].prf() == (1.0, 1.0, 1.0)
    # found optional: counts like any entity
    tally = match_role([ruth, command], [marroquin, justice], head_noun_match)[0]
    assert (tally.tp, tally.predicted, tally.gold) == (2, 2, 2)
    tally = match_role([ruth, command], [justice], head_noun_match)[0]
    assert (tally.tp, tally.predicted, tally.gold) == (1, 1, 2)
    # a prediction that fits a required and an optional entity goes to the required one
    tally = match_role(
        [filler("URBAN BUS"), filler("BUS", optional=True)], [filler("bus")], head_noun_match
    )[0]
    assert (tally.tp, tally.gold) == (1, 1)


def test_gold_union_over_templates() -> None:
    text = "GUERRILLAS OF THE FMLN AND FMLN GUERRILLAS BURNED A BUS; THE JESUITS WERE KILLED."
    first = incident(
        PerpInd=(Muc4Entity(("FMLN GUERRILLAS", "GUERRILLAS")),),
        PerpOrg=(Muc4Entity(("FMLN",)),),
        Victim=(Muc4Entity(("SEGUNDO MONTES",)),),  # not in the text: dropped, as GRIT
    )
    second = Muc4Incident(
        template=2,
        optional=False,
        types=("ARSON",),
        roles={"PerpInd": (Muc4Entity(("GUERRILLAS",)),), "Target": (Muc4Entity(("BUS",)),)},
        described_victims=(Muc4Entity(("JESUITS",)),),
    )
    gold = gold_message(text, first, second)
    # "GUERRILLAS" is a subset of the first template's entity: one entity
    assert [f.mentions for f in gold_fillers(gold, "PerpInd")] == [
        ("fmln guerrillas", "guerrillas")
    ]
    assert gold_fillers(gold, "Victim") == [Filler(("jesuits",), True, "JESUITS")]
    assert gold_fillers(gold, "Victim", grit=True) == []


# --- our events as MUC-4 incidents -------------------------------------------------


def test_incident_types_and_roles() -> None:
    assert incident_type(event(EventType.BOMBING)) == "BOMBING"
    assert incident_type(event(EventType.ARMED_CLASH)) == "ATTACK"
    assert incident_type(event(EventType.STATEMENT, quote="THEY KILLED HIM")) is None
    assert incident_type(event(EventType.THREAT, quote="WE WILL ATTACK")) is None
    assert incident_type(event(EventType.OTHER, quote="REBELS SET FIRE TO A BUS")) == "ARSON"
    assert incident_type(event(EventType.OTHER, quote="THEY KIDNAPPED TWO")) == "KIDNAPPING"
    assert incident_type(event(EventType.OTHER, quote="ELECTIONS WERE HELD")) is None
    text = "THE FARABUNDO MARTI NATIONAL LIBERATION FRONT (FMLN) ATTACKED"
    assert actor_role(Party(name="FMLN"), text) == "PerpOrg"
    assert actor_role(Party(name="the Medellin cartel"), text) == "PerpOrg"
    assert actor_role(Party(name="FMLN guerrillas"), text) == "PerpInd"
    assert actor_role(Party(name="members of the FMLN"), text) == "PerpInd"
    assert actor_role(Party(name="Ruth Aguilar"), text) == "PerpInd"
    assert target_role(Party(name="six Jesuit priests")) == "Victim"
    assert target_role(Party(name="Alfredo Cristiani")) == "Victim"
    assert target_role(Party(name="President Cristiani's residence")) == "Target"
    assert target_role(Party(name="the Salvadoran consulate")) == "Target"


# --- the whole score on the real message -------------------------------------------


def test_score_of_a_real_message_worked_by_hand() -> None:
    golds = muc4.load(FIXTURE, "tst2")
    attack = event(
        EventType.ARMED_CLASH,
        actors=["Ruth Esperanza Aguilar Marroquin", "People's Revolutionary Army (ERP)"],
        targets=["urban public bus"],
        location=Location(country="El Salvador"),
        instruments=["hand grenades"],
    )
    hostages = event(
        EventType.OTHER,
        actors=["Aguilar Marroquin"],
        targets=["students"],
        quote="SHE TOOK A GROUP OF STUDENTS AS HOSTAGES",
    )
    arrest = event(EventType.ARREST, actors=["Salvadoran National Police"], targets=["Casolo"])
    score = muc4.score(golds[:1], {"TST2-MUC4-0003": summary(attack, hostages, arrest)})
    m = score.metrics()
    # head noun: the Marroquin strings merge; PerpInd, PerpOrg, Target, the optional
    # described victim "STUDENTS" and the Weapon "HAND GRENADES" are found: 5 of 5 / 5
    assert (m["muc4_role_precision"], m["muc4_role_recall"]) == (1.0, 1.0)
    assert m["muc4_weapon_recall"] == 1.0 and m["muc4_role_excl_weapon_f1"] == 1.0
    # GRIT exact: PerpInd "aguilar marroquin" is not an alternative; "students" is no
    # HUM TGT: NAME; gold has the optional "WORKERS JUSTICE COMMAND" as required: 4 / 6 / 5
    assert (m["muc4_grit_exact_precision"], m["muc4_grit_exact_recall"]) == (4 / 6, 0.8)
    assert (m["muc4_incident_precision"], m["muc4_incident_recall"]) == (1.0, 1.0)
    # attack <-> template 1 (ATTACK), hostages <-> template 2 (KIDNAPPING, no one hurt)
    assert (score.types.correct, score.types.scored) == (2, 2)
    assert m["muc4_killed_accuracy"] == 1.0 and m["muc4_injured_accuracy"] == 1.0
    # the attack names El Salvador, the country of both keys' locations; hostages no place
    assert (score.countries.correct, score.countries.scored) == (1, 2)
    assert m["muc4_messages"] == 1.0 and m["muc4_failed"] == 0.0
    assert score.worst(3) == []


def test_irrelevant_message_failed_document_and_counts() -> None:
    golds = muc4.load(FIXTURE, "tst2")
    statement = event(EventType.STATEMENT, actors=["armed forces"], targets=["Escalon"])
    bombing = event(
        EventType.BOMBING,
        targets=["offices of FENASTRAS", "six persons"],
        killed=Figure(text="at least six", value=6),
        injured=Figure(text="several"),
    )
    summaries = {"TST2-MUC4-0003": None, "TST2-MUC4-0029": summary(statement)}
    summaries["TST2-MUC4-0075"] = summary(bombing)
    m = muc4.score(golds, summaries).metrics()
    # detection: 0003 missed (failed), 0029 a true negative, 0075 found: P 1/1, R 1/2
    assert (m["muc4_incident_precision"], m["muc4_incident_recall"]) == (1.0, 0.5)
    assert m["muc4_failed"] == 1.0 and m["muc4_relevant_messages"] == 2.0
    assert m["muc4_killed_accuracy"] == 1.0  # 6 within "at least 6"
    assert m["muc4_injured_accuracy"] is None  # the key gives no number of injured
    # 0075: Target "offices of FENASTRAS" (head "offices") and Victim "persons" (optional)
    # match; 0003 misses its four required entities, 0029 has none
    assert m["muc4_target_recall"] == 0.5 and m["muc4_victim_precision"] == 1.0
    # a bombing predicted in the irrelevant message is a false positive
    summaries["TST2-MUC4-0029"] = summary(event(EventType.BOMBING, targets=["Escalon"]))
    score = muc4.score(golds, summaries)
    assert score.metrics()["muc4_incident_precision"] == 0.5
    assert any(line.startswith("TST2-MUC4-0029: incident predicted") for line in score.worst(5))


def test_metrics_rows_and_empty_run() -> None:
    score = muc4.score(muc4.load(FIXTURE, "tst2"), {})
    metrics = score.metrics()
    assert all(key.startswith("muc4_") for key in metrics)
    for key in ("role", "perpind", "perporg", "target", "victim", "weapon", "incident"):
        assert metrics[f"muc4_{key}_f1"] == 0.0
    assert metrics["muc4_type_accuracy"] is None and metrics["muc4_failed"] == 3.0
    assert score.rows()[0] == ("Messages", "3 (2 relevant, 3 failed)")
    assert len(score.worst(10)) == 2  # the irrelevant message has nothing wrong
    assert score.model_dump()["messages"][1]["gold_incident"] is False
