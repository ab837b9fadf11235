"""``Gazetteer``: a geopy-shaped lookup over the offline index.

>>> gaz = Gazetteer()
>>> gaz.geocode("Lysychans'k")
Place(id='702972', name='Lysychansk', kind='city', country_code='UA', admin1='Luhansk', ...)
>>> [p.kind for p in gaz.candidates("Georgia", limit=2)]
['country', 'admin1']

The index is opened lazily and read-only; lookups are cached, so a fresh process is ready
after one small query and repeated names cost a dictionary hit.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from gazetteer.errors import GazetteerError
from gazetteer.index import FORMAT_VERSION, read_meta
from gazetteer.normalize import fold_key, name_key, split_region_phrase
from gazetteer.paths import default_index_path
from gazetteer.place import Place

if TYPE_CHECKING:
    from gazetteer.fallback import GeopyFallback


_COLUMNS = "p.id, p.name, p.kind, p.country_code, p.admin1, p.population, p.lat, p.lon"
_BY_KEY = f"""
SELECT {_COLUMNS} FROM names AS n JOIN places AS p ON p.rowid = n.place
WHERE n.key = ? AND n.loose <= ? GROUP BY p.rowid ORDER BY p.prior DESC, p.rowid
"""
_ADMIN1_AROUND = f"""
SELECT {_COLUMNS} FROM places AS c JOIN places AS p
  ON p.kind = 'admin1' AND p.country_code = c.country_code AND p.admin1_code = c.admin1_code
