"""OGC API - Features over HTTP: what QGIS, GDAL and OWSLib rely on, checked on the grid store."""

from __future__ import annotations

import gzip

import pytest

from geoevents import __version__
from tests.api.data import UNLOCATED_EVERY, expected

GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"


def rels(doc: dict) -> dict[str, dict]:
    return {link["rel"]: link for link in doc["links"]}


def test_landing_page_links_what_qgis_needs(client):
    doc = client.get("/").json()
    links = rels(doc)
    assert links["service-desc"]["type"] == OPENAPI
    assert links["data"]["type"] == "application/json"
    assert links["conformance"]["href"].endswith("/conformance")
    assert links["service-doc"]["type"] == "text/html"
    described = client.get(links["service-desc"]["href"])
    assert described.headers["content-type"] == OPENAPI
    assert described.json()["openapi"].startswith("3.0")


def test_conformance_declares_core_geojson_and_oas30(client):
    classes = client.get("/conformance").json()["conformsTo"]
    for part in ("core", "geojson", "oas30", "html"):
        assert f"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{part}" in classes


def test_openapi_declares_limit_once_with_default_and_maximum(client):
    doc = client.get("/openapi.json").json()
    limit = doc["components"]["parameters"]["limit"]
    assert limit["schema"]["default"] == 1000 and limit["schema"]["maximum"] == 10_000
    items = doc["paths"]["/collections/{collection_id}/items"]["get"]
    assert {"$ref": "#/components/parameters/limit"} in items["parameters"]
    for name in ("type", "country", "place", "q"):
        declared = doc["components"]["parameters"][name]
        assert (declared["in"], declared["style"], declared["explode"]) == ("query", "form", False)
        assert {"$ref": f"#/components/parameters/{name}"} in items["parameters"]


def test_collections_list_events_toponyms_places_with_their_extent(client, events):
    doc = client.get("/collections").json()
    assert [c["id"] for c in doc["collections"]] == ["events", "toponyms", "places"]
    events_doc = client.get("/collections/events").json()
    assert events_doc["extent"]["temporal"]["interval"] == [
        ["2022-06-01T00:00:00Z", "2022-06-30T23:59:59Z"]
    ]
    located = [e for e in events if e.located]
    assert events_doc["extent"]["spatial"]["bbox"] == [[
        min(e.lon for e in located), min(e.lat for e in located),
        max(e.lon for e in located), max(e.lat for e in located),
    ]]  # so "zoom to layer" in QGIS goes to the data, not the whole world
    assert rels(events_doc)["items"]["type"] == GEOJSON


def test_items_are_geojson_with_exact_counts_and_right_coordinates(client, events):
    response = client.get("/collections/events/items", params={"limit": 3})
    assert response.headers["content-type"] == GEOJSON
    doc = response.json()
    assert doc["numberMatched"] == len(events)
    assert doc["numberReturned"] == 3
    assert doc["timeStamp"].endswith("Z")
    first = doc["features"][0]
    assert first["geometry"]["coordinates"] == [events[0].lon, events[0].lat]
    assert first["properties"]["report_id"] == "grid-0"
    assert first["properties"]["event_date"] == "2022-06-01"


def test_paging_follows_next_links_to_every_event_once(client, events):
    url, seen, pages = "/collections/events/items?limit=1000", [], 0
    while url:
        doc = client.get(url).json()
        pages += 1
        seen += [f["properties"]["report_id"] for f in doc["features"]]
        nxt = rels(doc).get("next")
        assert nxt is None or nxt["type"] == GEOJSON
        url = nxt["href"] if nxt else None
    assert pages == 3
    assert sorted(seen) == sorted(e.report_id for e in events)
    assert len(set(seen)) == len(seen)


def test_last_page_has_prev_but_no_next(client, events):
    doc = client.get("/collections/events/items", params={"offset": 2400, "limit": 1000}).json()
    links = rels(doc)
    assert "next" not in links
    assert "offset=1400" in links["prev"]["href"] and links["prev"]["type"] == GEOJSON
    assert doc["numberReturned"] == 100 and doc["numberMatched"] == len(events)


def test_offset_past_the_end_is_an_empty_page_with_the_true_count(client, events):
    doc = client.get("/collections/events/items", params={"offset": 99_999}).json()
    assert doc["features"] == [] and doc["numberReturned"] == 0
    assert doc["numberMatched"] == len(events)


def test_limit_above_the_maximum_is_served_the_maximum(client):
    doc = client.get("/collections/toponyms/items", params={"limit": 50_000}).json()
    assert doc["numberReturned"] == min(10_000, doc["numberMatched"])


def test_bbox_selects_exactly_the_grid_points_inside(client, events):
    box = (22.0, 44.0, 23.0, 45.0)
    inside = {
        e.report_id
        for e in events
        if e.located and box[0] <= e.lon <= box[2] and box[1] <= e.lat <= box[3]
    }
    doc = client.get("/collections/events/items", params={"bbox": ",".join(map(str, box))}).json()
    assert {f["properties"]["report_id"] for f in doc["features"]} == inside
    assert doc["numberMatched"] == len(inside) > 0


