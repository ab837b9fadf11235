"""`geoevents map`: stored events as one interactive HTML map."""

from __future__ import annotations

from pathlib import Path

import click

from geoevents.cli.options import db_option, query_options
from geoevents.cli.progress import tracked
from geoevents.query import Query
from geoevents.store import open_store
from maps.html import DEFAULT_TITLE, write_map
from maps.payload import DEFAULT_TEXT_LIMIT



@click.command("map")
@db_option
@query_options
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The HTML file to write (replaced only once complete).")
@click.option("--title", default=DEFAULT_TITLE, show_default=True,
              help="Page and map title.")
@click.option("--offline", is_flag=True,
              help="Inline every script and stylesheet: one file that works without a network "
                   "(basemap tiles aside).")
@click.option("--text-limit", type=click.IntRange(min=0), default=DEFAULT_TEXT_LIMIT,
              show_default=True, envvar="GEOEVENTS_MAP_TEXT_LIMIT", show_envvar=True,
              help="Characters of each report kept in the page; 0 keeps whole reports.")
@click.option("--item-url", default=None, envvar="GEOEVENTS_MAP_ITEM_URL", show_envvar=True,
              metavar="URL",
              help="Link each popup to the full record, e.g. "
                   "http://localhost:8000/collections/events/items/{id}.")
def map_command(db: str, query: Query, out: Path, title: str, offline: bool, text_limit: int,
                item_url: str | None) -> None:
    """Write the events matching the filters to an interactive HTML map.

    Markers are coloured by event type and clustered; events stacked on one place spread
    out when clicked. A time slider, per-type layers, a heat map, place search and a count
    of the events shown come with it. Events located only to a province, region, sea or
    country are drawn as dashed rings with a shaded area, not as points.
    """
    with open_store(db, migrate=False) as store:
        total = query.returned(store.count(query))
        records = tracked(store.events(query), "Reading events", total)
        summary = write_map(records, out, title=title, offline=offline, text_limit=text_limit,
                            item_url=item_url)
    size = summary.bytes / 1e6
    message = f"Wrote {summary.events:,} events to {out} ({size:.1f} MB)"
    if summary.unlocated:
        message += f"; {summary.unlocated:,} without a location left off"
    click.echo(message, err=True)
