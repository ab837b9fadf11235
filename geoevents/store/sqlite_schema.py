"""The SQLite schema as numbered migration steps; a store file records the last step applied.

Steps are append-only: a released step never changes, a new need is a new step.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

from geoevents.store.base import StoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "reports, events, toponyms, places; R-tree points; date/type indexes; full text",
        """
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            content_hash BLOB NOT NULL UNIQUE,
            report_id TEXT NOT NULL,
            text TEXT NOT NULL,
            title TEXT,
            source TEXT,
            published TEXT
        );
        CREATE TABLE places (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            country_code TEXT,
            admin1 TEXT,
            population INTEGER NOT NULL DEFAULT 0,
            lat REAL NOT NULL,
            lon REAL NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX places_name ON places(name COLLATE NOCASE);
        -- An event shares its id with its report: one report, one event.
        CREATE TABLE events (
            id INTEGER PRIMARY KEY REFERENCES reports(id),
            event_date TEXT,
            date_precision TEXT,
            event_type TEXT NOT NULL,
            confidence REAL NOT NULL,
            lat REAL,
            lon REAL,
            place_id TEXT,
            place_name TEXT,
            place_kind TEXT,
            country_code TEXT,
            admin1 TEXT,
            precision TEXT,
            origin TEXT NOT NULL,
            extra TEXT
        );
        CREATE INDEX events_date ON events(event_date);
        CREATE INDEX events_type ON events(event_type, event_date);
        CREATE INDEX events_country ON events(country_code, event_date);
        CREATE INDEX events_place_id ON events(place_id);
        CREATE VIRTUAL TABLE events_rtree USING rtree(id, minlon, maxlon, minlat, maxlat);
        CREATE TABLE toponyms (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES events(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            place_id TEXT,
            lat REAL,
            lon REAL,
            score REAL NOT NULL,
            role TEXT NOT NULL
        );
        CREATE INDEX toponyms_event ON toponyms(event_id);
        CREATE INDEX toponyms_place ON toponyms(place_id);
        CREATE VIRTUAL TABLE toponyms_rtree USING rtree(id, minlon, maxlon, minlat, maxlat);
        CREATE VIRTUAL TABLE reports_fts USING fts5(
            title, text, content='reports', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        """,
    ),
)

LATEST = MIGRATIONS[-1].version


def current_version(conn: sqlite3.Connection) -> int:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(conn: sqlite3.Connection, path: str) -> int:
    """Apply the missing steps, each in its own transaction; safe against a concurrent opener."""
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(
            f"{path} has schema version {version}, newer than this geoevents knows ({LATEST}); "
            "upgrade geoevents"
        )
    for step in MIGRATIONS:
        if step.version <= version:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the write lock.
            if current_version(conn) >= step.version:
                conn.execute("ROLLBACK")
                continue
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
            )
            for statement in _statements(step.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, description) VALUES (?, ?)",
                (step.version, step.description),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("%s: applied schema step %d (%s)", path, step.version, step.description)
    return LATEST


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (none of ours has a ';' inside a literal)."""
    return [s.strip() for s in script.split(";") if s.strip()]
