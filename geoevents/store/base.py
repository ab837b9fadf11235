"""The store interface: the SQLite file and PostGIS implement it; callers see nothing else."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geoevents.model import Event, EventRecord, PlaceRecord, ToponymRecord
from geoevents.query import Query


class StoreError(RuntimeError):
    """The store cannot be opened, migrated or written."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """What one batch of writes did."""

    stored: int = 0
    duplicates: int = 0


class Store(ABC):
    """Events persisted with their reports, toponyms and places.

    Writes are idempotent by report content hash: adding the same report twice stores it once.
    Each ``add`` call is one transaction: after a crash a batch is either whole or absent.
    """

    @abstractmethod
    def add(self, events: Iterable[Event]) -> AddResult:
        """Store a batch of geoparsed (or imported) events in one transaction."""

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
        """Stream places used by events matching ``query``."""

    @abstractmethod
    def count_places(self, query: Query) -> int: ...

    @abstractmethod
    def place(self, place_id: str) -> PlaceRecord | None: ...

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
