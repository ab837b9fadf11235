"""Events out to people: interactive HTML maps (``maps.html``) and GIS files for QGIS."""

from maps.html import MapSummary, render_map, write_map

__all__ = ["MapSummary", "render_map", "write_map"]
