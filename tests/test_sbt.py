"""Scoring by SB/T 10401-2006 (clause 4, A.10 / B.10), checked against hand-worked vectors.

The vectors (tests/vectors/sb-t-10401-2006.json) are run through the Python API
(``calculator.scoring.score`` with the rubric from ``calculator.loaders.load_standard``)
and through the CLI. Their expectations are also re-derived here by an independent
item-level computation from the standard's tables, typed in below from public copies of
the standard's Chinese text (never read from the shipped profiles).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from calculator.errors import AssessmentError
from calculator.loaders import load_standard
from calculator.scoring import score

from conftest import REPO, RUBRICS_DIR, assert_clean_result, dec, english

SBT = "sb-t-10401-2006"
VECTORS = REPO / "tests" / "vectors" / f"{SBT}.json"
DOC = json.loads(VECTORS.read_text(encoding="utf-8"))
CASES = DOC["cases"]
CASE_IDS = [case["name"] for case in CASES]
YAML_CASES = ["exactly-70-compliant", "fmcg-unscored-items-rated-zero", "sales-item-rule",
              "excluded-item-and-complaints-lost"]

DEFAULT = "production-durable"
# Item (单项) points, typed in from public copies: Table A.1 (durable), Table A.2 (fast-moving;
# A.4, A.5, A.7 not scored) and the sales profile's provisional Appendix B points.
TABLES: dict[str, dict[str, int]] = {
    "production-durable": {"A.1": 6, "A.2": 6, "A.3": 8, "A.4": 10, "A.5": 20, "A.6": 30, "A.7": 10, "A.8": 10},
    "production-fmcg": {"A.1": 12, "A.2": 12, "A.3": 20, "A.6": 40, "A.8": 16},
    "sales": {"B.1": 6, "B.2": 6, "B.3": 8, "B.4": 20, "B.5": 10, "B.6": 30, "B.7": 10, "B.8": 10},
}
ROW_KEYS = {"id", "points", "score", "percent", "below_half", "applicable"}

RUBRIC = load_standard(SBT, RUBRICS_DIR)
RUBRICS = {SBT: RUBRIC}


def conditions(section_id: str) -> list[str]:
    """The condition ids of one item, in the standard's order."""
    section = next(s for s in RUBRIC.sections if s.id == section_id)
    return [item.id for clause in section.clauses for item in clause.items]


def profile_of(case: dict[str, Any]) -> str:
    return case.get("profile", DEFAULT)


def build(case: dict[str, Any]) -> dict[str, Any]:
    """The assessment a case describes (see the vectors file's `format`)."""
    letter = "B." if profile_of(case) == "sales" else "A."
    ratings: dict[str, Any] = {}
    if "uniform" in case:
        ratings.update({i: case["uniform"] for i in RUBRIC.items if i.startswith(letter)})
    for section_id, value in case.get("sections", {}).items():
        for item_id in conditions(section_id):
            if value is None:
                ratings.pop(item_id, None)
            else:
                ratings[item_id] = value
    for item_id, value in case.get("ratings", {}).items():
        if value is None:
            ratings.pop(item_id, None)
        else:
            ratings[item_id] = value
    data: dict[str, Any] = {"standard": SBT}
    if "profile" in case:
        data["profile"] = case["profile"]
    data["ratings"] = ratings
    return data


def half_up(value: Fraction) -> Decimal:
    """Round a non-negative exact value half up to 0.01 (integer arithmetic)."""
    return Decimal(math.floor(value * 100 + Fraction(1, 2))) / 100


def ceil_cents(value: Fraction) -> Decimal:
    return Decimal(math.ceil(max(value, Fraction(0)) * 100)) / 100


def reference(case: dict[str, Any]) -> dict[str, Any]:
    """An independent item-level A.10 computation from the typed-in tables.

    Every case rates an item's applicable conditions alike, so the item's share is that
    one rating whatever the split of its points among the conditions.
    """
    ratings = build(case)["ratings"]
    earned = applicable = shortfall = Fraction(0)
    below: list[str] = []
    rows: dict[str, Any] = {}
    for section_id, points in TABLES[profile_of(case)].items():
        values = [ratings.get(i, 0) for i in conditions(section_id)]
        rated = {Fraction(str(v)) for v in values if v != "na"}
        if not rated:
            rows[section_id] = {"points": points, "score": None, "percent": None, "below_half": False,
                                "applicable": False}
            continue
        assert len(rated) == 1, f"{case['name']}: {section_id} is not rated alike"
        share = rated.pop()
        item_score = points * share
        item_percent = half_up(share * 100)
        if item_percent < 50:
            below.append(section_id)
            shortfall += points * Fraction(49995, 100000) - item_score
        earned += item_score
        applicable += points
        rows[section_id] = {"points": points, "score": half_up(item_score), "percent": item_percent,
                            "below_half": item_percent < 50, "applicable": True}
    total = half_up(earned * 100 / applicable)
    passed = total >= 70 and not below
    needed = None if passed else ceil_cents(max(Fraction(69995, 1000) * applicable / 100 - earned, shortfall))
    return {"score": total, "passed": passed, "below": below, "earned": earned, "applicable": applicable,
            "rows": rows, "points_needed": needed}


