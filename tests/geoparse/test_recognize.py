"""Which capitalised words are places: names, spellings and scripts in; people, organisations,
demonyms, dates and ordinary words out; offsets exact."""

from __future__ import annotations

import pytest

from geoevents.geoparse import Geoparser
from geoevents.model import Event, Report

from .conftest import Parse


def names(event: Event) -> list[str]:
    return [t.text for t in event.toponyms]


def resolved(event: Event, surface: str) -> tuple[str, str | None]:
    top = next(t for t in event.toponyms if t.text == surface)
    assert top.place is not None, surface
    return top.place.name, top.place.country_code


@pytest.mark.parametrize(
    "surface",
    ["Lysychansk", "Lysychans'k", "Lysychans’k", "LYSYCHANSK", "Лисичанськ"],
)
def test_spellings_and_scripts_meet(parse: Parse, surface: str) -> None:
    event = parse(f"Artillery hit {surface} overnight.")
    assert names(event) == [surface]
    assert resolved(event, surface) == ("Lysychansk", "UA")


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Severodonetsk", "Siverskodonetsk"),
        ("Sievierodonetsk", "Siverskodonetsk"),
        ("Konstantinovka", "Kostyantynivka"),
        ("Chernigiv", "Chernihiv"),
    ],
)
def test_transliterations_resolve(parse: Parse, surface: str, name: str) -> None:
    assert resolved(parse(f"Fighting continued in {surface} on Friday."), surface) == (name, "UA")


def test_offsets_are_exact(parse: Parse) -> None:
    text = "“Moscow’s forces” shelled  Kharkiv, Ukraine's Lysychans’k and the Sea of Azov coast."
    event = parse(text)
    assert names(event) == ["Moscow", "Kharkiv", "Ukraine", "Lysychans’k", "Sea of Azov"]
    for top in event.toponyms:
        assert text[top.start : top.end] == top.text


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Paris Hilton opened a boutique in Dubai.", "Paris"),
        ("Vitaliy Bunechko, governor of the region, visited Zhytomyr.", "Vitaliy Bunechko"),
        ("President Vladimir Putin flew to Minsk.", "Vladimir"),
        ("Governor Jordan Peterson toured Odesa.", "Jordan"),
        ("The Washington Post reported fighting near Bakhmut.", "Washington"),
        ("The Kyiv Independent reported fighting near Bakhmut.", "Kyiv"),
        ("Students at the University of Kansas protested outside Topeka.", "Kansas"),
    ],
)
def test_people_and_organisations_are_not_places(parse: Parse, text: str, absent: str) -> None:
    found = names(parse(text))
    assert found, text  # the real place in the sentence is still found
    assert all(absent not in name for name in found)


def test_demonyms_are_context_not_places(parse: Parse) -> None:
    event = parse("Russian troops and Ukrainian forces clashed near Bakhmut.")
    assert names(event) == ["Bakhmut"]


@pytest.mark.parametrize(
    "text",
    [
        "Many residents left on Friday.",
        "Twenty rockets were fired in May.",
        "Reading the statement, the mayor asked for calm.",
        "Mayor Oleksandr Stryuk said on Monday that the evacuation continues.",
        "On Sunday the West promised more help.",
    ],
)
def test_capitalised_common_words_dates_and_titles_are_not_places(parse: Parse, text: str) -> None:
    assert names(parse(text)) == []


def test_metonymic_uses_are_still_toponyms(parse: Parse) -> None:
    event = parse("Russia said Moscow's forces had taken Lysychansk, and Kyiv denied it.")
    assert names(event) == ["Russia", "Moscow", "Lysychansk", "Kyiv"]


@pytest.mark.parametrize(
    "text",
    [
        "Senator Tom Denver visited Leeds. Denver said the floods were the worst in decades.",
        "Ellen Kent opened the bridge in Leeds. Later Kent thanked the engineers.",
    ],
)
def test_surname_after_the_full_name_is_a_person(parse: Parse, text: str) -> None:
    assert names(parse(text)) == ["Leeds"]


def test_adjectival_option_adds_demonyms_as_their_country(geoparser: Geoparser) -> None:
    adjectival = Geoparser(geoparser.gazetteer, geoparser.lexicon, adjectival=True)
    event = adjectival.parse(Report("t", "Ukrainian forces shelled positions near Donetsk."))
    demonym = event.toponyms[0]
    assert (demonym.text, demonym.place.kind, demonym.place.country_code) == (
        "Ukrainian",
        "country",
        "UA",
    )
    assert event.location is not None and event.location.name == "Donetsk"


