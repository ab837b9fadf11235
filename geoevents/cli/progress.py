"""Progress bars on stderr, shown only for work long enough to wait for, on a terminal."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")

#: Below this many items the work is over before a progress bar would help.
WORTH_A_BAR = 20_000


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A bar of ``total`` steps; yields ``advance(n)``. Silent when small or not a terminal."""
    console = Console(stderr=True)
    with Progress(
        TextColumn(description),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=total < WORTH_A_BAR or not console.is_terminal,
    ) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)


def tracked(items: Iterable[T], description: str, total: int) -> Iterator[T]:
    """``items`` as they are consumed, counted on a ``progress_bar``."""
    with progress_bar(description, total) as advance:
        for item in items:
            yield item
            advance(1)
