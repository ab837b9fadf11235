"""The geopy fallback against a local server that answers like Nominatim."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.geocoders import Nominatim

from gazetteer import Gazetteer
from gazetteer.fallback import GeopyFallback
from tests.gazetteer.geo import km

TINYTOWN = {
    "place_id": 184_000_111, "licence": "Data (c) OpenStreetMap contributors, ODbL 1.0",
    "osm_type": "node", "osm_id": 337_111_222, "lat": "48.30125", "lon": "37.91740",
    "class": "place", "type": "village", "place_rank": 19, "importance": 0.21,
    "addresstype": "village", "name": "Tinytownivka",
    "display_name": "Tinytownivka, Pokrovsk Raion, Donetsk Oblast, Ukraine",
    "address": {"village": "Tinytownivka", "state": "Donetsk Oblast", "country": "Ukraine",
                "country_code": "ua"},
    "boundingbox": ["48.28", "48.32", "37.89", "37.94"],
}


class NominatimLike(BaseHTTPRequestHandler):
    """``/search``: Tinytownivka is known, Brokenville fails, everything else is unknown."""

    requests: ClassVar[list[dict[str, list[str]]]] = []

    def do_GET(self) -> None:
        query = parse_qs(urlparse(self.path).query)
        self.requests.append(query)
        name = query.get("q", [""])[0]
        if name == "Brokenville":
            self.send_error(500)
            return
        body = json.dumps([TINYTOWN] if name == "Tinytownivka" else []).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NominatimLike)
    NominatimLike.requests = []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}", NominatimLike.requests
    httpd.shutdown()
    httpd.server_close()


def fallback(domain: str, cache: Path) -> GeopyFallback:
    geocoder = Nominatim(domain=domain, scheme="http", user_agent="geoevents-tests", timeout=5)
    return GeopyFallback(geocoder, cache_path=cache, min_delay_seconds=0)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")


def test_unknown_names_are_asked_once_then_answered_from_disk(
    gaz: Gazetteer, server, tmp_path: Path
) -> None:
    domain, requests = server
    first = Gazetteer(gaz.path, fallback=fallback(domain, tmp_path / "answers.sqlite"))
    place = first.geocode("Tinytownivka", country="UA")
    assert place is not None
    assert (place.name, place.kind, place.country_code, place.admin1) == (
        "Tinytownivka", "city", "UA", "Donetsk Oblast")
    assert km(place, 48.30125, 37.91740) < 0.01
    assert requests[0]["countrycodes"] == ["ua"]

    again = Gazetteer(gaz.path, fallback=fallback(domain, tmp_path / "answers.sqlite"))
    assert again.geocode("Tinytownivka", country="UA") == place
    assert len(requests) == 1


def test_names_the_index_knows_never_reach_the_service(
    gaz: Gazetteer, server, tmp_path: Path
) -> None:
    domain, requests = server
    online = Gazetteer(gaz.path, fallback=fallback(domain, tmp_path / "answers.sqlite"))
    assert online.geocode("Kharkiv").id == "706483"  # type: ignore[union-attr]
    assert requests == []


def test_no_answer_is_remembered_but_a_failure_is_not(server, tmp_path: Path) -> None:
    domain, requests = server
    cache = tmp_path / "answers.sqlite"
    assert fallback(domain, cache).candidates("Nowhereville") == []
    assert fallback(domain, cache).candidates("Nowhereville") == []
    assert len(requests) == 1
    assert fallback(domain, cache).candidates("Brokenville") == []
    assert fallback(domain, cache).candidates("Brokenville") == []
    assert len(requests) == 3
