"""Events as two compact, columnar, compressed blocks the map's script decodes in the browser.

A map of 100,000 events cannot afford one Leaflet object (or one JSON object) per event in
the HTML. Instead every column is a flat list of small integers pointing into de-duplicated
tables (places, names, report strings), and the JSON is deflated and base64-encoded.

The data comes in two blocks. ``core`` holds what the map draws and searches (places, types,
dates, precision) and is decoded first. ``texts`` holds the report text, titles and sources,
the bulk of the data, and is decoded once the markers are on screen, so popups have it by the
time anyone clicks. Long reports are cut to ``text_limit`` characters at a word boundary; the
popup says so and links to the full record where one is reachable (the report's source URL,
or an item URL).
"""

from __future__ import annotations

import base64
import json
import logging
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from geoevents.model import EventRecord
from maps.style import EVENT_TYPE_STYLES

log = logging.getLogger(__name__)

#: Default number of report characters embedded per event (0 keeps whole reports).
DEFAULT_TEXT_LIMIT = 200

#: Precisions in the order the script indexes them; anything else counts as ``city``.
PRECISIONS = ("city", "admin1", "region", "sea", "country")

#: Coordinates travel as integers of 1e-5 degrees (about a metre), which JSON writes short.
COORD_SCALE = 100_000

_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Payload:
    """The encoded events and what the page needs to know about them."""

    core: str  #: base64 of deflated JSON: places, types, dates, precision
    texts: str  #: base64 of deflated JSON: report text, titles, sources
    events: int  #: located events embedded
    unlocated: int  #: events left out because they have no coordinates
    types: tuple[str, ...]  #: event types present, built-in ones first in legend order
    countries: tuple[str, ...]  #: country codes of country-level events (for area circles)


class _Table:
    """Values de-duplicated into a list; ``index`` returns each value's position."""

    def __init__(self, *initial: Any) -> None:
        self.values: list[Any] = []
        self._index: dict[Any, int] = {}
        for value in initial:
            self.index(value)

    def index(self, value: Any) -> int:
        found = self._index.get(value)
        if found is None:
            found = self._index[value] = len(self.values)
            self.values.append(value)
        return found


class _Places:
    """Distinct (name, coordinates) pairs as columns; events point at them by index."""

    def __init__(self) -> None:
        self.names = _Table("")  # index 0 is "no name"
        self._keys = _Table()
        self.columns: dict[str, list[int]] = {
            "name": [], "lat": [], "lon": [], "admin1": [], "country": []}

    def index(self, record: EventRecord) -> int:
        lat = round(record.lat * COORD_SCALE)  # type: ignore[operator]
        lon = round(record.lon * COORD_SCALE)  # type: ignore[operator]
        place = self._keys.index((record.place_name or "", lat, lon))
        if place == len(self.columns["name"]):
            self.columns["name"].append(self.names.index(record.place_name or ""))
            self.columns["lat"].append(lat)
            self.columns["lon"].append(lon)
            self.columns["admin1"].append(self.names.index(record.admin1 or ""))
            self.columns["country"].append(self.names.index(record.country_code or ""))
        return place


def clip(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending in an ellipsis;
    the flag says whether anything was cut. Line breaks stay: popups show them."""
    text = text.strip()
    if limit <= 0 or len(text) <= limit:
        return text, False
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" \n\t,;:.-") + "\u2026", True


def _day(value: date | None) -> int:
    return (value - _EPOCH).days if value else -1


def _type_order(present: set[str]) -> tuple[str, ...]:
    builtin = [t for t in EVENT_TYPE_STYLES if t in present]
    return tuple(builtin + sorted(present - set(builtin)))


#: zlib level: 4 compresses report text twice as fast as the default 6 for 6% more bytes.
COMPRESSION_LEVEL = 4


def _pack(body: dict[str, Any]) -> str:
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, COMPRESSION_LEVEL)).decode("ascii")


def encode(records: Iterable[EventRecord], *, text_limit: int = DEFAULT_TEXT_LIMIT) -> Payload:
    """Encode located events for the map; unlocated ones are counted and left out."""
    places = _Places()
    strings = _Table("")  # index 0 is "no value"
    core: dict[str, list[int]] = {
        key: [] for key in ("id", "day", "published", "place", "precision")}
    texts: dict[str, list[int]] = {key: [] for key in ("text", "title", "source")}
    cut: set[int] = set()
    type_of: list[str] = []
    country_level: set[str] = set()
    unlocated = 0
    previous_id = 0
    for record in records:
        if not record.located:
            unlocated += 1
            continue
        precision = record.precision if record.precision in PRECISIONS else "city"
        if precision == "country" and record.country_code:
            country_level.add(record.country_code)
        core["id"].append(record.id - previous_id)
        previous_id = record.id
        type_of.append(record.event_type)
        core["day"].append(_day(record.event_date))
        core["published"].append(1 if record.date_precision == "published" else 0)
        core["place"].append(places.index(record))
        core["precision"].append(PRECISIONS.index(precision))
        text, was_cut = clip(record.text, text_limit)
        texts["text"].append(strings.index(text))
        if was_cut:
            cut.add(texts["text"][-1])
        texts["title"].append(strings.index(clip(record.title or "", text_limit)[0]))
        texts["source"].append(strings.index(record.source or ""))
    types = _type_order(set(type_of))
    type_index = {t: i for i, t in enumerate(types)}
    core["type"] = [type_index[t] for t in type_of]
    if not any(core["published"]):
        del core["published"]
    if unlocated:
        log.info("%d unlocated events left off the map", unlocated)
    return Payload(
        core=_pack({"names": places.names.values, "places": places.columns, "events": core}),
        texts=_pack({"strings": strings.values, "cut": sorted(cut), "events": texts}),
        events=len(type_of),
        unlocated=unlocated,
        types=types,
        countries=tuple(sorted(country_level)),
    )


def decode(block: str) -> dict[str, Any]:
    """The JSON body of one encoded block (what the browser sees), for tests and tools."""
    return json.loads(zlib.decompress(base64.b64decode(block)))
