"""The items query parameters: one table drives both the OpenAPI document and the parsing.

Each parameter is declared once, in ``components.parameters``, so clients read the same
definitions the server enforces: QGIS takes its page size from ``limit``'s default and
maximum, and turns attribute equality into the filters declared with ``style=form``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from api.errors import BadRequest
from api.settings import ApiSettings
from geoevents.errors import QueryError
from geoevents.query import MAX_ROWS, BBox, Query

#: RFC 3339 full-date, optionally with a time and an offset (QGIS sends ``...T00:00:00Z``).
_INSTANT = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})?)?"
)
_COUNTRY = re.compile(r"[A-Za-z]{2}")
_TYPE = re.compile(r"[a-z0-9_]+")
#: The shape of ``datetime`` for the OpenAPI document: an instant or an interval.
_DATETIME_PATTERN = (
    rf"^(?:{_INSTANT.pattern}|(?:{_INSTANT.pattern}|\.\.)?/(?:{_INSTANT.pattern}|\.\.)?)$"
)


@dataclass(frozen=True, slots=True)
class Page:
    """A parsed items request: the filters, and which slice of the matches to return."""

    query: Query
    limit: int
    offset: int


def components(settings: ApiSettings) -> dict[str, dict[str, Any]]:
    """``components.parameters`` of the OpenAPI document."""

    def form(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "style": "form",
            "explode": False,
            "description": description,
            "schema": schema,
        }

    text = {"type": "string", "minLength": 1}
    types = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z0-9_]+$"}}
    codes = {"type": "array", "items": {"type": "string", "pattern": "^[A-Za-z]{2}$"}}
    return {
        "limit": form(
            "limit",
            "How many features to return at most; a larger value is served the maximum.",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": settings.max_limit,
                "default": settings.default_limit,
            },
        ),
        "offset": form(
            "offset",
            "How many matching features to skip; the `next` and `prev` links carry it.",
            {"type": "integer", "minimum": 0, "maximum": MAX_ROWS, "default": 0},
        ),
        "bbox": form(
            "bbox",
            "minlon,minlat,maxlon,maxlat in WGS 84 (CRS84); minlon > maxlon crosses the "
            "antimeridian.",
            {
                "type": "array",
                "minItems": 4,
                "maxItems": 4,
                "items": {"type": "number", "minimum": -180, "maximum": 180},
            },
        ),
        "datetime": form(
            "datetime",
            "A date or date-time (RFC 3339), or an interval `start/end` where either end may "
            "be `..` or empty for open. Matches events whose date falls inside.",
            {"type": "string", "pattern": _DATETIME_PATTERN},
        ),
        "type": form("type", "Event types, comma-separated (`shelling,air_strike`).", types),
        "event_type": form("event_type", "The same as `type`, named as the property.", types),
        "country": form(
            "country", "ISO 3166-1 alpha-2 country codes, comma-separated (`UA,SY`).", codes
        ),
        "country_code": form(
            "country_code", "The same as `country`, named as the property.", codes
        ),
        "place": form("place", "A place name (any case) or place id.", text),
        "q": form("q", "Full-text search: features whose report contains every word.", text),
        "f": form("f", "The response format.", {"type": "string", "enum": ["json"]}),
    }


#: The parameters of ``/collections/{id}/items``, in the order the document lists them.
ITEMS_PARAMETERS = (
    "limit",
    "offset",
    "bbox",
    "datetime",
    "type",
    "event_type",
    "country",
    "country_code",
    "place",
    "q",
    "f",
)


def refs(names: tuple[str, ...]) -> list[dict[str, str]]:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


def parse_items(params: Mapping[str, str], settings: ApiSettings) -> Page:
    """The ``Page`` a query string asks for; anything malformed or unknown is a 400."""
    check_format(params, accepted=ITEMS_PARAMETERS)
    limit = min(_integer(params, "limit", settings.default_limit, minimum=1), settings.max_limit)
    offset = _integer(params, "offset", 0, minimum=0, maximum=MAX_ROWS)
    start, end = parse_datetime(params.get("datetime"))
    try:
        query = Query(
            bbox=parse_bbox(params.get("bbox")),
            start=start,
            end=end,
            event_types=_types(params),
            countries=_countries(params),
            place=_text(params, "place"),
            text=_text(params, "q"),
            order="id",
        )
    except QueryError as exc:
        raise BadRequest(str(exc)) from None
    return Page(query, limit, offset)


def check_format(
    params: Mapping[str, str],
    formats: tuple[str, ...] = ("json",),
    accepted: tuple[str, ...] = ("f",),
) -> str | None:
    """The ``f`` value, after refusing parameters outside ``accepted`` and unknown formats.

    OGC API - Features answers an undeclared parameter with 400 rather than ignoring it, so a
    misspelt filter never silently returns everything.
    """
    unknown = sorted(set(params) - set(accepted))
    if unknown:
        raise BadRequest(
            f"unknown query parameter(s): {', '.join(unknown)}; "
            f"this operation accepts {', '.join(accepted)}"
        )
    fmt = params.get("f")
    if fmt is not None and fmt not in formats:
        raise BadRequest(f"f={fmt!r} is not available here; use f={' or f='.join(formats)}")
    return fmt


def parse_bbox(raw: str | None) -> BBox | None:
    """Four numbers (or six, whose heights are ignored), validated by ``Query``."""
    if raw is None:
        return None
    parts = raw.split(",")
    if len(parts) not in (4, 6):
        raise BadRequest(
            f"bbox must be 4 comma-separated numbers minlon,minlat,maxlon,maxlat; "
            f"got {len(parts)} value(s)"
        )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise BadRequest(f"bbox holds something that is not a number: {raw!r}") from None
    if not all(math.isfinite(n) for n in numbers):
        raise BadRequest(f"bbox numbers must be finite: {raw!r}")
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    minx, miny, maxx, maxy = numbers
    if not (-180 <= minx <= 180 and -180 <= maxx <= 180):
        raise BadRequest(f"bbox longitudes must lie within -180..180: {raw!r}")
    if not (-90 <= miny <= 90 and -90 <= maxy <= 90):
        raise BadRequest(f"bbox latitudes must lie within -90..90: {raw!r}")
    if miny > maxy:
        raise BadRequest(f"bbox minlat ({miny}) is north of maxlat ({maxy})")
    return (minx, miny, maxx, maxy)


def parse_datetime(raw: str | None) -> tuple[date | None, date | None]:
    """Inclusive (start, end) dates of an instant or an interval; ``None`` is an open end.

    Events are dated to the day, so a date-time selects its UTC day. Bounds outside the
    calendar Python knows (QGIS's ``0000-01-01T00:00:00Z``) are open ends.
    """
    if raw is None:
        return None, None
    text = raw.strip()
    if "/" not in text:
        day = _instant(text, raw)
        if day is None:
            raise BadRequest(f"datetime {raw!r} is not a date or date-time inside year 1..9999")
        return day, day
    parts = text.split("/")
    if len(parts) != 2:
        raise BadRequest(f"datetime interval {raw!r} must be start/end")
    start, end = (None if p in ("", "..") else _instant(p, raw) for p in parts)
    if start is not None and end is not None and start > end:
        raise BadRequest(f"datetime interval {raw!r} ends before it starts")
    return start, end


def _instant(text: str, raw: str) -> date | None:
    if not _INSTANT.fullmatch(text):
        # An offset's "+" sent unencoded arrives as a space.
        hint = "; write the + of a UTC offset as %2B in a URL" if " " in text else ""
        raise BadRequest(
            f"datetime {raw!r} is not RFC 3339: use 2022-06-25, 2022-06-25T10:00:00Z or "
            f"an interval such as 2022-06-01/2022-06-30 or 2022-06-01/..{hint}"
        )
    year = int(text[:4])
    if year < 1:
        return None
    try:
        value = datetime.fromisoformat(text.upper().replace("Z", "+00:00").replace(" ", "T"))
    except ValueError:
        raise BadRequest(f"datetime {raw!r} is not a real calendar date or time") from None
    if value.tzinfo is not None:
        try:
            value = value.astimezone(timezone.utc)
        except OverflowError:
            return None
    return value.date()


def _integer(
    params: Mapping[str, str], name: str, default: int, *, minimum: int, maximum: int | None = None
) -> int:
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise BadRequest(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise BadRequest(f"{name} must be at most {maximum}, got {value}")
    return value


def _values(params: Mapping[str, str], *names: str) -> list[str]:
    values: list[str] = []
    for name in names:
        raw = params.get(name)
        if raw is not None:
            values += [v.strip() for v in raw.split(",") if v.strip()]
    return values


def _types(params: Mapping[str, str]) -> tuple[str, ...]:
    types = [v.lower() for v in _values(params, "type", "event_type")]
    bad = [t for t in types if not _TYPE.fullmatch(t)]
    if bad:
        raise BadRequest(f"{bad[0]!r} is not an event type name like missile_strike")
    return tuple(dict.fromkeys(types))


def _countries(params: Mapping[str, str]) -> tuple[str, ...]:
    codes = _values(params, "country", "country_code")
    bad = [c for c in codes if not _COUNTRY.fullmatch(c)]
    if bad:
        raise BadRequest(f"{bad[0]!r} is not a two-letter ISO country code like UA")
    return tuple(dict.fromkeys(c.upper() for c in codes))


def _text(params: Mapping[str, str], name: str) -> str | None:
    raw = params.get(name)
    return raw.strip() or None if raw is not None else None
