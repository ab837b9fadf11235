"""The shared store: PostgreSQL with PostGIS, for many API workers and ingest processes at once.

Every process opens its own connection pool (nothing is shared across processes), so
``geoevents serve --workers N`` and several ``geoevents ingest`` runs can use one database.
De-duplication is the database's job: a UNIQUE content hash and ``ON CONFLICT DO NOTHING``
mean concurrent writers store each report exactly once.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from geoevents.errors import ConfigError, InputError
from geoevents.model import EventRecord, PlaceRecord, ToponymRecord
from geoevents.query import BBox, Query
from geoevents.store import postgis_schema
from geoevents.store.base import Addable, AddResult, Store, StoreError, content_hash
from geoevents.store.postgis_filters import EVENTS, TOPONYMS, order_by, page, storable, where
from geoevents.store.rows import extent_of, place_row, plan, report_row

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Connections per process unless ``GEOEVENTS_DB_POOL_SIZE`` says otherwise.
DEFAULT_POOL_SIZE = 8
#: How long a caller waits for a free pooled connection before giving up (seconds).
POOL_TIMEOUT = 30.0
#: Results bigger than this (or unlimited) stream through a server-side cursor.
STREAM_THRESHOLD = 1_000
#: Rows fetched per round trip while streaming.
STREAM_BATCH = 2_000
#: Work the server broke off (a dropped connection, a restart, a deadlock) is tried this many
#: times in all; retrying is safe because every write is idempotent by content hash.
ATTEMPTS = 3

_EVENT_COLUMNS = """
    e.id, r.report_id, r.text, r.title, r.source, r.published, e.event_date,
    e.date_precision, e.event_type, e.confidence, ST_Y(e.geom), ST_X(e.geom), e.place_name,
    e.place_kind, e.country_code, e.admin1, e.precision, e.origin, e.extra
"""
_EVENTS_FROM = " FROM events e JOIN reports r ON r.id = e.id"

_TOPONYM_COLUMNS = """
    t.id, t.event_id, r.report_id, t.start, t."end", t.text, t.place_id, p.name, p.kind,
    p.country_code, ST_Y(t.geom), ST_X(t.geom), t.role, e.event_date, e.event_type
"""
_TOPONYMS_FROM = (
    " FROM toponyms t JOIN events e ON e.id = t.event_id JOIN reports r ON r.id = e.id"
    " LEFT JOIN places p ON p.id = t.place_id"
)

_PLACE_COLUMNS = (
    "p.id, p.name, p.kind, p.country_code, p.admin1, p.population,"
    " ST_Y(p.geom), ST_X(p.geom), count(e.id)"
)

_POINT = "ST_SetSRID(ST_MakePoint(v.lon, v.lat), 4326)"


def pool_size_from_env(environ: Mapping[str, str] = os.environ) -> int:
    """Connections per process: ``GEOEVENTS_DB_POOL_SIZE`` or the default."""
    raw = environ.get("GEOEVENTS_DB_POOL_SIZE", "").strip()
    if not raw:
        return DEFAULT_POOL_SIZE
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"GEOEVENTS_DB_POOL_SIZE must be a positive integer, got {raw!r}")
    return int(raw)


def describe(url: str) -> str:
    """``host:port/dbname`` for messages: never the password."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise StoreError(f"not a valid PostgreSQL URL: {exc}") from exc
    host = info.get("host") or "localhost"
    port = info.get("port") or "5432"
    return f"postgresql://{host}:{port}/{info.get('dbname') or info.get('user') or ''}"