def check_expect(result: dict[str, Any], case: dict[str, Any]) -> None:
    """Compare a result with a vector's ``expect`` (numbers compared as exact decimals)."""
    expect = case["expect"]
    profile = profile_of(case)
    assert result["standard"] == SBT and result["model"] == "sbt-10401"
    assert result["profile"]["id"] == profile
    assert dec(result["score"]) == dec(expect["score"])
    assert result["score_text"] == f"{dec(expect['score']):.2f}"
    assert result["level"] == expect["level"]
    assert result["passed"] is expect["passed"]
    assert result["stars"] is None
    assert result["items_below_half"] == expect["items_below_half"]
    if expect["passed"]:
        assert result["reason"] is None and result["next_level"] is None
    else:
        assert result["reason"]
        reason = english(result["reason"])
        for fragment in expect.get("reason_has", []):
            assert fragment in reason, (fragment, reason)
        assert result["next_level"]["level"] == "compliant"
        assert dec(result["next_level"]["min_score"]) == 70
        assert result["next_level"]["items_below_half"] == expect["items_below_half"]
    for key in ("earned", "applicable"):
        if key in expect:
            assert dec(result[key]) == dec(expect[key]), key
    if "unrated_count" in expect:
        assert len(result["unrated"]) == expect["unrated_count"]
    if "excluded_count" in expect:
        assert len(result["excluded_items"]) == expect["excluded_count"]
    if "not_scored_sections" in expect:
        assert result["not_scored"] == [i for s in expect["not_scored_sections"] for i in conditions(s)]
    if "provisional_weights" in expect:
        assert result["provisional_weights"] is expect["provisional_weights"]
    if "points_needed" in expect:
        assert dec(result["next_level"]["points_needed"]) == dec(expect["points_needed"])
    rows = {row["id"]: row for row in result["item_scores"]}
    assert list(rows) == list(TABLES[profile])
    for section_id, fields in expect.get("item_scores", {}).items():
        for key, value in fields.items():
            got = rows[section_id][key]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert dec(got) == dec(value), (section_id, key, got)
            else:
                assert got == value, (section_id, key, got)


# --- the vectors file ------------------------------------------------------------------


def test_vectors_file_is_well_formed():
    """The vectors file states its origin and format, and every case has the documented shape and real ids."""
    assert set(DOC) == {"origin", "format", "cases"}
    assert "by hand" in DOC["origin"] and "A.10" in DOC["origin"] and "Table A.2" in DOC["origin"]
    assert len(set(CASE_IDS)) == len(CASE_IDS)
    sections = {s.id for s in RUBRIC.sections}
    for case in CASES:
        assert set(case) <= {"name", "working", "profile", "uniform", "sections", "ratings", "expect"}, case["name"]
        assert case["working"].strip(), case["name"]
        assert profile_of(case) in TABLES
        assert set(case.get("sections", {})) <= sections
        assert set(case.get("ratings", {})) <= set(RUBRIC.items)
        assert {"score", "level", "passed", "items_below_half"} <= set(case["expect"]), case["name"]


