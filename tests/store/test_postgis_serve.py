"""`geoevents serve --workers 2` over PostGIS: stateless workers sharing one database."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import Request, urlopen

import pytest

from geoevents.store import open_store
from tests.store.samples import EVENTS, KHARKIV

pytestmark = [pytest.mark.postgis, pytest.mark.slow]

GEOEVENTS = str(Path(sys.executable).with_name("geoevents"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = Request(url, data=data, headers={"Content-Type": "application/json"})
    with urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


@pytest.fixture
def server(postgis_url):
    with open_store(postgis_url) as store:
        store.add(EVENTS)
    port = free_port()
    proc = subprocess.Popen(
        [GEOEVENTS, "serve", "--db", postgis_url, "--workers", "2", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        assert proc.poll() is None, proc.stderr.read()
        try:
            fetch(f"{base}/health")
            break
        except (URLError, ConnectionError):
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.3)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def test_workers_serve_and_share_what_any_of_them_stores(server):
    status, page = fetch(f"{server}/collections/events/items?bbox=30,49,37,51&limit=2")
    assert status == 200 and page["numberMatched"] == 3 and page["numberReturned"] == 2
    assert all(f["properties"]["country_code"] == "UA" for f in page["features"])

    status, created = fetch(
        f"{server}/reports",
        {"id": "new-1", "text": "Shelling hit Kharkiv overnight.", "published": "2024-03-17"},
    )
    new_id = created["features"][0]["id"]
    # Every later read sees it, whichever worker answers.
    for _ in range(12):
        status, feature = fetch(f"{server}/collections/events/items/{new_id}")
        assert status == 200 and feature["properties"]["report_id"] == "new-1"
        lon, lat = feature["geometry"]["coordinates"]
        assert abs(lat - KHARKIV.lat) < 0.1 and abs(lon - KHARKIV.lon) < 0.1
