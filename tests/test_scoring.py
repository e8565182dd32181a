"""Scoring by CTS Q/ZG025-2022 clause 6, checked against hand-worked vectors.

The vectors (tests/vectors/cts-q-zg025-2022.json) are run through the Python API
(``calculator.scoring.score``) and through the CLI (``python -m calculator score FILE``,
as JSON and, for some, as YAML). The other tests check the parts of a result that the
vectors do not: the per-clause breakdown, ``unrated``, ``excluded_items``,
``next_level`` and ``fix_first``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from calculator.explain import fix_first, points_needed
from calculator.numbers import percent, round_half_up
from calculator.scoring import score

from conftest import CTS, LEVELS_6_3, assert_clean_result, dec, level_6_3, load_vectors, reference_score, vector_cases

CASES = vector_cases()
CASE_IDS = [case["name"] for case in CASES]
YAML_CASES = ["boundary-60.00", "half-up-8-64.995", "worked-exclusions-five-stars", "unrated-last-four",
              "all-0.7"]


def check_expect(result: dict[str, Any], expect: dict[str, Any]) -> None:
    """Compare a result with a vector's ``expect`` (numbers compared as exact decimals)."""
    assert dec(result["score"]) == dec(expect["score"])
    assert result["score_text"] == f"{dec(expect['score']):.2f}"
    assert result["stars"] == expect["stars"]
    assert result["level"] == expect["level"]
    assert result["passed"] is expect["passed"]
    assert dec(result["earned"]) == dec(expect["earned"])
    assert dec(result["applicable"]) == dec(expect["applicable"])
    assert len(result["unrated"]) == expect.get("unrated_count", 0)


def ratings_of(values: dict[str, Any]) -> dict[str, Any]:
    return {"standard": CTS, "ratings": values}


def uniform(item_ids: list[str], value: Any) -> dict[str, Any]:
    return ratings_of(dict.fromkeys(item_ids, value))


def first_n(item_ids: list[str], spec: list[tuple[int, Any]]) -> dict[str, Any]:
    """Ratings laid out in rubric order: ``[(52, 1), (1, 0.79), (35, 0)]``."""
    values = [value for count, value in spec for _ in range(count)]
    assert len(values) <= len(item_ids)
    return ratings_of(dict(zip(item_ids, values)))


# --- the vectors file ------------------------------------------------------------------


def test_vectors_file_is_well_formed(item_ids):
    """The vectors file states its origin and every case has the documented shape and real item ids."""
    doc = load_vectors()
    assert set(doc) == {"origin", "cases"}
    assert "by hand" in doc["origin"] and "6.2" in doc["origin"] and "6.3" in doc["origin"]
    assert len(set(CASE_IDS)) == len(CASE_IDS)
    for case in CASES:
        assert set(case) == {"name", "working", "assessment", "expect"}, case["name"]
        assert case["working"].strip(), case["name"]
        assert set(case["assessment"]) == {"standard", "ratings"}, case["name"]
        assert case["assessment"]["standard"] == CTS
        assert set(case["assessment"]["ratings"]) <= set(item_ids), case["name"]
        expect = case["expect"]
        assert {"score", "stars", "level", "passed", "earned", "applicable"} <= set(expect) <= {
            "score", "stars", "level", "passed", "earned", "applicable", "unrated_count"}, case["name"]


def test_vectors_cover_every_level_boundary():
    """Both sides of every 6.3 bound (59.99/60.00 ... 79.99/80.00) appear among the expected scores."""
    scores = {dec(case["expect"]["score"]) for case in CASES}
    for bound, *_ in LEVELS_6_3[1:]:
        assert bound in scores
        assert bound - Decimal("0.01") in scores


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_hand_values_follow_clause_6(case, item_ids):
    """Each hand-worked expectation agrees with an independent exact 6.2 b) / 6.3 computation."""
    earned, applicable, expected_score = reference_score(case["assessment"]["ratings"], item_ids)
    expect = case["expect"]
    assert dec(expect["earned"]) == Decimal(earned.numerator) / Decimal(earned.denominator)
    assert dec(expect["applicable"]) == applicable
    assert dec(expect["score"]) == expected_score
    _, level, stars, passed = level_6_3(expected_score)
    assert (expect["level"], expect["stars"], expect["passed"]) == (level, stars, passed)


