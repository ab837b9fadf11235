"""The API over PostGIS against the API over SQLite, at a million events.

    python bench/api_postgis.py [--events 1000000] [--server URL] [--workers 2]
                                [--concurrency 8] [--seconds 15] [--skip-sqlite]
                                [--cluster] [--keep]

The same synthetic events (seeded, so both stores hold identical rows and ids) go into an
SQLite file through ``Store.add`` and into a throwaway PostGIS database through COPY. Each
store is then served by ``geoevents serve --workers N --read-only`` and read at a fixed
concurrency over keep-alive connections, for two requests:

- ``items``: ``/collections/events/items?limit=100&bbox=...`` with bench/api.py's 4x4 degree
  boxes (about 3,300 matches each at a million events: ``numberMatched`` is a real count);
- ``item``: ``/collections/events/items/{id}`` for random ids.

It prints requests/s with p50 and p99 latency for each, and PostGIS as a ratio of SQLite
measured in this same run. The client and the two requests are those of ``bench/api.py``.
The database is dropped at the end unless ``--keep`` is given.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from gazetteer import Place
from geoevents.imports.rows import imported
from geoevents.store import Imported, open_store

GEOEVENTS = str(Path(sys.executable).with_name("geoevents"))
TYPES = ("armed_clash", "missile_strike", "air_strike", "drone_strike", "shelling", "protest",
         "disaster", "diplomacy", "other")
#: Events fall in Europe, Africa and the Middle East: lon -20..60, lat 0..60.
AREA = (-20.0, 0.0, 60.0, 60.0)
PLACES = 50_000
DAY_ONE = date(2022, 1, 1)


# -- the events --


def places(rng: random.Random) -> list[Place]:
    minx, miny, maxx, maxy = AREA
    return [
        Place(f"bench:{k}", f"Place {k}", "city", "ZZ", "Bench", 1000 + k,
              round(rng.uniform(miny, maxy), 5), round(rng.uniform(minx, maxx), 5))
        for k in range(PLACES)
    ]


def synthetic(count: int, seed: int) -> Iterator[Imported]:
    """``count`` events at ``PLACES`` places over two years; the same seed, the same events."""
    rng = random.Random(seed)
    spots = places(rng)
    for i in range(count):
        place = spots[rng.randrange(PLACES)]
        day = DAY_ONE + timedelta(days=rng.randrange(730))
        kind = TYPES[i % len(TYPES)]
        yield imported(
            origin="bench", row_id=f"b{i}", text=f"Bench report {i}: {kind} near {place.name}.",
            title=None, source="https://example.org/bench", published=day, event_date=day,
            event_type=kind, place=place, extra={},
        )


def load_sqlite(path: Path, count: int, seed: int) -> float:
    """Store.add in batches of 50,000; returns events/s."""
    started = time.perf_counter()
    with open_store(path) as store:
        batch: list[Imported] = []
        for item in synthetic(count, seed):
            batch.append(item)
            if len(batch) == 50_000:
                store.add(batch)
                batch.clear()
        store.add(batch)
    return count / (time.perf_counter() - started)


def cluster(url: str) -> float:
    """Rewrite the events table in GiST order, as the README suggests after a bulk load."""
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CLUSTER events USING events_geom")
        conn.execute("ANALYZE events")
    return time.perf_counter() - started


def load_postgis(url: str, count: int, seed: int) -> float:
    """COPY straight into the migrated tables with the ids SQLite gives (1, 2, ...)."""
    open_store(url).close()
    started = time.perf_counter()
    used: set[str] = set()
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy("COPY reports (id, content_hash, report_id, text, title, source,"
                      " published) FROM STDIN") as copy:
            for n, item in enumerate(synthetic(count, seed), start=1):
                r = item.event.report
                copy.write_row((n, bytes.fromhex(item.content_hash), r.id, r.text, r.title,
                                r.source, r.published))
                used.add(item.place.id)
        with cur.copy("COPY places (id, name, kind, country_code, admin1, population, geom)"
                      " FROM STDIN") as copy:
            for p in places(random.Random(seed)):
                if p.id in used:
                    copy.write_row((p.id, p.name, p.kind, p.country_code, p.admin1,
                                    p.population, _ewkt(p.lon, p.lat)))
        with cur.copy("COPY events (id, event_date, date_precision, event_type, confidence,"
                      " geom, place_id, place_name, place_kind, country_code, admin1, precision,"
                      " origin) FROM STDIN") as copy:
            for n, item in enumerate(synthetic(count, seed), start=1):
                e, loc = item.event, item.event.location
                copy.write_row((n, e.event_date, e.date_precision, e.event_type, e.confidence,
                                _ewkt(loc.lon, loc.lat), loc.place_id, loc.name, loc.kind,
                                loc.country_code, item.place.admin1, loc.precision,
                                item.origin))
        cur.execute("SELECT setval(pg_get_serial_sequence('reports', 'id'), %s)", (count,))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return count / (time.perf_counter() - started)


def _ewkt(lon: float, lat: float) -> str:
    return f"SRID=4326;POINT({lon!r} {lat!r})"


# -- the server and its load --


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server in a subprocess of our own: ready once ``ready_path`` answers 200, stopped by pid."""

    def __init__(
        self, command: list[str], port: int, ready_path: str, env: dict[str, str] | None = None
    ) -> None:
        self.port = port
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        name = Path(command[0]).name
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{name} stopped: {self.process.stderr.read()}")
            try:
                if status_of(port, ready_path) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"{name} did not start within 120 s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def geoevents_server(db: str, workers: int) -> Server:
    """``geoevents serve``, read-only, over ``db``."""
    port = free_port()
    command = [GEOEVENTS, "serve", "--db", db, "--workers", str(workers), "--port", str(port),
               "--read-only"]
    return Server(command, port, "/health")


