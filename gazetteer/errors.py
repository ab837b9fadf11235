"""Typed gazetteer errors: each names what is wrong and where."""

from __future__ import annotations


class GazetteerError(Exception):
    """Base of every error the gazetteer raises on purpose."""


class DumpError(GazetteerError):
    """A GeoNames dump file that cannot be read: names the file and, where known, the line."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
