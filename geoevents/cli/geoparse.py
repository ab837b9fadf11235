"""`geoevents geoparse`: reports in, one JSON object per located, dated, typed report out."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from geoevents.cli.options import format_option, lexicon_option, skip_bad_option
from geoevents.config import Settings
from geoevents.errors import InputError
from geoevents.geoparse import EventTypeLexicon, Geoparser
from geoevents.model import Event, Report
from geoevents.readers import read_reports
from geoevents.store import Imported

T = TypeVar("T")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@format_option
@skip_bad_option
@lexicon_option
def geoparse(file: str, fmt: str, skip_bad: bool, lexicon: Path | None) -> None:
    """Geoparse the reports in FILE (or - for stdin) and print them as JSON Lines.

    Each line holds one report with its toponyms (character offsets into its text), its
    location, event date and event type. Rows of coded datasets (ACLED, GDELT) are already
    located and typed: they are printed as coded, with no toponyms.
    """
    settings = Settings.from_env().override(lexicon=lexicon)
    reports = read_reports(file, fmt, skip_bad=skip_bad, on_bad=echo_bad_line)
    parser = Geoparser(lexicon=EventTypeLexicon.load(settings.lexicon))
    try:
        for event in with_progress(events_of(reports, parser), "Geoparsing"):
            sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()


def events_of(items: Iterable[Report | Imported], parser: Geoparser) -> Iterator[Event]:
    """Reports geoparsed; events imported from a coded dataset passed through as they are."""
    for item in items:
        yield parser.parse(item) if isinstance(item, Report) else item.event


def echo_bad_line(error: InputError) -> None:
    """Tell the user on stderr which line was skipped and why."""
    click.echo(f"skipped {error}", err=True)


def with_progress(items: Iterable[T], label: str) -> Iterator[T]:
    """``items`` unchanged, counted on a rich progress line when stderr is a terminal."""
    stderr = sys.stderr
    if not stderr.isatty():
        yield from items
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,.0f} reports"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(file=stderr), transient=True) as progress:
        task = progress.add_task(label, total=None, rate="")
        for done, item in enumerate(items, start=1):
            yield item
            elapsed = progress.tasks[task].elapsed or 0.0
            rate = f"{done / elapsed:,.0f}/s" if elapsed else ""
            progress.update(task, completed=done, rate=rate)


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (``| head``): stop without a traceback."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)

