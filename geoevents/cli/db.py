"""`geoevents db`: look after the store itself."""

from __future__ import annotations

import click

from geoevents.cli.options import db_option
from geoevents.store import open_store


@click.group()
def db() -> None:
    """Create, upgrade and inspect the event store."""


@db.command()
@db_option
def migrate(db: str) -> None:
    """Create the store's schema, or upgrade it to the newest version."""
    with open_store(db) as store:
        click.echo(f"{store.where}: schema version {store.schema_version()}")
