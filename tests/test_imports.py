"""ACLED and GDELT exports: the dataset's own coordinates, dates and types, bad rows by line."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from geoevents.errors import InputError
from geoevents.imports import acled, gdelt
from geoevents.ingest import ingest_files
from geoevents.query import Query
from geoevents.readers import read_reports
from geoevents.store import open_store

ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "country", "admin1", "admin2",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


def acled_row(**fields: str) -> dict[str, str]:
    row = dict.fromkeys(ACLED_HEADER, "")
    row.update(year="2022", time_precision="1", source_scale="National", timestamp="1656547200")
    row.update(fields)
    return row


def write_acled(path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=ACLED_HEADER)
        writer.writeheader()
        writer.writerows(rows)


ACLED_ROWS = [
    acled_row(event_id_cnty="UKR70001", event_date="2022-06-25",
              event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack",
              actor1="Military Forces of Russia (2000-)", country="Ukraine", admin1="Chernihiv",
              location="Desna", latitude="50.8689", longitude="31.0753", geo_precision="1",
              source="Regional administration",
              notes="Rocket artillery hit the village of Desna.\nNo casualties were reported.",
              fatalities="0"),
    acled_row(event_id_cnty="UKR70002", event_date="24 June 2022", event_type="Battles",
              sub_event_type="Armed clash", actor1="Military Forces of Ukraine (2019-)",
              country="Ukraine", admin1="Luhansk", location="Lysychansk", latitude="48.9043",
              longitude="38.4306", geo_precision="2", source="Local media",
              notes="Street fighting around the refinery.", fatalities="4"),
    acled_row(event_id_cnty="SDN80003", event_date="2022-06-30", event_type="Protests",
              sub_event_type="Peaceful protest", actor1="Protesters (Sudan)", country="Sudan",
              admin1="Khartoum", location="Khartoum", latitude="15.5518",
              longitude="32.5324", geo_precision="3", source="Radio station",
              notes="Marches against military rule.", fatalities="0"),
    acled_row(event_id_cnty="UKR70004", event_date="2022-06-26",
              event_type="Explosions/Remote violence",
              sub_event_type="Air/drone strike", country="Ukraine", admin1="Kyiv City",
              location="Kyiv", latitude="50.4501", longitude="30.5234", geo_precision="1",
              notes="", fatalities="1"),
    acled_row(event_id_cnty="COD90005", event_date="2022-06-27",
              event_type="Strategic developments", sub_event_type="Agreement",
              country="Democratic Republic of Congo", admin1="Kinshasa", location="Kinshasa",
              latitude="-4.3276", longitude="15.3136", geo_precision="1",
              notes="Parties signed a ceasefire text.", fatalities="0"),
]


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "events.db") as opened:
        yield opened


def import_file(store, path):
    """Ingest one export; its summary and the stored events by the dataset's own id."""
    summary = ingest_files([path], store)
    return summary, {e.report_id: e for e in store.events(Query())}


def test_acled_rows_keep_their_coordinates_dates_types_and_precision(tmp_path, store):
    path = tmp_path / "acled.csv"
    write_acled(path, ACLED_ROWS)
    summary, events = import_file(store, path)
    assert (summary.read, summary.stored, summary.bad_lines) == (5, 5, 0)
    desna = events["UKR70001"]
    assert (desna.lat, desna.lon) == (50.8689, 31.0753)
    assert (desna.event_type, desna.event_date) == ("shelling", date(2022, 6, 25))
    assert desna.precision == "city"
    assert (desna.country_code, desna.admin1, desna.origin) == ("UA", "Chernihiv", "acled")
    assert desna.text == "Rocket artillery hit the village of Desna.\nNo casualties were reported."
    assert desna.extra["sub_event_type"] == "Shelling/artillery/missile attack"
    assert desna.extra["fatalities"] == 0
    lysychansk = events["UKR70002"]
    assert (lysychansk.event_date, lysychansk.event_type) == (date(2022, 6, 24), "armed_clash")
    assert lysychansk.precision == "admin1"
    assert (events["SDN80003"].event_type, events["SDN80003"].precision) == ("protest", "region")
    assert events["UKR70004"].event_type == "air_strike"
    assert events["UKR70004"].text == "Air/drone strike in Kyiv"
    assert (events["COD90005"].event_type, events["COD90005"].country_code) == ("diplomacy", "CD")
    assert store.count(Query(text="refinery")) == 1


