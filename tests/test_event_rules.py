"""The labelling guide's rules that correct the model's reading of an event sentence, and
the merges of one occurrence's mentions. Examples are written for these tests, not taken
from the seed articles (the eval set)."""

from __future__ import annotations

import datetime as dt

import pytest

from summarize.core.assemble import split_vow
from summarize.core.coref import merge_mentions
from summarize.core.event_rules import (
    correct_roles,
    find_name,
    is_background,
    is_counted_series,
    is_state_force,
    names_no_party,
    read_event,
    speech_act,
)
from summarize.core.schema import Alignment, Event, EventType, Evidence, Location, Party
from summarize.core.sentence_fields import (
    find_location,
    find_occurrence_date_words,
    find_statement_date_words,
    names_a_place,
)


@pytest.mark.parametrize(
    ("sentence", "speaker", "expected"),
    [
        (
            "The Free Army, which is backed by Ankara, claimed responsibility for the raid.",
            "The Free Army",
            EventType.STATEMENT,
        ),
        (
            "The ministry admitted on Friday the shelling of a school.",
            "The ministry",
            EventType.STATEMENT,
        ),
        ("Rebel leaders have condemned the arrests.", "Rebel leaders", EventType.STATEMENT),
        (
            "The envoy toured Kabul on Monday, warning that the truce was at risk.",
            "The envoy",
            EventType.THREAT,
        ),
        ("The militia vowed revenge.", "The militia", EventType.THREAT),
        # narration first: the sentence reports an attack, not a speech act
        ("The militia attacked a convoy and later claimed it.", "The militia", None),
        ("Police said the gang had admitted the theft.", "Police", None),
        # a tally of claims is an attack series, not a statement
        ("Insurgents have claimed more than 40 attacks since June.", "Insurgents", None),
        ("The army claimed the hill.", None, None),
        ("The army claimed the hill.", "The navy", None),
    ],
)
def test_a_speaker_followed_by_its_speech_verb_makes_a_speech_act(
    sentence: str, speaker: str | None, expected: EventType | None
) -> None:
    assert speech_act(sentence, speaker) is expected


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("The raids stopped during the truce but resumed in May.", True),
        ("Shelling has increased across the valley.", True),
        ("The attacks against the garrison have hit depots in the north.", True),
        ("The kingdom has 4,000 soldiers in the region.", True),
        ("Hundreds attended the funeral of the commander.", True),
        ("The minister paid a visit to the border town.", True),
        # counted, dated or with a toll: not background
        ("The attacks killed at least six guards.", False),
        ("Rebels have attacked the garrison 25 times since March.", False),
        ("Gunmen attacked a checkpoint on Friday.", False),
        ("A car bomb killed 12 mourners at a funeral in Kabul on Friday.", False),
        ("Two guards were wounded when a grenade hit the meeting hall.", False),
    ],
)
def test_trends_totals_and_ceremonies_are_background(sentence: str, background: bool) -> None:
    assert is_background(sentence) is background


@pytest.mark.parametrize(
    ("sentence", "series"),
    [
        ("Militants have carried out more than 50 attacks since January.", True),
        ("The base has been shelled at least 12 times.", True),
        ("Dozens of attacks have hit the port.", False),  # not counted with digits or words
        ("The group claimed two attacks on the port.", False),
        ("Two attacks since Monday have closed the road.", True),
    ],
)
def test_a_counted_series_has_a_count_of_attacks(sentence: str, series: bool) -> None:
    assert is_counted_series(sentence) is series


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("U.S. forces", True),
        ("Washington", True),
        ("the French army", True),
        ("Turkey", True),
        ("Iran-backed militias", False),
        ("the Free Army rebels", False),
        ("armed groups close to Iran", False),
    ],
)
def test_state_forces_are_told_from_armed_groups(name: str, state: bool) -> None:
    assert is_state_force(name) is state


def test_roles_follow_the_passive_the_victim_the_outlet_and_the_source() -> None:
    passive = "Peacekeepers were attacked with mortars near the airport."
    assert correct_roles(passive, "Peacekeepers", "airport") == (None, "Peacekeepers")
    victims = "At least 20 guards have suffered injuries in the raids."
    assert correct_roles(victims, "At least 20 guards", None) == (None, "At least 20 guards")
    outlet = "Xinhua reported that rebels shelled the town."
    assert correct_roles(outlet, "Xinhua", "rebels") == ("rebels", None)
    sources = "Army sources said a convoy was hit."
    assert correct_roles(sources, "Army sources", "convoy") == (None, "convoy")
    active = "Rebels attacked a convoy near the airport."
    assert correct_roles(active, "Rebels", "a convoy") == ("Rebels", "a convoy")
    speaker = "The governor told reporters that gunmen ambushed a patrol."
    assert correct_roles(speaker, "The governor", "a patrol") == (None, "a patrol")
    weapon = "Gunmen threw a grenade at the police station."
    assert correct_roles(weapon, "Gunmen", "a grenade") == ("Gunmen", None)


