"""What only the PostGIS store does: its schema (created from nothing, migrated once under
concurrency, refused when foreign), its connections, and its clear errors."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import psycopg
import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.errors import ConfigError, InputError
from geoevents.query import Query
from geoevents.store import StoreError, open_store
from geoevents.store.postgis import DEFAULT_POOL_SIZE, pool_size_from_env
from geoevents.store.postgis_schema import LATEST, MIGRATIONS
from tests.store.postgis_server import admin_connection
from tests.store.samples import EVENTS

postgis = pytest.mark.postgis


def rows(url: str, sql: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


@postgis
def test_an_empty_schema_gets_points_in_4326_with_spatial_and_text_indexes(postgis_url):
    with open_store(postgis_url) as store:
        assert store.schema_version() == LATEST
    columns = rows(
        postgis_url,
        "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns"
        " WHERE f_table_schema = current_schema() ORDER BY 1",
    )
    assert columns == [
        ("events", "geom", "POINT", 4326),
        ("places", "geom", "POINT", 4326),
        ("toponyms", "geom", "POINT", 4326),
    ]
    indexes = dict(rows(
        postgis_url,
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
    ))
    assert "USING gist (geom)" in indexes["events_geom"]
    assert "USING gist (geom)" in indexes["toponyms_geom"]
    assert "USING gin (search)" in indexes["reports_search"]
    assert "UNIQUE" in indexes["reports_content_hash_key"]
    steps = rows(postgis_url, "SELECT version FROM schema_version ORDER BY version")
    assert [s[0] for s in steps] == [m.version for m in MIGRATIONS]


@postgis
def test_workers_starting_together_migrate_once(postgis_url):
    def start(_: int) -> int:
        with open_store(postgis_url) as store:
            return store.schema_version()

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(start, range(6))) == [LATEST] * 6
    assert rows(postgis_url, "SELECT count(*) FROM schema_version") == [(len(MIGRATIONS),)]


@postgis
def test_reopening_keeps_data_and_ids(postgis_url):
    with open_store(postgis_url) as store:
        ids = store.add(EVENTS).ids
    with open_store(postgis_url, migrate=False) as store:
        assert store.count(Query()) == len(EVENTS)
        assert [store.event(i).report_id for i in ids] == [e.report.id for e in EVENTS]


@postgis
def test_a_database_from_a_newer_version_is_refused(postgis_url):
    open_store(postgis_url).close()
    with psycopg.connect(postgis_url) as conn:
        conn.execute("INSERT INTO schema_version (version, description) VALUES (99, 'future')")
    with pytest.raises(StoreError, match="schema version 99.*upgrade geoevents"):
        open_store(postgis_url)


@postgis
def test_opening_without_migrating_names_the_command_to_run(postgis_url):
    with pytest.raises(StoreError, match="geoevents db migrate"):
        open_store(postgis_url, migrate=False)


@postgis
def test_db_migrate_command_creates_the_schema(postgis_url):
    result = CliRunner().invoke(main, ["db", "migrate", "--db", postgis_url])
    assert result.exit_code == 0, result.output
    assert f"schema version {LATEST}" in result.output
    assert rows(postgis_url, "SELECT max(version) FROM schema_version") == [(LATEST,)]


def test_an_unreachable_server_is_one_clear_line_without_the_password(unused_tcp_port):
    url = f"postgresql://geo:s3cret@127.0.0.1:{unused_tcp_port}/events?connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert f"127.0.0.1:{unused_tcp_port}/events" in message
    assert "s3cret" not in message
    result = CliRunner().invoke(main, ["db", "migrate", "--db", url])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "cannot connect" in result.output


@pytest.fixture
def unused_tcp_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@postgis
def test_nul_characters_are_refused_on_write_and_match_nothing_on_read(postgis_url):
    with open_store(postgis_url) as store:
        store.add(EVENTS)
        bad = replace(EVENTS[0], report=replace(EVENTS[0].report, id="nul", text="Kyiv\x00"))
        with pytest.raises(InputError, match="'nul'.*NUL character"):
            store.add([EVENTS[1], bad])
        assert store.count(Query()) == len(EVENTS)
        assert store.count(Query(place="Kyiv\x00")) == 0
        assert store.count(Query(event_types=("shelling\x00",))) == 0
        assert store.place("703448\x00") is None


@postgis
def test_the_pool_survives_the_server_dropping_its_connections(postgis_url):
    with open_store(postgis_url) as store:
        store.add(EVENTS)
        assert store.count(Query()) == len(EVENTS)
        with psycopg.connect(postgis_url, autocommit=True) as admin:
            dropped = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()[0]
        assert dropped >= 1
        assert store.count(Query()) == len(EVENTS)
        assert store.event(store.add(EVENTS[:1]).ids[0]).report_id == "r1"


@pytest.mark.parametrize(
    ("ci", "outcome", "reason"),
    [("", pytest.skip.Exception, "no PostGIS server"),
     ("true", pytest.fail.Exception, "PostGIS is required when CI=true")],
)
def test_without_a_server_postgis_tests_skip_but_fail_in_ci(
    monkeypatch, unused_tcp_port, ci, outcome, reason
):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match=reason):
        admin_connection(f"postgresql://postgres@127.0.0.1:{unused_tcp_port}/postgres")


def test_pool_size_comes_from_the_environment():
    assert pool_size_from_env({}) == DEFAULT_POOL_SIZE
    assert pool_size_from_env({"GEOEVENTS_DB_POOL_SIZE": "3"}) == 3
    with pytest.raises(ConfigError, match="GEOEVENTS_DB_POOL_SIZE"):
        pool_size_from_env({"GEOEVENTS_DB_POOL_SIZE": "0"})
