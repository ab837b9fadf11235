"""The domain model: a report goes in, an event with its toponyms comes out.

These types are the contract between the geoparser, the store, the maps and the API.
They are plain frozen dataclasses so every room can build and compare them cheaply.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from gazetteer import Place

Precision = Literal["city", "admin1", "region", "sea", "country"]
DatePrecision = Literal["day", "published"]
Role = Literal["location", "mention"]

#: How a place kind maps to the precision an event located there can honestly claim.
PRECISION_OF_KIND: dict[str, Precision] = {
    "city": "city",
    "admin2": "admin1",
    "admin1": "admin1",
    "region": "region",
    "sea": "sea",
    "country": "country",
    "continent": "region",
}


@dataclass(frozen=True, slots=True)
class Report:
    """One short text as it arrived: a liveblog line, a JSONL record, a paragraph."""

    id: str
    text: str
    title: str | None = None
    published: date | datetime | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity for de-duplication: the same text from the same source is the same report."""
        key = "\x1f".join((self.source or "", self.text.strip()))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in a report: exact character offsets into ``Report.text``."""

    start: int
    end: int
    text: str
    place: Place | None
    score: float = 0.0
    role: Role = "mention"

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "name": p.name if p else None,
            "geonameid": p.geonameid if p else None,
            "kind": p.kind if p else None,
            "country_code": p.country_code if p else None,
            "admin1": p.admin1 if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "score": round(self.score, 4),
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, with the precision the evidence supports."""

    lat: float
    lon: float
    name: str
    kind: str
    country_code: str | None
    precision: Precision
    place_id: str | None = None

    @classmethod
    def of_place(cls, place: Place) -> Location:
        return cls(
            lat=place.lat,
            lon=place.lon,
            name=place.name,
            kind=place.kind,
            country_code=place.country_code,
            precision=PRECISION_OF_KIND.get(place.kind, "region"),
            place_id=place.id,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "lat": self.lat,
            "lon": self.lon,
            "name": self.name,
            "kind": self.kind,
            "country_code": self.country_code,
            "precision": self.precision,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """A geoparsed report: what happened, where, when."""

    report: Report
    toponyms: tuple[Toponym, ...] = ()
    location: Location | None = None
    event_date: date | None = None
    date_precision: DatePrecision | None = None
    event_type: str = "other"
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """The `geoevents geoparse` JSON Lines object (a public contract: extend, don't change)."""
        r = self.report
        return {
            "id": r.id,
            "text": r.text,
            "title": r.title,
            "published": r.published.isoformat() if r.published else None,
            "source": r.source,
            "toponyms": [t.to_dict() for t in self.toponyms],
            "location": self.location.to_dict() if self.location else None,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A stored event as the store returns it: flat, so maps, exports and the API share one shape.

    ``id`` is stable and unique within a store. ``lat``/``lon`` are None for unlocated events.
    ``origin`` says where it came from: ``geoparse``, ``acled`` or ``gdelt``.
    """

    id: int
    report_id: str
    text: str
    title: str | None
    source: str | None
    published: date | None
    event_date: date | None
    date_precision: str | None
    event_type: str
    confidence: float
    lat: float | None
    lon: float | None
    place_name: str | None
    place_kind: str | None
    country_code: str | None
    admin1: str | None
    precision: str | None
    origin: str = "geoparse"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    def properties(self) -> dict[str, Any]:
        """GeoJSON-ready properties: ISO 8601 dates, no NaN."""
        return {
            "report_id": self.report_id,
            "text": self.text,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "confidence": self.confidence,
            "place": self.place_name,
            "place_kind": self.place_kind,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "precision": self.precision,
            "origin": self.origin,
        }

    def to_feature(self) -> dict[str, Any]:
        """An RFC 7946 Feature (lon, lat order; null geometry when unlocated)."""
        geometry = (
            {"type": "Point", "coordinates": [self.lon, self.lat]} if self.located else None
        )
        return {"type": "Feature", "id": self.id, "geometry": geometry, "properties": self.properties()}


@dataclass(frozen=True, slots=True)
class ToponymRecord:
    """A stored place mention: one point per toponym that resolved."""

    id: int
    event_id: int
    report_id: str
    start: int
    end: int
    text: str
    place_id: str | None
    place_name: str | None
    place_kind: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    role: str
    event_date: date | None
    event_type: str

    def properties(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "report_id": self.report_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "place_id": self.place_id,
            "place": self.place_name,
            "place_kind": self.place_kind,
            "country_code": self.country_code,
            "role": self.role,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "event_type": self.event_type,
        }

    def to_feature(self) -> dict[str, Any]:
        geometry = (
            {"type": "Point", "coordinates": [self.lon, self.lat]}
            if self.lat is not None and self.lon is not None
            else None
        )
        return {"type": "Feature", "id": self.id, "geometry": geometry, "properties": self.properties()}


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A place the store's events use, with how many events are located there."""

    id: str
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    population: int
    lat: float
    lon: float
    events: int

    def properties(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "population": self.population,
            "events": self.events,
        }

    def to_feature(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": self.properties(),
        }
