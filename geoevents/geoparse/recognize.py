"""Finding place names in text without a trained model.

A place name is a run of capitalised words (joined by links such as "of", "upon" or "es",
and article particles such as "ez-" in "Deir ez-Zor") that the gazetteer knows, or that
ends in a place word ("River", "Oblast"). The run is then weighed as an analyst would: a
title before it ("President", "Mr") or a given name at its head makes it a person; an
organisation word ("Post", "University", "Ministry") makes it an organisation, and a seat of
government ("the White House", "the Kremlin") an actor; unknown capitalised words around a
known name make it the name of something else ("Vladimir Putin"); a common English word at
the start of a sentence ("Many", "Reading") is only a place with strong support. Demonyms
("Ukrainian") are not places, but they tell resolution which countries the text is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gazetteer import Place
from geoevents.geoparse.cues import (
    ADMIN2_WORDS,
    ADMIN_WORDS,
    AT_A_PLACE,
    CITY_WORDS,
    DIRECTIONS,
    GENERIC_REGIONS,
    INSTITUTIONS,
    INSTITUTIONS_AFTER_THE,
    KNOWN_NAME_HEADS,
    LOCATIVE,
    NEVER_PLACES,
    ORG_HEADS,
    PLACE_HEADS,
    SETTLEMENT_NOUNS,
    SPEECH_VERBS,
    TITLES,
    commonness,
    given_names,
    introduced_by,
)
from geoevents.geoparse.document import PARTICLES, Document, Word
from geoevents.geoparse.lookup import Lookup

#: Kinds whose names are rarely ordinary words: no common-word doubt applies to them.
_MAJOR_KINDS = frozenset({"country", "continent", "admin1", "sea", "region"})
#: Above this Zipf frequency a capitalised word is more likely a word than a place.
_COMMON_AT_START = 4.0
_COMMON_ANYWHERE = 4.6
_FUNCTION_WORD = 6.0
#: Above this a given name is a word first: "Many Kyiv residents", "Will ..." (not "Ellen").
_WORD_FIRST = 5.5
#: How big a city must be for its name to count as a place whatever else the word means:
#: anywhere, at the start of a sentence ("Washington is..."), within one ("in California or
#: Washington").
_BIG_CITY = 1_000_000
_BIG_CITY_AT_START = 500_000
_CITY_MID_SENTENCE = 100_000
_HYPHENS = re.compile("[-‐]")
#: How many tokens around a mention later stages read ("Ukraine's northern command said").
CONTEXT_BEFORE = 4
CONTEXT_AFTER = 8


@dataclass(slots=True)
class Mention:
    """A place-name span, before resolution.

    ``name`` is what to look up (the span without trailing place words such as "River");
    ``hint`` is the kind the context asks for (``admin1``, ``admin2``, ``city``) if any;
    ``locative`` says a preposition ("in") or a noun ("the village of") introduces it;
    ``qualifying`` that it follows another name after a comma ("Paris, Texas");
    ``demonym`` is set for adjectival mentions ("Ukrainian") and is their only candidate;
    ``before`` and ``after`` are the lowercased tokens around it, nearest last and first.
    """

    start: int
    end: int
    text: str
    name: str
    hint: str | None
    locative: bool
    qualifying: bool
    candidates: tuple[Place, ...]
    before: list[str]
    after: list[str]
    demonym: Place | None = None


@dataclass(slots=True)
class _Segment:
    kind: str  # "place", "demonym", "word" or "link"
    lo: int  # word indices into the run, inclusive
    hi: int
    place: Place | None = None


class Recognizer:
    """Finds toponym mentions; ``adjectival`` also returns demonyms resolved to their country."""

    def __init__(self, lookup: Lookup, *, adjectival: bool = False) -> None:
        self.lookup = lookup
        self.adjectival = adjectival
        self._given = given_names()
        self._common_single = lru_cache(maxsize=65_536)(self._common_single_uncached)

    def find(self, doc: Document) -> tuple[list[Mention], list[Place]]:
        """The mentions in ``doc`` and the places its demonyms refer to (context evidence)."""
        mentions: list[Mention] = []
        demonyms: list[Place] = []
        persons: set[str] = set()
        for run in doc.runs():
            for part in self._split(run, doc):
                self._classify(part, doc, mentions, demonyms, persons)
        return [m for m in mentions if not self._person_again(m, persons)], demonyms

    # -- cutting runs into candidate names --------------------------------------------------

    def _split(self, run: list[Word], doc: Document) -> list[list[Word]]:
        """Cut a run at titles ("President"), dates ("Monday") and capitalised common words
        that owe their capital to position ("Yesterday Kyiv", "Russian Missiles Hit Kyiv")."""
        if len(run) == 1 and self._common_single(run[0].text) and doc.initial(run[0].start):
            return []  # "The", "In", "Many" opening a sentence: the usual case, made cheap
        parts: list[list[Word]] = []
        current: list[Word] = []
        for i, word in enumerate(run):
            lower = word.lower
            compound = (
                _HYPHENS.search(word.text) is not None
                and not word.particle
                and not self.lookup.is_name(word.text)
            )
            if compound or lower in TITLES or lower in NEVER_PLACES or self._weak(i, run, doc):
                pieces = self._compound_pieces(word) if compound else []
                if pieces and current and self._continues(current, pieces[0], doc):
                    current.append(pieces.pop(0))  # "Abu Dhabi-based": "Abu Dhabi"
                if current:
                    parts.append(current)
                current = []
                parts.extend([piece] for piece in pieces)
            else:
                current.append(word)
        if current:
            parts.append(current)
        return [p for p in map(_trim_links, parts) if p]

    def _continues(self, current: list[Word], piece: Word, doc: Document) -> bool:
        """Whether the first piece of a hyphenated word ends the name ``current`` begins."""
        return piece.start == current[-1].end + 1 and self.lookup.is_name(
            doc.text[current[0].start : piece.end]
        )

    def _compound_pieces(self, word: Word) -> list[Word]:
        """The places inside a hyphenated word: "Canada" of "Canada-wide" (a lowercase
        suffix); of several names ("Canada-EU", "Miami-Dade") only well-known places."""
        pieces = [
            p
            for p in word.pieces()
            if (len(p.text) > 2 or p.all_caps) and p.lower not in NEVER_PLACES | TITLES
        ]
        if len(word.pieces()) == 1:
            return pieces
        return [p for p in pieces if self._known_piece(p.text)]

    def _known_piece(self, text: str) -> bool:
        cands = self.lookup.candidates(text) if self.lookup.is_name(text) else ()
        return bool(cands) and self._significant(text, cands[0], _CITY_MID_SENTENCE)

    def _common_single_uncached(self, word: str) -> bool:
        """A common word that is no strong place name by itself, nor a demonym."""
        return (
            len(word) < 3
            or (
                commonness(word.lower()) >= _COMMON_AT_START
                and not (self.lookup.is_name(word) and self._strong_single(word))
                and self.lookup.demonym(word) is None
            )
        ) and not word.isupper()

    def _weak(self, i: int, run: list[Word], doc: Document) -> bool:
        word = run[i]
        if word.is_link or word.all_caps or word.abbreviation:
            return False
        if len(word.text) < 3:  # but "El" of "El Fasher" begins a name
            return word.lower not in PARTICLES or not self._starts_name(i, run, doc.text)
        freq = commonness(word.lower)
        if freq >= _FUNCTION_WORD:  # "Florida The controversy": "The" ends a name anywhere
            return not self._starts_name(i, run, doc.text) and not self._inside_name(i, run, doc)
        if freq < _COMMON_AT_START or not doc.initial(word.start):
            return False
        if (
            word.lower in self._given
            and freq < _WORD_FIRST
            and i + 1 < len(run)
            and not run[i + 1].is_link
        ):
            return False  # "Ellen Kent opened...": a person's name, whatever its frequency
        return (
            not self._starts_name(i, run, doc.text)
            and not self._inside_name(i, run, doc)
            and self.lookup.demonym(word.text) is None
        )

    def _inside_name(self, i: int, run: list[Word], doc: Document) -> bool:
        """Whether word ``i`` continues a known name begun before it: "York" of "Former New
        York Gov.", "See" of "the Holy See"."""
        for lo in range(max(0, i - self.lookup.max_words + 1), i):
            if run[lo].is_link:
                continue
            for hi in range(i, min(len(run), lo + self.lookup.max_words)):
                if not run[hi].is_link and self.lookup.is_name(
                    doc.text[run[lo].start : run[hi].end]
                ):
                    return True
        return False

    def _starts_name(self, i: int, run: list[Word], text: str) -> bool:
        """Whether a known name begins at word ``i`` of ``run`` (so it must not be cut)."""
        for hi in range(min(len(run), i + self.lookup.max_words) - 1, i - 1, -1):
            if run[hi].is_link:
                continue
            for end in _ends(run[hi]) if hi > i else (run[hi].end,):
                surface = text[run[i].start : end]
                if self.lookup.is_name(surface):
                    return hi > i or self._strong_single(surface)
        return False

    def _strong_single(self, surface: str) -> bool:
        cands = self.lookup.candidates(surface)
        return bool(cands) and self._significant(surface, cands[0], _BIG_CITY_AT_START)

    def _significant(self, surface: str, place: Place, population: int = _BIG_CITY) -> bool:
        """A country or region by any of its names, or a city of ``population`` by its own
        name (not "For", an alternate name of Fortaleza)."""
        if place.kind in _MAJOR_KINDS:
            return surface.lower() not in GENERIC_REGIONS
        return place.population >= population and self.lookup.is_primary(surface, place.name)

    # -- weighing one part --------------------------------------------------------------------

    def _classify(
        self,
        run: list[Word],
        doc: Document,
        mentions: list[Mention],
        demonyms: list[Place],
        persons: set[str],
    ) -> None:
        if _institution(doc, run):
            return
        segments = self._segments(run, doc.text)
        k = self._person_inside(run, segments)
        if k is not None:  # the person is named again alone later: "Steele said"
            persons.update(w.text for w in run[k:] if not w.is_link)
            run = _trim_links(run[:k])
            segments = [seg for seg in segments if seg.hi < len(run)]
        for seg in segments:
            if seg.kind == "demonym" and seg.place is not None:
                demonyms.append(seg.place)
                if self.adjectival:
                    mentions.append(self._mention(run, seg, seg, doc, demonym=seg.place))
        places = [s for s in segments if s.kind == "place"]
        words = [s for s in segments if s.kind == "word"]
        heads = [s for s in words if run[s.lo].lower in PLACE_HEADS]
        others = [s for s in words if run[s.lo].lower not in PLACE_HEADS | DIRECTIONS]
        if _title_before(doc, run[0].start) or self._named_person(run, places):
            persons.update(w.text for w in run if not w.is_link)
            return
        if not places and not heads and not _introduced(doc, run[0].start):
            return
        whole_name = len(places) == 1 and places[0].lo == 0 and places[0].hi == len(run) - 1
        within = {k for seg in places for k in range(seg.lo, seg.hi)}  # "United" of "United ..."
        if not whole_name and any(
            w.lower in ORG_HEADS for k, w in enumerate(run) if k not in within
        ):  # "Washington Post", "University of Kansas"; not "China and the United States"
            return
        if not places:
            named = heads and others and heads[-1].hi == len(run) - 1
            if (named and run[-1].lower not in KNOWN_NAME_HEADS) or _introduced(doc, run[0].start):
                whole = _Segment("place", 0, len(run) - 1)
                mentions.append(self._mention(run, whole, whole, doc))
            return
        if others:
            return  # a known name inside an unknown one: "Vladimir Putin", "Paris Hilton"
        for seg in places:
            tail = seg
            while any(h.lo == tail.hi + 1 for h in heads):
                tail = next(h for h in heads if h.lo == tail.hi + 1)
            mention = self._mention(run, seg, tail, doc)
            if self._plausible(mention, run[seg.lo], doc):
                mentions.append(mention)

    def _segments(self, run: list[Word], text: str) -> list[_Segment]:
        """Longest gazetteer names first, then demonyms, then single unknown words."""
        segments: list[_Segment] = []
        k = 0
        while k < len(run):
            if run[k].is_link:
                segments.append(_Segment("link", k, k))
                k += 1
                continue
            seg = self._place_at(k, run, text) or self._demonym_at(k, run, text)
            seg = seg or _Segment("word", k, k)
            segments.append(seg)
            k = seg.hi + 1
        return segments

    def _place_at(self, k: int, run: list[Word], text: str) -> _Segment | None:
        for hi in range(min(len(run), k + self.lookup.max_words) - 1, k - 1, -1):
            if run[hi].is_link:
                continue
            surface = text[run[k].start : run[hi].end]
            if hi == k and self.lookup.demonym(surface) and not self._strong_single(surface):
                return None  # "French", "Turkish": the adjective, not a town of that name
            if hi == k and run[k].particle:
                return None  # "al-Ain" of an unknown "Ras al-Ain" is no name of its own
            if self.lookup.is_name(surface) or (
                run[hi].particle and self.lookup.candidates(surface)
            ):
                return _Segment("place", k, hi)
        return None

    def _demonym_at(self, k: int, run: list[Word], text: str) -> _Segment | None:
        if k > 0 and run[k - 1].lower in DIRECTIONS:
            return None  # "Central American", "North African": a region's people, not a country's
        for hi in (k + 1, k):
            if hi < len(run) and not run[hi].is_link:
                place = self.lookup.demonym(text[run[k].start : run[hi].end])
                if place is not None:
                    return _Segment("demonym", k, hi, place)
        return None

    def _named_person(self, run: list[Word], places: list[_Segment]) -> bool:
        """A given name right before more name words: "Paris Hilton", "Alexander Lukashenko"
        (but "China and Russia" are two places, "Shan State" and "Jordan River" one)."""
        head = run[0]
        return (
            len(run) > 1
            and not run[1].is_link
            and not all(w.lower in PLACE_HEADS for w in run[1:])
            and not head.all_caps
            and head.lower in self._given
            and not (places and places[0].lo == 0 and places[0].hi > 0)
        )

    def _person_inside(self, run: list[Word], segments: list[_Segment]) -> int | None:
        """Where a person's name begins after a place: "Christopher" of "WASHINGTON
        Christopher Steele" (a given name that is no part of a longer place name)."""
        for seg in segments:
            k = seg.lo
            if (
                k > 0
                and seg.hi == k
                and k + 1 < len(run)
                and not run[k + 1].is_link
                and not run[k].all_caps
                and run[k].lower in self._given
            ):
                return k
        return None

    def _plausible(self, mention: Mention, word: Word, doc: Document) -> bool:
        """Common-word doubt: "Many", "Reading", "Police" need support to count as places."""
        if " " in mention.name:
            return True
        cands = mention.candidates
        if not cands or word.lower in DIRECTIONS:
            return False
        if word.abbreviation:  # "U.S.", "U.K."; not "St." standing alone ("14th St.")
            return word.text.count(".") > 1
        if word.all_caps:  # "UK", "KYIV"; not "NATO", "BBC" (a Philippine town, a Texan city)
            return len(word.text) > 5 or _acronym_place(mention, cands[0])
        initial = doc.initial(word.start)
        if self._significant(mention.name, cands[0]) and not (
            initial and doc.has_lowercase(word.text)
        ):
            return True
        freq = commonness(word.lower)
        supported = mention.locative or mention.hint is not None
        if initial:
            return freq < _COMMON_AT_START or (supported and not doc.has_lowercase(word.text))
        return (
            freq < _COMMON_ANYWHERE
            or supported
            or self._significant(mention.name, cands[0], _CITY_MID_SENTENCE)
        )

    def _person_again(self, mention: Mention, persons: set[str]) -> bool:
        """A surname or an agency standing alone: "Kelly" after "John Kelly"; "Bolton said",
        "Xinhua reported" (a small town's name speaking is someone, not somewhere)."""
        if " " in mention.text or mention.demonym is not None or not mention.candidates:
            return False
        if mention.candidates[0].kind in _MAJOR_KINDS or (
            mention.before and mention.before[-1] in AT_A_PLACE
        ):
            return False  # "a teacher in Mykolaiv said": the teacher speaks, not Mykolaiv
        if mention.text in persons:
            return True
        return (
            bool(mention.after)
            and mention.after[0] in SPEECH_VERBS
            and not self._significant(mention.text, mention.candidates[0], _CITY_MID_SENTENCE)
        )

    # -- building a mention ------------------------------------------------------------------

    def _mention(
        self,
        run: list[Word],
        seg: _Segment,
        tail: _Segment,
        doc: Document,
        demonym: Place | None = None,
    ) -> Mention:
        start, end = run[seg.lo].start, run[tail.hi].end
        name = doc.text[start : run[seg.hi].end]
        after = doc.after(end, CONTEXT_AFTER)
        before = doc.before(start, CONTEXT_BEFORE)
        hint = _hint_word(after[0]) if after else None
        hint = hint or (_hint_word(before[-2]) if len(before) >= 2 and before[-1] == "of" else None)
        if tail is not seg:
            hint = hint or _hint_word(run[tail.hi].lower)
        if demonym is not None:
            candidates: tuple[Place, ...] = (demonym,)
        elif hint in ("admin1", "admin2"):  # "the Chernigiv region": the region, not the city
            if tail is not seg:
                word = run[tail.hi].lower  # "Metcalfe County Sheriff's Office"
            elif after and _hint_word(after[0]) == hint:
                word = after[0]
            else:
                word = "region" if hint == "admin1" else "county"
            candidates = tuple(
                dict.fromkeys(
                    self.lookup.candidates(f"{name} {word}") + self.lookup.candidates(name)
                )
            )
        else:
            candidates = self.lookup.candidates(name)
        return Mention(
            start=start,
            end=end,
            text=doc.text[start:end],
            name=name,
            hint=hint,
            locative=introduced_by(before, LOCATIVE),
            qualifying=doc.after_name_and_comma(start),
            candidates=candidates,
            before=before,
            after=after,
            demonym=demonym,
        )


