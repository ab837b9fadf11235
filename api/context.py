"""What every route needs, built once per app: settings, the open store, the collections."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from api.collections import COLLECTIONS, Collection
from api.errors import NotFound
from api.settings import ApiSettings
from geoevents.store.base import Store


@dataclass(frozen=True, slots=True)
class Context:
    """The app's long-lived state; the store hands each worker thread its own connection."""

    settings: ApiSettings
    store: Store

    def collection(self, collection_id: str) -> Collection:
        try:
            return COLLECTIONS[collection_id]
        except KeyError:
            raise NotFound(
                f"no collection {collection_id!r}; collections are {', '.join(COLLECTIONS)}"
            ) from None


def context(request: Request) -> Context:
    return request.app.state.context


def base_url(request: Request) -> str:
    """The server's root as clients reach it, without a trailing slash."""
    return str(request.base_url).rstrip("/")