# --- the vectors through the API and the CLI -------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_through_api(case, rubrics, item_ids):
    """calculator.scoring.score gives the vector's score, stars, level, verdict, earned and applicable."""
    result = score(rubrics, case["assessment"])
    check_expect(result, case["expect"])
    rated = case["assessment"]["ratings"]
    assert result["unrated"] == [item_id for item_id in item_ids if item_id not in rated]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_through_cli_json(case, cli, write_assessment):
    """`python -m calculator score FILE.json` prints the vector's expected result as JSON and exits 0."""
    run = cli("score", write_assessment(case["assessment"], "json"))
    check_expect(assert_clean_result(run), case["expect"])


@pytest.mark.parametrize("case", [c for c in CASES if c["name"] in YAML_CASES],
                         ids=[n for n in CASE_IDS if n in YAML_CASES])
def test_vector_through_cli_yaml(case, cli, write_assessment):
    """The same assessment written as YAML scores the same through the CLI."""
    path = write_assessment(case["assessment"], "yaml")
    assert not path.read_text(encoding="utf-8").lstrip().startswith("{")
    run = cli("score", path)
    check_expect(assert_clean_result(run), case["expect"])


def test_yaml_cases_exist():
    """Every case named for the YAML run exists in the vectors file."""
    assert set(YAML_CASES) <= set(CASE_IDS)


# --- the breakdown -----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_breakdown_adds_up(case, rubrics, rubric):
    """Clause and section rows add up to earned/applicable, and lost = available - earned on every row."""
    result = score(rubrics, case["assessment"])
    for rows in (result["clauses"], result["sections"]):
        assert sum(dec(row["earned"]) for row in rows) == dec(result["earned"])
        assert sum(dec(row["available"]) for row in rows) == dec(result["applicable"])
        assert sum(dec(row["excluded"]) for row in rows) == dec(result["excluded"])
        for row in rows:
            assert dec(row["lost"]) == dec(row["available"]) - dec(row["earned"])
            assert dec(row["available"]) == dec(row["points"]) - dec(row["excluded"])
    assert [row["id"] for row in result["clauses"]] == [c.id for s in rubric.sections for c in s.clauses]
    assert sum(dec(item["earned"]) for item in result["items"]) == dec(result["earned"])
    assert dec(result["applicable"]) + dec(result["excluded"]) == dec(result["total"]) == 88
    by_clause: dict[str, Decimal] = {}
    for item in result["items"]:
        by_clause[item["clause"]] = by_clause.get(item["clause"], Decimal(0)) + dec(item["earned"])
    assert {row["id"]: dec(row["earned"]) for row in result["clauses"]} == by_clause


# --- unrated and excluded items ------------------------------------------------------------


def test_unrated_lists_exactly_the_missing_ids_in_rubric_order(rubrics, item_ids):
    """`unrated` holds exactly the ids not rated, in the rubric's order even when ratings come reversed."""
    rated = item_ids[::3]
    data = ratings_of(dict.fromkeys(reversed(rated), 1))
    result = score(rubrics, data)
    assert result["unrated"] == [item_id for item_id in item_ids if item_id not in rated]
    shown = {item["id"]: item["rating"] for item in result["items"]}
    assert all(shown[item_id] is None for item_id in result["unrated"])
    # unrated items stay applicable and earn 0: 30 of 88 rated 1 -> 30/88 = 34.0909... -> 34.09
    assert dec(result["applicable"]) == 88 and dec(result["earned"]) == 30
    assert dec(result["score"]) == Decimal("34.09")


def test_rating_an_unrated_item_zero_changes_only_the_unrated_list(rubrics, item_ids):
    """An explicit 0 scores like an absent rating; only `unrated` tells them apart."""
    absent = score(rubrics, ratings_of(dict.fromkeys(item_ids[:50], 1)))
    zeros = score(rubrics, ratings_of({item_id: (1 if i < 50 else 0) for i, item_id in enumerate(item_ids)}))
    assert absent["unrated"] == item_ids[50:] and zeros["unrated"] == []
    for key in ("score", "earned", "applicable", "level", "stars", "passed", "next_level", "fix_first", "clauses"):
        assert absent[key] == zeros[key], key


