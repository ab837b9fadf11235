"""The three feature collections and how each maps onto the store.

Every collection answers the same filters (they select events; toponyms and places follow
their events), so one ``Collection`` shape serves them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from api.errors import BadRequest
from geoevents.query import Query
from geoevents.store.base import Store

Feature = dict[str, Any]

_POINT = {"$ref": "https://geojson.org/schema/Point.json"}
_TEXT = {"type": "string"}
_DATE = {"type": "string", "format": "date"}


@dataclass(frozen=True, slots=True)
class Collection:
    """One OGC API collection: its metadata and its reads against a ``Store``."""

    id: str
    title: str
    description: str
    properties: dict[str, dict[str, Any]]
    #: The names of the ``Store`` methods that stream, count and look up this collection.
    stream: str
    counter: str
    getter: str
    numeric_ids: bool

    def items(self, store: Store, query: Query) -> list[Feature]:
        return [record.to_feature() for record in getattr(store, self.stream)(query)]

    def count(self, store: Store, query: Query) -> int:
        return getattr(store, self.counter)(query)

    def item(self, store: Store, feature_id: str) -> Feature | None:
        """The feature with this id, None when absent; a malformed id is a 400."""
        key: Any = feature_id
        if self.numeric_ids:
            if not feature_id.isascii() or not feature_id.isdigit() or len(feature_id) > 18:
                raise BadRequest(
                    f"{feature_id!r} is not an id in {self.id}: ids there are positive integers"
                )
            key = int(feature_id)
        record = getattr(store, self.getter)(key)
        return record.to_feature() if record is not None else None

    def queryables(self, url: str) -> dict[str, Any]:
        """The JSON Schema of what the items filters can select on."""
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": url,
            "type": "object",
            "title": self.title,
            "properties": {"geometry": _POINT, **self.properties},
        }


_EVENT_PROPERTIES = {
    "event_date": {**_DATE, "title": "Event date"},
    "event_type": {**_TEXT, "title": "Event type"},
    "country_code": {**_TEXT, "title": "Country (ISO 3166-1 alpha-2)"},
    "place": {**_TEXT, "title": "Place name"},
}

COLLECTIONS: dict[str, Collection] = {
    c.id: c
    for c in (
        Collection(
            id="events",
            title="Events",
            description="Located, dated, typed events, one per report.",
            properties=_EVENT_PROPERTIES,
            stream="events",
            counter="count",
            getter="event",
            numeric_ids=True,
        ),
        Collection(
            id="toponyms",
            title="Toponyms",
            description="Every place name found in a report, at the place it resolved to.",
            properties=_EVENT_PROPERTIES,
            stream="toponyms",
            counter="count_toponyms",
            getter="toponym",
            numeric_ids=True,
        ),
        Collection(
            id="places",
            title="Places",
            description="Places where events are located, with how many events each holds.",
            properties={
                "name": {**_TEXT, "title": "Place name"},
                "country_code": {**_TEXT, "title": "Country (ISO 3166-1 alpha-2)"},
            },
            stream="places",
            counter="count_places",
            getter="place",
            numeric_ids=False,
        ),
    )
}


def spatial_extent(store: Store) -> list[float]:
    """The box around the store's points, so clients zoom to the data (the world when empty)."""
    return list(store.extent() or (-180.0, -90.0, 180.0, 90.0))


def temporal_extent(store: Store) -> list[str | None]:
    """The first and last event date in the store (both None when nothing is dated)."""
    first = _date_at(store, "date")
    last = _date_at(store, "-date")
    return [
        f"{first.isoformat()}T00:00:00Z" if first else None,
        f"{last.isoformat()}T23:59:59Z" if last else None,
    ]


def _date_at(store: Store, order: Literal["date", "-date"]) -> date | None:
    records = list(store.events(Query(start=date.min, limit=1, order=order)))
    return records[0].event_date if records else None
