"""Places resolved to area and country with GeoNames and ISO 3166 (core/gazetteer.py)."""

import pytest

from summarize.core.gazetteer import (
    countries_named,
    country_code,
    find_place,
    fold,
    locate,
    with_countries,
)
from summarize.core.schema import Event, EventType, Evidence, Location


def test_fold_drops_case_accents_the_and_area_words() -> None:
    assert fold("Usulután") == "usulutan"
    assert fold("the Kandahar province") == "kandahar"


@pytest.mark.parametrize(
    ("place", "hints", "admin_area", "country"),
    [
        ("Medellin", (), None, "Colombia"),
        ("Ayacucho department", (), "Ayacucho", "Peru"),
        ("Kandahar province", (), "Kandahār", "Afghanistan"),
        ("Soyapango", ("SV",), None, "El Salvador"),
        ("San Miguel", ("SV",), None, "El Salvador"),
    ],
)
def test_known_places_get_their_country(
    place: str, hints: tuple[str, ...], admin_area: str | None, country: str
) -> None:
    assert locate(place, hints) == Location(place=place, admin_area=admin_area, country=country)


def test_unknown_or_small_unhinted_places_stay_unresolved() -> None:
    assert locate("the market") is None
    # a town of a few thousand people is taken only where the article names its country
    assert locate("Soyapango") is not None  # over 100,000 people
    assert locate("Zacatecoluca") is None
    assert locate("Zacatecoluca", ["SV"]) is not None


def test_country_names_and_codes() -> None:
    assert country_code("Syria") == "SY" and country_code("United States") == "US"
    assert countries_named("Gunmen attacked a bus in Lima, Peru, and in Bolivia.") == {"PE", "BO"}


def test_events_get_the_country_of_their_place_and_keep_a_given_one() -> None:
    text = "LIMA, Peru -- Rebels attacked a police post in Ayacucho."
    lacking = Event(type=EventType.ARMED_CLASH, location=Location(place="Ayacucho"))
    given = Event(type=EventType.ARMED_CLASH, location=Location(place="Ayacucho", country="X"))
    nowhere = Event(type=EventType.ARMED_CLASH)
    located = with_countries([lacking, given, nowhere], text)
    assert located[0].location == Location(place="Ayacucho", country="Peru")
    assert located[1:] == [given, nowhere]


def test_a_place_is_found_after_a_locative_whatever_its_capitals() -> None:
    sentence = "A bomb exploded near the cathedral in san salvador on friday."
    assert find_place(sentence, ["SV"]) == Location(place="san salvador", country="El Salvador")
    assert find_place("The talks were held in the morning.") is None


def test_an_attack_without_a_place_gets_the_one_its_sentence_names() -> None:
    text = "Rebels shelled a barracks near medellin on Sunday."
    evidence = [Evidence(quote=text)]
    attack = Event(type=EventType.ARMED_CLASH, evidence=evidence)
    statement = Event(type=EventType.STATEMENT, evidence=evidence)
    located = with_countries([attack, statement], text)
    assert located[0].location == Location(place="medellin", country="Colombia")
    assert located[1].location is None  # a statement's place is where it was made


def test_a_place_after_words_of_position_and_the_article_countries_first() -> None:
    # MUC-4 development messages (TST2), in the case the wire copy is read in
    downtown = "A truck exploded outside a federal police building in downtown bogota."
    assert find_place(downtown, ["CO"]) == Location(place="bogota", country="Colombia")
    # of two places, the one in a country the article names
    two = "Troops who had trained in Manila clashed with rebels near Mosul."
    assert find_place(two, ["IQ"]) == Location(place="Mosul", country="Iraq")
    assert find_place(two) == Location(place="Manila", country="Philippines")
    # a stop word or a number is no place, and "at least" is no locative phrase
    assert find_place("At least 62 US personnel were hurt in the attacks.", ["US"]) is None
