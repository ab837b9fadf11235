"""A synthetic store for the API tests: events on a known grid, so every answer is checkable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gazetteer import Place
from geoevents.model import Event, Location, Report, Toponym

TYPES = ("shelling", "air_strike", "protest", "diplomacy", "armed_clash")
FIRST_DAY = date(2022, 6, 1)
#: Every this-many-th event has no location (``Expected.located`` is False).
UNLOCATED_EVERY = 100


@dataclass(frozen=True, slots=True)
class Expected:
    """What the API must say about event number ``n`` of the synthetic set."""

    n: int
    report_id: str
    lon: float | None
    lat: float | None
    place: str | None
    country_code: str | None
    event_type: str
    event_date: date

    @property
    def located(self) -> bool:
        return self.lon is not None


def expected(n: int) -> Expected:
    """Event ``n`` (0-based): a 50-column grid over 22..39.64 E, 44..51.84 N, in Ukraine
    for even rows and Moldova for odd, dated over June 2022, types in turn."""
    row, col = divmod(n, 50)
    located = n % UNLOCATED_EVERY != UNLOCATED_EVERY - 1
    return Expected(
        n=n,
        report_id=f"grid-{n}",
        lon=round(22.0 + col * 0.36, 4) if located else None,
        lat=round(44.0 + (row % 50) * 0.16, 4) if located else None,
        place=f"Gridtown {n}" if located else None,
        country_code=("UA" if row % 2 == 0 else "MD") if located else None,
        event_type=TYPES[n % len(TYPES)],
        event_date=FIRST_DAY + timedelta(days=n % 30),
    )


def event(e: Expected) -> Event:
    """The geoparsed ``Event`` the store is given for ``e``."""
    words = e.event_type.replace("_", " ")
    where = e.place or "an undisclosed location"
    text = f"Reports of {words} came from {where} on day {e.n}."
    place = None
    toponyms: tuple[Toponym, ...] = ()
    if e.located:
        place = Place(
            f"grid:{e.n}", e.place, "city", e.country_code, "Gridland", 1000, e.lat, e.lon
        )
        start = text.index(e.place)
        toponyms = (Toponym(start, start + len(e.place), e.place, place, 0.9, "location"),)
    return Event(
        report=Report(e.report_id, text, published=e.event_date, source="https://example.org/grid"),
        toponyms=toponyms,
        location=Location.of_place(place) if place else None,
        event_date=e.event_date,
        date_precision="published",
        event_type=e.event_type,
        confidence=0.8 if place else 0.0,
    )


def grid(count: int) -> list[Expected]:
    return [expected(n) for n in range(count)]
