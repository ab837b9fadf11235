"""Build the index from the official GeoNames dumps, for users who need every village.

Inputs (zip or plain tab-separated text, UTF-8, layouts as documented by GeoNames):

- ``allCountries`` (19 columns: geonameid, name, asciiname, alternatenames, latitude,
  longitude, feature class, feature code, country code, cc2, admin1..admin4, population,
  elevation, dem, timezone, modification date);
- optionally ``alternateNamesV2`` (alternateNameId, geonameid, isolanguage, name, ...),
  which replaces the comma-joined alternate names column;
- optionally ``admin1CodesASCII`` (``CC.code``, name, asciiname, geonameid), which names the
  admin-1 regions.

Files are streamed line by line, so a 1.5 GB dump needs little memory.
"""

from __future__ import annotations

import io
import logging
import statistics
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from gazetteer.curated import add_demonyms, country_extras, region_rows
from gazetteer.errors import DumpError
from gazetteer.index import IndexWriter, PlaceRow
from gazetteer.place import Kind

log = logging.getLogger(__name__)

#: progress(label, bytes done, bytes total) is called as a file is read.
Progress = Callable[[str, int, int], None]

_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"})
_SEAT_CODES = frozenset({"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"})
#: ``isolanguage`` values of alternateNamesV2 that are codes or links, not names.
_NOT_NAMES = frozenset({"post", "link", "iata", "icao", "faac", "tcid", "unlc", "wkdt",
                        "fr_1793", "phon", "piny"})
_ALL_COUNTRIES_COLUMNS = 19
_REPORT_EVERY = 1 << 20


@dataclass(frozen=True, slots=True)
class DumpLine:
    """One line of a dump file: where it came from and its tab-separated fields."""

    path: str
    number: int
    fields: list[str]

    def error(self, message: str) -> DumpError:
        return DumpError(self.path, self.number, message)


@contextmanager
def _open_binary(path: Path) -> Iterator[tuple[BinaryIO, int]]:
    """The dump as a binary stream and its uncompressed size; a zip yields its data file."""
    if not path.is_file():
        raise DumpError(str(path), None, "no such file")
    if not zipfile.is_zipfile(path):
        with path.open("rb") as f:
            yield f, path.stat().st_size
        return
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist()
                   if m.filename.endswith(".txt") and "readme" not in m.filename.lower()]
        if not members:
            raise DumpError(str(path), None, "the zip archive holds no .txt data file")
        same_name = [m for m in members if Path(m.filename).stem == path.stem]
        member = (same_name or sorted(members, key=lambda m: -m.file_size))[0]
        with archive.open(member) as f:
            yield f, member.file_size


def read_dump(
    path: str | Path, *, min_fields: int, progress: Progress | None = None
) -> Iterator[DumpLine]:
    """Stream the tab-separated lines of a dump (``#`` comments skipped), checking that each
    is UTF-8 with at least ``min_fields`` fields; errors name the file and line."""
    path = Path(path)
    with _open_binary(path) as (stream, total):
        done = reported = 0
        for number, raw in enumerate(io.BufferedReader(stream), start=1):  # type: ignore[arg-type]
            done += len(raw)
            if progress is not None and done - reported >= _REPORT_EVERY:
                progress(path.name, done, total)
                reported = done
            try:
                text = raw.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError as exc:
                raise DumpError(str(path), number, f"not UTF-8 ({exc.reason})") from None
            if not text or text.startswith("#"):
                continue
            fields = text.split("\t")
            if len(fields) < min_fields:
                raise DumpError(str(path), number,
                                f"expected {min_fields} tab-separated fields, found {len(fields)}")
            yield DumpLine(str(path), number, fields)
        if progress is not None:
            progress(path.name, total, total)


def read_admin1_codes(path: str | Path) -> dict[tuple[str, str], str]:
    """``admin1CodesASCII``: (country code, admin-1 code) -> English name."""
    names = {}
    for line in read_dump(path, min_fields=2):
        country, _, code = line.fields[0].partition(".")
        if not code:
            raise line.error(f"expected a code like 'UA.05', found {line.fields[0]!r}")
        names[(country, code)] = line.fields[1]
    return names


