"""Reusable click options, so every command spells the same flag the same way.

``query_options`` turns the filter flags into one ``geoevents.query.Query`` passed to the
command as ``query``; a bad value fails with a click error that names the option.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from geoevents.config import DEFAULT_DB
from geoevents.errors import QueryError
from geoevents.query import BBox, Query

F = TypeVar("F", bound=Callable[..., Any])


class BBoxType(click.ParamType):
    """``minlon,minlat,maxlon,maxlat`` in WGS 84 degrees."""

    name = "minlon,minlat,maxlon,maxlat"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> BBox:
        if isinstance(value, tuple):
            return value
        parts = [p.strip() for p in str(value).split(",")]
        if len(parts) != 4:
            self.fail(f"expected 4 comma-separated numbers, got {len(parts)}: {value!r}", param, ctx)
        try:
            minx, miny, maxx, maxy = (float(p) for p in parts)
        except ValueError:
            self.fail(f"not a number in {value!r}", param, ctx)
        if not all(-180 <= x <= 180 for x in (minx, maxx)):
            self.fail(f"longitudes must lie within -180..180: {value!r}", param, ctx)
        if not (-90 <= miny <= maxy <= 90):
            self.fail(f"latitudes must lie within -90..90 with minlat <= maxlat: {value!r}", param, ctx)
        return (minx, miny, maxx, maxy)


class DateType(click.ParamType):
    """An ISO 8601 calendar date (``2022-06-25``); a full datetime is cut to its date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip().split("T", 1)[0])
        except ValueError:
            self.fail(f"{value!r} is not an ISO date like 2022-06-25", param, ctx)


class CountryType(click.ParamType):
    """A two-letter ISO 3166-1 country code, normalised to upper case."""

    name = "CC"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        code = str(value).strip().upper()
        if len(code) != 2 or not code.isalpha():
            self.fail(f"{value!r} is not a two-letter ISO country code like UA", param, ctx)
        return code


class EventTypeName(click.ParamType):
    """An event type name (``missile_strike``); user lexicons may add their own."""

    name = "TYPE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        name = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        if not name or not name.replace("_", "").isalnum():
            self.fail(f"{value!r} is not an event type name like missile_strike", param, ctx)
        return name


class InputFormat(click.ParamType):
    """A report format name, checked against the readers registered at run time."""

    name = "FORMAT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from geoevents.readers import formats

        name = str(value).strip().lower()
        known = ("auto", *formats())
        if name not in known:
            self.fail(f"{value!r} is not one of {', '.join(known)}", param, ctx)
        return name

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        from geoevents.readers import formats

        return "[" + "|".join(("auto", *formats())) + "]"


BBOX = BBoxType()
ISO_DATE = DateType()
COUNTRY = CountryType()
EVENT_TYPE = EventTypeName()
INPUT_FORMAT = InputFormat()

db_option = click.option(
    "--db",
    envvar="GEOEVENTS_DB",
    default=DEFAULT_DB,
    show_default=True,
    show_envvar=True,
    metavar="PATH|URL",
    help="SQLite file, or a postgresql:// URL for PostGIS.",
)

format_option = click.option(
    "--format",
    "fmt",
    type=INPUT_FORMAT,
    default="auto",
    show_default=True,
    help="Input format; auto sniffs the file name and its first lines.",
)

skip_bad_option = click.option(
    "--skip-bad",
    is_flag=True,
    help="Report bad lines on stderr and go on, instead of stopping at the first.",
)

lexicon_option = click.option(
    "--lexicon",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="GEOEVENTS_LEXICON",
    show_envvar=True,
    default=None,
    help="A TOML file of extra event types and keywords.",
)

_QUERY_PARAMS = ("bbox", "since", "until", "event_types", "countries", "place", "search",
                 "limit", "offset", "located_only")


def query_options(func: F) -> F:
    """Add the event filter flags and pass the command one ``query: Query`` instead."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _QUERY_PARAMS}
        kwargs["query"] = build_query(**values)
        return func(*args, **kwargs)

    decorators = [
        click.option("--bbox", type=BBOX, default=None,
                     help="Only events inside this box (WGS 84 degrees)."),
        click.option("--since", type=ISO_DATE, default=None,
                     help="Only events on or after this date."),
        click.option("--until", type=ISO_DATE, default=None,
                     help="Only events on or before this date."),
        click.option("--type", "event_types", type=EVENT_TYPE, multiple=True,
                     help="Only this event type (repeatable)."),
        click.option("--country", "countries", type=COUNTRY, multiple=True,
                     help="Only events in this ISO country (repeatable)."),
        click.option("--place", default=None, help="Only events located at this place name."),
        click.option("--search", default=None, help="Full-text search in report text."),
        click.option("--limit", type=click.IntRange(min=0), default=None,
                     help="At most this many events."),
        click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
                     help="Skip this many events first."),
        click.option("--located-only", is_flag=True, help="Leave out events with no location."),
    ]
    for decorate in reversed(decorators):
        wrapper = decorate(wrapper)
    return wrapper  # type: ignore[return-value]


def build_query(
    *,
    bbox: BBox | None = None,
    since: date | None = None,
    until: date | None = None,
    event_types: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    place: str | None = None,
    search: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    located_only: bool = False,
) -> Query:
    """The ``Query`` the filter flags describe; contradictions fail naming the option."""
    if since and until and since > until:
        raise click.BadParameter(f"{until} is before --since {since}", param_hint="'--until'")
    try:
        return Query(
            bbox=bbox,
            start=since,
            end=until,
            event_types=tuple(dict.fromkeys(event_types)),
            countries=tuple(dict.fromkeys(countries)),
            place=place or None,
            text=search or None,
            located_only=located_only,
            limit=limit,
            offset=offset,
        )
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