def test_names_are_found_whatever_their_spacing_and_dots() -> None:
    assert find_name("U.S. troops were hit.", "U. S. troops") == (0, 11)
    assert find_name("No such party here.", "U.S.") is None


@pytest.mark.parametrize(
    ("labelled", "sentence", "actor", "expected"),
    [
        # "other" gives way to the means the sentence states
        (
            EventType.OTHER,
            "Rebels fired mortars at the camp.",
            "Rebels",
            EventType.ROCKET_OR_MISSILE_ATTACK,
        ),
        # a state's forces attacking by unstated means or by drones: air or drone strike
        (
            EventType.OTHER,
            "French forces attacked a rebel camp.",
            "French forces",
            EventType.AIR_OR_DRONE_STRIKE,
        ),
        (
            EventType.DRONE_ATTACK,
            "Turkey hit a depot with drones.",
            "Turkey",
            EventType.AIR_OR_DRONE_STRIKE,
        ),
        # an armed group's drones: a drone attack
        (
            EventType.AIR_OR_DRONE_STRIKE,
            "The militia sent drones to hit the airport.",
            "The militia",
            EventType.DRONE_ATTACK,
        ),
        # a counted series stays "other"
        (
            EventType.OTHER,
            "Rebels have fired rockets 30 times since May.",
            "Rebels",
            EventType.OTHER,
        ),
        # "forces deployed in" describes forces; it is no deployment
        (
            EventType.TROOP_DEPLOYMENT,
            "Troops deployed in the valley were attacked on Monday.",
            None,
            EventType.OTHER,
        ),
    ],
)
def test_the_type_follows_the_stated_means_and_who_attacks(
    labelled: EventType, sentence: str, actor: str | None, expected: EventType
) -> None:
    reading = read_event(labelled, sentence, actor, None, alone=True)
    assert reading is not None and reading.type is expected


def test_a_statement_of_own_losses_has_no_target() -> None:
    sentence = "The militia announced that two of its fighters were killed."
    reading = read_event(
        EventType.OTHER, sentence, "The militia", "two of its fighters", alone=True
    )
    assert reading is not None
    assert (reading.type, reading.target) == (EventType.STATEMENT, None)


def test_a_second_event_of_a_sentence_keeps_its_type() -> None:
    sentence = "The group claimed responsibility for an attack on a depot on May 3."
    reading = read_event(EventType.OTHER, sentence, "The group", None, alone=False)
    assert reading is not None and reading.type is EventType.OTHER


@pytest.mark.parametrize(
    ("sentence", "occurrence", "statement"),
    [
        ("Earlier Monday, the spokesman said rebels fired rockets.", None, "Earlier Monday"),
        ("Officials said on Monday that a camp was shelled.", None, "Monday"),
        ("On Friday, the group claimed a raid carried out on June 2.", "June 2", "Friday"),
        ("Recently, rebels shelled a camp on June 2.", "June 2", "Recently"),
        ("The army confirmed a raid that hit a depot on Friday night.", "Friday night", None),
        ("The group had claimed several raids throughout Tuesday.", "Tuesday", "Tuesday"),
    ],
)
def test_dates_of_the_telling_and_of_what_happened_are_told_apart(
    sentence: str, occurrence: str | None, statement: str | None
) -> None:
    assert find_occurrence_date_words(sentence) == occurrence
    assert find_statement_date_words(sentence) == statement


def test_places_of_two_events_and_of_two_countries() -> None:
    sentence = "Rebels claimed a drone attack in eastern Chad and a rocket attack in Niger."
    assert find_location(sentence) == Location(country="Chad")
    assert find_location(sentence, sentence.index("rocket")) == Location(country="Niger")
    assert find_location("Troops based in Mali and Niger were attacked.") is None
    assert find_location("A ship sank off the coast of Crete.") == Location(place="Crete")
    coast = "A missile hit a camp on the coast of the Red Sea."
    assert find_location(coast) == Location(place="Red Sea")
    assert names_a_place("Idlib province") and names_a_place("Syria")
    assert not names_a_place("Syrian troops")


TEXT = (
    "Rebels fired rockets at a camp near Gao in northern Mali on Monday. "
    "Three soldiers were wounded in the attack, the army said.\n\n"
    "The rockets hit a fuel depot. A spokesman confirmed a rocket attack that hit the "
    "camp on Monday evening.\n\n"
    "Rebels have attacked the camp more than 20 times since March. "
    "Officials say 40 soldiers were wounded in the 22 attacks since March."
)


def _event(
    sentence: str, event_type: EventType, actor: str | None = None, **fields: object
) -> Event:
    start = TEXT.index(sentence)
    evidence = Evidence(
        quote=sentence, start=start, end=start + len(sentence), alignment=Alignment.EXACT
    )
    actors = [Party(name=actor)] if actor else []
    return Event(type=event_type, actors=actors, evidence=[evidence], **fields)  # type: ignore[arg-type]


