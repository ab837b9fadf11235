"""The OpenAPI 3.0 document: FastAPI's paths plus the OGC components clients look for.

Routes refer to shared parameters and schemas by ``$ref``; this module supplies them, so the
document a client reads is the contract the server enforces.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api import params
from api.responses import GEOJSON, HTML, JSON
from api.settings import ApiSettings

_LINK = {
    "type": "object",
    "required": ["href", "rel"],
    "properties": {
        "href": {"type": "string"},
        "rel": {"type": "string"},
        "type": {"type": "string"},
        "title": {"type": "string"},
    },
}
_LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}
_NULLABLE_STRING = {"type": "string", "nullable": True}

SCHEMAS: dict[str, dict[str, Any]] = {
    "Link": _LINK,
    "Exception": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
    },
    "LandingPage": {
        "type": "object",
        "required": ["links"],
        "properties": {
            "title": {"type": "string"},
            "description": {"type": "string"},
            "links": _LINKS,
        },
    },
    "Conformance": {
        "type": "object",
        "required": ["conformsTo"],
        "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}},
    },
    "Collection": {
        "type": "object",
        "required": ["id", "links"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "itemType": {"type": "string"},
            "crs": {"type": "array", "items": {"type": "string"}},
            "extent": {
                "type": "object",
                "properties": {
                    "spatial": {
                        "type": "object",
                        "properties": {
                            "bbox": {
                                "type": "array",
                                "items": {
                                    "type": "array",
                                    "minItems": 4,
                                    "maxItems": 4,
                                    "items": {"type": "number"},
                                },
                            },
                            "crs": {"type": "string"},
                        },
                    },
                    "temporal": {
                        "type": "object",
                        "properties": {
                            "interval": {
                                "type": "array",
                                "items": {
                                    "type": "array",
                                    "minItems": 2,
                                    "maxItems": 2,
                                    "items": _NULLABLE_STRING,
                                },
                            },
                        },
                    },
                },
            },
            "links": _LINKS,
        },
    },
    "Collections": {
        "type": "object",
        "required": ["links", "collections"],
        "properties": {
            "links": _LINKS,
            "collections": {"type": "array", "items": {"$ref": "#/components/schemas/Collection"}},
        },
    },
    "Point": {
        "type": "object",
        "required": ["type", "coordinates"],
        "properties": {
            "type": {"type": "string", "enum": ["Point"]},
            "coordinates": {"type": "array", "minItems": 2, "items": {"type": "number"}},
        },
    },
    "Feature": {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
            "geometry": {"allOf": [{"$ref": "#/components/schemas/Point"}], "nullable": True},
            "properties": {"type": "object", "nullable": True},
            "links": _LINKS,
        },
    },
    "FeatureCollection": {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}},
            "links": _LINKS,
            "timeStamp": {"type": "string", "format": "date-time"},
            "numberMatched": {"type": "integer", "minimum": 0},
            "numberReturned": {"type": "integer", "minimum": 0},
        },
    },
    "Queryables": {
        "type": "object",
        "required": ["type", "properties"],
        "properties": {
            "$schema": {"type": "string"},
            "$id": {"type": "string"},
            "type": {"type": "string"},
            "title": {"type": "string"},
            "properties": {"type": "object"},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "version", "events"],
        "properties": {
            "status": {"type": "string"},
            "version": {"type": "string"},
            "events": {"type": "integer"},
        },
    },
}


def error(description: str) -> dict[str, Any]:
    """An error response entry: an ``{"code", "description"}`` body."""
    return {
        "description": description,
        "content": {JSON: {"schema": {"$ref": "#/components/schemas/Exception"}}},
    }


def body(schema: str, description: str, media_type: str = JSON) -> dict[str, Any]:
    """A success response entry with the named schema."""
    return {
        "description": description,
        "content": {media_type: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def page(schema: str, description: str) -> dict[str, Any]:
    """A read that browsers may also get as HTML (``?f=html``)."""
    entry = body(schema, description)
    entry["content"][HTML] = {"schema": {"type": "string"}}
    return entry


def cached_read(response: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """The responses of a cacheable read: the body, 304 for a matching ETag, 400."""
    return {
        200: response,
        304: {"description": "Not modified: the ETag in If-None-Match still holds."},
        400: error("A malformed query parameter."),
    }


def features(description: str) -> dict[str, Any]:
    return body("FeatureCollection", description, GEOJSON)


#: ``?f=`` on pages that have an HTML form.
F_PARAMETER = {
    "name": "f",
    "in": "query",
    "required": False,
    "description": "The response format; browsers get HTML by default.",
    "schema": {"type": "string", "enum": ["json", "html"]},
}


def install(app: FastAPI, settings: ApiSettings) -> None:
    """Make ``app.openapi()`` build (once) the document with the OGC components."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                openapi_version="3.0.3",
                description=app.description,
                routes=app.routes,
            )
            _drop_validation_errors(document)
            components = document.setdefault("components", {})
            components.setdefault("schemas", {}).update(SCHEMAS)
            components["parameters"] = params.components(settings)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _drop_validation_errors(document: dict[str, Any]) -> None:
    """FastAPI documents a 422 for every path parameter; this API answers 400 instead."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    schemas = document.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
