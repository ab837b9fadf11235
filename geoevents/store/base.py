"""The store interface: the SQLite file and PostGIS implement it; callers see nothing else."""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gazetteer import Place
from geoevents.errors import GeoeventsError
from geoevents.model import Event, EventRecord, PlaceRecord, ToponymRecord
from geoevents.query import BBox, Query


class StoreError(GeoeventsError, RuntimeError):
    """The store cannot be opened, migrated or written."""


@dataclass(frozen=True, slots=True)
class Imported:
    """An event taken as is from a structured dataset (ACLED, GDELT): no geoparsing.

    Its identity is the dataset's own id, so re-importing an updated export adds only the
    new rows. ``place`` is the dataset's location (admin-1 included); ``extra`` keeps the
    dataset's original fields (its own event type, actors, fatalities) for users to see.
    """

    event: Event
    origin: str
    place: Place | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        key = f"{self.origin}\x1f{self.event.report.id}"
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


#: What ``Store.add`` accepts: geoparsed events and imported rows, freely mixed.
Addable = Event | Imported


def content_hash(item: Addable) -> str:
    """The de-duplication key of an event to be stored."""
    return item.content_hash if isinstance(item, Imported) else item.report.content_hash


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one batch of writes did.

    ``ids`` holds the event id of each input, in input order: the new id for a stored event,
    the existing id for a duplicate, so a caller can always fetch what it just sent.
    """

    stored: int = 0
    duplicates: int = 0
    ids: tuple[int, ...] = ()


class Store(ABC):
    """Events persisted with their reports, toponyms and places.

    Writes are idempotent by content hash (``content_hash``): adding the same report twice
    stores it once, enforced by a uniqueness constraint in the database so that concurrent
    writers agree. Each ``add`` call is one transaction: after a crash a batch is either
    whole or absent. Event ids are stable integers that never change once given.

    Order: ``date`` is oldest first with undated events first, ``-date`` newest first with
    undated events last; ties are broken by id in the same direction. Place filters match
    the place name case-insensitively, or the place id exactly. Full text is every word.
    """

    #: Where the store lives, safe to print: a file path, or a database URL without password.
    where: str

    @abstractmethod
    def extent(self) -> BBox | None:
        """The box (minlon, minlat, maxlon, maxlat) around every stored point; None if none."""

    @abstractmethod
    def add(self, events: Iterable[Addable]) -> AddResult:
        """Store a batch of geoparsed (or imported) events in one transaction."""

    def known(self, hashes: Iterable[str]) -> set[str]:
        """Which of these content hashes are stored already (lets a rerun skip geoparsing).

        Only an optimisation: ``add`` stays idempotent whatever this answers.
        """
        return set()

    @abstractmethod
    def events(self, query: Query) -> Iterator[EventRecord]:
        """Stream events matching ``query`` in its order, honouring limit/offset."""

    @abstractmethod
    def count(self, query: Query) -> int:
        """The exact number of events matching ``query`` (ignoring limit/offset)."""

    @abstractmethod
    def event(self, event_id: int) -> EventRecord | None:
        """One event by id, or None."""

    @abstractmethod
    def toponyms(self, query: Query) -> Iterator[ToponymRecord]:
        """Stream toponyms whose event matches ``query`` (bbox applies to the toponym's point)."""

    @abstractmethod
    def count_toponyms(self, query: Query) -> int: ...

    @abstractmethod
    def toponym(self, toponym_id: int) -> ToponymRecord | None: ...

    @abstractmethod
    def places(self, query: Query) -> Iterator[PlaceRecord]:
        """Stream places where events matching ``query`` are located, busiest first."""

    @abstractmethod
    def count_places(self, query: Query) -> int: ...

    @abstractmethod
    def place(self, place_id: str) -> PlaceRecord | None: ...

    @abstractmethod
    def schema_version(self) -> int:
        """The schema version the store is at (after ``migrate``)."""

    @abstractmethod
    def migrate(self) -> int:
        """Create or upgrade the schema to the newest version; return that version."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
