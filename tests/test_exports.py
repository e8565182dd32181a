"""The CSV export of an assessment (calculator/exports.py): what it holds, that it reads back
to the same result, that formulas are defused, and that bad CSV is refused with a code."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import api, exports, messages
from calculator.errors import InputFileError
from calculator.loaders import RubricFolder, read_file, rubric_data
from calculator.scoring import choose_profile, score

from conftest import CATALOGUE, RUBRICS_DIR, assert_clean_error, assert_clean_result, run_cli

GBT, CTS, SBT = "gb-t-27922-2011", "cts-q-zg025-2022", "sb-t-10401-2006"
RUBRICS = RubricFolder(RUBRICS_DIR)
# A mix of every kind of rating: met, a band, partly, not met, excluded, not rated.
CYCLE: tuple[Any, ...] = (1, 0.8, 0.55, 0, "na", None, 0.2, 1.0)


def rated(standard: str, profile: str | None = None, offset: int = 0, **extra: Any) -> dict[str, Any]:
    """An assessment of ``standard`` rating the items its profile (or the default) scores with CYCLE (None left
    unrated), with a note on every third item."""
    rubric = RUBRICS[standard]
    chosen = choose_profile(rubric, profile)
    ids = [i for i in rubric.items if i in chosen.items]
    ratings = {i: CYCLE[(n + offset) % len(CYCLE)] for n, i in enumerate(ids) if CYCLE[(n + offset) % len(CYCLE)] is not None}
    notes = {i: f"证据 {n}, \"见\" 附件" for n, i in enumerate(ids) if n % 3 == 0}
    data: dict[str, Any] = {"standard": standard, "ratings": ratings, "notes": notes, **extra}
    if profile:
        data["profile"] = profile
    return data


CASES = {
    "cts": rated(CTS, title="某公司 2024 自评", report={"enterprise": "=甲公司", "date": "2026-11-30"}),
    "gbt": rated(GBT, "default", special_deductions=2, special_bonus=1),
    "sbt-durable": rated(SBT),
    "sbt-fmcg": rated(SBT, "production-fmcg", offset=3),
    "sbt-sales": rated(SBT, "sales", offset=5),
    "combined": {"title": "合并评级 2024", "report": {"site": "北京 总部", "assessor": "+张三"},
                 "assessments": [rated(GBT, special_deductions=1, offset=1), rated(CTS, title="CTS 部分", offset=2)]},
}


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(exports.BOM), newline="")))


def catalogue_text(name: str, lang: str, **params: Any) -> str:
    return CATALOGUE.text(name, lang, **params)


@pytest.mark.parametrize("name", CASES)
def test_cli_round_trip_gives_the_same_result(name: str, tmp_path: Any) -> None:
    """`export --format csv` then `score FILE.csv` gives the CLI the same JSON result as the original file, in both languages."""
    original = tmp_path / "a.json"
    original.write_text(json.dumps(CASES[name], ensure_ascii=False), encoding="utf-8")
    expected = assert_clean_result(run_cli("score", original))
    for lang in ("zh", "en"):
        done = run_cli("export", original, "--format", "csv", "--lang", lang)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert done.stdout.startswith(exports.BOM)
        exported = tmp_path / f"a-{lang}.csv"
        exported.write_text(done.stdout, encoding="utf-8")
        assert assert_clean_result(run_cli("score", exported)) == expected


@pytest.mark.parametrize("name", CASES)
def test_read_csv_gives_back_the_assessment(name: str) -> None:
    """read_csv(to_csv(csv_rows(a))) is the assessment itself: ratings as entered, notes, profile, titles, the
    report details (formula-like text included), GB/T special items."""
    data = CASES[name]
    for lang in ("zh", "en"):
        back = exports.read_csv(exports.to_csv(exports.csv_rows(data, RUBRICS, lang)))
        parts = back.get("assessments", [back])
        for part, want in zip(parts, data.get("assessments", [data])):
            expected = dict(want)
            if want["standard"] == GBT:  # the export always shows GB/T's special items, 0 when absent
                expected.setdefault("special_deductions", 0)
                expected.setdefault("special_bonus", 0)
            assert part == expected
        if "assessments" in data:
            assert back["title"] == data["title"]
            assert back["report"] == data["report"]
        assert score(RUBRICS, back) == score(RUBRICS, data)


def test_one_row_per_scored_item_with_its_columns() -> None:
    """The export has the header then one row per item the profile scores, with the rating as entered, the points and earned of the result."""
    data = CASES["sbt-fmcg"]
    rows = exports.csv_rows(data, RUBRICS, "zh")
    result = score(RUBRICS, data)
    items = [row for row in rows[1:] if row[2] not in ("title", *exports.SPECIAL)]
    assert [row[2] for row in items] == [item["id"] for item in result["items"]]
    assert result["not_scored"] and not set(result["not_scored"]) & {row[2] for row in items}
    for row, item in zip(items, result["items"]):
        assert row[0] == SBT and row[1] == "production-fmcg"
        entered = data["ratings"].get(item["id"])
        assert row[4] == ("" if entered is None else str(entered))
        assert Decimal(row[6]) == Decimal(str(item["points"]))
        clause = RUBRICS[SBT].clauses[item["clause"]]
        assert row[3] == f"{clause.id} {clause.title['zh']}"
        assert row[8] == data["notes"].get(item["id"], "")


def test_excluded_items_are_marked_excluded_not_lost() -> None:
    """An 'na' item has no earned value and says it is excluded; an unrated one earns 0 and says it counts as 0."""
    for lang in ("zh", "en"):
        rows = exports.csv_rows(CASES["gbt"], RUBRICS, lang)
        excluded = [row for row in rows[1:] if row[4] == "na"]
        unrated = [row for row in rows[1:] if row[4] == "" and row[2] not in exports.SPECIAL]
        assert excluded and unrated
        assert all(row[7] == "" and row[5] == catalogue_text("csv.excluded", lang) for row in excluded)
        assert all(row[7] == "0" and row[5] == catalogue_text("csv.unrated", lang) for row in unrated)
    earned = sum(Decimal(row[7]) for row in rows[1:] if row[7])
    assert earned == Decimal(str(score(RUBRICS, CASES["gbt"])["earned"]))


def test_cts_band_words_are_table_1_ranges() -> None:
    """A CTS rating is worded by the Table 1 band holding it (its min%–max% from the rubric); 0 is not met; other standards say met or partly met."""
    bands = read_file(RUBRICS_DIR / f"{CTS}.yaml")["scoring"]["bands"]
    rows = exports.csv_rows(CASES["cts"], RUBRICS, "en")
    seen = {}
    for row in rows[1:]:
        if row[4] and row[4] not in ("na", "0") and row[2] != "title":
            percent = Decimal(row[4]) * 100
            band = next(b for b in bands if b["min_percent"] <= percent <= b["max_percent"])
            assert row[5] == catalogue_text("csv.band", "en", min=band["min_percent"], max=band["max_percent"])
            seen[row[4]] = row[5]
    assert seen == {"0.8": "61%–80% (Table 1)", "0.55": "41%–60% (Table 1)", "0.2": "0%–20% (Table 1)",
                    "1": "81%–100% (Table 1)", "1.0": "81%–100% (Table 1)"}
    assert {row[5] for row in rows[1:] if row[4] == "0"} == {catalogue_text("csv.not_met", "en")}
    sbt = {row[4]: row[5] for row in exports.csv_rows(CASES["sbt-durable"], RUBRICS, "zh")[1:]}
    assert sbt["1"] == "符合（100%）" and sbt["0.55"] == "部分符合（55%）" and sbt["0"] == "不符合（0%）"


def test_headers_in_the_readers_language_and_read_in_either() -> None:
    """The header row is the catalogue's csv.col_* in the chosen language; a file with either language's headers, or the column keys, reads back alike."""
    data = CASES["combined"]
    texts = {}
    for lang in ("zh", "en"):
        rows = exports.csv_rows(data, RUBRICS, lang)
        assert rows[0] == [catalogue_text(exports.HEADERS[key], lang) for key in exports.COLUMNS]
        texts[lang] = exports.to_csv(rows)
    assert rows_of(texts["zh"])[0][:3] == ["标准", "分值方案", "评分项"]
    assert rows_of(texts["en"])[0][:3] == ["Standard", "Weight profile", "Item"]
    keyed = exports.to_csv([list(exports.COLUMNS), *rows_of(texts["en"])[1:]])
    assert exports.read_csv(texts["zh"]) == exports.read_csv(texts["en"]) == exports.read_csv(keyed)


FORMULA_STARTS = st.sampled_from(["", "=", "+", "-", "@", "\t", "\r", "'", "'=", "''+", "=cmd|' /C calc'!A0"])
NOTE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(notes=st.lists(st.tuples(FORMULA_STARTS, NOTE_TEXT).map("".join).filter(bool), min_size=1, max_size=6),
       title=st.tuples(FORMULA_STARTS, NOTE_TEXT).map("".join))
def test_notes_round_trip_and_never_start_a_formula(notes: list[str], title: str) -> None:
    """Any note or title (commas, quotes, newlines, leading = + - @ tab CR or apostrophes) reads back exactly, and no written cell starts like a formula."""
    ids = list(RUBRICS[CTS].items)
    data = {"standard": CTS, "title": title, "ratings": {ids[0]: 1},
            "notes": {ids[n]: note for n, note in enumerate(notes)}}
    text = exports.to_csv(exports.csv_rows(data, RUBRICS, "zh"))
    for row in rows_of(text):
        for cell in row:
            assert not cell.startswith(exports.FORMULA_START), cell
    back = exports.read_csv(text)
    assert back["notes"] == data["notes"] and back["title"] == title


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@x", "\tx", "\rx", "'=x", "''-x", "'plain", "plain", ""])
def test_guard_and_unguard_are_inverse(text: str) -> None:
    """guard() defuses exactly the cells a spreadsheet would run, and unguard() returns the text unchanged."""
    written = exports.guard(text)
    assert not written.startswith(exports.FORMULA_START)
    assert (written != text) == text.lstrip("'").startswith(exports.FORMULA_START)
    assert exports.unguard(written) == text


HEADER = "标准,评分项,评分,备注\r\n"
BAD_CSV = [
    # (id, text, code, params it must carry)
    ("empty", "", "csv-empty", {}),
    ("blank-lines", "\r\n ,\r\n", "csv-empty", {}),
    ("no-rating-column", "标准,评分项\r\n", "csv-missing-column", {"column": {"zh": "评分", "en": "Rating"}}),
    ("unknown-column", "Standard,Item,Rating,Score\r\n", "csv-unknown-column", {"value": '"Score"', "column": 4}),
    ("duplicate-column", "Standard,评分项,Item,Rating\r\n", "csv-duplicate-column",
     {"value": '"Item"', "column": 3, "first": 2}),
    ("header-only", HEADER, "csv-no-rows", {}),
    ("no-item", HEADER + f"{CTS},,1,\r\n", "csv-no-item", {"row": 2}),
    ("no-standard", HEADER + ",5.1.1.a,1,\r\n", "csv-no-standard", {"row": 2, "item": "5.1.1.a"}),
    ("duplicate-item", HEADER + f"{CTS},5.1.1.a,1,\r\n{CTS},5.1.1.a,0,\r\n", "csv-duplicate-item",
     {"row": 3, "item": "5.1.1.a", "first": 2}),
    ("rating-word", HEADER + f"{CTS},5.1.1.a,high,\r\n", "csv-bad-rating", {"row": 2, "item": "5.1.1.a", "value": '"high"'}),
    ("rating-above-1", HEADER + f"{CTS},5.1.1.a,1.5,\r\n", "csv-bad-rating", {"row": 2, "value": '"1.5"'}),
    ("rating-negative", HEADER + f"{CTS},5.1.1.b,1\r\n{CTS},5.1.1.a,-0.2,\r\n", "csv-bad-rating",
     {"row": 3, "value": '"-0.2"'}),
    ("rating-percent", HEADER + f"{CTS},5.1.1.a,80%,\r\n", "csv-bad-rating", {"value": '"80%"'}),
    ("deductions-fraction", HEADER + f"{GBT},special_deductions,2.5,\r\n", "csv-bad-special",
     {"row": 2, "item": "special_deductions", "value": '"2.5"'}),
    ("bonus-two", HEADER + f"{GBT},special_bonus,2,\r\n", "csv-bad-special", {"item": "special_bonus", "value": '"2"'}),
    ("profile-differs", f"标准,分值方案,评分项,评分\r\n{SBT},sales,B.1.1.1,1\r\n{SBT},production-fmcg,B.1.1.2,1\r\n",
     "csv-profile-differs", {"row": 3, "value": '"production-fmcg"', "first": "sales", "first_row": 2}),
    ("too-many-cells", HEADER + f"{CTS},5.1.1.a,1,note,extra\r\n", "csv-row-length",
     {"row": 2, "count": 5, "expected": 4}),
    ("bad-quote", HEADER + f'{CTS},5.1.1.a,1,"a"b\r\n', "csv-unreadable", {"row": 2}),
]


@pytest.mark.parametrize("name,text,code,params", BAD_CSV, ids=[case[0] for case in BAD_CSV])
def test_bad_csv_is_refused_with_its_code(name: str, text: str, code: str, params: dict[str, Any]) -> None:
    """Each kind of bad CSV raises InputFileError with its own code, the row and the quoted value, worded in both languages."""
    with pytest.raises(InputFileError) as caught:
        exports.read_csv(text)
    assert caught.value.code == code
    for key, value in params.items():
        assert caught.value.params[key] == value, (key, caught.value.params)
    zh, en = caught.value.text("zh"), caught.value.text("en")
    assert zh != en and f"error.{code}" in CATALOGUE
    if "row" in params:
        assert f"第 {params['row']} 行" in zh and f"row {params['row']}" in en
    if "value" in params:
        assert params["value"] in zh and params["value"] in en


def test_short_rows_and_blank_rows_are_read() -> None:
    """A row missing its trailing empty cells, and blank rows, are read as a spreadsheet writes them."""
    text = HEADER + f"{CTS},5.1.1.a,0.6\r\n\r\n,,,\r\n{CTS},5.1.1.b,NA,\r\n"
    assert exports.read_csv(text) == {"standard": CTS, "ratings": {"5.1.1.a": 0.6, "5.1.1.b": "na"}}


def test_cli_names_the_csv_file_and_row(tmp_path: Any) -> None:
    """`score FILE.csv` with a bad rating prints one error line naming the file, the row and the value, in the chosen language."""
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + f"{CTS},5.1.1.a,high,\r\n", encoding="utf-8")
    assert_clean_error(run_cli("score", path), "bad.csv", "第 2 行", '"high"')
    assert_clean_error(run_cli("score", path, "--lang", "en"), "bad.csv", "row 2", '"high"')
    good = tmp_path / "good.json"
    good.write_text(json.dumps(CASES["cts"], ensure_ascii=False), encoding="utf-8")
    assert_clean_error(run_cli("export", good, "--format", "json"), "--format", "csv")


@pytest.fixture(scope="module")
def worker_api() -> Any:
    """calculator.api as the worker sees it: rubrics added as JSON, and the csv group given as JSON strings."""
    for standard in (CTS, GBT, SBT):
        answer = json.loads(api.add_rubric(json.dumps(rubric_data(standard, RUBRICS_DIR), ensure_ascii=False)))
        assert answer["ok"] is True
    installed = messages.installed()
    group = {"csv": {key: dict(entry) for key, entry in CATALOGUE.group("csv").items()}}
    try:
        messages.use(None)  # the worker starts with no catalogue: the csv words are refused, not guessed
        bare = json.loads(api.csv_json(json.dumps(CASES["cts"]), "zh"))
        assert bare["ok"] is False and bare["error"]["code"] == "csv-no-strings"
        messages.use(installed)
        assert json.loads(api.add_strings(json.dumps(group, ensure_ascii=False)))["ok"] is True
        assert messages.installed() is not installed and "csv.col_item" in messages.installed()
        yield api
    finally:
        messages.use(installed)


def test_api_csv_json_and_read_csv_json_round_trip(worker_api: Any) -> None:
    """api.csv_json answers {ok, columns, rows, text}, the columns naming the header's cells in order, and api.read_csv_json turns the text back into an assessment scoring the same."""
    for name in ("combined", "sbt-sales"):
        answer = json.loads(worker_api.csv_json(json.dumps(CASES[name], ensure_ascii=False), "en"))
        assert answer["ok"] is True and set(answer) == {"ok", "columns", "rows", "text"}
        assert answer["rows"][0] == [CATALOGUE.text(exports.HEADERS[key], "en") for key in answer["columns"]]
        assert answer["rows"] == exports.csv_rows(CASES[name], RUBRICS, "en", catalogue=CATALOGUE)
        assert rows_of(answer["text"]) == answer["rows"]
        back = json.loads(worker_api.read_csv_json(answer["text"]))
        assert back["ok"] is True
        assert json.loads(worker_api.score_json(json.dumps(back["assessment"]))) == \
            json.loads(worker_api.score_json(json.dumps(CASES[name], ensure_ascii=False)))


