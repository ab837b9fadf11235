"""Choosing the place each mention means, with the evidence a careful analyst weighs.

Every candidate starts from its prior (population and kind). Evidence then moves it:
an explicit qualifier ("Paris, Texas", "Desna in the Chernigiv region"), a kind the text asks
for ("the Donetsk region", "the city of Zhytomyr"), the kind of the names it is listed with
("California or Washington"), the countries the document is about (named countries,
demonyms, the other places), the admin-1 regions it names (most for the one named most),
and spatial coherence with the other places. The country alone never turns a world city
into a small namesake; a region named like its country ("Taiwan") or its capital
("Khartoum") is read only when the text says "province" or "state"; villages known only in
a country the text never names are left unresolved rather than misplaced. One name means
one place per document unless a qualifier says otherwise.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from gazetteer import Place
from gazetteer.index import KIND_BONUS
from geoevents.geoparse.lookup import Lookup
from geoevents.geoparse.recognize import Mention

#: Evidence weights, in the units of the gazetteer's prior (log10 population + kind bonus).
PRIMARY_NAME = 1.0
#: "Oregon" is the state, not the Ohio town named after it (but "Washington" is the city).
REGION_NAME = 2.0
HINTED_KIND = 3.0
#: An admin-1 region named like its own country ("Taiwan") is the country unless the text
#: says "province" or "region".
COUNTRY_NAMESAKE = 5.0
QUALIFIED = 5.0
#: Names listed together are alike: "California or Washington" are both states.
LISTED_KIND = 1.5
CONTEXT_COUNTRY = 1.0
CONTEXT_SHARE = 3.0
CONTEXT_ADMIN1 = 1.5
#: More for a county in the region the document names most: "Monroe County" in a text
#: about Missouri.
CONTEXT_ADMIN1_SHARE = CONTEXT_SHARE
#: A place this far below the best reading of its name (a town of 9,000 beside a city of
#: 9 million) is not made likely by the country the report is about alone: "London" in a
#: report about American cities is still London.
FAMOUS = 2.5
#: Pseudo-count: one mention of Kyiv is some evidence of Ukraine, not proof.
CONTEXT_PRIOR = 1.0
NEAR_KM = 150.0
NEAR = 1.5
FAR_KM = 500.0
FAR = 0.6
#: Candidates within this much of the leader (at most CONTENDERS of them) are close enough
#: to weigh spatially.
CONTEST = 4.0
CONTENDERS = 10
#: A place smaller than this, named without any cue in a text about other countries, is
#: more likely a word that happens to be its name ("Grad" rockets, not Grad in Slovenia).
OBSCURE_POPULATION = 20_000

#: The text between a name and its qualifier: "Paris, Texas", "Desna in the northern Chernigiv
#: region", "Lviv (Ukraine)", and appositions: "Desna, a village in the northern Chernigiv
#: region", "Kherson, the capital of the region".
_QUALIFIER_GAP = re.compile(
    r"^[\"”’']?\s*(?:"
    r",\s*(?:an?|the)\s+(?:[a-z-]+\s+){1,3}?(?:in|of|near)\s+(?:the\s+)?(?:[a-z-]+ern\s+)?"
    r"|,|\(|\bin\s+(?:the\s+)?(?:[a-z-]+ern\s+)?|\bof\s+(?:[a-z-]+ern\s+)?)\s*$"
)
_IN_GAP = re.compile(r"^\s+in\s+(?:central\s+|downtown\s+)?$")
_LIST_GAP = re.compile(r"^\s*(?:,|,?\s*(?:and|or))\s*$")
_CONTAINERS = frozenset({"country", "admin1", "admin2", "region"})
_LOCAL_KINDS = frozenset({"city", "admin2"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place a mention resolved to (``None`` if none) and the share of evidence it holds.

    ``qualifier`` marks a mention that only qualifies the one before it ("Texas" in
    "Paris, Texas"); ``spurious`` one that no evidence supports as a place at all.
    """

    place: Place | None
    score: float
    qualifier: bool = False
    spurious: bool = False


@dataclass(slots=True)
class _Context:
    """What the document is about, from a first, context-free reading."""

    countries: Counter[str]
    by_name: dict[str, Counter[str]]  # each name's own share of ``countries``
    admin1s: Counter[tuple[str | None, str]]
    anchors: dict[str, Place]  # place id -> place, local places only
    anchor_names: dict[str, str]  # place id -> the mention name that chose it
    regions_of_anchors: dict[tuple[str | None, str | None], set[str]]  # (cc, admin1) -> names
    named: set[str]  # countries named outright or by a demonym