class PostGISStore(Store):
    """Events in PostgreSQL with PostGIS, behind a per-process connection pool.

    The pool opens on first use and is rebuilt after a fork, so a store made before
    ``fork`` never shares a socket with its child.
    """

    def __init__(self, url: str, *, migrate: bool = True, pool_size: int | None = None) -> None:
        self.url = url
        self.where = describe(url)
        self._pool_size = pool_size or pool_size_from_env()
        self._pool: ConnectionPool | None = None
        self._pool_pid = 0
        self._lock = threading.Lock()
        if migrate:
            self.migrate()
        else:
            version = self.schema_version()
            if version != postgis_schema.LATEST:
                raise StoreError(
                    f"{self.where} is at schema version {version}, expected "
                    f"{postgis_schema.LATEST}: run `geoevents db migrate --db URL`"
                )

    def __repr__(self) -> str:
        return f"PostGISStore({self.where!r})"

    # -- connections and schema --

    def _connect(self, **kwargs: Any) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, **kwargs)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {self.where}: {_first_line(exc)}") from exc

    def _get_pool(self) -> ConnectionPool:
        with self._lock:
            if self._pool is None or self._pool_pid != os.getpid():
                # Autocommit: a read is one round trip; writes open their own transaction.
                pool = ConnectionPool(
                    self.url, min_size=1, max_size=self._pool_size, open=False,
                    name="geoevents", timeout=POOL_TIMEOUT, kwargs={"autocommit": True},
                )
                try:
                    pool.open(wait=True, timeout=POOL_TIMEOUT)
                except PoolTimeout as exc:
                    pool.close()
                    raise StoreError(f"cannot connect to {self.where}: {exc}") from exc
                self._pool, self._pool_pid = pool, os.getpid()
            return self._pool

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A pooled connection in autocommit mode, with database errors made ``StoreError``."""
        pool = self._get_pool()
        try:
            with pool.connection() as conn:
                yield conn
        except PoolTimeout as exc:
            raise StoreError(f"{self.where}: no free database connection: {exc}") from exc
        except psycopg.Error as exc:
            raise StoreError(f"cannot use store {self.where}: {_first_line(exc)}") from exc

    def _run(self, work: Callable[[psycopg.Connection], T], *, transaction: bool = False) -> T:
        """``work`` on a pooled connection, tried again if the server broke it off.

        After a restart or failover every idle pooled connection is dead: the pool is checked
        (dead ones dropped) before the retry, instead of pinging on every checkout.
        """
        pool = self._get_pool()
        attempt = 1
        while True:
            try:
                with pool.connection() as conn:
                    if not transaction:
                        return work(conn)
                    with conn.transaction():
                        return work(conn)
            except PoolTimeout as exc:
                raise StoreError(f"{self.where}: no free database connection: {exc}") from exc
            except psycopg.OperationalError as exc:
                if attempt == ATTEMPTS:
                    raise StoreError(
                        f"cannot use store {self.where}: {_first_line(exc)}"
                    ) from exc
                log.info("%s: %s; retrying", self.where, _first_line(exc))
                pool.check()
                time.sleep(0.05 * attempt)
                attempt += 1
            except psycopg.Error as exc:
                raise StoreError(f"cannot use store {self.where}: {_first_line(exc)}") from exc

    def schema_version(self) -> int:
        with self._connect(autocommit=True) as conn:
            return postgis_schema.current_version(conn)

    def migrate(self) -> int:
        with self._connect(autocommit=True) as conn:
            try:
                return postgis_schema.migrate(conn, self.where)
            except psycopg.Error as exc:
                raise StoreError(f"cannot migrate {self.where}: {_first_line(exc)}") from exc

    def close(self) -> None:
        with self._lock:
            if self._pool is not None and self._pool_pid == os.getpid():
                self._pool.close()
            self._pool = None

    # -- writes --

    def add(self, events: Iterable[Addable]) -> AddResult:
        items = list(events)
        if not items:
            return AddResult()
        hashes = [content_hash(item) for item in items]
        return self._run(lambda conn: _write_batch(conn, items, hashes), transaction=True)

    # -- events --

    def events(self, query: Query) -> Iterator[EventRecord]:
        clause = where(query, EVENTS)
        limit_sql, limit_params = page(query)
        order = order_by(query)
        if limit_sql:
            # A page picks its events first and joins only their reports.
            picked = f"SELECT e.* FROM events e{clause.sql}{order}{limit_sql}"
            sql = f"SELECT {_EVENT_COLUMNS} FROM ({picked}) e JOIN reports r ON r.id = e.id{order}"
        else:
            sql = f"SELECT {_EVENT_COLUMNS}{_EVENTS_FROM}{clause.sql}{order}"
        return self._stream(sql, clause.params + limit_params, _event_record, query)

    def count(self, query: Query) -> int:
        clause = where(query, EVENTS)
        return self._scalar(f"SELECT count(*) FROM events e{clause.sql}", clause.params)

    def extent(self) -> BBox | None:
        return extent_of(self._one(
            "SELECT min(ST_X(geom)), min(ST_Y(geom)), max(ST_X(geom)), max(ST_Y(geom)) FROM ("
            "SELECT geom FROM events UNION ALL SELECT geom FROM toponyms) AS points", ()))

    def event(self, event_id: int) -> EventRecord | None:
        row = self._one(f"SELECT {_EVENT_COLUMNS}{_EVENTS_FROM} WHERE e.id = %s", (event_id,))
        return _event_record(row) if row else None

    # -- toponyms --

    def toponyms(self, query: Query) -> Iterator[ToponymRecord]:
        clause = where(query, TOPONYMS)
        limit_sql, limit_params = page(query)
        order = order_by(query, "e", "t.id")
        sql = f"SELECT {_TOPONYM_COLUMNS}{_TOPONYMS_FROM}{clause.sql}{order}{limit_sql}"
        return self._stream(sql, clause.params + limit_params, _toponym_record, query)

    def count_toponyms(self, query: Query) -> int:
        clause = where(query, TOPONYMS)
        return self._scalar(f"SELECT count(*){_TOPONYMS_FROM}{clause.sql}", clause.params)

    def toponym(self, toponym_id: int) -> ToponymRecord | None:
        row = self._one(
            f"SELECT {_TOPONYM_COLUMNS}{_TOPONYMS_FROM} WHERE t.id = %s", (toponym_id,)
        )
        return _toponym_record(row) if row else None

    # -- places --

    def places(self, query: Query) -> Iterator[PlaceRecord]:
        clause = where(query, EVENTS)
        limit_sql, limit_params = page(query)
        # Place ids compared byte by byte, as SQLite does, whatever the database's collation.
        by_id = 'p.id COLLATE "C"'
        busiest = "" if query.order == "id" else "count(e.id) DESC, "
        order = f" ORDER BY {busiest}{by_id}"
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM events e JOIN places p ON p.id = e.place_id"
            f"{clause.sql} GROUP BY p.id{order}{limit_sql}"
        )
        return self._stream(sql, clause.params + limit_params, _place_record, query)

    def count_places(self, query: Query) -> int:
        clause = where(query, EVENTS)
        clause.add("e.place_id IS NOT NULL")
        return self._scalar(
            f"SELECT count(DISTINCT e.place_id) FROM events e{clause.sql}", clause.params
        )

    def place(self, place_id: str) -> PlaceRecord | None:
        if not storable([place_id]):
            return None
        row = self._one(
            f"SELECT {_PLACE_COLUMNS} FROM places p LEFT JOIN events e ON e.place_id = p.id"
            " WHERE p.id = %s GROUP BY p.id",
            (place_id,),
        )
        return _place_record(row) if row else None

    # -- reading helpers --

    def _stream(
        self, sql: str, params: list[object], make: Callable[[tuple[Any, ...]], T], query: Query
    ) -> Iterator[T]:
        """Records one at a time. A page (``limit`` up to STREAM_THRESHOLD) is fetched whole
        and its connection returned at once; bigger or unlimited results come through a
        server-side cursor in batches, so a million events never sit in memory, holding one
        pooled connection until the generator is exhausted or closed."""
        if query.limit is not None and query.limit <= STREAM_THRESHOLD:
            yield from map(make, self._run(lambda conn: conn.execute(sql, params).fetchall()))
            return
        with self._connection() as conn, conn.transaction():
            with conn.cursor(name="geoevents_stream") as cursor:
                cursor.itersize = STREAM_BATCH
                cursor.execute(sql, params)
                yield from map(make, cursor)

    def _scalar(self, sql: str, params: list[object]) -> int:
        row = self._one(sql, params)
        return row[0] if row else 0

    def _one(self, sql: str, params: Iterable[object]) -> tuple[Any, ...] | None:
        values = tuple(params)
        return self._run(lambda conn: conn.execute(sql, values).fetchone())


# -- rows in and out --

# Rows come from ``geoevents.store.rows``, as for SQLite (ISO dates, JSON text), so both
# back-ends store the same values; the statements below cast them to PostgreSQL types.


def _unnest(columns: str) -> str:
    """``unnest(%s::type[], ...) AS v(name, ...)`` for ``"name type, ..."``: one statement,
    one round trip, whatever the batch size."""
    pairs = [c.split() for c in columns.split(",")]
    arrays = ", ".join(f"%s::{kind}[]" for _, kind in pairs)
    names = ", ".join(name for name, _ in pairs)
    return f"unnest({arrays}) WITH ORDINALITY AS v({names}, n)"


# New reports only. Ids are drawn in input order (as the SQLite store gives them), but rows
# go in sorted by content hash: two writers sharing reports then wait for each other in one
# global order and never deadlock. A concurrent writer's copy loses quietly.
_INSERT_REPORTS = f"""
    WITH new AS (
        SELECT decode(v.content_hash, 'hex') AS content_hash, v.report_id, v.text, v.title,
               v.source, left(v.published, 10)::date AS published, v.n
        FROM {_unnest("content_hash text, report_id text, text text, title text, source text,"
                      " published text")}
        WHERE NOT EXISTS (
            SELECT 1 FROM reports r WHERE r.content_hash = decode(v.content_hash, 'hex'))
        ORDER BY v.n
    ), numbered AS (
        SELECT nextval(pg_get_serial_sequence('reports', 'id')) AS id, * FROM new
    )
    INSERT INTO reports (id, content_hash, report_id, text, title, source, published)
    SELECT id, content_hash, report_id, text, title, source, published
    FROM numbered ORDER BY content_hash
    ON CONFLICT (content_hash) DO NOTHING
    RETURNING encode(content_hash, 'hex'), id
