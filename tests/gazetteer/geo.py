"""Distances for assertions about coordinates."""

from __future__ import annotations

import math

from gazetteer import Place


def km(place: Place, lat: float, lon: float) -> float:
    """Great-circle distance in kilometres from ``place`` to (lat, lon)."""
    p1, p2 = math.radians(place.lat), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - place.lon)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