class Resolver:
    """Resolves all the mentions of one document together."""

    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self._prior = lru_cache(maxsize=16_384)(self._prior_uncached)

    def resolve(
        self, text: str, mentions: list[Mention], demonyms: list[Place]
    ) -> list[Resolution]:
        """One resolution per mention, in order."""
        base = [list(self._prior(m.name, m.hint, m.candidates)) for m in mentions]
        qualifiers = _qualifier_pairs(text, mentions)
        for inner, outer in qualifiers:
            _reward_compatible(mentions[inner], base[inner], mentions[outer], base[outer])
        first = [
            m.candidates[_argmax(s)] if s else None for m, s in zip(mentions, base, strict=True)
        ]
        for i, kind in _listed_kinds(text, mentions, base, qualifiers):
            base[i] = [
                s + LISTED_KIND if p.kind == kind else s
                for p, s in zip(mentions[i].candidates, base[i], strict=True)
            ]
        context = _context(mentions, first, demonyms)
        decided: dict[tuple[str, str | None, tuple[float, ...]], Resolution] = {}
        final: list[Resolution] = []
        for mention, scores in zip(mentions, base, strict=True):
            if mention.demonym is not None:
                final.append(Resolution(mention.demonym, 1.0))
            elif not scores:
                final.append(Resolution(None, 0.0))
            else:
                key = (mention.name, mention.hint, tuple(scores))
                if key not in decided:
                    decided[key] = self._decide(mention, scores, context)
                final.append(decided[key])
        for i, o in qualifiers:
            if _IN_GAP.match(text[mentions[i].end : mentions[o].start]):
                final[i] = _inside_city(mentions[i], final[i], final[o])
        outers = {o for i, o in qualifiers if _qualified(final[i], final[o])}
        inners = {i for i, o in qualifiers if o in outers}
        settled = {mentions[i].name: final[i] for i in inners}
        for i, mention in enumerate(mentions):  # "Parkland, Florida" settles a later "Parkland"
            if i not in inners and mention.name in settled and mention.demonym is None:
                final[i] = settled[mention.name]
        own = Counter(r.place.country_code for r in final if r.place is not None)
        return [
            replace(
                r,
                qualifier=i in outers,
                spurious=i not in inners and i not in outers and _unsupported(m, r, context, own),
            )
            for i, (m, r) in enumerate(zip(mentions, final, strict=True))
        ]

    def _prior_uncached(
        self, name: str, hint: str | None, candidates: tuple[Place, ...]
    ) -> tuple[float, ...]:
        """Population, kind, own-name and asked-for-kind evidence, per candidate."""
        biggest_town = max((p.population for p in candidates if p.kind == "city"), default=0)
        biggest_county = max((_size(p) for p in candidates if p.kind == "admin2"), default=0.0)
        countries = {
            p.country_code
            for p in candidates
            if p.kind == "country" and self.lookup.is_primary(name, p.name)
        }
        scores = []
        for rank, place in enumerate(candidates):
            size = _size(place)
            if place.kind == "admin2":  # only its towns are counted: a rough size at best
                size = (size + biggest_county) / 2
            score = size + KIND_BONUS.get(place.kind, 0.0)
            score -= 0.01 * rank  # the gazetteer's own order breaks ties
            if self.lookup.is_primary(name, place.name):
                score += PRIMARY_NAME
                if place.kind == "admin1" and place.population >= 20 * biggest_town:
                    score += REGION_NAME
            if hint is not None and _fits_hint(place, hint):
                score += HINTED_KIND
            elif hint is None and place.kind == "admin1" and place.country_code in countries:
                score -= COUNTRY_NAMESAKE
            scores.append(score)
        return tuple(scores)

    def _decide(self, mention: Mention, scores: list[float], context: _Context) -> Resolution:
        own = context.by_name.get(mention.name, Counter())
        if (mention.locative or mention.hint) and _foreign_villages(
            mention.candidates, context, own
        ):  # without a cue such a name is dropped as spurious instead
            return Resolution(None, 0.0)
        total = sum(context.countries.values()) - sum(own.values()) + CONTEXT_PRIOR
        out = []
        famous = max(scores) - FAMOUS
        for place, score in zip(mention.candidates, scores, strict=True):
            cc = place.country_code
            weight = context.countries.get(cc, 0.0) - own.get(cc, 0.0) if cc else 0.0
            if weight > 0:
                share = CONTEXT_SHARE * weight / total if score >= famous else 0.0
                score += CONTEXT_COUNTRY + share
            elif cc is None and context.countries:  # seas, continents: no country to weigh
                score += CONTEXT_COUNTRY + CONTEXT_SHARE / 2
            region = context.admin1s.get((place.country_code, place.admin1 or ""), 0)
            if place.kind in _LOCAL_KINDS and region:
                score += CONTEXT_ADMIN1
                if place.kind == "admin2":  # no population to tell counties apart
                    score += CONTEXT_ADMIN1_SHARE * region / context.admin1s.total()
            elif (
                place.kind == "admin1"
                and context.regions_of_anchors.get((place.country_code, place.name), {mention.name})
                - {mention.name}
                and not _has_capital(place, mention.candidates)
            ):
                score += CONTEXT_ADMIN1  # "Georgia" beside Atlanta and Savannah: the state
            out.append(score)
        leader = max(out)
        contested = [i for i, s in enumerate(out) if s >= leader - CONTEST]
        contested = sorted(contested, key=out.__getitem__, reverse=True)[:CONTENDERS]
        if len(contested) > 1:
            others = [
                p for pid, p in context.anchors.items() if context.anchor_names[pid] != mention.name
            ]
            for i in contested:
                if mention.candidates[i].kind in ("city", "admin2", "admin1"):
                    out[i] += _coherence(mention.candidates[i], others)
        best = _argmax(out)
        top = out[best]
        mass = sum(math.exp(s - top) for s in out)
        return Resolution(mention.candidates[best], 1.0 / mass)