"""

_INSERT_PLACES = f"""
    INSERT INTO places (id, name, kind, country_code, admin1, population, geom)
    SELECT id, name, kind, country_code, admin1, population, {_POINT}
    FROM {_unnest("id text, name text, kind text, country_code text, admin1 text,"
                  " population bigint, lat float8, lon float8")}
    ORDER BY id
    ON CONFLICT (id) DO NOTHING
"""

_INSERT_EVENTS = f"""
    INSERT INTO events (id, event_date, date_precision, event_type, confidence, geom,
                        place_id, place_name, place_kind, country_code, admin1, precision,
                        origin, extra)
    SELECT id, left(event_date, 10)::date, date_precision, event_type, confidence, {_POINT},
           place_id, place_name, place_kind, country_code, admin1, precision,
           origin, extra::json
    FROM {_unnest("id bigint, event_date text, date_precision text, event_type text,"
                  " confidence float8, lat float8, lon float8, place_id text, place_name text,"
                  " place_kind text, country_code text, admin1 text, precision text,"
                  " origin text, extra text")}
"""

_INSERT_TOPONYMS = f"""
    INSERT INTO toponyms (event_id, start, "end", text, place_id, geom, score, role)
    SELECT event_id, start, "end", text, place_id, {_POINT}, score, role
    FROM {_unnest('event_id bigint, start integer, "end" integer, text text, place_id text,'
                  " lat float8, lon float8, score float8, role text")}
    ORDER BY n
