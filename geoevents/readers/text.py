"""Plain text: one report per paragraph, paragraphs separated by blank lines.

The lines of a paragraph are joined with single spaces, so hard-wrapped prose reads as one
sentence. Each report's id is ``<file stem>:<first line of the paragraph>``.
"""

from __future__ import annotations

from collections.abc import Iterator

from geoevents.model import Report
from geoevents.readers.registry import register
from geoevents.readers.source import Source


@register("text", extensions=(".txt", ".text"))
def read_text(source: Source) -> Iterator[Report]:
    """Reports of a plain text file, one per paragraph."""
    first = 0
    paragraph: list[str] = []
    for number, line in source.lines():
        text = line.strip()
        if text:
            if not paragraph:
                first = number
            paragraph.append(text)
        elif paragraph:
            yield Report(id=f"{source.stem}:{first}", text=" ".join(paragraph))
            paragraph = []
    if paragraph:
        yield Report(id=f"{source.stem}:{first}", text=" ".join(paragraph))
