"""Practice questions for assessors in training, generated from the rubrics by code.

``questions(rubrics, seed, count)`` returns multiple-choice questions with exactly one
correct answer, an explanation and the clause to read. The same seed gives the same
questions; another seed gives another set. Questions about results are answered by
scoring a constructed assessment with :func:`calculator.scoring.score`, the same code the
calculator uses, and each such question carries that assessment under ``check`` so anyone
can score it again. Runs unchanged in Pyodide (standard library only, no I/O).
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any, Callable, Mapping

from .model import Rubric
from .numbers import percent, plain
from .scoring import score

CTS, GBT, SBT = "cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006"


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


def _text(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


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
    item = rubric.items[rng.choice(sorted(rubric.items))]
    # a clause holding the same text elsewhere (SB/T appendices A and B share wordings) would be a
    # second right answer: such clauses are never offered
    same = {i.clause_id for i in rubric.items.values()
            if i.text["zh"] == item.text["zh"] or i.text["en"] == item.text["en"]}
    leaves = sorted(cid for cid, c in rubric.clauses.items() if c.items and cid not in same)
    options, answer = _options(rng, item.clause_id, rng.sample(leaves, min(8, len(leaves))))
    label = lambda cid: {lang: f"{cid} {rubric.clauses[cid].title[lang]}" for lang in ("zh", "en")}  # noqa: E731
    return {
        "type": "which-clause", "standard": rubric.id, "clause": item.clause_id, "item": item.id,
        "prompt": _text(f"在 {rubric.code} 中，哪个条款提出了下面这项要求？\n“{item.text['zh']}”",
                        f"In {rubric.code}, which clause asks for this?\n\"{item.text['en']}\""),
        "options": [label(cid) for cid in options], "answer": answer,
        "explanation": _text(f"这是评分项 {item.id}，属于条款 {item.clause_id}。",
                             f"This is item {item.id}, part of clause {item.clause_id}."),
    }


def points_of(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """How many points does a clause (CTS), a first-level indicator (GB/T) or an item (SB/T) carry?"""
    kind = rng.choice([CTS, GBT, SBT])
    rubric = rubrics[kind]
    if kind == CTS:
        clause = rubric.clauses[rng.choice(sorted(c for c, v in rubric.clauses.items() if v.items))]
        correct = plain(sum(i.points for i in clause.items))
        unit, link = _text(f"条款 {clause.id} {clause.title['zh']}", f"clause {clause.id} {clause.title['en']}"), clause.id
        where, basis = _text("", ""), _text("每个评分项 1 分（6.2 a）。", "Each lettered item carries 1 point (6.2 a).")
        distractors = [correct + d for d in (-2, -1, 1, 2, 3) if correct + d > 0]
    else:
        profile_id = rubric.default_profile if kind == GBT else rng.choice(["production-durable", "production-fmcg"])
        profile = rubric.profiles[profile_id]
        section_id = rng.choice(sorted(profile.sections))
        section = next(s for s in rubric.sections if s.id == section_id)
        correct = plain(profile.sections[section_id].points)
        unit = _text(f"{section.id} {section.title['zh']}", f"{section.id} {section.title['en']}")
        link = section.clauses[0].id
        where = _text(f"（分值方案：{profile.title['zh']}）", f" (profile: {profile.title['en']})")
        basis = _text("这是标准给出的官方分值。", "This is the standard's own (official) figure.")
        distractors = [plain(w.points) for w in profile.sections.values()] + [correct + 5, correct - 2]
    options, answer = _options(rng, correct, [d for d in distractors if d > 0])
    return {
        "type": "points", "standard": kind, "clause": link,
        "prompt": _text(f"在 {rubric.code} 中，{unit['zh']} 共有多少分{where['zh']}？",
                        f"In {rubric.code}, how many points does {unit['en']} carry{where['en']}?"),
        "options": [_text(str(o), str(o)) for o in options], "answer": answer,
        "explanation": _text(f"{correct} 分。{basis['zh']}", f"{correct} points. {basis['en']}"),
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
        "type": "level", "standard": rubric.id, "clause": rubric.sections[0].clauses[0].id,
        "prompt": _text(f"{rubric.code} 的得分为 {result['score_text']}，评价等级是？",
                        f"A {rubric.code} score of {result['score_text']} reaches which level?"),
        "options": options, "answer": answer,
        "explanation": _text(f"得分先四舍五入到两位小数再与等级下限比较：{result['score_text']} → {result['level_label']['zh']}。",
                             f"The score, rounded half up to 2 decimals, is compared with the level bounds: "
                             f"{result['score_text']} -> {result['level_label']['en']}."),
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
        "type": "exclusion", "standard": CTS, "clause": "5.1.1",
        "prompt": _text(f"CTS Q/ZG025-2022 共 88 项，每项 1 分。某企业有 {len(excluded)} 项不适用（删减），其余项中 {len(met)} 项完全符合、其他为 0。完善程度是多少（%）？",
                        f"CTS Q/ZG025-2022 has 88 items of 1 point. An enterprise has {len(excluded)} items that do not apply "
                        f"(excluded); of the rest, {len(met)} are fully met and the others score 0. What is its completeness (%)?"),
        "options": [_text(o, o) for o in options], "answer": answer,
        "explanation": _text(f"删减项不计入分母：{len(met)} ÷ {len(full)} × 100 = {result['score_text']}（不是 ÷ 88 得到的 {wrong:.2f}）。",
                             f"Excluded items leave the denominator: {len(met)} / {len(full)} x 100 = {result['score_text']} "
                             f"(not {wrong:.2f}, which divides by 88)."),
        "check": {"assessment": assessment, "field": "score_text"},
    }


VERDICTS = {
    "ok": _text("达标（合格）", "compliant"),
    "item": _text("不达标：有单项低于其分值的 50%", "not compliant: an item is below 50% of its points"),
    "total": _text("不达标：总分低于 70", "not compliant: the total is below 70"),
    "both": _text("不达标：总分低于 70，且有单项低于 50%", "not compliant: total below 70 and an item below 50%"),
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
        "type": "item-rule", "standard": SBT, "clause": next(s for s in rubric.sections if s.id == section).clauses[0].id,
        "prompt": _text(f"SB/T 10401-2006（表 A.1 耐用消费品）：单项 {section} 的各条件得分均为 {float(share):.0%}，其他单项均为 {float(others):.0%}。结论是？",
                        f"SB/T 10401-2006 (Table A.1, durable goods): every condition of item {section} earns {float(share):.0%}, "
                        f"every other item {float(others):.0%}. What is the verdict?"),
        "options": options, "answer": answer,
        "explanation": _text(f"总分 {result['score_text']}；达标要求总分 ≥ 70 且每个单项 ≥ 其分值的 50%。",
                             f"The total is {result['score_text']}; compliance needs a total of at least 70 and every item "
                             "at 50% of its points or more."),
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
        "type": "special", "standard": GBT, "clause": "5.1.1",
        "prompt": _text(f"GB/T 27922-2011：各指标得分率均为 {float(raw):.0%}，有 {deductions} 项特别扣分、{bonus} 项特别加分。评价等级是？",
                        f"GB/T 27922-2011: every indicator earns {float(raw):.0%}, with {deductions} special deductions and "
                        f"{bonus} special bonus. Which level results?"),
        "options": options, "answer": answer,
        "explanation": _text(f"{float(raw) * 100:g} − {deductions} + {bonus} = {result['score_text']}；5 项及以上特别扣分直接不合格。",
                             f"{float(raw) * 100:g} - {deductions} + {bonus} = {result['score_text']}; 5 or more special "
                             "deductions fail the evaluation whatever the score."),
        "check": {"assessment": assessment, "field": "level_label"},
    }


def combined(rng: random.Random, rubrics: Mapping[str, Rubric]) -> dict[str, Any]:
    """Combining GB/T 27922 and CTS Q/ZG025 stars (CTS 6.3 a)."""
    gbt_value = rng.choice(["0.72", "0.85", "0.92", "0.96"])
    cts_value = rng.choice(["0.55", "0.62", "0.68", "0.72", "0.78", "0.85"])
    assessment = {"assessments": [_uniform(rubrics[GBT], float(gbt_value)), _uniform(rubrics[CTS], float(cts_value))]}
    result = score(rubrics, assessment)
    gbt, cts = result["results"]
    correct = str(result["combined"]["stars"]) if result["combined"]["passed"] else "-"
    options, answer = _options(rng, correct, ["-", "5", "6", "7", "8", "9", "10", "11", "12"])
    shown = lambda o: _text("不合格（无星级）", "fails (no stars)") if o == "-" else _text(f"{o} 星", f"{o} stars")  # noqa: E731
    return {
        "type": "combined", "standard": CTS, "clause": "5.1.1",
        "prompt": _text(f"GB/T 27922-2011 得分 {gbt['score_text']}，CTS Q/ZG025-2022 完善程度 {cts['score_text']}%。合并评级是？",
                        f"GB/T 27922-2011 scores {gbt['score_text']} and CTS Q/ZG025-2022 completeness is "
                        f"{cts['score_text']}%. What is the combined rating?"),
        "options": [shown(o) for o in options], "answer": answer,
        "explanation": _text(f"两者都合格时星级相加（最多 12 星）：{result['combined']['reason']}",
                             f"When both pass their stars add up (at most 12): {result['combined']['reason']}"),
        "check": {"assessment": assessment, "field": "combined.stars"},
    }


KINDS: list[Callable[[random.Random, Mapping[str, Rubric]], dict[str, Any]]] = [
    which_clause, points_of, level_for_score, exclusion, item_rule, special, combined]


def questions(rubrics: Mapping[str, Rubric], seed: int, count: int = 10) -> list[dict[str, Any]]:
    """``count`` questions for ``seed``, cycling through every kind of question."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        question = KINDS[index % len(KINDS)](rng, rubrics)
        question["number"] = index + 1
        out.append(question)
    return out
