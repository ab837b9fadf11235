"""GIS exports: files GIS users open directly, with the right points, types and styles."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import textwrap
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner

from gazetteer import Place
from geoevents.cli import main
from geoevents.errors import InputError
from geoevents.model import (
    Event,
    EventRecord,
    Location,
    PlaceRecord,
    Report,
    Toponym,
    ToponymRecord,
)
from geoevents.store import StoreError, open_store
from maps import export as export_module
from maps.export import export_events, export_geopackage, export_layer, format_for
from maps.style import type_colour
from tests.maps.html_support import record


def _event(
    id: int, event_type: str, place: tuple[str, float, float] | None, day: date | None, text: str
) -> EventRecord:
    name, lat, lon = place if place else (None, None, None)
    return record(text, lat=lat, lon=lon, place=name, event_type=event_type, day=day, event_id=id)


def _mention(id: int, event: EventRecord, place_id: str) -> ToponymRecord:
    """The toponym that located ``event``: its place name as the report text has it."""
    start = event.text.index(event.place_name)
    return ToponymRecord(
        id=id,
        event_id=event.id,
        report_id=event.report_id,
        start=start,
        end=start + len(event.place_name),
        text=event.place_name,
        place_id=place_id,
        place_name=event.place_name,
        place_kind="city",
        country_code="UA",
        lat=event.lat,
        lon=event.lon,
        role="location",
        event_date=event.event_date,
        event_type=event.event_type,
    )


KHARKIV = ("Kharkiv", 49.9935, 36.2304)
ODESA = ("Odesa", 46.4775, 30.7326)
LVIV = ("Lviv", 49.8383, 24.0232)
KYIV = ("Kyiv", 50.4547, 30.5238)

EVENTS = [
    _event(3, "shelling", KHARKIV, date(2024, 2, 10), "Artillery fire reached Kharkiv, again."),
    _event(8, "missile_strike", ODESA, date(2024, 2, 11), 'A "cruise" missile hit the Odesa port'),
    _event(11, "shelling", LVIV, date(2024, 2, 12), "Shelling near Lviv\nsecond line"),
    _event(15, "cyber_attack", KYIV, date(2024, 2, 13), "Kyiv utility systems went dark"),
    _event(21, "diplomacy", None, None, "Envoys met without saying where"),
]
LOCATED = [e for e in EVENTS if e.located]

TOPONYMS = [_mention(40, EVENTS[0], "706483"), _mention(41, EVENTS[1], "698740")]

PLACES = [
    PlaceRecord(
        id="706483",
        name="Kharkiv",
        kind="city",
        country_code="UA",
        admin1="07",
        population=1430885,
        lat=49.9935,
        lon=36.2304,
        events=1,
    ),
    PlaceRecord(
        id="sea:black-sea",
        name="Black Sea",
        kind="sea",
        country_code=None,
        admin1=None,
        population=0,
        lat=43.4,
        lon=34.0,
        events=0,
    ),
]


def _strict_json(text: str) -> object:
    """Parse JSON refusing NaN and Infinity, which RFC 8259 does not allow."""

    def refuse(constant: str) -> None:
        raise ValueError(f"non-JSON number {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def gpkg(tmp_path) -> Path:
    path = tmp_path / "events.gpkg"
    counts = export_geopackage(path, EVENTS, TOPONYMS, PLACES)
    assert counts == {"events": 5, "toponyms": 2, "places": 2}
    return path


# -- GeoPackage --


def test_geopackage_round_trips_with_exact_counts_and_field_types(gpkg):
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert layers == {
        "events": "Point",
        "toponyms": "Point",
        "places": "Point",
        "layer_styles": None,
    }

    info = pyogrio.read_info(gpkg, layer="events")
    types = dict(zip(info["fields"], info["ogr_types"]))
    assert info["features"] == 5
    assert info["crs"] == "EPSG:4326"
    assert types["event_id"] == "OFTInteger64"
    assert types["event_date"] == types["published"] == "OFTDate"
    assert types["confidence"] == "OFTReal"
    assert types["event_type"] == types["place"] == "OFTString"

    toponym_types = dict(
        zip(*(pyogrio.read_info(gpkg, layer="toponyms")[k] for k in ("fields", "ogr_types")))
    )
    assert toponym_types["start"] == toponym_types["end"] == "OFTInteger"
    place_info = pyogrio.read_info(gpkg, layer="places")
    assert dict(zip(place_info["fields"], place_info["ogr_types"]))["population"] == "OFTInteger64"
    assert place_info["features"] == 2


def test_geopackage_feature_ids_are_the_store_ids(gpkg):
    events = pyogrio.read_dataframe(gpkg, layer="events", fid_as_index=True)
    assert list(events.index) == [3, 8, 11, 15, 21]
    assert list(events["event_id"]) == [3, 8, 11, 15, 21]
    odesa = events.loc[8]
    assert (odesa.geometry.x, odesa.geometry.y) == (30.7326, 46.4775)
    assert odesa["event_date"].date() == date(2024, 2, 11)
    assert events.loc[21].geometry is None
    toponyms = pyogrio.read_dataframe(gpkg, layer="toponyms", fid_as_index=True)
    assert list(toponyms.index) == [40, 41]
    assert list(toponyms["event_id"]) == [3, 8]


def _styles(path: Path) -> dict[str, sqlite3.Row]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute("SELECT * FROM layer_styles").fetchall()
    return {row["f_table_name"]: row for row in rows}


def test_layer_styles_follow_the_qgis_layout_and_point_at_each_layer(gpkg):
    styles = _styles(gpkg)
    assert set(styles) == {"events", "toponyms", "places"}
    assert list(next(iter(styles.values())).keys()) == [
        "id",
        "f_table_catalog",
        "f_table_schema",
        "f_table_name",
        "f_geometry_column",
        "styleName",
        "styleQML",
        "styleSLD",
        "useAsDefault",
        "description",
        "owner",
        "ui",
        "update_time",
    ]
    for layer, row in styles.items():
        assert row["f_geometry_column"] == pyogrio.read_info(gpkg, layer=layer)["geometry_name"]
        assert row["useAsDefault"] == 1
        assert ET.fromstring(row["styleQML"].split("\n", 1)[1]).tag == "qgis"


def test_events_style_has_one_category_per_type_in_the_map_colours(gpkg):
    qml = ET.fromstring(_styles(gpkg)["events"]["styleQML"].split("\n", 1)[1])
    renderer = qml.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol"
    assert renderer.get("attr") == "event_type"
    categories = renderer.findall("categories/category")
    # Built-in types in the maps' legend order, then user-defined ones.
    assert [c.get("value") for c in categories] == [
        "missile_strike",
        "shelling",
        "diplomacy",
        "cyber_attack",
    ]
    symbols = {s.get("name"): s for s in renderer.findall("symbols/symbol")}
    for category in categories:
        options = symbols[category.get("symbol")].findall("layer/Option/Option")
        colour = next(o.get("value") for o in options if o.get("name") == "color")
        hex_colour = type_colour(category.get("value")).lstrip("#")
        assert colour == ",".join(str(int(hex_colour[i : i + 2], 16)) for i in (0, 2, 4)) + ",255"
    assert qml.get("labelsEnabled") == "1"
    assert qml.find("labeling/settings/text-style").get("fieldName") == "place"


def test_toponyms_and_places_get_single_symbol_styles(gpkg):
    styles = _styles(gpkg)
    for layer in ("toponyms", "places"):
        qml = ET.fromstring(styles[layer]["styleQML"].split("\n", 1)[1])
        assert qml.find("renderer-v2").get("type") == "singleSymbol"
    places = ET.fromstring(styles["places"]["styleQML"].split("\n", 1)[1])
    assert places.find("labeling/settings/text-style").get("fieldName") == "name"


# -- other formats --


def test_geojson_is_rfc7946_and_matches_the_api_features(tmp_path):
    path = tmp_path / "events.geojson"
    assert export_events(EVENTS, path) == 5
    collection = _strict_json(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    assert collection["features"] == [record.to_feature() for record in EVENTS]


def test_geojson_places_keep_their_text_ids(tmp_path):
    path = tmp_path / "places.geojson"
    export_layer("places", PLACES, path)
    features = _strict_json(path.read_text(encoding="utf-8"))["features"]
    assert features == [place.to_feature() for place in PLACES]


@pytest.mark.parametrize("suffix", [".geojsonl", ".geojsons"])
def test_geojsonseq_is_one_feature_per_line(tmp_path, suffix):
    path = tmp_path / f"toponyms{suffix}"
    export_layer("toponyms", TOPONYMS, path)
    # str.splitlines would also split at the RS character RFC 8142 puts before each record.
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    features = [_strict_json(line.removeprefix("\x1e")) for line in lines]
    assert features == [record.to_feature() for record in TOPONYMS]


def test_csv_loads_as_points_from_lon_lat_and_from_wkt(tmp_path):
    path = tmp_path / "events.csv"
    export_events(EVENTS, path)
    expected = {e.id: (e.lon, e.lat) for e in LOCATED}
    for options in (
        {"X_POSSIBLE_NAMES": "lon", "Y_POSSIBLE_NAMES": "lat"},
        {"GEOM_POSSIBLE_NAMES": "WKT"},
    ):
        frame = pyogrio.read_dataframe(path, **options, KEEP_GEOM_COLUMNS="NO")
        located = frame[frame.geometry.notna()]
        assert {
            int(i): (g.x, g.y) for i, g in zip(located["event_id"], located.geometry)
        } == expected
    with path.open(newline="", encoding="utf-8") as f:
        rows = {row["event_id"]: row for row in csv.DictReader(f)}
    assert rows["8"]["event_date"] == "2024-02-11"
    assert rows["8"]["text"] == EVENTS[1].text
    assert rows["11"]["text"] == "Shelling near Lviv\nsecond line"
    assert rows["21"]["lon"] == rows["21"]["WKT"] == ""


def test_flatgeobuf_holds_the_located_events(tmp_path):
    path = tmp_path / "events.fgb"
    assert export_events(EVENTS, path) == len(LOCATED)
    frame = pyogrio.read_dataframe(path)
    # The spatial index orders features along a Hilbert curve, not by id.
    assert sorted(frame["event_id"]) == [e.id for e in LOCATED]
    assert frame.crs.to_epsg() == 4326


def test_kml_names_placemarks_by_place(tmp_path):
    path = tmp_path / "events.kml"
    export_events(LOCATED, path)
    frame = pyogrio.read_dataframe(path)
    assert list(frame["Name"]) == ["Kharkiv", "Odesa", "Lviv", "Kyiv"]
    assert (frame.geometry.iloc[0].x, frame.geometry.iloc[0].y) == (36.2304, 49.9935)


def test_progress_is_reported_batch_by_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "BATCH_SIZE", 2)
    seen: list[int] = []
    export_events(iter(EVENTS), tmp_path / "events.geojson", on_progress=seen.append)
    assert seen == [2, 2, 1]


# -- bad output: a clear error and nothing half-written --


@pytest.mark.parametrize(
    ("name", "fmt", "message"),
    [
        ("events.shp", None, "cannot tell the export format from '.shp'"),
        ("events", None, "give --format"),
        ("events.gpkg", "xlsx", "unknown export format 'xlsx'"),
    ],
)
def test_unknown_format_is_refused_before_anything_is_written(tmp_path, name, fmt, message):
    with pytest.raises(InputError, match=message):
        export_events(EVENTS, tmp_path / name, fmt)
    assert list(tmp_path.iterdir()) == []


def test_format_is_taken_from_the_flag_over_the_extension(tmp_path):
    assert format_for(tmp_path / "events.json").driver == "GeoJSON"
    assert format_for(tmp_path / "events.txt", "csv").driver == "CSV"


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        export_events(EVENTS, tmp_path / "nowhere" / "events.gpkg")


def test_a_failed_export_keeps_the_previous_file_and_the_original_error(tmp_path):
    path = tmp_path / "events.gpkg"
    export_geopackage(path, EVENTS, TOPONYMS, PLACES)
    before = path.read_bytes()

    def failing_store():
        yield from EVENTS[:2]
        raise StoreError("the store went away")

    with pytest.raises(StoreError, match="went away"):
        export_geopackage(path, failing_store(), TOPONYMS, PLACES)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.gpkg"]


# -- the command, through a real SQLite store --


def _stored_event(text: str, place: Place | None, event_type: str, day: date) -> Event:
    toponyms = ()
    if place:
        start = text.index(place.name)
        toponyms = (Toponym(start, start + len(place.name), place.name, place, 0.9, "location"),)
    return Event(
        report=Report(id=text[:12], text=text, published=day, source="desk"),
        toponyms=toponyms,
        location=Location.of_place(place) if place else None,
        event_date=day,
        date_precision="day",
        event_type=event_type,
        confidence=0.8,
    )


@pytest.fixture
def db(tmp_path) -> str:
    kharkiv = Place("706483", "Kharkiv", "city", "UA", "07", 1430885, 49.9935, 36.2304)
    odesa = Place("698740", "Odesa", "city", "UA", "17", 1015826, 46.4775, 30.7326)
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        store.add(
            [
                _stored_event(
                    "Shelling woke Kharkiv before dawn", kharkiv, "shelling", date(2024, 5, 1)
                ),
                _stored_event(
                    "Drones were downed over Odesa", odesa, "drone_strike", date(2024, 5, 2)
                ),
                _stored_event(
                    "Kharkiv held a rally for the defenders", kharkiv, "protest", date(2024, 5, 3)
                ),
                _stored_event(
                    "Talks resumed far from the front", None, "diplomacy", date(2024, 5, 4)
                ),
            ]
        )
    return path


def test_export_command_writes_a_styled_geopackage_of_the_filtered_events(db, tmp_path):
    out = tmp_path / "kharkiv.gpkg"
    result = CliRunner().invoke(main, ["export", str(out), "--db", db, "--place", "Kharkiv"])
    assert result.exit_code == 0, result.output
    assert "2 events, 2 toponyms, 1 place " in result.output
    events = pyogrio.read_dataframe(out, layer="events", fid_as_index=True)
    assert sorted(events["event_type"]) == ["protest", "shelling"]
    assert {(g.x, g.y) for g in events.geometry} == {(36.2304, 49.9935)}
    assert {row["f_table_name"] for row in _styles(out).values()} == {
        "events",
        "toponyms",
        "places",
    }


def test_export_command_writes_one_layer_in_the_format_asked(db, tmp_path):
    out = tmp_path / "places.txt"
    result = CliRunner().invoke(
        main, ["export", str(out), "--db", db, "--format", "geojson", "--layer", "places"]
    )
    assert result.exit_code == 0, result.output
    features = _strict_json(out.read_text(encoding="utf-8"))["features"]
    assert [(f["id"], f["properties"]["events"]) for f in features] == [
        ("706483", 2),
        ("698740", 1),
    ]


def test_export_command_writes_to_stdout_for_a_dash(db, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    args = ["--db", db, "--format", "geojson", "--type", "shelling"]
    result = CliRunner().invoke(main, ["export", "-", *args])
    assert result.exit_code == 0, result.output
    assert list(here.iterdir()) == []  # no file called "-", nothing left behind
    CliRunner().invoke(main, ["export", "shelling.geojson", *args])
    from_file = _strict_json((here / "shelling.geojson").read_text(encoding="utf-8"))
    assert len(from_file["features"]) == 1
    assert _strict_json(result.stdout) == from_file
    assert "Wrote 1 event to stdout (geojson)" in result.stderr


def test_export_command_reports_a_bad_extension_plainly(db, tmp_path):
    result = CliRunner().invoke(main, ["export", str(tmp_path / "events.xlsx"), "--db", db])
    assert result.exit_code == 1
    assert "cannot tell the export format from '.xlsx'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "events.xlsx").exists()


# -- QGIS itself --

_QGIS_PYTHON = "/usr/bin/python3"

_QGIS_CHECK = textwrap.dedent(
    """
    import json, sys
    from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsVectorLayer
    from qgis.core import QgsWkbTypes
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    gpkg, csv, png = sys.argv[1:4]
    layer = QgsVectorLayer(gpkg + "|layername=events", "events", "ogr")
    renderer = layer.renderer()
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setOutputSize(QSize(500, 400))
    settings.setBackgroundColor(QColor("white"))
    extent = layer.extent()
    extent.scale(1.4)
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(png, "png")
    colours = {}
    for x in range(image.width()):
        for y in range(image.height()):
            name = QColor(image.pixel(x, y)).name()
            colours[name] = colours.get(name, 0) + 1
    def centre_colour(feature):  # the colour drawn at a located event's own point
        point = settings.mapToPixel().transform(feature.geometry().asPoint())
        return QColor(image.pixel(round(point.x()), round(point.y()))).name()

    centres = {f.id(): centre_colour(f) for f in layer.getFeatures() if f.hasGeometry()}
    # The CSV as QGIS's "Delimited Text" source reads it, with lon/lat as the point.
    csv_uri = "file://" + csv + "?type=csv&xField=lon&yField=lat&crs=EPSG:4326"
    csv_layer = QgsVectorLayer(csv_uri, "events", "delimitedtext")
    csv_points = {
        f["event_id"]: [f.geometry().asPoint().x(), f.geometry().asPoint().y()]
        for f in csv_layer.getFeatures()
        if f.hasGeometry()
    }
    print(json.dumps({
        "valid": layer.isValid(),
        "renderer": type(renderer).__name__,
        "attribute": renderer.classAttribute(),
        "categories": [[c.value(), c.label(), c.symbol().color().name()] for c in renderer.categories()],
        "labels": layer.labelsEnabled() and layer.labeling().settings().fieldName,
        "time_field": layer.temporalProperties().startField(),
        "ids": sorted(f.id() for f in layer.getFeatures()),
        "pixels": colours,
        "centres": centres,
        "csv_type": QgsWkbTypes.displayString(csv_layer.wkbType()),
        "csv_points": csv_points,
    }), flush=True)
    # Qt objects must go before QGIS shuts down, or the interpreter crashes on exit.
    del layer, renderer, job, settings, image, csv_layer
    app.exitQgis()
    """
)


def _qgis_available() -> bool:
    if not shutil.which(_QGIS_PYTHON):
        return False
    probe = subprocess.run(
        [_QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True, check=False, timeout=60
    )
    return probe.returncode == 0


def _qgis_sees(gpkg: Path, events: list[EventRecord], tmp_path: Path) -> dict:
    """What QGIS makes of ``gpkg`` and of ``events`` exported as CSV, drawn headless."""
    if not _qgis_available():
        pytest.skip(f"qgis.core cannot be imported by {_QGIS_PYTHON} (install python3-qgis)")
    png = tmp_path / "events.png"
    csv_path = tmp_path / "events.csv"
    export_events(events, csv_path)
    run = subprocess.run(
        [_QGIS_PYTHON, "-c", _QGIS_CHECK, str(gpkg), str(csv_path), str(png)],
        capture_output=True,
        check=False,
        text=True,
        timeout=180,
        env={
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "XDG_RUNTIME_DIR": str(tmp_path),
            "PATH": "/usr/bin",
        },
    )
    assert run.returncode == 0, run.stderr
    assert png.stat().st_size > 0
    return json.loads(run.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_qgis_opens_the_exports_styled_and_as_points(gpkg, tmp_path):
    seen = _qgis_sees(gpkg, EVENTS, tmp_path)
    assert seen["valid"]
    assert seen["renderer"] == "QgsCategorizedSymbolRenderer"
    assert seen["attribute"] == "event_type"
    assert seen["categories"] == [
        ["missile_strike", "Missile strike", type_colour("missile_strike")],
        ["shelling", "Shelling", type_colour("shelling")],
        ["diplomacy", "Diplomacy / statement", type_colour("diplomacy")],
        ["cyber_attack", "Cyber attack", type_colour("cyber_attack")],
    ]
    assert seen["labels"] == "place"
    assert seen["time_field"] == "event_date"
    assert seen["ids"] == [3, 8, 11, 15, 21]
    # The drawn map shows each located event type in its colour (diplomacy has no point).
    for event_type in ("missile_strike", "shelling", "cyber_attack"):
        assert seen["pixels"].get(type_colour(event_type), 0) > 10, event_type
    assert seen["csv_type"] == "Point"
    assert seen["csv_points"] == {str(e.id): [e.lon, e.lat] for e in LOCATED}


@pytest.mark.slow
def test_qgis_draws_a_country_level_event_as_a_pale_area_not_a_point(tmp_path):
    """As on the HTML maps, only an event at its exact place is a solid dot in its colour."""
    strikes = [
        _event(1, "missile_strike", ODESA, date(2024, 2, 11), "A missile hit the Odesa port."),
        record("Missiles were fired at Ukraine.", lat=48.5, lon=32.0, place="Ukraine",
               event_type="missile_strike", precision="country", event_id=2),
    ]
    gpkg = tmp_path / "strikes.gpkg"
    export_geopackage(gpkg, strikes)
    centres = _qgis_sees(gpkg, strikes, tmp_path)["centres"]
    solid = type_colour("missile_strike")
    assert centres["1"] == solid
    # The country-level strike is a tint of the type's colour: lighter than the dot, not white.
    tint = [int(centres["2"][i : i + 2], 16) for i in (1, 3, 5)]
    assert centres["2"] != solid and tint != [255, 255, 255]
    assert sum(tint) > sum(int(solid[i : i + 2], 16) for i in (1, 3, 5))
