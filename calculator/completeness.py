"""Scoring by completeness (完善程度): CTS Q/ZG025-2022 clause 6.

Rules implemented here, as the standard states them:

* 6.2 a) "本标准 5.1-5.6 每个条款占 1 分，满分为 88 分" -- every lettered item carries
  its points; an item earns points x rating, the rating being the share of the item's
  requirement met (Table 1 gives the bands).
* 6.2 b) "当任何要求因服务特点不适用时，可以考虑对其进行删减。当删减发生时，该指标分值不
  进行计算，除此之外的分值总和称为涉及项总分值" -- an item rated ``na`` leaves the
  denominator; 售后服务完善程度 = 实际得分 / 涉及项总分值 x 100%.
* 6.3 "水平达到 60% (含 60%) 为本标准的最低要求。60%以下, 为评价不合格" -- the score,
  rounded half up to two decimals, is compared with the level bounds held in the
  rubric (60, 65, 70, 75, 80).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from .assessment import Assessment
from .explain import fix_first, message, next_level
from .model import Rubric
from .numbers import percent
from .profiles import Profile
from .result import build
from .tally import tally


def score_completeness(rubric: Rubric, profile: Profile, assessment: Assessment) -> dict[str, Any]:
    """Score an assessment by CTS 6.2 and 6.3."""
    counted = tally(rubric, profile, assessment)
    counted.require_applicable(rubric.id)
    score = percent(counted.earned, counted.applicable)
    level = rubric.level_for(score)
    return build(
        rubric, profile, counted, score=score, level=level, passed=level.passed,
        reason=None if level.passed else message("completeness-below", score=f"{score:.2f}",
                                                 min=f"{rubric.levels[1].min:.2f}"),
        earned=counted.earned, applicable=counted.applicable,
        next_level=next_level(rubric, level, counted.earned, counted.applicable),
        fix_first=fix_first({c.id: Fraction(c.lost) for c in counted.clauses}, counted.applicable, rubric.model),
        provisional=counted.provisional_affects(),
    )