def test_acled_import_is_idempotent_by_event_id(tmp_path, store):
    path = tmp_path / "acled.csv"
    write_acled(path, ACLED_ROWS)
    ingest_files([path], store)
    write_acled(path, ACLED_ROWS + [acled_row(
        event_id_cnty="UKR70006", event_date="2022-06-28", event_type="Battles",
        sub_event_type="Armed clash", country="Ukraine", location="Izium",
        latitude="49.2128", longitude="37.2569", geo_precision="1", notes="Clashes near Izium.")])
    again = ingest_files([path], store)
    assert (again.stored, again.duplicates) == (1, 5)
    assert store.count(Query()) == 6


def test_bad_acled_rows_are_named_by_line_even_after_multiline_notes(tmp_path):
    path = tmp_path / "acled.csv"
    rows = ACLED_ROWS[:1] + [  # the first data row spans lines 2-3
        acled_row(event_id_cnty="BAD1", event_date="2022-02-30", event_type="Battles",
                  latitude="50", longitude="30"),
        acled_row(event_id_cnty="BAD2", event_date="2022-06-01", event_type="Battles",
                  latitude="95.5", longitude="30"),
        acled_row(event_id_cnty="BAD3", event_date="2022-06-01", event_type="Battles",
                  latitude="north", longitude="30"),
        acled_row(event_id_cnty="BAD4", event_date="2022-06-01", event_type="Battles",
                  latitude="50", longitude="30", geo_precision="7"),
    ]
    write_acled(path, rows)
    with open(path, "a", encoding="utf-8") as f:
        f.write("SHORT1,2022-06-01,2022\n")
    with pytest.raises(InputError) as stopped:
        list(read_reports(path, "acled"))
    assert (stopped.value.line, str(path)) == (4, stopped.value.path)
    assert "2022-02-30" in stopped.value.message
    errors = []
    rows_read = list(read_reports(path, "acled", skip_bad=True, on_bad=errors.append))
    assert [r.event.report.id for r in rows_read] == ["UKR70001"]
    assert [e.line for e in errors] == [4, 5, 6, 7, 8]
    assert "outside -90..90" in errors[1].message
    assert "not a number" in errors[2].message
    assert "geo_precision" in errors[3].message
    assert "expected 23 columns, found 3" in errors[4].message


