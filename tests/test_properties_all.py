"""Property tests across all three standards (and every shipped SB/T profile).

Random assessments of CTS Q/ZG025-2022, GB/T 27922-2011 (with random special deductions
and bonus) and SB/T 10401-2006 (production-durable, production-fmcg, sales) keep the
invariants that follow from each standard's rules: the score stays within 0..100; raising
one rating never lowers it; the order of the ratings does not matter; passing implies
the pass bound (and, for SB/T, no item below half); 5 or more GB/T special deductions
always fail; the combined rating is the sum of the stars when both pass, at most 12.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator.scoring import score

from conftest import CTS, dec, english
from strategies import ABSENT, ALL_IDS, GBT, KINDS, RUBRICS, SBT, SCORED, SETTINGS, assessments, rating_value


def with_rating(data: dict[str, Any], item_id: str, value: Any) -> dict[str, Any]:
    return {**data, "ratings": {**data["ratings"], item_id: value}}


KIND_IDS = list(KINDS)


@pytest.mark.parametrize("kind", KIND_IDS)
@SETTINGS
@given(st.data())
def test_score_within_0_and_100(kind, data):
    """The score is between 0 and 100 with two decimals; earned never exceeds the applicable points."""
    assessment = data.draw(assessments(kind))
    result = score(RUBRICS, assessment)
    value = dec(result["score"])
    assert 0 <= value <= 100
    assert result["score_text"] == f"{value:.2f}"
    assert dec(result["applicable"]) > 0
    assert 0 <= dec(result["earned"]) <= dec(result["applicable"])


@pytest.mark.parametrize("kind", KIND_IDS)
@SETTINGS
@given(st.data())
def test_raising_one_rating_never_lowers_the_score(kind, data):
    """Raising one applicable scored rating (deductions and bonus fixed) never lowers the score nor unpasses."""
    assessment = data.draw(assessments(kind))
    numeric = [i for i in SCORED[kind] if assessment["ratings"].get(i, 0) != "na"]
    item_id = data.draw(st.sampled_from(numeric))
    old = Decimal(str(assessment["ratings"].get(item_id, 0)))
    new = data.draw(st.integers(int(old * 1000), 1000))
    before = score(RUBRICS, assessment)
    after = score(RUBRICS, with_rating(assessment, item_id, rating_value(new)))
    assert dec(after["score"]) >= dec(before["score"])
    assert dec(after["applicable"]) == dec(before["applicable"])
    assert after["passed"] or not before["passed"]
    if "item_scores" in before:
        for b, a in zip(before["item_scores"], after["item_scores"]):
            if b["applicable"]:
                assert dec(a["score"]) >= dec(b["score"]), b["id"]


@pytest.mark.parametrize("kind", KIND_IDS)
@SETTINGS
@given(st.data(), st.randoms(use_true_random=False))
def test_order_of_ratings_does_not_matter(kind, data, rnd):
    """Shuffling the order of the ratings mapping leaves the whole result unchanged."""
    assessment = data.draw(assessments(kind))
    pairs = list(assessment["ratings"].items())
    rnd.shuffle(pairs)
    assert score(RUBRICS, {**assessment, "ratings": dict(pairs)}) == score(RUBRICS, assessment)


@pytest.mark.parametrize("kind", KIND_IDS)
@SETTINGS
@given(st.data())
def test_passed_implies_the_pass_bound(kind, data):
    """`passed` implies score >= the pass bound; stars are given only to a pass; a fail gives a reason."""
    assessment = data.draw(assessments(kind))
    result = score(RUBRICS, assessment)
    bound = KINDS[kind][2]
    if result["passed"]:
        assert dec(result["score"]) >= bound
        assert result["reason"] is None
    else:
        assert result["stars"] is None and result["reason"]
    if KINDS[kind][0] == SBT:
        assert result["stars"] is None
    else:
        assert (result["stars"] is not None) is result["passed"]


@pytest.mark.parametrize("kind", ["sbt-durable", "sbt-fmcg", "sbt-sales"])
@SETTINGS
@given(st.data())
def test_sbt_passed_iff_total_and_every_item_at_half(kind, data):
    """SB/T: passed exactly when total >= 70 and no scored item is below half of its points."""
    assessment = data.draw(assessments(kind))
    result = score(RUBRICS, assessment)
    rows = result["item_scores"]
    below = [r["id"] for r in rows if r["applicable"] and dec(r["percent"]) < 50]
    assert result["items_below_half"] == below
    assert result["passed"] is (dec(result["score"]) >= 70 and not below)
    if result["passed"]:
        assert all(dec(r["percent"]) >= 50 for r in rows if r["applicable"])
    assert result["level"] == ("compliant" if result["passed"] else "non-compliant")


@pytest.mark.parametrize("kind", ["sbt-durable", "sbt-fmcg", "sbt-sales"])
@SETTINGS
@given(st.data())
def test_sbt_unscored_conditions_change_nothing(kind, data):
    """Ratings of conditions the profile does not score (other appendix, Table A.2's three items) change nothing."""
    assessment = data.draw(assessments(kind))
    unscored = [i for i in ALL_IDS[kind] if i not in SCORED[kind]]
    value = data.draw(st.sampled_from([0, 1, "na", 0.37, ABSENT]))
    changed = {i: v for i, v in assessment["ratings"].items() if i not in unscored}
    if value is not ABSENT:
        changed.update(dict.fromkeys(unscored, value))
    assert score(RUBRICS, {**assessment, "ratings": changed}) == score(RUBRICS, assessment)


@SETTINGS
@given(assessments("gbt", deductions=st.integers(5, 40)))
def test_gbt_five_or_more_deductions_always_fail(assessment):
    """GB/T: 5 or more special deductions fail whatever the score, and no points can lift it."""
    result = score(RUBRICS, assessment)
    assert result["passed"] is False and result["stars"] is None and result["level"] == "fail"
    assert result["reason"]["params"]["count"] == assessment["special_deductions"]
    assert str(assessment["special_deductions"]) in english(result["reason"])
    assert result["next_level"]["reachable"] is False and result["next_level"]["points_needed"] is None


@SETTINGS
@given(assessments("gbt"), st.integers(0, 3))
def test_gbt_more_deductions_never_raise_the_score(assessment, more):
    """GB/T: adding special deductions never raises the score; the bonus never lowers it."""
    before = score(RUBRICS, assessment)
    after = score(RUBRICS, {**assessment, "special_deductions": assessment["special_deductions"] + more})
    assert dec(after["score"]) <= dec(before["score"])
    bonus = score(RUBRICS, {**assessment, "special_bonus": 1})
    assert dec(bonus["score"]) >= dec(before["score"])


@SETTINGS
@given(assessments("gbt"), assessments("cts"), st.booleans())
def test_combined_stars_are_the_sum_when_both_pass(gbt, cts, cts_first):
    """Combined: passed iff both pass; then stars = GB/T stars + CTS stars, never above 12."""
    pair = [cts, gbt] if cts_first else [gbt, cts]
    result = score(RUBRICS, {"assessments": pair})
    by_standard = {r["standard"]: r for r in result["results"]}
    g, c = by_standard[GBT], by_standard[CTS]
    assert g == score(RUBRICS, gbt) and c == score(RUBRICS, cts)
    combined = result["combined"]
    assert combined["passed"] is (g["passed"] and c["passed"])
    if combined["passed"]:
        assert combined["stars"] == g["stars"] + c["stars"] <= 12
        assert combined["stars"] >= 2 + 3
    else:
        assert combined["stars"] is None
        failed = [r["code"] for r in (g, c) if not r["passed"]]
        assert all(code in english(combined["reason"]) for code in failed)
