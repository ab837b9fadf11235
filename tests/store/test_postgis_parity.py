"""The same ingest into SQLite and into PostGIS exports the same features, filter for filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geoevents.cli import main

pytestmark = pytest.mark.postgis

ACLED_CSV = """\
event_id_cnty,event_date,year,event_type,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities
UKR90001,2024-03-15,2024,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Russia (2000-),Ukraine,Kharkivska,Kupiansk,49.7106,37.6154,1,Ukrinform,Artillery fire on the town centre; no casualties reported.,0
SDN90002,2024-03-14,2024,Battles,Armed clash,Rapid Support Forces,Sudan,Khartoum,Omdurman,15.6445,32.4777,1,Sudan Tribune,Fighting near the market in the old town.,4
"""

UNDATED_JSONL = """\
{"id": "u1", "text": "Protesters blocked the main bridge in Córdoba, Argentina, demanding higher wages."}
{"id": "u2", "text": "A report with no date about shelling near Kharkiv."}
"""

FILTERS = [
    [],
    ["--bbox", "20,40,40,55"],
    ["--bbox", "170,-50,-60,80"],
    ["--search", "strike"],
    ["--search", "Kyiv region"],
    ["--search", "cordoba"],
    ["--type", "shelling", "--since", "2024-03-15"],
    ["--country", "UA", "--until", "2024-03-16"],
    ["--place", "desna"],
    ["--located-only", "--limit", "7", "--offset", "3"],
]


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def features(db: str, layer: str, filters: list[str], out: Path) -> list[dict]:
    target = out / f"{layer}.geojson"
    run("export", str(target), "--layer", layer, "--db", db, *filters)
    return json.loads(target.read_text())["features"]


@pytest.fixture
def inputs(tmp_path, examples_dir) -> list[str]:
    acled = tmp_path / "acled.csv"
    acled.write_text(ACLED_CSV)
    undated = tmp_path / "undated.jsonl"
    undated.write_text(UNDATED_JSONL, encoding="utf-8")
    return [
        str(undated),
        str(examples_dir / "liveblog-sample.txt"),
        str(examples_dir / "reports.jsonl"),
        str(acled),
    ]


def test_sqlite_and_postgis_export_identical_features(tmp_path, inputs, postgis_url):
    sqlite_db = str(tmp_path / "events.db")
    for db in (sqlite_db, postgis_url):
        run("ingest", *inputs, "--db", db, "--batch-size", "7")
    seen = 0
    for layer in ("events", "toponyms", "places"):
        for filters in FILTERS:
            expected = features(sqlite_db, layer, filters, tmp_path)
            got = features(postgis_url, layer, filters, tmp_path)
            assert got == expected, (layer, filters)
            seen += len(got)
    everything = features(postgis_url, "events", [], tmp_path)
    assert len(everything) > 40 and seen > 300
    omdurman = next(f for f in everything if f["properties"]["report_id"] == "SDN90002")
    assert omdurman["geometry"]["coordinates"] == [32.4777, 15.6445]
    accents_folded = features(postgis_url, "events", ["--search", "cordoba"], tmp_path)
    assert "u1" in [f["properties"]["report_id"] for f in accents_folded]