def test_api_errors_are_codes_with_params(worker_api: Any) -> None:
    """Bad input to the csv api functions comes back as {ok: false, error: {code, params}}, never as an exception."""
    answer = json.loads(worker_api.read_csv_json(HEADER + f"{CTS},5.1.1.a,high,\r\n"))
    assert answer["ok"] is False and answer["error"]["code"] == "csv-bad-rating"
    assert answer["error"]["params"] == {"row": 2, "item": "5.1.1.a", "value": '"high"'}
    answer = json.loads(worker_api.csv_json('{"standard": "nope-2020"}', "zh"))
    assert answer["ok"] is False and answer["error"]["code"] == "unknown-standard"
    answer = json.loads(worker_api.add_strings('{"csv": {"x": {"zh": "甲"}}}'))
    assert answer["ok"] is False and answer["error"]["code"] == "bad-strings"


@settings(max_examples=150, deadline=None)
@given(text=st.one_of(st.text(max_size=60), st.lists(st.lists(st.text(max_size=6), max_size=5), max_size=4).map(
    lambda rows: exports.to_csv([["standard", "item", "rating", "note"], *rows], bom=False))))
def test_read_csv_json_never_raises(text: str, worker_api: Any) -> None:
    """Whatever text arrives, api.read_csv_json answers JSON with a boolean 'ok' and, when false, a catalogue code."""
    answer = json.loads(worker_api.read_csv_json(text))
    assert answer["ok"] in (True, False)
    if not answer["ok"]:
        assert f"error.{answer['error']['code']}" in CATALOGUE
