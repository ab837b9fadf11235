"""How fast the store takes events in and answers bbox + date queries, as ratios.

    python bench/store.py [--sizes 10000,100000,1000000] [--reports 2000] [--acled-rows 100000]
                          [--seed-dir DIR] [--keep DIR]

Three measurements, each against a baseline run in this same process:

1. Ingest with geoparsing (reports/s): ``ingest_files`` over a liveblog of N reports
   (sentences from examples/, or from the liveblogs in --seed-dir), against geoparsing the
   same reports without storing them: the ratio is what storing costs.
2. ACLED import (rows/s): ``ingest_files`` over a synthetic ACLED export, against only
   reading and parsing its rows.
3. Query latency at each size: events are bulk-added through ``Store.add``, then a bbox +
   date query sized to return about 100 events is timed (median of repeated runs) through
   ``Store.events`` and ``Store.count``, against the same filter answered by a plain table
   scan that ignores the R-tree and every index.
"""

from __future__ import annotations

import argparse
import csv
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from gazetteer import Place
from geoevents.geoparse import Geoparser
from geoevents.imports.rows import imported
from geoevents.ingest import ingest_files
from geoevents.query import Query
from geoevents.readers import read_reports
from geoevents.store import Imported, open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TYPES = ("armed_clash", "missile_strike", "air_strike", "drone_strike", "shelling", "protest",
         "disaster", "diplomacy", "other")
YEAR_START = date(2022, 1, 1)
TARGET_HITS = 100


def sentences(seed_dir: Path | None) -> list[str]:
    files = sorted(seed_dir.glob("*.txt")) if seed_dir else [EXAMPLES / "liveblog-sample.txt"]
    lines = [line for f in files for line in f.read_text("utf-8").splitlines()[3:] if line.strip()]
    if not lines:
        raise SystemExit("no report lines found")
    return lines