def _acronym_place(mention: Mention, place: Place) -> bool:
    """Short capitals as a place: "UK", "DRC", "EU", "KYIV"; a state's code only as a
    qualifier ("Victoria, BC")."""
    if place.kind in ("country", "continent", "region") or place.population >= 1_000_000:
        return True
    return place.kind == "admin1" and (mention.locative or mention.qualifying)


def _ends(word: Word) -> tuple[int, ...]:
    """Where a name ending in ``word`` may end: "York-based" ends at "York" too."""
    pieces = word.pieces() if _HYPHENS.search(word.text) else []
    return (word.end, pieces[0].end) if pieces and pieces[0].start == word.start else (word.end,)


def _trim_links(part: list[Word]) -> list[Word]:
    while part and part[-1].is_link:
        part = part[:-1]
    while part and part[0].is_link:
        part = part[1:]
    return part


def _institution(doc: Document, run: list[Word]) -> bool:
    """A seat of government speaking or acting: "the White House", "Downing Street"."""
    name = doc.text[run[0].start : run[-1].end].lower()
    if name in INSTITUTIONS:
        return True
    return name in INSTITUTIONS_AFTER_THE and doc.word_before(run[0].start) == "the"


def _title_before(doc: Document, start: int) -> bool:
    """A title just before: "governor Vitaliy Bunechko", "Mr. Smith"."""
    return doc.word_before(start).rstrip(".") in TITLES


def _introduced(doc: Document, start: int) -> bool:
    """A settlement noun and "of" vouch for an unknown name: "the village of Hrakove"."""
    if doc.word_before(start) != "of":
        return False
    before = doc.before(start, 2)
    return len(before) == 2 and before[0] in SETTLEMENT_NOUNS


def _hint_word(word: str) -> str | None:
    if word in ADMIN_WORDS:
        return "admin1"
    if word in ADMIN2_WORDS:
        return "admin2"
    if word in CITY_WORDS:
        return "city"
    return None
