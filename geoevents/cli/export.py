"""`geoevents export`: stored events as a GIS file (GeoPackage styled for QGIS, GeoJSON, ...)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import click

from geoevents.cli.options import db_option, query_options
from geoevents.cli.progress import progress_bar
from geoevents.model import EventRecord, PlaceRecord, ToponymRecord
from geoevents.query import Query
from geoevents.store import Store, open_store
from maps.export import FORMATS, LAYERS, Format, export_geopackage, export_layer, format_for

#: OUT that means standard output.
STDOUT = Path("-")


@click.command()
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Output format. Default: from OUT's extension (.gpkg .geojson .geojsonl .fgb .csv .kml).",
)
@click.option(
    "--layer",
    type=click.Choice(list(LAYERS)),
    default="events",
    show_default=True,
    help="What single-layer formats hold; a GeoPackage always holds all three.",
)
@db_option
@query_options
def export(out: Path, fmt: str | None, layer: str, db: str, query: Query) -> None:
    """Write the events matching the filters to OUT, replacing OUT only once complete.

    OUT `-` writes to standard output (with --format), e.g. to pipe GeoJSON on.

    A GeoPackage holds the layers events, toponyms and places, each with a default QGIS
    style: events coloured by type as on the HTML maps and labelled by place. GeoJSON
    follows RFC 7946; CSV has lon/lat and WKT columns that QGIS reads as points.
    FlatGeobuf leaves out events without a location (its spatial index needs a point).
    """
    chosen = format_for(out, fmt)
    if chosen.points_only:
        query = replace(query, located_only=True)
    if out == STDOUT:
        with tempfile.TemporaryDirectory(prefix="geoevents-export-") as workdir:
            written = Path(workdir) / f"export{chosen.extensions[0]}"
            counts = _write(written, chosen, layer, db, query)
            with written.open("rb") as data:
                sys.stdout.flush()
                shutil.copyfileobj(data, sys.stdout.buffer)
                sys.stdout.buffer.flush()
    else:
        counts = _write(out, chosen, layer, db, query)
    # Layer names are plurals: "1 place", "2 places".
    summary = ", ".join(
        f"{n:,} {name.removesuffix('s') if n == 1 else name}" for name, n in counts.items()
    )
    where = "stdout" if out == STDOUT else out
    click.echo(f"Wrote {summary} to {where} ({chosen.name})", err=True)


def _write(out: Path, chosen: Format, layer: str, db: str, query: Query) -> dict[str, int]:
    """Export to the file ``out``; return the number of features per layer."""
    with open_store(db, migrate=False) as store:
        if chosen.name == "gpkg":
            sources = {name: _source(store, name, query) for name in LAYERS}
            total = sum(count for count, _ in sources.values())
            with progress_bar(f"Exporting to {out.name}", total) as advance:
                counts = export_geopackage(
                    out,
                    sources["events"][1],
                    sources["toponyms"][1],
                    sources["places"][1],
                    on_progress=advance,
                )
        else:
            total, records = _source(store, layer, query)
            with progress_bar(f"Exporting to {out.name}", total) as advance:
                written = export_layer(layer, records, out, chosen.name, on_progress=advance)
            counts = {layer: written}
    return counts


def _source(
    store: Store, layer: str, query: Query
) -> tuple[int, Iterator[EventRecord] | Iterator[ToponymRecord] | Iterator[PlaceRecord]]:
    """How many records a layer will get (for the progress bar) and the records themselves."""
    if layer == "events":
        count, records = store.count(query), store.events(query)
    elif layer == "toponyms":
        count, records = store.count_toponyms(query), store.toponyms(query)
    else:
        count, records = store.count_places(query), store.places(query)
    return query.returned(count), records
