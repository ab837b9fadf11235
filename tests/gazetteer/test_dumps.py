from pathlib import Path

import pytest

from gazetteer import DumpError, Gazetteer
from gazetteer.dumps import build_index
from tests.gazetteer.dumps import (
    ADMIN1,
    ALTERNATE_NAMES,
    PLACES,
    geonames_line,
    write_text,
    write_zip,
)
from tests.gazetteer.geo import km


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Gazetteer, dict[str, int]]:
    """An index from all three dumps, zipped like the GeoNames downloads."""
    tmp = tmp_path_factory.mktemp("dumps")
    counts = build_index(
        write_zip(tmp / "allCountries.zip", "allCountries.txt", PLACES),
        tmp / "index.sqlite",
        alternate_names=write_zip(tmp / "alternateNamesV2.zip", "alternateNamesV2.txt",
                                  ALTERNATE_NAMES),
        admin1=write_text(tmp / "admin1CodesASCII.txt", ADMIN1),
    )
    return Gazetteer(tmp / "index.sqlite"), counts


def test_places_countries_regions_and_continents_are_indexed(full) -> None:
    gaz, counts = full
    assert counts == {"country": 1, "admin1": 2, "city": 4, "continent": 1,
                      "sea": counts["sea"], "region": counts["region"]}
    dnipro = gaz.geocode("Dnipro")
    assert dnipro is not None and dnipro.id == "709930" and km(dnipro, 48.4666, 35.0407) < 1
    assert gaz.country("UA").lat == 49.0
    assert gaz.geocode("Europe").kind == "continent"  # type: ignore[union-attr]
    assert gaz.geocode("Black Sea").kind == "sea"  # type: ignore[union-attr]
    assert gaz.demonym("Ukrainians") == gaz.country("UA")


def test_small_places_are_left_out_but_seats_of_administration_stay(full) -> None:
    gaz, _ = full
    assert gaz.geocode("Tinyvillage") is None
    assert gaz.geocode("Seatvillage") is not None
    assert gaz.geocode("London") is None  # a hotel, not a populated place


def test_admin1_regions_take_their_names_from_the_codes_file(full) -> None:
    gaz, _ = full
    donetsk = gaz.geocode("the Donetsk region")
    assert donetsk is not None and (donetsk.id, donetsk.name) == ("709716", "Donetsk")
    assert gaz.geocode("Donechchyna") is None  # the alternate-names file replaces the column
    assert gaz.geocode("Konstantinovka") is None
    assert gaz.geocode("Костянтинівка").admin1 == "Donetsk"  # type: ignore[union-attr]
    # Dnipropetrovsk has no ADM1 line: it is placed at the median of its places.
    region = gaz.admin1("UA", "Dnipropetrovsk Oblast")
    assert region is not None and region.id == "admin1:UA.04" and km(region, 48.55, 35.13) < 20
    assert gaz.geocode("Dnipro").admin1 == "Dnipropetrovsk"  # type: ignore[union-attr]


def test_codes_and_links_from_the_alternate_names_file_are_not_names(full) -> None:
    gaz, _ = full
    assert gaz.geocode("Днепр").id == "709930"  # type: ignore[union-attr]
    assert not gaz.is_name("49000")
    assert not gaz.is_name("https://en.wikipedia.org/wiki/Dnipro")


def test_plain_text_dump_uses_its_own_alternate_names(tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    build_index(write_text(tmp_path / "UA.txt", PLACES), out, min_population=0)
    gaz = Gazetteer(out)
    assert gaz.geocode("Konstantinovka").id == "705104"  # type: ignore[union-attr]
    assert gaz.geocode("Tinyvillage") is not None
    assert gaz.geocode("Donechchyna").name == "Donetsk Oblast"  # type: ignore[union-attr]


def test_progress_is_reported_up_to_the_whole_file(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    dump = write_text(tmp_path / "UA.txt", PLACES)
    build_index(dump, tmp_path / "index.sqlite", progress=lambda *a: seen.append(a))
    size = dump.stat().st_size
    assert seen[-1] == ("UA.txt", size, size)


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        ([PLACES[0], "709930\tDnipro\tDnipro", PLACES[2]], 2, "expected 19"),
        ([PLACES[0], PLACES[1].replace("48.0", "north")], 2, "not a number"),
        ([PLACES[0], PLACES[1].replace("37.75", "237.75")], 2, "out of range"),
    ],
)
def test_a_broken_line_is_named_and_nothing_is_written(
    tmp_path: Path, lines: list[str], line: int, message: str
) -> None:
    out = tmp_path / "index.sqlite"
    with pytest.raises(DumpError, match=message) as err:
        build_index(write_text(tmp_path / "allCountries.txt", lines), out)
    assert (Path(err.value.path).name, err.value.line) == ("allCountries.txt", line)
    assert f"allCountries.txt:{line}:" in str(err.value)
    assert list(tmp_path.iterdir()) == [tmp_path / "allCountries.txt"]


def test_non_utf8_bytes_are_named(tmp_path: Path) -> None:
    dump = tmp_path / "allCountries.txt"
    dump.write_bytes((PLACES[0] + "\n").encode() + geonames_line(
        1, "Kyiv", "", 50.45, 30.52, "P.PPLC", "UA", "12", 2_900_000).encode("utf-16"))
    with pytest.raises(DumpError, match=r"allCountries.txt:2: not UTF-8"):
        build_index(dump, tmp_path / "index.sqlite")


def test_a_broken_admin1_file_is_named(tmp_path: Path) -> None:
    admin1 = write_text(tmp_path / "admin1CodesASCII.txt", ["UA05\tDonetsk\tDonetsk\t709716"])
    with pytest.raises(DumpError, match=r"admin1CodesASCII.txt:1: expected a code like"):
        build_index(write_text(tmp_path / "UA.txt", PLACES), tmp_path / "x", admin1=admin1)


def test_missing_files_and_empty_archives(tmp_path: Path) -> None:
    with pytest.raises(DumpError, match=r"nothing\.zip: no such file"):
        build_index(tmp_path / "nothing.zip", tmp_path / "index.sqlite")
    empty = tmp_path / "allCountries.zip"
    write_zip(empty, "places.csv", ["not the dump layout"])
    with pytest.raises(DumpError, match=r"holds no \.txt data file"):
        build_index(empty, tmp_path / "index.sqlite")
