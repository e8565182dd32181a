"""What to fix first: the next level up, the points it needs, and where points were lost.

No standard prescribes this; it is arithmetic on each standard's own rules. Because the
score is rounded half up before it is compared, a raw score of ``bound - 0.005`` already
reaches ``bound``; the points needed are the smallest extra points (rounded UP to 0.01,
so adding them is always enough) that lift the rounded score to the next level's bound.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .model import Level, Rubric
from .numbers import HALF_CENT, ceil_cents, cents, exact_or_cents, plain, round_half_up


def points_needed(raw_target: Fraction, earned: Fraction, applicable: Fraction) -> Decimal:
    """Smallest p (up to 0.01) with (earned + p) / applicable x 100 >= raw_target."""
    return ceil_cents(raw_target * applicable / 100 - earned)


def message(code: str, **params: Any) -> dict[str, Any]:
    """A message for the reader: a catalogue code (group ``result``, or the group its user
    names) and its parameters."""
    return {"code": code, "params": params}


def one_or_more(items: list[Any], several: str, one: str) -> str:
    """The code ``several`` for a list of several items, ``one`` for a single one (its own
    wording: "A.3 must reach 50% of its points", not "A.3 must each reach ... their")."""
    return one if len(items) == 1 else several


def next_message(next_up: dict[str, Any] | None, unit: str = "") -> dict[str, Any]:
    """The next-level line as a message: the points needed, why the level cannot be
    reached, or that the top level is reached. Where the total already meets the level's
    bound (SB/T 10401: ``total_met``) and only items below 50% stand in the way, the
    points are what those items need, and the line says so. ``unit`` follows the level's
    bound ("%" for a completeness)."""
    if next_up is None:
        return message("top-level")
    label, bound = next_up["label"], f"{next_up['min_score']:.2f}{unit}"
    if not next_up["reachable"]:
        return message("next-unreachable", level=label, min=bound, why=next_up["reason"])
    points = f"{next_up['points_needed']:.2f}"
    below = next_up.get("items_below_half")
    if below:
        code = (one_or_more(below, "next-items-only", "next-items-only-one") if next_up.get("total_met")
                else one_or_more(below, "next-reachable-items", "next-reachable-items-one"))
        return message(code, level=label, min=bound, points=points, items=below)
    return message("next-reachable", level=label, min=bound, points=points)


def next_level(rubric: Rubric, current: Level, earned: Any, applicable: Any,
               offset: Fraction = Fraction(0), blocked: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The level above ``current`` and the points needed to reach it; None at the top.

    ``offset`` is what is added to the raw percentage before rounding (GB/T 27922: minus
    special deductions plus the special bonus). ``blocked`` is a message saying why no
    amount of points can help (five special deductions fail whatever the score).
    """
    above = [level for level in rubric.levels if level.min > current.min]
    if not above:
        return None
    level = above[0]
    raw_target = Fraction(level.min) - HALF_CENT - offset
    out: dict[str, Any] = {"level": level.id, "label": dict(level.label), "stars": level.stars,
                           "min_score": plain(level.min)}
    if blocked is None and raw_target <= 100:
        out["reachable"] = True
        out["points_needed"] = plain(points_needed(raw_target, Fraction(earned), Fraction(applicable)))
    else:
        out["reachable"] = False
        out["points_needed"] = None
        out["reason"] = blocked or message("unreachable-max")
    return out


def fix_first(lost_by_clause: Mapping[str, Fraction], applicable: Any, model: str) -> list[dict[str, Any]]:
    """Clauses with points still to win, most recoverable first (ties in standard order).

    ``recoverable`` is in the standard's points (weight x share lost); ``score_gain`` is
    what winning them back adds to the percentage score (for the completeness ``model``,
    percentage points of completeness). ``message`` words the row: a code of the
    catalogue's ``format`` group with both amounts as people read them.
    """
    order = {clause_id: index for index, clause_id in enumerate(lost_by_clause)}
    ranked = sorted((cid for cid, lost in lost_by_clause.items() if lost > 0),
                    key=lambda cid: (-lost_by_clause[cid], order[cid]))
    whole = Fraction(applicable)
    key = "format.fix_row_completeness" if model == "completeness" else "format.fix_row"
    rows = []
    for cid in ranked:
        lost = lost_by_clause[cid]
        gain = round_half_up(lost * 100 / whole)
        lost_text, gain_text = cents(lost), cents(gain)
        # where the score moves by the points themselves (all 100 points applicable) the gain is not repeated
        code = ("format.fix_row_same" if key == "format.fix_row" and lost_text == gain_text else key).removeprefix("format.")
        rows.append({"clause": cid, "recoverable": plain(exact_or_cents(lost)), "recoverable_text": lost_text,
                     "score_gain": plain(gain), "score_gain_text": gain_text,
                     "message": message(code, recoverable=lost_text, gain=gain_text)})
    return rows
