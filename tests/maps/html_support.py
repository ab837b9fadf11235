"""Events and hostile strings for the HTML map tests."""

from __future__ import annotations

import re
from datetime import date, timedelta

from geoevents.model import EventRecord
from maps.payload import decode

#: Report text that must show as text and run nothing. Each payload would set window.__pwned
#: or open a dialog if it ever reached HTML or JavaScript unescaped.
HOSTILE = (
    "<script>window.__pwned = 1; alert(1)</script>",
    "</script><script>window.__pwned = 2</script>",
    '<img src=x onerror="window.__pwned = 3; alert(3)">',
    "it's \"quoted\" `${window.__pwned = 4}` and ${alert(4)}",
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} \u2028line\u2029break",
)

_ids = iter(range(1, 10**9))


def record(
    text: str = "Shelling was reported near the station.",
    *,
    lat: float | None = 49.98081,
    lon: float | None = 36.25272,
    place: str | None = "Kharkiv",
    event_type: str = "shelling",
    day: date | None = date(2022, 6, 21),
    precision: str = "city",
    country: str | None = "UA",
    admin1: str | None = "Kharkiv",
    title: str | None = None,
    source: str | None = "https://example.org/live/1",
    event_id: int | None = None,
) -> EventRecord:
    """One stored event; every field a map shows can be set."""
    return EventRecord(
        id=event_id if event_id is not None else next(_ids),
        report_id="r",
        text=text,
        title=title,
        source=source,
        published=day,
        event_date=day,
        date_precision="day" if day else None,
        event_type=event_type,
        confidence=0.8,
        lat=lat,
        lon=lon,
        place_name=place,
        place_kind=precision,
        country_code=country,
        admin1=admin1,
        precision=precision,
    )


def spread(n: int, *, first: date = date(2022, 6, 1), days: int = 10) -> list[EventRecord]:
    """``n`` events over ``days`` days, on a grid of places across Ukraine, types in turn."""
    types = ("shelling", "missile_strike", "protest", "armed_clash")
    return [
        record(
            f"Report {i} from grid place {i % 37}.",
            lat=45.5 + (i % 37) // 6 * 0.9,
            lon=24.0 + (i % 37) % 6 * 2.5,
            place=f"Place {i % 37}",
            admin1="Grid",
            event_type=types[i % len(types)],
            day=first + timedelta(days=i % days),
            event_id=i + 1,
        )
        for i in range(n)
    ]


def embedded(page: str) -> tuple[dict, dict]:
    """The core and texts blocks a map page carries, decoded."""
    core = re.search(r'<script type="text/plain" id="[^"]+_core">([^<]*)</script>', page)
    texts = re.search(r'<script type="text/plain" id="[^"]+_texts">([^<]*)</script>', page)
    return decode(core.group(1)), decode(texts.group(1))
