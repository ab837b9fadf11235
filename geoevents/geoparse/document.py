"""A report's text as recognition reads it: runs of capitalised words and what surrounds them.

Only capitalised words can start a place name, so the text is never split into every token:
one regular expression finds the runs ("Bay of Bengal", "Ukraine", "U.S."), and the few
words around a run are read from small windows when a decision needs them. Offsets are
always those of the original text, so ``text[start:end]`` is exactly what the report says.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple


def _uppercase_class() -> str:
    """A character class of every upper- and title-case letter (``re`` has no ``\\p{Lu}``)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x41, 0x2C00):
        if chr(code).isupper() or chr(code).istitle():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


_UPPER = _uppercase_class()
_CAP = (
    r"(?:(?:[A-Z]\.){2,}|(?:St|Mt|Ft|Pt)\.(?=[ \t])"
    rf"|[{_UPPER}][^\W_]*(?:['’](?![sS]\b)[^\W\d_]+)*(?:[-‐][^\W_]+)*)"
)
#: Lowercase words that may sit inside a name: "Bay of Bengal", "Trinidad and Tobago",
#: "Dar es Salaam", "Mazar ibn Ali".
LINKS = frozenset(
    """of de del della di da do dos das du des la le el al am an upon on sur en y van von der
    es ez ad ash ar bin ibn and & the""".split()
)
#: Article particles joined to the next word by a hyphen: "Deir ez-Zor", "Ras al-Ain".
PARTICLES = frozenset("al el ez es ad as ash ar an at az ed en er ul ud ur adh".split())
_LINK = "(?:" + "|".join(sorted((re.escape(w) for w in LINKS), key=len, reverse=True)) + ")"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + ")"
_PARTICLE_WORD = rf"{_PARTICLE}[-‐][{_UPPER}][^\W_]*(?:[-‐][^\W_]+)*"
_RUN = re.compile(
    rf"(?<![\w.'’‐-]){_CAP}(?:[ \t]+(?:{_LINK}[ \t]+){{0,2}}(?:{_CAP}|{_PARTICLE_WORD}\b))*"
)
_RUN_WORD = re.compile(rf"{_CAP}|(?<!\w){_PARTICLE_WORD}|(?<!\w){_LINK}(?!\w)")
_PIECE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’-][^\W_]+)*|[^\w\s]")
_SENTENCE_BREAK = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[^a-z])|\n+")
_OPENERS = frozenset("\"'“‘«([—–-:")
#: Abbreviations whose full stop does not end a sentence ("Mr. Smith", "Gen. Ivanov").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col capt maj sgt gov sen rep st mt ft pt no vs jr sr rev adm".split()
)
_WINDOW = 48
_TITLE_MAX = 300  # longer lines are prose, whatever their capitals
_LAST_WORD = re.compile(r"([^\W\d_][\w'’.-]*)\s*$")


class Word(NamedTuple):
    """A word of a run, with its offsets in the text."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_link(self) -> bool:
        return self.text in LINKS

    @property
    def particle(self) -> bool:
        """A hyphenated article and name: "ez-Zor", "al-Ain" (one word of a longer name)."""
        return self.text[0].islower() and not self.is_link

    @property
    def all_caps(self) -> bool:
        return self.text.isupper() and len(self.text) > 1

    @property
    def abbreviation(self) -> bool:
        return self.text.endswith(".")

    def pieces(self) -> list[Word]:
        """The capitalised parts of a hyphenated word: "Canada" and "EU" of "Canada-EU",
        "Montreal" of "Montreal-area"."""
        return [
            Word(self.start + m.start(), self.start + m.end(), m.group())
            for m in _PIECE.finditer(self.text)
            if m.group()[0].isupper()
        ]


class Document:
    """The text of one report with cheap, cached questions about it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences: list[int] | None = None
        self._title_lines: dict[int, bool] = {}
        self._lowercase: dict[str, bool] = {}

    def runs(self) -> list[list[Word]]:
        """Every run of capitalised words (with the links inside it), in text order."""
        text = self.text
        return [
            [
                Word(w.start(), w.end(), w.group())
                for w in _RUN_WORD.finditer(text, m.start(), m.end())
            ]
            for m in _RUN.finditer(text)
        ]

    def before(self, pos: int, n: int = 3) -> list[str]:
        """The ``n`` tokens (lowercased words and punctuation) just before ``pos``, nearest last."""
        window = self.text[max(0, pos - _WINDOW) : pos]
        return [t.lower() for t in _TOKEN.findall(window)[-n:]]

    def word_before(self, pos: int) -> str:
        """The lowercased word (or punctuation mark) just before ``pos``, cheaply."""
        text = self.text
        j = pos
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] == "."):
            k -= 1
        if k == j and j > 0:
            k = j - 1  # a punctuation mark
        return text[k:j].lower()

    def after(self, pos: int, n: int = 3) -> list[str]:
        """The ``n`` tokens just after ``pos``, nearest first."""
        return [t.lower() for t in _TOKEN.findall(self.text, pos, pos + _WINDOW)[:n]]

    def sentence(self, pos: int) -> int:
        """The number of the sentence ``pos`` falls in, counting from 0."""
        if self._sentences is None:
            self._sentences = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        return bisect_right(self._sentences, pos) - 1

    def initial(self, pos: int) -> bool:
        """Whether the word at ``pos`` owes its capital to its position: the start of a
        sentence, a quotation or a line, or any word of a headline-style line."""
        text = self.text
        i = pos - 1
        opened = False
        while i >= 0 and (text[i] in " \t" or text[i] in _OPENERS):
            opened = opened or text[i] in _OPENERS
            i -= 1
        if i < 0 or text[i] == "\n" or opened or text[i] in "!?":
            return True
        if text[i] == ".":
            return self.before(i + 1, 2)[0] not in _ABBREVIATIONS
        return self._title_line(pos)

    def after_name_and_comma(self, pos: int) -> bool:
        """Whether ``pos`` follows a capitalised word and a comma, as "Texas" in "Paris, Texas"."""
        comma = self.text.rfind(",", max(0, pos - 3), pos)
        if comma < 0 or self.text[comma + 1 : pos].strip():
            return False
        last = _LAST_WORD.search(self.text, max(0, comma - _WINDOW), comma)
        return last is not None and last.group(1)[0].isupper()

    def has_lowercase(self, word: str) -> bool:
        """Whether ``word`` also occurs in lowercase ("reading" besides "Reading")."""
        key = word.lower()
        if key not in self._lowercase:
            self._lowercase[key] = (
                re.search(rf"(?<!\w){re.escape(key)}(?!\w)", self.text) is not None
            )
        return self._lowercase[key]

    def _title_line(self, pos: int) -> bool:
        start = self.text.rfind("\n", 0, pos) + 1
        if start not in self._title_lines:
            end = self.text.find("\n", pos)
            end = len(self.text) if end < 0 else end
            if end - start > _TITLE_MAX:
                self._title_lines[start] = False
            else:
                words = [
                    w
                    for w in _TOKEN.findall(self.text, start, end)
                    if len(w) > 3 and w[0].isalpha()
                ]
                capitals = sum(w[0].isupper() for w in words)
                self._title_lines[start] = len(words) >= 3 and capitals >= 0.8 * len(words)
        return self._title_lines[start]
