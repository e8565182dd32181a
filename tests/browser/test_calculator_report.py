"""Exports and the printed report of the calculator page, in Debian's chromium with real Pyodide:
files named after the assessment and the day, the JSON carrying the assessment's name, the CSV
being the CLI's own export (headers in the page's language) and importing back to the same
result, and the browser's own print of the page (``page.pdf()``) giving the A4 report with
every item, its rating in words and its note, the report details, the unrated count and
GB/T 27922's special deductions and bonus."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, imported_in_fresh_browser, rate, shown

from calculator.form import form_model
from calculator.loaders import read_catalogue, rubric_data
from calculator.model import load_rubric
from calculator.numbers import round_half_up

from conftest import RUBRICS_DIR, assert_clean_result, run_cli

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
GBT = "gb-t-27922-2011"
NOTE = "网点清单已核对，缺两处"
REPORTED = "document.body.dataset.report === 'current' && document.body.dataset.state === 'ready'"


def _rate_gbt(page: Any) -> None:
    """Three GB/T 27922 items rated (met, half, excluded), one note, two special deductions, the bonus."""
    rate(page, "5.1.1.1", 1)
    rate(page, "5.1.1.2", 0.5)
    rate(page, "5.1.1.3", "na")
    page.locator('[data-item-row="5.1.1.2"] .calc-more summary').click()
    page.locator('textarea[id="n-5.1.1.2"]').fill(NOTE)
    page.locator(f'input[id="deductions-{GBT}"]').fill("2")
    page.locator(f'input[id="bonus-{GBT}"]').check()
    page.wait_for_function(READY, timeout=60_000)


def _download(page: Any, action: str, folder: Path) -> Path:
    with page.expect_download() as download:
        page.locator(f'[data-testid="{action}"]').click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exports_are_named_after_the_assessment_and_the_csv_is_the_clis(
        page: Any, site_url: str, tmp_path: Path, lang: str) -> None:
    """The JSON and CSV files are named '<assessment name>-<today>'; the JSON carries the name as its title and
    scores as the page shows; the CSV is byte for byte what `python -m calculator --lang <page language> export`
    writes for that JSON. With the report details typed, the files are named '<name>-<enterprise>-<date of
    assessment>' and the JSON carries the details as 'report'."""
    page.goto(site_url + ("" if lang == "zh" else "en/") + f"calculator/?standard={GBT}")
    page.wait_for_function(READY, timeout=120_000)
    _rate_gbt(page)
    before = shown(page, GBT)
    today = datetime.date.today().isoformat()
    name = CATALOGUE.text("calc.default_name", lang)
    exported = _download(page, "export-json", tmp_path)
    assert exported.name == f"{name}-{today}.json"
    data = json.loads(exported.read_text("utf-8"))
    assert data["title"] == name and data["notes"] == {"5.1.1.2": NOTE}
    assert assert_clean_result(run_cli("score", exported))["score_text"] == before["score"]
    csv_file = _download(page, "export-csv", tmp_path)
    assert csv_file.name == f"{name}-{today}.csv"
    done = run_cli("--lang", lang, "export", exported)
    assert done.returncode == 0, done.stderr
    assert csv_file.read_bytes().decode("utf-8") == done.stdout
    header = csv_file.read_text("utf-8-sig").splitlines()[0].split(",")
    assert header[0] == CATALOGUE.text("csv.col_standard", lang)
    page.locator("details.calc-details summary").click()
    page.locator("#calc-detail-enterprise").fill("某某电器有限公司")
    page.locator("#calc-detail-date").fill("2026-11-30")
    exported = _download(page, "export-json", tmp_path)
    assert exported.name == f"{name}-某某电器有限公司-2026-11-30.json"
    data = json.loads(exported.read_text("utf-8"))
    assert data["report"] == {"enterprise": "某某电器有限公司", "date": "2026-11-30"}
    assert assert_clean_result(run_cli("score", exported))["score_text"] == before["score"]
    csv_file = _download(page, "export-csv", tmp_path)
    assert csv_file.name == f"{name}-某某电器有限公司-2026-11-30.csv"
    assert csv_file.read_bytes().decode("utf-8") == run_cli("--lang", lang, "export", exported).stdout


def test_a_csv_export_imports_back_to_the_same_result(page: Any, site_url: str, tmp_path: Path) -> None:
    """The CSV downloaded from the Chinese page, imported on a fresh English page, gives the same result and
    the same note."""
    page.goto(site_url + f"calculator/?standard={GBT}")
    page.wait_for_function(READY, timeout=120_000)
    _rate_gbt(page)
    before = shown(page, GBT)
    csv_file = _download(page, "export-csv", tmp_path)
    with imported_in_fresh_browser(page, site_url, csv_file) as other:
        after = shown(other, GBT)
        assert (after["score"], after["level"], after["passed"]) == (before["score"], before["level"], before["passed"])
        assert other.locator('textarea[id="n-5.1.1.2"]').input_value() == NOTE


