"""One entry point for scoring: pick the rubric and the weight profile, check the
assessment, apply the standard's model; and the combined GB/T + CTS rating."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .assessment import Assessment, parse_assessment, standard_of
from .completeness import score_completeness
from .errors import AssessmentError, ProfileError, UnknownStandardError, quote
from .gbt import score_gbt
from .model import Rubric
from .profiles import Profile, standard_profile
from .sbt import score_sbt

MODELS: Mapping[str, Callable[[Rubric, Profile, Assessment], dict[str, Any]]] = {
    "completeness": score_completeness,
    "gbt-27922": score_gbt,
    "sbt-10401": score_sbt,
}
GBT = "gb-t-27922-2011"
CTS = "cts-q-zg025-2022"
MAX_STARS = 12


def find_rubric(rubrics: Mapping[str, Rubric], standard: str) -> Rubric:
    """The rubric for ``standard``, or :class:`UnknownStandardError` listing the known ones."""
    if standard not in rubrics:
        known = ", ".join(sorted(rubrics)) or "none"
        raise UnknownStandardError(f"unknown standard {standard!r}; known: {known}", "unknown-standard",
                                   standard=standard, known=known)
    return rubrics[standard]


def choose_profile(rubric: Rubric, named: str | None, custom: Profile | None = None) -> Profile:
    """The profile to score with: a custom one, else the one the assessment names, else
    the default (or, where the standard fixes its points, those points)."""
    if custom is not None:
        if custom.standard != rubric.id:
            raise ProfileError(f"profile {custom.id!r} is for {custom.standard}, not {rubric.id}")
        if named is not None and named != custom.id:
            raise ProfileError(f"the assessment names profile {named!r} but profile {custom.id!r} was given "
                               "as well; remove one of them")
        return custom
    if named is not None:
        if named == "standard" and rubric.points_provenance:
            return standard_profile(rubric)
        if named not in rubric.profiles:
            shipped = ", ".join(sorted(rubric.profiles)) or ("standard" if rubric.points_provenance else "none")
            raise ProfileError(f"unknown profile {named!r} for {rubric.id}; shipped: {shipped}", "unknown-profile",
                               profile=named, standard=rubric.id, shipped=shipped)
        return rubric.profiles[named]
    if rubric.points_provenance:
        return standard_profile(rubric)
    return rubric.profiles[rubric.default_profile]


def score_one(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None = None) -> dict[str, Any]:
    """Score one assessment (parsed data) against the rubric it names."""
    rubric = find_rubric(rubrics, standard_of(data))
    assessment = parse_assessment(data, rubric)
    profile = choose_profile(rubric, assessment.profile, custom)
    return MODELS[rubric.model](rubric, profile, assessment)


def combine(results: list[dict[str, Any]]) -> dict[str, Any]:
    """CTS Q/ZG025-2022 6.3 a): final level = GB/T 27922-2011 stars + CTS stars, at most 12.

    Both must pass; otherwise the combined rating fails and says which one failed.
    """
    by_standard = {r["standard"]: r for r in results}
    if sorted(by_standard) != sorted((GBT, CTS)) or len(results) != 2:
        found = ", ".join(r["standard"] for r in results)
        raise AssessmentError(f"assessments: a combined rating needs exactly one {GBT} and one {CTS} "
                              f"assessment, got: {found}", "combined-needs", found=found)
    gbt, cts = by_standard[GBT], by_standard[CTS]
    failed = [r for r in (gbt, cts) if not r["passed"]]
    if failed:
        reason = "; ".join(f"{r['code']} fails: {r['reason']}" for r in failed)
        return {"stars": None, "passed": False, "reason": reason,
                "provisional_weights": gbt["provisional_weights"] or cts["provisional_weights"]}
    stars = min(gbt["stars"] + cts["stars"], MAX_STARS)
    return {"stars": stars, "passed": True,
            "reason": f"{gbt['code']} {gbt['stars']} + {cts['code']} {cts['stars']} = {stars} stars",
            "provisional_weights": gbt["provisional_weights"] or cts["provisional_weights"]}


def score(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None = None) -> dict[str, Any]:
    """Score an assessment file: one assessment, or ``assessments: [...]`` with a combined
    GB/T 27922 + CTS Q/ZG025 rating."""
    if isinstance(data, Mapping) and "assessments" in data:
        extra = [key for key in data if key not in ("assessments", "title")]
        if extra:
            raise AssessmentError(f"unknown key {quote(str(extra[0]))} beside 'assessments'")
        many = data["assessments"]
        if not isinstance(many, list) or not many:
            raise AssessmentError(f"'assessments' must be a non-empty list, got {quote(many)}")
        named = [one.get("standard") for one in many if isinstance(one, Mapping)]
        if custom is not None and custom.standard not in named:
            raise ProfileError(f"profile {custom.id!r} is for {custom.standard}, which no assessment in the file names")
        results = []
        for index, one in enumerate(many):
            try:
                one_custom = custom if custom is not None and isinstance(one, Mapping) \
                    and one.get("standard") == custom.standard else None
                results.append(score_one(rubrics, one, one_custom))
            except (AssessmentError, ProfileError, UnknownStandardError) as exc:
                raise type(exc)(f"assessments[{index}]: {exc}", exc.code, **exc.params, index=index) from None
        return {"results": results, "combined": combine(results)}
    return score_one(rubrics, data, custom)
