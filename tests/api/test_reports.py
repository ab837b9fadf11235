"""Reports in over HTTP: geoparsed, stored once, readable at once; geoparse and geocode."""

from __future__ import annotations

import pytest

from tests.api.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIVEBLOG = (
    "Notes from the front\n"
    "20220625\n"
    "https://example.org/live/notes\n"
    "Shelling was reported in Kharkiv overnight, the regional governor said.\n"
    "\n"
    "Hundreds of protesters gathered in Paris, Texas, on Friday.\n"
)


def near(point: list[float], lon: float, lat: float, tolerance: float = 0.2) -> bool:
    return abs(point[0] - lon) < tolerance and abs(point[1] - lat) < tolerance


def test_one_json_report_becomes_a_located_dated_typed_event(writable):
    report = {
        "id": "desna-1",
        "published": "2022-06-25",
        "text": "Rockets fell on Desna, a village in the northern Chernihiv region.",
    }
    response = writable.post("/reports", json=report, headers=AUTH)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/geo+json"
    doc = response.json()
    assert doc["numberStored"] == 1
    (feature,) = doc["features"]
    assert near(feature["geometry"]["coordinates"], 30.77, 50.93)
    assert feature["properties"]["place"] == "Desna"
    assert feature["properties"]["event_date"] == "2022-06-25"
    stored = writable.get(f"/collections/events/items/{feature['id']}").json()
    assert stored["properties"] == feature["properties"]


def test_liveblog_text_stores_one_event_per_line_and_is_idempotent(writable):
    headers = {**AUTH, "Content-Type": "text/plain; charset=utf-8"}
    first = writable.post("/reports", content=LIVEBLOG.encode(), headers=headers).json()
    assert first["numberStored"] == 2
    kharkiv, paris = first["features"]
    assert near(kharkiv["geometry"]["coordinates"], 36.25, 49.98)
    assert kharkiv["properties"]["event_type"] == "shelling"
    assert paris["properties"]["country_code"] == "US"
    assert paris["properties"]["event_date"] == "2022-06-24"
    again = writable.post("/reports", content=LIVEBLOG.encode(), headers=headers).json()
    assert again["numberStored"] == 0 and again["numberDuplicates"] == 2
    assert [f["id"] for f in again["features"]] == [kharkiv["id"], paris["id"]]
    assert writable.get("/collections/events/items").json()["numberMatched"] == 2


def test_a_batch_keeps_its_order_and_fills_missing_ids(writable):
    reports = [
        {"text": "Clashes broke out in Khartoum."},
        {"id": 7, "text": "A quiet day in Apia."},
    ]
    doc = writable.post("/reports", json={"reports": reports}, headers=AUTH).json()
    ids = [f["properties"]["report_id"] for f in doc["features"]]
    assert ids[0].startswith("api-") and ids[1] == "7"
    assert near(doc["features"][0]["geometry"]["coordinates"], 32.53, 15.55)


def test_geoparse_answers_without_storing(writable):
    response = writable.post(
        "/geoparse", json={"id": "g", "text": "Explosions shook Lysychansk."}, headers=AUTH
    )
    assert response.status_code == 200
    (result,) = response.json()["results"]
    (toponym,) = result["toponyms"]
    assert (toponym["start"], toponym["end"], toponym["name"]) == (17, 27, "Lysychansk")
    assert result["location"]["country_code"] == "UA"
    assert writable.get("/health").json()["events"] == 0


@pytest.mark.parametrize(
    ("params", "name", "country"),
    [
        ({"q": "Lysychans'k"}, "Lysychansk", "UA"),
        ({"q": "Paris", "country": "US"}, "Paris", "US"),
        ({"q": "Springfield", "limit": 2}, "Springfield", "US"),
    ],
)
def test_geocode_returns_ranked_candidates(client, params, name, country):
    doc = client.get("/geocode", params=params).json()
    assert 1 <= doc["numberReturned"] == len(doc["features"]) <= params.get("limit", 5)
    best = doc["features"][0]["properties"]
    assert (best["name"], best["country_code"], best["rank"]) == (name, country, 1)
