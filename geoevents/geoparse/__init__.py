"""The geoparser: from a report's text to a located, dated, typed event.

>>> from datetime import date
>>> from geoevents.geoparse import Geoparser
>>> from geoevents.model import Report
>>> parser = Geoparser()
>>> text = "Rockets fell on Desna, a village in the northern Chernigiv region, on Friday."
>>> event = parser.parse(Report("1", text, published=date(2022, 6, 25)))
>>> event.location.name, event.event_date, event.event_type
('Desna', datetime.date(2022, 6, 24), 'missile_strike')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gazetteer import Gazetteer
from geoevents.geoparse import locate
from geoevents.geoparse.dates import event_date
from geoevents.geoparse.document import Document
from geoevents.geoparse.eventtypes import EventTypeLexicon
from geoevents.geoparse.lookup import Lookup
from geoevents.geoparse.recognize import Recognizer
from geoevents.geoparse.resolve import Resolver
from geoevents.model import Event, Location, Report, Toponym

__all__ = ["EventTypeLexicon", "Geoparser"]


class Geoparser:
    """Finds, resolves and interprets the places, date and type of each report.

    ``gazetteer`` defaults to the cached offline index; ``lexicon`` to the shipped event-type
    keywords extended by ``$GEOEVENTS_LEXICON``. With ``adjectival=True`` demonyms
    ("Ukrainian forces") are returned as toponyms of their country too, as some corpora
    annotate them; they never locate an event.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        lexicon: EventTypeLexicon | None = None,
        *,
        adjectival: bool = False,
    ) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.lexicon = lexicon if lexicon is not None else EventTypeLexicon.load()
        lookup = Lookup(self.gazetteer)
        self._recognizer = Recognizer(lookup, adjectival=adjectival)
        self._resolver = Resolver(lookup)

    def parse(self, report: Report) -> Event:
        """The event one report describes (location ``None`` when no place locates it)."""
        text = report.text
        doc = Document(text)
        mentions, demonyms = self._recognizer.find(doc)
        resolved = self._resolver.resolve(text, mentions, demonyms)
        kept = [i for i, r in enumerate(resolved) if not r.spurious]
        mentions, resolved = [mentions[i] for i in kept], [resolved[i] for i in kept]
        chosen = locate.choose(doc, mentions, resolved)
        toponyms = tuple(
            Toponym(
                start=m.start,
                end=m.end,
                text=m.text,
                place=r.place,
                score=r.score,
                role="location" if i == chosen else "mention",
            )
            for i, (m, r) in enumerate(zip(mentions, resolved, strict=True))
        )
        place = resolved[chosen].place if chosen is not None else None
        when, precision = event_date(text, report.published_date)
        event_type, _ = self.lexicon.classify(text)
        return Event(
            report=report,
            toponyms=toponyms,
            location=Location.of_place(place) if place is not None else None,
            event_date=when,
            date_precision=precision,
            event_type=event_type,
            confidence=resolved[chosen].score if chosen is not None else 0.0,
        )

    def parse_many(self, reports: Iterable[Report]) -> Iterator[Event]:
        """Events for a stream of reports, lazily: memory stays flat however long the stream."""
        for report in reports:
            yield self.parse(report)
