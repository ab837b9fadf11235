"""HTML for people: the landing and collection pages, chosen by ``?f=html`` or the Accept header.

Templates autoescape, so a collection title or a link can never inject markup.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request

from api.context import base_url, context
from api.params import check_format

_TEMPLATES = Environment(
    loader=PackageLoader("api", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
)


def wants_html(request: Request) -> bool:
    """``?f=`` decides; without it, HTML only when the client ranks it above JSON."""
    fmt = check_format(request.query_params, ("json", "html"))
    if fmt is not None:
        return fmt == "html"
    accept = request.headers.get("accept", "")
    return "text/html" in accept and accept.find("text/html") < _first_json(accept)


def _first_json(accept: str) -> int:
    positions = [accept.find(t) for t in ("application/json", "application/geo+json")]
    found = [p for p in positions if p >= 0]
    return min(found) if found else len(accept)


def render(
    template: str, request: Request, doc: dict[str, Any], trail: list[tuple[str, str]]
) -> str:
    """``template`` filled with ``doc``; ``trail`` is the breadcrumb below the site's name."""
    site = context(request).settings.title
    return _TEMPLATES.get_template(template).render(
        doc=doc, base=base_url(request), site=site, title=doc.get("title", site), trail=trail
    )
