"""ACLED CSV exports, read by ACLED's own column names (other columns are ignored).

ACLED codes each event's location itself, so nothing is geoparsed: ``geo_precision`` 1
(the named town) is city precision, 2 (near the town, or part of a region) admin-1, and
3 (only the larger region is known) region. The original event and sub-event types stay
in the record's ``extra`` fields next to the canonical type they map to.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime

from gazetteer import Place, country_code
from geoevents.imports.rows import NumberedLines, RowError, coordinate, imported
from geoevents.readers.registry import register
from geoevents.readers.source import Source
from geoevents.store import Imported

COLUMNS = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities",
)
REQUIRED = ("event_id_cnty", "event_date", "event_type", "latitude", "longitude")

#: ACLED sub-event type -> canonical type; the event type decides when the sub-type is absent.
SUB_EVENT_TYPES = {
    "Armed clash": "armed_clash",
    "Government regains territory": "armed_clash",
    "Non-state actor overtakes territory": "armed_clash",
    "Air/drone strike": "air_strike",
    "Shelling/artillery/missile attack": "shelling",
    "Peaceful protest": "protest",
    "Protest with intervention": "protest",
    "Excessive force against protesters": "protest",
    "Violent demonstration": "protest",
    "Agreement": "diplomacy",
}
EVENT_TYPES = {
    "Battles": "armed_clash",
    "Protests": "protest",
    "Riots": "protest",
}
#: geo_precision -> the kind of place the coordinates honestly stand for.
KIND_OF_PRECISION = {1: "city", 2: "admin1", 3: "region"}
DATE_FORMATS = ("%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d/%m/%Y")


def looks_like_acled(head: list[str]) -> bool:
    """The header names ACLED's id and coordinate columns."""
    first = next((line for line in head if line.strip()), "")
    names = {name.strip().strip('"') for name in first.split(",")}
    return {"event_id_cnty", "latitude", "longitude"} <= names


@register("acled", extensions=(".csv",), sniff=looks_like_acled)
def read_acled(source: Source) -> Iterator[Imported]:
    """Imported events of an ACLED export; a bad row is reported with its line number."""
    lines = NumberedLines(source.lines())
    rows = csv.reader(lines)
    header = _next_row(rows, lines, source)
    if header is None:
        return
    header = [name.strip() for name in header]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        source.bad(lines.last, f"not an ACLED export: no {', '.join(missing)} column")
        return
    index = {name: header.index(name) for name in COLUMNS if name in header}
    while True:
        first_line = lines.last + 1
        row = _next_row(rows, lines, source)
        if row is None:
            return
        if not row:
            continue
        if len(row) != len(header):
            source.bad(first_line, f"expected {len(header)} columns, found {len(row)}")
            continue
        try:
            yield to_imported({name: row[i].strip() for name, i in index.items()})
        except RowError as exc:
            source.bad(first_line, str(exc))


def _next_row(rows: Iterator[list[str]], lines: NumberedLines, source: Source) -> list[str] | None:
    """The next CSV record, skipping (or raising on) records the csv module cannot parse."""
    while True:
        try:
            return next(rows)
        except StopIteration:
            return None
        except csv.Error as exc:
            source.bad(lines.last, f"unreadable CSV: {exc}")


def to_imported(row: dict[str, str]) -> Imported:
    """One ACLED row (column name -> text) as an ``Imported`` event."""
    event_id = row["event_id_cnty"]
    if not event_id:
        raise RowError("event_id_cnty is empty")
    day = parse_date(row["event_date"])
    lat = coordinate(row["latitude"], "latitude", 90)
    lon = coordinate(row["longitude"], "longitude", 180)
    precision = _geo_precision(row.get("geo_precision", ""))
    name = row.get("location") or row.get("admin1") or row.get("country") or "unnamed"
    country = row.get("country", "")
    place = Place(
        id=f"acled:{lat:.5f},{lon:.5f}:{name}",
        name=name,
        kind=KIND_OF_PRECISION[precision],
        country_code=country_code(country),
        admin1=row.get("admin1") or None,
        population=0,
        lat=lat,
        lon=lon,
    )
    acled_type, sub_type = row["event_type"], row.get("sub_event_type", "")
    extra = {
        "event_id_cnty": event_id,
        "event_type": acled_type,
        "sub_event_type": sub_type,
        "actor1": row.get("actor1", ""),
        "country": country,
        "geo_precision": precision,
        "fatalities": _fatalities(row.get("fatalities", "")),
    }
    return imported(
        origin="acled",
        row_id=event_id,
        text=row.get("notes") or f"{sub_type or acled_type} in {name}",
        title=sub_type or acled_type,
        source=row.get("source") or None,
        published=day,
        event_date=day,
        event_type=SUB_EVENT_TYPES.get(sub_type) or EVENT_TYPES.get(acled_type, "other"),
        place=place,
        extra=extra,
    )


def parse_date(text: str) -> date:
    """ACLED's dates: ``2022-06-25`` in current exports, ``25 June 2022`` in older ones."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"event_date {text!r} is not a date like 2022-06-25 or 25 June 2022")


def _geo_precision(text: str) -> int:
    """1, 2 or 3; a blank claims no more than the region (3)."""
    if not text:
        return 3
    if text not in ("1", "2", "3"):
        raise RowError(f"geo_precision {text!r} is not 1, 2 or 3")
    return int(text)


def _fatalities(text: str) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise RowError(f"fatalities {text!r} is not a whole number") from None
