"""GIS files from stored events: GeoPackage (styled for QGIS), GeoJSON, GeoJSONSeq,
FlatGeobuf, CSV and KML.

Records stream through GDAL (pyogrio's Arrow writer) a batch at a time, so an export of
millions of events holds one batch in memory. Every file is written beside its target
under a temporary name and moved into place only when complete: a failed export leaves
the previous file (or nothing) behind, never half a file.
"""

from __future__ import annotations

import logging
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyogrio
import pyogrio.errors
import shapely

from geoevents.errors import InputError
from geoevents.model import EventRecord, PlaceRecord, ToponymRecord
from maps.qml import events_qml, places_qml, toponyms_qml

log = logging.getLogger(__name__)

LayerName = Literal["events", "toponyms", "places"]
Record = EventRecord | ToponymRecord | PlaceRecord
#: Called with the number of records just written, for progress bars.
Progress = Callable[[int], None]

BATCH_SIZE = 10_000
#: What a failed write raises: the disk (full, read-only) or GDAL refusing the data.
_WRITE_ERRORS = (
    OSError,
    pyogrio.errors.DataSourceError,
    pyogrio.errors.DataLayerError,
    pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError,
)
_CRS = "EPSG:4326"
_GEOMETRY = "geom"


@dataclass(frozen=True, slots=True)
class Format:
    """How one output format is written through GDAL."""

    name: str
    driver: str
    extensions: tuple[str, ...]
    #: Native date fields; formats without them get ISO 8601 text instead.
    typed_dates: bool = False
    #: Plain ``lon``/``lat`` columns, for tools that read points from two numbers.
    lon_lat: bool = False
    #: Every feature needs a point (FlatGeobuf's spatial index): unlocated records are left out.
    points_only: bool = False
    dataset_options: Mapping[str, str] = field(default_factory=dict)
    layer_options: Mapping[str, str] = field(default_factory=dict)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        # GeoPackage 1.3, which QGIS and GDAL releases of several years open without warnings.
        Format("gpkg", "GPKG", (".gpkg",), typed_dates=True, dataset_options={"VERSION": "1.3"}),
        Format("geojson", "GeoJSON", (".geojson", ".json"), layer_options={"RFC7946": "YES"}),
        Format("geojsonseq", "GeoJSONSeq", (".geojsonl", ".geojsons")),
        Format("fgb", "FlatGeobuf", (".fgb",), typed_dates=True, points_only=True),
        Format("csv", "CSV", (".csv",), lon_lat=True, layer_options={"GEOMETRY": "AS_WKT"}),
        Format("kml", "KML", (".kml",)),
    )
}


@dataclass(frozen=True, slots=True)
class Column:
    """One output field: its name, its kind, and the record attribute it comes from."""

    name: str
    kind: Literal["int64", "int32", "float", "text", "date"] = "text"
    attr: str = ""

    @property
    def source(self) -> str:
        return self.attr or self.name


@dataclass(frozen=True, slots=True)
class Layer:
    """An exported layer. Its first column is the id (GeoJSON's feature ``id``).

    When ``integer_fid`` is set the id is also the GeoPackage fid, so feature ids in QGIS
    are the store's ids. ``label`` names the field KML uses as a placemark's name.
    """

    name: LayerName
    columns: tuple[Column, ...]
    label: str
    integer_fid: bool
    description: str

    @property
    def id_column(self) -> Column:
        return self.columns[0]


EVENTS = Layer(
    "events",
    (
        Column("event_id", "int64", "id"),
        Column("report_id"),
        Column("text"),
        Column("title"),
        Column("source"),
        Column("published", "date"),
        Column("event_date", "date"),
        Column("date_precision"),
        Column("event_type"),
        Column("confidence", "float"),
        Column("place", attr="place_name"),
        Column("place_kind"),
        Column("country_code"),
        Column("admin1"),
        Column("precision"),
        Column("origin"),
    ),
    label="place",
    integer_fid=True,
    description="Located, dated, typed events",
)

TOPONYMS = Layer(
    "toponyms",
    (
        Column("toponym_id", "int64", "id"),
        Column("event_id", "int64"),
        Column("report_id"),
        Column("start", "int32"),
        Column("end", "int32"),
        Column("text"),
        Column("place_id"),
        Column("place", attr="place_name"),
        Column("place_kind"),
        Column("country_code"),
        Column("role"),
        Column("event_date", "date"),
        Column("event_type"),
    ),
    label="text",
    integer_fid=True,
    description="Place names found in report texts, one point per mention",
)

PLACES = Layer(
    "places",
    (
        Column("place_id", attr="id"),
        Column("name"),
        Column("kind"),
        Column("country_code"),
        Column("admin1"),
        Column("population", "int64"),
        Column("events", "int32"),
    ),
    label="name",
    integer_fid=False,
    description="Places where events are located, with their number of events",
)

