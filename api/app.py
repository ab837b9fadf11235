"""The application factory: ``create_app(settings)`` builds a FastAPI app with no globals.

``uvicorn --factory api.app:from_env`` builds one per worker process from ``GEOEVENTS_*``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from api import openapi
from api.context import Context
from api.errors import install_error_handlers
from api.limits import BodyLimit
from api.pages import render
from api.responses import OPENAPI_JSON, dumps
from api.routes import ogc, reports, tools
from api.settings import ApiSettings
from geoevents import __version__
from geoevents.store import open_store

log = logging.getLogger(__name__)


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """A ready-to-serve app on ``settings.db`` (``ApiSettings.from_env()`` when omitted).

    The store is opened here, so a bad ``db`` fails at once, and closed at shutdown.
    """
    settings = settings or ApiSettings.from_env()
    store = open_store(settings.db)
    log.info("serving %s", store)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title=settings.title,
        version=__version__,
        description="Located, dated, typed events as OGC API - Features, with report ingest, "
        "geoparsing and geocoding.",
        lifespan=lifespan,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = Context(settings, store)
    install_error_handlers(app)
    app.include_router(ogc.router)
    app.include_router(tools.router)
    app.include_router(reports.parse_router)
    if not settings.read_only:
        app.include_router(reports.store_router)
    _add_documents(app)
    openapi.install(app, settings)

    app.add_middleware(GZipMiddleware, minimum_size=1024)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "If-None-Match"],
            expose_headers=["ETag"],
        )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def from_env() -> FastAPI:
    """The factory uvicorn workers call: everything from ``GEOEVENTS_*`` variables."""
    return create_app(ApiSettings.from_env())


def _add_documents(app: FastAPI) -> None:
    """The OpenAPI document (typed as OGC clients expect) and a browsable rendering of it."""

    @app.get("/openapi.json", include_in_schema=False)
    def service_desc() -> Response:
        return Response(dumps(app.openapi()), media_type=OPENAPI_JSON)

    @app.get("/api.html", include_in_schema=False)
    def service_doc(request: Request) -> Response:
        doc = {"title": f"{app.title} API", "api": app.openapi()}
        return HTMLResponse(render("api.html", request, doc, []))
