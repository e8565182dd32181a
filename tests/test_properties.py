"""Property tests: random CTS assessments keep the invariants of 6.2 / 6.3.

An assessment gives each of the 88 items a rating drawn from 0..1 with up to 3 decimals,
or "na", or no rating at all; at least one item stays applicable (an unrated item is
applicable and earns 0). Only invariants that follow from the rules are stated.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculator.scoring import score

from conftest import CTS, LEVELS_6_3, dec, level_6_3, reference_score
from strategies import ABSENT, CTS_IDS, SETTINGS, rating_value
from strategies import RUBRICS as RUBRICS_ALL
from strategies import cts_assessments as assessments

RUBRIC = RUBRICS_ALL[CTS]
RUBRICS = {RUBRIC.id: RUBRIC}
IDS = CTS_IDS


def score_of(data: dict[str, Any]) -> Decimal:
    return dec(score(RUBRICS, data)["score"])


def with_ratings(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    ratings = dict(data["ratings"])
    for item_id, value in changes.items():
        if value is ABSENT:
            ratings.pop(item_id, None)
        else:
            ratings[item_id] = value
    return {"standard": CTS, "ratings": ratings}


def applicable_count(data: dict[str, Any]) -> int:
    return sum(1 for item_id in IDS if data["ratings"].get(item_id, 0) != "na")


@SETTINGS
@given(assessments())
def test_score_within_0_and_100(data):
    """The score is between 0 and 100 with two decimals, and 100 only when nothing is lost."""
    result = score(RUBRICS, data)
    value = dec(result["score"])
    assert 0 <= value <= 100
    assert result["score_text"] == f"{value:.2f}"
    assert 0 <= dec(result["earned"]) <= dec(result["applicable"]) <= 88
    if dec(result["earned"]) == dec(result["applicable"]):
        assert value == 100


@SETTINGS
@given(assessments())
def test_score_matches_an_independent_exact_computation(data):
    """earned, applicable and the score equal an independent Fraction computation rounded half up."""
    result = score(RUBRICS, data)
    earned, applicable, expected = reference_score(data["ratings"], IDS)
    assert Fraction(str(result["earned"])) == earned
    assert dec(result["applicable"]) == applicable
    assert dec(result["score"]) == expected
    assert len(result["unrated"]) == sum(1 for item_id in IDS if item_id not in data["ratings"])
    assert result["excluded_items"] == [i for i in IDS if data["ratings"].get(i) == "na"]


@SETTINGS
@given(assessments())
def test_level_is_consistent_with_score_and_bounds(data):
    """The level is the highest 6.3 level whose bound the rounded score reaches; passed iff >= 60."""
    result = score(RUBRICS, data)
    value = dec(result["score"])
    _bound, level, stars, passed = level_6_3(value)
    assert (result["level"], result["stars"], result["passed"]) == (level, stars, passed)
    assert result["passed"] is (value >= 60)
    higher = [row for row in LEVELS_6_3 if row[0] > value]
    if higher:
        assert result["next_level"]["level"] == higher[0][1]
        assert dec(result["next_level"]["min_score"]) == higher[0][0]
    else:
        assert result["next_level"] is None


@SETTINGS
@given(assessments(), st.data())
def test_raising_one_rating_never_lowers_the_score(data, draw):
    """Raising the rating of one applicable item never lowers the score (nor the level)."""
    numeric = [i for i in IDS if data["ratings"].get(i, 0) != "na"]
    item_id = draw.draw(st.sampled_from(numeric))
    old = Fraction(str(data["ratings"].get(item_id, 0)))
    new = draw.draw(st.integers(int(old * 1000), 1000))
    before, after = score(RUBRICS, data), score(RUBRICS, with_ratings(data, **{item_id: rating_value(new)}))
    assert dec(after["score"]) >= dec(before["score"])
    assert dec(after["earned"]) >= dec(before["earned"])
    assert after["applicable"] == before["applicable"]
    ranks = [row[1] for row in LEVELS_6_3]
    assert ranks.index(after["level"]) >= ranks.index(before["level"])


@SETTINGS
@given(assessments(), st.randoms(use_true_random=False))
def test_order_of_ratings_does_not_matter(data, rnd):
    """Shuffling the order of the ratings mapping leaves the whole result unchanged."""
    pairs = list(data["ratings"].items())
    rnd.shuffle(pairs)
    assert score(RUBRICS, {"standard": CTS, "ratings": dict(pairs)}) == score(RUBRICS, data)


@SETTINGS
@given(assessments(), st.data())
def test_marking_an_unrated_item_na_never_lowers_the_score(data, draw):
    """Excluding an unrated item (it earned 0) never lowers the score, while another item applies."""
    unrated = [i for i in IDS if i not in data["ratings"]]
    assume(unrated and applicable_count(data) >= 2)
    item_id = draw.draw(st.sampled_from(unrated))
    assert score_of(with_ratings(data, **{item_id: "na"})) >= score_of(data)


@SETTINGS
@given(assessments(), st.data())
def test_excluding_an_item_rated_one_never_raises_the_score(data, draw):
    """Excluding an item rated 1 (full marks) never raises the score, while another item applies."""
    full = [i for i in IDS if data["ratings"].get(i) == 1]
    assume(full and applicable_count(data) >= 2)
    item_id = draw.draw(st.sampled_from(full))
    assert score_of(with_ratings(data, **{item_id: "na"})) <= score_of(data)


@SETTINGS
@given(assessments(), st.data())
def test_excluding_an_item_rated_zero_never_lowers_the_score(data, draw):
    """Excluding an item rated 0 never lowers the score, while another item applies."""
    zero = [i for i in IDS if data["ratings"].get(i, 0) == 0]     # rated 0 or unrated
    assume(zero and applicable_count(data) >= 2)
    item_id = draw.draw(st.sampled_from(zero))
    assert score_of(with_ratings(data, **{item_id: "na"})) >= score_of(data)


@SETTINGS
@given(assessments(), st.data())
def test_explicit_zero_equals_no_rating(data, draw):
    """Rating an unrated item 0 changes nothing but the `unrated` list."""
    unrated = [i for i in IDS if i not in data["ratings"]]
    assume(unrated)
    item_id = draw.draw(st.sampled_from(unrated))
    before, after = score(RUBRICS, data), score(RUBRICS, with_ratings(data, **{item_id: 0}))
    for key in ("score", "earned", "applicable", "level", "next_level", "fix_first", "clauses", "sections"):
        assert before[key] == after[key], key
    assert after["unrated"] == [i for i in before["unrated"] if i != item_id]


@SETTINGS
@given(assessments())
def test_points_needed_is_enough_and_smallest(data):
    """next_level.points_needed lifts the rounded score to the next bound, and 0.01 less does not."""
    result = score(RUBRICS, data)
    nxt = result["next_level"]
    assume(nxt is not None)
    earned, applicable = Fraction(str(result["earned"])), Fraction(str(result["applicable"]))
    needed, target = Fraction(str(nxt["points_needed"])), Fraction(str(nxt["min_score"]))
    assert needed > 0 and (needed * 100).denominator == 1

    def rounded(points: Fraction) -> Fraction:
        return Fraction(math.floor(points / applicable * 100 * 100 + Fraction(1, 2)), 100)

    assert rounded(earned + needed) >= target
    assert rounded(earned + needed - Fraction(1, 100)) < target


@SETTINGS
@given(assessments())
def test_breakdown_adds_up(data):
    """Clause rows add up to earned and applicable; lost = available - earned; fix_first is sorted."""
    result = score(RUBRICS, data)
    rows = result["clauses"]
    assert sum(dec(r["earned"]) for r in rows) == dec(result["earned"])
    assert sum(dec(r["available"]) for r in rows) == dec(result["applicable"])
    assert all(dec(r["lost"]) == dec(r["available"]) - dec(r["earned"]) for r in rows)
    order = [r["id"] for r in rows]
    keys = [(-dec(f["recoverable"]), order.index(f["clause"])) for f in result["fix_first"]]
    assert keys == sorted(keys)
    assert {f["clause"] for f in result["fix_first"]} == {r["id"] for r in rows if dec(r["lost"]) > 0}


@pytest.mark.parametrize("seed", range(3))
def test_all_na_but_one_item(seed):
    """With a single applicable item the score is that item's rating x 100 (a fixed-seed spot check)."""
    rnd = random.Random(seed)
    item_id = rnd.choice(IDS)
    thousandths = rnd.randint(0, 1000)
    ratings = dict.fromkeys(IDS, "na")
    ratings[item_id] = rating_value(thousandths)
    result = score(RUBRICS, {"standard": CTS, "ratings": ratings})
    assert dec(result["score"]) == Decimal(thousandths) / 10
    assert dec(result["applicable"]) == 1
