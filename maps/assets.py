"""The scripts and stylesheets a map needs: a CDN address for online maps, a file for offline ones.

Every file comes from a package installed from PyPI (XStatic-Leaflet,
XStatic-Leaflet-MarkerCluster, folium's own wheel) or from this package, so an offline map is
built without any download. The CDN versions match the packaged ones.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

_CSS_URL = re.compile(r"url\((['\"]?)([^)'\"]+)\1\)")


@dataclass(frozen=True, slots=True)
class Asset:
    """One script or stylesheet: where browsers fetch it online and where it lies on disk."""

    name: str
    url: str
    package: str  #: the importable package whose directory holds the file
    subdir: str  #: the directory inside that package
    filename: str

    @property
    def path(self) -> Path:
        module = import_module(self.package)
        base = Path(getattr(module, "BASE_DIR", None) or Path(module.__file__).parent)
        return base / self.subdir / self.filename

    @property
    def kind(self) -> str:
        return "css" if self.filename.endswith(".css") else "js"

    def inline(self) -> str:
        """The file's text, ready to sit inside a ``<script>`` or ``<style>`` element."""
        return _inline_text(self)


@cache
def _inline_text(asset: Asset) -> str:
    text = asset.path.read_text(encoding="utf-8")
    if asset.kind == "css":
        return _CSS_URL.sub(lambda m: _data_url(asset.path.parent, m), text)
    # A literal "</script" inside a script would end the element early.
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _data_url(base: Path, match: re.Match[str]) -> str:
    target = match.group(2)
    if target.startswith(("data:", "#", "http:", "https:")):
        return match.group(0)
    path = base / target
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'url("data:{mime};base64,{encoded}")'


_LEAFLET = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/"
_CLUSTER = "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.4.1/dist/"
_FOLIUM = "https://cdn.jsdelivr.net/gh/python-visualization/folium@v0.20.0/folium/templates/"

#: Third-party files in load order (Leaflet first: the heat plugin extends it). The cluster
#: bubbles borrow Leaflet.markercluster's look; the clustering itself is ours.
THIRD_PARTY: tuple[Asset, ...] = (
    Asset("leaflet", _LEAFLET + "leaflet.js", "xstatic.pkg.leaflet", "", "leaflet.js"),
    Asset("leaflet_css", _LEAFLET + "leaflet.css", "xstatic.pkg.leaflet", "", "leaflet.css"),
    Asset("markercluster_default_css", _CLUSTER + "MarkerCluster.Default.css",
          "xstatic.pkg.leaflet_markercluster", "", "MarkerCluster.Default.css"),
    Asset("leaflet_heat", _FOLIUM + "leaflet_heat.min.js", "folium", "templates",
          "leaflet_heat.min.js"),
)

#: The map's own stylesheet and scripts: always inlined, there is no CDN for them.
OWN: tuple[Asset, ...] = (
    Asset("geoevents_map_css", "", "maps", "static", "geoevents-map.css"),
    Asset("geoevents_clusters_js", "", "maps", "static", "geoevents-clusters.js"),
    Asset("geoevents_map_js", "", "maps", "static", "geoevents-map.js"),
)


def local_copy(url: str) -> Path | None:
    """The packaged file a CDN address of ours points at (a script, a stylesheet or an image
    a stylesheet refers to), to serve a browser under test without a network."""
    for asset in THIRD_PARTY:
        base = asset.url.rsplit("/", 1)[0] + "/"
        if url.startswith(base):
            path = (asset.path.parent / url[len(base):].split("?", 1)[0]).resolve()
            if path.is_file() and path.is_relative_to(asset.path.parent.resolve()):
                return path
    return None
