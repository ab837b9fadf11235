"""The typed result every gazetteer lookup returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["country", "admin1", "admin2", "city", "sea", "region", "continent"]


@dataclass(frozen=True, slots=True)
class Place:
    """A named place with a representative point.

    ``id`` is the GeoNames id as text where there is one (``"703448"``), otherwise a stable
    key of the curated table (``"sea:black-sea"``); ``geonameid`` is the integer or None.
    """

    id: str
    name: str
    kind: Kind
    country_code: str | None
    admin1: str | None
    population: int
    lat: float
    lon: float

    @property
    def geonameid(self) -> int | None:
        return int(self.id) if self.id.isdigit() else None
