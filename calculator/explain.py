"""What to fix first: the next level up and where the lost points are.

Neither standard prescribes this; it is arithmetic on the standard's own rules. The
points needed are the smallest extra points that lift the rounded score to the next
level's bound, rounded up to 0.01 so that adding them is always enough.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from .model import Rubric
from .numbers import plain


def points_needed(target: Decimal, earned: Decimal, applicable: Decimal) -> Decimal:
    """Smallest p (ceil to 0.01) with round_half_up((earned + p) / applicable x 100) >= target.

    Rounding half up means a raw score of ``target - 0.005`` already rounds to
    ``target``, so the exact requirement is earned + p >= (target - 0.005) x applicable / 100.
    """
    required = (Fraction(target) - Fraction(1, 200)) * Fraction(applicable) / 100
    missing = required - Fraction(earned)
    if missing <= 0:
        return Decimal(0)
    return Decimal(math.ceil(missing * 100)) / 100


def next_level(rubric: Rubric, score: Decimal, earned: Decimal, applicable: Decimal) -> dict[str, Any] | None:
    """The next level above the current one, with the points needed; None at the top."""
    for level in rubric.levels:
        if level.min > score:
            needed = points_needed(level.min, earned, applicable)
            return {
                "level": level.id,
                "label": dict(level.label),
                "stars": level.stars,
                "min_score": plain(level.min),
                "points_needed": plain(needed),
            }
    return None


def fix_first(lost_by_clause: Mapping[str, Decimal]) -> list[dict[str, Any]]:
    """Clauses with points still to win, most recoverable first (ties in standard order)."""
    order = {clause_id: index for index, clause_id in enumerate(lost_by_clause)}
    ranked = sorted((cid for cid, lost in lost_by_clause.items() if lost > 0),
                    key=lambda cid: (-lost_by_clause[cid], order[cid]))
    return [{"clause": cid, "recoverable": plain(lost_by_clause[cid])} for cid in ranked]