def test_vectors_cover_the_required_rules():
    """The cases cover 70.00 / 69.99 / a 69.999 that rounds up, the 50% boundary both ways and all three tables."""
    scores = {(dec(c["expect"]["score"]), c["expect"]["passed"]) for c in CASES}
    assert {(Decimal(70), True), (Decimal("69.99"), False), (Decimal(82), False)} <= scores
    names = set(CASE_IDS)
    assert {"total-69.999-rounds-to-70", "item-at-49.99-percent-fails", "item-at-49.995-percent-rounds-to-50",
            "unrated-item-counts-zero", "whole-item-excluded", "excluded-item-and-complaints-lost"} <= names
    assert {profile_of(c) for c in CASES} == set(TABLES)
    assert any("profile" not in c for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_hand_values_follow_a10(case):
    """Each hand-worked expectation agrees with an independent item-level A.10 computation."""
    ref = reference(case)
    expect = case["expect"]
    assert dec(expect["score"]) == ref["score"]
    assert expect["passed"] is ref["passed"]
    assert expect["level"] == ("compliant" if ref["passed"] else "non-compliant")
    assert expect["items_below_half"] == ref["below"]
    if "earned" in expect:
        assert Fraction(str(expect["earned"])) == ref["earned"]
    if "applicable" in expect:
        assert dec(expect["applicable"]) == ref["applicable"]
    if "points_needed" in expect:
        assert dec(expect["points_needed"]) == ref["points_needed"]
    for section_id, fields in expect.get("item_scores", {}).items():
        for key, value in fields.items():
            want = ref["rows"][section_id][key]
            assert (value if value is None or isinstance(value, bool) else dec(value)) == want, (section_id, key)


# --- the vectors through the API and the CLI -------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_through_api(case):
    """calculator.scoring.score gives the vector's total, verdict, item rows and lists."""
    check_expect(score(RUBRICS, build(case)), case)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_through_cli_json(case, cli, write_assessment):
    """`python -m calculator score FILE.json` prints the vector's expected result and exits 0."""
    run = cli("score", write_assessment(build(case), "json"))
    check_expect(assert_clean_result(run), case)


@pytest.mark.parametrize("case", [c for c in CASES if c["name"] in YAML_CASES],
                         ids=[n for n in CASE_IDS if n in YAML_CASES])
def test_vector_through_cli_yaml(case, cli, write_assessment):
    """The same assessment written as YAML scores the same through the CLI."""
    path = write_assessment(build(case), "yaml")
    assert not path.read_text(encoding="utf-8").lstrip().startswith("{")
    run = cli("score", path)
    check_expect(assert_clean_result(run), case)


def test_yaml_cases_exist():
    """Every case named for the YAML run exists in the vectors file."""
    assert set(YAML_CASES) <= set(CASE_IDS)


# --- the result's shape ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_item_rows_are_complete_and_consistent(case):
    """Every scored item has one row with points, score, percent, below_half, applicable; the flags agree."""
    result = score(RUBRICS, build(case))
    rows = result["item_scores"]
    assert [row["id"] for row in rows] == list(TABLES[profile_of(case)])
    for row in rows:
        assert set(row) == ROW_KEYS, row
        assert dec(row["points"]) == TABLES[profile_of(case)][row["id"]]
        if row["applicable"]:
            assert 0 <= dec(row["score"]) <= dec(row["points"])
            assert 0 <= dec(row["percent"]) <= 100
            assert row["below_half"] is (dec(row["percent"]) < 50)
        else:
            assert (row["score"], row["percent"], row["below_half"]) == (None, None, False)
    assert result["items_below_half"] == [row["id"] for row in rows if row["below_half"]]
    assert dec(result["applicable"]) == sum(dec(row["points"]) for row in rows if row["applicable"])


def test_fmcg_ratings_on_unscored_items_change_nothing():
    """Under Table A.2 any ratings of A.4, A.5, A.7 (0, 1, na, partial or none) leave the whole result alone."""
    base = {"name": "x", "profile": "production-fmcg", "uniform": 0.8, "sections": {"A.6": 0.45}}
    plain_result = score(RUBRICS, build({**base, "sections": {**base["sections"], "A.4": None, "A.5": None,
                                                                "A.7": None}}))
    for value in (0, 1, "na", 0.3):
        other = score(RUBRICS, build({**base, "sections": {**base["sections"], "A.4": value, "A.5": value,
                                                             "A.7": value}}))
        assert other == plain_result, value
    # 0.8 x 60 + 0.45 x 40 = 48 + 18 = 66 -> 66.00; A.6 at 45% below half
    assert dec(plain_result["score"]) == 66 and plain_result["items_below_half"] == ["A.6"]


def test_default_profile_is_production_durable():
    """An assessment without `profile` is scored with Table A.1 (production-durable)."""
    case = {"name": "x", "uniform": 1, "sections": {"A.7": 0}}
    named = score(RUBRICS, build({**case, "profile": "production-durable"}))
    unnamed = score(RUBRICS, build(case))
    assert unnamed["profile"]["id"] == "production-durable"
    assert unnamed == named
    # A.7 (10) lost: 90.00, A.7 below half
    assert dec(unnamed["score"]) == 90 and unnamed["items_below_half"] == ["A.7"]


def test_cli_profile_option_equals_profile_key(cli, write_assessment):
    """`--profile production-fmcg` scores like `profile: production-fmcg` in the file."""
    case = next(c for c in CASES if c["name"] == "fmcg-item-rule")
    data = build(case)
    keyed = cli("score", write_assessment(data, name="keyed"))
    unkeyed_data = {k: v for k, v in data.items() if k != "profile"}
    flagged = cli("score", write_assessment(unkeyed_data, name="flagged"), "--profile", "production-fmcg")
    assert keyed.returncode == flagged.returncode == 0, flagged.stderr
    assert keyed.json() == flagged.json()
    check_expect(flagged.json(), case)


def test_text_report_shows_item_scores(cli, write_assessment):
    """`--format text` lists the item rows and flags the item below half, in English and Chinese."""
    case = next(c for c in CASES if c["name"] == "item-rule-fails-a-total-of-82")
    path = write_assessment(build(case))
    en = cli("score", path, "--format", "text", "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "Score: 82.00" in en.stdout and "Item scores" in en.stdout and "below 50%" in en.stdout
    assert "Not compliant" in en.stdout and "failed" in en.stdout
    zh = cli("score", path, "--format", "text")
    assert zh.returncode == 0, zh.stderr
    assert "得分：82.00" in zh.stdout and "单项得分" in zh.stdout and "低于 50%" in zh.stdout


def test_all_conditions_na_is_refused(cli, write_assessment):
    """When every scored condition is 'na' there is no denominator: a clean error, not a division by zero."""
    data = build({"name": "x", "uniform": "na"})
    with pytest.raises(AssessmentError, match="nothing applies"):
        score(RUBRICS, data)
    run = cli("--lang", "en", "score", write_assessment(data))
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith("error: nothing applies")


def test_items_listed_for_each_profile(cli):
    """`items sb-t-10401-2006` lists the 78 Appendix A conditions by default and the 52 Appendix B ones for sales."""
    default = cli("items", SBT)
    assert default.returncode == 0, default.stderr
    # A.1 11, A.2 11, A.3 12, A.4 8, A.5 14, A.6 6, A.7 9, A.8 7 conditions
    assert default.stdout.split() == [i for s in TABLES["production-durable"] for i in conditions(s)]
    assert len(default.stdout.split()) == 78
    sales = cli("items", SBT, "--profile", "sales")
    assert sales.returncode == 0, sales.stderr
    # B.1 10, B.2 10, B.3 5, B.4 3, B.5 6, B.6 5, B.7 8, B.8 5 conditions
    assert sales.stdout.split() == [i for s in TABLES["sales"] for i in conditions(s)]
    assert len(sales.stdout.split()) == 52


def test_one_item_below_half_is_worded_in_the_singular_and_the_next_line_names_what_it_needs() -> None:
    """A total above 70 held back by one item below 50%: singular wording, and the points are what that item needs."""
    # Table A.1: A.3 carries 8 points; at 40% it earns 3.2 of the 4 it needs (50%), 0.80 short.
    # The other items are fully met, so the total is 100 - 8 x 60% = 95.20, above the 70 of A.10.
    result = score(RUBRICS, build({"uniform": 1, "sections": {"A.3": 0.4}}))
    assert result["score_text"] == "95.20" and result["items_below_half"] == ["A.3"]
    assert result["reason"]["code"] == "items-below-half-one"
    assert english(result["reason"]) == "an item below 50% of its points: A.3 (total 95.20)"
    assert result["next_message"]["code"] == "next-items-only-one"
    line = english(result["next_message"])
    assert "the total is already enough" in line and "A.3 must reach 50% of its points" in line
    assert "0.80 more points" in line and " each " not in line


def test_several_items_below_half_keep_the_plural_and_a_low_total_keeps_its_own_line() -> None:
    """Two items below 50% read in the plural; with the total below 70 too, the line asks for total points."""
    result = score(RUBRICS, build({"uniform": 1, "sections": {"A.3": 0.4, "A.1": 0.4}}))
    assert result["reason"]["code"] == "items-below-half"
    assert result["next_message"]["code"] == "next-items-only"
    low = score(RUBRICS, build({"uniform": 0.6, "sections": {"A.3": 0.4}}))
    assert low["score"] < 70 and low["reason"]["code"] == "total-and-items-below-one"
    assert low["next_message"]["code"] == "next-reachable-items-one"
    assert "A.3 must reach 50% of its points" in english(low["next_message"])


def test_result_carries_earned_and_applicable_as_people_read_them() -> None:
    """earned_text, applicable_text and excluded_text are the exact amounts rounded half up to two decimals."""
    result = score(RUBRICS, build({"uniform": 1, "sections": {"A.3": 0.4}}))
    # 100 - 8 x 0.6 = 95.2 earned of 100 applicable, nothing excluded
    assert (result["earned_text"], result["applicable_text"], result["excluded_text"]) == ("95.20", "100.00", "0.00")
    for row in result["fix_first"]:
        assert row["recoverable_text"] == f"{Decimal(str(row['recoverable'])).quantize(Decimal('0.01'), rounding='ROUND_HALF_UP'):.2f}"
