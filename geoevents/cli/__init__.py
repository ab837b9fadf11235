"""The `geoevents` command: the one place that wires gazetteer, core, maps and API together.

Each command lives in its own module and is registered below. Errors that geoevents raises
on purpose are shown as one clear line (exit status 1), never as a traceback.
"""

from __future__ import annotations

import logging
import sys

import click

from gazetteer import GazetteerError
from geoevents import __version__
from geoevents.config import Settings
from geoevents.errors import GeoeventsError


class _FriendlyGroup(click.Group):
    """A group that turns typed errors into a one-line message on stderr."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (GeoeventsError, GazetteerError) as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_FriendlyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geoevents")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Turn short event reports into located, dated, typed events: maps, exports, an API."""
    level = logging.WARNING - 10 * min(verbose, 2) if verbose else Settings.from_env().log_level
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


# Commands: one module each, registered here.
from geoevents.cli.db import db  # noqa: E402
from geoevents.cli.export import export  # noqa: E402
from geoevents.cli.gazetteer_cmd import gazetteer  # noqa: E402
from geoevents.cli.geocode import geocode  # noqa: E402
from geoevents.cli.geoparse import geoparse  # noqa: E402
from geoevents.cli.ingest import ingest  # noqa: E402
from geoevents.cli.map import map_command  # noqa: E402
from geoevents.cli.serve import serve  # noqa: E402

for _command in (geocode, geoparse, ingest, export, map_command, serve, db, gazetteer):
    main.add_command(_command)