"""


def _columns(rows: Iterable[tuple[object, ...]], width: int) -> list[list[object]]:
    """Rows turned into one list per column (empty lists for no rows)."""
    columns: list[list[object]] = [[] for _ in range(width)]
    for row in rows:
        for column, value in zip(columns, row):
            column.append(value)
    return columns


def _write_batch(conn: psycopg.Connection, items: list[Addable], hashes: list[str]) -> AddResult:
    """One transaction: new reports, then their places, events and toponyms."""
    first: dict[str, Addable] = {}
    for digest, item in zip(hashes, items):
        first.setdefault(digest, item)
    reports = [report_row(digest, item) for digest, item in first.items()]
    for row in reports:
        if any("\x00" in v for v in row if isinstance(v, str)):
            raise InputError(
                f"report {row[1]!r}", None,
                "contains a NUL character (U+0000), which PostgreSQL text cannot hold; remove it",
            )
    with conn.cursor() as cur:
        cur.execute(_INSERT_REPORTS, _columns(reports, 6))
        new_ids = dict(cur.fetchall())
        fresh = [(new_ids[digest], item) for digest, item in first.items() if digest in new_ids]
        places, events, toponyms = plan(fresh)
        # Sorted by id in the statement, so writers sharing new places lock them in one order.
        cur.execute(_INSERT_PLACES, _columns(map(place_row, places), 8))
        cur.execute(_INSERT_EVENTS, _columns(events, 15))
        cur.execute(_INSERT_TOPONYMS, _columns(toponyms, 9))
        known = dict(new_ids)
        missing = [digest for digest in first if digest not in known]
        if missing:
            cur.execute(
                "SELECT encode(content_hash, 'hex'), id FROM reports"
                " WHERE content_hash = ANY(%s::bytea[])",
                ([bytes.fromhex(d) for d in missing],),
            )
            known.update(cur.fetchall())
    return AddResult(
        stored=len(fresh), duplicates=len(items) - len(fresh), ids=tuple(known[h] for h in hashes)
    )


def _event_record(row: tuple[Any, ...]) -> EventRecord:
    *head, extra = row
    return EventRecord(*head, extra=extra or {})


def _toponym_record(row: tuple[Any, ...]) -> ToponymRecord:
    return ToponymRecord(*row)


def _place_record(row: tuple[Any, ...]) -> PlaceRecord:
    return PlaceRecord(*row)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