def _kind(feature_class: str, feature_code: str, population: int, min_population: int
          ) -> Kind | None:
    if feature_class == "P":
        return "city" if population >= min_population or feature_code in _SEAT_CODES else None
    if feature_class == "A":
        if feature_code in _COUNTRY_CODES:
            return "country"
        return {"ADM1": "admin1", "ADM2": "admin2"}.get(feature_code)  # type: ignore[return-value]
    if feature_class == "L" and feature_code == "CONT":
        return "continent"
    return None


def _place_row(line: DumpLine, kind: Kind, admin1_names: dict[tuple[str, str], str],
               with_alternates: bool) -> PlaceRow:
    f = line.fields
    try:
        lat, lon, population = float(f[4]), float(f[5]), int(f[14] or 0)
    except ValueError:
        raise line.error("latitude, longitude or population is not a number") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise line.error(f"coordinates out of range: {lat}, {lon}")
    name, names = f[1], [f[2]]
    if with_alternates and f[3]:
        names.extend(f[3].split(","))
    country, admin1_code = f[8] or None, f[10] or None
    if kind == "admin1" and (country, admin1_code) in admin1_names:
        names.append(name)
        name = admin1_names[(country, admin1_code)]  # type: ignore[index]
    extra = country_extras().get(country or "") if kind == "country" else None
    if extra is not None:
        names.extend(extra.aliases)
    return PlaceRow(id=f[0], name=name, kind=kind, country_code=country,
                    admin1_code=admin1_code if kind != "country" else None,
                    population=population, lat=lat, lon=lon, names=tuple(names))


def build_index(
    geonames: str | Path,
    out: str | Path,
    *,
    alternate_names: str | Path | None = None,
    admin1: str | Path | None = None,
    min_population: int = 500,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Build an index at ``out`` from GeoNames dumps; returns counts by kind.

    Keeps populated places with ``population >= min_population`` (and every seat of an
    administrative division), countries, admin-1 and admin-2 regions and continents, plus
    the curated seas, regions and demonyms. Nothing is written to ``out`` unless the whole
    build succeeds.
    """
    admin1_names = read_admin1_codes(admin1) if admin1 else {}
    counts: Counter[str] = Counter()
    seen_admin1: set[tuple[str, str]] = set()
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    sources = [Path(p).name for p in (geonames, alternate_names, admin1) if p]
    with IndexWriter(out, source="GeoNames dumps: " + ", ".join(sources)) as writer:
        for line in read_dump(geonames, min_fields=_ALL_COUNTRIES_COLUMNS, progress=progress):
            f = line.fields
            population = int(f[14]) if f[14].isdigit() else 0
            kind = _kind(f[6], f[7], population, min_population)
            if kind is None:
                continue
            row = _place_row(line, kind, admin1_names, with_alternates=alternate_names is None)
            writer.add(row)
            counts[kind] += 1
            if row.admin1_code and row.country_code:
                code = (row.country_code, row.admin1_code)
                if kind == "admin1":
                    seen_admin1.add(code)
                elif kind == "city":
                    members[code].append((row.lat, row.lon, row.population))
        counts["admin1"] += _add_missing_admin1(writer, admin1_names, seen_admin1, members)
        if alternate_names:
            _add_alternate_names(writer, alternate_names, progress)
        for row in region_rows():
            writer.add(row)
            counts[row.kind] += 1
        add_demonyms(writer)
    return dict(counts)


def _add_missing_admin1(
    writer: IndexWriter,
    names: dict[tuple[str, str], str],
    seen: set[tuple[str, str]],
    members: dict[tuple[str, str], list[tuple[float, float, int]]],
) -> int:
    """Admin-1 regions named in the codes file but absent from the dump: placed at the median
    of their places."""
    added = 0
    for (country, code), name in sorted(names.items()):
        points = members.get((country, code))
        if (country, code) in seen or not points:
            continue
        writer.add(PlaceRow(
            id=f"admin1:{country}.{code}", name=name, kind="admin1", country_code=country,
            admin1_code=code, population=sum(p for _, _, p in points),
            lat=round(statistics.median(lat for lat, _, _ in points), 5),
            lon=round(statistics.median(lon for _, lon, _ in points), 5),
        ))
        added += 1
    return added


def _add_alternate_names(writer: IndexWriter, path: str | Path, progress: Progress | None
                         ) -> None:
    """Attach the names of ``alternateNamesV2`` to the places already written."""
    for line in read_dump(path, min_fields=4, progress=progress):
        _, geonameid, language, name = line.fields[:4]
        if language not in _NOT_NAMES and name:
            writer.add_names(geonameid, (name,))