def test_excluded_items_listed_in_rubric_order(rubrics, item_ids):
    """`excluded_items` lists the 'na' items in rubric order, and they leave the denominator."""
    na = ["5.6.3.b", "5.4.5.i", "5.1.1.a", "5.3.1.1.b"]
    values = dict.fromkeys(item_ids, 1)
    values.update(dict.fromkeys(na, "na"))
    result = score(rubrics, ratings_of(values))
    assert result["excluded_items"] == ["5.1.1.a", "5.3.1.1.b", "5.4.5.i", "5.6.3.b"]
    assert dec(result["excluded"]) == 4 and dec(result["applicable"]) == 84
    assert dec(result["score"]) == 100 and result["unrated"] == []
    flags = {item["id"]: (item["applicable"], item["rating"]) for item in result["items"]}
    assert all(flags[item_id] == (False, "na") for item_id in na)
    clause = {row["id"]: row for row in result["clauses"]}["5.4.5"]
    assert (clause["points"], clause["excluded"], clause["available"], clause["lost"]) == (9, 1, 8, 0)


def test_na_spelling_is_case_insensitive(rubrics, item_ids):
    """'NA' and ' na ' exclude an item just like 'na'."""
    values = dict.fromkeys(item_ids, 1)
    values.update({item_ids[0]: "NA", item_ids[1]: " na "})
    result = score(rubrics, ratings_of(values))
    assert result["excluded_items"] == item_ids[:2] and dec(result["applicable"]) == 86


# --- next level ------------------------------------------------------------------------------

NEXT_LEVEL = [
    # (name, spec in rubric order, current level, next level, min, points needed: worked by hand)
    # 60 of 88 = 68.18 (four); five stars needs raw >= 69.995: 69.995 x 0.88 = 61.5956 -> 1.5956 -> 1.60
    ("60-of-88", [(60, 1), (28, 0)], "four-star", "five-star", 70, "1.6"),
    # 65 of 88 = 73.86 (five); six stars: 74.995 x 0.88 = 65.9956 -> 0.9956 -> 1.00
    ("65-of-88", [(65, 1), (23, 0)], "five-star", "six-star", 75, "1"),
    # 52.79 of 88 = 59.99 (fail); three stars: 59.995 x 0.88 = 52.7956 -> 0.0056 -> 0.01
    ("59.99", [(52, 1), (1, 0.79), (35, 0)], "fail", "three-star", 60, "0.01"),
    # 0 of 88: 52.7956 -> 52.80
    ("nothing", [(88, 0)], "fail", "three-star", 60, "52.8"),
    # 52.7956 of 88 = 59.995 -> 60.00 (three); four stars: 64.995 x 0.88 = 57.1956 -> 4.4 exactly
    ("rounded-up-to-60", [(52, 1), (1, 0.7956), (35, 0)], "three-star", "four-star", 65, "4.4"),
    # 25.996 of 40 = 64.99 (three); four stars: 64.995 x 0.4 = 25.998 -> 0.002 -> 0.01
    ("40-applicable", [(48, "na"), (25, 1), (1, 0.996), (14, 0)], "three-star", "four-star", 65, "0.01"),
    # 70.39 of 88 = 79.99 (six); seven stars: 79.995 x 0.88 = 70.3956 -> 0.0056 -> 0.01
    ("79.99", [(70, 1), (1, 0.39), (17, 0)], "six-star", "seven-star", 80, "0.01"),
]


@pytest.mark.parametrize("name,spec,current,nxt,minimum,needed", NEXT_LEVEL, ids=[n[0] for n in NEXT_LEVEL])
def test_next_level_points_needed(name, spec, current, nxt, minimum, needed, rubrics, item_ids):
    """next_level names the level above and the hand-worked points needed to reach it."""
    result = score(rubrics, first_n(item_ids, spec))
    assert result["level"] == current
    assert result["next_level"]["level"] == nxt
    assert dec(result["next_level"]["min_score"]) == minimum
    assert dec(result["next_level"]["points_needed"]) == Decimal(needed)
    # adding the points reaches the level; 0.01 less does not
    earned, applicable = dec(result["earned"]), dec(result["applicable"])
    assert percent(earned + Decimal(needed), applicable) >= minimum
    assert percent(earned + Decimal(needed) - Decimal("0.01"), applicable) < minimum


