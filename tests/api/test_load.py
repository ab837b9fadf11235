"""Readers and a writer at once, over HTTP, for a bounded time: nothing fails, nothing is lost.

Eight reader threads page, filter and fetch features while a writer posts new reports for
``SECONDS``; afterwards every report the writer was told was stored must be readable.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import TOKEN, LiveServer

SECONDS = 60
READERS = 8
PLACES = ("Kharkiv", "Odesa", "Dnipro", "Mykolaiv", "Kherson", "Zaporizhzhia", "Sumy", "Lviv")


def reader(url: str, stop: threading.Event, errors: list[str], done: Counter, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=30) as http:
        while not stop.is_set():
            lon, lat = rng.uniform(22, 38), rng.uniform(44, 50)
            path = rng.choice(
                [
                    f"/collections/events/items?bbox={lon},{lat},{lon + 2},{lat + 2}&limit=100",
                    f"/collections/events/items?offset={rng.randrange(2500)}&limit=500",
                    f"/collections/events/items/{rng.randrange(1, 2500)}",
                    "/collections/events/items?type=shelling&datetime=2022-06-01/2022-06-15",
                    "/collections/toponyms/items?limit=200",
                    "/collections",
                ]
            )
            try:
                response = http.get(path)
            except httpx.HTTPError as exc:
                errors.append(f"{path}: {exc!r}")
                continue
            if response.status_code not in (200, 404) or "locked" in response.text:
                errors.append(f"{path}: {response.status_code} {response.text[:200]}")
            done["reads"] += 1


def writer(url: str, stop: threading.Event, errors: list[str], stored: dict[int, str]) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    batch = 0
    with httpx.Client(base_url=url, timeout=120, headers=headers) as http:
        while not stop.is_set():
            batch += 1
            reports = [
                {
                    "id": f"load-{batch}-{i}",
                    "published": "2022-07-01",
                    "text": f"Shelling hit {PLACES[i % len(PLACES)]} in wave {batch}-{i}.",
                }
                for i in range(10)
            ]
            response = http.post("/reports", json={"reports": reports})
            if response.status_code != 201:
                errors.append(f"POST /reports: {response.status_code} {response.text[:200]}")
                continue
            for feature in response.json()["features"]:
                stored[feature["id"]] = feature["properties"]["report_id"]


@pytest.mark.slow
def test_readers_and_a_writer_for_a_minute(grid_db: Path, tmp_path: Path):
    db = tmp_path / "load.db"
    db.write_bytes(grid_db.read_bytes())
    errors: list[str] = []
    stored: dict[int, str] = {}
    done: Counter = Counter()
    stop = threading.Event()
    with LiveServer(db, "--workers", "2", env={"GEOEVENTS_API_TOKEN": TOKEN}) as server:
        threads = [
            threading.Thread(target=reader, args=(server.url, stop, errors, done, n))
            for n in range(READERS)
        ]
        threads.append(threading.Thread(target=writer, args=(server.url, stop, errors, stored)))
        for thread in threads:
            thread.start()
        time.sleep(SECONDS)
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
        with httpx.Client(base_url=server.url, timeout=30) as http:
            for feature_id, report_id in stored.items():
                got = http.get(f"/collections/events/items/{feature_id}")
                assert got.status_code == 200 and got.json()["properties"]["report_id"] == report_id
            total = http.get("/collections/events/items?limit=1").json()["numberMatched"]
    assert errors == []
    assert "database is locked" not in server.output()
    assert done["reads"] > 1000 and len(stored) >= 50
    assert total == 2500 + len(stored)