@pytest.mark.parametrize(
    ("value", "days"),
    [
        ("2022-06-03", {2}),
        ("2022-06-03T12:30:00Z", {2}),
        ("2022-06-29/..", {28, 29}),
        ("2022-06-29/", {28, 29}),
        ("../2022-06-02", {0, 1}),
        ("2022-06-10T00:00:00Z/2022-06-11T23:59:59Z", {9, 10}),
        ("0000-01-01T00:00:00Z/9999-12-31T00:00:00Z", set(range(30))),
        ("../..", set(range(30))),
    ],
)
def test_datetime_instants_and_intervals(client, events, value, days):
    doc = client.get(
        "/collections/events/items", params={"datetime": value, "limit": 10_000}
    ).json()
    got = {int(f["properties"]["event_date"][-2:]) - 1 for f in doc["features"]}
    assert got == days
    assert doc["numberMatched"] == sum(1 for e in events if (e.n % 30) in days)


def test_property_filters_match_qgis_style_parameters(client, events):
    want = {e.report_id for e in events if e.event_type == "protest" and e.country_code == "MD"}
    for params in (
        {"type": "protest", "country": "md"},
        {"event_type": "protest", "country_code": "MD"},
    ):
        doc = client.get("/collections/events/items", params={**params, "limit": 10_000}).json()
        assert {f["properties"]["report_id"] for f in doc["features"]} == want


def test_place_and_full_text_filters(client):
    doc = client.get("/collections/events/items", params={"place": "gridtown 7"}).json()
    assert [f["properties"]["report_id"] for f in doc["features"]] == ["grid-7"]
    doc = client.get("/collections/events/items", params={"q": "day 1234"}).json()
    assert [f["properties"]["report_id"] for f in doc["features"]] == ["grid-1234"]


def test_unlocated_events_have_null_geometry_not_nan(client, events):
    n = UNLOCATED_EVERY - 1
    feature_id = client.get("/collections/events/items", params={"q": f"day {n}"}).json()[
        "features"
    ][0]["id"]
    response = client.get(f"/collections/events/items/{feature_id}")
    assert response.json()["geometry"] is None
    assert "NaN" not in response.text and not expected(n).located


def test_single_feature_ids_are_stable_and_linked(client):
    page = client.get("/collections/events/items", params={"offset": 500, "limit": 5}).json()
    for feature in page["features"]:
        alone = client.get(f"/collections/events/items/{feature['id']}")
        assert alone.headers["content-type"] == GEOJSON
        body = alone.json()
        assert body["properties"] == feature["properties"]
        assert rels(body)["self"]["href"].endswith(f"/items/{feature['id']}")


def test_toponyms_and_places_point_where_their_events_are(client, events):
    e = events[42]
    toponym = client.get("/collections/toponyms/items", params={"q": "day 42"}).json()["features"][
        0
    ]
    assert toponym["properties"]["text"] == e.place
    assert toponym["geometry"]["coordinates"] == [e.lon, e.lat]
    place = client.get("/collections/places/items/grid:42").json()
    assert place["properties"]["events"] == 1
    assert place["geometry"]["coordinates"] == [e.lon, e.lat]


def test_queryables_list_the_filterable_properties(client):
    doc = client.get("/collections/events/queryables").json()
    assert {"event_type", "country_code", "place", "event_date", "geometry"} <= set(
        doc["properties"]
    )
    assert doc["$id"].endswith("/collections/events/queryables")


def test_etag_and_if_none_match(client):
    first = client.get("/collections/events/items", params={"limit": 10})
    etag = first.headers["etag"]
    assert "max-age" in first.headers["cache-control"]
    again = client.get(
        "/collections/events/items", params={"limit": 10}, headers={"If-None-Match": etag}
    )
    assert again.status_code == 304 and again.content == b""
    other = client.get(
        "/collections/events/items", params={"limit": 11}, headers={"If-None-Match": etag}
    )
    assert other.status_code == 200 and other.headers["etag"] != etag


def test_large_pages_are_gzipped_when_the_client_accepts_it(client):
    response = client.get(
        "/collections/events/items", params={"limit": 200}, headers={"Accept-Encoding": "gzip"}
    )
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["numberReturned"] == 200
    raw = client.get(
        "/collections/events/items", params={"limit": 200}, headers={"Accept-Encoding": "identity"}
    )
    assert "content-encoding" not in raw.headers
    assert len(gzip.compress(raw.content)) < len(raw.content)


def test_cors_allows_only_configured_origins(client):
    allowed = client.get("/collections", headers={"Origin": "https://maps.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://maps.example"
    other = client.get("/collections", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_browsers_get_html_pages(client):
    page = client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.headers["content-type"].startswith("text/html")
    assert "/collections" in page.text
    collection = client.get("/collections/events", params={"f": "html"})
    assert "<h1>Events</h1>" in collection.text and "2022-06-01" in collection.text
    assert (
        client.get("/collections", params={"f": "json"}).headers["content-type"]
        == "application/json"
    )
    docs = client.get("/api.html")
    assert "/collections/{collection_id}/items" in docs.text


def test_html_escapes_what_it_shows(client):
    page = client.get(
        "/collections/events",
        params={"f": "html"},
        headers={"Host": 'x"><script>alert(1)</script>'},
    )
    assert "<script>alert(1)</script>" not in page.text


def test_health_counts_events(client, events):
    assert client.get("/health").json() == {
        "status": "ok",
        "version": __version__,
        "events": len(events),
    }


def test_map_draws_only_the_filtered_events(client):
    everything = client.get("/map")
    protests = client.get("/map", params={"type": "protest", "bbox": "22,44,40,52"})
    assert protests.status_code == everything.status_code == 200
    assert protests.headers["content-type"].startswith("text/html")
    assert "Shelling" in everything.text and "Protest" in everything.text
    assert "Shelling" not in protests.text and "Protest" in protests.text
