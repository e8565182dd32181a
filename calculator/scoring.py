"""One entry point for scoring: pick the rubric, check the assessment, apply the model."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .assessment import Assessment, parse_assessment, standard_of
from .completeness import score_completeness
from .errors import UnknownStandardError
from .model import Rubric

MODELS: Mapping[str, Callable[[Rubric, Assessment], dict[str, Any]]] = {
    "completeness": score_completeness,
}


def find_rubric(rubrics: Mapping[str, Rubric], standard: str) -> Rubric:
    """The rubric for ``standard``, or :class:`UnknownStandardError` listing the known ones."""
    if standard not in rubrics:
        known = ", ".join(sorted(rubrics)) or "none"
        raise UnknownStandardError(f"unknown standard {standard!r}; known: {known}")
    return rubrics[standard]


def score(rubrics: Mapping[str, Rubric], data: Any) -> dict[str, Any]:
    """Score one assessment (parsed data) against the rubric it names."""
    rubric = find_rubric(rubrics, standard_of(data))
    return MODELS[rubric.model](rubric, parse_assessment(data, rubric))