def test_next_level_is_none_at_the_top(rubrics, item_ids):
    """At seven stars there is no next level."""
    assert score(rubrics, uniform(item_ids, 1))["next_level"] is None
    assert score(rubrics, first_n(item_ids, [(70, 1), (1, 0.4), (17, 0)]))["next_level"] is None


def test_points_needed_worked_example():
    """points_needed: 60 of 88 needs 65.9956 for 75, so 5.9956, rounded up to 6.00."""
    assert points_needed(Decimal(75), Decimal(60), Decimal(88)) == Decimal("6.00")
    assert points_needed(Decimal(70), Decimal(60), Decimal(88)) == Decimal("1.60")
    assert points_needed(Decimal(60), Decimal(70), Decimal(88)) == 0


# --- fix first -------------------------------------------------------------------------------


def test_fix_first_most_lost_first_ties_in_standard_order(rubrics, item_ids):
    """fix_first ranks clauses by points lost (unrated counts, na does not), ties in standard order."""
    values = dict.fromkeys(item_ids, 1)
    for item_id in item_ids:
        if item_id.startswith("5.4.5."):
            values[item_id] = 0                      # 5.4.5: 9 lost
    values["5.6.3.a"] = values["5.6.3.b"] = 0        # 5.6.3: 2 lost
    values["5.3.4.a"] = 0                            # 5.3.4: 1 lost
    del values["5.1.1.c"]                            # 5.1.1: 1 lost (unrated), before 5.3.4
    values["5.2.1.a"] = 0.5                          # 5.2.1: 0.5 lost
    values["5.5.3.a"] = 0.5                          # 5.5.3: 0.5 + 0.5
    values["5.5.3.b"] = 0.5
    values["5.1.2.a"] = "na"                         # excluded: nothing lost
    result = score(rubrics, ratings_of(values))
    ranked = [(row["clause"], dec(row["recoverable"])) for row in result["fix_first"]]
    assert ranked == [("5.4.5", 9), ("5.6.3", 2), ("5.1.1", 1), ("5.3.4", 1), ("5.5.3", 1),
                      ("5.2.1", Decimal("0.5"))]
    # 88 - 1 na = 87 applicable; lost 9 + 2 + 1 + 1 + 1 + 0.5 = 14.5; earned 72.5
    # 72.5 / 87 x 100 = 83.3333... -> 83.33
    assert dec(result["earned"]) == Decimal("72.5") and dec(result["applicable"]) == 87
    assert dec(result["score"]) == Decimal("83.33")


def test_fix_first_empty_when_nothing_lost(rubrics, item_ids):
    """With every applicable item at 1, there is nothing to fix."""
    values = dict.fromkeys(item_ids, 1)
    values[item_ids[5]] = "na"
    assert score(rubrics, ratings_of(values))["fix_first"] == []


# --- float traps and output format ---------------------------------------------------------


def test_every_item_0_7_is_exactly_70(rubrics, item_ids, cli, write_assessment):
    """Every item at 0.7 gives exactly 70.00 and five stars (not 69.99), in the API and the CLI."""
    data = uniform(item_ids, 0.7)
    for result in (score(rubrics, data), cli("score", write_assessment(data)).json()):
        assert result["score"] == 70 and result["score_text"] == "70.00"
        assert result["level"] == "five-star" and result["stars"] == 5
        assert dec(result["earned"]) == Decimal("61.6")


def test_every_item_0_955_is_95_5(rubrics, item_ids, cli, write_assessment):
    """Every item at 0.955 gives exactly 95.5 (score_text 95.50) in the API and the CLI."""
    data = uniform(item_ids, 0.955)
    for result in (score(rubrics, data), cli("score", write_assessment(data)).json()):
        assert result["score"] == 95.5 and result["score_text"] == "95.50"
        assert dec(result["earned"]) == Decimal("84.04")


def test_ratings_as_ints_floats_and_yaml_agree(rubrics, item_ids, cli, write_assessment):
    """1 and 1.0, 0 and 0.0 rate alike, and a YAML file reads 0.7 as seven tenths."""
    a = score(rubrics, ratings_of({i: (1 if n % 2 else 0) for n, i in enumerate(item_ids)}))
    b = score(rubrics, ratings_of({i: (1.0 if n % 2 else 0.0) for n, i in enumerate(item_ids)}))
    assert (a["score"], a["earned"]) == (b["score"], b["earned"]) == (50, 44)
    path = write_assessment(uniform(item_ids, 0.7), "yaml")
    assert "0.7" in path.read_text(encoding="utf-8")
    assert cli("score", path).json()["score_text"] == "70.00"


