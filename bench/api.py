"""The API against pygeoapi 0.21 on the same events, same machine, same number of workers.

    python bench/api.py [--events 100000] [--workers 2] [--concurrency 8] [--seconds 15]
                        [--cache DIR]

The synthetic events of ``bench/api_postgis.py`` (seeded) go into an SQLite store and, read
back from it, into a GeoPackage. ``geoevents serve --workers N --read-only`` serves the store;
pygeoapi 0.21 (installed on first run into its own virtualenv under the cache folder, run by
gunicorn with N workers) serves the GeoPackage. Each is read at a fixed concurrency over
loopback by an asyncio client (one process, a few percent of a core), for:

- ``items``: ``/collections/events/items?limit=100&bbox=...`` with 4x4 degree boxes (a few
  hundred matches each, so ``numberMatched`` is a real count);
- ``item``: ``/collections/events/items/{id}`` for random ids.

It prints requests/s with p50 and p99 latency for each server, and geoevents as a ratio
of pygeoapi measured in this same run. Targets: >= 10x pygeoapi's requests/s, p99 < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geopandas
from shapely.geometry import Point

from api_postgis import AREA, Server, free_port, geoevents_server, load_sqlite  # sibling benchmark
from geoevents.config import Settings
from geoevents.query import Query
from geoevents.store import open_store

PYGEOAPI = "pygeoapi==0.21.0"
#: Side of the items bbox in degrees: about 330 of 100,000 events fall in one.
BOX = 4.0
Paths = Callable[[random.Random], str]


# -- the client --


async def _get(port: int, conn: list, path: str) -> int:
    """One GET over the kept-alive connection in ``conn`` (re-opened when the server closes it)."""
    if not conn:
        conn[:] = await asyncio.open_connection("127.0.0.1", port)
    reader, writer = conn
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Accept: application/geo+json\r\n\r\n".encode()
    )
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:
        while size := int((await reader.readuntil(b"\r\n")).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    if headers.get("connection") == "close":
        writer.close()
        conn.clear()
    return status


async def _load(port: int, paths: Paths, concurrency: int, seconds: float) -> tuple:
    latencies: list[float] = []
    errors = 0
    measuring = False

    async def worker(seed: int, until: float) -> None:
        nonlocal errors
        rng, conn = random.Random(seed), []
        while time.perf_counter() < until:
            started = time.perf_counter()
            try:
                status = await _get(port, conn, paths(rng))
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status = 0
                conn.clear()
            if measuring:
                latencies.append(time.perf_counter() - started)
                errors += status != 200

    warmup = min(2.0, seconds / 5)
    start = time.perf_counter()
    tasks = [asyncio.create_task(worker(k, start + warmup + seconds)) for k in range(concurrency)]
    await asyncio.sleep(warmup)
    measuring, began = True, time.perf_counter()
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, cuts[49] * 1000, cuts[98] * 1000, errors


def hammer(port: int, paths: Paths, concurrency: int, seconds: float) -> tuple:
    """Requests/s, p50 ms, p99 ms and non-200 answers for ``seconds`` at ``concurrency``."""
    return asyncio.run(_load(port, paths, concurrency, seconds))


def items_path(rng: random.Random) -> str:
    minx, miny, maxx, maxy = AREA
    x, y = rng.uniform(minx, maxx - BOX), rng.uniform(miny, maxy - BOX)
    return f"/collections/events/items?limit=100&bbox={x:.3f},{y:.3f},{x + BOX:.3f},{y + BOX:.3f}"


# -- pygeoapi --


def extension_python() -> str:
    """A Python whose sqlite3 can load SpatiaLite, which pygeoapi's GeoPackage provider needs
    (some builds, pyenv's among them, leave extension loading out)."""
    probe = "import sqlite3; sqlite3.connect(':memory:').enable_load_extension(True)"
    for python in (sys.executable, "/usr/bin/python3"):
        if (
            Path(python).exists()
            and subprocess.run([python, "-c", probe], capture_output=True).returncode == 0
        ):
            return python
    raise SystemExit("no Python here has sqlite3 with extension loading (needed by pygeoapi)")


def pygeoapi_env(cache: Path) -> Path:
    """A virtualenv with pygeoapi and gunicorn, made once under ``cache``."""
    venv = cache / "pygeoapi-0.21.0"
    if not (venv / "bin" / "gunicorn").exists() or not (venv / "bin" / "pygeoapi").exists():
        print(f"  installing {PYGEOAPI} into {venv} ...", flush=True)
        subprocess.run([extension_python(), "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", PYGEOAPI, "gunicorn"], check=True
        )
    return venv


def write_geopackage(db: Path, gpkg: Path) -> int:
    """The store's events as a GeoPackage layer ``events`` whose fids are the event ids."""
    with open_store(db) as store:
        records = list(store.events(Query(order="id")))
    frame = geopandas.GeoDataFrame(
        {
            "report_id": [r.report_id for r in records],
            "text": [r.text for r in records],
            "event_date": [r.event_date.isoformat() for r in records],
            "event_type": [r.event_type for r in records],
            "place": [r.place_name for r in records],
            "country_code": [r.country_code for r in records],
            "precision": [r.precision for r in records],
        },
        geometry=[Point(r.lon, r.lat) for r in records],
        crs="EPSG:4326",
    )
    assert [r.id for r in records] == list(range(1, len(records) + 1)), "ids must be 1..N"
    frame.to_file(gpkg, layer="events", driver="GPKG", engine="pyogrio")
    return len(records)


CONFIG = """\
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: http://127.0.0.1:{port}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  language: en-US
  pretty_print: false
  limits: {{default_items: 1000, max_items: 10000}}
  map: {{url: "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png", attribution: OSM}}
logging: {{level: ERROR}}
metadata:
  identification:
    title: bench
    description: bench
    keywords: [bench]
    keywords_type: theme
    terms_of_service: https://example.org
    url: https://example.org
  license: {{name: CC-BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}}
  provider: {{name: bench, url: https://example.org}}
  contact: {{name: bench, position: bench, address: bench, city: bench, stateorprovince: bench,
            postalcode: "0", country: bench, phone: "0", fax: "0", email: bench@example.org,
            url: https://example.org, hours: always, instructions: none, role: pointOfContact}}
resources:
  events:
    type: collection
    title: Events
    description: Synthetic events
    keywords: [events]
    extents:
      spatial: {{bbox: [-180, -90, 180, 90], crs: "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}
    providers:
      - type: feature
        name: SQLiteGPKG
        data: {gpkg}
        id_field: fid
        table: events
"""


def pygeoapi_server(venv: Path, gpkg: Path, workers: int, folder: Path) -> Server:
    """pygeoapi on gunicorn over ``gpkg``, with its configuration and OpenAPI document in ``folder``."""
    port = free_port()
    config, openapi = folder / "pygeoapi.yml", folder / "pygeoapi-openapi.yml"
    config.write_text(CONFIG.format(port=port, gpkg=gpkg))
    env = {**os.environ, "PYGEOAPI_CONFIG": str(config), "PYGEOAPI_OPENAPI": str(openapi)}
    subprocess.run(
        [str(venv / "bin" / "pygeoapi"), "openapi", "generate", str(config),
         "--output-file", str(openapi)],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )
    command = [str(venv / "bin" / "gunicorn"), "--workers", str(workers),
               "--bind", f"127.0.0.1:{port}", "--log-level", "error", "pygeoapi.flask_app:APP"]
    return Server(command, port, "/collections/events/items?limit=1", env)


# -- the run --


def measure(server: Server, events: int, args: argparse.Namespace) -> dict[str, tuple]:
    """Each request kind hammered on ``server``, which is stopped afterwards."""
    scenarios: dict[str, Paths] = {
        "items": items_path,
        "item": lambda rng: f"/collections/events/items/{rng.randint(1, events)}",
    }
    try:
        return {
            name: hammer(server.port, paths, args.concurrency, args.seconds)
            for name, paths in scenarios.items()
        }
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes (both servers)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0, help="measured time per request")
    parser.add_argument("--seed", type=int, default=20220625)
    parser.add_argument(
        "--cache",
        type=Path,
        default=Settings.from_env().cache_dir / "bench",
        help="where pygeoapi's virtualenv is kept between runs",
    )
    args = parser.parse_args()

    venv = pygeoapi_env(args.cache)
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-api-") as tmp:
        folder = Path(tmp)
        db, gpkg = folder / "events.db", folder / "events.gpkg"
        rate = load_sqlite(db, args.events, args.seed)
        count = write_geopackage(db, gpkg)
        print(
            f"{count:,} events (stored at {rate:,.0f}/s); {args.workers} workers; "
            f"concurrency {args.concurrency}; {args.seconds:.0f} s per request",
            flush=True,
        )
        results = {
            "pygeoapi": measure(pygeoapi_server(venv, gpkg, args.workers, folder), count, args),
            "geoevents": measure(geoevents_server(str(db), args.workers), count, args),
        }
    print(
        f"\n  {'server':<10} {'request':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}"
    )
    for name, scenarios in results.items():
        for request, (rps, p50, p99, errors) in scenarios.items():
            print(f"  {name:<10} {request:<6} {rps:>8,.0f} {p50:>8.1f} {p99:>8.1f} {errors:>6}")
    for request in ("items", "item"):
        ours, theirs = results["geoevents"][request], results["pygeoapi"][request]
        ratio = ours[0] / theirs[0] if theirs[0] else float("inf")
        verdict = "meets" if ratio >= 10 and ours[2] < 50 else "misses"
        print(
            f"  {request}: geoevents/pygeoapi requests/s {ratio:.1f}x, p99 {ours[2]:.1f} ms "
            f"({verdict} the >= 10x, p99 < 50 ms target)"
        )


if __name__ == "__main__":
    main()
