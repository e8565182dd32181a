"""One entry point for scoring: pick the rubric and the weight profile, check the
assessment, apply the standard's model; and the combined GB/T + CTS rating."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .assessment import Assessment, parse_assessment, parse_plan, parse_report, standard_of
from .completeness import score_completeness
from .constants import CTS, GBT, MAX_STARS
from .errors import AssessmentError, ProfileError, UnknownStandardError, quote
from .explain import message
from .gbt import score_gbt
from .model import Rubric
from .profiles import Profile, standard_profile
from .sbt import score_sbt

MODELS: Mapping[str, Callable[[Rubric, Profile, Assessment], dict[str, Any]]] = {
    "completeness": score_completeness,
    "gbt-27922": score_gbt,
    "sbt-10401": score_sbt,
}


def find_rubric(rubrics: Mapping[str, Rubric], standard: str) -> Rubric:
    """The rubric for ``standard``, or :class:`UnknownStandardError` listing the known ones."""
    if standard not in rubrics:
        raise UnknownStandardError("unknown-standard", standard=standard, known=sorted(rubrics))
    return rubrics[standard]


def choose_profile(rubric: Rubric, named: str | None, custom: Profile | None = None) -> Profile:
    """The profile to score with: a custom one, else the one the assessment names, else
    the default (or, where the standard fixes its points, those points)."""
    if custom is not None:
        if custom.standard != rubric.id:
            raise ProfileError("profile-wrong-standard", profile=custom.id, standard=custom.standard,
                               rubric=rubric.id)
        if named is not None and named != custom.id:
            raise ProfileError("profile-twice", named=named, given=custom.id)
        return custom
    if named is not None:
        if named == "standard" and rubric.points_provenance:
            return standard_profile(rubric)
        if named not in rubric.profiles:
            shipped = sorted(rubric.profiles) or (["standard"] if rubric.points_provenance else [])
            raise ProfileError("unknown-profile", profile=named, standard=rubric.id, shipped=shipped)
        return rubric.profiles[named]
    if rubric.points_provenance:
        return standard_profile(rubric)
    assert rubric.default_profile is not None, "load_rubric requires points or a default profile"
    return rubric.profiles[rubric.default_profile]


def score_one(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None = None) -> dict[str, Any]:
    """Score one assessment (parsed data) against the rubric it names."""
    rubric = find_rubric(rubrics, standard_of(data))
    assessment = parse_assessment(data, rubric)
    profile = choose_profile(rubric, assessment.profile, custom)
    return MODELS[rubric.model](rubric, profile, assessment)


def combine(results: list[dict[str, Any]]) -> dict[str, Any]:
    """CTS Q/ZG025-2022 6.3 a): final level = GB/T 27922-2011 stars + CTS stars, at most 12.

    Both must pass; otherwise the combined rating fails and says which one failed. The
    ``reason`` is a message (catalogue group ``result``), as in every result.
    """
    by_standard = {r["standard"]: r for r in results}
    if sorted(by_standard) != sorted((GBT, CTS)) or len(results) != 2:
        raise AssessmentError("combined-needs", found=[r["standard"] for r in results])
    gbt, cts = by_standard[GBT], by_standard[CTS]
    provisional = gbt["provisional_weights"] or cts["provisional_weights"]
    if not gbt["passed"] and not cts["passed"]:
        reason = message("combined-both-fail", gbt=gbt["code"], gbt_reason=gbt["reason"],
                         cts=cts["code"], cts_reason=cts["reason"])
        return {"stars": None, "passed": False, "reason": reason, "provisional_weights": provisional}
    if not gbt["passed"] or not cts["passed"]:
        failed = gbt if not gbt["passed"] else cts
        reason = message("combined-one-fails", standard=failed["code"], reason=failed["reason"])
        return {"stars": None, "passed": False, "reason": reason, "provisional_weights": provisional}
    stars = min(gbt["stars"] + cts["stars"], MAX_STARS)
    return {"stars": stars, "passed": True,
            "reason": message("combined-stars", gbt=gbt["code"], gbt_stars=gbt["stars"], cts=cts["code"],
                              cts_stars=cts["stars"], stars=stars, most=MAX_STARS),
            "provisional_weights": provisional}


def combined_target(stars: int) -> str:
    """The id of a combined target level: ``stars-<n>`` (at least n stars combined)."""
    return f"stars-{stars}"


def combined_stars(rubrics: Mapping[str, Rubric]) -> list[int]:
    """The star counts a combined rating can reach, lowest first (CTS Q/ZG025-2022 6.3 a):
    a passed GB/T 27922 level's stars plus a passed CTS level's stars, at most 12)."""
    def passed(standard: str) -> list[int]:
        return [lv.stars for lv in find_rubric(rubrics, standard).levels if lv.passed and lv.stars is not None]
    return sorted({min(g + c, MAX_STARS) for g in passed(GBT) for c in passed(CTS)})


def score(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None = None) -> dict[str, Any]:
    """Score an assessment file: one assessment, or ``assessments: [...]`` with a combined
    GB/T 27922 + CTS Q/ZG025 rating."""
    if isinstance(data, Mapping) and "assessments" in data:
        extra = [key for key in data if key not in ("assessments", "title", "report", "plan")]
        if extra:
            raise AssessmentError("combined-unknown-key", key=str(extra[0]))
        if "report" in data:
            parse_report(data["report"])
        if "plan" in data:
            parse_plan(data["plan"], None, [combined_target(n) for n in combined_stars(rubrics)])
        many = data["assessments"]
        if not isinstance(many, list) or not many:
            raise AssessmentError("combined-not-list", value=quote(many))
        named = [one.get("standard") for one in many if isinstance(one, Mapping)]
        if custom is not None and custom.standard not in named:
            raise ProfileError("profile-not-in-file", profile=custom.id, standard=custom.standard)
        results = []
        for index, one in enumerate(many):
            try:
                one_custom = custom if custom is not None and isinstance(one, Mapping) \
                    and one.get("standard") == custom.standard else None
                results.append(score_one(rubrics, one, one_custom))
            except (AssessmentError, ProfileError, UnknownStandardError) as exc:
                raise type(exc)("in-assessment", index=index, number=index + 1, problem=exc.as_message()) from None
        return {"results": results, "combined": combine(results)}
    return score_one(rubrics, data, custom)
