"""Ingest: geoparse and store in batches, idempotently, as a library call and as a command."""

from __future__ import annotations

import gc
import json
import sqlite3
from datetime import date

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.errors import InputError
from geoevents.geoparse import Geoparser
from geoevents.ingest import ingest, ingest_files
from geoevents.model import Report
from geoevents.query import Query
from geoevents.store import open_store
from tests.store.samples import acled_row

LIVEBLOG = """\
A day of strikes and talks
20220625
https://example.org/liveblog/2022-06-25
Air-raid sirens sounded across Kharkiv after two missiles hit an industrial district.
Ministers from twelve countries met in Vienna to talk about grain exports.
Farmers blocked a motorway near Warsaw in protest at fuel prices.
A spokesman repeated that the talks would go on next week.
Flooding in Dhaka left thousands of households without power.
"""


@pytest.fixture(scope="module")
def geoparser() -> Geoparser:
    return Geoparser()


@pytest.fixture
def liveblog(tmp_path):
    path = tmp_path / "day.txt"
    path.write_text(LIVEBLOG, encoding="utf-8")
    return path


def test_ingesting_a_liveblog_stores_located_dated_typed_events(tmp_path, liveblog, geoparser):
    with open_store(tmp_path / "events.db") as store:
        summary = ingest_files([liveblog], store, geoparser=geoparser)
        assert (summary.read, summary.stored, summary.duplicates) == (5, 5, 0)
        assert summary.unlocated == 1  # the spokesman's line names no place
        kharkiv = next(store.events(Query(place="Kharkiv")))
        assert kharkiv.lat == pytest.approx(49.98, abs=0.1)
        assert kharkiv.lon == pytest.approx(36.25, abs=0.1)
        assert kharkiv.country_code == "UA"
        assert kharkiv.event_date == date(2022, 6, 25)
        assert kharkiv.source == "https://example.org/liveblog/2022-06-25"
        assert store.count(Query(countries=("AT",))) == 1
        assert store.count(Query(located_only=True)) == 4


def test_ingesting_twice_gives_the_same_counts(tmp_path, liveblog, geoparser):
    db = tmp_path / "events.db"
    with open_store(db) as store:
        first = ingest_files([liveblog], store, geoparser=geoparser, batch_size=2)
        before = (store.count(Query()), store.count_toponyms(Query()), store.count_places(Query()))
    with open_store(db) as store:
        again = ingest_files([liveblog], store, geoparser=geoparser, batch_size=2)
        after = (store.count(Query()), store.count_toponyms(Query()), store.count_places(Query()))
    assert (first.stored, again.stored, again.duplicates) == (5, 0, 5)
    assert before == after and before[0] == 5


class CountingGeoparser:
    """The real geoparser, counting the reports it is asked to parse."""

    def __init__(self, inner: Geoparser) -> None:
        self.inner = inner
        self.parsed = 0

    def parse_many(self, reports):
        reports = list(reports)
        self.parsed += len(reports)
        return self.inner.parse_many(reports)


def test_a_rerun_does_not_geoparse_what_is_stored(tmp_path, liveblog, geoparser):
    counting = CountingGeoparser(geoparser)
    with open_store(tmp_path / "events.db") as store:
        ingest_files([liveblog], store, geoparser=counting)
        ingest_files([liveblog], store, geoparser=counting)
    assert counting.parsed == 5


def test_library_call_returns_the_stored_records_in_input_order(tmp_path, geoparser):
    reports = [
        Report("p1", "Protesters gathered outside parliament in Tbilisi.",
               published=date(2022, 6, 20)),
        Report("p2", "Shelling was reported in Mykolaiv overnight.", published=date(2022, 6, 21)),
    ]
    with open_store(tmp_path / "events.db") as store:
        first = ingest(reports + [acled_row("UKR1")], store, geoparser=geoparser, keep=True)
        assert [e.report_id for e in first.events] == ["p1", "p2", "UKR1"]
        assert first.events[0].place_name == "Tbilisi" and first.events[0].country_code == "GE"
        assert first.events[2].origin == "acled"
        again = ingest(reports[::-1], store, geoparser=geoparser, keep=True)
        assert (again.summary.stored, again.summary.duplicates) == (0, 2)
        assert [e.id for e in again.events] == [first.events[1].id, first.events[0].id]
        assert store.event(first.events[1].id).text == reports[1].text


