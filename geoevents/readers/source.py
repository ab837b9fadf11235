"""An input file or stdin as numbered text lines, read lazily, with one policy for bad lines.

Lines are split on ``\\n`` only (never on the Unicode separators ``str.splitlines`` knows), so
line numbers match what editors and ``sed -n`` show. Each line is decoded on its own: a
stray non-UTF-8 byte costs that line, not the file.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

from geoevents.errors import InputError

logger = logging.getLogger(__name__)

T = TypeVar("T")

STDIN = "-"
BadLineHandler = Callable[[InputError], None]


class Source:
    """Numbered lines of one input, plus where to send complaints about them.

    With ``skip_bad`` a bad line is skipped and handed to ``on_bad`` (or, without one, logged
    as a warning); without ``skip_bad`` the first bad line raises ``InputError``.
    """

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        *,
        skip_bad: bool = False,
        on_bad: BadLineHandler | None = None,
        owns_stream: bool = False,
    ) -> None:
        self.name = name
        self.skip_bad = skip_bad
        self.on_bad = on_bad
        self._stream = stream
        self._owns_stream = owns_stream
        self._peeked: list[bytes] = []

    @classmethod
    def open(
        cls, path: str | Path, *, skip_bad: bool = False, on_bad: BadLineHandler | None = None
    ) -> Source:
        """The input at ``path``; ``-`` is stdin. A missing or unreadable file is an ``InputError``."""
        if str(path) == STDIN:
            return cls(sys.stdin.buffer, "<stdin>", skip_bad=skip_bad, on_bad=on_bad)
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by Source.close
        except OSError as exc:
            raise InputError(str(path), None, (exc.strerror or str(exc)).lower()) from None
        return cls(stream, str(path), skip_bad=skip_bad, on_bad=on_bad, owns_stream=True)

    @property
    def stem(self) -> str:
        """The name report ids start with: the file name without its extension."""
        return "stdin" if self.name == "<stdin>" else Path(self.name).stem

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def head(self, count: int) -> list[str]:
        """Up to ``count`` first lines, leniently decoded, without consuming them (for sniffing)."""
        while len(self._peeked) < count:
            raw = self._stream.readline()
            if not raw:
                break
            self._peeked.append(raw)
        return [_strip_eol(raw).decode("utf-8", errors="replace") for raw in self._peeked[:count]]

    def lines(self) -> Iterator[tuple[int, str]]:
        """``(line number, text)`` for every line that decodes; an empty input is a bad line 1."""
        number = 0
        for number, raw in enumerate(self._raw_lines(), start=1):
            raw = _strip_eol(raw)
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.bad(number, f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {exc.start + 1}")
                continue
            if "\x00" in line:  # binary data, and a character PostgreSQL cannot store
                self.bad(number, f"NUL character at column {line.index(chr(0)) + 1}")
                continue
            yield number, line
        if number == 0:
            self.bad(1, "the input is empty")

    def parse_lines(
        self, parse: Callable[[str], T], errors: type[Exception] | tuple[type[Exception], ...]
    ) -> Iterator[T]:
        """``parse(line)`` for every non-blank line; a raised ``errors`` makes it a bad line."""
        for number, line in self.lines():
            if not line.strip():
                continue
            try:
                item = parse(line)
            except errors as exc:
                self.bad(number, str(exc))
                continue
            yield item

    def bad(self, line: int, message: str) -> None:
        """Complain about one line: raise, or (with ``skip_bad``) report it and return."""
        error = InputError(self.name, line, message)
        if not self.skip_bad:
            raise error
        if self.on_bad is None:
            logger.warning("skipped %s", error)
        else:
            logger.debug("skipped %s", error)
            self.on_bad(error)

    def close(self) -> None:
        """Close the file (stdin stays open: it is not ours)."""
        if self._owns_stream:
            self._stream.close()

    def _raw_lines(self) -> Iterator[bytes]:
        while self._peeked:
            yield self._peeked.pop(0)
        yield from self._stream


def _strip_eol(raw: bytes) -> bytes:
    return raw.rstrip(b"\r\n")


def excerpt(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters, for quoting bad input in an error message."""
    return text if len(text) <= width else text[: width - 1] + "…"
