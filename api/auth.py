"""Writes need ``Authorization: Bearer <token>`` when the server has a token."""

from __future__ import annotations

import hmac

from starlette.requests import Request

from api.context import context
from api.errors import ApiError


def require_token(request: Request) -> None:
    """A FastAPI dependency: compares in constant time and never echoes or logs the token."""
    expected = context(request).settings.token
    if expected is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        raise ApiError(
            401,
            "this operation needs the header Authorization: Bearer <token>",
            headers={"WWW-Authenticate": 'Bearer realm="geoevents"'},
        )
