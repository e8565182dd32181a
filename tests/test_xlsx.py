"""The Excel workbook (calculator/xlsx.py, ``score --format xlsx``): read back with openpyxl (sheets,
headers in both languages, item rows, formulas and their cached values) and recalculated by
LibreOffice headless, whose results must be the calculator's for the hand-worked cases of
tests/vectors/xlsx.json."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from calculator import api, messages
from calculator.loaders import RubricFolder, load_standard, read_catalogue, rubric_data, rubrics_dir
from calculator.scoring import choose_profile
from calculator.xlsx import PRE_ROUND, lines, workbook

from conftest import assert_clean_error, assert_clean_result, run_cli

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = read_catalogue()
VECTORS = json.loads((REPO / "tests" / "vectors" / "xlsx.json").read_text("utf-8"))
CASES = {case["name"]: case for case in VECTORS["cases"]}
RUBRICS = RubricFolder(rubrics_dir(None))


def t(name: str, lang: str) -> str:
    return CATALOGUE.text(name, lang)


def build_one(spec: Mapping[str, Any]) -> dict[str, Any]:
    """One assessment from a vector entry (the file's ``format``)."""
    rubric = RUBRICS[spec["standard"]]
    profile = choose_profile(rubric, spec.get("profile"))
    scored = [item for item in rubric.items.values() if item.id in profile.items]
    ratings: dict[str, Any] = {}
    if "uniform" in spec:
        ratings = {item.id: spec["uniform"] for item in scored}
    position = 0
    for count, value in spec.get("runs", []):
        for item in scored[position:position + count]:
            ratings[item.id] = value
        position += count
    for section, value in spec.get("sections", {}).items():
        ratings.update({item.id: value for item in scored if item.section_id == section})
    data: dict[str, Any] = {"standard": rubric.id}
    if spec.get("profile"):
        data["profile"] = spec["profile"]
    data["ratings"] = ratings
    for key in ("special_deductions", "special_bonus"):
        if key in spec:
            data[key] = spec[key]
    return data


def build(case: Mapping[str, Any]) -> dict[str, Any]:
    if "assessments" in case:
        return {"title": case["name"], "assessments": [build_one(one) for one in case["assessments"]]}
    return build_one(case)


def summary_blocks(sheet: Any, lang: str) -> list[dict[str, Any]]:
    """The Summary sheet's blocks, in order: {label in column A: value in column C}, one per
    standard (begun by its heading) and the combined rating's."""
    headings = {f"{RUBRICS[s].code} {RUBRICS[s].title[lang]}" for s in ("cts-q-zg025-2022", "gb-t-27922-2011",
                                                                         "sb-t-10401-2006")}
    headings.add(t("xlsx.combined", lang))
    blocks: list[dict[str, Any]] = []
    for row in sheet.iter_rows(values_only=True):
        if row[0] in headings:
            blocks.append({"heading": row[0]})
        elif blocks and isinstance(row[0], str) and len(row) > 2 and row[2] is not None:
            blocks[-1].setdefault(row[0], row[2])
    return blocks


def expected_block(expect: Mapping[str, Any], standard: str, lang: str) -> dict[str, Any]:
    """What a standard's block must show for a vector's ``expect`` entry."""
    rubric = RUBRICS[standard]
    level = next(level for level in rubric.levels if level.id == expect["level"])
    label = t("xlsx.completeness", lang) if rubric.model == "completeness" else t("xlsx.score", lang)
    out = {label: expect["score"], t("xlsx.earned", lang): expect["earned"],
           t("xlsx.applicable", lang): expect["applicable"], t("xlsx.level", lang): level.label[lang],
           t("xlsx.passed", lang): 1 if expect["passed"] else 0}
    if any(level.stars is not None for level in rubric.levels):
        out[t("xlsx.stars", lang)] = expect["stars"]
    return out


def standards_of(case: Mapping[str, Any]) -> list[str]:
    return [one["standard"] for one in case.get("assessments", [case])]


def shown(block: Mapping[str, Any], keys: Mapping[str, Any]) -> dict[str, Any]:
    """The block's values for these labels, numbers rounded to 9 decimals (the binary error of a sum gone)
    (the stars' empty text when there are none is None)."""
    out = {}
    for key in keys:
        value = block.get(key)
        out[key] = round(value, 9) if isinstance(value, float) else (None if value == "" else value)
    return out


@pytest.fixture(scope="module", autouse=True)
def _catalogue() -> Any:
    messages.use(CATALOGUE)
    yield
    messages.use(None)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_calculator_gives_the_hand_worked_numbers(name: str, tmp_path: Path) -> None:
    """The CLI's JSON for each workbook case is the score, earned, applicable, level and stars worked by hand."""
    case = CASES[name]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(build(case)), "utf-8")
    result = assert_clean_result(run_cli("score", path))
    results = result.get("results", [result])
    for got, expect in zip(results, case["expect"], strict=True):
        assert {key: got[key] for key in expect} == expect
    if "combined" in case:
        assert {key: result["combined"][key] for key in ("stars", "passed")} == case["combined"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_reads_back_with_its_sheets_headers_items_and_cached_values(lang: str, tmp_path: Path) -> None:
    """Written by the CLI and read by openpyxl: the sheet names and headers in the chosen language, one row per
    scored item with its text in that language, rating, points and note, and every total a formula whose cached
    value is the calculator's."""
    data = build(CASES["gbt-deductions-and-bonus"])
    first, second, third, fourth = list(RUBRICS["gb-t-27922-2011"].items)[:4]
    data["ratings"][first] = "na"
    data["ratings"].pop(second)
    data["notes"] = {third: "=1+1 网点清单", fourth: "@SUM(A1)"}
    data["title"] = "-2 某公司自评"
    data["report"] = {"enterprise": "某某电器有限公司", "date": "2026-11-30"}
    source, out = tmp_path / "a.json", tmp_path / "a.xlsx"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    run = run_cli("--lang", lang, "score", source, "--format", "xlsx", "--output", out)
    assert run.returncode == 0, run.stderr
    result = assert_clean_result(run_cli("score", source))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [t("xlsx.sheet_summary", lang), t("xlsx.sheet_items", lang)]
    items = book[t("xlsx.sheet_items", lang)]
    header = [cell.value for cell in items[1]]
    assert header == [t(key, lang) for key in ("csv.col_standard", "csv.col_item", "csv.col_clause", "xlsx.col_text",
                                               "csv.col_rating", "csv.col_points", "csv.col_earned", "csv.col_note")]
    assert items.freeze_panes == "A2"
    rows = list(items.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == [item["id"] for item in result["items"]]
    rubric = RUBRICS["gb-t-27922-2011"]
    by_id = {row[1]: row for row in rows}
    assert by_id[first][3] == rubric.items[first].text[lang]
    assert by_id[first][2] == f"5.1.1 {rubric.clauses['5.1.1'].title[lang]}"
    assert (by_id[first][4], by_id[second][4], by_id[third][4]) == ("na", None, 0.8)
    assert by_id[third][7] == "=1+1 网点清单" and by_id[fourth][7] == "@SUM(A1)"
    assert items["H4"].data_type == "s"  # a note that looks like a formula stays text
    assert all(str(row[6]).startswith("=IF(") for row in rows)
    cached = openpyxl.load_workbook(out, data_only=True)
    values = list(cached[t("xlsx.sheet_items", lang)].iter_rows(min_row=2, values_only=True))
    assert [row[6] for row in values] == [item["earned"] if item["applicable"] else None for item in result["items"]]
    summary = cached[t("xlsx.sheet_summary", lang)]
    assert summary["A1"].value == t("xlsx.title", lang)
    heads = {row[0]: row[2] for row in summary.iter_rows(max_row=6, values_only=True)}
    assert heads[t("csv.title", lang)] == "-2 某公司自评" and heads[t("csv.report_enterprise", lang)] == "某某电器有限公司"
    block = summary_blocks(summary, lang)[0]
    assert shown(block, {t("xlsx.score", lang): 0, t("xlsx.earned", lang): 0, t("xlsx.applicable", lang): 0}) == {
        t("xlsx.score", lang): result["score"], t("xlsx.earned", lang): round(result["earned"], 2),
        t("xlsx.applicable", lang): round(result["applicable"], 2)}
    assert block[t("xlsx.level", lang)] == result["level_label"][lang]
    formulas = summary_blocks(book[t("xlsx.sheet_summary", lang)], lang)[0]
    assert formulas[t("xlsx.score", lang)].startswith("=ROUND(ROUND(MAX(0,MIN(100,")
    assert f",{PRE_ROUND}),2)" in formulas[t("xlsx.score", lang)]
    assert formulas[t("xlsx.level", lang)].startswith("=IF(") and "MATCH(" in formulas[t("xlsx.level", lang)]
    assert formulas[t("xlsx.earned", lang)].startswith("=SUM(")


def test_a_combined_file_has_a_block_per_standard_and_the_combined_stars() -> None:
    """A combined GB/T 27922 + CTS file: one summary block per standard, in the file's order, then the combined
    rating, with the items of both standards on the Items sheet."""
    case = CASES["combined-four-plus-five"]
    book = openpyxl.load_workbook(io.BytesIO(workbook(RUBRICS, build(case), "en")), data_only=True)
    blocks = summary_blocks(book["Summary"], "en")
    assert [block["heading"] for block in blocks] == [
        "GB/T 27922-2011 " + RUBRICS["gb-t-27922-2011"].title["en"],
        "CTS Q/ZG025-2022 " + RUBRICS["cts-q-zg025-2022"].title["en"], t("xlsx.combined", "en")]
    assert blocks[2] == {"heading": t("xlsx.combined", "en"), "Stars": 9, "Passed": 1}
    standards = [row[0] for row in book["Items"].iter_rows(min_row=2, values_only=True)]
    assert standards.count("GB/T 27922-2011") == len(RUBRICS["gb-t-27922-2011"].items)
    assert standards.count("CTS Q/ZG025-2022") == 88


def test_without_output_a_workbook_is_refused_in_the_readers_language(tmp_path: Path) -> None:
    """--format xlsx without --output (or with --output - to a terminal) is a one-line usage error in zh or en,
    exit 2, and writes nothing."""
    source = tmp_path / "a.json"
    source.write_text(json.dumps(build(CASES["gbt-bonus-kept-at-100"])), "utf-8")
    assert_clean_error(run_cli("score", source, "--format", "xlsx"), "--format xlsx 需要 --output")
    assert_clean_error(run_cli("--lang", "en", "score", source, "--format", "xlsx"), "--format xlsx needs --output")
    assert list(tmp_path.iterdir()) == [source]


def test_output_writes_the_json_result_to_a_file(tmp_path: Path) -> None:
    """--output with the default format writes the same JSON the terminal gets."""
    source, out = tmp_path / "a.json", tmp_path / "result.json"
    source.write_text(json.dumps(build(CASES["gbt-bonus-kept-at-100"])), "utf-8")
    assert run_cli("score", source, "--output", out).returncode == 0
    assert json.loads(out.read_text("utf-8")) == assert_clean_result(run_cli("score", source))


def test_a_bad_assessment_writes_no_workbook(tmp_path: Path) -> None:
    """An assessment the scoring refuses (an unknown item) fails with the scoring's own error and no file."""
    source, out = tmp_path / "a.json", tmp_path / "a.xlsx"
    source.write_text(json.dumps({"standard": "cts-q-zg025-2022", "ratings": {"9.9.9": 1}}), "utf-8")
    assert_clean_error(run_cli("score", source, "--format", "xlsx", "--output", out), "9.9.9")
    assert not out.exists()


def test_the_browser_api_answers_the_same_workbook_or_the_error_shape() -> None:
    """api.xlsx_json gives the base64 of the workbook calculator.xlsx writes (same cells), and a refused
    assessment as the usual {ok: false, error: {code, params}}."""
    import base64

    for rubric_id in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006"):
        api.add_rubric(json.dumps(rubric_data(rubric_id, rubrics_dir(None)), ensure_ascii=False))
    data = build(CASES["sbt-item-below-half"])
    answer = json.loads(api.xlsx_json(json.dumps(data), "zh"))
    assert answer["ok"] is True
    assert cells(base64.b64decode(answer["base64"])) == cells(workbook(RUBRICS, data, "zh"))
    refused = json.loads(api.xlsx_json(json.dumps({"standard": "cts-q-zg025-2022", "ratings": {"9.9.9": 1}}), "en"))
    assert refused["ok"] is False and refused["error"]["code"] == "unknown-item"


def cells(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cells (formulas as written) of a workbook: what two workbooks must share."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_without_xlsxwriter_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """When XlsxWriter cannot be imported, making a workbook raises xlsx-unavailable (naming the extra), nothing else."""
    from calculator.errors import InputFileError

    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(InputFileError) as raised:
        workbook(RUBRICS, build(CASES["gbt-bonus-kept-at-100"]), "en")
    assert raised.value.code == "xlsx-unavailable" and "pip install .[xlsx]" in raised.value.text("en")


def test_the_browser_wheel_is_the_pinned_version_of_the_venv() -> None:
    """requirements/browser.txt (the wheel the site serves, with its hash) pins the XlsxWriter of requirements/xlsx.txt."""
    venv = re.search(r"^XlsxWriter==(\S+)$", (REPO / "requirements/xlsx.txt").read_text("utf-8"), re.M)
    wheel = re.search(r"^XlsxWriter==(\S+) --hash=sha256:[0-9a-f]{64}$", (REPO / "requirements/browser.txt").read_text("utf-8"),
                      re.M)
    assert venv and wheel and venv[1] == wheel[1]
    import xlsxwriter

    assert xlsxwriter.__version__ == venv[1]


def test_wrapped_rows_count_chinese_characters_double() -> None:
    """A row's height follows its longest text: a Chinese character takes two columns of width, each line wraps."""
    assert lines("a" * 10, 11) == 1
    assert lines("字" * 10, 11) == 2
    assert lines("一\n二", 30) == 2


# ---- LibreOffice recalculation -------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def recalculated(books: dict[str, bytes], work: Path) -> dict[str, Any]:
    """Each workbook recalculated by LibreOffice headless: its cached values are removed first (openpyxl
    writes the formulas alone), LibreOffice converts it to .xlsx with a profile of its own that recalculates
    on loading, and the values it computed are read back (openpyxl data_only)."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is needed to recalculate the workbooks: run scripts/setup --browser "
                    "(Debian's libreoffice-calc-nogui)")
    stripped = work / "in"
    stripped.mkdir()
    for name, data in books.items():
        book = openpyxl.load_workbook(io.BytesIO(data))
        book.save(stripped / f"{name}.xlsx")
    profile = work / "profile"
    registry = profile / "user" / "registrymodifications.xcu"
    registry.parent.mkdir(parents=True)
    registry.write_text(  # recalculate OOXML files on loading: always (0)
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        "<value>0</value></prop></item>\n</oor:items>\n", "utf-8")
    out = work / "out"
    run = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                          "--convert-to", "xlsx", "--outdir", str(out), *sorted(str(p) for p in stripped.iterdir())],
                         capture_output=True, text=True, timeout=300, env={**os.environ, "HOME": str(work)})
    assert run.returncode == 0, run.stderr
    return {name: openpyxl.load_workbook(out / f"{name}.xlsx", data_only=True) for name in books}


@pytest.mark.soffice
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_recalculates_the_calculators_numbers(lang: str, tmp_path: Path) -> None:
    """Every hand-worked case, its workbook recalculated by LibreOffice: score, earned, applicable, level, passed
    and stars of each standard, and the combined stars, are the vector's (so the formulas give the calculator's
    numbers, the half cent of 64.995 included)."""
    books = {name: workbook(RUBRICS, build(case), lang) for name, case in CASES.items()}
    done = recalculated(books, tmp_path)
    for name, case in CASES.items():
        blocks = summary_blocks(done[name][t("xlsx.sheet_summary", lang)], lang)
        for block, standard, expect in zip(blocks, standards_of(case), case["expect"]):
            wanted = expected_block(expect, standard, lang)
            assert shown(block, wanted) == wanted, (name, standard)
        if "combined" in case:
            stars = case["combined"]["stars"]
            assert blocks[-1][t("xlsx.stars", lang)] == (stars if stars is not None else t("xlsx.combined_fail", lang))
            assert blocks[-1][t("xlsx.passed", lang)] == (1 if case["combined"]["passed"] else 0)


@pytest.mark.soffice
def test_a_rating_changed_in_the_spreadsheet_is_followed(tmp_path: Path) -> None:
    """The formulas are live: a rating typed into the Items sheet (one CTS item from 0.996 to 1, another from
    unrated to na) changes earned, applicable, score and level as the calculator would score the changed file."""
    case = CASES["cts-half-cent-rounds-up"]
    data = build(case)
    book = openpyxl.load_workbook(io.BytesIO(workbook(RUBRICS, data, "en")))
    items = book["Items"]
    rows = {row[1].value: row for row in items.iter_rows(min_row=2)}
    changed = dict(data["ratings"])
    first_unrated = next(item for item in rows if item not in changed)
    changed_item = next(item for item, value in changed.items() if value == 0.996)
    rows[changed_item][4].value = 1
    rows[first_unrated][4].value = "na"
    changed[changed_item], changed[first_unrated] = 1, "na"
    buffer = io.BytesIO()
    book.save(buffer)
    done = recalculated({"changed": buffer.getvalue()}, tmp_path)["changed"]
    block = summary_blocks(done["Summary"], "en")[0]
    result = assert_clean_result(run_cli("score", _written(tmp_path, {**data, "ratings": changed})))
    # 52 of 79 = 65.8227... -> 65.82, four stars (worked by hand: 51 + 1 earned, 80 - 1 applicable)
    assert (result["score"], result["earned"], result["applicable"]) == (65.82, 52, 79)
    assert shown(block, {"After-sales service completeness (%)": 0, "Points earned": 0, "Applicable points": 0}) == {
        "After-sales service completeness (%)": 65.82, "Points earned": 52, "Applicable points": 79}
    assert block["Level"] == "Four stars"


def _written(folder: Path, data: Any) -> Path:
    path = folder / "changed.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.mark.soffice
def test_the_workbook_prints_to_pdf_in_both_languages(tmp_path: Path) -> None:
    """LibreOffice prints the zh and en workbooks to PDF (what an office program opens, it can print)."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is needed: run scripts/setup --browser")
    for lang in ("zh", "en"):
        (tmp_path / f"{lang}.xlsx").write_bytes(workbook(RUBRICS, build(CASES["combined-four-plus-five"]), lang))
    run = subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                          "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(tmp_path / "zh.xlsx"),
                          str(tmp_path / "en.xlsx")], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    for lang in ("zh", "en"):
        assert (tmp_path / "pdf" / f"{lang}.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_with_a_plan_gets_the_plan_sheet_of_the_plan_command(lang: str, tmp_path: Path) -> None:
    """A file with `plan: {target, steps}` gets a third sheet listing the steps of `aftersales plan` (item, rating
    aimed at, points, owner, due date and status in the chosen language) under its headers."""
    data = {"standard": "gb-t-27922-2011", "ratings": {"5.1.1.1": 0.5, "5.1.1.2": 1},
            "plan": {"target": "three-star", "steps": {"5.1.2.2": {"owner": "张三", "due": "2027-03-31",
                                                                     "status": "in-progress"}}}}
    source, out = tmp_path / "a.json", tmp_path / "a.xlsx"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    made = assert_clean_result(run_cli("plan", source))
    assert run_cli("--lang", lang, "score", source, "--format", "xlsx", "--output", out).returncode == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[2] == t("xlsx.sheet_plan", lang)
    rows = list(book.worksheets[2].iter_rows(values_only=True))
    header = rows.index(next(row for row in rows if row[0] == t("csv.col_standard", lang)))
    assert rows[header][6:] == tuple(t(key, lang) for key in ("plan.col_points", "plan.col_owner", "plan.col_due",
                                                               "plan.col_status"))
    steps = rows[header + 1:header + 1 + len(made["steps"])]
    # ratings as the page shows them (a percentage), the points as a number
    assert [(row[1], row[5], row[6]) for row in steps] == [
        (s["item"], f"{format(Decimal(str(s['to'])) * 100, 'f').removesuffix('.0').removesuffix('.00')}%", s["points"])
        for s in made["steps"]]
    followed = next(row for row in steps if row[1] == "5.1.2.2")
    assert followed[7:] == ("张三", "2027-03-31", t("plan.status_in-progress", lang))


def test_a_combined_file_with_a_plan_names_its_stars(tmp_path: Path) -> None:
    """A combined file planned for `stars-10` gets a plan sheet naming the stars aimed at and the stars when done."""
    gbt, cts = "gb-t-27922-2011", "cts-q-zg025-2022"
    rubrics = {s: load_standard(s, REPO / "rubrics") for s in (gbt, cts)}
    data = {"assessments": [{"standard": gbt, "ratings": dict.fromkeys(rubrics[gbt].items, 1)},
                            {"standard": cts, "ratings": dict.fromkeys(rubrics[cts].items, 0.6)}],
            "plan": {"target": "stars-10"}}
    source, out = tmp_path / "c.json", tmp_path / "c.xlsx"
    source.write_text(json.dumps(data), "utf-8")
    made = assert_clean_result(run_cli("plan", source))
    assert run_cli("--lang", "en", "score", source, "--format", "xlsx", "--output", out).returncode == 0
    cells = [c for row in openpyxl.load_workbook(out).worksheets[2].iter_rows(values_only=True) for c in row if c]
    assert "10 stars" in cells and f"{made['stars_after']} stars" in cells
    assert sum(1 for c in cells if c in rubrics[cts].items) == len(made["steps"])


@pytest.mark.parametrize(("where", "zh", "en"), [("missing-folder/x.xlsx", "文件夹不存在", "folder does not exist"),
                                                 (".", "这是一个文件夹", "it is a folder")])
def test_an_output_that_cannot_be_written_is_said_in_the_readers_language(tmp_path: Path, where: str, zh: str,
                                                                          en: str) -> None:
    """--output to a missing folder or onto a folder fails with one line naming the file and why, in zh or en."""
    source = tmp_path / "a.json"
    source.write_text(json.dumps({"standard": "cts-q-zg025-2022", "ratings": {}}), "utf-8")
    for lang, words in (("zh", zh), ("en", en)):
        done = run_cli("--lang", lang, "score", source, "--format", "xlsx", "--output", tmp_path / where)
        assert done.returncode == 2 and words in done.stderr and str(tmp_path / where) in done.stderr
