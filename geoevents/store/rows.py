"""The rows every back-end writes: one place decides what a stored event holds.

Values are plain Python (ISO date text, JSON text for ``extra``) so that each back-end only
casts them to its own column types and both store exactly the same thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from gazetteer import Place
from geoevents.model import Event, Location
from geoevents.query import BBox
from geoevents.store.base import Addable, Imported

Row = tuple[object, ...]

#: One encoder for every row: ``json.dumps`` with options builds a new one per call.
_to_json = json.JSONEncoder(ensure_ascii=False, default=str).encode


def unwrap(item: Addable) -> tuple[Event, str, dict[str, Any] | None, Place | None]:
    """The event, its origin, its extra fields and the dataset's own place (imports only)."""
    if isinstance(item, Imported):
        extra = item.extra if isinstance(item.extra, dict) else dict(item.extra)
        return item.event, item.origin, extra or None, item.place
    return item, "geoparse", None, None


def report_row(digest: str | bytes, item: Addable) -> Row:
    """``(content_hash, report_id, text, title, source, published)``."""
    report = item.event.report if isinstance(item, Imported) else item.report
    published = report.published.isoformat() if report.published else None
    return (digest, report.id, report.text, report.title, report.source, published)


def place_row(p: Place) -> Row:
    """``(id, name, kind, country_code, admin1, population, lat, lon)``."""
    return (p.id, p.name, p.kind, p.country_code, p.admin1, p.population, p.lat, p.lon)


def plan(fresh: Iterable[tuple[int, Addable]]) -> tuple[list[Place], list[Row], list[Row]]:
    """The places, event rows and toponym rows for newly stored reports ``(id, item)``.

    A location the geoparser chose without a toponym carrying its place still gets a place
    row, so every event's ``place_id`` points at a stored place. This runs once per stored
    row of a bulk import, so it stays a single flat loop.
    """
    places: dict[str, Place] = {}
    events: list[Row] = []
    toponyms: list[Row] = []
    for event_id, item in fresh:
        event, origin, extra, place = unwrap(item)
        if event.toponyms:
            for t in event.toponyms:
                if t.place is not None and t.place.id not in places:
                    places[t.place.id] = t.place
            toponyms.extend(_toponym_rows(event_id, event))
        loc = event.location
        if loc is not None and loc.place_id is not None:
            place = place or places.get(loc.place_id) or _place_of_location(loc)
            if loc.place_id not in places:
                places[loc.place_id] = place
        events.append(_event_row(event_id, event, origin, extra, place))
    return list(places.values()), events, toponyms


def _place_of_location(loc: Location) -> Place:
    return Place(
        loc.place_id or "", loc.name, loc.kind, loc.country_code, None, 0, loc.lat, loc.lon
    )


def _event_row(
    event_id: int, event: Event, origin: str, extra: dict[str, Any] | None, place: Place | None
) -> Row:
    """``(id, event_date, date_precision, event_type, confidence, lat, lon, place_id,
    place_name, place_kind, country_code, admin1, precision, origin, extra)``."""
    loc = event.location
    return (
        event_id,
        event.event_date.isoformat() if event.event_date else None,
        event.date_precision,
        event.event_type,
        float(event.confidence),
        loc.lat if loc else None,
        loc.lon if loc else None,
        loc.place_id if loc else None,
        loc.name if loc else None,
        loc.kind if loc else None,
        loc.country_code if loc else None,
        place.admin1 if place else None,
        loc.precision if loc else None,
        origin,
        _to_json(extra) if extra else None,
    )


def _toponym_rows(event_id: int, event: Event) -> Iterator[Row]:
    """``(event_id, start, end, text, place_id, lat, lon, score, role)`` per toponym."""
    for t in event.toponyms:
        p = t.place
        yield (
            event_id,
            t.start,
            t.end,
            t.text,
            p.id if p else None,
            p.lat if p else None,
            p.lon if p else None,
            float(t.score),
            t.role,
        )


def extent_of(row: tuple[Any, ...] | None) -> BBox | None:
    """A ``(min lon, min lat, max lon, max lat)`` row as a box; None when the store has no point."""
    if row is None or row[0] is None:
        return None
    minlon, minlat, maxlon, maxlat = (float(v) for v in row)
    return minlon, minlat, maxlon, maxlat