LAYERS: dict[str, Layer] = {layer.name: layer for layer in (EVENTS, TOPONYMS, PLACES)}


def format_for(path: str | Path, fmt: str | None = None) -> Format:
    """The format named by ``fmt``, or else the one ``path``'s extension implies."""
    if fmt is not None:
        try:
            return FORMATS[fmt.lower()]
        except KeyError:
            raise InputError(
                str(path), None, f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}"
            ) from None
    suffix = Path(path).suffix.lower()
    for candidate in FORMATS.values():
        if suffix in candidate.extensions:
            return candidate
    known = ", ".join(ext for f in FORMATS.values() for ext in f.extensions)
    raise InputError(
        str(path),
        None,
        f"cannot tell the export format from {suffix or 'a name without an extension'!r}; "
        f"give --format or use one of {known}",
    )


def export_layer(
    layer: LayerName,
    records: Iterable[Record],
    path: str | Path,
    fmt: str | None = None,
    *,
    on_progress: Progress | None = None,
) -> int:
    """Write one layer (``events``, ``toponyms`` or ``places``) to a single-layer file.

    ``fmt`` is a name in ``FORMATS``; by default ``path``'s extension decides. Returns how
    many features were written.
    """
    target = Path(path)
    chosen = format_for(target, fmt)
    with _atomic(target) as tmp:
        count = _write(LAYERS[layer], records, tmp, chosen, on_progress)
    log.info("wrote %d %s to %s", count, layer, target)
    return count


def export_events(
    records: Iterable[EventRecord],
    path: str | Path,
    fmt: str | None = None,
    *,
    on_progress: Progress | None = None,
) -> int:
    """Write events as points (null geometry when unlocated); return how many were written."""
    return export_layer("events", records, path, fmt, on_progress=on_progress)


def export_geopackage(
    path: str | Path,
    events: Iterable[EventRecord],
    toponyms: Iterable[ToponymRecord] = (),
    places: Iterable[PlaceRecord] = (),
    *,
    on_progress: Progress | None = None,
) -> dict[str, int]:
    """Write the ``events``, ``toponyms`` and ``places`` layers, each with a default QGIS style.

    Returns the number of features per layer.
    """
    target = Path(path)
    fmt = FORMATS["gpkg"]
    event_types: set[str] = set()

    def noting_types(records: Iterable[EventRecord]) -> Iterator[EventRecord]:
        for record in records:
            event_types.add(record.event_type)
            yield record

    counts: dict[str, int] = {}
    with _atomic(target) as tmp:
        for layer, records in (
            (EVENTS, noting_types(events)),
            (TOPONYMS, toponyms),
            (PLACES, places),
        ):
            counts[layer.name] = _write(layer, records, tmp, fmt, on_progress, append=bool(counts))
        _write_styles(
            tmp,
            {
                EVENTS.name: events_qml(event_types),
                TOPONYMS.name: toponyms_qml(),
                PLACES.name: places_qml(),
            },
        )
    log.info("wrote %s to %s", counts, target)
    return counts


@contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """A path in a private directory beside ``target``, moved onto ``target`` on success."""
    if target.is_dir():
        raise InputError(str(target), None, "is a directory; give a file name to export to")
    if not target.parent.is_dir():
        raise InputError(str(target), None, f"directory {str(target.parent)!r} does not exist")
    try:
        workdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as exc:
        raise InputError(str(target), None, f"cannot write here: {exc.strerror}") from exc
    try:
        tmp = workdir / target.name
        yield tmp
        os.replace(tmp, target)
    except _WRITE_ERRORS as exc:
        raise InputError(str(target), None, f"cannot write: {exc}") from exc
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _write(
    layer: Layer,
    records: Iterable[Record],
    path: Path,
    fmt: Format,
    on_progress: Progress | None,
    *,
    append: bool = False,
) -> int:
    """Stream ``records`` into ``path`` as one layer; return the number written."""
    schema = _schema(layer, fmt)
    written = 0
    # GDAL reports an exception raised while producing a batch only as "error while accessing
    # batch": keep the original (a store error, say) to raise it instead.
    failure: list[Exception] = []

    def batches() -> Iterator[pa.RecordBatch]:
        nonlocal written
        iterator = (r for r in records if _located(r)) if fmt.points_only else iter(records)
        try:
            while chunk := list(islice(iterator, BATCH_SIZE)):
                yield _batch(layer, chunk, fmt, schema)
                written += len(chunk)
                if on_progress:
                    on_progress(len(chunk))
        except Exception as exc:
            failure.append(exc)
            raise

    try:
        pyogrio.write_arrow(
            pa.RecordBatchReader.from_batches(schema, batches()),
            path,
            layer=layer.name,
            driver=fmt.driver,
            geometry_name=_GEOMETRY,
            geometry_type="Point",
            crs=_CRS,
            append=append,
            dataset_options=None if append else _dataset_options(layer, fmt),
            layer_options=_layer_options(layer, fmt),
        )
    except RuntimeError:
        if failure:
            raise failure[0] from None
        raise
    return written


