"""`geoevents geocode NAME`: look a place name up in the offline gazetteer."""

from __future__ import annotations

import dataclasses
import json

import click
from rich.console import Console
from rich.table import Table

from gazetteer import Gazetteer, Place


def open_gazetteer(path: str | None) -> Gazetteer:
    """A ready gazetteer; the first run builds the default index under a spinner."""
    gaz = Gazetteer(path)
    if gaz.needs_build:
        with Console(stderr=True).status("Building the gazetteer index (first run only)..."):
            gaz.open()
    return gaz.open()


def place_dict(place: Place) -> dict[str, object]:
    return {**dataclasses.asdict(place), "geonameid": place.geonameid}


@click.command()
@click.argument("name")
@click.option("--country", metavar="CC", help="Only places in this country (ISO code or name).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="At most this many candidates.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.option("--gazetteer", "index", type=click.Path(dir_okay=False), envvar="GEOEVENTS_GAZETTEER",
              help="Index file to use [env: GEOEVENTS_GAZETTEER; default: the cached index].")
def geocode(name: str, country: str | None, limit: int, as_json: bool, index: str | None) -> None:
    """Candidate places called NAME, most likely first.

    \b
      geoevents geocode "Lysychans'k"
      geoevents geocode Georgia --country US --json
    """
    places = open_gazetteer(index).candidates(name, country=country, limit=limit)
    if not places:
        where = f" in {country}" if country else ""
        raise click.ClickException(f"no place called {name!r}{where} in the gazetteer")
    if as_json:
        click.echo(json.dumps([place_dict(p) for p in places], ensure_ascii=False, indent=2))
        return
    # In a narrow terminal the names wrap; codes, numbers and ids are never cut short.
    table = Table()
    for header in ("name", "kind", "country", "admin-1", "population", "lat", "lon", "id"):
        table.add_column(header, no_wrap=header not in ("name", "admin-1"), overflow="fold")
    for p in places:
        table.add_row(p.name, p.kind, p.country_code or "", p.admin1 or "", f"{p.population:,}",
                      f"{p.lat:.5f}", f"{p.lon:.5f}", p.id)
    console = Console()
    if not console.is_terminal:  # piped or redirected: the whole table, however wide
        natural = console.measure(table, options=console.options.update_width(10_000))
        console = Console(width=natural.maximum)
    console.print(table)
