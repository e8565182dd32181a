"""Practice questions for assessors in training, generated from the rubrics by code.

``questions(rubrics, seed, count)`` returns multiple-choice questions with exactly one
correct answer, an explanation and what to read (``read``: a clause page, or a section of
a standard's overview page named by its site label). Prompts, options and explanations
are messages ``{code, params}`` of the catalogue's ``study`` group (an option may also be
a level's bilingual label), worded in the page's language by the browser. The same seed gives the same
questions; another seed gives another set. Questions about results are answered by
scoring a constructed assessment with :func:`calculator.scoring.score`, the same code the
calculator uses, and each such question carries that assessment under ``check`` so anyone
can score it again. Runs unchanged in Pyodide (standard library only, no I/O).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from .constants import CTS, GBT, SBT
from .errors import StudyError, quote
from .model import Rubric
from .numbers import ZERO, percent, plain
from .scoring import score


def _options(rng: random.Random, correct: Any, distractors: list[Any], size: int = 4) -> tuple[list[Any], int]:
    """``correct`` plus distinct distractors, shuffled; returns (options, index of correct)."""
    pool = []
    for value in distractors:
        if value != correct and value not in pool:
            pool.append(value)
    rng.shuffle(pool)
    options = [correct] + pool[: size - 1]
    rng.shuffle(options)
    return options, options.index(correct)


def _say(key: str, /, **params: Any) -> dict[str, Any]:
    """A message of the catalogue's ``study`` group."""
    return {"code": key, "params": params}


def _percent(share: str) -> str:
    """A share such as ``"0.45"`` as a whole or decimal percentage, ``"45"``."""
    return f"{(Decimal(share) * 100).normalize():f}"


def _clause(rubric: Rubric, clause_id: str) -> dict[str, Any]:
    """Where to read about a clause: its own page."""
    return {"standard": rubric.id, "clause": clause_id}


def _section(rubric: Rubric, label: str) -> dict[str, Any]:
    """Where to read about a rule: the section of the standard's overview page whose heading
    is the site label ``label`` (levels, exclusion, pass_rule, special_deduction ...)."""
    return {"standard": rubric.id, "section": label}


def _uniform(rubric: Rubric, value: Any, profile: str | None = None, **extra: Any) -> dict[str, Any]:
    chosen = rubric.profiles[profile].items if profile else rubric.items
    out: dict[str, Any] = {"standard": rubric.id, "ratings": {i: value for i in rubric.items if i in chosen}}
    if profile:
        out["profile"] = profile
    out.update(extra)
    return out