def test_a_bad_line_stops_after_whole_batches_and_a_rerun_finishes(tmp_path, geoparser):
    path = tmp_path / "reports.jsonl"
    good = [{"id": f"r{i}", "text": f"Explosions were heard in Odesa, report {i}."}
            for i in range(5)]
    lines = [json.dumps(r) for r in good[:3]] + ['{"id": "broken", "text": '] + [
        json.dumps(r) for r in good[3:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "events.db"
    with open_store(db) as store:
        with pytest.raises(InputError) as stopped:
            ingest_files([path], store, geoparser=geoparser, batch_size=2)
        assert stopped.value.line == 4
        assert store.count(Query()) == 2  # the first whole batch, nothing of the second
        summary = ingest_files([path], store, geoparser=geoparser, skip_bad=True, batch_size=2)
        assert (summary.stored, summary.duplicates, summary.bad_lines) == (3, 2, 1)
        assert sorted(e.report_id for e in store.events(Query())) == [r["id"] for r in good]


def test_cli_ingest_prints_a_summary_and_honours_geoevents_db(tmp_path, liveblog, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("GEOEVENTS_DB", str(db))
    result = CliRunner().invoke(main, ["ingest", str(liveblog)])
    assert result.exit_code == 0, result.output
    assert "read 5, stored 5, duplicates 0, unlocated 1, bad lines 0" in result.output
    again = CliRunner().invoke(main, ["ingest", str(liveblog), "--batch-size", "2"])
    assert "read 5, stored 0, duplicates 5" in again.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == 5


def test_cli_ingest_reports_bad_input_plainly(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Shelling in Kherson."}\nnot json\n', encoding="utf-8")
    db = str(tmp_path / "events.db")
    stopped = CliRunner().invoke(main, ["ingest", str(bad), "--db", db])
    assert stopped.exit_code == 1
    assert f"{bad}:2: invalid JSON" in stopped.output
    assert "Traceback" not in stopped.output
    skipped = CliRunner().invoke(main, ["ingest", str(bad), "--db", db, "--skip-bad"])
    assert skipped.exit_code == 0
    assert f"skipped {bad}:2" in skipped.output and "bad lines 1" in skipped.output
    missing = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.txt"), "--db", db])
    assert missing.exit_code == 1 and "no such file" in missing.output
    unknown = CliRunner().invoke(main, ["ingest", str(bad), "--db", db, "--format", "xml"])
    assert unknown.exit_code == 2 and "'xml' is not one of" in unknown.output


def test_cli_ingest_error_comes_first_and_the_rerun_hint_only_for_a_bad_line(tmp_path):
    db = str(tmp_path / "events.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "Shelling in Kherson."}\nnot json\n', encoding="utf-8")
    stopped = CliRunner().invoke(main, ["ingest", str(bad), "--db", db])
    assert stopped.exit_code == 1
    lines = stopped.output.strip().splitlines()
    assert lines[0].startswith(f"Error: {bad}:2: invalid JSON")
    assert lines[1].startswith("Fix the line (or pass --skip-bad)")
    missing = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope.txt"), "--db", db])
    assert missing.exit_code == 1
    assert missing.output.strip().splitlines() == [f"Error: {tmp_path / 'nope.txt'}: no such file or directory"]


def test_ingest_files_leaves_cycle_collection_as_it_found_it(tmp_path, geoparser):
    path = tmp_path / "reports.jsonl"
    path.write_text('{"id": "a", "text": "Shelling in Kherson."}\nnot json\n', encoding="utf-8")
    with open_store(tmp_path / "events.db") as store:
        with pytest.raises(InputError):
            ingest_files([path], store, geoparser=geoparser)
        assert gc.isenabled()
        gc.disable()
        try:
            ingest_files([path], store, geoparser=geoparser, skip_bad=True)
            assert not gc.isenabled()
        finally:
            gc.enable()
        assert store.count(Query()) == 1