def _foreign_villages(candidates: tuple[Place, ...], context: _Context, own: Counter[str]) -> bool:
    """Whether every reading is a village in a country the text never mentions, while it
    names others: "Moldova said ... near the village of Larga" is not about Romania's Larga;
    a place the index lacks is better left unresolved than put in the wrong country."""
    if not context.named:
        return False
    return all(
        p.kind == "city"
        and p.population < OBSCURE_POPULATION
        and context.countries.get(p.country_code or "", 0.0) <= own.get(p.country_code or "", 0.0)
        for p in candidates
    )


def _size(place: Place) -> float:
    return math.log10(place.population + 1)


def _argmax(scores: list[float]) -> int:
    return max(range(len(scores)), key=scores.__getitem__)


def _has_capital(region: Place, candidates: tuple[Place, ...]) -> bool:
    """Whether a city of the region shares its name ("Khartoum"): the places around it are
    then as much evidence for the city as for the region."""
    return any(
        p.kind == "city" and p.country_code == region.country_code and p.admin1 == region.name
        for p in candidates
    )


def _fits_hint(place: Place, hint: str) -> bool:
    if hint == "admin1":  # "the Baltic region" lies around the sea
        return place.kind in ("admin1", "region", "sea")
    return place.kind == hint


def _qualifier_pairs(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Adjacent mentions where the second qualifies the first; "Kyiv, Lviv and Odesa" is a
    list, not "Kyiv in Lviv"."""
    pairs = []
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end : b.start]
        if b.start - a.end > 40 or not _QUALIFIER_GAP.match(gap):
            continue
        if gap.strip() == "," and i + 2 < len(mentions):
            after = text[b.end : mentions[i + 2].start]
            if _LIST_GAP.match(after):
                continue
        pairs.append((i, i + 1))
    return pairs


def _listed_kinds(
    text: str,
    mentions: list[Mention],
    base: list[list[float]],
    qualifiers: list[tuple[int, int]],
) -> list[tuple[int, str]]:
    """(mention, kind) for each mention listed beside a name that is clearly a country or
    an admin-1 region ("Georgia, Armenia and Azerbaijan"; "California or Washington")."""
    qualified = {i for pair in qualifiers for i in pair}  # "Washington, D.C." says itself
    found = []
    for i in range(len(mentions) - 1):
        if not _LIST_GAP.match(text[mentions[i].end : mentions[i + 1].start]):
            continue
        for me, other in ((i, i + 1), (i + 1, i)):
            kind = _clear_kind(mentions[other].candidates, base[other])
            if me not in qualified and kind in ("country", "admin1"):
                found.append((me, kind))
    return list(dict.fromkeys(found))


def _clear_kind(candidates: tuple[Place, ...], scores: list[float]) -> str | None:
    """The kind of the leading reading if no reading of another kind comes close."""
    if not scores:
        return None
    best = candidates[_argmax(scores)]
    rivals = [s for p, s in zip(candidates, scores, strict=True) if p.kind != best.kind]
    return best.kind if max(rivals, default=-math.inf) <= max(scores) - LISTED_KIND else None


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` can qualify ``inner``: its country, its admin-1 region, or nearby."""
    if outer.kind not in _CONTAINERS or inner.kind in ("country", "continent"):
        return False
    if outer.kind == "country":
        return inner.country_code == outer.country_code
    if outer.kind == "admin1":
        return inner.country_code == outer.country_code and inner.admin1 == outer.name
    return distance_km(outer, inner) <= (80.0 if outer.kind == "admin2" else 500.0)


def _reward_compatible(
    inner: Mention, inner_scores: list[float], outer: Mention, outer_scores: list[float]
) -> None:
    """Lift the readings of "X, Y" under which Y contains X, on both sides."""
    matched_outer: set[int] = set()
    for i, place in enumerate(inner.candidates):
        hits = [j for j, o in enumerate(outer.candidates) if contains(o, place)]
        if hits:
            inner_scores[i] += QUALIFIED
            matched_outer.update(hits)
    for j in matched_outer:
        outer_scores[j] += QUALIFIED


def _inside_city(inner: Mention, res: Resolution, outer: Resolution) -> Resolution:
    """A place the index lacks, inside a city it knows ("Kamenné Square in Bratislava"),
    is located at that city, not at a far namesake."""
    city = outer.place
    if city is None or city.kind != "city" or inner.demonym is not None:
        return res
    if any(distance_km(place, city) <= NEAR_KM for place in inner.candidates):
        return res
    return Resolution(city, outer.score)


def _qualified(inner: Resolution, outer: Resolution) -> bool:
    return (
        inner.place is not None and outer.place is not None and contains(outer.place, inner.place)
    )


def _unsupported(
    mention: Mention, res: Resolution, context: _Context, own: Counter[str | None]
) -> bool:
    """An obscure town named with no cue, in a text that is about other countries."""
    place = res.place
    if place is None or place.kind != "city" or place.population >= OBSCURE_POPULATION:
        return False
    if mention.locative or mention.hint is not None or mention.demonym is not None:
        return False
    return context.countries.get(place.country_code or "", 0) <= own[place.country_code]


def _context(mentions: list[Mention], first: list[Place | None], demonyms: list[Place]) -> _Context:
    countries: Counter[str] = Counter()
    by_name: dict[str, Counter[str]] = {}
    admin1s: Counter[tuple[str | None, str]] = Counter()
    anchors: dict[str, Place] = {}
    anchor_names: dict[str, str] = {}
    regions: dict[tuple[str | None, str | None], set[str]] = {}
    named = {p.country_code for p in demonyms if p.country_code}
    for mention, place in zip(mentions, first, strict=True):
        if place is None:
            continue
        if place.kind == "country" and place.country_code:
            named.add(place.country_code)
        if place.country_code:
            weight = 2.0 if place.kind == "country" else 1.0
            countries[place.country_code] += weight
            by_name.setdefault(mention.name, Counter())[place.country_code] += weight
        if place.kind == "admin1":
            admin1s[(place.country_code, place.name)] += 1
        elif place.kind in _LOCAL_KINDS:
            anchors[place.id] = place
            anchor_names[place.id] = mention.name
            regions.setdefault((place.country_code, place.admin1), set()).add(mention.name)
    for place in demonyms:
        if place.country_code:
            countries[place.country_code] += 1.0
    return _Context(countries, by_name, admin1s, anchors, anchor_names, regions, named)


def _coherence(place: Place, others: list[Place]) -> float:
    """How well ``place`` sits with the document's other places."""
    best = 0.0
    for other in others:
        if other.id == place.id:
            continue
        d = distance_km(place, other)
        if d <= NEAR_KM:
            return NEAR
        if d <= FAR_KM:
            best = FAR
    return best


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine) between two places."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dphi, dlmb = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
