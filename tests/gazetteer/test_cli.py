"""`geoevents geocode` and `geoevents gazetteer build|info`, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from gazetteer import Gazetteer
from geoevents.cli import main
from tests.gazetteer.dumps import ADMIN1, PLACES, write_text, write_zip


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_geocode_prints_json_candidates(gaz: Gazetteer) -> None:
    result = run("geocode", "Lysychans'k", "--json", "--gazetteer", str(gaz.path))
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)[0]
    assert (first["geonameid"], first["name"], first["admin1"]) == (702972, "Lysychansk",
                                                                    "Luhansk")
    assert abs(first["lat"] - 48.904) < 0.05 and abs(first["lon"] - 38.442) < 0.05


def test_geocode_prints_a_table(gaz: Gazetteer) -> None:
    result = run("geocode", "Kharkiv", "--limit", "1", "--gazetteer", str(gaz.path))
    assert result.exit_code == 0
    assert "Kharkiv" in result.stdout and "706483" in result.stdout
    assert "admin1" not in result.stdout  # one row: the city, not the region


def test_geocode_table_piped_keeps_every_coordinate_whole(gaz: Gazetteer) -> None:
    result = run("geocode", "Springfield", "--limit", "3", "--gazetteer", str(gaz.path))
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if "Springfield" in line]
    assert len(rows) == 3 and "…" not in result.stdout
    for row, place in zip(rows, gaz.candidates("Springfield", limit=3)):
        assert f"{place.lat:.5f}" in row and f"{place.lon:.5f}" in row and place.id in row


def test_geocode_within_a_country(gaz: Gazetteer) -> None:
    result = run("geocode", "Georgia", "--country", "us", "--json", "--gazetteer", str(gaz.path))
    assert [(p["kind"], p["country_code"]) for p in json.loads(result.stdout)] == [
        ("admin1", "US")]


def test_geocode_says_plainly_when_nothing_matches(gaz: Gazetteer) -> None:
    result = run("geocode", "Qwxzzyplugh", "--gazetteer", str(gaz.path))
    assert result.exit_code == 1
    assert "no place called 'Qwxzzyplugh'" in result.stderr and "Traceback" not in result.output
    assert run("geocode", "Kyiv", "--limit", "0").exit_code == 2


def test_geocode_names_a_missing_index(tmp_path: Path) -> None:
    result = run("geocode", "Kyiv", "--gazetteer", str(tmp_path / "none.sqlite"))
    assert result.exit_code == 1
    assert "none.sqlite does not exist" in result.stderr


def test_build_from_dumps_then_geocode_and_info(tmp_path: Path) -> None:
    dump = write_zip(tmp_path / "allCountries.zip", "allCountries.txt", PLACES)
    admin1 = write_text(tmp_path / "admin1CodesASCII.txt", ADMIN1)
    out = tmp_path / "index.sqlite"
    built = run("gazetteer", "build", "--geonames", str(dump), "--admin1", str(admin1),
                "--out", str(out))
    assert built.exit_code == 0, built.output
    assert f"Wrote {out}" in built.stdout and "4 city" in built.stdout

    found = run("geocode", "Donetsk Oblast", "--json", "--gazetteer", str(out))
    assert json.loads(found.stdout)[0]["geonameid"] == 709716

    info = json.loads(run("gazetteer", "info", "--json", "--gazetteer", str(out)).stdout)
    assert info["kinds"]["city"] == 4 and info["format_version"] and info["bytes"] > 0


def test_build_names_the_broken_line(tmp_path: Path) -> None:
    dump = write_text(tmp_path / "allCountries.txt", [PLACES[0], "709930\tDnipro"])
    result = run("gazetteer", "build", "--geonames", str(dump), "--out", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "allCountries.txt:2: expected 19 tab-separated fields, found 2" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "x").exists()


def test_build_options_need_a_dump(tmp_path: Path) -> None:
    admin1 = write_text(tmp_path / "admin1CodesASCII.txt", ADMIN1)
    result = run("gazetteer", "build", "--admin1", str(admin1), "--out", str(tmp_path / "x"))
    assert result.exit_code == 2 and "need --geonames" in result.stderr
