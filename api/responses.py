"""Response helpers: orjson bodies (never NaN), content types, ETag and Cache-Control."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.0"
HTML = "text/html"


def dumps(content: Any) -> bytes:
    """Compact JSON; orjson writes NaN and infinities as null, so every body is valid JSON."""
    return orjson.dumps(content)


def json_response(
    content: Any,
    *,
    status: int = 200,
    media_type: str = JSON,
    headers: dict[str, str] | None = None,
) -> Response:
    return Response(dumps(content), status_code=status, media_type=media_type, headers=headers)


def cacheable(
    request: Request, body: bytes, media_type: str, max_age: int, *, stamped: bool = False
) -> Response:
    """A read answered with an ETag; a matching ``If-None-Match`` gets an empty 304.

    ``stamped`` adds a ``timeStamp`` member to a JSON object body after hashing it, so the
    ETag changes when the data does, not every second.
    """
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={max_age}"}
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    if stamped:
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = body[:-1] + b',"timeStamp":"' + now.encode() + b'"}'
    return Response(body, media_type=media_type, headers=headers)


def _matches(if_none_match: str | None, etag: str) -> bool:
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    candidates = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return etag in candidates
