"""Ambiguous names settled by qualifiers, context and coherence, as an analyst would."""

from __future__ import annotations

import pytest

from geoevents.model import Event

from .conftest import Parse


def place_of(event: Event, surface: str) -> tuple[str, str | None, str | None]:
    top = next(t for t in event.toponyms if t.text == surface)
    assert top.place is not None, surface
    return top.place.kind, top.place.country_code, top.place.admin1


def test_qualifying_region_picks_the_village(parse: Parse) -> None:
    event = parse("Rockets fell on Desna, a village in the northern Chernigiv region.")
    assert place_of(event, "Desna") == ("city", "UA", "Chernihiv")
    assert place_of(event, "Chernigiv") == ("admin1", "UA", "Chernihiv")


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        (
            "Strikes hit a factory in Konstantinovka in the Donetsk region.",
            "Konstantinovka",
            "Donetsk",
        ),
        ("A drone hit a silo near Mykolaivka in the Odesa region.", "Mykolaivka", "Odessa"),
        ("Shelling damaged houses in Mykolaivka, Luhansk region.", "Mykolaivka", "Luhansk"),
    ],
)
def test_region_qualifier_settles_ukrainian_homonyms(
    parse: Parse, text: str, surface: str, admin1: str
) -> None:
    assert place_of(parse(text), surface) == ("city", "UA", admin1)


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Flooding closed roads in Springfield, Illinois.", "US", "Illinois"),
        ("Students marched through Springfield, Missouri.", "US", "Missouri"),
        ("A tornado damaged homes in Springfield, Massachusetts.", "US", "Massachusetts"),
    ],
)
def test_state_qualifier_settles_springfield(
    parse: Parse, text: str, country: str, admin1: str
) -> None:
    assert place_of(parse(text), "Springfield") == ("city", country, admin1)


def test_paris_is_paris_unless_qualified(parse: Parse) -> None:
    assert place_of(parse("Protesters gathered in Paris."), "Paris") == (
        "city",
        "FR",
        "Ile-de-France",
    )
    assert place_of(parse("A tornado damaged homes in Paris, Texas."), "Paris") == (
        "city",
        "US",
        "Texas",
    )


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Heavy rain flooded Córdoba, Argentina.", "AR"),
        ("The mayor of Córdoba, Spain, spoke.", "ES"),
    ],
)
def test_country_qualifier(parse: Parse, text: str, country: str) -> None:
    assert place_of(parse(text), "Córdoba")[1] == country


def test_georgia_the_country_or_the_state_by_context(parse: Parse) -> None:
    caucasus = parse("Protests filled Tbilisi as Georgia debated the law.")
    assert place_of(caucasus, "Georgia") == ("country", "GE", None)
    south = parse("Voters queued in Atlanta and Savannah as Georgia counted ballots.")
    assert place_of(south, "Georgia") == ("admin1", "US", "Georgia")


def test_document_country_context_decides_a_bare_name(parse: Parse) -> None:
    """Without a qualifier, the other Ukrainian places make this Desna the Ukrainian one."""
    event = parse("Explosions were heard in Chernihiv and Kyiv, and later near Desna.")
    assert place_of(event, "Desna")[1] == "UA"


def test_same_name_same_place_within_a_report(parse: Parse) -> None:
    event = parse("Shelling hit Springfield, Illinois. Later Springfield reopened its schools.")
    places = {t.place for t in event.toponyms if t.text == "Springfield"}
    assert len(places) == 1


def test_context_does_not_turn_a_capital_into_a_village(parse: Parse) -> None:
    """Kyiv makes the text Ukrainian, but "Paris" is still Paris, not a Ukrainian village
    that lists it among its alternate names."""
    event = parse("Talks in Kyiv and Paris ended without agreement.")
    assert place_of(event, "Paris") == ("city", "FR", "Ile-de-France")


def test_a_qualified_mention_settles_the_bare_ones(parse: Parse) -> None:
    """Parkland, Washington is the bigger town; "Parkland, Florida" says which one is meant."""
    event = parse("Students from Parkland, Florida spoke. Later the Parkland students marched.")
    parklands = [t for t in event.toponyms if t.text == "Parkland"]
    assert len(parklands) == 2
    assert {(t.place.country_code, t.place.admin1) for t in parklands} == {("US", "Florida")}


