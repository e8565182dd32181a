"""The rubric as the generated pages walk it: the clauses that hold items, in the standard's
order, and the weight profiles a reader sees."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from calculator.messages import render
from calculator.profiles import Profile, standard_profile

from . import i18n
from .rubrics import LoadedRubric


@dataclass(frozen=True)
class ClauseRef:
    """A clause that holds items, with the chain of clauses above it (5.3.1 for 5.3.1.2)."""

    section: dict[str, Any]
    parents: tuple[dict[str, Any], ...]
    clause: dict[str, Any]


def leaf_clauses(data: dict[str, Any]) -> Iterator[ClauseRef]:
    """Every clause that holds items, in the standard's order."""

    def walk(section: dict[str, Any], parents: tuple[dict[str, Any], ...], clauses: list[dict[str, Any]]) -> Iterator[ClauseRef]:
        for clause in clauses:
            if "clauses" in clause:
                yield from walk(section, parents + (clause,), clause["clauses"])
            else:
                yield ClauseRef(section, parents, clause)

    for section in data["sections"]:
        yield from walk(section, (), section["clauses"])


def profiles_of(rubric: LoadedRubric) -> list[Profile]:
    """The weight profiles a reader sees on a page: the standard's own points, or each
    shipped profile (default first)."""
    model = rubric.model
    if model.points_provenance:
        own = standard_profile(model)  # its title is a message: worded here in both languages
        return [replace(own, title={lang: render(own.title, "result", lang, i18n.CATALOGUE) for lang in i18n.LANGS})]
    ordered = sorted(model.profiles.values(), key=lambda p: (p.id != model.default_profile, p.id))
    return ordered
