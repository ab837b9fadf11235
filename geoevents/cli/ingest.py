"""`geoevents ingest`: geoparse report files (or import ACLED/GDELT exports) into the store."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from geoevents.cli.options import db_option, format_option, lexicon_option, skip_bad_option
from geoevents.errors import InputError
from geoevents.ingest import (
    DEFAULT_BATCH_SIZE,
    IMPORT_BATCH_SIZE,
    IngestSummary,
    Parser,
    ingest_files,
)
from geoevents.store import open_store

#: Shown under a bad line's error: what is stored stays, so the rerun just carries on.
RERUN_HINT = (
    "Fix the line (or pass --skip-bad) and run the same command again: "
    "reports already stored are not stored twice."
)


class RateColumn(ProgressColumn):
    """Reports per second, averaged over the run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.0f} reports/s", style="progress.data.speed")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@db_option
@format_option
@skip_bad_option
@lexicon_option
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH_SIZE, show_default=True,
    envvar="GEOEVENTS_BATCH_SIZE", show_envvar=True,
    help="Reports geoparsed and stored per transaction (imported ACLED/GDELT rows go in "
    f"transactions of up to {IMPORT_BATCH_SIZE:,}).",
)
def ingest(
    files: tuple[str, ...], db: str, fmt: str, skip_bad: bool, lexicon: Path | None, batch_size: int
) -> None:
    """Geoparse report FILEs (`-` for stdin) and store their events in the store.

    Running it again over the same files stores nothing twice, so an interrupted ingest
    is finished by running the same command again. ACLED and GDELT exports are stored as
    they are coded, without geoparsing.
    """
    geoparser = _geoparser(lexicon) if lexicon else None
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.completed:,} reports"), RateColumn(),
               TimeElapsedColumn(), TextColumn("{task.description}"))
    started = time.perf_counter()
    with open_store(db) as store, Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def show(summary: IngestSummary) -> None:
            bar.update(task, completed=summary.read,
                       description=f"stored {summary.stored:,}, duplicates {summary.duplicates:,}")

        def warn(error: InputError) -> None:
            console.print(f"skipped {error}", markup=False, highlight=False, soft_wrap=True)

        try:
            summary = ingest_files(files, store, format=fmt, skip_bad=skip_bad,
                                   batch_size=batch_size, geoparser=geoparser, progress=show,
                                   on_bad=warn)
        except InputError as error:
            bar.stop()
            if error.line is None:  # a missing or unreadable file: no line to fix
                raise
            raise click.ClickException(f"{error}\n{RERUN_HINT}") from None
    seconds = time.perf_counter() - started
    rate = summary.read / seconds if seconds > 0 else 0.0
    click.echo(f"{store.where}: {summary} ({seconds:.1f} s, {rate:,.0f} reports/s)")


def _geoparser(lexicon: Path) -> Parser:
    """The standard geoparser with the user's extra event-type keywords."""
    from geoevents.geoparse import EventTypeLexicon, Geoparser

    return Geoparser(lexicon=EventTypeLexicon.load(lexicon))