def test_places_inside_hyphenated_words(parse: Parse) -> None:
    event = parse("A Canada-wide warrant was issued as Kyiv-based firms and Miami-Dade police met.")
    assert names(event) == ["Canada", "Kyiv", "Miami"]  # not "Dade", a town in China
    assert names(parse("Flooding hit Rostov-on-Don and Ivano-Frankivsk.")) == [
        "Rostov-on-Don",
        "Ivano-Frankivsk",
    ]


def test_a_name_before_a_hyphenated_suffix_stays_whole(parse: Parse) -> None:
    text = "The Abu Dhabi-based agency and a New York-based fund agreed."
    event = parse(text)
    assert names(event) == ["Abu Dhabi", "New York"]  # not "Abu", a town in India
    assert [(t.start, t.end) for t in event.toponyms] == [(4, 13), (33, 41)]
    assert resolved(event, "Abu Dhabi")[1] == "AE"


@pytest.mark.parametrize(
    ("text", "surface", "country"),
    [
        ("Former New York Gov. Mario Cuomo spoke on Friday.", "New York", "US"),
        ("Pilgrims wrote to the Holy See about the shrine.", "Holy See", "VA"),
        ("Gunmen raided a checkpoint in Deir ez-Zor province.", "Deir ez-Zor", "SY"),
        ("Aid convoys reached El Fasher after a long siege.", "El Fasher", "SD"),
        ("A shell struck a bakery in Ras al-Ain, Syria.", "Ras al-Ain", "SY"),
        ("Heavy rain flooded streets across Dar es Salaam.", "Dar es Salaam", "TZ"),
        ("Delegates gathered in Sharm el-Sheikh for climate talks.", "Sharm el-Sheikh", "EG"),
    ],
)
def test_small_words_inside_a_known_name_do_not_cut_it(
    parse: Parse, text: str, surface: str, country: str
) -> None:
    event = parse(text)
    assert surface in names(event)
    assert resolved(event, surface)[1] == country


def test_short_capitals_of_a_region(parse: Parse) -> None:
    event = parse("Ministers from across the EU met in Brussels.")
    assert names(event) == ["EU", "Brussels"]
    assert resolved(event, "EU") == ("European Union", None)


def test_a_person_named_after_a_dateline_is_not_a_place(parse: Parse) -> None:
    """Lincoln is also a city; here it is the man named in full after the dateline."""
    event = parse(
        "LONDON David Lincoln, a teacher, won the prize. Lincoln plans to visit Nebraska."
    )
    assert names(event) == ["LONDON", "Nebraska"]


@pytest.mark.parametrize(
    "text",
    ["Fighters loyal to Islamic State withdrew from the town.", "Forecasters expect La Niña."],
)
def test_organisations_and_weather_named_like_places(parse: Parse, text: str) -> None:
    assert names(parse(text)) == []


def test_an_organisation_word_inside_a_country_name(parse: Parse) -> None:
    event = parse("Trade between China and the United States grew, the Bank of Mexico said.")
    assert names(event) == ["China", "United States"]  # the bank is no place


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("A nurse in Mykolaiv said the ward had no power.", "Mykolaiv"),
        ("Volunteers near Kharkiv told reporters the road was cut.", "Kharkiv"),
        ("A farmer at Zhytomyr warned that the harvest was late.", "Zhytomyr"),
    ],
)
def test_a_known_place_after_a_preposition_stays_a_place_when_someone_speaks(
    parse: Parse, text: str, place: str
) -> None:
    assert names(parse(text)) == [place]


def test_a_particle_alone_is_no_place(parse: Parse) -> None:
    assert names(parse("The al-Qaeda branch claimed the attack in Yemen.")) == ["Yemen"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Demonstrators rallied outside the White House in Washington.", ["Washington"]),
        ("The Kremlin rejected the offer made in Geneva.", ["Geneva"]),
        ("The Pentagon and Downing Street denied it; Capitol Hill was silent.", []),
        ("Crowds waited near the Elysee in Paris.", ["Paris"]),
    ],
)
def test_seats_of_government_are_actors_not_places(
    parse: Parse, text: str, expected: list[str]
) -> None:
    assert names(parse(text)) == expected


def test_a_town_named_like_an_institution_is_a_place_when_qualified(parse: Parse) -> None:
    event = parse("A storm damaged a church in White House, Tennessee.")
    assert resolved(event, "White House") == ("White House", "US")


def test_a_common_word_that_is_also_a_given_name_does_not_hide_a_city(parse: Parse) -> None:
    assert names(parse("Many Odesa families spent the night in shelters.")) == ["Odesa"]


def test_a_given_name_before_a_place_word_is_a_place(parse: Parse) -> None:
    event = parse("Clashes spread across northern Shan State.")
    top = next(t for t in event.toponyms if t.text == "Shan State")
    assert top.place is not None and (top.place.kind, top.place.country_code) == ("admin1", "MM")
