"""The improvement plan (calculator/plan.py): hand-worked vectors, the CLI, the follow-up of
each step in the assessment file, and minimality against a brute force over every subset."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given

from calculator.errors import AssessmentError
from calculator.plan import plan
from calculator.scoring import choose_profile, score_one

from conftest import REPO, run_cli
from strategies import RUBRICS, SETTINGS, plan_cases

VECTORS = json.loads((REPO / "tests" / "vectors" / "plan.json").read_text(encoding="utf-8"))
GBT, CTS = "gb-t-27922-2011", "cts-q-zg025-2022"


def build(case: dict[str, Any]) -> dict[str, Any]:
    """The assessment file a vector describes (see the vectors file's ``format``)."""
    if "combined" in case:
        spec = case["combined"]
        return {"assessments": [
            {"standard": GBT, "ratings": dict.fromkeys(RUBRICS[GBT].items, spec["gbt_uniform"])},
            {"standard": CTS, "ratings": dict.fromkeys(RUBRICS[CTS].items, spec["cts_uniform"])}]}
    given_ = dict(case["assessment"])
    rubric = RUBRICS[given_["standard"]]
    data: dict[str, Any] = {"standard": given_["standard"]}
    if "uniform" in given_:
        data["ratings"] = dict.fromkeys(rubric.items, given_["uniform"])
    else:
        data["ratings"] = dict(given_["ratings"])
    if given_.get("na_others"):
        for i in rubric.items:
            if i not in data["ratings"] and i not in given_.get("unrated", []):
                data["ratings"][i] = "na"
    for key in ("special_deductions", "special_bonus"):
        if key in given_:
            data[key] = given_[key]
    return data


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_plan_vectors(case: dict[str, Any]) -> None:
    """Each hand-worked plan comes out as worked: the steps in order, the score and level after."""
    made = plan(RUBRICS, build(case), case["target"])
    expect = case["expect"]
    assert made["reachable"] is expect["reachable"]
    if "steps" in expect:
        got = [{k: step[k] for k in ("item", "from", "to", "points")} for step in made["steps"]]
        assert got == expect["steps"]
    if "step_count" in expect:
        assert len(made["steps"]) == expect["step_count"]
        assert Decimal(str(made["points"])) == Decimal(str(expect["points"]))
    for key in ("score_after", "level_after", "stars_after", "reached"):
        if key in expect:
            assert made[key] == expect[key], key
    if "reason" in expect:
        assert made["reason"]["code"] == expect["reason"]


def test_cli_plan_json_shape(write_assessment: Any) -> None:
    """`plan FILE --target` prints the JSON the issue asks for: target, reachable, steps, score and level after."""
    case = VECTORS["cases"][0]
    path = write_assessment(build(case), "json")
    out = run_cli("plan", path, "--target", case["target"])
    assert out.returncode == 0, out.stderr
    made = out.json()
    assert {"target", "reachable", "steps", "score_after", "level_after"} <= set(made)
    assert made["target"] == "five-star" and made["steps"][0]["item"] == "5.1.1.b"
    assert {"item", "from", "to", "points"} <= set(made["steps"][0])


@pytest.mark.parametrize(("lang", "words"), [("zh", ["改进计划", "5.1.1.b", "40% → 100%", "完成后：完善程度 72.00%"]),
                                             ("en", ["Improvement plan", "5.1.1.b", "40% → 100%",
                                                     "After: completeness 72.00%"])])
def test_cli_plan_text(write_assessment: Any, lang: str, words: list[str]) -> None:
    """`--format text` words the plan in the chosen language, with each step and the score after."""
    path = write_assessment(build(VECTORS["cases"][0]), "json")
    out = run_cli("plan", path, "--target", "five-star", "--format", "text", "--lang", lang)
    assert out.returncode == 0, out.stderr
    for word in words:
        assert word in out.stdout


def test_cli_plan_target_from_file_and_follow_up(write_assessment: Any) -> None:
    """Without --target the file's plan.target is used, and each step carries its owner, due date and status."""
    data = build(VECTORS["cases"][0])
    data["plan"] = {"target": "five-star", "steps": {"5.1.1.b": {"owner": "张三", "due": "2027-03-31",
                                                                  "status": "in-progress"}}}
    path = write_assessment(data, "yaml")
    made = run_cli("plan", path).json()
    assert made["steps"][0] | {"owner": "张三", "due": "2027-03-31", "status": "in-progress"} == made["steps"][0]
    text = run_cli("plan", path, "--format", "text").stdout
    assert "负责人：张三；完成期限：2027-03-31；状态：进行中" in text
    assert run_cli("score", path).returncode == 0  # the plan key does not disturb scoring


@pytest.mark.parametrize(("plan_value", "code", "shown"), [
    ({"target": "ten-star"}, "plan-bad-target", "ten-star"),
    ({"target": "five-star", "steps": {"9.9.9": {}}}, "plan-step-unknown-item", "9.9.9"),
    ({"steps": {"5.1.1.a": {"status": "started"}}}, "plan-bad-status", "started"),
    ({"steps": {"5.1.1.a": {"due": "2027-02-30"}}}, "plan-bad-due", "2027-02-30"),
    ({"steps": {"5.1.1.a": {"due": "31/03/2027"}}}, "plan-bad-due", "31/03/2027"),
    ({"steps": {"5.1.1.a": {"owner": 7}}}, "plan-step-not-text", "7"),
    ({"steps": {"5.1.1.a": {"who": "x"}}}, "plan-step-unknown-key", "who"),
    ({"goal": "x"}, "plan-unknown-key", "goal"),
    ("five-star", "plan-not-mapping", "five-star"),
])
def test_bad_plan_follow_up_is_refused(write_assessment: Any, plan_value: Any, code: str, shown: str) -> None:
    """A wrong `plan` (target, item, status, date, key) is refused with a message quoting it, in both languages."""
    data = {"standard": CTS, "ratings": {"5.1.1.a": 1}, "plan": plan_value}
    with pytest.raises(AssessmentError) as caught:
        score_one(RUBRICS, data)
    assert caught.value.code == code
    path = write_assessment(data, "json")
    for lang in ("zh", "en"):
        out = run_cli("score", path, "--lang", lang)
        assert out.returncode == 2 and shown in out.stderr


def test_no_target_anywhere_is_refused(write_assessment: Any) -> None:
    """`plan` without --target on a file without plan.target says so and lists the levels."""
    path = write_assessment({"standard": CTS, "ratings": {}}, "json")
    out = run_cli("plan", path, "--lang", "en")
    assert out.returncode == 2 and "--target" in out.stderr and "seven-star" in out.stderr


def _gain(data: dict[str, Any], item: str, to: Fraction) -> Fraction:
    """What raising ``item`` to ``to`` adds to the earned total, in the standard's points,
    worked out here from the rules (SB/T: the item's points x the condition's share of its
    applicable condition points)."""
    rubric = RUBRICS[data["standard"]]
    profile = choose_profile(rubric, data.get("profile"))
    raw = data["ratings"].get(item, 0)
    before = Fraction(Decimal(str(raw)))
    points = Fraction(profile.items[item].points)
    if rubric.model != "sbt-10401":
        return points * (to - before)
    section = next(s for s in rubric.sections for c in s.clauses for i in c.items if i.id == item)
    available = sum((Fraction(profile.items[i.id].points) for c in section.clauses for i in c.items
                     if data["ratings"].get(i.id, 0) != "na"), Fraction(0))
    return Fraction(profile.sections[section.id].points) * points * (to - before) / available


def _reached(result: dict[str, Any], target: str) -> bool:
    rubric = RUBRICS[result["standard"]]
    bound = {lv.id: lv.min for lv in rubric.levels}
    return bool(result["passed"]) and bound[result["level"]] >= bound[target]


@SETTINGS
@given(plan_cases())
def test_plan_is_minimal_against_brute_force(case: tuple[dict[str, Any], str]) -> None:
    """No subset of raises with fewer steps reaches the target, and none of the same length needs fewer points."""
    data, target = case
    rubric = RUBRICS[data["standard"]]
    profile = choose_profile(rubric, data.get("profile"))
    open_items = [i for i in rubric.items if i in profile.items and data["ratings"].get(i, 0) != "na"
                  and Fraction(Decimal(str(data["ratings"].get(i, 0)))) < 1]
    made = plan(RUBRICS, data, target)
    best: tuple[int, Fraction] | None = None
    for size in range(len(open_items) + 1):
        for subset in itertools.combinations(open_items, size):
            raised = {**data, "ratings": {**data["ratings"], **dict.fromkeys(subset, 1)}}
            if _reached(score_one(RUBRICS, raised), target):
                points = sum((_gain(data, i, Fraction(1)) for i in subset), Fraction(0))
                best = (size, points) if best is None or points < best[1] else best
        if best is not None:
            break
    if best is None:
        assert not made["reachable"]
        return
    assert made["reachable"]
    assert len(made["steps"]) == best[0]
    planned = sum((_gain(data, s["item"], Fraction(Decimal(str(s["to"])))) for s in made["steps"]), Fraction(0))
    if rubric.model == "sbt-10401":
        assert planned <= best[1]  # a step may ask less than full marks (the 50% item rule)
    else:
        assert planned == best[1]
    after = {**data, "ratings": {**data["ratings"], **{s["item"]: s["to"] for s in made["steps"]}}}
    assert _reached(score_one(RUBRICS, after), target)
