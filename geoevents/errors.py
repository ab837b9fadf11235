"""Typed errors: each says what is wrong and where, so the CLI and the API can show it plainly."""

from __future__ import annotations


class GeoeventsError(Exception):
    """Base of every error geoevents raises on purpose (shown to users without a traceback)."""


class InputError(GeoeventsError):
    """Bad input at a known place: a file and (where known) a line number."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class QueryError(GeoeventsError, ValueError):
    """A filter that cannot mean anything (west > east, end before start, negative limit)."""


class ConfigError(GeoeventsError):
    """A configuration file or setting that cannot be used."""
