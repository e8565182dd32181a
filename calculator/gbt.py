"""Scoring GB/T 27922-2011 (商品售后服务评价体系), clause 6.

Rules, in our words (the original wording of 6.2/6.3 is not in our sources; see
rubrics/gb-t-27922-2011.yaml for provenance):

* 6.2.1 every indicator is scored; full score 100 = 售后服务体系 40 + 商品服务 35 +
  顾客服务 25 (the split below that comes from the weight profile);
* 6.2.2 indicators that do not apply are excluded (删减):
  score = points earned / points of applicable indicators x 100;
* special deductions (特别扣分项): minus 1 point each; a special bonus (特别加分项):
  plus 1 point, at most one;
* the result is clamped to 0..100 and rounded half up to 2 decimals, then compared
  (6.3): fail below 70 or with 5 or more special deductions; 达标级 70-79.99 (counted as
  2 stars by CTS Q/ZG025-2022 6.3); 三星级 80-89.99; 四星级 90-94.99; 五星级 >= 95.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .assessment import Assessment
from .constants import FAILING_DEDUCTIONS, SPECIAL_BONUS_POINTS, SPECIAL_DEDUCTION_POINTS
from .explain import fix_first, message, next_level
from .model import Rubric
from .numbers import round_half_up
from .profiles import Profile
from .result import build
from .tally import tally


def score_gbt(rubric: Rubric, profile: Profile, assessment: Assessment) -> dict[str, Any]:
    """Score an assessment by GB/T 27922-2011 6.2 and 6.3."""
    counted = tally(rubric, profile, assessment)
    counted.require_applicable(rubric.id)
    raw = Fraction(counted.earned) * 100 / Fraction(counted.applicable)
    offset = Fraction(assessment.special_bonus * SPECIAL_BONUS_POINTS
                      - assessment.special_deductions * SPECIAL_DEDUCTION_POINTS)
    score = round_half_up(min(max(raw + offset, Fraction(0)), Fraction(100)))
    level = rubric.level_for(score)
    blocked = None
    reason = None
    if assessment.special_deductions >= FAILING_DEDUCTIONS:
        level = rubric.levels[0]
        blocked = message("special-deductions-fail", count=assessment.special_deductions,
                          limit=FAILING_DEDUCTIONS)
        reason = blocked
    elif not level.passed:
        reason = message("score-below", score=f"{score:.2f}", min=f"{rubric.levels[1].min:.2f}")
    return build(
        rubric, profile, counted, score=score, level=level, passed=level.passed and blocked is None,
        reason=reason, earned=counted.earned, applicable=counted.applicable,
        base_score=float(round_half_up(raw)),
        special_deductions=assessment.special_deductions,
        special_bonus=assessment.special_bonus,
        next_level=next_level(rubric, level, counted.earned, counted.applicable, offset, blocked),
        fix_first=fix_first({c.id: Fraction(c.lost) for c in counted.clauses}, counted.applicable, rubric.model),
        provisional=counted.provisional_affects(),
    )