def test_a_broken_csv_is_refused_with_the_row_named_and_nothing_changes(
        page: Any, site_url: str, tmp_path: Path) -> None:
    """A CSV whose rating is not a number is refused in Chinese with Python's message, and the ratings stay."""
    page.goto(site_url + f"calculator/?standard={GBT}")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.1", 1)
    before = shown(page, GBT)
    csv_file = _download(page, "export-csv", tmp_path)
    text = csv_file.read_text("utf-8-sig").replace(f"{GBT},default,5.1.1.1,", f"{GBT},default,5.1.1.1,")
    rows = text.splitlines()
    broken = [re.sub(r"^([^,]*,[^,]*,5\.1\.1\.1,[^,]*,)1,", r"\1lots,", row) for row in rows]
    assert broken != rows
    bad = tmp_path / "broken.csv"
    bad.write_text("\r\n".join(broken) + "\r\n", "utf-8-sig")
    page.locator('[data-testid="import"]').set_input_files(str(bad))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'", timeout=60_000)
    message = page.locator('[data-testid="message"]').inner_text()
    assert "broken.csv" in message and "lots" in message
    assert shown(page, GBT) == before


def _pdf_text(page: Any, tmp_path: Path) -> tuple[str, str, int]:
    """The printed page as text: laid out as on paper, in content order (a table cell's lines together), and
    the number of pages."""
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = {mode: subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            for mode in ("-layout", "-raw")}
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return text["-layout"], text["-raw"], int(re.search(r"Pages:\s+(\d+)", pages).group(1))


def test_printing_the_page_prints_the_report_with_every_item_and_the_details(
        page: Any, site_url: str, tmp_path: Path) -> None:
    """The browser's print of the Chinese calculator page (page.pdf) is the report, not the form: the details typed
    in, every item the profile scores with its rating in words, the note, the unrated count and the special
    deductions and bonus, all as Python's CSV export words them."""
    page.goto(site_url + f"calculator/?standard={GBT}")
    page.wait_for_function(READY, timeout=120_000)
    _rate_gbt(page)
    page.locator("details.calc-details summary").click()
    page.locator("#calc-detail-enterprise").fill("某某电器有限公司")
    page.locator("#calc-detail-site").fill("上海服务中心")
    page.locator("#calc-detail-assessor").fill("张三")
    page.locator("#calc-detail-date").fill("2026-11-30")
    page.wait_for_function(REPORTED, timeout=60_000)
    text, raw, pages = _pdf_text(page, tmp_path)
    flat = re.sub(r"\s+", "", raw)
    assert CATALOGUE.text("calc.report_title", "zh") in text
    assert CATALOGUE.text("calc.only_unrated", "zh") not in text  # the form is not printed
    for key, value in [("enterprise", "某某电器有限公司"), ("site", "上海服务中心"), ("assessor", "张三"),
                       ("date", "2026-11-30")]:
        assert re.search(CATALOGUE.text(f"calc.report_{key}", "zh") + r"\s+" + value, text), key
    items = run_cli("items", GBT).stdout.split()
    assert len(items) > 40
    missing = [item for item in items if not re.search(rf"(?m)^\s*{re.escape(item)}\s", text)]
    assert not missing, missing
    assert NOTE in flat
    assert re.sub(r"\s+", "", CATALOGUE.text("csv.partly", "zh", percent="50")) in flat
    assert re.sub(r"\s+", "", CATALOGUE.text("csv.excluded", "zh")) in flat
    unrated = len(items) - 3
    assert re.sub(r"\s+", "", CATALOGUE.text("calc.unrated_count", "zh", count=unrated)) in flat
    for label, value in [("csv.special_deductions", 2), ("csv.special_bonus", 1)]:
        line = CATALOGUE.text("format.label_value", "zh", label=CATALOGUE.text(label, "zh"), value=value)
        assert re.sub(r"\s+", "", line) in flat
    assert 2 <= pages <= 8
    # every page names the assessment and the enterprise at its head, and its number at its foot
    head = f'{CATALOGUE.text("calc.default_name", "zh")} · 某某电器有限公司'
    assert text.count(head) == pages
    for number in range(1, pages + 1):
        assert CATALOGUE.text("calc.report_page", "zh", page=number, pages=pages) in text, number
    result = assert_clean_result(run_cli("score", _download(page, "export-json", tmp_path)))
    assert not result["passed"]  # three items rated: the line names the failing level once, without a verdict
    line = CATALOGUE.text("calc.report_score_failed", "zh", score=result["score_text"], level=result["level_label"]["zh"])
    assert re.sub(r"\s+", "", line) in flat and "是否合格" not in flat
    form = form_model(rubric_data(GBT, RUBRICS_DIR), load_rubric(rubric_data(GBT, RUBRICS_DIR)))
    titles = {part["id"]: part["title"]["zh"] for part in form["sections"]}
    titles.update({clause["id"]: clause["title"]["zh"] for part in form["sections"] for clause in part["clauses"]})
    for row in result["fix_first"][:10]:  # each clause to fix first, with its title and what it wins back
        # all 100 GB/T points applicable: the score moves by the points themselves, said once
        same = row["recoverable_text"] == row["score_gain_text"]
        value = CATALOGUE.text("format.fix_row_same" if same else "format.fix_row", "zh", recoverable=row["recoverable_text"],
                               gain=row["score_gain_text"])
        line = CATALOGUE.text("format.label_value", "zh", label=f"{row['clause']} {titles[row['clause']]}", value=value)
        assert re.sub(r"\s+", "", line) in flat, line
    for part in result["sections"]:  # the chart: whole titles, amounts with two decimals
        bar = f"{part['id']}{titles[part['id']]}{part['earned_text']}/{part['available_text']}"
        assert re.sub(r"\s+", "", bar) in flat, bar
    two = lambda value: f"{round_half_up(Decimal(str(value))):.2f}"  # noqa: E731  two decimals, rounded half up
    for row in result["items"][:3]:  # met, half (points x 0.5 may have 3 decimals), excluded: two decimals or "—"
        cells = page.locator(f'[data-report-item="{row["id"]}"] td').all_inner_texts()
        assert cells[3:5] == [two(row["points"]), two(row["earned"]) if row["applicable"] else "—"], cells
    [item] = [i for p in form["sections"] for c in p["clauses"] for i in c["items"] if i["id"] == "5.1.3.3"]
    for part in item["parts"]:  # the list "具体包括：" introduces, lettered as in the standard
        assert re.sub(r"\s+", "", f"{part['label']}{part['text']['zh']}") in flat


