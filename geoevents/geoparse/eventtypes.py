"""What kind of event a report describes, from a transparent keyword lexicon.

The lexicon is a TOML file anyone can read and extend: each type lists keywords, a report
takes the type with the most hits, ties go to the type defined first, and a report with
no hit is ``other``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

from geoevents.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FALLBACK_TYPE = "other"
_TYPE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class EventTypeLexicon:
    """Event types and their keywords, compiled to one regular expression per type."""

    def __init__(self, keywords: Mapping[str, Iterable[str]]) -> None:
        self.keywords: dict[str, tuple[str, ...]] = {t: tuple(w) for t, w in keywords.items()}
        self._pattern = _compile({t: words for t, words in self.keywords.items() if words})

    def __repr__(self) -> str:
        return f"EventTypeLexicon(types={list(self.types)!r})"

    @property
    def types(self) -> tuple[str, ...]:
        """Every type this lexicon can assign, ``other`` last."""
        return tuple(t for t in self.keywords if t != FALLBACK_TYPE) + (FALLBACK_TYPE,)

    def classify(self, text: str) -> tuple[str, int]:
        """The best type for ``text`` and how many keyword hits support it."""
        hits: dict[str, int] = {}
        for m in self._pattern.finditer(text.lower()):
            hits[m.lastgroup] = hits.get(m.lastgroup, 0) + 1  # type: ignore[index]
        best, best_hits = FALLBACK_TYPE, 0
        for event_type in self.keywords:  # definition order breaks ties
            if hits.get(event_type, 0) > best_hits:
                best, best_hits = event_type, hits[event_type]
        return best, best_hits

    def extended(self, other: EventTypeLexicon) -> EventTypeLexicon:
        """This lexicon with ``other``'s keywords added (new types come after ours)."""
        merged = dict(self.keywords)
        for event_type, words in other.keywords.items():
            merged[event_type] = merged.get(event_type, ()) + tuple(
                w for w in words if w not in merged.get(event_type, ())
            )
        return EventTypeLexicon(merged)

    @classmethod
    def default(cls) -> EventTypeLexicon:
        """The lexicon shipped with geoevents."""
        text = resources.files("geoevents.geoparse").joinpath("lexicon.toml").read_text("utf-8")
        return cls._parse(text, "geoevents/geoparse/lexicon.toml")

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> EventTypeLexicon:
        """A lexicon read from a TOML file shaped like ``[types.NAME] keywords = [...]``."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read event-type lexicon: {exc}") from None
        return cls._parse(text, str(path))

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> EventTypeLexicon:
        """The default lexicon extended by ``path`` or, if not given, by ``$GEOEVENTS_LEXICON``."""
        path = path or os.environ.get("GEOEVENTS_LEXICON", "").strip() or None
        base = cls.default()
        return base.extended(cls.from_file(path)) if path else base

    @classmethod
    def _parse(cls, text: str, where: str) -> EventTypeLexicon:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{where}: not valid TOML: {exc}") from None
        types = data.get("types")
        if not isinstance(types, dict) or not types:
            raise ConfigError(f"{where}: expected one or more [types.NAME] tables")
        return cls({name: _keywords(name, spec, where) for name, spec in types.items()})


def _keywords(name: str, spec: object, where: str) -> tuple[str, ...]:
    if not _TYPE_NAME.match(name):
        raise ConfigError(f"{where}: event type {name!r} must be lower_snake_case")
    words = spec.get("keywords") if isinstance(spec, dict) else None
    if (
        not isinstance(words, list)
        or not words
        or not all(isinstance(w, str) and w.strip() for w in words)
    ):
        raise ConfigError(
            f'{where}: [types.{name}] needs keywords = ["word", ...] (non-empty strings)'
        )
    return tuple(w.strip().lower() for w in words)


def _compile(keywords: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """One pattern over lowercased text, a named group per type: phrases match across any
    whitespace, a trailing ``*`` any word ending. A first-letter guard keeps it fast."""
    groups = []
    for event_type, words in keywords.items():
        parts = []
        for word in sorted(set(words), key=len, reverse=True):
            stem, wildcard = (word[:-1], True) if word.endswith("*") else (word, False)
            body = r"\s+".join(re.escape(piece) for piece in stem.split())
            parts.append(body + (r"[\w-]*" if wildcard else "") + r"\b")
        groups.append(f"(?P<{event_type}>{'|'.join(parts)})")
    initials = {w[0] for words in keywords.values() for w in words}
    guard = "[" + "".join(re.escape(c) for c in sorted(initials)) + "]"
    return re.compile(rf"\b(?={guard})(?:{'|'.join(groups)})")
