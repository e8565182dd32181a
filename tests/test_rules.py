"""The scoring rules one at a time, each with numbers worked from the rule itself: rounding
half up on ties, the 12-star cap of the combined rating, and GB/T 27922-2011 against an
independent computation (as test_properties.py does for CTS and test_sbt.py for SB/T)."""

from __future__ import annotations

import copy
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.loaders import load_standard, rubric_data
from calculator.model import load_rubric
from calculator.numbers import percent, round_half_up
from calculator.scoring import score

from conftest import CTS, RUBRICS_DIR, dec
from strategies import SETTINGS, assessments, gbt_assessments

GBT = "gb-t-27922-2011"
RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in (CTS, GBT)}

# --- round half up to 0.01 (CTS 6.3 and GB/T 6.3 state bounds to two decimals) ---------------

TIES = [
    # (exact value, rounded): a value exactly halfway between two cents goes up (away from zero)
    (Fraction(64995, 1000), "65.00"),
    (Fraction(5, 1000), "0.01"),
    (Fraction(15, 1000), "0.02"),
    (Fraction(25, 1000), "0.03"),
    (Decimal("2.675"), "2.68"),       # a binary float would hold 2.67499999...
    (Decimal("69.995"), "70.00"),
    (Decimal("79.985"), "79.99"),
    (Fraction(-5, 1000), "-0.01"),
    (Decimal("-2.675"), "-2.68"),
    (Fraction(1, 200), "0.01"),
]
NOT_TIES = [
    (Fraction(649949, 10000), "64.99"),  # 64.9949: below the halfway point
    (Fraction(649951, 10000), "65.00"),
    (Fraction(2, 3), "0.67"),
    (Fraction(1, 3), "0.33"),
    (Decimal("69.994999"), "69.99"),
    (Decimal(0), "0.00"),
    (Decimal(100), "100.00"),
    (Decimal("-0.001"), "0.00"),         # rounded to zero: no minus sign
    (Fraction(-1, 1000), "0.00"),
]


@pytest.mark.parametrize(("value", "rounded"), TIES + NOT_TIES, ids=[str(v) for v, _ in TIES + NOT_TIES])
def test_round_half_up_on_ties_and_near_them(value: Fraction | Decimal, rounded: str) -> None:
    """round_half_up rounds a value exactly halfway between two cents away from zero, any other to the nearer cent."""
    got = round_half_up(value)
    assert str(got) == rounded
    assert got.as_tuple().exponent == -2


def test_percent_rounds_the_exact_quotient() -> None:
    """percent divides exactly before rounding: 64.995 % of a whole reaches 65.00, 64.9949 % does not."""
    assert str(percent(Decimal("64.995"), Decimal(100))) == "65.00"
    assert str(percent(Decimal("649949"), Decimal(10000000))) == "6.50"
    assert str(percent(Decimal(1), Decimal(3))) == "33.33"
    assert str(percent(Decimal(2), Decimal(3))) == "66.67"
    assert str(percent(Decimal("12.9990"), Decimal(20))) == "65.00"  # 64.995 exactly


# --- the combined rating: GB/T stars + CTS stars, at most 12 (CTS Q/ZG025-2022 6.3 a) ----------


def _cts_with_top_stars(stars: int) -> Any:
    """The CTS rubric with its top level (七星级, 80 % and above) worth ``stars`` stars."""
    data = copy.deepcopy(rubric_data(CTS, RUBRICS_DIR))
    data["scoring"]["levels"][-1]["stars"] = stars
    return load_rubric(data)


def _top_marks(standard: str) -> dict[str, Any]:
    return {"standard": standard, "ratings": dict.fromkeys(RUBRICS[standard].items, 1)}


@pytest.mark.parametrize(("top", "expected"), [(9, 12), (8, 12), (7, 12), (6, 11)])
def test_combined_stars_are_capped_at_twelve(top: int, expected: int) -> None:
    """Full marks on both: GB/T 五星级 (5) plus a CTS top level of ``top`` stars is min(5 + top, 12)
    (the real CTS top level is 7, so only a rubric with more stars shows the cap at work)."""
    rubrics = {GBT: RUBRICS[GBT], CTS: _cts_with_top_stars(top)}
    result = score(rubrics, {"assessments": [_top_marks(GBT), _top_marks(CTS)]})
    gbt, cts = result["results"]
    assert (gbt["stars"], cts["stars"]) == (5, top)
    combined = result["combined"]
    assert combined["passed"] is True
    assert combined["stars"] == expected == min(5 + top, 12)
    assert combined["reason"]["params"]["stars"] == expected and combined["reason"]["params"]["most"] == 12


# --- GB/T 27922-2011 against an independent computation ---------------------------------------

# GB/T 27922-2011 6.3 as public copies give it, typed in (not read from the rubric):
# (lower bound, level, stars); below 70 fails, and so do 5 or more special deductions.
GBT_LEVELS = ((Decimal(95), "five-star", 5), (Decimal(90), "four-star", 4), (Decimal(80), "three-star", 3),
              (Decimal(70), "dabiao", 2))


