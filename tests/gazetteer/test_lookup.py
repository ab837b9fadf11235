from concurrent.futures import ThreadPoolExecutor

import pytest

from gazetteer import Gazetteer, GazetteerError, prior
from tests.gazetteer.geo import km

# GeoNames ids and coordinates (facts) of the places the spellings must reach.
LYSYCHANSK = ("702972", 48.904, 38.442)
SIEVIERODONETSK = ("691999", 48.948, 38.491)
CHERNIHIV = ("710735", 51.505, 31.285)
KOSTIANTYNIVKA = ("705104", 48.527, 37.706)
MYKOLAIV = ("700569", 46.975, 31.995)
KYIV = ("703448", 50.450, 30.524)


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Lysychans'k", LYSYCHANSK), ("Lysychansk", LYSYCHANSK), ("LYSYCHANSK", LYSYCHANSK),
        ("Lysychans’k", LYSYCHANSK), ("Лисичанськ", LYSYCHANSK), ("Лисичанск", LYSYCHANSK),
        ("Severodonetsk", SIEVIERODONETSK), ("Sievierodonetsk", SIEVIERODONETSK),
        ("Siverskodonetsk", SIEVIERODONETSK), ("Сєвєродонецьк", SIEVIERODONETSK),
        ("Chernigiv", CHERNIHIV), ("Chernihiv", CHERNIHIV), ("Chernigov", CHERNIHIV),
        ("Konstantinovka", KOSTIANTYNIVKA), ("Kostiantynivka", KOSTIANTYNIVKA),
        ("Kostyantynivka", KOSTIANTYNIVKA),
        ("Mykolaiv", MYKOLAIV), ("Mykolayiv", MYKOLAIV), ("Nikolaev", MYKOLAIV),
        ("Kyiv", KYIV), ("Kiev", KYIV), ("Київ", KYIV), ("Киев", KYIV),
    ],
)
def test_spellings_and_scripts_reach_the_same_place(
    gaz: Gazetteer, spelling: str, expected: tuple[str, float, float]
) -> None:
    geonameid, lat, lon = expected
    place = gaz.geocode(spelling)
    assert place is not None and place.id == geonameid
    assert km(place, lat, lon) < 5


@pytest.mark.parametrize(
    "phrase",
    ["Donetsk region", "the Donetsk region", "Donetsk Oblast", "Donetska oblast",
     "Donechchyna", "Донецька область"],
)
def test_admin1_phrases_resolve_to_the_region(gaz: Gazetteer, phrase: str) -> None:
    place = gaz.geocode(phrase)
    assert place is not None
    assert (place.kind, place.country_code, place.name) == ("admin1", "UA", "Donetsk")
    assert km(place, 48.0, 37.8) < 100  # inside the oblast, not at some town called Donetsk


def test_admin1_name_matches_the_admin1_field_of_its_cities(gaz: Gazetteer) -> None:
    region = gaz.admin1("UA", "Lviv region")
    city = gaz.geocode("Lviv")
    assert region is not None and city is not None
    assert city.kind == "city" and city.admin1 == region.name
    assert gaz.geocode("Lviv region") == region
    assert gaz.admin1("UA", "Atlantis") is None


@pytest.mark.parametrize(
    ("phrase", "region_id"),
    [("Zaporozhye region", "admin1:UA.26"), ("Zaporizhzhia oblast", "admin1:UA.26"),
     ("Kharkov oblast", "admin1:UA.07"), ("Kyiv Oblast", "admin1:UA.13"),
     ("New York State", "admin1:US.NY")],
)
def test_region_phrases_named_after_their_centre(
    gaz: Gazetteer, phrase: str, region_id: str
) -> None:
    place = gaz.geocode(phrase)
    assert place is not None and place.id == region_id


def test_a_bare_region_name_prefers_the_city(gaz: Gazetteer) -> None:
    kinds = [p.kind for p in gaz.candidates("Donetsk", country="UA", limit=3)]
    assert kinds[0] == "city" and "admin1" in kinds


@pytest.mark.parametrize(
    ("name", "kind", "lat", "lon"),
    [
        ("Black Sea", "sea", 43.4, 34.3), ("Sea of Azov", "sea", 46.1, 36.6),
        ("Strait of Hormuz", "sea", 26.6, 56.4), ("Red Sea", "sea", 20.0, 38.5),
        ("the Persian Gulf", "sea", 26.5, 52.0), ("Donbas", "region", 48.3, 38.3),
        ("Donbass", "region", 48.3, 38.3), ("Gaza Strip", "region", 31.4, 34.4),
        ("Sahel", "region", 15.0, 5.0), ("Darfur", "region", 13.5, 24.0),
        ("Europe", "continent", 48.7, 9.1),
        ("North Africa", "region", 28.5, 11.0), ("West Africa", "region", 12.0, -3.0),
        ("Eastern Europe", "region", 50.0, 30.0), ("EU", "region", 49.8, 9.9),
        ("Eastern Ghouta", "region", 33.55, 36.45), ("Korean Peninsula", "region", 37.5, 127.5),
    ],
)
def test_seas_regions_and_continents(
    gaz: Gazetteer, name: str, kind: str, lat: float, lon: float
) -> None:
    place = gaz.geocode(name)
    assert place is not None and place.kind == kind
    assert km(place, lat, lon) < 150


