"""Tiny GeoNames dump files in the official layouts, written by the tests themselves."""

from __future__ import annotations

import zipfile
from pathlib import Path


def geonames_line(geonameid: int, name: str, alternates: str, lat: float, lon: float,
                  feature: str, country: str, admin1: str, population: int) -> str:
    """One allCountries line: 19 tab-separated columns."""
    feature_class, feature_code = feature.split(".")
    return "\t".join([
        str(geonameid), name, name, alternates, str(lat), str(lon), feature_class,
        feature_code, country, "", admin1, "", "", "", str(population), "", "150",
        "Europe/Kyiv", "2024-01-01",
    ])


PLACES = [
    geonames_line(690791, "Ukraine", "Ukraina,Україна", 49.0, 32.0, "A.PCLI", "UA", "00",
                  41_000_000),
    geonames_line(709716, "Donetsk Oblast", "Donets'ka Oblast',Donechchyna", 48.0, 37.75,
                  "A.ADM1", "UA", "05", 4_100_000),
    geonames_line(709930, "Dnipro", "Dnepr,Dnipropetrovsk", 48.4666, 35.04066, "P.PPLA",
                  "UA", "04", 968_502),
    geonames_line(709932, "Novomoskovsk", "", 48.6329, 35.2225, "P.PPL", "UA", "04", 70_000),
    geonames_line(705104, "Kostyantynivka", "Konstantinovka", 48.52728, 37.70594, "P.PPL",
                  "UA", "05", 67_350),
    geonames_line(799999, "Tinyvillage", "", 48.1, 37.1, "P.PPL", "UA", "05", 120),
    geonames_line(799998, "Seatvillage", "", 48.2, 37.2, "P.PPLA3", "UA", "05", 0),
    geonames_line(6255148, "Europe", "Europa", 48.69096, 9.14062, "L.CONT", "", "", 741_000_000),
    geonames_line(2643743, "London", "", 51.50853, -0.12574, "S.HTL", "GB", "ENG", 0),
]

ALTERNATE_NAMES = [
    "1\t709930\tru\tДнепр\t\t\t\t\t\t",
    "2\t709930\tpost\t49000\t\t\t\t\t\t",
    "3\t709930\tlink\thttps://en.wikipedia.org/wiki/Dnipro\t\t\t\t\t\t",
    "4\t705104\tuk\tКостянтинівка\t1\t\t\t\t\t",
    "5\t123456789\ten\tNowhere\t\t\t\t\t\t",
]

ADMIN1 = ["UA.04\tDnipropetrovsk\tDnipropetrovsk\t709929", "UA.05\tDonetsk\tDonetsk\t709716"]


def write_text(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "GeoNames dump\n")
        archive.writestr(member, "\n".join(lines) + "\n")
    return path