def test_notes_and_title_do_not_change_the_score(rubrics, item_ids):
    """Optional `title` and `notes` are accepted and leave the numbers alone."""
    data = first_n(item_ids, [(52, 1), (1, 0.8), (35, 0)])
    plain_result = score(rubrics, data)
    annotated = score(rubrics, {**data, "title": "2024 年度自评", "notes": {item_ids[0]: "理念手册 2024 版"}})
    assert annotated == plain_result


def test_text_report_shows_the_rounded_score(cli, write_assessment, item_ids):
    """`--format text` prints the score with two decimals, the level and the verdict, in both languages."""
    path = write_assessment(first_n(item_ids, [(52, 1), (1, 0.7956), (35, 0)]))
    en = cli("score", path, "--format", "text", "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert re.search(r"^Completeness: 60\.00%", en.stdout, re.M)
    assert "Three stars (3 stars) - passed" in en.stdout
    zh = cli("score", path, "--format", "text")
    assert zh.returncode == 0, zh.stderr
    assert "完善程度：60.00%" in zh.stdout and "三星级" in zh.stdout


def test_text_report_words_the_gain_in_percentage_points_and_the_next_level_in_points_earned(
        cli, write_assessment, item_ids):
    """With one of the 88 one-point items at 0, fixing its clause wins back 1 point, i.e. 100/88 = 1.14 percentage
    points of completeness; the next-level line says the points are points to earn, not score (both languages)."""
    path = write_assessment(first_n(item_ids, [(87, 1), (1, 0)]))
    gain = f"{round_half_up(Fraction(100, 88)):.2f}"
    assert gain == "1.14"
    zh = cli("score", path, "--format", "text").stdout
    assert f"可挽回 1.00 分（完善程度可提高 {gain} 个百分点）" in zh
    en = cli("score", path, "--format", "text", "--lang", "en").stdout
    assert f"1.00 points recoverable (completeness +{gain} percentage points)" in en
    low = write_assessment(first_n(item_ids, [(50, 1), (38, 0)]))
    assert "实际得分还需增加" in cli("score", low, "--format", "text").stdout
    assert "more points earned" in cli("score", low, "--format", "text", "--lang", "en").stdout


def test_fix_first_says_the_gain_only_where_it_differs_from_the_points():
    """A GB/T-style score out of 100 applicable points moves by the points themselves (3 points = score +3.00): the
    row says the points once; with 90 points applicable, 3 points are 3 x 100/90 = 3.33 of score, and both are said."""
    [same] = fix_first({"5.1.1": Fraction(3)}, 100, "gbt-27922")
    assert same["message"] == {"code": "fix_row_same", "params": {"recoverable": "3.00", "gain": "3.00"}}
    [differs] = fix_first({"5.1.1": Fraction(3)}, 90, "gbt-27922")
    assert differs["message"] == {"code": "fix_row", "params": {"recoverable": "3.00", "gain": f"{round_half_up(Fraction(300, 90)):.2f}"}}
    [cts] = fix_first({"5.1.1": Fraction(1)}, 100, "completeness")
    assert cts["message"]["code"] == "fix_row_completeness"


def test_a_completeness_next_level_bound_is_a_percentage(rubrics, item_ids):
    """CTS levels are bounds on completeness (%): the next-level line's bound carries the % sign (60.00%)."""
    result = score(rubrics, {"standard": CTS, "ratings": dict.fromkeys(item_ids[:10], 1)})
    assert result["next_message"]["code"] == "next-reachable"
    assert result["next_message"]["params"]["min"] == f"{result['next_level']['min_score']:.2f}%"


def test_items_command_lists_88_ids_in_order(cli, item_ids):
    """`python -m calculator items cts-q-zg025-2022` prints the 88 item ids in rubric order."""
    run = cli("items", CTS)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == item_ids and len(item_ids) == 88


def test_standards_command_lists_cts(cli):
    """`python -m calculator standards` lists the CTS rubric id."""
    run = cli("standards")
    assert run.returncode == 0 and CTS in run.stdout.split()