def test_a_csv_without_acled_columns_is_refused_at_line_1(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("event_id_cnty,event_date,latitude\nX1,2022-06-01,50\n", encoding="utf-8")
    refusal = r"other.csv:1: not an ACLED export: no event_type, longitude"
    with pytest.raises(InputError, match=refusal):
        list(read_reports(path, "acled"))


def test_acled_date_formats():
    assert acled.parse_date("2022-06-25") == date(2022, 6, 25)
    assert acled.parse_date("25 June 2022") == date(2022, 6, 25)
    assert acled.parse_date("05-March-2021") == date(2021, 3, 5)


# -- GDELT --


def gdelt_line(**fields: str) -> str:
    values = dict.fromkeys(gdelt.COLUMNS, "")
    values.update(IsRootEvent="1", QuadClass="4", GoldsteinScale="-10.0", NumMentions="6",
                  NumSources="1", NumArticles="6", AvgTone="-5.2", DATEADDED="20220625143000")
    values.update(fields)
    return "\t".join(values[name] for name in gdelt.COLUMNS)


GDELT_LINES = [
    gdelt_line(GLOBALEVENTID="1045310001", SQLDATE="20220625", EventCode="1952",
               EventBaseCode="195", EventRootCode="19", Actor1Name="RUSSIA", Actor2Name="UKRAINE",
               ActionGeo_Type="4", ActionGeo_FullName="Kharkiv, Kharkivs'ka Oblast', Ukraine",
               ActionGeo_CountryCode="UP", ActionGeo_ADM1Code="UP07", ActionGeo_Lat="49.9808",
               ActionGeo_Long="36.2527", ActionGeo_FeatureID="-1042574",
               SOURCEURL="https://example.org/kharkiv-drones"),
    gdelt_line(GLOBALEVENTID="1045310002", SQLDATE="20220624", EventCode="141",
               EventBaseCode="141", EventRootCode="14", Actor1Name="PROTESTER",
               ActionGeo_Type="1", ActionGeo_FullName="Sudan", ActionGeo_CountryCode="SU",
               ActionGeo_Lat="15", ActionGeo_Long="30", ActionGeo_FeatureID="SU",
               SOURCEURL="https://example.org/sudan-protest"),
    gdelt_line(GLOBALEVENTID="1045310003", SQLDATE="20220623", EventCode="042",
               EventBaseCode="042", EventRootCode="04", Actor1Name="FRANCE",
               Actor2Name="GERMANY", ActionGeo_Type="5",
               ActionGeo_FullName="Ile-de-France, France", ActionGeo_CountryCode="FR",
               ActionGeo_ADM1Code="FRA8", ActionGeo_Lat="48.5", ActionGeo_Long="2.5",
               ActionGeo_FeatureID="FRA8", SOURCEURL="https://example.org/talks"),
    gdelt_line(GLOBALEVENTID="1045310004", SQLDATE="20220622", EventCode="190",
               EventBaseCode="190", EventRootCode="19", Actor1Name="MILITARY",
               ActionGeo_Type="0", SOURCEURL="https://example.org/unlocated"),
    gdelt_line(GLOBALEVENTID="1045310005", SQLDATE="20220621", EventCode="194",
               EventBaseCode="194", EventRootCode="19", ActionGeo_Type="4",
               ActionGeo_FullName="Suva, Central, Fiji", ActionGeo_CountryCode="FJ",
               ActionGeo_Lat="-18.1416", ActionGeo_Long="178.4415", ActionGeo_FeatureID="-1",
               SOURCEURL="https://example.org/suva"),
]


def write_lines(path, lines) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def test_gdelt_rows_use_action_geo_sqldate_and_cameo_types(tmp_path, store):
    path = tmp_path / "20220625143000.export.CSV"
    write_lines(path, GDELT_LINES)
    summary, events = import_file(store, path)
    assert (summary.read, summary.stored, summary.unlocated) == (5, 5, 0)
    kharkiv = events["1045310001"]
    assert (kharkiv.lat, kharkiv.lon, kharkiv.country_code) == (49.9808, 36.2527, "UA")
    assert (kharkiv.place_name, kharkiv.admin1, kharkiv.precision) == (
        "Kharkiv", "Kharkivs'ka Oblast'", "city")
    assert (kharkiv.event_type, kharkiv.event_date, kharkiv.origin) == (
        "drone_strike", date(2022, 6, 25), "gdelt")
    assert kharkiv.source == "https://example.org/kharkiv-drones"
    assert kharkiv.extra["EventCode"] == "1952"
    sudan = events["1045310002"]
    assert (sudan.event_type, sudan.precision, sudan.country_code) == ("protest", "country", "SD")
    talks = events["1045310003"]
    assert (talks.event_type, talks.precision) == ("diplomacy", "admin1")
    assert talks.admin1 == "Ile-de-France"
    unlocated = events["1045310004"]
    assert not unlocated.located and unlocated.event_type == "armed_clash"
    assert events["1045310005"].event_type == "shelling"
    assert store.count(Query(bbox=(170.0, -20.0, -170.0, -15.0))) == 1


def test_bad_gdelt_lines_are_named_by_number(tmp_path):
    path = tmp_path / "bad.tsv"
    lines = [
        GDELT_LINES[0],
        "\t".join(["1045310009"] * 60),
        gdelt_line(GLOBALEVENTID="1045310010", SQLDATE="2022-06-25"),
        gdelt_line(GLOBALEVENTID="abc", SQLDATE="20220625"),
        gdelt_line(GLOBALEVENTID="1045310011", SQLDATE="20220625", ActionGeo_Type="4",
                   ActionGeo_Lat="49.9", ActionGeo_Long="-200"),
    ]
    write_lines(path, lines)
    errors = []
    rows = list(read_reports(path, "gdelt", skip_bad=True, on_bad=errors.append))
    assert [r.event.report.id for r in rows] == ["1045310001"]
    assert [e.line for e in errors] == [2, 3, 4, 5]
    assert "expected 61 tab-separated columns, found 60" in errors[0].message
    assert "SQLDATE" in errors[1].message
    assert "ActionGeo_Long" in errors[3].message


def test_auto_detection_tells_acled_from_gdelt(tmp_path, store):
    acled_path, gdelt_path = tmp_path / "export.csv", tmp_path / "20220625.export.CSV"
    write_acled(acled_path, ACLED_ROWS)
    write_lines(gdelt_path, GDELT_LINES)
    summary = ingest_files([acled_path, gdelt_path], store)
    assert (summary.stored, summary.bad_lines) == (10, 0)
    assert {e.origin for e in store.events(Query())} == {"acled", "gdelt"}