def test_details_and_series_sentences_merge_into_their_event() -> None:
    attack = _event(
        "Rebels fired rockets at a camp near Gao in northern Mali on Monday.",
        EventType.ROCKET_OR_MISSILE_ATTACK,
        "Rebels",
        location=Location(place="Gao", country="Mali"),
    )
    wounded = _event(
        "Three soldiers were wounded in the attack, the army said.",
        EventType.OTHER,
        injured={"text": "Three", "value": 3},
    )
    depot = _event("The rockets hit a fuel depot.", EventType.ROCKET_OR_MISSILE_ATTACK)
    series = _event(
        "Rebels have attacked the camp more than 20 times since March.", EventType.OTHER, "Rebels"
    )
    tally = _event(
        "Officials say 40 soldiers were wounded in the 22 attacks since March.",
        EventType.OTHER,
        injured={"text": "40", "value": 40},
    )
    merged = merge_mentions([series, wounded, attack, depot, tally], dt.date(2024, 6, 5))
    assert [e.type for e in merged] == [EventType.ROCKET_OR_MISSILE_ATTACK, EventType.OTHER]
    assert len(merged[0].evidence) == 3 and merged[0].injured and merged[0].injured.value == 3
    assert len(merged[1].evidence) == 2 and merged[1].injured and merged[1].injured.value == 40


def test_a_confirmation_lends_its_date_to_the_attack_told_before_it() -> None:
    attack = _event("The rockets hit a fuel depot.", EventType.ROCKET_OR_MISSILE_ATTACK)
    confirmation = _event(
        "A spokesman confirmed a rocket attack that hit the camp on Monday evening.",
        EventType.STATEMENT,
        "A spokesman",
    )
    merged = merge_mentions([attack, confirmation], dt.date(2024, 6, 5))
    assert [e.type for e in merged] == [EventType.ROCKET_OR_MISSILE_ATTACK, EventType.STATEMENT]
    assert merged[0].date is not None and merged[0].date.iso == dt.date(2024, 6, 3)
    assert merged[1].date is None


def test_a_statement_that_also_vows_is_two_events() -> None:
    text = "The militia said three of its men died, and vowed revenge against the army."
    statement = Event(
        type=EventType.STATEMENT,
        actors=[Party(name="The militia")],
        targets=[Party(name="the army")],
        evidence=[Evidence(quote=text, start=0, end=len(text), alignment=Alignment.EXACT)],
    )
    said, vowed = split_vow(statement)
    assert (said.type, said.targets) == (EventType.STATEMENT, [])
    assert (vowed.type, [p.name for p in vowed.targets]) == (EventType.THREAT, ["the army"])
    plain = statement.model_copy(
        update={
            "evidence": [
                statement.evidence[0].model_copy(
                    update={"quote": "The militia said three of its men died."}
                )
            ]
        }
    )
    assert split_vow(plain) == [plain]


def test_an_admission_told_first_lends_its_toll_to_the_attack_after_it() -> None:
    text = (
        "The army admitted a raid on a convoy, which left two dead and four injured. "
        "Soldiers attacked the convoy near Gao early today."
    )
    admission_text = "The army admitted a raid on a convoy, which left two dead and four injured."
    attack_text = "Soldiers attacked the convoy near Gao early today."

    def event(sentence: str, event_type: EventType) -> Event:
        start = text.index(sentence)
        evidence = Evidence(
            quote=sentence, start=start, end=start + len(sentence), alignment=Alignment.EXACT
        )
        return Event(type=event_type, evidence=[evidence])

    admission = event(admission_text, EventType.STATEMENT)
    attack = event(attack_text, EventType.AIR_OR_DRONE_STRIKE)
    merged = merge_mentions([admission, attack], None)
    assert merged[0].killed is None  # the statement keeps no toll
    assert merged[1].killed is not None and merged[1].killed.value == 2
    assert merged[1].injured is not None and merged[1].injured.value == 4


@pytest.mark.parametrize(
    ("name", "no_party"),
    [
        ("We", True),
        ("they", True),
        ("Iraqi", True),  # a nationality alone
        ("the explosion", True),
        ("blast from the explosion", True),
        ("explosives", True),
        ("a car bomb", True),
        ("Iraqi police", False),
        ("the Kurds", False),
        ("Shining Path guerrillas", False),
        ("the mayor of the town", False),
        ("US forces", False),
        ("US", False),  # not the pronoun
    ],
)
def test_pronouns_nationalities_events_and_weapons_name_no_party(name: str, no_party: bool) -> None:
    assert names_no_party(name) is no_party


def test_the_blast_is_neither_actor_nor_target() -> None:
    sentence = "The blast damaged a bridge near the market, police said."
    assert correct_roles(sentence, "The blast", "a bridge") == (None, "a bridge")
    assert correct_roles(sentence, "police", "the explosion")[1] is None