def test_the_english_report_is_english_and_rows_are_not_cut_by_page_breaks(
        page: Any, site_url: str, tmp_path: Path) -> None:
    """The English page prints the English report; no item row of its table is split across two A4 pages."""
    page.goto(site_url + f"en/calculator/?standard={GBT}")
    page.wait_for_function(READY, timeout=120_000)
    _rate_gbt(page)
    clause = f'#clause-{GBT}-5\\.2\\.5'  # every item of 5.2.5 not applicable: its row says so, not three zeros
    page.locator(f"{clause} .calc-bulk summary").click()
    page.locator(f'{clause} [data-bulk="na"]').click()
    page.wait_for_function(REPORTED, timeout=60_000)
    text, _, _ = _pdf_text(page, tmp_path)
    result = assert_clean_result(run_cli("score", _download(page, "export-json", tmp_path)))
    [row] = [row for row in result["clauses"] if row["id"] == "5.2.5"]
    assert row["available"] == 0 and row["excluded"] > 0
    cells = page.locator('[data-report-clause="5.2.5"] td').all_inner_texts()
    assert cells[2:] == [CATALOGUE.text("calc.report_clause_excluded", "en", points=row["excluded_text"])], cells
    assert CATALOGUE.text("calc.report_title", "en") in text
    assert CATALOGUE.text("csv.partly", "en", percent="50") in text
    header = next(line for line in text.splitlines() if "Requirement" in line)  # the item table's header, unbroken
    assert re.search(r"\bPoints\s+Earned\s+Note\b", header), header
    page.emulate_media(media="print")
    rule = page.evaluate("""() => getComputedStyle(document.querySelector('.calc-report-items tbody tr')).breakInside""")
    assert rule == "avoid"


def test_the_report_and_the_file_names_say_the_visitors_date_not_utcs(browser: Any, site_url: str,
                                                                        tmp_path: Path) -> None:
    """At 01:30 in Shanghai (17:30 UTC the day before) the report's date and an export's file name both say the
    Shanghai date."""
    context = browser.new_context(timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        page.clock.set_fixed_time(datetime.datetime(2026, 12, 1, 17, 30, tzinfo=datetime.UTC))
        page.goto(site_url + "calculator/")
        page.wait_for_function(READY + " && document.body.dataset.report === 'current'", timeout=120_000)
        produced = page.locator('[data-testid="report"] p').first.text_content() or ""
        assert "2026-12-02" in produced and "2026-12-01" not in produced, produced
        assert _download(page, "export-json", tmp_path).name.endswith("-2026-12-02.json")
    finally:
        context.close()
