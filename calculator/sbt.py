"""Scoring SB/T 10401-2006 (商品售后服务评价体系, the predecessor of GB/T 27922), clause 4
and A.10 / B.10, in our words (the original wording is not in our sources):

* each item (单项: 服务文化, 服务制度 ...) carries the points of the profile's table
  (A.1 durable goods, A.2 fast-moving goods, B.1 sales enterprises);
* an item's score = its points x the earned share of its applicable conditions
  (share = points earned / points of applicable conditions, with the profile's split);
* an item none of whose conditions applies is excluded; total = the items' scores /
  the applicable items' points x 100, rounded half up to 2 decimals;
* 达标单位 (compliant): total >= 70 AND every scored item >= 50% of its points (each
  item's percentage rounded half up to 2 decimals before the comparison).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from .assessment import Assessment
from .constants import ITEM_MIN_PERCENT
from .explain import fix_first, message, one_or_more
from .model import Rubric
from .numbers import HALF_CENT, ceil_cents, plain, round_half_up
from .profiles import Profile
from .result import build
from .tally import tally


def score_sbt(rubric: Rubric, profile: Profile, assessment: Assessment) -> dict[str, Any]:
    """Score an assessment by SB/T 10401-2006 (item scores, total, 50% item rule)."""
    counted = tally(rubric, profile, assessment)
    counted.require_applicable(rubric.id)
    compliant = next(level for level in rubric.levels if level.passed)
    item_rows: list[dict[str, Any]] = []
    lost: dict[str, Fraction] = {}
    earned = applicable = Fraction(0)
    below: list[str] = []
    shortfall = Fraction(0)
    provisional = False
    for section in counted.sections:
        weight = profile.sections.get(section.id)
        points = Fraction(weight.points if weight else section.points)
        # inside an item the split only matters when its applicable conditions differ
        provisional |= section.provisional and len(section.values) > 1
        clauses = [c for c in counted.clauses if c.section == section.id]
        if section.available <= 0:
            item_rows.append({"id": section.id, "points": plain(Decimal(points.numerator) / points.denominator),
                              "applicable": False, "score": None, "percent": None, "below_half": False})
            for clause in clauses:
                lost[clause.id] = Fraction(0)
            continue
        share = Fraction(section.earned) / Fraction(section.available)
        item_score = points * share
        item_percent = round_half_up(share * 100)
        is_below = item_percent < ITEM_MIN_PERCENT
        if is_below:
            below.append(section.id)
            shortfall += points * (Fraction(ITEM_MIN_PERCENT) - HALF_CENT) / 100 - item_score
        earned += item_score
        applicable += points
        for clause in clauses:
            lost[clause.id] = points * Fraction(clause.lost) / Fraction(section.available)
        item_rows.append({"id": section.id, "points": plain(round_half_up(points)), "applicable": True,
                          "score": plain(round_half_up(item_score)), "percent": plain(item_percent),
                          "below_half": is_below})
    # provisional item points (Table B.1) matter unless every applicable item has the same share
    shares = {Fraction(s.earned) / Fraction(s.available) for s in counted.sections if s.available > 0}
    if len(shares) > 1 and any(profile.sections.get(s.id) and profile.sections[s.id].provenance == "provisional"
                               for s in counted.sections if s.available > 0):
        provisional = True
    score = round_half_up(earned * 100 / applicable)
    passed = score >= compliant.min and not below
    level = compliant if passed else rubric.levels[0]
    if passed:
        reason = None
    elif score < compliant.min and below:
        reason = message(one_or_more(below, "total-and-items-below", "total-and-items-below-one"), score=f"{score:.2f}", min=f"{compliant.min:.2f}",
                         items=below)
    elif below:
        reason = message(one_or_more(below, "items-below-half", "items-below-half-one"), items=below, score=f"{score:.2f}")
    else:
        reason = message("total-below", score=f"{score:.2f}", min=f"{compliant.min:.2f}")
    next_up = None
    if not passed:
        total_gap = (Fraction(compliant.min) - HALF_CENT) * applicable / 100 - earned
        next_up = {"level": compliant.id, "label": dict(compliant.label), "stars": compliant.stars,
                   "min_score": plain(compliant.min), "reachable": True,
                   "points_needed": plain(ceil_cents(max(total_gap, shortfall))),
                   "items_below_half": below, "total_met": total_gap <= 0}
    return build(
        rubric, profile, counted, score=score, level=level, passed=passed, reason=reason,
        earned=round_half_up(earned), applicable=round_half_up(applicable),
        item_scores=item_rows, items_below_half=below,
        next_level=next_up, fix_first=fix_first(lost, applicable, rubric.model), provisional=provisional,
    )