@pytest.mark.parametrize(
    ("word", "place_id"),
    [("Ukrainian", "690791"), ("Russians", "2017370"), ("Americans", "6252001"),
     ("British", "2635167"), ("Belarusian", "630336"), ("Polish", "798544"),
     ("Kurdish", "region:kurdistan"), ("Kurds", "region:kurdistan"),
     ("English", "admin1:GB.ENG"), ("Scots", "admin1:GB.SCT"), ("Welsh", "admin1:GB.WLS"),
     ("European", "6255148"), ("Africans", "6255146"), ("Arab", "region:middle-east"),
     ("Latin American", "region:latin-america")],
)
def test_demonyms_point_at_their_country_or_region(
    gaz: Gazetteer, word: str, place_id: str
) -> None:
    place = gaz.demonym(word)
    assert place is not None and place.id == place_id


def test_demonyms_are_not_place_names(gaz: Gazetteer) -> None:
    assert gaz.demonym("Kyiv") is None
    assert all(p.kind != "country" for p in gaz.candidates("Ukrainian"))


@pytest.mark.parametrize(
    ("code", "capital"),
    [("UA", "Kyiv"), ("RU", "Moscow"), ("FR", "Paris"), ("US", "Washington"), ("GE", "Tbilisi")],
)
def test_country_points_are_not_the_capital(gaz: Gazetteer, code: str, capital: str) -> None:
    country = gaz.country(code)
    city = gaz.geocode(capital, country=code)
    assert country.kind == "country" and city is not None and city.kind == "city"
    assert km(country, city.lat, city.lon) > 100


@pytest.mark.parametrize(
    ("name", "code"),
    [("the US", "US"), ("USA", "US"), ("Britain", "GB"), ("UK", "GB"), ("Türkiye", "TR"),
     ("Russian Federation", "RU"), ("Україна", "UA")],
)
def test_everyday_country_names(gaz: Gazetteer, name: str, code: str) -> None:
    assert gaz.geocode(name) == gaz.country(code)


@pytest.mark.parametrize("word", ["Island", "Grenade", "Maurice"])
def test_foreign_country_names_that_are_english_words_are_left_out(
    gaz: Gazetteer, word: str
) -> None:
    assert all(p.kind != "country" for p in gaz.candidates(word))


def test_every_country_has_a_point(gaz: Gazetteer) -> None:
    assert gaz.counts()["country"] >= 250


def test_georgia_the_country_and_the_us_state(gaz: Gazetteer) -> None:
    first, *others = gaz.candidates("Georgia")
    assert (first.kind, first.country_code) == ("country", "GE")
    assert any(p.kind == "admin1" and p.country_code == "US" for p in others)
    state = gaz.geocode("Georgia", country="US")
    assert state is not None and state.kind == "admin1" and km(state, 32.7, -83.4) < 250
    assert gaz.geocode("Georgia", country="Georgia") == first


def test_paris_prefers_france_and_a_country_filter_finds_texas(gaz: Gazetteer) -> None:
    assert gaz.geocode("Paris").country_code == "FR"  # type: ignore[union-attr]
    texas = gaz.geocode("Paris", country="US")
    assert texas is not None and texas.admin1 == "Texas"


def test_geocode_lists_and_limits(gaz: Gazetteer) -> None:
    everything = gaz.geocode("Mykolaivka", exactly_one=False)
    assert len(everything) > 5 and everything == gaz.candidates("Mykolaivka")
    assert gaz.candidates("Mykolaivka", limit=2) == everything[:2]
    priors = [prior(p) for p in everything]
    assert priors == sorted(priors, reverse=True)


def test_unknown_names(gaz: Gazetteer) -> None:
    assert gaz.geocode("Qwxzzyplugh") is None
    assert gaz.candidates("") == []
    with pytest.raises(GazetteerError, match="ZZ"):
        gaz.country("ZZ")
    with pytest.raises(GazetteerError, match="Narnia"):
        gaz.candidates("Paris", country="Narnia")


def test_is_name_is_exact_membership(gaz: Gazetteer) -> None:
    assert gaz.is_name("Kharkiv") and gaz.is_name("kharkiv") and gaz.is_name("Black Sea")
    assert not gaz.is_name("Kostjantynivka")  # only the loose key knows this spelling
    assert gaz.geocode("Kostjantynivka").id == KOSTIANTYNIVKA[0]  # type: ignore[union-attr]
    assert not gaz.is_name("Qwxzzyplugh") and not gaz.is_name("")
    assert 3 <= gaz.max_name_words <= 12


def test_a_gazetteer_can_be_shared_between_threads(gaz: Gazetteer) -> None:
    names = ["Kharkiv", "Odesa", "Kherson", "Dnipro", "Zaporizhzhia", "Sumy"] * 20
    with ThreadPoolExecutor(4) as pool:
        parallel = list(pool.map(gaz.geocode, names))
    assert parallel == [gaz.geocode(n) for n in names]


def test_counties_are_admin2_regions_by_their_full_name(gaz: Gazetteer) -> None:
    metcalfe = gaz.geocode("Metcalfe County")
    assert metcalfe is not None
    assert (metcalfe.kind, metcalfe.country_code, metcalfe.admin1) == ("admin2", "US", "Kentucky")
    assert km(metcalfe, 36.99, -85.63) < 40
    oranges = {(p.admin1, p.kind) for p in gaz.candidates("Orange County")}
    assert {("California", "admin2"), ("Florida", "admin2")} <= oranges
    assert gaz.geocode("Orange County").admin1 == "California"  # type: ignore[union-attr]


def test_a_county_is_not_named_by_its_first_word_alone(gaz: Gazetteer) -> None:
    """"Shelby" is a town or a surname; only "Shelby County" is the county."""
    assert all(p.kind != "admin2" for p in gaz.candidates("Shelby"))
    assert gaz.geocode("Shelby County").kind == "admin2"  # type: ignore[union-attr]

