"""Input formats by name: each registers how to read it and how to recognise it.

A new format (an ACLED or GDELT importer, say) is one module with a ``@register`` reader,
imported by ``geoevents.readers``; ``--format`` and ``auto`` detection pick it up from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from geoevents.readers.source import Source

#: How many leading lines ``auto`` detection may look at.
SNIFF_LINES = 4

Reader = Callable[[Source], Iterator[Any]]
Sniffer = Callable[[list[str]], bool]


@dataclass(frozen=True, slots=True)
class Format:
    """A named input format.

    ``extensions`` are the file suffixes it claims (``.jsonl``); ``sniff`` tells from the first
    lines whether an input is in this format. A format with neither is only used by name.
    """

    name: str
    read: Reader
    extensions: tuple[str, ...] = ()
    sniff: Sniffer | None = None


_FORMATS: dict[str, Format] = {}
#: Used when neither the extension nor any sniffer recognises an input.
FALLBACK = "text"


def register(
    name: str, *, extensions: tuple[str, ...] = (), sniff: Sniffer | None = None
) -> Callable[[Reader], Reader]:
    """Register the decorated reader under ``name`` (a later registration replaces an earlier)."""

    def decorate(read: Reader) -> Reader:
        _FORMATS[name] = Format(name, read, tuple(e.lower() for e in extensions), sniff)
        return read

    return decorate


def formats() -> tuple[str, ...]:
    """The registered format names, in registration order."""
    return tuple(_FORMATS)


def get(name: str) -> Format:
    """The format called ``name``; an unknown name is a ``ValueError`` listing the known ones."""
    try:
        return _FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(_FORMATS)}") from None


def detect(source: Source) -> Format:
    """The format of ``source``: by extension when only one format claims it, else by content.

    Formats that claim the extension are sniffed first, then the others, in registration order;
    plain text is the answer when nothing else fits.
    """
    claiming = [f for f in _FORMATS.values() if source.suffix and source.suffix in f.extensions]
    if len(claiming) == 1:
        return claiming[0]
    head = source.head(SNIFF_LINES)
    others = [f for f in _FORMATS.values() if f not in claiming]
    for fmt in (*claiming, *others):
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt
    fallback = _FORMATS[FALLBACK]
    return claiming[0] if claiming and fallback not in claiming else fallback
