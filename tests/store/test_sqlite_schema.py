"""The SQLite file itself: created from nothing, upgraded in steps, refused when foreign."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.query import Query
from geoevents.store import StoreError, open_store
from geoevents.store.sqlite_schema import LATEST, MIGRATIONS
from tests.store.samples import EVENTS


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_an_empty_file_gets_the_whole_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    with open_store(path) as store:
        assert store.schema_version() == LATEST
    names = tables(path)
    assert {"reports", "events", "toponyms", "places", "schema_version"} <= names
    assert {"events_rtree", "toponyms_rtree", "reports_fts"} <= names
    assert {"events_date", "events_type"} <= names
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        steps = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [s[0] for s in steps] == [m.version for m in MIGRATIONS]


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path):
    path = tmp_path / "events.db"
    with open_store(path) as store:
        ids = store.add(EVENTS).ids
    with open_store(f"sqlite:///{path}") as store:
        assert store.count(Query()) == len(EVENTS)
        assert [store.event(i).report_id for i in ids] == [e.report.id for e in EVENTS]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "future.db"
    open_store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version (version, description) VALUES (?, 'future')",
                     (LATEST + 1,))
    with pytest.raises(StoreError, match="newer than this geoevents"):
        open_store(path)


def test_without_migration_a_missing_or_unmigrated_file_is_refused_and_not_created(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="no store at"):
        open_store(missing, migrate=False)
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="geoevents db migrate"):
        open_store(empty, migrate=False)


@pytest.mark.parametrize("target", ["not-a-db.txt", "missing-folder/events.db", "ftp://x/y"])
def test_unusable_targets_give_a_store_error(tmp_path, target):
    (tmp_path / "not-a-db.txt").write_text("hello, this is not SQLite\n" * 100)
    location = target if "://" in target else str(tmp_path / target)
    with pytest.raises(StoreError):
        open_store(location)


def test_db_migrate_command_creates_and_reports_the_version(tmp_path):
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["db", "migrate", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert f"schema version {LATEST}" in result.output
    assert "events" in tables(path)


def test_db_migrate_command_reads_geoevents_db_and_fails_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOEVENTS_DB", str(tmp_path / "env.db"))
    assert CliRunner().invoke(main, ["db", "migrate"]).exit_code == 0
    assert (tmp_path / "env.db").exists()
    result = CliRunner().invoke(main, ["db", "migrate", "--db", str(tmp_path / "no" / "x.db")])
    assert result.exit_code == 1
    assert "does not exist" in result.output and "Traceback" not in result.output
