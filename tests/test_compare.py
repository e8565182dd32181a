"""Comparing two assessments (calculator/compare.py, ``aftersales compare A B``) against the
hand-worked vectors of tests/vectors/compare.json, in JSON and in the text report of both
languages, and the errors it gives."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calculator import api
from calculator.compare import compare, signed
from calculator.errors import AssessmentError, CalculatorError

from comparecases import CASES, RUBRICS, build
from conftest import assert_clean_error, assert_clean_result, run_cli

OK_CASES = [case for case in CASES if "error" not in case["expect"]]
ERROR_CASES = [case for case in CASES if "error" in case["expect"]]
SCALARS = ("score_a", "score_b", "score_diff", "score_diff_text", "level_a", "level_b", "stars_a", "stars_b",
           "stars_diff", "profiles_differ", "special_deductions_a", "special_deductions_b")


def write(tmp_path: Path, case: dict[str, Any]) -> tuple[Path, Path]:
    """The case's two files, a.json and b.json."""
    paths = []
    for side in ("a", "b"):
        path = tmp_path / f"{side}.json"
        path.write_text(json.dumps(build(case[side]), ensure_ascii=False), "utf-8")
        paths.append(path)
    return paths[0], paths[1]


def dec(value: Any) -> Any:
    return None if value is None else Decimal(str(value))


def check_one(found: dict[str, Any], expect: dict[str, Any]) -> None:
    """One comparison (of one standard) holds what the vector expects."""
    for key in SCALARS:
        if key in expect:
            want, got = expect[key], found[key]
            number = isinstance(want, (int, float)) and not isinstance(want, bool)
            assert (dec(got) == dec(want)) if number else (got == want), (key, got, want)
    rows = {row["id"]: row for row in found["sections"]}
    for section, (a, b, diff) in expect.get("sections", {}).items():
        row = rows[section]
        assert (dec(row["a"]), dec(row["b"]), dec(row["diff"])) == (dec(a), dec(b), dec(diff)), (section, row)
    for section, (a, b) in expect.get("percent", {}).items():
        assert (dec(rows[section]["percent_a"]), dec(rows[section]["percent_b"])) == (dec(a), dec(b)), section
    for section, (a, b) in expect.get("below_half", {}).items():
        assert (rows[section]["below_half_a"], rows[section]["below_half_b"]) == (a, b), section
    ratings = [{k: entry[k] for k in ("id", "a", "b")} for entry in found["items"]]
    if "items" in expect:
        assert ratings == expect["items"]
    if "items_count" in expect:
        assert len(found["items"]) == expect["items_count"]
        for entry in expect.get("items_some", []):
            assert entry in ratings, entry
    for entry in found["items"]:  # the change in percentage points where both ratings are numbers: (b - a) x 100
        numbers = all(not isinstance(entry[side], (str, type(None))) for side in ("a", "b"))
        assert (entry["change"] is None) is (not numbers), entry
        if numbers:
            assert dec(entry["change"]) == (dec(entry["b"]) - dec(entry["a"])) * 100, entry
    order = list(RUBRICS[found["standard"]].items)
    ids = [entry["id"] for entry in found["items"]]
    assert ids == sorted(ids, key=order.index), "items in the standard's order"


def check(found: dict[str, Any], expect: dict[str, Any]) -> None:
    """A comparison (single or combined) holds what the vector expects."""
    if "parts" in expect:
        assert {key: found["combined"][key] for key in expect["combined"]} == expect["combined"]
        parts = {part["standard"]: part for part in found["parts"]}
        assert set(parts) == set(expect["parts"])
        for standard, part in expect["parts"].items():
            check_one(parts[standard], part)
    else:
        check_one(found, expect)


@pytest.mark.parametrize("case", OK_CASES, ids=[c["name"] for c in OK_CASES])
def test_vector_through_python(case: dict[str, Any]) -> None:
    """compare() of a vector's two files gives the hand-worked scores, section changes and changed items."""
    check(compare(RUBRICS, build(case["a"]), build(case["b"])), case["expect"])


@pytest.mark.parametrize("case", OK_CASES, ids=[c["name"] for c in OK_CASES])
def test_vector_through_cli_json(case: dict[str, Any], tmp_path: Path) -> None:
    """``aftersales compare A B`` prints JSON holding the hand-worked comparison of a vector."""
    a, b = write(tmp_path, case)
    check(assert_clean_result(run_cli("compare", a, b)), case["expect"])


@pytest.mark.parametrize("case", OK_CASES, ids=[c["name"] for c in OK_CASES])
def test_vector_through_the_browser_api(case: dict[str, Any]) -> None:
    """api.compare_json (the page's entry point) answers the same comparison as the CLI."""
    for rubric in RUBRICS.values():
        api._RUBRICS[rubric.id] = rubric
    answer = json.loads(api.compare_json(json.dumps(build(case["a"])), json.dumps(build(case["b"]))))
    assert answer["ok"], answer
    check(answer["comparison"], case["expect"])


