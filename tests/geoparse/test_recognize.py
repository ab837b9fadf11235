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