def which_clause(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """Which clause asks for this? (an item's text; options are clauses of the same standard)"""
    rubric = rubrics[rng.choice(sorted(rubrics))]
    # a bare lead-in ("投诉处理要求：") asks for nothing on its own: never a prompt
    asking = sorted(i for i, it in rubric.items.items() if not it.text["zh"].rstrip().endswith(("：", ":")))
    item = rubric.items[rng.choice(asking)]
    # a clause holding the same text elsewhere (SB/T appendices A and B share wordings) would be a
    # second right answer: such clauses are never offered
    same = {i.clause_id for i in rubric.items.values()
            if i.text["zh"] == item.text["zh"] or i.text["en"] == item.text["en"]}
    leaves = sorted(cid for cid, c in rubric.clauses.items() if c.items and cid not in same)
    options, answer = _options(rng, item.clause_id, rng.sample(leaves, min(8, len(leaves))))
    return {
        "type": "which-clause", "standard": rubric.id, "clause": item.clause_id, "item": item.id,
        "prompt": _say("which_clause", code=rubric.code, text={"zh": item.text["zh"], "en": item.text["en"]}),
        "options": [_say("clause_option", clause=cid, title=dict(rubric.clauses[cid].title)) for cid in options],
        "answer": answer,
        "explanation": _say("which_clause_why", item=item.id, clause=item.clause_id),
        "read": _clause(rubric, item.clause_id),
    }


def points_of(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """How many points does a clause (CTS), a first-level indicator (GB/T) or an item (SB/T) carry?"""
    kind = rng.choice([CTS, GBT, SBT])
    rubric = rubrics[kind]
    if kind == CTS:
        clause = rubric.clauses[rng.choice(sorted(c for c, v in rubric.clauses.items() if v.items))]
        correct = plain(sum((i.points or ZERO for i in clause.items), ZERO))
        prompt = _say("points_clause", code=rubric.code, clause=clause.id, title=dict(clause.title))
        explanation = _say("points_clause_why", count=len(clause.items))
        read, unit = _clause(rubric, clause.id), {"clause": clause.id}
        distractors = [correct + d for d in (-2, -1, 1, 2, 3) if correct + d > 0]
    else:
        profile_id = (rubric.default_profile or "default") if kind == GBT else rng.choice(
            ["production-durable", "production-fmcg"])
        profile = rubric.profiles[profile_id]
        section_id = rng.choice(sorted(profile.sections))
        section = next(s for s in rubric.sections if s.id == section_id)
        weight = profile.sections[section_id]
        correct = plain(weight.points)
        prompt = _say("points_section", code=rubric.code, section=section.id, title=dict(section.title),
                      profile=dict(profile.title))
        explanation = _say("points_official_why" if weight.provenance == "official" else "points_profile_why",
                           profile=dict(profile.title))
        read, unit = _section(rubric, "structure"), {"section": section.id, "profile": profile.id}
        distractors = [plain(w.points) for w in profile.sections.values()] + [correct + 5, correct - 2]
    options, answer = _options(rng, correct, [d for d in distractors if d > 0])
    return {
        "type": "points", "standard": kind, "unit": unit,
        "prompt": prompt, "options": [_say("points_option", points=o) for o in options], "answer": answer,
        "explanation": explanation, "read": read,
    }


def level_for_score(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """Which level does a (uniformly rated) score reach? Answered by scoring it."""
    rubric = rubrics[rng.choice([CTS, GBT])]
    bound = rng.choice([level.min for level in rubric.levels[1:]])
    value = Decimal(rng.choice([-1, 0, 0, 1, 5])) / 100 + bound / 100
    assessment = _uniform(rubric, plain(value))
    result = score(rubrics, assessment)
    labels = [level.label for level in rubric.levels]
    options, answer = _options(rng, result["level_label"], labels)
    return {
        "type": "level", "standard": rubric.id,
        # CTS Q/ZG025-2022 rates a completeness in percent, GB/T 27922-2011 a score in points
        "prompt": _say("level_completeness" if rubric.id == CTS else "level", code=rubric.code, score=result["score_text"]),
        "options": options, "answer": answer,
        "explanation": _say("level_why", score=result["score_text"], level=result["level_label"]),
        "read": _section(rubric, "levels"),
        "check": {"assessment": assessment, "field": "level_label"},
    }


def exclusion(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """Applying the exclusion formula of CTS 6.2 b): earned / applicable points x 100."""
    rubric = rubrics[CTS]
    ids = sorted(rubric.items)
    excluded = rng.sample(ids, rng.choice([2, 4, 8]))
    full = [i for i in ids if i not in excluded]
    met = rng.sample(full, rng.randrange(len(full) // 2, len(full)))
    ratings = {i: ("na" if i in excluded else (1 if i in met else 0)) for i in ids}
    assessment = {"standard": CTS, "ratings": ratings}
    result = score(rubrics, assessment)
    wrong = percent(Decimal(len(met)), Decimal(len(ids)))
    options, answer = _options(rng, result["score_text"], [f"{wrong:.2f}", f"{percent(Decimal(len(met)), Decimal(len(full) + 1)):.2f}",
                                                           f"{percent(Decimal(len(met) - 1), Decimal(len(full))):.2f}"])
    return {
        "type": "exclusion", "standard": CTS,
        "prompt": _say("exclusion", items=len(ids), excluded=len(excluded), met=len(met)),
        "options": options, "answer": answer,
        "explanation": _say("exclusion_why", met=len(met), applicable=len(full), score=result["score_text"],
                            items=len(ids), wrong=f"{wrong:.2f}"),
        "read": _section(rubric, "exclusion"),
        "check": {"assessment": assessment, "field": "score_text"},
    }


VERDICTS = {
    "ok": _say("verdict_ok"),
    "item": _say("verdict_item"),
    "total": _say("verdict_total"),
    "both": _say("verdict_both"),
}


def item_rule(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """SB/T 10401: total >= 70 AND every item >= 50% of its points."""
    rubric = rubrics[SBT]
    profile = rubric.profiles["production-durable"]
    section = rng.choice(sorted(profile.sections))
    share = rng.choice(["0.3", "0.4", "0.5", "0.6", "0.45", "0.55"])
    others = rng.choice(["1", "0.8", "0.6"])
    assessment = _uniform(rubric, float(others), "production-durable")
    for item in [i for i in rubric.items.values() if i.section_id == section]:
        assessment["ratings"][item.id] = float(share)
    result = score(rubrics, assessment)
    low, below = result["score"] < 70, bool(result["items_below_half"])
    key = "ok" if result["passed"] else ("both" if low and below else ("item" if below else "total"))
    options, answer = _options(rng, VERDICTS[key], list(VERDICTS.values()))
    return {
        "type": "item-rule", "standard": SBT,
        "prompt": _say("item_rule", item=section, share=_percent(share), others=_percent(others)),
        "options": options, "answer": answer,
        "explanation": _say("item_rule_why", score=result["score_text"]),
        "read": _section(rubric, "pass_rule"),
        "check": {"assessment": assessment, "field": "passed"},
    }


def special(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """GB/T 27922: special deductions and the special bonus."""
    rubric = rubrics[GBT]
    raw = rng.choice(["0.96", "0.93", "0.9", "0.82", "0.8", "1"])
    deductions = rng.choice([0, 1, 2, 3, 5, 6])
    bonus = rng.choice([0, 1])
    assessment = _uniform(rubric, float(raw), special_deductions=deductions, special_bonus=bonus)
    result = score(rubrics, assessment)
    options, answer = _options(rng, result["level_label"], [level.label for level in rubric.levels])
    return {
        "type": "special", "standard": GBT,
        "prompt": _say("special", share=_percent(raw), deductions=deductions, bonus=bonus),
        "options": options, "answer": answer,
        "explanation": _say("special_why_fail" if deductions >= 5 else "special_why", raw=_percent(raw),
                            deductions=deductions, bonus=bonus, score=result["score_text"],
                            level=result["level_label"]),
        "read": _section(rubric, "special_deduction"),
        "check": {"assessment": assessment, "field": "level_label"},
    }


def combined(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """Combining GB/T 27922 and CTS Q/ZG025 stars (CTS 6.3 a)."""
    gbt_value = rng.choice(["0.72", "0.85", "0.92", "0.96"])
    cts_value = rng.choice(["0.55", "0.62", "0.68", "0.72", "0.78", "0.85"])
    assessment = {"assessments": [_uniform(rubrics[GBT], float(gbt_value)), _uniform(rubrics[CTS], float(cts_value))]}
    result = score(rubrics, assessment)
    gbt, cts = result["results"]
    correct = result["combined"]["stars"] if result["combined"]["passed"] else None
    options, answer = _options(rng, correct, [None, 5, 6, 7, 8, 9, 10, 11, 12])
    return {
        "type": "combined", "standard": CTS,
        "prompt": _say("combined", gbt=gbt["score_text"], cts=cts["score_text"]),
        "options": [_say("no_stars_option") if o is None else _say("stars_option", stars=o) for o in options],
        "answer": answer,
        "explanation": _say("combined_why", reason={"group": "result", **result["combined"]["reason"]}),
        "read": _section(rubrics[CTS], "combination"),
        "check": {"assessment": assessment, "field": "combined.stars"},
    }


KINDS: list[Callable[[random.Random, Mapping[str, Rubric]], dict[str, Any]]] = [
    which_clause, points_of, level_for_score, exclusion, item_rule, special, combined]


def questions(rubrics: Mapping[str, Rubric], seed: int, count: int = 10) -> list[dict[str, Any]]:
    """``count`` questions for ``seed``, cycling through every kind of question."""
    missing = [standard for standard in (CTS, GBT, SBT) if standard not in rubrics]
    if missing:
        raise StudyError("study-needs-rubrics", missing=missing)
    if isinstance(seed, bool) or not isinstance(seed, int) or isinstance(count, bool) or not isinstance(count, int) \
            or count < 1:
        raise StudyError("study-bad-numbers", number=quote(seed), count=quote(count))
    rng = random.Random(seed)
    out = []
    for index in range(count):
        question = KINDS[index % len(KINDS)](rng, rubrics)
        question["number"] = index + 1
        out.append(question)
    return out
