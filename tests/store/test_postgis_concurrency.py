"""Several processes writing to one PostGIS database at once store each report exactly once."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.query import Query
from geoevents.store import open_store
from tests.store.samples import APIA, DESNA, KHARKIV, KYIV, SUVA, geoparsed

pytestmark = [pytest.mark.postgis, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
GEOEVENTS = str(Path(sys.executable).with_name("geoevents"))
PLACES = ["Kharkiv", "Odesa", "Kherson", "Zaporizhzhia", "Dnipro", "Sumy", "Mykolaiv",
          "Chernihiv", "Poltava", "Izium"]


def write_reports(path: Path, numbers: range) -> None:
    """JSON Lines reports of our own, each naming one Ukrainian city."""
    with path.open("w", encoding="utf-8") as out:
        for n in numbers:
            city = PLACES[n % len(PLACES)]
            record = {
                "id": f"r{n}",
                "text": f"Bulletin {n}: shelling damaged houses in {city} overnight.",
                "published": f"2024-03-{1 + n % 28:02d}",
                "source": "https://example.org/bulletins",
            }
            out.write(json.dumps(record) + "\n")


def duplicated_texts(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT text, count(*) FROM reports GROUP BY text HAVING count(*) > 1"
        ).fetchall()


def test_four_ingest_processes_store_each_report_once(tmp_path, postgis_url):
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    write_reports(first, range(0, 240))
    write_reports(second, range(160, 400))  # 80 reports in both files
    runs = [[first], [first], [second], [second, first]]
    procs = [
        subprocess.Popen(
            [GEOEVENTS, "ingest", *map(str, files), "--db", postgis_url, "--batch-size", "16"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for files in runs
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    stored = sum(int(out.split("stored ")[1].split(",")[0]) for out, _ in outputs)
    assert stored == 400  # the processes' own summaries agree: 400 stored between them

    # One process ingesting both files into SQLite is the reference.
    reference = str(tmp_path / "reference.db")
    ingested = CliRunner().invoke(main, ["ingest", str(first), str(second), "--db", reference])
    assert ingested.exit_code == 0, ingested.output
    with open_store(postgis_url) as store, open_store(reference) as single:
        assert store.count(Query()) == single.count(Query()) == 400
        assert store.count_toponyms(Query()) == single.count_toponyms(Query())
        assert store.count_places(Query()) == single.count_places(Query())
        records = list(store.events(Query(order="id")))
        assert sorted(map(located, records)) == sorted(map(located, single.events(Query())))
    assert len({r.id for r in records}) == 400
    assert duplicated_texts(postgis_url) == []
    kharkiv = next(r for r in records if r.report_id == "r0")
    assert (kharkiv.place_name, kharkiv.country_code) == ("Kharkiv", "UA")


def located(record) -> tuple:
    return (record.report_id, record.text, record.lat, record.lon, record.event_type)


# -- the store alone, with writers racing over the same reports in opposite orders --

SAMPLE_PLACES = (KYIV, KHARKIV, DESNA, SUVA, APIA)


def sample_events() -> list:
    """300 located events, each with one more place mentioned: 600 toponyms in all."""
    events = []
    for n in range(300):
        place = SAMPLE_PLACES[n % len(SAMPLE_PLACES)]
        other = SAMPLE_PLACES[(n + 1) % len(SAMPLE_PLACES)]
        text = f"Note {n} on events near {place.name}, as heard in {other.name}."
        events.append(geoparsed(f"s{n}", text, place, date(2024, 1, 1 + n % 28), mentions=(other,)))
    return events


def write_shuffled(url: str, seed: int) -> None:
    """Add every sample event in batches of 25, in an order of this writer's own."""
    events = sample_events()
    random.Random(seed).shuffle(events)
    with open_store(url) as store:
        for start in range(0, len(events), 25):
            store.add(events[start:start + 25])


def test_racing_writers_in_opposite_orders_agree_on_one_copy_and_its_id(postgis_url):
    open_store(postgis_url).close()
    code = "import sys; from tests.store.test_postgis_concurrency import write_shuffled as w; " \
           "w(sys.argv[1], int(sys.argv[2]))"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, postgis_url, str(seed)], cwd=ROOT,
                         stderr=subprocess.PIPE, text=True)
        for seed in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    with open_store(postgis_url) as store:
        assert store.count(Query()) == 300
        assert store.count_toponyms(Query()) == 600
        assert store.count_places(Query()) == len(SAMPLE_PLACES)
        again = store.add(sample_events())
        assert (again.stored, again.duplicates) == (0, 300)
        assert [store.event(i).report_id for i in again.ids] == [f"s{n}" for n in range(300)]
    assert duplicated_texts(postgis_url) == []
