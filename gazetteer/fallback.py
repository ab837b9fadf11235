"""An optional online fallback: any geopy geocoder, rate-limited and cached on disk.

Off unless you pass one to ``Gazetteer(fallback=...)``:

>>> from geopy.geocoders import Nominatim
>>> gaz = Gazetteer(fallback=GeopyFallback(Nominatim(user_agent="my-app")))

Each distinct question is asked once: answers (empty ones too) are kept in a SQLite file in
the cache directory, so repeated runs stay offline and polite. Failures are logged and not
cached, so a later run can try again.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gazetteer.normalize import name_key
from gazetteer.paths import cache_dir
from gazetteer.place import Kind, Place

log = logging.getLogger(__name__)

#: Place types of common geocoders (Nominatim's ``addresstype``/``type`` and the like).
_KINDS: dict[str, Kind] = {
    "country": "country",
    "state": "admin1", "province": "admin1", "region": "admin1",
    "county": "admin2", "district": "admin2", "state_district": "admin2",
    "city": "city", "town": "city", "village": "city", "hamlet": "city", "suburb": "city",
    "municipality": "city", "locality": "city",
    "sea": "sea", "ocean": "sea", "bay": "sea", "strait": "sea",
    "continent": "continent",
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    geocoder TEXT NOT NULL, query TEXT NOT NULL, country TEXT NOT NULL,
    places TEXT NOT NULL, fetched_at REAL NOT NULL,
    PRIMARY KEY (geocoder, query, country)
)
"""


class GeopyFallback:
    """Answers ``candidates(name, country)`` through a geopy geocoder.

    ``min_delay_seconds`` spaces out requests (geopy's ``RateLimiter``; Nominatim's public
    service asks for at most one per second). ``cache_path`` defaults to
    ``<cache dir>/geocoder-cache.sqlite``.
    """

    def __init__(
        self,
        geocoder: Any,
        *,
        cache_path: str | os.PathLike[str] | None = None,
        min_delay_seconds: float = 1.0,
        limit: int = 5,
    ) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self.limit = limit
        self.name = f"{type(geocoder).__name__}:{getattr(geocoder, 'domain', '')}"
        self._geocode: Callable[..., Any] = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0,
            swallow_exceptions=False,
        )
        self._accepts = set(inspect.signature(geocoder.geocode).parameters)
        self.cache_path = Path(cache_path) if cache_path else cache_dir() / "geocoder-cache.sqlite"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    def candidates(self, name: str, country: str | None = None) -> list[Place]:
        """Places the geocoder knows as ``name`` (within ``country``, an ISO code)."""
        query, where = name_key(name), (country or "").upper()
        if not query:
            return []
        cached = self._cached(query, where)
        if cached is not None:
            return cached
        from geopy.exc import GeopyError

        try:
            locations = self._geocode(name, exactly_one=False, **self._options(where)) or []
        except GeopyError as exc:
            log.warning("%s could not geocode %r: %s", self.name, name, exc)
            return []
        places = [p for p in map(self._place, locations) if not where or p.country_code == where]
        self._store(query, where, places)
        return places

    def _options(self, country: str) -> dict[str, Any]:
        wanted = {"limit": self.limit, "addressdetails": True,
                  "country_codes": country.lower() or None}
        return {k: v for k, v in wanted.items() if k in self._accepts and v is not None}

    def _place(self, location: Any) -> Place:
        raw = location.raw if isinstance(location.raw, dict) else {}
        address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
        kind = _KINDS.get(raw.get("addresstype") or raw.get("type") or "", "city")
        country = (address.get("country_code") or "").upper() or None
        name = raw.get("name") or str(location.address).split(",")[0].strip()
        point = f"{location.latitude},{location.longitude}"
        key = raw.get("osm_id") or raw.get("place_id") or point
        return Place(
            id=f"{type(self.geocoder).__name__.lower()}:{raw.get('osm_type', '')}{key}",
            name=name, kind=kind, country_code=country,
            admin1=address.get("state") or None, population=int(raw.get("population") or 0),
            lat=float(location.latitude), lon=float(location.longitude),
        )

    # -- the on-disk cache ----------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.cache_path, check_same_thread=False, timeout=30)
            self._db.execute(_SCHEMA)
        return self._db

    def _cached(self, query: str, country: str) -> list[Place] | None:
        with self._lock:
            row = self._connection().execute(
                "SELECT places FROM answers WHERE geocoder = ? AND query = ? AND country = ?",
                (self.name, query, country),
            ).fetchone()
        return [Place(**p) for p in json.loads(row[0])] if row else None

    def _store(self, query: str, country: str, places: list[Place]) -> None:
        payload = json.dumps([dataclasses.asdict(p) for p in places], ensure_ascii=False)
        with self._lock:
            db = self._connection()
            db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                       (self.name, query, country, payload, time.time()))
            db.commit()

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
