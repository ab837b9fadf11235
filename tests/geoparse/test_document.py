"""Runs of capitalised words, their offsets, and which capitals are only positional."""

from __future__ import annotations

import pytest

from geoevents.geoparse.document import Document


def runs(text: str) -> list[str]:
    return [" ".join(w.text for w in run) for run in Document(text).runs()]


def test_runs_keep_links_and_drop_possessives() -> None:
    text = "Boats crossed the Bay of Bengal while Moscow's envoy met U.S. officials in St. Louis."
    assert runs(text) == ["Boats", "Bay of Bengal", "Moscow", "U.S.", "St. Louis"]


def test_run_offsets_index_the_text() -> None:
    text = "Rain hit  Rostov-on-Don and Lysychans’k, then “Trinidad and Tobago”."
    for run in Document(text).runs():
        for word in run:
            assert text[word.start : word.end] == word.text


@pytest.mark.parametrize(
    ("text", "word", "initial"),
    [
        ("Reading was calm. Many left.", "Many", True),
        ('He said: "Paris is calm."', "Paris", True),
        ("Mr. Reading spoke.", "Reading", False),
        ("They moved to Reading.", "Reading", False),
        ("Officials Say Twenty Rockets Hit Desna Overnight\nThe body text follows.", "Desna", True),
    ],
)
def test_positional_capitals(text: str, word: str, initial: bool) -> None:
    assert Document(text).initial(text.index(word)) is initial


def test_context_windows_and_sentences() -> None:
    text = "Shelling hit the city. Later, officials in Kharkiv said it was calm."
    doc = Document(text)
    pos = text.index("Kharkiv")
    assert doc.before(pos, 2) == ["officials", "in"]
    assert doc.after(pos + len("Kharkiv"), 2) == ["said", "it"]
    assert doc.word_before(pos) == "in"
    assert doc.sentence(pos) == 1 and doc.sentence(0) == 0