WHERE c.id = ?
"""
_ADMIN_KINDS = ("admin1", "admin2")
_CACHE_SIZE = 65_536


class Gazetteer:
    """Offline place-name lookups.

    ``path`` is an index file (default ``$GEOEVENTS_GAZETTEER``); without one, the index
    built from registry packages at ``<cache dir>/gazetteer.sqlite``, built on first use and
    rebuilt when its format is out of date.
    ``fallback`` (e.g. a ``GeopyFallback``) answers names the index does not know.
    A ``Gazetteer`` may be shared between threads.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, fallback: GeopyFallback | None = None
    ) -> None:
        if path is None:
            path = os.environ.get("GEOEVENTS_GAZETTEER") or None
        self._explicit = path is not None  # a chosen index is never rebuilt behind its owner
        self.path = Path(path).expanduser() if path is not None else default_index_path()
        self.fallback = fallback
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._lookup = lru_cache(maxsize=_CACHE_SIZE)(self._lookup_uncached)
        self._is_name = lru_cache(maxsize=_CACHE_SIZE)(self._is_name_uncached)

    # -- public API ---------------------------------------------------------------------

    @overload
    def geocode(
        self, name: str, country: str | None = ..., exactly_one: Literal[True] = ...
    ) -> Place | None: ...

    @overload
    def geocode(
        self, name: str, country: str | None = ..., exactly_one: Literal[False] = ...
    ) -> list[Place]: ...

    def geocode(
        self, name: str, country: str | None = None, exactly_one: bool = True
    ) -> Place | list[Place] | None:
        """The most likely place called ``name`` (or all candidates with ``exactly_one=False``),
        optionally within ``country`` (ISO code or country name). ``None`` if nothing matches."""
        found = self.candidates(name, country=country)
        if exactly_one:
            return found[0] if found else None
        return found

    def candidates(
        self, name: str, country: str | None = None, limit: int | None = None
    ) -> list[Place]:
        """Places called ``name``, most likely first (population and kind prior).

        Tries the exact name key, then region phrases ("the Donetsk region" -> admin-1),
        then the loose transliteration key, then the fallback geocoder if one is set.
        """
        code = self._country_code(country) if country else None
        found = list(self._lookup(name, code))
        if not found and self.fallback is not None:
            found = self.fallback.candidates(name, country=code)
        return found[:limit] if limit is not None else found

    def is_name(self, text: str) -> bool:
        """Whether ``text`` is exactly (up to case, accents and punctuation) a known name."""
        return self._is_name(name_key(text))

    def demonym(self, word: str) -> Place | None:
        """The country or region an adjective or people refers to ("Ukrainian", "Kurds")."""
        key = name_key(word)
        row = self._query("SELECT target FROM demonyms WHERE key = ?", (key,))
        if not row and key.endswith("s"):
            row = self._query("SELECT target FROM demonyms WHERE key = ?", (key[:-1],))
        if not row:
            return None
        target = row[0][0]
        return self.country(target) if len(target) == 2 else self.by_id(target)

    def country(self, code: str) -> Place:
        """The country with ISO 3166-1 alpha-2 ``code``; ``GazetteerError`` if unknown."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM places AS p WHERE p.country_code = ? AND p.kind = 'country'",
            (code.upper(),),
        )
        if not rows:
            raise GazetteerError(f"unknown country code {code!r}")
        return Place(*rows[0])

    def admin1(self, country_code: str, name: str) -> Place | None:
        """The admin-1 region of ``country_code`` called ``name`` ("Donetsk", "Donetsk Oblast",
        "Donechchyna"), or ``None``."""
        for place in self.candidates(name, country=country_code):
            if place.kind == "admin1":
                return place
        return None

    def by_id(self, place_id: str) -> Place | None:
        """The place with id ``place_id`` (a GeoNames id as text or a curated key)."""
        rows = self._query(f"SELECT {_COLUMNS} FROM places AS p WHERE p.id = ?", (place_id,))
        return Place(*rows[0]) if rows else None

    @cached_property
    def max_name_words(self) -> int:
        """The most words any indexed name has: how far a span scanner needs to look."""
        return int(self.info()["max_name_words"])

    @property
    def needs_build(self) -> bool:
        """Whether opening will first build the default index (tens of seconds, once)."""
        return not self._explicit and read_meta(self.path).get("format_version") != FORMAT_VERSION

    def open(self) -> Gazetteer:
        """Open the index now (building the default one if needed) instead of on first use."""
        self._connection()
        return self

    def info(self) -> dict[str, str]:
        """The index's metadata: path, format version, sources, counts, build time."""
        self._connection()
        return {"path": str(self.path), **read_meta(self.path)}

    def counts(self) -> dict[str, int]:
        """How many places of each kind the index holds."""
        return dict(self._query("SELECT kind, count(*) FROM places GROUP BY kind", ()))

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Gazetteer({str(self.path)!r})"

    # -- lookups ------------------------------------------------------------------------

    def _lookup_uncached(self, name: str, country: str | None) -> tuple[Place, ...]:
        key = name_key(name)
        core, region_word = split_region_phrase(name)
        places = self._by_key(key, loose=False)
        if region_word:  # "Orange County" itself if indexed, else the region around Orange
            named = [p for p in places if p.kind in _ADMIN_KINDS]
            places = (named or self._regions_named(core, country)) + places
        elif not places and core != key:  # a leading "the"
            places = self._by_key(core, loose=False)
        if not places and not region_word:
            places = self._by_key(fold_key(core), loose=True)
        if country:
            places = [p for p in places if p.country_code == country]
        return tuple(dict.fromkeys(places))

    def _regions_named(self, core: str, country: str | None) -> list[Place]:
        """Regions a phrase like "Donetsk Oblast" means: admin regions called ``core``
        (a "... City" region last), else the admin-1 region around the most likely place
        called ``core`` ("Zaporozhye region": regions are mostly named after their centre)."""
        for key, loose in ((core, False), (fold_key(core), True)):
            found = [p for p in self._by_key(key, loose=loose)
                     if not country or p.country_code == country]
            regions = [p for p in found if p.kind in _ADMIN_KINDS]
            if regions:
                return sorted(regions, key=lambda p: "city" in name_key(p.name).split())
            cities = [p for p in found if p.kind == "city"]
            around = self._admin1_around(cities[0]) if cities else None
            if around is not None:
                return [around]
        return []

    def _admin1_around(self, place: Place) -> Place | None:
        rows = self._query(_ADMIN1_AROUND, (place.id,))
        return Place(*rows[0]) if rows else None

    def _by_key(self, key: str, *, loose: bool, kinds: tuple[str, ...] = ()) -> list[Place]:
        if not key:
            return []
        places = [Place(*row) for row in self._query(_BY_KEY, (key, int(loose)))]
        return [p for p in places if p.kind in kinds] if kinds else places

    def _is_name_uncached(self, key: str) -> bool:
        return bool(key) and bool(
            self._query("SELECT 1 FROM names WHERE key = ? AND loose = 0 LIMIT 1", (key,))
        )

    def _country_code(self, country: str) -> str:
        if len(country) == 2 and country.isalpha():
            return country.upper()
        for place in self._lookup(country, None):
            if place.kind == "country" and place.country_code:
                return place.country_code
        raise GazetteerError(f"unknown country {country!r}")

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple]:
        db = self._connection()
        with self._lock:
            return db.execute(sql, params).fetchall()

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            with self._lock:
                if self._db is None:
                    self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        meta = read_meta(self.path)
        if meta.get("format_version") != FORMAT_VERSION:
            if self._explicit:
                problem = "is not a gazetteer index" if not meta else "was built by another version"
                if not self.path.exists():
                    problem = "does not exist"
                raise GazetteerError(
                    f"{self.path} {problem}; build it with `geoevents gazetteer build`"
                )
            from gazetteer.packaged import ensure_packaged_index

            ensure_packaged_index(self.path)
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        db.execute("PRAGMA query_only = ON")
        return db
