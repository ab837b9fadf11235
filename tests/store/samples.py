"""Small, hand-written events with known places, dates and types."""

from __future__ import annotations

from datetime import date

from gazetteer import Place
from geoevents.model import Event, Location, Report, Toponym
from geoevents.store import Imported

KYIV = Place("703448", "Kyiv", "city", "UA", "Kyiv City", 2_797_553, 50.45466, 30.5238)
KHARKIV = Place("706483", "Kharkiv", "city", "UA", "Kharkiv", 1_430_885, 49.98081, 36.25272)
DESNA = Place("709161", "Desna", "city", "UA", "Chernihiv", 7_000, 50.8667, 31.0667)
CHERNIHIV_OBLAST = Place("710802", "Chernihiv Oblast", "admin1", "UA", "Chernihiv", 0, 51.5, 32.0)
SUVA = Place("2198148", "Suva", "city", "FJ", "Central", 77_366, -18.14161, 178.44149)
APIA = Place("4035413", "Apia", "city", "WS", "Tuamasaga", 40_407, -13.83333, -171.76666)
PARIS = Place("2988507", "Paris", "city", "FR", "Ile-de-France", 2_138_551, 48.85341, 2.3488)
KHARTOUM = Place("379252", "Khartoum", "city", "SD", "Khartoum", 1_974_647, 15.55177, 32.53241)


def geoparsed(
    rid: str,
    text: str,
    place: Place | None,
    day: date | None,
    event_type: str = "other",
    *,
    source: str | None = "https://example.org/live",
    title: str | None = None,
    mentions: tuple[Place, ...] = (),
) -> Event:
    """An event as the geoparser would make it: the located place first, then mentions."""
    toponyms = []
    located = [("location", place)] if place is not None else []
    for role, p in located + [("mention", m) for m in mentions]:
        start = text.find(p.name)
        assert start >= 0, f"{p.name} must appear in the sample text"
        toponyms.append(Toponym(start, start + len(p.name), p.name, p, 0.9, role))
    return Event(
        report=Report(rid, text, title=title, published=day, source=source),
        toponyms=tuple(toponyms),
        location=Location.of_place(place) if place else None,
        event_date=day,
        date_precision="published" if day else None,
        event_type=event_type,
        confidence=0.75 if place else 0.0,
    )


EVENTS = (
    geoparsed("r1", "Missiles struck Kyiv before dawn.", KYIV, date(2022, 6, 20), "missile_strike"),
    geoparsed("r2", "Shelling hit Kharkiv overnight, Kyiv said.", KHARKIV, date(2022, 6, 21),
              "shelling", mentions=(KYIV,)),
    geoparsed("r3", "Rockets fell on Desna, a village in the Chernihiv Oblast.", DESNA,
              date(2022, 6, 25), "shelling", mentions=(CHERNIHIV_OBLAST,)),
    geoparsed("r4", "Flooding cut the road from Suva to the airport.", SUVA, date(2022, 6, 22),
              "disaster"),
    geoparsed("r5", "Crowds marched through Apia to the parliament.", APIA, date(2022, 6, 23),
              "protest"),
    geoparsed("r6", "Ministers met in Paris to discuss sanctions.", PARIS, date(2022, 6, 24),
              "diplomacy"),
    geoparsed("r7", "Clashes in Khartoum left several people wounded.", KHARTOUM,
              date(2022, 6, 24), "armed_clash"),
    geoparsed("r8", "Officials gave no detail about where the strike happened.", None,
              date(2022, 6, 19), "air_strike"),
    geoparsed("r9", "An undated note with no place at all.", None, None),
)


def acled_row(event_id: str = "UKR1001") -> Imported:
    """An imported event the way an ACLED import stores one."""
    place = Place(f"acled:{event_id}", "Desna", "city", "UA", "Chernihiv", 0, 50.8667, 31.0667)
    event = Event(
        report=Report(event_id, "Artillery fire on Desna; no casualties reported.",
                      published=date(2022, 6, 25), source="Ukrinform"),
        location=Location.of_place(place),
        event_date=date(2022, 6, 25),
        date_precision="day",
        event_type="shelling",
        confidence=1.0,
    )
    extra = {"event_type": "Explosions/Remote violence", "fatalities": 0}
    return Imported(event=event, origin="acled", place=place, extra=extra)