def _dataset_options(layer: Layer, fmt: Format) -> dict[str, str]:
    options = dict(fmt.dataset_options)
    if fmt.driver == "KML":
        options.update(NameField=layer.label, DescriptionField="text")
    return options


def _layer_options(layer: Layer, fmt: Format) -> dict[str, str]:
    options = dict(fmt.layer_options)
    if fmt.driver in ("GeoJSON", "GeoJSONSeq"):
        options["ID_FIELD"] = layer.id_column.name
    elif fmt.driver == "GPKG":
        options["DESCRIPTION"] = layer.description
    return options


def _schema(layer: Layer, fmt: Format) -> pa.Schema:
    fields = [pa.field(c.name, _arrow_type(c, fmt)) for c in layer.columns]
    if fmt.driver == "GPKG" and layer.integer_fid:
        # GDAL takes a column named like the layer's FID column as the feature id.
        fields.insert(0, pa.field("fid", pa.int64()))
    if fmt.lon_lat:
        fields[1:1] = [pa.field("lon", pa.float64()), pa.field("lat", pa.float64())]
    fields.append(pa.field(_GEOMETRY, pa.binary()))
    return pa.schema(fields)


def _arrow_type(column: Column, fmt: Format) -> pa.DataType:
    if column.kind == "date":
        return pa.date32() if fmt.typed_dates else pa.string()
    return {
        "int64": pa.int64(),
        "int32": pa.int32(),
        "float": pa.float64(),
        "text": pa.string(),
    }[column.kind]


def _batch(layer: Layer, records: list[Record], fmt: Format, schema: pa.Schema) -> pa.RecordBatch:
    lon = np.array([_coordinate(r.lon) for r in records], dtype=float)
    lat = np.array([_coordinate(r.lat) for r in records], dtype=float)
    columns: dict[str, Any] = {}
    for column in layer.columns:
        values = [getattr(r, column.source) for r in records]
        if column.kind == "date":
            values = [_as_date(v, typed=fmt.typed_dates) for v in values]
        columns[column.name] = values
    if "fid" in schema.names:
        columns["fid"] = columns[layer.id_column.name]
    if fmt.lon_lat:
        columns["lon"], columns["lat"] = lon, lat
    columns[_GEOMETRY] = _points_wkb(lon, lat)
    arrays = [
        # from_pandas turns NaN into null: no output format ever sees a NaN.
        pa.array(columns[name], type=schema.field(name).type, from_pandas=True)
        for name in schema.names
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _located(record: Record) -> bool:
    return math.isfinite(_coordinate(record.lon)) and math.isfinite(_coordinate(record.lat))


def _coordinate(value: float | None) -> float:
    return value if value is not None and math.isfinite(value) else math.nan


def _as_date(value: date | None, *, typed: bool) -> date | str | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    return day if typed else day.isoformat()


def _points_wkb(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """WKB points in lon/lat order; None where either coordinate is missing."""
    located = np.isfinite(lon) & np.isfinite(lat)
    points = np.full(len(lon), None, dtype=object)
    points[located] = shapely.points(lon[located], lat[located])
    return shapely.to_wkb(points)


#: The ``layer_styles`` table as QGIS creates it in a GeoPackage (its ``id`` is the fid).
_STYLE_SCHEMA = pa.schema(
    [
        ("f_table_catalog", pa.string()),
        ("f_table_schema", pa.string()),
        ("f_table_name", pa.string()),
        ("f_geometry_column", pa.string()),
        ("styleName", pa.string()),
        ("styleQML", pa.string()),
        ("styleSLD", pa.string()),
        ("useAsDefault", pa.bool_()),
        ("description", pa.string()),
        ("owner", pa.string()),
        ("ui", pa.string()),
        ("update_time", pa.timestamp("ms", tz="UTC")),
    ]
)


def _write_styles(path: Path, styles: Mapping[str, str]) -> None:
    """Store each layer's QML as its default style, where QGIS looks when opening it."""
    now = datetime.now(timezone.utc)
    rows = [
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": layer,
            "f_geometry_column": _GEOMETRY,
            "styleName": layer,
            "styleQML": qml,
            "styleSLD": "",
            "useAsDefault": True,
            "description": f"geoevents default style for {layer}",
            "owner": "",
            "ui": None,
            "update_time": now,
        }
        for layer, qml in styles.items()
    ]
    pyogrio.write_arrow(
        pa.Table.from_pylist(rows, schema=_STYLE_SCHEMA),
        path,
        layer="layer_styles",
        driver="GPKG",
        append=True,
        layer_options={"FID": "id"},
    )
