"""Reports in: ``POST /reports`` stores their events, ``POST /geoparse`` only shows them.

A read-only server mounts ``parse_router`` alone; both need the bearer token when one is set.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from api import openapi
from api.auth import require_token
from api.bodies import MAX_REPORTS, read_reports
from api.context import base_url, context
from api.responses import GEOJSON, json_response
from geoevents.ingest import Parser, ingest
from geoevents.model import Event, Report

store_router = APIRouter()
parse_router = APIRouter()

_REPORT = {
    "type": "object",
    "required": ["text"],
    "properties": {
        "id": {"type": "string", "description": "Your id; derived from the text if absent."},
        "text": {"type": "string", "minLength": 1},
        "title": {"type": "string"},
        "published": {"type": "string", "description": "ISO 8601 date or date-time."},
        "source": {"type": "string"},
    },
}
_REQUEST_BODY = {
    "required": True,
    "description": 'One report, `{"reports": [...]}`, or liveblog text (title, YYYYMMDD '
    "date and source lines, then one report per line) or paragraphs as text/plain.",
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    _REPORT,
                    {
                        "type": "object",
                        "required": ["reports"],
                        "properties": {
                            "reports": {
                                "type": "array",
                                "items": _REPORT,
                                "minItems": 1,
                                "maxItems": MAX_REPORTS,
                            },
                        },
                    },
                ]
            }
        },
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
    },
}
_WRITE_ERRORS = {
    400: openapi.error("A malformed report; nothing was stored."),
    401: openapi.error("A missing or wrong bearer token."),
    413: openapi.error("The body is larger than the server accepts."),
    415: openapi.error("The body is neither JSON nor text."),
}
_lock = threading.Lock()


@cache
def geoparser(lexicon: Path | None) -> Parser:
    """One geoparser per process and lexicon, built on first use (it loads the gazetteer)."""
    from geoevents.geoparse import Geoparser

    return Geoparser(lexicon=lexicon)


def _parse(lexicon: Path | None, reports: list[Report]) -> list[Event]:
    with _lock:
        return list(geoparser(lexicon).parse_many(reports))


@store_router.post(
    "/reports",
    summary="Geoparse reports and store them as events",
    operation_id="addReports",
    status_code=201,
    response_class=Response,
    dependencies=[Depends(require_token)],
    responses={
        201: openapi.features("The stored events, in the order of the reports."),
        **_WRITE_ERRORS,
    },
    openapi_extra={"requestBody": _REQUEST_BODY},
)
async def add_reports(request: Request) -> Response:
    ctx = context(request)
    reports = await read_reports(request)
    parser = await run_in_threadpool(geoparser, ctx.settings.lexicon)

    def store() -> tuple[list[dict[str, object]], int]:
        with _lock:
            result = ingest(
                reports, ctx.store, geoparser=parser, batch_size=len(reports), keep=True
            )
        return [record.to_feature() for record in result.events], result.summary.stored

    features, stored = await run_in_threadpool(store)
    url = f"{base_url(request)}/collections/events/items"
    for feature in features:
        feature["links"] = [{"href": f"{url}/{feature['id']}", "rel": "self", "type": GEOJSON}]
    doc = {
        "type": "FeatureCollection",
        "numberReturned": len(features),
        "numberStored": stored,
        "numberDuplicates": len(features) - stored,
        "features": features,
    }
    return json_response(doc, status=201, media_type=GEOJSON)


@parse_router.post(
    "/geoparse",
    summary="Geoparse reports without storing them",
    operation_id="geoparse",
    response_class=Response,
    dependencies=[Depends(require_token)],
    responses={
        200: {
            "description": "One geoparse result per report: toponyms with offsets, location, "
            "date and type (the `geoevents geoparse` objects).",
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["results"],
                        "properties": {"results": {"type": "array", "items": {"type": "object"}}},
                    }
                }
            },
        },
        **_WRITE_ERRORS,
    },
    openapi_extra={"requestBody": _REQUEST_BODY},
)
async def geoparse(request: Request) -> Response:
    reports = await read_reports(request)
    events = await run_in_threadpool(_parse, context(request).settings.lexicon, reports)
    return json_response({"results": [event.to_dict() for event in events]})
