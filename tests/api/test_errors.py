"""Every error is OGC-style JSON with the right status; ordinary bad input never yields a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api import ApiSettings, create_app
from tests.api.conftest import TOKEN

ITEMS = "/collections/events/items"


def assert_error(response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"code", "description"}
    for word in words:
        assert word in body["description"]
    assert "Traceback" not in response.text
    return body


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"bbox": "1,2,3"}, ("4 comma-separated",)),
        ({"bbox": "a,b,c,d"}, ("not a number",)),
        ({"bbox": "0,0,200,10"}, ("longitudes",)),
        ({"bbox": "0,60,10,50"}, ("minlat",)),
        ({"bbox": "0,0,nan,10"}, ("finite",)),
        ({"bbox": "0,0,inf,10"}, ("finite",)),
        ({"datetime": "yesterday"}, ("RFC 3339",)),
        ({"datetime": "2022-06-01T10:00:00 02:00/.."}, ("RFC 3339", "%2B")),
        ({"datetime": "2022-02-30"}, ("calendar",)),
        ({"datetime": "2022-06-30/2022-06-01"}, ("ends before it starts",)),
        ({"datetime": "2022-06-01/2022-06-02/2022-06-03"}, ("start/end",)),
        ({"datetime": "2022-06-01T25:00:00Z"}, ("calendar",)),
        ({"limit": "ten"}, ("limit", "whole number")),
        ({"limit": "0"}, ("limit", "at least 1")),
        ({"limit": "-5"}, ("limit",)),
        ({"offset": "-1"}, ("offset", "at least 0")),
        ({"offset": "1.5"}, ("offset",)),
        ({"offset": "99999999999999999999999"}, ("offset", "at most")),
        ({"country": "Ukraine"}, ("two-letter",)),
        ({"type": "<script>"}, ("event type",)),
        ({"colour": "red"}, ("unknown query parameter", "colour")),
        ({"f": "xml"}, ("f=",)),
    ],
)
def test_bad_items_parameters_are_400(client, params, words):
    body = assert_error(client.get(ITEMS, params=params), 400, *words)
    assert body["code"] == "InvalidParameterValue"


@pytest.mark.parametrize("feature_id", ["abc", "-1", "1.5", "١٢", "99999999999999999999999"])
def test_malformed_feature_ids_are_400(client, feature_id):
    body = assert_error(client.get(f"{ITEMS}/{feature_id}"), 400, "positive integers")
    assert body["description"] == f"{feature_id!r} is not an id in events: ids there are positive integers"


@pytest.mark.parametrize(
    "path",
    [
        "/collections/nope",
        "/collections/nope/items",
        "/collections/nope/items/1",
        "/collections/nope/queryables",
        f"{ITEMS}/987654",
        "/collections/places/items/no-such-place",
        "/no/such/page",
    ],
)
def test_unknown_collections_features_and_pages_are_404(client, path):
    assert_error(client.get(path), 404)


def test_wrong_method_is_405(client):
    assert_error(client.post("/collections"), 405)
    assert_error(client.delete(f"{ITEMS}/1"), 405)


def test_read_only_server_has_no_report_ingest(client):
    assert client.post("/reports", json={"text": "x"}).status_code in (404, 405)


def test_writes_without_or_with_a_wrong_token_are_401(writable):
    report = {"id": "a", "text": "Shelling hit Kharkiv."}
    missing = writable.post("/reports", json=report)
    assert_error(missing, 401, "Bearer")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = writable.post("/reports", json=report, headers={"Authorization": "Bearer nope"})
    assert_error(wrong, 401)
    assert "nope" not in wrong.text and TOKEN not in wrong.text
    basic = writable.post("/reports", json=report, headers={"Authorization": f"Basic {TOKEN}"})
    assert_error(basic, 401)
    assert writable.get("/collections/events/items").json()["numberMatched"] == 0


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_body_over_the_limit_is_413_from_content_length(writable):
    big = "x" * 5000
    response = writable.post(
        "/reports", content=big, headers={**auth(), "Content-Type": "text/plain"}
    )
    assert_error(response, 413, "4096 bytes")


def test_streamed_body_over_the_limit_is_413_before_it_is_read_whole(writable):
    sent = []

    def chunks():
        for _ in range(100):
            sent.append(1)
            yield b"y" * 1000

    response = writable.post(
        "/reports", content=chunks(), headers={**auth(), "Content-Type": "text/plain"}
    )
    assert_error(response, 413)
    assert writable.get("/collections/events/items").json()["numberMatched"] == 0


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/xml", b"<reports/>"),
        ("", b"Shelling in Kharkiv."),
        ("multipart/form-data; boundary=x", b"--x--"),
    ],
)
def test_unsupported_body_types_are_415(writable, content_type, body):
    headers = {**auth(), "Content-Type": content_type} if content_type else auth()
    assert_error(writable.post("/reports", content=body, headers=headers), 415)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", ("not valid JSON",)),
        (b"[]", ("no reports",)),
        (b'{"reports": "many"}', ("must be a list",)),
        (b'{"reports": [{"text": "ok"}, {"id": "b", "text": 5}]}', ("reports[1]", "text")),
        (b'{"reports": [{"id": "a", "text": "  "}]}', ("reports[0]", "blank")),
        (b'{"id": "a", "text": "x", "published": "last week"}', ("published",)),
        (b'{"id": true, "text": "x"}', ('"id"',)),
        (b'{"text": 5}', ('"text" must be a string',)),
        (b"{}", ('"text" is missing',)),
        (b'{"text": "Shelling in Kyiv\\u0000"}', ("NUL character",)),
        (b"   ", ("empty",)),
    ],
)
def test_malformed_reports_are_400_and_store_nothing(writable, body, words):
    response = writable.post(
        "/reports", content=body, headers={**auth(), "Content-Type": "application/json"}
    )
    assert_error(response, 400, *words)
    assert writable.get("/collections/events/items").json()["numberMatched"] == 0


def test_broken_liveblog_text_names_the_line(writable):
    text = "A title\n20220231\nhttps://example.org/live\nShelling in Kharkiv.\n"
    response = writable.post(
        "/reports", content=text.encode(), headers={**auth(), "Content-Type": "text/plain"}
    )
    assert_error(response, 400, "line 2", "not a real date")
    assert writable.get("/collections/events/items").json()["numberMatched"] == 0


def test_geocode_needs_a_name_and_a_sane_limit(client):
    assert_error(client.get("/geocode"), 400, "q")
    assert_error(client.get("/geocode", params={"q": "Kyiv", "limit": "0"}), 400, "limit")
    assert_error(client.get("/geocode", params={"q": "Kyiv", "limit": "x"}), 400, "limit")
    assert_error(
        client.get("/geocode", params={"q": "Kyiv", "country": "Atlantis"}), 400, "Atlantis"
    )


def test_a_true_bug_is_a_bare_json_500_and_logged(grid_db, monkeypatch, caplog):
    app = create_app(ApiSettings(db=str(grid_db), read_only=True))

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(type(app.state.context.store), "count", broken)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        response = test_client.get("/health")
    assert_error(response, 500)
    assert "secret internals" not in response.text
    assert "secret internals" in caplog.text
