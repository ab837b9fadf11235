"""OGC API - Features Part 1: landing page, conformance, collections, items, queryables."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, Response

from api import openapi, params
from api.collections import COLLECTIONS, Collection, spatial_extent, temporal_extent
from api.context import base_url, context
from api.errors import NotFound
from api.pages import render, wants_html
from api.responses import GEOJSON, HTML, JSON, OPENAPI_JSON, cacheable, dumps

router = APIRouter()

#: Pages up to this size are read on the event loop: the SQLite read takes about a
#: millisecond, less than handing it to a thread. Larger pages go to a worker thread, so
#: they never hold up the small requests behind them.
INLINE_LIMIT = 500
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]


def read(
    path: str,
    operation_id: str,
    summary: str,
    response: dict[str, Any],
    parameters: list[dict[str, Any]],
) -> Any:
    """Register a cacheable GET, documented with its parameters and error answers."""
    responses = openapi.cached_read(response)
    if "{collection_id}" in path:
        responses[404] = openapi.error("No such collection or feature.")
    return router.get(
        path,
        summary=summary,
        operation_id=operation_id,
        response_class=Response,
        responses=responses,
        openapi_extra={"parameters": parameters},
    )


def link(href: str, rel: str, media_type: str, title: str | None = None) -> dict[str, str]:
    entry = {"href": href, "rel": rel, "type": media_type}
    if title:
        entry["title"] = title
    return entry


def _read(
    request: Request, content: Any, media_type: str = JSON, *, stamped: bool = False
) -> Response:
    return cacheable(
        request,
        dumps(content),
        media_type,
        context(request).settings.cache_seconds,
        stamped=stamped,
    )


def _page(
    request: Request, template: str, doc: dict[str, Any], trail: list[tuple[str, str]]
) -> Response:
    return HTMLResponse(render(template, request, doc, trail))


@read(
    "/",
    "getLandingPage",
    "Landing page",
    openapi.page("LandingPage", "Links to the API's parts."),
    [openapi.F_PARAMETER],
)
def landing(request: Request) -> Response:
    base = base_url(request)
    settings = context(request).settings
    doc = {
        "title": settings.title,
        "description": "Located, dated, typed events from short reports, "
        "served as OGC API - Features.",
        "links": [
            link(f"{base}/", "self", JSON, "This document"),
            link(f"{base}/?f=html", "alternate", HTML, "This document as HTML"),
            link(f"{base}/openapi.json", "service-desc", OPENAPI_JSON, "The API definition"),
            link(f"{base}/api.html", "service-doc", HTML, "The API documentation"),
            link(f"{base}/conformance", "conformance", JSON, "Conformance classes"),
            link(f"{base}/collections", "data", JSON, "Collections"),
            link(f"{base}/map", "alternate", HTML, "A map of the events"),
        ],
    }
    if wants_html(request):
        return _page(request, "landing.html", doc, [])
    return _read(request, doc)


@read(
    "/conformance",
    "getConformanceDeclaration",
    "Conformance classes",
    openapi.body("Conformance", "The classes implemented."),
    params.refs(("f",)),
)
def conformance(request: Request) -> Response:
    params.check_format(request.query_params)
    return _read(request, {"conformsTo": CONFORMANCE})


def _collection_doc(
    request: Request, collection: Collection, bbox: list[float], interval: list[str | None]
) -> dict[str, Any]:
    url = f"{base_url(request)}/collections/{collection.id}"
    return {
        "id": collection.id,
        "title": collection.title,
        "description": collection.description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {
            "spatial": {"bbox": [bbox], "crs": CRS84},
            "temporal": {"interval": [interval]},
        },
        "links": [
            link(url, "self", JSON, "This collection"),
            link(f"{url}?f=html", "alternate", HTML, "This collection as HTML"),
            link(f"{url}/items", "items", GEOJSON, f"{collection.title} as GeoJSON"),
            link(
                f"{url}/queryables",
                "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                "application/schema+json",
                "What the filters can select on",
            ),
        ],
    }


@read(
    "/collections",
    "getCollections",
    "The feature collections",
    openapi.page("Collections", "Every collection."),
    [openapi.F_PARAMETER],
)
def collections(request: Request) -> Response:
    html = wants_html(request)
    store = context(request).store
    bbox, interval = spatial_extent(store), temporal_extent(store)
    base = base_url(request)
    doc = {
        "links": [
            link(f"{base}/collections", "self", JSON, "This document"),
            link(f"{base}/collections?f=html", "alternate", HTML, "This document as HTML"),
        ],
        "collections": [
            _collection_doc(request, c, bbox, interval) for c in COLLECTIONS.values()
        ],
    }
    if html:
        return _page(request, "collections.html", doc, [("Collections", f"{base}/collections")])
    return _read(request, doc)


@read(
    "/collections/{collection_id}",
    "describeCollection",
    "One feature collection",
    openapi.page("Collection", "The collection."),
    [openapi.F_PARAMETER],
)
def collection(request: Request, collection_id: str) -> Response:
    ctx = context(request)
    found = ctx.collection(collection_id)
    html = wants_html(request)
    doc = _collection_doc(request, found, spatial_extent(ctx.store), temporal_extent(ctx.store))
    if html:
        trail = [
            ("Collections", f"{base_url(request)}/collections?f=html"),
            (found.title, f"{base_url(request)}/collections/{found.id}?f=html"),
        ]
        return _page(request, "collection.html", doc, trail)
    return _read(request, doc)


@read(
    "/collections/{collection_id}/queryables",
    "getQueryables",
    "What the items filters can select on",
    openapi.body("Queryables", "A JSON Schema.", "application/schema+json"),
    params.refs(("f",)),
)
def queryables(request: Request, collection_id: str) -> Response:
    found = context(request).collection(collection_id)
    params.check_format(request.query_params)
    url = f"{base_url(request)}/collections/{found.id}/queryables"
    return _read(request, found.queryables(url), "application/schema+json")


@read(
    "/collections/{collection_id}/items",
    "getFeatures",
    "Features of a collection, filtered and paged",
    openapi.features("A page of features with paging links."),
    params.refs(params.ITEMS_PARAMETERS),
)
async def items(request: Request, collection_id: str) -> Response:
    ctx = context(request)
    found = ctx.collection(collection_id)
    page = params.parse_items(request.query_params, ctx.settings)
    if page.limit <= INLINE_LIMIT:
        return _items(request, found, page)
    return await run_in_threadpool(_items, request, found, page)


def _items(request: Request, found: Collection, page: params.Page) -> Response:
    store = context(request).store
    features = found.items(store, page.query.page(page.limit, page.offset))
    returned = len(features)
    if returned < page.limit and (returned or not page.offset):
        matched = page.offset + returned
    else:
        matched = found.count(store, page.query)
    links = [
        link(str(request.url), "self", GEOJSON, "This page"),
        link(f"{base_url(request)}/collections/{found.id}", "collection", JSON, found.title),
    ]
    if page.offset + returned < matched:
        url = request.url.include_query_params(offset=page.offset + returned, limit=page.limit)
        links.append(link(str(url), "next", GEOJSON, "Next page"))
    if page.offset > 0:
        previous = max(0, page.offset - page.limit)
        url = request.url.include_query_params(offset=previous, limit=page.limit)
        links.append(link(str(url), "prev", GEOJSON, "Previous page"))
    doc = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": returned,
        "links": links,
        "features": features,
    }
    return _read(request, doc, GEOJSON, stamped=True)


@read(
    "/collections/{collection_id}/items/{feature_id}",
    "getFeature",
    "One feature",
    openapi.body("Feature", "The feature.", GEOJSON),
    params.refs(("f",)),
)
async def item(request: Request, collection_id: str, feature_id: str) -> Response:
    ctx = context(request)
    found = ctx.collection(collection_id)
    params.check_format(request.query_params)
    feature = found.item(ctx.store, feature_id)
    if feature is None:
        raise NotFound(f"no feature {feature_id!r} in {found.id}")
    url = f"{base_url(request)}/collections/{found.id}"
    feature["links"] = [
        link(f"{url}/items/{feature_id}", "self", GEOJSON, "This feature"),
        link(url, "collection", JSON, found.title),
    ]
    return _read(request, feature, GEOJSON)