def write_liveblog(path: Path, lines: list[str], count: int) -> None:
    """``count`` distinct reports (numbered, so none is a duplicate of another)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("Store benchmark\n20220625\nhttps://example.org/bench\n")
        out.writelines(f"Update {i}: {lines[i % len(lines)]}\n" for i in range(count))


def write_acled(path: Path, rows: int, rng: random.Random) -> None:
    header = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country",
              "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
              "fatalities"]
    kinds = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"),
             ("Explosions/Remote violence", "Shelling/artillery/missile attack")]
    # Like a real export: many events share a few thousand coded locations.
    villages = [(f"Village {v}", f"{rng.uniform(44, 52):.4f}", f"{rng.uniform(22, 40):.4f}")
                for v in range(5000)]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for i in range(rows):
            kind, sub = kinds[i % len(kinds)]
            day = YEAR_START + timedelta(days=rng.randrange(365))
            name, lat, lon = rng.choice(villages)
            writer.writerow([
                f"BEN{i}", day.isoformat(), kind, sub, "Actor", "Ukraine", "Kharkiv", name, lat,
                lon, rng.choice("123"), "Bench source",
                f"Synthetic event number {i}: fighting was reported near {name}.",
                str(rng.randrange(5)),
            ])


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def timed(run: Callable[[], object]) -> float:
    """Wall-clock seconds of one run."""
    return timed_cpu(run)[0]


def timed_cpu(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run (CPU time is steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def bench_ingest(folder: Path, lines: list[str], reports: int) -> None:
    source = folder / "liveblog.txt"
    write_liveblog(source, lines, reports)
    parser = Geoparser()

    def parse() -> int:
        return sum(1 for _ in parser.parse_many(read_reports(source)))

    def ingest_once(path: Path) -> float:
        with open_store(path) as store:
            return timed(lambda: ingest_files([source], store, geoparser=parser))

    parse()  # warm the gazetteer and the geoparser's caches before either timing
    # Best of three each, every ingest into a new file.
    parse_only = min(timed(parse) for _ in range(3))
    ingest_time = min(ingest_once(folder / f"ingest{i}.db") for i in range(3))
    print(f"ingest with geoparsing, {reports:,} reports (best of 3):")
    print(f"  geoparse only (baseline) {rate(reports, parse_only):10,.0f} reports/s")
    print(f"  ingest into SQLite       {rate(reports, ingest_time):10,.0f} reports/s"
          f"   time ratio {ingest_time / parse_only:.2f}x")


def bench_acled(folder: Path, rows: int, rng: random.Random) -> None:
    source = folder / "acled.csv"
    write_acled(source, rows, rng)
    read_only, read_cpu = timed_cpu(lambda: sum(1 for _ in read_reports(source, "acled")))
    with open_store(folder / "acled.db") as store:
        import_time, import_cpu = timed_cpu(lambda: ingest_files([source], store))
    print(f"ACLED import, {rows:,} rows (rows/s by wall clock, and by CPU time):")
    print(f"  read + parse (baseline)  {rate(rows, read_only):10,.0f}"
          f" {rate(rows, read_cpu):10,.0f}")
    print(f"  import into SQLite       {rate(rows, import_time):10,.0f}"
          f" {rate(rows, import_cpu):10,.0f}"
          f"   time ratio {import_time / read_only:.2f}x   (target >= 20,000 rows/s)")


def synthetic(count: int, start: int, rng: random.Random) -> Iterator[Imported]:
    """Events spread uniformly over the world and over one year."""
    for i in range(start, start + count):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        day = YEAR_START + timedelta(days=rng.randrange(365))
        place = Place(f"bench:{i}", f"Place {i}", "city", "UA", None, 0, lat, lon)
        yield imported(origin="bench", row_id=str(i), text=f"Synthetic event {i}.", title=None,
                       source=None, published=day, event_date=day,
                       event_type=TYPES[i % len(TYPES)], place=place, extra={})


def median_ms(run: Callable[[], object], repeat: int) -> float:
    return statistics.median(timed(run) for _ in range(repeat)) * 1000


def scan(path: Path, query: Query) -> Callable[[], int]:
    """The same bbox + date filter as a plain scan of the events table: no R-tree, no index."""
    minx, miny, maxx, maxy = query.bbox
    sql = ("SELECT e.*, r.text FROM events e NOT INDEXED JOIN reports r ON r.id = e.id"
           " WHERE e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?"
           " AND e.event_date BETWEEN ? AND ? ORDER BY e.event_date DESC")
    params = (miny, maxy, minx, maxx, query.start.isoformat(), query.end.isoformat())
    conn = sqlite3.connect(path)
    return lambda: len(conn.execute(sql, params).fetchall())


def bench_queries(folder: Path, sizes: list[int], rng: random.Random, repeat: int) -> None:
    path = folder / "query.db"
    print("bbox + date query, ~100 events returned (median ms):")
    heads = ("events", "returned", "events()", "count()", "scan", "ratio")
    print("  " + " ".join(f"{h:>{w}}" for h, w in zip(heads, (9, 8, 9, 8, 9, 7))))
    loaded = 0
    with open_store(path) as store:
        for size in sizes:
            load = timed(lambda: _load(store, size - loaded, loaded, rng))
            loaded = size
            # Half the year, and a square whose area holds ~2x TARGET_HITS events.
            side = (360 * 180 * 2 * TARGET_HITS / size) ** 0.5
            lon, lat = rng.uniform(-170, 170 - side), rng.uniform(-80, 80 - side)
            query = Query(bbox=(lon, lat, lon + side, lat + side),
                          start=date(2022, 3, 1), end=date(2022, 8, 30), limit=1000)
            hits = sum(1 for _ in store.events(query))
            events_ms = median_ms(lambda: list(store.events(query)), repeat)
            count_ms = median_ms(lambda: store.count(query), repeat)
            scan_ms = median_ms(scan(path, query), max(3, repeat // 10))
            print(f"  {size:>9,} {hits:>8} {events_ms:>9.2f} {count_ms:>8.2f} {scan_ms:>9.1f}"
                  f" {scan_ms / events_ms:>6.0f}x   (bulk load {rate(size, load):,.0f} events/s)")


def _load(store, count: int, start: int, rng: random.Random) -> None:
    batch = 50_000
    for offset in range(0, count, batch):
        store.add(synthetic(min(batch, count - offset), start + offset, rng))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="store sizes for the query benchmark (comma-separated)")
    parser.add_argument("--reports", type=int, default=2000, help="reports to geoparse and ingest")
    parser.add_argument("--acled-rows", type=int, default=100_000, help="rows in the ACLED export")
    parser.add_argument("--repeat", type=int, default=50, help="runs per query timing")
    parser.add_argument("--seed-dir", type=Path, default=None,
                        help="take report sentences from the liveblogs in this folder")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the benchmark files here instead of a temporary folder")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(20220625)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        bench_ingest(folder, sentences(args.seed_dir), args.reports)
        bench_acled(folder, args.acled_rows, rng)
        bench_queries(folder, sizes, rng, args.repeat)


if __name__ == "__main__":
    main()
