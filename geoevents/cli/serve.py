"""`geoevents serve`: the OGC API - Features server (and report ingest) over a store."""

from __future__ import annotations

import ipaddress
import logging
import os

import click

from geoevents.cli.options import db_option
from geoevents.errors import ConfigError
from geoevents.query import Query

#: The app factory each uvicorn worker calls; it reads the settings from the environment.
APP_FACTORY = "api.app:from_env"


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes."
)
@click.option(
    "--read-only",
    is_flag=True,
    envvar="GEOEVENTS_API_READ_ONLY",
    show_envvar=True,
    help="Serve reads only: no POST /reports.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="An origin browsers may call the API from (repeatable; * for any).",
)
def serve(
    db: str, host: str, port: int, workers: int, read_only: bool, cors_origins: tuple[str, ...]
) -> None:
    """Serve the events in the store as OGC API - Features on http://HOST:PORT/.

    QGIS, GDAL/OGR, ArcGIS and OWSLib read it directly. On an address other than loopback
    the server refuses to start with writes open unless GEOEVENTS_API_TOKEN is set (writes
    then need "Authorization: Bearer <token>") or --read-only is given.
    """
    import uvicorn

    from api.settings import ApiSettings
    from geoevents.store import open_store

    settings = ApiSettings.from_env()
    if not settings.token and not read_only and not _is_loopback(host):
        raise ConfigError(
            f"refusing to accept writes on {host} without a token: set GEOEVENTS_API_TOKEN "
            "or pass --read-only"
        )
    with open_store(db) as store:
        where, empty = store.where, store.count(Query()) == 0
    os.environ["GEOEVENTS_DB"] = db
    os.environ["GEOEVENTS_API_READ_ONLY"] = "1" if read_only else "0"
    if cors_origins:
        os.environ["GEOEVENTS_CORS_ORIGINS"] = ",".join(cors_origins)
    click.echo(f"Serving {where} on http://{_url_host(host)}:{port}/ (Ctrl+C to stop)", err=True)
    if empty:  # most often a mistyped --db, which would otherwise serve nothing silently
        click.echo(f"Note: {where} holds no events yet: `geoevents ingest FILE --db {where}` "
                   "or POST /reports adds some.", err=True)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower(),
        proxy_headers=True,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
