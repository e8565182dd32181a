"""Scoring by completeness (完善程度): CTS Q/ZG025-2022 clause 6.

Rules implemented here, as the standard states them:

* 6.2 a) "本标准 5.1-5.6 每个条款占 1 分，满分为 88 分" -- every lettered item carries
  its points (1 each in CTS); an item's earned points are points x rating, the rating
  being the share of the item's requirement met (Table 1 gives the bands).
* 6.2 b) "当任何要求因服务特点不适用时，可以考虑对其进行删减。当删减发生时，该指标分值不
  进行计算，除此之外的分值总和称为涉及项总分值" -- an item rated ``na`` leaves the
  denominator; 售后服务完善程度 = 实际得分 / 涉及项总分值 x 100%.
* 6.3 -- "水平达到 60% (含 60%) 为本标准的最低要求。60%以下, 为评价不合格": the
  score, rounded half up to two decimals, is compared with the level bounds
  (60, 65, 70, 75, 80) held in the rubric.

An item that is not rated at all earns 0 and is listed under ``unrated``, so a missing
rating is never silently treated as "not applicable".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .assessment import Assessment
from .errors import AssessmentError
from .explain import fix_first, next_level
from .model import Rubric
from .numbers import ZERO, percent, plain


def _part(points: Decimal, earned: Decimal, excluded: Decimal) -> dict[str, Any]:
    available = points - excluded
    return {
        "points": plain(points),
        "excluded": plain(excluded),
        "available": plain(available),
        "earned": plain(earned),
        "lost": plain(available - earned),
    }


def score_completeness(rubric: Rubric, assessment: Assessment) -> dict[str, Any]:
    """Score an assessment by 6.2 and 6.3; returns the result as JSON-ready data."""
    items_out: list[dict[str, Any]] = []
    clause_rows: list[dict[str, Any]] = []
    section_rows: list[dict[str, Any]] = []
    unrated: list[str] = []
    excluded_ids: list[str] = []
    earned_total = applicable_total = ZERO
    lost_by_clause: dict[str, Decimal] = {}

    for section in rubric.sections:
        s_earned = s_excluded = ZERO
        for clause in section.clauses:
            c_earned = c_excluded = ZERO
            for item in clause.items:
                if item.id not in assessment.ratings:
                    unrated.append(item.id)
                    rating: Decimal | None = ZERO
                    shown: Any = None
                else:
                    rating = assessment.ratings[item.id]
                    shown = "na" if rating is None else plain(rating)
                if rating is None:
                    excluded_ids.append(item.id)
                    c_excluded += item.points
                    earned = ZERO
                else:
                    earned = item.points * rating
                    c_earned += earned
                items_out.append({
                    "id": item.id,
                    "clause": clause.id,
                    "rating": shown,
                    "points": plain(item.points),
                    "earned": plain(earned),
                    "applicable": rating is not None,
                })
            row = {"id": clause.id, "section": section.id, **_part(clause.points, c_earned, c_excluded)}
            clause_rows.append(row)
            lost_by_clause[clause.id] = clause.points - c_excluded - c_earned
            s_earned += c_earned
            s_excluded += c_excluded
        section_rows.append({"id": section.id, **_part(section.points, s_earned, s_excluded)})
        earned_total += s_earned
        applicable_total += section.points - s_excluded

    if applicable_total <= 0:
        raise AssessmentError(
            f"nothing applies: all {len(rubric.items)} items of {rubric.id} are rated 'na'; "
            "at least one item must be applicable to compute a score")

    score = percent(earned_total, applicable_total)
    level = rubric.level_for(score)
    return {
        "standard": rubric.id,
        "code": rubric.code,
        "model": rubric.model,
        "earned": plain(earned_total),
        "applicable": plain(applicable_total),
        "excluded": plain(rubric.total_points - applicable_total),
        "total": plain(rubric.total_points),
        "score": plain(score),
        "score_text": f"{score:.2f}",
        "stars": level.stars,
        "level": level.id,
        "level_label": dict(level.label),
        "passed": level.passed,
        "points_provenance": rubric.points_provenance,
        "provisional_weights": rubric.points_provenance == "provisional",
        "unrated": unrated,
        "excluded_items": excluded_ids,
        "next_level": next_level(rubric, score, earned_total, applicable_total),
        "fix_first": fix_first(lost_by_clause),
        "sections": section_rows,
        "clauses": clause_rows,
        "items": items_out,
    }
