"""A real PostGIS server for the tests: one throwaway database per test run, a schema per test.

The server comes from ``GEOEVENTS_TEST_POSTGIS`` (default: the local trust-auth superuser).
Without one the PostGIS tests skip with the reason; with ``CI=true`` they fail instead.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import NoReturn
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    return os.environ.get("GEOEVENTS_TEST_POSTGIS") or DEFAULT_SERVER


def with_database(url: str, dbname: str, schema: str | None = None) -> str:
    """``url`` pointed at another database and, optionally, one schema (then public)."""
    parts = urlsplit(url)
    query = parts.query
    if schema is not None:
        option = quote(f"-c search_path={schema},public", safe="")
        query = f"{query}&options={option}" if query else f"options={option}"
    return urlunsplit((parts.scheme, parts.netloc, f"/{dbname}", query, ""))


def unavailable(reason: str) -> NoReturn:
    """Skip on a developer's machine; fail in CI, where PostGIS must be there."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"PostGIS is required when CI=true: {reason}", pytrace=False)
    pytest.skip(f"no PostGIS server: {reason} (set GEOEVENTS_TEST_POSTGIS to run these tests)")


def admin_connection(server: str) -> psycopg.Connection:
    """A connection to ``server`` that may create databases, or the reason there is none."""
    try:
        return psycopg.connect(server, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        where = urlsplit(server)
        unavailable(f"cannot connect to {where.hostname}:{where.port or 5432}: {exc}".strip())


@pytest.fixture(scope="session")
def postgis_database() -> Iterator[str]:
    """A new database with PostGIS, dropped when the test run ends; yields its URL."""
    server = server_url()
    admin = admin_connection(server)
    name = f"geoevents_test_{os.getpid()}_{secrets.token_hex(3)}"
    with admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            unavailable(f"cannot create a test database: {exc}")
        url = with_database(server, name)
        try:
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                    conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            except psycopg.Error as exc:
                unavailable(f"cannot create the postgis extension: {exc}")
            yield url
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def postgis_url(postgis_database: str) -> Iterator[str]:
    """A fresh, empty schema in the test run's database, dropped after the test."""
    schema = f"t_{secrets.token_hex(4)}"
    with psycopg.connect(postgis_database, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    yield with_database(postgis_database, urlsplit(postgis_database).path.lstrip("/"), schema)
    with psycopg.connect(postgis_database, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))
