"""Name keys: the forms under which different spellings of one place name meet.

``name_key`` is exact up to case, diacritics, apostrophes, dashes and spacing, so
"Lysychans'k", "LYSYCHANSK" and "Lysychans’k" share a key. Other scripts keep their letters
("Лисичанськ" meets its Latin twin through the place's alternate names).

``loose_key`` is the fallback: Cyrillic is transliterated and the usual romanisation
differences are folded (y/i, g/h, kh/h, zh/z, ie/e, doubled letters, spaces), so "Chernigiv" meets
"Chernihiv", "Mykolayiv" meets "Mykolaiv" and "Лисичанськ" meets "Lysychansk".
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = "'\u2019\u2018\u02bc\u02b9\u02bb`\u00b4\"\u201c\u201d\u2033\u00ab\u00bb"
_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_.,;:/()[]"
#: Combining marks of the Latin, Greek, Cyrillic, Hebrew and Arabic blocks: accents, not letters.
_MARKS = [*range(0x0300, 0x0370), *range(0x0591, 0x05C8), *range(0x064B, 0x0660), 0x0670]

_KEY_TABLE = str.maketrans(
    {**{ord(c): None for c in _QUOTES}, **{ord(c): " " for c in _SEPARATORS},
     **{m: None for m in _MARKS}}
)

_CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e",
    "ю": "iu", "я": "ia", "ў": "u",
})

#: Romanisation differences folded by the loose key: single letters, then pairs, then doubles.
_LOOSE_LETTERS = str.maketrans({"y": "i", "j": "i", "w": "v", "g": "h", "q": "k"})
_LOOSE_PAIRS = (("kh", "h"), ("zh", "z"), ("ck", "k"), ("ie", "e"))
_DOUBLED = re.compile(r"(.)\1+")


def name_key(text: str) -> str:
    """The exact lookup key of a name: casefolded, without accents, quotes or dashes."""
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    return " ".join(decomposed.translate(_KEY_TABLE).split())


def loose_key(text: str) -> str:
    """The fallback key: ``name_key`` with transliteration variants folded together."""
    return fold_key(name_key(text))


def fold_key(key: str) -> str:
    """``loose_key`` of something that already is a ``name_key``."""
    key = key.translate(_CYRILLIC_TO_LATIN).replace(" ", "")
    if not key.isascii():
        return key
    key = key.translate(_LOOSE_LETTERS)
    for pair, single in _LOOSE_PAIRS:
        key = key.replace(pair, single)
    return _DOUBLED.sub(r"\1", key)


#: Trailing words that turn a name into an administrative-region phrase ("Lviv region").
REGION_WORDS = frozenset({
    "region", "oblast", "province", "state", "governorate", "county", "district",
    "prefecture", "voivodeship", "krai", "kray", "territory", "department", "canton",
    "municipality", "emirate", "raion", "rayon",
})


#: Words that cannot name a region on their own: "Central Region" is not "Central".
GENERIC_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "central", "centre", "center",
    "middle", "upper", "lower", "far", "capital", "federal", "national", "autonomous",
    "special", "metropolitan", "city", "island", "islands", "coast", "coastal", "new", "old",
    "free", "united", "great",
})


def split_region_phrase(text: str) -> tuple[str, bool]:
    """Strip a leading "the" and a trailing region word: ``("donetsk", True)`` for
    "the Donetsk region". The flag says whether a region word was removed."""
    words = name_key(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] in REGION_WORDS:
        return " ".join(words[:-1]), True
    return " ".join(words), False
