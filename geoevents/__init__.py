"""geoevents: from short event reports to located, dated, typed events."""

__version__ = "0.1.0"
