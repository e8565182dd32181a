"""GB/T 27922-2011 scoring: the hand-worked vectors of tests/vectors/gb-t-27922-2011.json
through the Python API and the CLI, plus special deductions, next level and what to fix first."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculator.errors import AssessmentError
from calculator.loaders import load_standard
from calculator.scoring import score

from conftest import RUBRICS_DIR, assert_clean_result, dec, english, run_cli

GBT = "gb-t-27922-2011"
VECTORS = json.loads((Path(__file__).parent / "vectors" / f"{GBT}.json").read_text("utf-8"))
RUBRIC = load_standard(GBT, RUBRICS_DIR)
RUBRICS = {GBT: RUBRIC}


def assessment(case: dict[str, Any]) -> dict[str, Any]:
    """Build the assessment a vector describes (see the vector file's 'format')."""
    ratings: dict[str, Any] = {}
    for item in RUBRIC.items.values():
        ratings[item.id] = case.get("sections", {}).get(item.section_id, case["uniform"])
    ratings.update(case.get("ratings", {}))
    out: dict[str, Any] = {"standard": GBT, "ratings": ratings}
    for key in ("special_deductions", "special_bonus", "profile"):
        if key in case:
            out[key] = case[key]
    return out


def check(result: dict[str, Any], expect: dict[str, Any]) -> None:
    assert dec(result["score"]) == dec(expect["score"])
    assert result["score_text"] == f"{dec(expect['score']):.2f}"
    assert result["stars"] == expect["stars"]
    assert result["level"] == expect["level"]
    assert result["passed"] is expect["passed"]
    for key in ("earned", "applicable"):
        if key in expect:
            assert dec(result[key]) == dec(expect[key])


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_vector_through_the_api(case: dict[str, Any]) -> None:
    """Each hand-worked GB/T case gives the expected score, stars, level and verdict."""
    check(score(RUBRICS, assessment(case)), case["expect"])


@pytest.mark.parametrize("case", VECTORS["cases"][::3], ids=[c["name"] for c in VECTORS["cases"][::3]])
def test_vector_through_the_cli(case: dict[str, Any], write_assessment: Any) -> None:
    """The CLI prints the same result for a sample of the vectors, from YAML files."""
    done = run_cli("score", write_assessment(assessment(case), "yaml"))
    check(assert_clean_result(done), case["expect"])


def test_five_deductions_fail_and_say_why() -> None:
    """Five special deductions fail a raw 100, the reason says so and no level is reachable."""
    result = score(RUBRICS, assessment({"uniform": 1, "special_deductions": 5}))
    assert result["base_score"] == 100 and result["score"] == 95
    assert result["reason"] == {"code": "special-deductions-fail", "params": {"count": 5, "limit": 5}}
    assert "5 special deductions" in english(result["reason"])
    assert result["next_level"]["reachable"] is False and result["next_level"]["points_needed"] is None


def test_next_level_counts_deductions_and_bonus() -> None:
    """Points needed include the special deduction: uniform 0.85 with 1 deduction is 84; 90 needs
    a raw 90.995 - 1 ... worked: raw target 90 - 0.005 + 1 = 90.995 -> 90.995 points of 100; 85 earned -> 5.995 -> 6.00."""
    result = score(RUBRICS, assessment({"uniform": 0.85, "special_deductions": 1}))
    assert result["score"] == 84 and result["level"] == "three-star"
    assert result["next_level"]["level"] == "four-star"
    assert dec(result["next_level"]["points_needed"]) == Decimal("6.00")


def test_fix_first_ranks_clauses_by_points_lost() -> None:
    """With 5.3 at 0 and 5.1.2.2 at 0 the ranking starts with 5.3.1 (5 x 3.13/3.12 = 15.64), 5.3.2, then 5.1.2."""
    result = score(RUBRICS, assessment({"uniform": 1, "sections": {"5.3": 0}, "ratings": {"5.1.2.2": 0}}))
    ranking = [row["clause"] for row in result["fix_first"]]
    assert ranking == ["5.3.1", "5.3.2", "5.1.2"]
    first = result["fix_first"][0]
    # 5.3.1.1-5.3.1.4 carry 3.13 and 5.3.1.5 carries 3.12 (equal split of 25 to the cent)
    assert dec(first["recoverable"]) == Decimal("15.64") and dec(first["score_gain"]) == Decimal("15.64")


@pytest.mark.parametrize("case,affected", [
    ({"uniform": 0.9}, False),                                   # score = 90 whatever the split
    ({"uniform": 1, "sections": {"5.3": 0}}, False),             # only official totals matter: 75
    ({"uniform": 1, "ratings": {"5.2.1.1": 0}}, True),           # 5.2.1.1's provisional 1.46 matters
    ({"uniform": 1, "sections": {"5.3": 0}, "ratings": {"5.1.1.1": "na"}}, True),  # 5.1 shrinks by a provisional amount
])
def test_results_flag_provisional_weights_only_when_they_matter(case: dict[str, Any], affected: bool) -> None:
    """provisional_weights is true exactly when the default profile's provisional split can change the score."""
    result = score(RUBRICS, assessment(case))
    assert result["provisional_weights"] is affected
    assert result["profile"]["id"] == "default"


@pytest.mark.parametrize("key,value", [("special_deductions", -1), ("special_deductions", 1.5),
                                       ("special_deductions", True), ("special_bonus", 2),
                                       ("special_bonus", "1")])
def test_bad_special_items_are_refused(key: str, value: Any) -> None:
    """special_deductions must be a whole number >= 0 and special_bonus 0 or 1."""
    with pytest.raises(AssessmentError, match=key):
        score(RUBRICS, {"standard": GBT, "ratings": {}, key: value})


def test_special_items_belong_to_gbt_only() -> None:
    """A CTS assessment with special_deductions is refused, naming the key."""
    rubric = load_standard("cts-q-zg025-2022", RUBRICS_DIR)
    with pytest.raises(AssessmentError, match="special_deductions"):
        score({rubric.id: rubric}, {"standard": rubric.id, "ratings": {}, "special_deductions": 1})


def test_text_report_shows_deductions_and_provisional_note(write_assessment: Any) -> None:
    """The text report shows the special deduction, the level and the provisional-points note."""
    done = run_cli("score", write_assessment(assessment({"uniform": 0.8, "special_deductions": 1}), "json"),
                   "--format", "text", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "special deductions -1" in done.stdout
    assert "Compliant level" in done.stdout and "provisional" in done.stdout
