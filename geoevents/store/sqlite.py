"""The default store: one SQLite file in WAL mode, safe for one writer and many readers."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from geoevents.model import EventRecord, PlaceRecord, ToponymRecord
from geoevents.query import BBox, Query
from geoevents.store import sqlite_schema
from geoevents.store.base import Addable, AddResult, Store, StoreError, content_hash
from geoevents.store.clause import Clause
from geoevents.store.rows import extent_of, place_row, plan, report_row
from geoevents.store.sqlite_filters import (
    bbox_terms,
    event_terms,
    order_by,
    paging,
    place_terms,
)

log = logging.getLogger(__name__)

#: How long a writer waits for another writer's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 60_000
#: Page cache per connection (KiB): a bulk batch touches many index pages at once.
CACHE_KIB = 64 * 1024

_EVENT_COLUMNS = """
    e.id, r.report_id, r.text, r.title, r.source, r.published, e.event_date,
    e.date_precision, e.event_type, e.confidence, e.lat, e.lon, e.place_name,
    e.place_kind, e.country_code, e.admin1, e.precision, e.origin, e.extra
"""
_EVENTS_FROM = " FROM events e JOIN reports r ON r.id = e.id"

_TOPONYM_COLUMNS = """
    t.id, t.event_id, r.report_id, t.start, t."end", t.text, t.place_id, p.name, p.kind,
    p.country_code, t.lat, t.lon, t.role, e.event_date, e.event_type
