"""Report readers: liveblog text, JSON Lines and plain text, streamed from a file or stdin.

    for report in read_reports("liveblog.txt"):
        ...

Readers are generators that hold one line (one paragraph for plain text) at a time, so the
size of an input does not matter. Bad input raises ``InputError`` naming the file and line;
with ``skip_bad=True`` each bad line is skipped and passed to ``on_bad`` (or logged as a warning).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from geoevents.model import Report
from geoevents.readers import jsonl, liveblog, text  # noqa: F401 - register the built-in formats
from geoevents.readers.registry import Format, detect, formats, get, register
from geoevents.readers.source import STDIN, BadLineHandler, Source

# Structured datasets (ACLED, GDELT) register themselves as formats on import.
from geoevents import imports  # noqa: E402,F401  isort: skip

logger = logging.getLogger(__name__)

__all__ = ["STDIN", "Format", "Source", "detect", "formats", "read_reports", "register"]


def read_reports(
    path: str | Path,
    format: str = "auto",
    *,
    skip_bad: bool = False,
    on_bad: BadLineHandler | None = None,
) -> Iterator[Report]:
    """Stream the reports in ``path`` (``-`` for stdin) read as ``format``.

    ``format="auto"`` picks the format from the file extension and, where that is not enough,
    from the first lines. An unknown format name fails here, at once; the file is opened when
    iteration starts and closed when it ends.
    """
    chosen = None if format == "auto" else get(format)

    def stream() -> Iterator[Report]:
        source = Source.open(path, skip_bad=skip_bad, on_bad=on_bad)
        try:
            fmt = chosen or detect(source)
            logger.debug("reading %s as %s", source.name, fmt.name)
            yield from fmt.read(source)
        finally:
            source.close()

    return stream()
