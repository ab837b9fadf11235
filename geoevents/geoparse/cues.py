"""The small closed word classes recognition and resolution read as evidence.

Open classes come from data packages instead: given names from the US Census lists shipped
in the ``names`` package, word frequencies from ``wordfreq``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from wordfreq import zipf_frequency

from geoevents.geoparse.dates import MONTHS, WEEKDAYS

#: Words before a name that make it a person: "President Putin", "governor Vitaliy Bunechko".
TITLES = frozenset(
    """mr mrs ms miss dr prof professor sir lord lady dame president vice governor gov mayor
    minister prime premier chancellor senator sen rep congressman congresswoman representative
    general gen colonel col lieutenant lt captain capt major maj sergeant sgt commander admiral adm
    marshal king queen prince princess emperor pope cardinal archbishop bishop rev reverend father
    rabbi imam sheikh emir ayatollah judge justice secretary spokesman spokeswoman spokesperson
    ambassador envoy chairman chairwoman chair ceo director chief officer detective sheriff coach
    deputy leader counterpart actor actress singer author writer journalist reporter correspondent
    analyst economist historian""".split()
)

#: Last words of organisation names: "Washington Post", "Kyiv University", "Labour Party".
ORG_HEADS = frozenset(
    """university college school academy institute institution hospital clinic museum library
    times post herald tribune journal gazette daily news press telegraph guardian observer chronicle
    independent standard mail express today review magazine agency television tv radio channel
    network broadcasting ministry department office council committee commission parliament senate
    congress assembly court party army navy forces force guard police militia brigade battalion
    regiment corps command group company corporation corp inc ltd bank fund foundation association
    union federation league club team fc united rangers airlines airways railways railway
    authority service services bureau administration government cabinet embassy consulate
    church mosque cathedral temple center centre hotel restaurant bar cafe studio studios records
    festival prize award awards cup games championship open marathon tournament exchange market
    laboratory lab labs project initiative program programme organization organisation
    movement front coalition alliance""".split()
)

#: Seats of government that news text names as actors ("the Kremlin said"), never as the
#: homonym towns a gazetteer holds. Those ``_AFTER_THE`` only with "the" before them:
#: "the White House" speaks, "White House, Tennessee" is a town.
INSTITUTIONS = frozenset(
    (
        "kremlin|pentagon|downing street|capitol hill|whitehall|elysee palace|élysée palace|"
        "zhongnanhai|quai d'orsay|foggy bottom"
    ).split("|")
)
INSTITUTIONS_AFTER_THE = frozenset("white house|elysee|élysée|blue house|capitol".split("|"))

#: Last words that keep a name a place: "Mississippi River", "Donetsk Oblast", "Gaza City".
PLACE_HEADS = frozenset(
    """river lake sea ocean bay gulf strait channel coast island islands isle peninsula mountain
    mountains mount hills hill valley desert canyon falls plateau basin delta forest park square
    street road avenue boulevard highway bridge airport port harbour harbor beach heights
    region oblast province state county district governorate prefecture territory municipality
    city town village borough quarter neighbourhood neighborhood border crossing dam
    reservoir""".split()
)

#: Place words that make no place of unknown words: "Islamic State", "Head of State" and
#: "Penn State" are not places; real states are in the gazetteer ("Rivers State").
KNOWN_NAME_HEADS = frozenset({"state"})

#: Words before a name that say it is somewhere: "in Kharkiv", "near the village of Desna".
LOCATIVE = frozenset(
    """in near at from outside around across to into towards toward inside throughout within off
    via between through over""".split()
)
SETTLEMENT_NOUNS = frozenset(
    "village town city settlement hamlet suburb capital port district".split()
)
#: Prepositions after which a known name is a place even when a speech verb follows it:
#: "a teacher in Mykolaiv said".
AT_A_PLACE = frozenset("in near at from".split())
#: The narrower cue for where an event happened: "fled to Dnipro" names no scene.
SCENE = frozenset("in near at outside around across inside over off on".split())

#: Lowercase words after a name that say what kind of place it is.
ADMIN_WORDS = frozenset(
    "region oblast province state governorate prefecture voivodeship krai territory".split()
)
ADMIN2_WORDS = frozenset("county district raion rayon municipality department".split())
CITY_WORDS = frozenset("city town village settlement".split())

#: Modifiers that may precede a place without making the whole run another name.
DIRECTIONS = frozenset(
    """north south east west northern southern eastern western central northeastern northwestern
    southeastern southwestern north-east north-west south-east south-west north-eastern
    north-western south-eastern south-western upper lower greater""".split()
)

#: Names several countries give a region, which are ordinary words first: "Centre", "Western".
GENERIC_REGIONS = DIRECTIONS | frozenset(
    """centre center capital coast lakes islands highlands lowlands interior littoral
    metropolitan federal national mountains plains valley border""".split()
)

#: Capitalised words that are never places here, whatever a gazetteer's alternate names say.
NEVER_PLACES = (
    frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(
        """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million god allah i jan feb mar apr jun jul aug sep sept oct nov dec
    christmas easter niño niña nino nina""".split()
    )
)

#: Verbs that make a preceding name the speaker, not the scene: "Russia said", "Kyiv claimed".
SPEECH_VERBS = frozenset(
    """said says say told tells announced announces claimed claims reported reports warned warns
    accused accuses denied denies stated states insisted insists added adds confirmed confirms
    urged urges demanded demands called calls wants wanted believes believed argued argues
    responded responds vowed vows promised promises threatened threatens""".split()
)


def introduced_by(before: list[str], prepositions: frozenset[str]) -> bool:
    """Whether the lowercased words ``before`` a name end in one of ``prepositions`` or in a
    settlement noun and "of", skipping "the" and directions: "in the northern", "village of"."""
    i = len(before) - 1
    while i >= 0 and (before[i] == "the" or before[i] in DIRECTIONS):
        i -= 1
    if i >= 1 and before[i] == "of" and before[i - 1] in SETTLEMENT_NOUNS:
        return True
    return i >= 0 and before[i] in prepositions


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lowercase given names from the US Census lists in the ``names`` package."""
    found: set[str] = set()
    root = resources.files("names")
    for filename in ("dist.male.first", "dist.female.first"):
        for line in root.joinpath(filename).read_text(encoding="ascii").splitlines():
            if line.strip():
                found.add(line.split()[0].lower())
    return frozenset(found)


@lru_cache(maxsize=65536)
def commonness(word: str) -> float:
    """How common ``word`` is in English (Zipf scale: 7 for "the", 3 for rare words)."""
    return zipf_frequency(word, "en")