"""
_TOPONYMS_FROM = (
    " FROM toponyms t JOIN events e ON e.id = t.event_id JOIN reports r ON r.id = e.id"
    " LEFT JOIN places p ON p.id = t.place_id"
)

_PLACE_COLUMNS = (
    "p.id, p.name, p.kind, p.country_code, p.admin1, p.population, p.lat, p.lon, count(e.id)"
)


class SQLiteStore(Store):
    """Events in one SQLite file.

    Each thread gets its own connection (the API serves from a thread pool); writes take
    the file's write lock up front (``BEGIN IMMEDIATE``) so a batch never fails half-way on
    a lock upgrade.
    """

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = self.where = str(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if not migrate and not Path(self.path).is_file():
            raise StoreError(
                f"no store at {self.path}: ingest reports into it first, "
                f"or create it with `geoevents db migrate --db {self.path}`"
            )
        if migrate:
            self.migrate()
        elif self.schema_version() != sqlite_schema.LATEST:
            raise StoreError(
                f"{self.path} is at schema version {self.schema_version()}, "
                f"expected {sqlite_schema.LATEST}: run `geoevents db migrate --db {self.path}`"
            )

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- connections and schema --

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _connect(self) -> sqlite3.Connection:
        parent = Path(self.path).parent
        if not parent.is_dir():
            raise StoreError(f"cannot open store {self.path}: folder {parent} does not exist")
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            # In WAL mode NORMAL syncs at checkpoints, not at every commit. A killed process
            # loses nothing: each commit is in the WAL file, which the operating system keeps
            # and the next opener replays. Only a power cut can drop the last commits, never
            # half of one, so the store stays consistent and a rerun restores them.
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        if mode.lower() != "wal":
            log.warning("%s: journal mode is %s, not WAL", self.path, mode)
        return conn

    def schema_version(self) -> int:
        try:
            return sqlite_schema.current_version(self._conn())
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot read store {self.path}: {exc}") from exc

    def migrate(self) -> int:
        try:
            return sqlite_schema.migrate(self._conn(), self.path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot migrate store {self.path}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    # -- writes --

    def add(self, events: Iterable[Addable]) -> AddResult:
        items = list(events)
        if not items:
            return AddResult()
        digests = [bytes.fromhex(content_hash(item)) for item in items]
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = self._add_in_transaction(conn, items, digests)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc
        return result

    def _add_in_transaction(
        self, conn: sqlite3.Connection, items: list[Addable], digests: list[bytes]
    ) -> AddResult:
        """Set-based writes: new reports are those above the highest id before the batch."""
        before = conn.execute("SELECT coalesce(max(id), 0) FROM reports").fetchone()[0]
        conn.executemany(
            "INSERT OR IGNORE INTO reports"
            " (content_hash, report_id, text, title, source, published) VALUES (?, ?, ?, ?, ?, ?)",
            map(report_row, digests, items),
        )
        new_ids: dict[bytes, int] = dict(
            conn.execute("SELECT content_hash, id FROM reports WHERE id > ?", (before,))
        )
        # The same report twice within one batch: only its first occurrence is stored.
        unclaimed = dict(new_ids)
        fresh = [
            (unclaimed.pop(d), item) for d, item in zip(digests, items) if d in unclaimed
        ]

        places, event_rows, toponym_rows = plan(fresh)
        conn.executemany(
            "INSERT OR IGNORE INTO places"
            " (id, name, kind, country_code, admin1, population, lat, lon)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            map(place_row, places),
        )
        conn.executemany(
            "INSERT INTO events (id, event_date, date_precision, event_type, confidence, lat, lon,"
            " place_id, place_name, place_kind, country_code, admin1, precision, origin, extra)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            event_rows,
        )
        if toponym_rows:
            topo_before = conn.execute("SELECT coalesce(max(id), 0) FROM toponyms").fetchone()[0]
            conn.executemany(
                'INSERT INTO toponyms (event_id, start, "end", text, place_id, lat, lon, score,'
                " role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                toponym_rows,
            )
            conn.execute(
                "INSERT INTO toponyms_rtree SELECT id, lon, lon, lat, lat FROM toponyms"
                " WHERE id > ? AND lat IS NOT NULL",
                (topo_before,),
            )
        conn.execute(
            "INSERT INTO events_rtree SELECT id, lon, lon, lat, lat FROM events"
            " WHERE id > ? AND lat IS NOT NULL",
            (before,),
        )
        conn.execute(
            "INSERT INTO reports_fts (rowid, title, text)"
            " SELECT id, title, text FROM reports WHERE id > ?",
            (before,),
        )
        if len(fresh) == len(items):
            ids = tuple(event_id for event_id, _ in fresh)
        else:
            ids = tuple(self._ids_for(conn, digests, new_ids))
        return AddResult(stored=len(fresh), duplicates=len(items) - len(fresh), ids=ids)

    @staticmethod
    def _ids_for(
        conn: sqlite3.Connection, digests: list[bytes], new_ids: dict[bytes, int]
    ) -> Iterator[int]:
        found = dict(new_ids)
        found.update(_ids_of(conn, [d for d in set(digests) if d not in new_ids]))
        return (found[d] for d in digests)

    def known(self, hashes: Iterable[str]) -> set[str]:
        try:
            digests = [bytes.fromhex(h) for h in set(hashes)]
            return {d.hex() for d in _ids_of(self._conn(), digests)}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot query store {self.path}: {exc}") from exc

    # -- events --

    def events(self, query: Query) -> Iterator[EventRecord]:
        clause = _event_filters(query)
        limit_sql, limit_params = paging(query)
        sql = f"SELECT {_EVENT_COLUMNS}{_EVENTS_FROM}{clause.sql}{order_by(query)}{limit_sql}"
        return (_event_record(row) for row in self._stream(sql, clause.params + limit_params))

    def count(self, query: Query) -> int:
        clause = _event_filters(query)
        return self._scalar(f"SELECT count(*) FROM events e{clause.sql}", clause.params)

    def extent(self) -> BBox | None:
        return extent_of(self._one(
            "SELECT min(lon), min(lat), max(lon), max(lat) FROM ("
            "SELECT lon, lat FROM events UNION ALL SELECT lon, lat FROM toponyms)", ()))

    def event(self, event_id: int) -> EventRecord | None:
        row = self._one(f"SELECT {_EVENT_COLUMNS}{_EVENTS_FROM} WHERE e.id = ?", (event_id,))
        return _event_record(row) if row else None


    # -- toponyms --

    def toponyms(self, query: Query) -> Iterator[ToponymRecord]:
        clause = _toponym_filters(query)
        limit_sql, limit_params = paging(query)
        order = order_by(query, "e", "t.id")
        sql = f"SELECT {_TOPONYM_COLUMNS}{_TOPONYMS_FROM}{clause.sql}{order}{limit_sql}"
        return (_toponym_record(row) for row in self._stream(sql, clause.params + limit_params))

    def count_toponyms(self, query: Query) -> int:
        clause = _toponym_filters(query)
        return self._scalar(
            f"SELECT count(*){_TOPONYMS_FROM}{clause.sql}", clause.params
        )

    def toponym(self, toponym_id: int) -> ToponymRecord | None:
        row = self._one(f"SELECT {_TOPONYM_COLUMNS}{_TOPONYMS_FROM} WHERE t.id = ?", (toponym_id,))
        return _toponym_record(row) if row else None


    # -- places --

    def places(self, query: Query) -> Iterator[PlaceRecord]:
        clause = _event_filters(query)
        limit_sql, limit_params = paging(query)
        order = " ORDER BY p.id" if query.order == "id" else " ORDER BY count(e.id) DESC, p.id"
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM events e JOIN places p ON p.id = e.place_id"
            f"{clause.sql} GROUP BY p.id{order}{limit_sql}"
        )
        return (PlaceRecord(*row) for row in self._stream(sql, clause.params + limit_params))

    def count_places(self, query: Query) -> int:
        clause = _event_filters(query)
        clause.add("e.place_id IS NOT NULL")
        return self._scalar(
            f"SELECT count(DISTINCT e.place_id) FROM events e{clause.sql}", clause.params
        )

    def place(self, place_id: str) -> PlaceRecord | None:
        row = self._one(
            f"SELECT {_PLACE_COLUMNS} FROM places p LEFT JOIN events e ON e.place_id = p.id"
            " WHERE p.id = ? GROUP BY p.id",
            (place_id,),
        )
        return PlaceRecord(*row) if row else None

    # -- reading helpers --

    def _stream(self, sql: str, params: list[object]) -> Iterator[tuple[Any, ...]]:
        """Rows one at a time from a live cursor, so a million events never sit in memory."""
        try:
            cursor = self._conn().execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot query store {self.path}: {exc}") from exc
        try:
            yield from cursor
        finally:
            cursor.close()

    def _scalar(self, sql: str, params: list[object]) -> int:
        row = self._one(sql, params)
        return row[0] if row else 0

    def _one(self, sql: str, params: Iterable[object]) -> tuple[Any, ...] | None:
        try:
            return self._conn().execute(sql, tuple(params)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot query store {self.path}: {exc}") from exc


def _where(query: Query, point: str, rtree: str) -> Clause:
    """The filters of ``query``; bbox, place and located-only apply to ``point``'s row."""
    clause = Clause()
    if query.bbox is not None:
        bbox_terms(clause, query.bbox, point, rtree)
    event_terms(query, clause, point=point)
    place_terms(query, clause, f"{point}.place_id")
    return clause


def _event_filters(query: Query) -> Clause:
    return _where(query, "e", "events_rtree")


def _toponym_filters(query: Query) -> Clause:
    return _where(query, "t", "toponyms_rtree")


# -- rows in and out --


def _ids_of(conn: sqlite3.Connection, digests: list[bytes]) -> dict[bytes, int]:
    """Report ids by content hash digest, for the digests that are stored."""
    found: dict[bytes, int] = {}
    for start in range(0, len(digests), 500):
        chunk = digests[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT content_hash, id FROM reports WHERE content_hash IN ({marks})"
        found.update(conn.execute(sql, chunk))
    return found


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _event_record(row: tuple[Any, ...]) -> EventRecord:
    """A row of ``_EVENT_COLUMNS`` (EventRecord's field order) as a record."""
    values = list(row)
    values[5], values[6] = _day(values[5]), _day(values[6])  # published, event_date
    extra = values.pop()
    return EventRecord(*values, extra=json.loads(extra) if extra else {})


def _toponym_record(row: tuple[Any, ...]) -> ToponymRecord:
    *head, event_date, event_type = row
    return ToponymRecord(*head, event_date=_day(event_date), event_type=event_type)
