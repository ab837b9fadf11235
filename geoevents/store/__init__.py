"""Where events live: ``open_store`` picks the back-end from a path or URL.

A plain path (or ``sqlite:///path``) is an SQLite file; ``postgresql://...`` is PostGIS.
With nothing given, ``GEOEVENTS_DB`` or ``./geoevents.db`` is used.
"""

from __future__ import annotations

import os
from pathlib import Path

from geoevents.config import DEFAULT_DB
from geoevents.store.base import AddResult, Imported, Store, StoreError

__all__ = ["AddResult", "Imported", "Store", "StoreError", "default_db", "open_store"]

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def default_db() -> str:
    """The store a command uses when ``--db`` is not given."""
    return os.environ.get("GEOEVENTS_DB") or DEFAULT_DB


def open_store(url_or_path: str | Path | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default create or upgrade) the store at ``url_or_path``."""
    target = str(url_or_path) if url_or_path else default_db()
    # Each back-end is imported only when chosen: a SQLite user never loads psycopg.
    if target.startswith(_POSTGRES_SCHEMES):
        from geoevents.store.postgis import PostGISStore

        return PostGISStore(target, migrate=migrate)
    from geoevents.store.sqlite import SQLiteStore

    if target.startswith("sqlite:///"):
        target = target.removeprefix("sqlite:///")
    elif "://" in target:
        raise StoreError(f"unknown store URL {target!r}: give a file path or postgresql://...")
    return SQLiteStore(target, migrate=migrate)
