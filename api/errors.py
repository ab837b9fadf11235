"""OGC-style JSON errors: every failure is ``{"code", "description"}`` with the right status.

Ordinary bad input (a malformed bbox, an unknown id, a body too large) is an ``ApiError`` or a
typed ``GeoeventsError`` and maps to a 4xx. Only a true bug reaches the catch-all, which logs
the traceback and answers a bare 500 that reveals nothing.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from api.responses import json_response
from geoevents.errors import GeoeventsError, InputError, QueryError

log = logging.getLogger(__name__)

#: The OGC exception code for each status this API answers with.
CODES = {
    400: "InvalidParameterValue",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    500: "ServerError",
}


class ApiError(Exception):
    """An error the client can fix, with its HTTP status and a precise description."""

    def __init__(
        self, status: int, description: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.headers = headers


class BadRequest(ApiError):
    def __init__(self, description: str) -> None:
        super().__init__(400, description)


class NotFound(ApiError):
    def __init__(self, description: str) -> None:
        super().__init__(404, description)


def error_response(
    status: int, description: str, headers: dict[str, str] | None = None
) -> Response:
    body = {"code": CODES.get(status, "Error"), "description": description}
    return json_response(body, status=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception type to one JSON shape."""

    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.description, exc.headers)

    async def geoevents_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, InputError):
            return error_response(
                400, f"line {exc.line}: {exc.message}" if exc.line else exc.message
            )
        if isinstance(exc, QueryError):
            return error_response(400, str(exc))
        log.error("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
        return error_response(500, "the server could not complete the request")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no resource at {request.url.path}"
        return error_response(exc.status_code, detail, dict(exc.headers or {}))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(400, "; ".join(_describe(e) for e in exc.errors()))

    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal server error")

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(GeoeventsError, geoevents_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, bug)


def _describe(error: dict[str, object]) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body") or "request"
    return f"{where}: {error.get('msg', 'invalid value')}"
