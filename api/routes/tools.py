"""Reads beyond the standard: geocoding, an HTML map of the items filters, a health check."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse, Response

from api import openapi, params
from api.context import base_url, context
from api.errors import BadRequest
from api.responses import GEOJSON, HTML, cacheable, dumps, json_response
from gazetteer import Gazetteer, GazetteerError, Place
from geoevents import __version__
from geoevents.query import Query
from maps.html import render_map

router = APIRouter()

#: The most candidates ``/geocode`` returns.
MAX_CANDIDATES = 50
#: The most events one ``/map`` page draws (the map stays usable up to about this many).
MAX_MAP_EVENTS = 100_000
_GEOCODE_PARAMETERS = [
    {
        "name": "q",
        "in": "query",
        "required": True,
        "description": "The place name.",
        "schema": {"type": "string", "minLength": 1},
    },
    {
        "name": "country",
        "in": "query",
        "required": False,
        "description": "Only places in this country: an ISO 3166-1 alpha-2 code (a country's "
        "English name works too).",
        "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
    },
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "How many candidates at most, most likely first.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_CANDIDATES, "default": 5},
    },
]


@cache
def gazetteer() -> Gazetteer:
    """One shared gazetteer per process (it is thread-safe and caches lookups)."""
    return Gazetteer()


@router.get(
    "/health",
    summary="Whether the server can read its store",
    operation_id="getHealth",
    response_class=Response,
    responses={200: openapi.body("Health", "The server is up and its store readable.")},
)
def health(request: Request) -> Response:
    params.check_format(request.query_params)
    events = context(request).store.count(Query())
    return json_response({"status": "ok", "version": __version__, "events": events})


@router.get(
    "/geocode",
    summary="Places called a name, most likely first",
    operation_id="geocode",
    response_class=Response,
    responses=openapi.cached_read(openapi.features("Candidate places as points.")),
    openapi_extra={"parameters": _GEOCODE_PARAMETERS},
)
def geocode(request: Request) -> Response:
    query = request.query_params
    params.check_format(query, accepted=("q", "country", "limit", "f"))
    name = (query.get("q") or "").strip()
    if not name:
        raise BadRequest("q, the place name to look up, is required")
    limit = _limit(query.get("limit"))
    country = (query.get("country") or "").strip() or None
    try:
        places = gazetteer().candidates(name, country=country, limit=limit)
    except GazetteerError as exc:
        raise BadRequest(str(exc)) from None
    doc = {
        "type": "FeatureCollection",
        "numberReturned": len(places),
        "features": [_place_feature(rank, place) for rank, place in enumerate(places, 1)],
    }
    return cacheable(request, dumps(doc), GEOJSON, context(request).settings.cache_seconds)


@router.get(
    "/map",
    summary="An interactive HTML map of the events the items filters select",
    operation_id="getMap",
    response_class=HTMLResponse,
    responses={
        200: {"description": "A self-contained HTML map.", "content": {HTML: {}}},
        400: openapi.error("A malformed query parameter."),
    },
    openapi_extra={"parameters": params.refs(params.ITEMS_PARAMETERS)},
)
def event_map(request: Request) -> Response:
    ctx = context(request)
    page = params.parse_items(request.query_params, ctx.settings)
    limit = page.limit if "limit" in request.query_params else MAX_MAP_EVENTS
    query = replace(page.query, order="-date", offset=page.offset, limit=limit)
    html = render_map(
        ctx.store.events(query),
        title=ctx.settings.title,
        offline=True,
        item_url=f"{base_url(request)}/collections/events/items/{{id}}",
    )
    return HTMLResponse(html)


def _limit(raw: str | None) -> int:
    if raw is None:
        return 5
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_CANDIDATES:
        raise BadRequest(f"limit must be a whole number from 1 to {MAX_CANDIDATES}, got {raw!r}")
    return int(raw)


def _place_feature(rank: int, place: Place) -> dict[str, object]:
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "rank": rank,
            "name": place.name,
            "kind": place.kind,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "population": place.population,
            "geonameid": place.geonameid,
        },
    }