@pytest.mark.parametrize("case", ERROR_CASES, ids=[c["name"] for c in ERROR_CASES])
def test_error_vectors_are_refused_naming_the_problem(case: dict[str, Any], tmp_path: Path) -> None:
    """Two standards, or a combined file against a single one, are refused with the vector's code and parameters."""
    with pytest.raises(AssessmentError) as raised:
        compare(RUBRICS, build(case["a"]), build(case["b"]))
    assert raised.value.code == case["expect"]["error"]
    for key, value in case["expect"]["params"].items():
        assert raised.value.params[key] == value
    a, b = write(tmp_path, case)
    assert_clean_error(run_cli("compare", a, b), a.name, b.name)


def test_other_standard_error_names_both_standards_in_both_languages(tmp_path: Path) -> None:
    """The CLI's refusal of two standards names both standards and both files, in Chinese and in English."""
    [case] = [c for c in ERROR_CASES if c["expect"]["error"] == "compare-other-standard"]
    a, b = write(tmp_path, case)
    assert_clean_error(run_cli("compare", a, b), "GB/T 27922-2011", "CTS Q/ZG025-2022", "只能比较同一标准")
    assert_clean_error(run_cli("--lang", "en", "compare", a, b), "GB/T 27922-2011", "CTS Q/ZG025-2022",
                       "same standard")


def test_a_problem_inside_one_file_names_that_file(tmp_path: Path) -> None:
    """An unknown item in file B is refused naming file B and the item."""
    a = tmp_path / "last-year.json"
    b = tmp_path / "this-year.json"
    a.write_text(json.dumps({"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}}), "utf-8")
    b.write_text(json.dumps({"standard": "cts-q-zg025-2022", "ratings": {"9.9.9": 1}}), "utf-8")
    assert_clean_error(run_cli("--lang", "en", "compare", a, b), "this-year.json", "9.9.9")
    with pytest.raises(CalculatorError) as raised:
        compare(RUBRICS, json.loads(a.read_text()), json.loads(b.read_text()), names=("2025", "2026"))
    assert raised.value.code == "compare-in-file" and raised.value.params["name"] == "2026"


def test_the_cli_needs_two_files(tmp_path: Path) -> None:
    """``compare`` with one file is a usage error naming the missing argument."""
    a, _ = write(tmp_path, OK_CASES[0])
    assert_clean_error(run_cli("--lang", "en", "compare", a), "compare", "b")


TEXT = {
    "cts-four-items-changed": {
        "zh": ["完善程度：甲 98.28% → 乙 98.52%（+0.24 个百分点）", "5.4", "28.00", "28.70", "+0.70", "评分有变化的项（共 4 项）",
               "5.6.3.b", "不适用 → 100%", "5.2.1.c", "100% → 未评分", "七星级"],
        "en": ["Completeness: A 98.28% → B 98.52% (+0.24 percentage points)", "Items whose rating changed (4)", "not applicable → 100%",
               "100% → not rated", "Seven stars"],
    },
    "sbt-item-rule-met-this-year": {
        "zh": ["得分：甲 82.00 → 乙 84.00（+2.00）", "甲 低于 50%", "-4.00", "+6.00"],
        "en": ["Score: A 82.00 → B 84.00 (+2.00)", "A below 50%", "-4.00", "+6.00"],
    },
    "sbt-profiles-differ": {
        "zh": ["分值方案不同", "A.4"], "en": ["different weight profiles", "A.4"],
    },
    "gbt-section-halved-and-a-deduction": {
        "zh": ["特别扣分：甲 0 项 → 乙 1 项", "-12.50", "-13.50"], "en": ["Special deductions: A 0 → B 1", "-12.50"],
    },
    "combined-twelve-to-nine": {
        "zh": ["合并评级：甲 12 星 → 乙 9 星（-3）", "GB/T 27922-2011", "CTS Q/ZG025-2022", "-8.70"],
        "en": ["Combined rating: A 12 stars → B 9 stars (-3)", "-30.00"],
    },
}


@pytest.mark.parametrize("name, lang", [(name, lang) for name in TEXT for lang in ("zh", "en")])
def test_text_report_in_both_languages(name: str, lang: str, tmp_path: Path) -> None:
    """``compare --format text`` words the hand-worked changes in the chosen language, and nothing of the other."""
    [case] = [c for c in OK_CASES if c["name"] == name]
    a, b = write(tmp_path, case)
    done = run_cli("--lang", lang, "compare", a, b, "--format", "text")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    for fragment in TEXT[name][lang]:
        assert fragment in done.stdout, (fragment, done.stdout)
    if lang == "en":
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in done.stdout), done.stdout
    else:
        assert "Score" not in done.stdout and "section" not in done.stdout.lower()


@pytest.mark.parametrize("diff, text", [("0", "0.00"), ("0.004", "0.00"), ("-0.004", "0.00"), ("0.005", "+0.01"),
                                        ("-0.005", "-0.01"), ("12.5", "+12.50"), ("-13.5", "-13.50")])
def test_a_change_is_worded_with_its_sign_rounded_half_up(diff: str, text: str) -> None:
    """A change reads with two decimals, half up away from zero, a sign unless it rounds to zero."""
    assert signed(Decimal(diff)) == text


def test_help_names_the_compare_command() -> None:
    """``--help`` lists compare in both languages."""
    assert "compare 文件甲 文件乙" in run_cli("--help").stdout
    assert "compare A B" in run_cli("--lang", "en", "--help").stdout
