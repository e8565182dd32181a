"""The standards' fixed numbers, each in one place, with the clause it comes from.

Everything else a standard fixes lives in its rubric (``rubrics/<id>.yaml``): the points of
each item or the weight profiles, the total, and the level bounds of its ``levels`` list
(``scoring.levels``: id, stars, lower bound, passed). What is here is the part of the rules
that the scoring code applies itself. The quoted wording is the standard's where our
sources hold it; for GB/T 27922-2011 6.2/6.3 and SB/T 10401-2006 4 they do not, and the
rule is said in our words (see each rubric's provenance and the sources page).
"""

from __future__ import annotations

from decimal import Decimal

CTS = "cts-q-zg025-2022"
GBT = "gb-t-27922-2011"
SBT = "sb-t-10401-2006"

PLACES = 2
"""Scores are compared with level bounds after rounding half up to two decimals: the
bounds are stated to two decimals (CTS Q/ZG025-2022 6.3 and GB/T 27922-2011 6.3:
"70.00 分 ... 79.99 分")."""

FAILING_DEDUCTIONS = 5
"""GB/T 27922-2011 6.3 (our words): five or more special deductions (特别扣分项) fail the
evaluation whatever the score."""

SPECIAL_DEDUCTION_POINTS = 1
"""GB/T 27922-2011 6.2 (our words): each special deduction takes one point off the score."""

SPECIAL_BONUS_POINTS = 1
"""GB/T 27922-2011 6.2, as public copies give it (our words): a special bonus (特别加分项) adds
one point, at most once. The Tenglian explainer of GB/T 27922 says there is no bonus; the
site discloses the conflict and the bonus is 0 unless an assessment gives it."""

MAX_SPECIAL_BONUS = 1
"""At most one special bonus (see :data:`SPECIAL_BONUS_POINTS`)."""

ITEM_MIN_PERCENT = Decimal(50)
"""SB/T 10401-2006 4 (our words): a compliant unit (达标单位) scores at least 70 in total AND
at least 50% of the points of every scored item (单项), each item's percentage rounded half
up to two decimals before the comparison."""

MAX_STARS = 12
"""CTS Q/ZG025-2022 6.3 a): "GB/T 27922-2011评价等级加上本标准评价等级为最终评价等级，并以不同
级别区分，最高12星" (the GB/T level plus the CTS level is the final level, at most 12 stars)."""
