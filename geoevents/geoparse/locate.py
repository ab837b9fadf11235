"""Where the event happened: the most specific place the report puts it, not who speaks.

"Russia said its troops struck Kharkiv" happened in Kharkiv; "All times Paris time" is a
clock; "Moscow's forces" are an actor. Among the remaining places the most specific one wins,
helped by a locative cue ("in", "near", "the village of") and by coming early: liveblog
lines lead with the event.
"""

from __future__ import annotations

from geoevents.geoparse.cues import SCENE, SPEECH_VERBS, introduced_by
from geoevents.geoparse.document import Document
from geoevents.geoparse.recognize import Mention
from geoevents.geoparse.resolve import Resolution, contains

SPECIFICITY = {
    "city": 4.0,
    "admin2": 3.2,
    "admin1": 2.8,
    "region": 2.5,
    "sea": 2.0,
    "country": 1.0,
    "continent": 0.0,
}
LOCATIVE = 1.5
SPEAKER = -4.0
POSSESSOR = -1.5
SOURCE = -0.5
CONTAINER = -1.5
LATER_SENTENCE = -0.4


def choose(doc: Document, mentions: list[Mention], resolved: list[Resolution]) -> int | None:
    """The index of the mention that locates the event, or ``None`` if none can."""
    scenes: dict[int, float] = {}
    speakers: set[int] = set()
    for i, (mention, res) in enumerate(zip(mentions, resolved, strict=True)):
        if res.place is None or res.qualifier or mention.demonym is not None:
            continue
        before, after = mention.before, mention.after
        if _clock(before, after):
            continue
        score = SPECIFICITY.get(res.place.kind, 0.0) + 0.5 * res.score
        if introduced_by(before, SCENE):
            score += LOCATIVE
        if _speaks(before, after):
            score += SPEAKER
            speakers.add(i)
        elif after[:2] in (["'", "s"], ["’", "s"]):
            score += POSSESSOR
        if before[-1:] == ["from"]:
            score += SOURCE
        scenes[i] = score + LATER_SENTENCE * min(doc.sentence(mention.start), 5)
    if not scenes:
        return None
    # "Severodonetsk, a city in the Donbas region": the city, not the region. Compared by
    # distinct place, so a long report naming the same towns again and again stays linear.
    plausible = {resolved[i].place.id: resolved[i].place for i in scenes if i not in speakers}  # type: ignore[union-attr]
    containers = {
        place.id
        for place in {resolved[i].place.id: resolved[i].place for i in scenes}.values()  # type: ignore[union-attr]
        if any(other.id != place.id and contains(place, other) for other in plausible.values())
    }
    for i in scenes:
        if resolved[i].place.id in containers:  # type: ignore[union-attr]
            scenes[i] += CONTAINER
    return max(scenes, key=scenes.__getitem__)


def _clock(before: list[str], after: list[str]) -> bool:
    """A time zone, not a scene: "Paris time", "all times Kyiv"."""
    return after[:1] == ["time"] or before[-1:] in (["times"], ["time"])


def _speaks(before: list[str], after: list[str]) -> bool:
    """A speaker, not a scene: "Russia said", "Ukraine's northern military command said",
    "according to Kyiv"."""
    if before[-2:] == ["according", "to"]:
        return True
    if before and before[-1] in SCENE:
        return False  # "officials in Atlanta warned": the officials speak, from the scene
    if after[:2] in (["'", "s"], ["’", "s"]):
        for word in after[2:]:
            if word in SPEECH_VERBS:
                return True
            if not word[0].isalnum():
                return False
        return False
    return bool(after) and after[0] in SPEECH_VERBS
