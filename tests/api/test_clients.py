"""Real OGC API - Features clients against a live server on 127.0.0.1: OWSLib and GDAL."""

from __future__ import annotations

import pyogrio
import pytest
from owslib.ogcapi.features import Features


@pytest.fixture(scope="module")
def owslib(live_url: str) -> Features:
    return Features(live_url)


def test_owslib_reads_conformance_collections_and_queryables(owslib):
    assert (
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
        in (owslib.conformance()["conformsTo"])
    )
    assert [c["id"] for c in owslib.collections()["collections"]] == [
        "events",
        "toponyms",
        "places",
    ]
    assert "event_type" in owslib.collection_queryables("events")["properties"]


def test_owslib_items_with_bbox_datetime_and_limit(owslib, events):
    box = [22.0, 44.0, 25.0, 46.0]
    inside = [
        e
        for e in events
        if e.located
        and box[0] <= e.lon <= box[2]
        and box[1] <= e.lat <= box[3]
        and e.event_date.day in (5, 6, 7)
    ]
    page = owslib.collection_items("events", bbox=box, datetime_="2022-06-05/2022-06-07", limit=3)
    assert page["numberMatched"] == len(inside) > 3
    assert page["numberReturned"] == 3


def test_owslib_pages_by_offset_through_every_match(owslib, events):
    seen: list[str] = []
    offset = 0
    while True:
        page = owslib.collection_items("events", type="protest", limit=200, offset=offset)
        seen += [f["properties"]["report_id"] for f in page["features"]]
        if not any(link["rel"] == "next" for link in page["links"]):
            break
        offset += page["numberReturned"]
    assert sorted(seen) == sorted(e.report_id for e in events if e.event_type == "protest")


def test_gdal_oapif_reads_every_event_with_attributes_and_coordinates(live_url, events):
    frame = pyogrio.read_dataframe(f"OAPIF:{live_url}", layer="events")
    assert len(frame) == len(events) > 2000
    by_report = frame.set_index("report_id")
    for e in events[::97]:
        row = by_report.loc[e.report_id]
        assert row["event_type"] == e.event_type
        assert str(row["event_date"])[:10] == e.event_date.isoformat()
        if e.located:
            assert (row.geometry.x, row.geometry.y) == pytest.approx((e.lon, e.lat))
            assert row["country_code"] == e.country_code
        else:
            assert row.geometry is None


def test_gdal_lists_three_point_layers_and_filters_with_where(live_url, events):
    layers = {name: kind for name, kind in pyogrio.list_layers(f"OAPIF:{live_url}")}
    assert layers == {"events": "Point", "toponyms": "Point", "places": "Point"}
    frame = pyogrio.read_dataframe(
        f"OAPIF:{live_url}", layer="events", where="event_type = 'diplomacy'"
    )
    assert len(frame) == sum(1 for e in events if e.event_type == "diplomacy")
