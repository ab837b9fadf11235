"""A WHERE clause built term by term, for the SQL back-ends' query filters."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Clause:
    """WHERE terms joined by AND, and their parameters in order (bound, never inlined)."""

    terms: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)

    def add(self, term: str, *params: object) -> None:
        self.terms.append(term)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.terms) if self.terms else ""
