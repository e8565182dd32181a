"""The combined GB/T 27922-2011 + CTS Q/ZG025-2022 rating (CTS 6.3 a), from hand-worked vectors.

An assessment file may hold ``assessments: [ {GB/T ...}, {CTS ...} ]``; the result has
``results`` (one per assessment, in the file's order) and ``combined`` (stars, passed,
reason). The vectors (tests/vectors/combined.json) run through the Python API and the CLI;
the malformed combined files must give a clean one-line error naming the problem.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from calculator.errors import AssessmentError, CalculatorError, ProfileError
from calculator.loaders import load_standard, read_file
from calculator.profiles import load_profile
from calculator.scoring import score

from conftest import CTS, REPO, RUBRICS_DIR, assert_clean_error, assert_clean_result, dec, english

GBT = "gb-t-27922-2011"
SBT = "sb-t-10401-2006"
VECTORS = REPO / "tests" / "vectors" / "combined.json"
DOC = json.loads(VECTORS.read_text(encoding="utf-8"))
CASES = DOC["cases"]
CASE_IDS = [case["name"] for case in CASES]

RUBRICS = {s: load_standard(s, RUBRICS_DIR) for s in (GBT, CTS, SBT)}
GBT_IDS = list(RUBRICS[GBT].items)
CTS_IDS = list(RUBRICS[CTS].items)

# Typed in from CTS Q/ZG025-2022 6.3 (which also cites the GB/T 27922-2011 levels, counting
# 达标级 as two stars): (inclusive lower bound, stars) of the passing levels.
GBT_STARS = ((Decimal(70), 2), (Decimal(80), 3), (Decimal(90), 4), (Decimal(95), 5))
CTS_STARS = ((Decimal(60), 3), (Decimal(65), 4), (Decimal(70), 5), (Decimal(75), 6), (Decimal(80), 7))


def gbt_assessment(spec: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"standard": GBT, "ratings": dict.fromkeys(GBT_IDS, spec["uniform"])}
    for key in ("special_deductions", "special_bonus"):
        if key in spec:
            data[key] = spec[key]
    return data


def cts_assessment(spec: dict[str, Any]) -> dict[str, Any]:
    return {"standard": CTS, "ratings": dict.fromkeys(CTS_IDS, spec["uniform"])}


def build(case: dict[str, Any]) -> dict[str, Any]:
    """The combined assessment file a case describes."""
    pair = [gbt_assessment(case["gbt"]), cts_assessment(case["cts"])]
    return {"title": case["name"], "assessments": pair[::-1] if case.get("cts_first") else pair}


def half_up(value: Fraction) -> Decimal:
    return Decimal(math.floor(value * 100 + Fraction(1, 2))) / 100


def stars_for(value: Decimal, table: tuple[tuple[Decimal, int], ...]) -> int | None:
    reached = [stars for bound, stars in table if value >= bound]
    return reached[-1] if reached else None




def check_expect(result: dict[str, Any], case: dict[str, Any]) -> None:
    """Compare a combined result with a vector's ``expect``."""
    expect = case["expect"]
    assert set(result) == {"results", "combined"}
    order = [CTS, GBT] if case.get("cts_first") else [GBT, CTS]
    assert [r["standard"] for r in result["results"]] == order
    by_standard = {r["standard"]: r for r in result["results"]}
    for key, standard in (("gbt", GBT), ("cts", CTS)):
        one, want = by_standard[standard], expect[key]
        assert dec(one["score"]) == dec(want["score"]), key
        assert one["stars"] == want["stars"], key
        assert one["passed"] is want["passed"], key
    combined, want = result["combined"], expect["combined"]
    assert combined["stars"] == want["stars"]
    assert combined["passed"] is want["passed"]
    reason = english(combined["reason"])
    for fragment in want.get("reason_has", []):
        assert fragment in reason, (fragment, reason)
    for fragment in want.get("reason_not", []):
        assert fragment not in reason, (fragment, reason)


# --- the vectors -----------------------------------------------------------------------


def test_vectors_file_is_well_formed():
    """The vectors file states its origin and format, and every case has the documented shape."""
    assert set(DOC) == {"origin", "format", "cases"}
    assert "by hand" in DOC["origin"] and "6.3" in DOC["origin"]
    assert len(set(CASE_IDS)) == len(CASE_IDS)
    for case in CASES:
        assert set(case) <= {"name", "working", "gbt", "cts", "cts_first", "expect"}, case["name"]
        assert case["working"].strip()
        assert set(case["gbt"]) <= {"uniform", "special_deductions", "special_bonus"}
        assert set(case["cts"]) == {"uniform"}
        assert set(case["expect"]) == {"gbt", "cts", "combined"}


