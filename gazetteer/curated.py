"""The tables written for this project (``data/*.tsv``): facts no registry package carries.

- ``regions.tsv``: seas, gulfs, straits, oceans and well-known regions with a point;
- ``country_aliases.tsv``: everyday English country names ("UK", "the States") and the
  few country points ``countryinfo`` lacks;
- ``demonyms.tsv``: adjectives and peoples -> a country code or a region id.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer.index import IndexWriter, PlaceRow
from gazetteer.registry import countryinfo_records

DATA_DIR = Path(__file__).with_name("data")


def read_tsv(name: str) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated table in ``data/`` (``#`` lines are comments)."""
    with (DATA_DIR / name).open(encoding="utf-8") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def split_names(cell: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in cell.split("|") if n.strip())


def region_rows() -> Iterator[PlaceRow]:
    """Seas, straits, oceans and well-known regions."""
    for row in read_tsv("regions.tsv"):
        yield PlaceRow(
            id=row["id"], name=row["name"], kind=row["kind"],  # type: ignore[arg-type]
            country_code=row["country_code"] or None, admin1_code=None, population=0,
            lat=float(row["lat"]), lon=float(row["lon"]), names=split_names(row["aliases"]),
        )


@dataclass(frozen=True, slots=True)
class CountryExtra:
    """What ``country_aliases.tsv`` adds to a country: names and, rarely, a point."""

    aliases: tuple[str, ...]
    point: tuple[float, float] | None


@lru_cache(maxsize=1)
def country_extras() -> dict[str, CountryExtra]:
    """Extra names and missing points of countries, by ISO code."""
    return {
        row["country_code"]: CountryExtra(
            split_names(row["aliases"]),
            (float(row["lat"]), float(row["lon"])) if row["lat"] else None,
        )
        for row in read_tsv("country_aliases.tsv")
    }


def add_demonyms(writer: IndexWriter) -> None:
    """The curated demonyms first, then each country's demonym from ``countryinfo``."""
    for row in read_tsv("demonyms.tsv"):
        for word in split_names(row["words"]):
            writer.add_demonym(word, row["target"])
    for code, info in countryinfo_records().items():
        if info.get("demonym"):
            writer.add_demonym(info["demonym"], code)
