"""Reports in, events stored: read, geoparse, store, one transaction per batch.

Used by ``geoevents ingest`` and by the API's ``POST /reports``. Re-running over the same
input is safe and cheap: reports already stored are recognised by content hash before they
are geoparsed, and the store's uniqueness constraint settles any race with another writer.
"""

from __future__ import annotations

import gc
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

import geoevents.imports  # noqa: F401 - registers the acled and gdelt input formats
from geoevents.errors import InputError
from geoevents.model import Event, EventRecord, Report
from geoevents.readers import read_reports
from geoevents.readers.source import BadLineHandler
from geoevents.store import Imported, Store

log = logging.getLogger(__name__)

#: Reports geoparsed per transaction: large enough to amortise the commit, small enough
#: to lose little work to a crash.
DEFAULT_BATCH_SIZE = 500
#: Items per transaction at most. Imported rows need no geoparsing, so they go in far
#: larger transactions: each commit rewrites the index pages it touched.
IMPORT_BATCH_SIZE = 20_000

Item = Report | Imported


class Parser(Protocol):
    """What ingest needs of a geoparser: one event per report, in order."""

    def parse_many(self, reports: Iterable[Report]) -> Iterable[Event]: ...


@dataclass(slots=True)
class IngestSummary:
    """Running totals; ``unlocated`` counts stored events the geoparser could not place."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    unlocated: int = 0
    bad_lines: int = 0

    def __str__(self) -> str:
        return (
            f"read {self.read}, stored {self.stored}, duplicates {self.duplicates}, "
            f"unlocated {self.unlocated}, bad lines {self.bad_lines}"
        )


@dataclass(frozen=True, slots=True)
class Ingested:
    """The outcome of one ingest call; ``events`` is filled only when asked for (``keep``)."""

    summary: IngestSummary
    events: tuple[EventRecord, ...] = ()


Progress = Callable[[IngestSummary], None]


def ingest(
    items: Iterable[Item],
    store: Store,
    *,
    geoparser: Parser | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    keep: bool = False,
    progress: Progress | None = None,
    summary: IngestSummary | None = None,
) -> Ingested:
    """Geoparse the reports (imported rows go in as they are) and store them in batches.

    With ``keep`` the stored record of every input comes back in input order, a duplicate's
    being the copy stored before; otherwise inputs are streamed and nothing is held.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    parser = geoparser or _DefaultGeoparser()
    totals = summary or IngestSummary()
    kept: list[EventRecord] = []
    for batch in _batches(items, batch_size):
        ids = _ingest_batch(batch, store, parser, totals, skip_known=not keep)
        if keep:
            kept.extend(_records(store, ids))
        if progress is not None:
            progress(totals)
    log.info("ingest: %s", totals)
    return Ingested(totals, tuple(kept))


def ingest_files(
    paths: Sequence[str | Path],
    store: Store,
    *,
    format: str = "auto",
    skip_bad: bool = False,
    geoparser: Parser | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    on_bad: BadLineHandler | None = None,
) -> IngestSummary:
    """Ingest every file in turn (``-`` is stdin); a bad line stops it, unless ``skip_bad``.

    With ``skip_bad`` each bad line goes to ``on_bad`` (default: a logged warning). When a
    bad line stops it, the batches before it are stored: fix the line (or pass ``skip_bad``)
    and run it again to finish with nothing stored twice.
    """
    totals = IngestSummary()

    def count_bad(error: InputError) -> None:
        totals.bad_lines += 1
        if on_bad is None:
            log.warning("skipped %s", error)
        else:
            on_bad(error)

    items = itertools.chain.from_iterable(
        read_reports(path, format, skip_bad=skip_bad, on_bad=count_bad) for path in paths
    )
    with collector_paused():
        ingest(items, store, geoparser=geoparser, batch_size=batch_size, progress=progress,
               summary=totals)
    return totals


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's automatic cycle collection for a bulk ingest, then restore it.

    A batch keeps every row it has read alive until it is stored: tens of thousands of
    objects that each automatic full collection would walk again, for nothing, since
    reading and storing make no reference cycles. That walking cost an ACLED import about
    a sixth of its time. Garbage is still freed by reference counting as usual; a caller
    that has switched collection off itself keeps it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _ingest_batch(
    batch: list[Item], store: Store, parser: Parser, totals: IngestSummary, *, skip_known: bool
) -> tuple[int, ...]:
    reports = [item for item in batch if isinstance(item, Report)]
    if reports:
        events = _geoparsed(batch, reports, store, parser, skip_known=skip_known)
        unlocated = sum(1 for e in events if isinstance(e, Event) and e.location is None)
    else:  # imported rows only, the bulk case: nothing to look up or geoparse
        events, unlocated = cast(list[Event | Imported], batch), 0
    result = store.add(events)
    totals.read += len(batch)
    totals.stored += result.stored
    totals.duplicates += len(batch) - result.stored
    totals.unlocated += unlocated
    return result.ids


def _geoparsed(
    batch: list[Item], reports: list[Report], store: Store, parser: Parser, *, skip_known: bool
) -> list[Event | Imported]:
    """The batch with its new reports geoparsed, in order; stored reports are left out.

    Only reports are looked up first (sparing a second geoparse); imported rows go
    straight to the store, whose uniqueness constraint settles them.
    """
    known = store.known(r.content_hash for r in reports) if skip_known else set()
    fresh = [r for r in reports if r.content_hash not in known]
    parsed = iter(parser.parse_many(fresh) if fresh else ())
    events: list[Event | Imported] = []
    for item in batch:
        if isinstance(item, Imported):
            events.append(item)
        elif item.content_hash not in known:
            events.append(next(parsed))
    return events


def _records(store: Store, ids: Iterable[int]) -> Iterator[EventRecord]:
    for event_id in ids:
        record = store.event(event_id)
        if record is not None:
            yield record


def _batches(items: Iterable[Item], reports_per_batch: int) -> Iterator[list[Item]]:
    """Batches of at most ``reports_per_batch`` reports and ``IMPORT_BATCH_SIZE`` items."""
    batch: list[Item] = []
    reports = 0
    for item in items:
        batch.append(item)
        reports += isinstance(item, Report)
        if reports >= reports_per_batch or len(batch) >= IMPORT_BATCH_SIZE:
            yield batch
            batch, reports = [], 0
    if batch:
        yield batch


class _DefaultGeoparser:
    """The standard geoparser, loaded on first use: imported rows never need it."""

    def __init__(self) -> None:
        self._parser: Parser | None = None

    def parse_many(self, reports: Iterable[Report]) -> Iterable[Event]:
        if self._parser is None:
            from geoevents.geoparse import Geoparser

            self._parser = Geoparser()
        return self._parser.parse_many(reports)
