"""Offline place-name resolution from GeoNames-derived data (imports nothing else of geoevents)."""

from gazetteer.place import Kind, Place

__all__ = ["Kind", "Place"]
