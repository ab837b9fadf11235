"""One query object shared by the CLI, the maps and the API."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from geoevents.errors import QueryError

BBox = tuple[float, float, float, float]

#: The largest limit or offset a store takes: a 64-bit signed integer.
MAX_ROWS = 2**63 - 1


@dataclass(frozen=True, slots=True)
class Query:
    """Filters over stored events. Every field is optional; ``None`` means no filter.

    ``bbox`` is (minlon, minlat, maxlon, maxlat) in WGS 84; a bbox whose minlon > maxlon
    crosses the antimeridian. Dates are inclusive. ``text`` is a full-text search.
    """

    bbox: BBox | None = None
    start: date | None = None
    end: date | None = None
    event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    place: str | None = None
    text: str | None = None
    located_only: bool = False
    limit: int | None = None
    offset: int = 0
    order: Literal["date", "-date", "id"] = "-date"

    def __post_init__(self) -> None:
        if self.bbox is not None:
            minx, miny, maxx, maxy = self.bbox
            if not (-90 <= miny <= maxy <= 90) or not (-180 <= minx <= 180 and -180 <= maxx <= 180):
                raise QueryError(
                    f"bbox {self.bbox} must be minlon,minlat,maxlon,maxlat within -180..180 / -90..90"
                )
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"date range ends ({self.end}) before it starts ({self.start})")
        if self.limit is not None and not 0 <= self.limit <= MAX_ROWS:
            raise QueryError(f"limit must be between 0 and {MAX_ROWS}, got {self.limit}")
        if not 0 <= self.offset <= MAX_ROWS:
            raise QueryError(f"offset must be between 0 and {MAX_ROWS}, got {self.offset}")

    def returned(self, matched: int) -> int:
        """How many of ``matched`` results this query's offset and limit leave."""
        remaining = max(matched - self.offset, 0)
        return remaining if self.limit is None else min(remaining, self.limit)

    def page(self, limit: int | None, offset: int = 0) -> Query:
        """The same filters, another page."""
        return replace(self, limit=limit, offset=offset)