def gbt_reference(data: dict[str, Any]) -> tuple[Decimal, str, int | None, bool]:
    """Score, level, stars and passed for a GB/T assessment, computed from the rules alone.

    The 51 indicators' points come from the default profile's file (its points are the
    reported split of 40/35/25); 'na' leaves the denominator, an unrated indicator earns 0;
    raw = earned / applicable x 100; minus 1 per special deduction, plus 1 for the bonus;
    kept within 0..100; rounded half up to 0.01 by integer arithmetic; then 6.3.
    """
    points = {item_id: Fraction(str(entry["points"])) for item_id, entry in _default_profile()["items"].items()}
    earned = applicable = Fraction(0)
    for item_id, weight in points.items():
        value = data["ratings"].get(item_id, 0)
        if value == "na":
            continue
        applicable += weight
        earned += weight * Fraction(str(value))
    raw = earned * 100 / applicable - data.get("special_deductions", 0) + data.get("special_bonus", 0)
    raw = min(max(raw, Fraction(0)), Fraction(100))
    value = Decimal(math.floor(raw * 100 + Fraction(1, 2))) / 100
    if data.get("special_deductions", 0) >= 5 or value < 70:
        return value, "fail", None, False
    level, stars = next((lvl, s) for bound, lvl, s in GBT_LEVELS if value >= bound)
    return value, level, stars, True


def _default_profile() -> dict[str, Any]:
    import yaml

    path = RUBRICS_DIR / "profiles" / GBT / "default.yaml"
    return yaml.safe_load(path.read_text("utf-8"))


@SETTINGS
@given(gbt_assessments())
def test_gbt_agrees_with_an_independent_computation(data: dict[str, Any]) -> None:
    """Random GB/T assessments score, level and pass exactly as the independent 6.2/6.3 computation says."""
    result = score(RUBRICS, data)
    value, level, stars, passed = gbt_reference(data)
    assert dec(result["score"]) == value
    assert (result["level"], result["stars"], result["passed"]) == (level, stars, passed)


# --- SB/T 10401-2006: the points needed are enough, and the smallest amount that is ------------

SBT = "sb-t-10401-2006"
SBT_RUBRICS = {SBT: load_standard(SBT, RUBRICS_DIR)}


def _sbt_profile(profile_id: str) -> dict[str, Any]:
    import yaml

    return yaml.safe_load((RUBRICS_DIR / "profiles" / SBT / f"{profile_id}.yaml").read_text("utf-8"))


def sbt_gaps(data: dict[str, Any]) -> tuple[Fraction, Fraction]:
    """What compliance still needs, from the profile files and the rules alone, in the points of
    the standard's table: the total's gap to 69.995 (the lowest raw total that rounds to 70.00),
    and the sum over items below half of what lifts each to 49.995 % of its points."""
    profile = _sbt_profile(data.get("profile", "production-durable"))
    conditions = {cid: Fraction(str(entry["points"])) for cid, entry in profile["items"].items()}
    earned = applicable = shortfall = Fraction(0)
    for section_id, entry in profile["sections"].items():
        points = Fraction(str(entry["points"]))
        mine = {cid: w for cid, w in conditions.items() if cid.startswith(section_id + ".")}
        rated = {cid: data["ratings"].get(cid, 0) for cid in mine}
        counted = {cid: Fraction(str(v)) for cid, v in rated.items() if v != "na"}
        if not counted:
            continue  # the whole item is excluded
        share = sum(mine[c] * v for c, v in counted.items()) / sum(mine[c] for c in counted)
        item_score = points * share
        if math.floor(share * 10_000 + Fraction(1, 2)) < 5_000:  # percentage rounded half up, below 50.00
            shortfall += points * Fraction(49995, 100_000) - item_score
        earned += item_score
        applicable += points
    return Fraction(69995, 1000) * applicable / 100 - earned, shortfall


@SETTINGS
@given(st.sampled_from(["sbt-durable", "sbt-fmcg", "sbt-sales"]).flatmap(assessments))
def test_sbt_points_needed_are_enough_and_the_smallest(data: dict[str, Any]) -> None:
    """A non-compliant SB/T result's points needed cover both the total's gap and the items' shortfall
    (enough), and 0.01 less would not (the smallest, in cents)."""
    result = score(SBT_RUBRICS, data)
    if result["passed"]:
        assert result["next_level"] is None
        return
    needed = Fraction(str(result["next_level"]["points_needed"]))
    total_gap, shortfall = sbt_gaps(data)
    assert needed >= total_gap and needed >= shortfall, (needed, total_gap, shortfall)
    assert needed - Fraction(1, 100) < max(total_gap, shortfall, Fraction(0)), (needed, total_gap, shortfall)
    assert needed * 100 == int(needed * 100)