def status_of(port: int, path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def measure(db: str, label: str, events: int, args: argparse.Namespace) -> dict[str, tuple]:
    """The API benchmark's own client and requests (bench/api.py), against ``db``."""
    import api  # bench/api.py: loaded late, as it imports this module

    server = geoevents_server(db, args.workers)
    print(f"  {label}: serving", flush=True)
    return api.measure(server, events, args)


def throwaway_database(server: str) -> tuple[str, str]:
    name = f"geoevents_bench_{os.getpid()}_{secrets.token_hex(2)}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(server)
    return name, urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--server", default=os.environ.get(
        "GEOEVENTS_TEST_POSTGIS", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server with PostGIS; a throwaway database is made on it")
    parser.add_argument("--workers", type=int, default=2, help="API worker processes (both stores)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0, help="measured time per request")
    parser.add_argument("--seed", type=int, default=20220625)
    parser.add_argument("--skip-sqlite", action="store_true", help="PostGIS figures only")
    parser.add_argument("--cluster", action="store_true",
                        help="CLUSTER the events by location after loading them")
    parser.add_argument("--keep", action="store_true", help="keep the database and SQLite file")
    args = parser.parse_args()

    name, url = throwaway_database(args.server)
    folder = Path(tempfile.mkdtemp(prefix="geoevents-bench-"))
    results: dict[str, dict[str, tuple]] = {}
    try:
        print(f"{args.events:,} events; {args.workers} workers; concurrency {args.concurrency}",
              flush=True)
        rate = load_postgis(url, args.events, args.seed)
        print(f"  PostGIS: COPY loaded {rate:,.0f} events/s", flush=True)
        if args.cluster:
            print(f"  PostGIS: CLUSTER took {cluster(url):.1f} s", flush=True)
        results["PostGIS"] = measure(url, "PostGIS", args.events, args)
        if not args.skip_sqlite:
            path = folder / "bench.db"
            rate = load_sqlite(path, args.events, args.seed)
            print(f"  SQLite: Store.add loaded {rate:,.0f} events/s", flush=True)
            results["SQLite"] = measure(str(path), "SQLite", args.events, args)
    finally:
        if args.keep:
            print(f"kept {url} and {folder}")
        else:
            drop_database(args.server, name)
            for f in folder.glob("*"):
                f.unlink()
            folder.rmdir()
    print(f"\n  {'store':<8} {'request':<6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for store, scenarios in results.items():
        for request, (rps, p50, p99, errors) in scenarios.items():
            print(f"  {store:<8} {request:<6} {rps:>8,.0f} {p50:>8.1f} {p99:>8.1f} {errors:>6}")
    if "SQLite" in results:
        for request in ("items", "item"):
            ratio = results["PostGIS"][request][0] / results["SQLite"][request][0]
            print(f"  PostGIS/SQLite requests/s, {request}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