def test_vectors_cover_the_required_outcomes():
    """12 stars, 6 stars, a CTS failure, a 5-deduction GB/T failure and a double failure are all there."""
    outcomes = {(c["expect"]["combined"]["stars"], c["expect"]["gbt"]["passed"], c["expect"]["cts"]["passed"])
                for c in CASES}
    assert {(12, True, True), (6, True, True), (None, True, False), (None, False, True),
            (None, False, False)} <= outcomes
    assert any(c["gbt"].get("special_deductions", 0) >= 5 for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_hand_values_follow_the_rules(case):
    """Each hand-worked expectation agrees with an independent computation of both scores and the sum."""
    g = case["gbt"]
    raw = Fraction(str(g["uniform"])) * 100 - g.get("special_deductions", 0) + g.get("special_bonus", 0)
    g_score = half_up(min(max(raw, Fraction(0)), Fraction(100)))
    g_stars = None if g.get("special_deductions", 0) >= 5 else stars_for(g_score, GBT_STARS)
    c_score = half_up(Fraction(str(case["cts"]["uniform"])) * 88 * 100 / 88)
    c_stars = stars_for(c_score, CTS_STARS)
    expect = case["expect"]
    assert (dec(expect["gbt"]["score"]), expect["gbt"]["stars"]) == (g_score, g_stars)
    assert (dec(expect["cts"]["score"]), expect["cts"]["stars"]) == (c_score, c_stars)
    both = g_stars is not None and c_stars is not None
    assert expect["combined"]["passed"] is both
    assert expect["combined"]["stars"] == (min(g_stars + c_stars, 12) if both else None)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_through_api(case):
    """calculator.scoring.score gives each result and the combined rating of the vector."""
    check_expect(score(RUBRICS, build(case)), case)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_vector_through_cli_json(case, cli, write_assessment):
    """`python -m calculator score FILE.json` prints the vector's combined result and exits 0."""
    run = cli("score", write_assessment(build(case), "json"))
    check_expect(assert_clean_result(run), case)


def test_vector_through_cli_yaml(cli, write_assessment):
    """A combined file written as YAML scores the same as the JSON one."""
    case = CASES[0]
    path = write_assessment(build(case), "yaml")
    assert path.read_text(encoding="utf-8").startswith("title:")
    run = cli("score", path)
    check_expect(assert_clean_result(run), case)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_each_result_is_the_single_assessment_result(case):
    """Every entry of `results` is exactly what scoring that assessment alone gives."""
    data = build(case)
    result = score(RUBRICS, data)
    assert result["results"] == [score(RUBRICS, one) for one in data["assessments"]]
    flags = [r["provisional_weights"] for r in result["results"]]
    assert result["combined"]["provisional_weights"] is any(flags)


def test_text_report_shows_the_combined_rating(cli, write_assessment):
    """`--format text` opens with the combined rating, then each standard's report."""
    path = write_assessment(build(CASES[0]))
    en = cli("score", path, "--format", "text", "--lang", "en")
    assert en.returncode == 0, en.stderr
    first = en.stdout.splitlines()[:2]
    assert first[0].startswith("Combined rating") and "12 stars - passed" in first[1]
    assert "GB/T 27922-2011" in en.stdout and "CTS Q/ZG025-2022" in en.stdout
    failed = write_assessment(build(next(c for c in CASES if c["name"] == "both-fail")), name="failed")
    zh = cli("score", failed, "--format", "text")
    assert zh.returncode == 0, zh.stderr
    assert "不合格" in zh.stdout.splitlines()[1]


# --- malformed combined files --------------------------------------------------------------

GOOD_GBT = gbt_assessment({"uniform": 1})
GOOD_CTS = cts_assessment({"uniform": 1})
GOOD_SBT = {"standard": SBT, "ratings": {}}

# (id, file data, exception class, fragments the message must hold)
BAD_FILES = [
    ("two-cts", {"assessments": [GOOD_CTS, GOOD_CTS]}, AssessmentError,
     ["exactly one gb-t-27922-2011 and one cts-q-zg025-2022", "cts-q-zg025-2022, cts-q-zg025-2022"]),
    ("two-gbt", {"assessments": [GOOD_GBT, GOOD_GBT]}, AssessmentError, ["exactly one"]),
    ("one-entry", {"assessments": [GOOD_GBT]}, AssessmentError, ["exactly one", "got: gb-t-27922-2011"]),
    ("three-entries", {"assessments": [GOOD_GBT, GOOD_CTS, GOOD_CTS]}, AssessmentError, ["exactly one"]),
    ("gbt-and-sbt", {"assessments": [GOOD_GBT, GOOD_SBT]}, AssessmentError,
     ["exactly one", "gb-t-27922-2011, sb-t-10401-2006"]),
    ("empty-list", {"assessments": []}, AssessmentError, ["'assessments' must be a non-empty list", "[]"]),
    ("not-a-list", {"assessments": {"gbt": GOOD_GBT}}, AssessmentError, ["'assessments' must be a non-empty list"]),
    ("null", {"assessments": None}, AssessmentError, ["'assessments' must be a non-empty list", "null"]),
    ("unknown-key-beside", {"assessments": [GOOD_GBT, GOOD_CTS], "ratings": {}}, AssessmentError,
     ["unknown key 'ratings' beside 'assessments'"]),
    ("standard-beside", {"standard": GBT, "assessments": [GOOD_GBT, GOOD_CTS]}, AssessmentError,
     ["unknown key 'standard' beside 'assessments'"]),
    ("bad-rating-in-entry-1", {"assessments": [GOOD_GBT, {**GOOD_CTS, "ratings": {"5.1.1.a": 1.5}}]},
     AssessmentError, ["assessments[1]", "5.1.1.a", "1.5", "outside 0..1"]),
    ("bad-deductions-in-entry-0", {"assessments": [{**GOOD_GBT, "special_deductions": -1}, GOOD_CTS]},
     AssessmentError, ["assessments[0]", "special_deductions", "-1"]),
    ("unknown-item-in-entry-1", {"assessments": [GOOD_GBT, {**GOOD_CTS, "ratings": {"5.1.1.z": 1}}]},
     AssessmentError, ["assessments[1]", "'5.1.1.z'"]),
    ("entry-1-not-a-mapping", {"assessments": [GOOD_GBT, "cts"]}, AssessmentError,
     ["assessments[1]", "expected a mapping"]),
    ("unknown-profile-in-entry-1", {"assessments": [GOOD_GBT, {**GOOD_CTS, "profile": "heavy"}]}, ProfileError,
     ["assessments[1]", "unknown profile 'heavy'"]),
    ("unknown-standard-in-entry-1", {"assessments": [GOOD_GBT, {"standard": "nope-2020", "ratings": {}}]},
     CalculatorError, ["assessments[1]", "unknown standard 'nope-2020'"]),
]


@pytest.mark.parametrize("name,data,error,fragments", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_combined_file_through_api(name, data, error, fragments):
    """A malformed combined file raises the documented error class, its message naming the problem."""
    with pytest.raises(error) as caught:
        score(RUBRICS, data)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, (fragment, message)


@pytest.mark.parametrize("name,data,error,fragments", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_combined_file_through_cli(name, data, error, fragments, cli, write_assessment):
    """The CLI reports a malformed combined file on one line, 'error: ...', and exits 2."""
    assert_clean_error(cli("--lang", "en", "score", write_assessment(data)), *fragments)


# --- weight profiles and combined files ----------------------------------------------------


def custom_gbt_profile(tmp_path: Path) -> Path:
    """The shipped GB/T default with 5.1.1.1 worth 3.89 and 5.1.1.2 worth 0.01 (5.1 still 40)."""
    data = read_file(RUBRICS_DIR / "profiles" / GBT / "default.yaml")
    data["id"] = "tilted"
    data["items"]["5.1.1.1"] = {"points": 3.89, "provenance": "provisional"}
    data["items"]["5.1.1.2"] = {"points": 0.01, "provenance": "provisional"}
    path = tmp_path / "tilted.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_custom_profile_applies_to_its_standard_only(cli, write_assessment, tmp_path):
    """`--profile GBT-PROFILE` with a combined file weights the GB/T entry and leaves CTS alone."""
    data = {"assessments": [{**GOOD_GBT, "ratings": {**GOOD_GBT["ratings"], "5.1.1.1": 0}}, GOOD_CTS]}
    run = cli("score", write_assessment(data), "--profile", custom_gbt_profile(tmp_path))
    gbt, cts = assert_clean_result(run)["results"]
    assert gbt["profile"]["id"] == "tilted" and cts["profile"]["id"] == "standard"
    # 5.1.1.1 worth 3.89 lost: 100 - 3.89 = 96.11 -> five stars; CTS 100 -> seven; 12
    assert dec(gbt["score"]) == Decimal("96.11") and run.json()["combined"]["stars"] == 12


def test_shipped_profile_id_with_a_combined_file_is_refused(cli, write_assessment):
    """`--profile default` cannot pick a standard in a combined file: a clean error says to name it inside."""
    run = cli("--lang", "en", "score", write_assessment({"assessments": [GOOD_GBT, GOOD_CTS]}), "--profile", "default")
    assert_clean_error(run, "--profile 'default'", "profile: ID")


def test_profile_for_another_standard_is_refused_in_a_combined_file_api():
    """A custom profile for a standard the combined file does not hold is refused, not silently dropped."""
    sbt_profile = load_profile(read_file(RUBRICS_DIR / "profiles" / SBT / "production-fmcg.yaml"), RUBRICS[SBT])
    with pytest.raises(ProfileError, match=SBT):
        score(RUBRICS, {"assessments": [GOOD_GBT, GOOD_CTS]}, sbt_profile)


def test_profile_for_another_standard_is_refused_in_a_combined_file_cli(cli, write_assessment):
    """`score COMBINED --profile SBT-PROFILE.yaml` is a clean error naming the profile's standard, not exit 0."""
    path = RUBRICS_DIR / "profiles" / SBT / "production-fmcg.yaml"
    run = cli("score", write_assessment({"assessments": [GOOD_GBT, GOOD_CTS]}), "--profile", path)
    assert_clean_error(run, SBT)
