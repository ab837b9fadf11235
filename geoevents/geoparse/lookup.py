"""Memoised gazetteer questions: a news stream asks about the same few thousand names all day."""

from __future__ import annotations

from functools import lru_cache

from gazetteer import Gazetteer, Place
from gazetteer.normalize import name_key

#: Answers kept: yes/no questions are cheap to keep, candidate lists (up to 40 places) less so;
#: these bounds keep a long-running stream's memory flat (well under 1 GB).
_FLAGS = 131_072
_LISTS = 16_384
#: How many candidates resolution weighs per name: the rest never win on evidence.
MAX_CANDIDATES = 40


class Lookup:
    """The geoparser's view of a ``Gazetteer``: candidate lists, name tests and demonyms, cached."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.max_words = min(gazetteer.max_name_words, 6)
        self.is_name = lru_cache(maxsize=_FLAGS)(self._is_name)
        self.candidates = lru_cache(maxsize=_LISTS)(self._candidates)
        self.demonym = lru_cache(maxsize=_LISTS)(self._demonym)
        self.is_primary = lru_cache(maxsize=_FLAGS)(self._is_primary)

    def _is_name(self, surface: str) -> bool:
        return self.gazetteer.is_name(surface)

    def _candidates(self, name: str) -> tuple[Place, ...]:
        return tuple(self.gazetteer.candidates(name, limit=MAX_CANDIDATES))

    def _demonym(self, word: str) -> Place | None:
        return self.gazetteer.demonym(word)

    def _is_primary(self, surface: str, place_name: str) -> bool:
        """Whether ``surface`` is the place's own name rather than one of its alternates."""
        return name_key(surface) == name_key(place_name)
