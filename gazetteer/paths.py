"""Where the default index and the geocoder cache live: the cache directory."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_FILENAME = "gazetteer.sqlite"


def cache_dir() -> Path:
    """``$GEOEVENTS_CACHE_DIR``, else ``$XDG_CACHE_HOME/geoevents``, else ``~/.cache/geoevents``."""
    explicit = os.environ.get("GEOEVENTS_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "geoevents"


def default_index_path() -> Path:
    """The index built from registry packages: ``<cache dir>/gazetteer.sqlite``."""
    return cache_dir() / INDEX_FILENAME
