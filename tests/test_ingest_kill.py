"""SIGKILL an ingest at arbitrary moments: the store stays whole and a rerun completes it."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

PLACES = ("Kharkiv", "Odesa", "Lviv", "Dnipro", "Zaporizhzhia", "Kherson", "Sumy", "Poltava",
          "Aleppo", "Khartoum", "Mogadishu", "Kabul", "Bamako", "Goma", "Mosul", "Idlib")
SENTENCES = (
    "Report {n}: artillery fire hit the outskirts of {place} overnight.",
    "Report {n}: hundreds of people marched through central {place}.",
    "Report {n}: a drone struck a fuel depot near {place}, officials said.",
    "Report {n}: envoys met in {place} to discuss a prisoner exchange.",
    "Report {n}: the situation was unchanged, a spokesman said.",
)
REPORTS = 3000
INGEST = [sys.executable, "-c", "from geoevents.cli import main; main()", "ingest"]


def write_reports(path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for n in range(REPORTS):
            text = SENTENCES[n % len(SENTENCES)].format(n=n, place=PLACES[n % len(PLACES)])
            f.write(json.dumps({"id": f"k{n}", "text": text, "published": "2022-06-25"}) + "\n")


def stored(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def kill_when_stored(command: list[str], db, at_least: int) -> None:
    """Start the ingest and SIGKILL it once ``at_least`` events are committed."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while stored(db) < at_least:
            assert process.poll() is None, "ingest finished before it could be killed"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()


def test_sigkilled_ingest_reruns_to_exactly_one_copy_of_each_report(tmp_path):
    source, db = tmp_path / "reports.jsonl", tmp_path / "events.db"
    write_reports(source)
    command = [*INGEST, str(source), "--db", str(db), "--batch-size", "100"]
    kill_when_stored(command, db, at_least=1)
    first = stored(db)
    kill_when_stored(command, db, at_least=first + 250)
    assert 0 < first < stored(db) < REPORTS

    committed = stored(db)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert f"stored {REPORTS - committed}, duplicates {committed}," in finished.stdout

    with sqlite3.connect(db) as conn:

        def one(sql: str) -> object:
            return conn.execute(sql).fetchone()[0]

        assert one("PRAGMA integrity_check") == "ok"
        assert one("SELECT count(*) FROM events") == REPORTS
        assert one("SELECT count(DISTINCT report_id) FROM reports") == REPORTS
        assert one("SELECT count(*) FROM reports") == REPORTS
        assert one("SELECT count(*) FROM events_rtree") == one(
            "SELECT count(*) FROM events WHERE lat IS NOT NULL")
        assert one("SELECT count(*) FROM toponyms_rtree") == one(
            "SELECT count(*) FROM toponyms WHERE lat IS NOT NULL")
        orphans = "SELECT count(*) FROM toponyms WHERE event_id NOT IN (SELECT id FROM events)"
        assert one(orphans) == 0
        conn.execute("INSERT INTO reports_fts (reports_fts) VALUES ('integrity-check')")
        drones = "SELECT count(*) FROM reports_fts WHERE reports_fts MATCH 'drone'"
        assert one(drones) == REPORTS // 5