def test_a_list_is_not_a_qualifier(parse: Parse) -> None:
    event = parse("Drones hit Kyiv, Lviv and Odesa overnight.")
    assert [t.place.kind for t in event.toponyms] == ["city", "city", "city"]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # names listed with states are states; a qualified one keeps its qualifier
        (
            "Tech firms left western states such as California or Washington for Utah.",
            "Washington",
            ("admin1", "US", "Washington"),
        ),
        (
            "The team flew to Alaska, Florida and Washington, D.C., last year.",
            "Washington",
            ("city", "US", "Washington, D.C."),
        ),
        # a bare county lies in the state the report is about (Indiana's is far bigger)
        (
            (
                "Missouri farmers who came from Indiana lost a barn in Monroe County on Friday, "
                "and Missouri officials said the Missouri fire marshal would investigate."
            ),
            "Monroe County",
            ("admin2", "US", "Missouri"),
        ),
        (
            "Kentucky police said deputies of the Adair County Sheriff's Office responded.",
            "Adair County",
            ("admin2", "US", "Kentucky"),
        ),
        # the report's country alone does not shrink a world city; local evidence does
        (
            (
                "Artists in New York, Chicago, Boston and Los Angeles copied murals first "
                "painted in London."
            ),
            "London",
            ("city", "GB", "England"),
        ),
        (
            "Kentucky police said a crash near London closed the road to Lexington.",
            "London",
            ("city", "US", "Kentucky"),
        ),
    ],
)
def test_lists_counties_and_world_cities(
    parse: Parse, text: str, surface: str, expected: tuple[str, str, str]
) -> None:
    assert place_of(parse(text), surface) == expected


def test_a_region_named_after_a_sea_lies_around_it(parse: Parse) -> None:
    event = parse("Warming of the tropical Pacific region brings floods.")
    assert place_of(event, "Pacific")[0] == "sea"


def test_a_place_the_index_lacks_lies_in_the_city_that_qualifies_it(parse: Parse) -> None:
    event = parse("A rally was held on Kamenné Square in Bratislava.")
    square = next(t for t in event.toponyms if t.text == "Kamenné Square")
    assert square.place is not None and square.place.name == "Bratislava"
    assert square.place.country_code == "SK"


@pytest.mark.parametrize(
    ("text", "surface", "kind", "country"),
    [
        ("Flooding cut roads around Goma in eastern Congo.", "Congo", "country", "CD"),
        ("Traders in Kinshasa said prices across the Congo rose.", "Congo", "country", "CD"),
        ("Officials in Brazzaville said the Congo would vote.", "Congo", "country", "CG"),
        ("Heavy rains swept through the Congo.", "Congo", "country", "CD"),
        ("A ferry capsized near Keelung in the north of Taiwan.", "Taiwan", "country", "TW"),
        ("Factories across Taiwan province stopped work.", "Taiwan", "admin1", "TW"),
        ("Shells fell in Omdurman, across the river from Khartoum.", "Khartoum", "city", "SD"),
        ("Troops moved into Khartoum state from Omdurman.", "Khartoum", "admin1", "SD"),
    ],
)
def test_names_shared_by_countries_regions_and_cities_are_settled_by_the_text(
    parse: Parse, text: str, surface: str, kind: str, country: str
) -> None:
    """Both Congos by their cities (the larger by default); a region named like its country
    or its capital only when the text says "province" or "state"."""
    assert place_of(parse(text), surface)[:2] == (kind, country)


def test_a_village_only_known_abroad_is_left_unresolved(parse: Parse) -> None:
    event = parse("Moldova said debris fell near the village of Larga, by the Ukrainian border.")
    larga = next(t for t in event.toponyms if t.text == "Larga")
    assert larga.place is None
    assert event.location is not None
    assert (event.location.country_code, event.location.precision) == ("MD", "country")


def test_the_same_village_is_kept_when_its_country_is_named(parse: Parse) -> None:
    assert place_of(parse("Hail hit the village of Larga in Romania."), "Larga")[:2] == (
        "city",
        "RO",
    )
