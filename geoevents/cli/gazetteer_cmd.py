"""`geoevents gazetteer build|info`: build the offline index, or say what it holds."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from gazetteer.dumps import build_index
from gazetteer.packaged import build_packaged_index
from gazetteer.paths import default_index_path
from geoevents.cli.geocode import open_gazetteer

_DUMP = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
def gazetteer() -> None:
    """The offline place-name index."""


@gazetteer.command()
@click.option("--geonames", type=_DUMP, help="allCountries.zip (or .txt, or a country file "
              "such as UA.zip). Without it the index is built from the installed packages.")
@click.option("--alternate-names", type=_DUMP, help="alternateNamesV2.zip: names in every "
              "language (otherwise the dump's own alternate-names column is used).")
@click.option("--admin1", type=_DUMP, help="admin1CodesASCII.txt: English admin-1 names.")
@click.option("--min-population", type=click.IntRange(min=0), default=500, show_default=True,
              help="Leave out smaller populated places (seats of administration stay).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              envvar="GEOEVENTS_GAZETTEER",
              help="Index file to write [env: GEOEVENTS_GAZETTEER; default: the cached index].")
def build(geonames: Path | None, alternate_names: Path | None, admin1: Path | None,
          min_population: int, out: Path | None) -> None:
    """Build the index, from GeoNames dumps or from the installed packages.

    \b
      geoevents gazetteer build
      geoevents gazetteer build --geonames allCountries.zip \\
          --alternate-names alternateNamesV2.zip --admin1 admin1CodesASCII.txt
    """
    out = out or default_index_path()
    err = Console(stderr=True)
    if geonames is None:
        if alternate_names or admin1:
            raise click.UsageError("--alternate-names and --admin1 need --geonames")
        with err.status("Building the gazetteer index from the installed packages..."):
            counts = build_packaged_index(out)
    else:
        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                   TimeRemainingColumn())
        with Progress(*columns, console=err) as bar:
            tasks: dict[str, int] = {}

            def progress(label: str, done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = bar.add_task(label, total=total)
                bar.update(tasks[label], completed=done)

            counts = build_index(geonames, out, alternate_names=alternate_names, admin1=admin1,
                                 min_population=min_population, progress=progress)
    summary = ", ".join(f"{n:,} {kind}" for kind, n in sorted(counts.items()))
    click.echo(f"Wrote {out}: {summary}")


@gazetteer.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--gazetteer", "index", type=click.Path(dir_okay=False), envvar="GEOEVENTS_GAZETTEER",
              help="Index file [env: GEOEVENTS_GAZETTEER; default: the cached index].")
def info(as_json: bool, index: str | None) -> None:
    """Where the index is, what it was built from and how many places of each kind it holds."""
    gaz = open_gazetteer(index)
    facts: dict[str, object] = {**gaz.info(), "bytes": gaz.path.stat().st_size,
                                "kinds": gaz.counts()}
    if as_json:
        click.echo(json.dumps(facts, ensure_ascii=False, indent=2))
        return
    table = Table("", "", show_header=False, box=None)
    for key, value in facts.items():
        if isinstance(value, dict):
            value = ", ".join(f"{n:,} {kind}" for kind, n in sorted(value.items()))
        table.add_row(key, str(value))
    Console().print(table)
