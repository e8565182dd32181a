"""The calculator as a product, in Debian's chromium with real Pyodide: share links,
export and import, notes shown as text, ratings made before Python is ready."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, imported_in_fresh_browser, rate, rating_of, shown

from calculator.loaders import read_catalogue, rubric_data
from calculator.model import load_rubric
from sitegen.examples import share_code

from conftest import RUBRICS_DIR, assert_clean_result, run_cli

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
ASSESSMENT = {"standard": "cts-q-zg025-2022",
              "ratings": {"5.1.1.a": 1, "5.1.1.b": 0.6, "5.4.5.d": 0.7, "5.6.3.b": "na"},
              "notes": {"5.1.1.a": "<b>bold?</b> <img src=x onerror=alert(1)>"}}


def test_share_link_restores_the_assessment_and_the_result(page: Any, site_url: str, tmp_path: Path) -> None:
    """Opening #a=<base64url JSON> restores the ratings and shows the CLI's result for that file."""
    page.goto(site_url + "calculator/#a=" + share_code(ASSESSMENT))
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.length > 0")
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result(ASSESSMENT, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    assert rating_of(page, "5.6.3.b") == "na"
    assert page.locator('input[id="p-5.4.5.d"]').input_value() == "70"


def test_ratings_with_many_decimals_score_as_the_cli(page: Any, site_url: str, tmp_path: Path) -> None:
    """Ratings the CLI accepts with 8 or more decimals, or written with an exponent, are rated in the browser (shown
    as their exact percentage) and scored as the CLI scores them; they used to count as unrated."""
    ratings = {"5.1.1.a": 0.123456789, "5.1.1.b": 1.5e-7, "5.1.1.c": 0.999999999999, "5.1.2.a": 1}
    assessment = {"standard": "cts-q-zg025-2022", "ratings": ratings}
    page.goto(site_url + "calculator/#a=" + share_code(assessment))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.length > 0", timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result(assessment, tmp_path)
    assert not set(ratings) & set(expected["unrated"])  # the CLI rates every one of them
    assert shown(page)["score"] == expected["score_text"]
    assert page.locator('[data-testid="summary-rated"]').get_attribute("data-rated") == str(len(ratings))
    assert page.locator('input[id="p-5.1.1.a"]').input_value() == "12.3456789"
    assert page.locator('input[id="p-5.1.1.b"]').input_value() == "0.000015"
    assert page.locator('input[id="p-5.1.1.a"]').get_attribute("aria-invalid") is None


def test_made_link_round_trips(page: Any, site_url: str) -> None:
    """The link the page makes decodes to exactly the CLI's file format, and opening it shows the same result."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.2.2.a", 0.8)
    rate(page, "5.3.3.c", "na")
    before = shown(page)
    page.locator('[data-action="share"]').click()
    link = page.locator('[data-testid="share-link"]').input_value()
    code = link.split("#a=", 1)[1]
    assert "=" not in code
    data = json.loads(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)).decode("utf-8"))
    assert data == {"standard": "cts-q-zg025-2022", "ratings": {"5.2.2.a": 0.8, "5.3.3.c": "na"}}
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.length > 0",
                            timeout=120_000)
    other.wait_for_function(READY, timeout=120_000)
    assert shown(other) == before


@pytest.mark.parametrize("code", ["!!!not-base64!!!", share_code({"standard": "cts-q-zg025-2022",
                                                                    "ratings": {"5.1.1.a": 7}}),
                                  share_code({"standard": "nope-2020", "ratings": {}}),
                                  base64.urlsafe_b64encode(b"{broken json").decode().rstrip("=")])
def test_tampered_link_is_refused_and_changes_nothing(page: Any, site_url: str, code: str) -> None:
    """A damaged or invalid share link gives a message naming the problem and leaves the saved ratings alone."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.2.a", 1)
    before = shown(page)
    page.goto(site_url + "calculator/#a=" + code)
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'",
                           timeout=120_000)
    message = page.locator('[data-testid="message"]').inner_text()
    assert "未作任何改动" in message
    page.wait_for_function(READY, timeout=120_000)
    assert shown(page) == before
    assert rating_of(page, "5.1.2.a") == "1"


def test_export_then_import_gives_the_same_result(page: Any, site_url: str, tmp_path: Path) -> None:
    """An exported JSON file is the CLI's format, the CLI scores it the same, and importing it restores it."""
    page.goto(site_url + "en/calculator/?standard=gb-t-27922-2011")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.1", 1)
    rate(page, "5.2.4.3", 0.45)
    page.locator('input[id="deductions-gb-t-27922-2011"]').fill("2")
    before = shown(page, "gb-t-27922-2011")
    with page.expect_download() as download:
        page.locator('[data-action="export-json"]').click()
    path = tmp_path / "exported.json"
    download.value.save_as(path)
    done = run_cli("score", path)
    assert assert_clean_result(done)["score_text"] == before["score"]
    with imported_in_fresh_browser(page, site_url, path) as other:
        assert shown(other, "gb-t-27922-2011") == before


def test_malformed_import_is_refused_and_changes_nothing(page: Any, site_url: str, tmp_path: Path) -> None:
    """Importing a broken file names the problem and keeps the current ratings."""
    page.goto(site_url + "en/calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 0.4)
    before = shown(page)
    for name, text in (("broken.json", "{not json"), ("wrong.json", json.dumps({"standard": "cts-q-zg025-2022",
                                                                                 "ratings": {"9.9.9.z": 1}}))):
        (tmp_path / name).write_text(text, "utf-8")
        page.locator("#calc-import").set_input_files(str(tmp_path / name))
        page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'")
        message = page.locator('[data-testid="message"]').inner_text()
        assert name in message and "unchanged" in message
        page.evaluate("document.querySelector('[data-testid=message]').dataset.kind = ''")
    assert "9.9.9.z" in message
    assert shown(page) == before


def test_html_in_a_note_is_shown_as_text(page: Any, site_url: str) -> None:
    """A note containing HTML is kept as text: no element is created and no script runs."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + "calculator/#a=" + share_code(ASSESSMENT))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.length > 0",
                           timeout=120_000)
    note = page.locator('textarea[id="n-5.1.1.a"]')
    assert note.input_value() == ASSESSMENT["notes"]["5.1.1.a"]
    assert page.locator(".calc-form img, .calc-form b").count() == 0
    assert dialogs == []


def test_ratings_made_before_python_is_ready_are_scored(page: Any, site_url: str, tmp_path: Path) -> None:
    """With Pyodide held back, the form already works; once it loads, the ratings made meanwhile are scored."""
    held: list[Any] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site_url + "calculator/")
    page.wait_for_selector('[data-item="5.1.1.a"]')
    assert page.evaluate("document.body.dataset.state") == "loading"
    ratings = {"5.1.1.a": 1, "5.2.1.b": 0.4, "5.5.2.d": "na"}
    for item_id, value in ratings.items():
        rate(page, item_id, value)
    assert page.evaluate("document.body.dataset.state") == "loading"
    page.wait_for_function("true")
    for route in held:
        route.continue_()
    page.unroute("**/pyodide.asm.wasm")
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": ratings}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]


def test_calculator_works_offline_after_one_visit(browser: Any, site_url: str, tmp_path: Path) -> None:
    """After one online visit the service worker serves the calculator, Pyodide and the rubrics offline."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "calculator/")
        page.wait_for_function(READY, timeout=120_000)
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
        context.set_offline(True)
        for path in ("calculator/", "en/calculator/"):
            page.goto(site_url + path)
            page.wait_for_function(READY, timeout=120_000)
        rate(page, "5.5.2.a", 0.6)
        expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.5.2.a": 0.6}}, tmp_path)
        assert shown(page)["score"] == expected["score_text"]
    finally:
        context.set_offline(False)
        context.close()


def test_named_assessments_are_kept_apart_and_survive_reload(page: Any, site_url: str) -> None:
    """A second named assessment starts empty; switching back restores the first, also after a reload."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 1)
    first = shown(page)
    page.once("dialog", lambda dialog: dialog.accept("第二家门店"))
    page.locator('[data-action="new"]').click()
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == ""
    rate(page, "5.2.1.a", 0.4)
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator('[data-testid="assessment"]').input_value() == "第二家门店"
    assert rating_of(page, "5.2.1.a") == "0.4"
    page.locator('[data-testid="assessment"]').select_option("我的评估")
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == "1"
    assert shown(page) == first


def test_custom_profile_in_the_browser_matches_the_cli(page: Any, site_url: str, tmp_path: Path) -> None:
    """Uploading a GB/T profile file scores exactly as `score FILE --profile PROFILE` does; a bad one is refused."""
    import yaml

    shipped = yaml.safe_load((Path(__file__).resolve().parents[2] / "rubrics" / "profiles" / "gb-t-27922-2011"
                              / "default.yaml").read_text("utf-8"))
    custom = dict(shipped, id="my-body", title={"zh": "某认证机构评分表", "en": "A body's scoring sheet"})
    items = dict(custom["items"])
    items["5.1.2.2"] = {"points": 3, "provenance": "provisional"}  # a changed figure is not the standard's own
    items["5.1.1.1"] = {"points": round(items["5.1.1.1"]["points"] + 2, 2), "provenance": "provisional"}
    custom["items"] = items
    profile = tmp_path / "my-body.json"
    profile.write_text(json.dumps(custom, ensure_ascii=False), "utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(dict(custom, total=99)), "utf-8")
    page.goto(site_url + "calculator/?standard=gb-t-27922-2011")
    page.wait_for_function(READY, timeout=120_000)
    ratings = {"5.1.1.1": 1, "5.1.2.2": 0, "5.3.2.1": 0.5}
    for item_id, value in ratings.items():
        rate(page, item_id, value)
    before = shown(page, "gb-t-27922-2011")
    page.locator('input[id="custom-gb-t-27922-2011"]').set_input_files(str(bad))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'")
    assert "99" in page.locator('[data-testid="message"]').inner_text()
    assert shown(page, "gb-t-27922-2011") == before
    page.locator('input[id="custom-gb-t-27922-2011"]').set_input_files(str(profile))
    page.wait_for_selector('[data-testid="custom-profile"]')
    page.wait_for_function(READY, timeout=120_000)
    assessment = tmp_path / "a.json"
    assessment.write_text(json.dumps({"standard": "gb-t-27922-2011", "ratings": ratings,
                                      "special_deductions": 0, "special_bonus": 0}), "utf-8")
    done = run_cli("score", assessment, "--profile", profile)
    assert shown(page, "gb-t-27922-2011")["score"] == assert_clean_result(done)["score_text"] != before["score"]


def test_printed_report_holds_result_chart_and_notice(page: Any, site_url: str) -> None:
    """The A4 report shows the result, a chart drawn in the page (a bar for each of CTS's six sections), what to
    fix first and the notice."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 1)
    rate(page, "5.5.2.a", 0.6)
    result = shown(page)
    page.evaluate("window.print = () => {}")
    page.locator('[data-action="report"]').click()
    report = page.locator('[data-testid="report"]')
    text = report.inner_text()
    assert result["score"] in text and "暂定自评结果，不是认证结论" in text and "优先改进" in text
    assert report.locator(".calc-chart .calc-bar-row").count() == 6
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.calc-report')).display") == "block"
    assert page.evaluate("document.querySelector('.calc-form').getClientRects().length") == 0  # not printed
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("path,data,words", [
    ("calculator/", {"standard": "cts-q-zg025-2022", "ratings": {"9.9.9.z": 1}},
     "cts-q-zg025-2022 中没有编号为“9.9.9.z”的评分项"),
    ("calculator/", {"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1.5}}, "评分项 5.1.1.a 的评分 1.5 超出 0 到 1 的范围"),
    ("en/calculator/", {"standard": "gb-t-27922-2011", "ratings": {}, "special_bonus": 2},
     "special_bonus: expected 0 or 1 (at most one special bonus), got 2"),
    ("calculator/", {"assessments": [{"standard": "gb-t-27922-2011", "ratings": {}},
                                     {"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": "x"}}]},
     '第 2 份评估（assessments[1]）：评分项 5.1.1.a 的评分应为 0 到 1 之间的数或 "na"，实为 "x"'),
    # codes the page did not word before: a profile named in the file, a nested unknown standard, a
    # rubric-level key, a standard given as a number (shown as the reader wrote it, not as a Python repr)
    ("calculator/", {"standard": "gb-t-27922-2011", "profile": "heavy", "ratings": {}},
     "gb-t-27922-2011 没有名为“heavy”的分值方案（随附：default）"),
    ("calculator/", {"assessments": [{"standard": "gb-t-27922-2011", "ratings": {}}, {"standard": "nope-2020"}]},
     "第 2 份评估（assessments[1]）：未知的标准“nope-2020”"),
    ("calculator/", {"standard": None, "ratings": {}}, "standard 应为标准编号，实为 null"),
    ("en/calculator/", {"assessments": [{"standard": "gb-t-27922-2011", "ratings": {}}, {"standard": "nope-2020"}]},
     "assessments[1] (assessment 2): unknown standard 'nope-2020'"),
    ("en/calculator/", {"standard": "gb-t-27922-2011", "profile": "heavy", "ratings": {}},
     "unknown profile 'heavy' for gb-t-27922-2011; shipped: default"),
])
def test_refusals_are_worded_in_the_pages_language(page: Any, site_url: str, path: str, data: Any, words: str) -> None:
    """A bad share link's problem is named in the page's language, down to the item and value."""
    page.goto(site_url + path + "#a=" + share_code(data))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'",
                           timeout=120_000)
    assert words in page.locator('[data-testid="message"]').inner_text()


def test_fix_first_and_next_level_are_the_clis(page: Any, site_url: str, tmp_path: Path) -> None:
    """The page's 'fix first' list and next-level line give the CLI's fix_first rows (each clause with its title)
    and points needed."""
    page.goto(site_url + "en/calculator/")
    page.wait_for_function(READY, timeout=120_000)
    for item_id, value in ASSESSMENT["ratings"].items():
        rate(page, item_id, value)
    expected = cli_result({"standard": ASSESSMENT["standard"], "ratings": ASSESSMENT["ratings"]}, tmp_path)
    shown(page)
    panel = page.locator(f'[data-result="{ASSESSMENT["standard"]}"]')
    rows = panel.locator('[data-testid="fix-first"] li').all_inner_texts()
    rubric = load_rubric(rubric_data(ASSESSMENT["standard"], RUBRICS_DIR))
    assert rows == [CATALOGUE.text("format.label_value", "en", label=f"{row['clause']} {rubric.clauses[row['clause']].title['en']}",
                                   value=CATALOGUE.text("format.fix_row_completeness", "en", recoverable=row["recoverable_text"],
                                                        gain=row["score_gain_text"])) for row in expected["fix_first"][:8]]
    assert len(rows) == 8
    target = expected["next_level"]
    assert panel.locator('[data-testid="next"]').inner_text() == (
        f"Next level: {target['label']['en']} (≥ {target['min_score']:.2f}%) "
        f"needs {target['points_needed']:.2f} more points earned")


CJK = "[\u3000-\u9fff\uff00-\uffef]"


@pytest.mark.parametrize("prefix,lang", [("", "zh"), ("en/", "en")])
def test_reason_next_level_and_combined_in_the_pages_language(page: Any, site_url: str, prefix: str,
                                                               lang: str) -> None:
    """A failing combined rating: the reason, the next-level line and the combined text are worded in the page's language."""
    import re

    gbt = {"standard": "gb-t-27922-2011", "ratings": {"5.1.1.1": 1}}
    cts = {"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1, "5.1.1.b": 1}}
    page.goto(site_url + prefix + "calculator/#a=" + share_code({"assessments": [gbt, cts]}))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.length > 0",
                           timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    panel = page.locator('[data-result="cts-q-zg025-2022"]')
    panel.locator(".calc-why > summary").click()  # the combined view keeps each standard's details closed
    reason = panel.locator('[data-testid="reason"]').inner_text()
    following = panel.locator('[data-testid="next"]').inner_text()
    combined = page.locator('[data-testid="combined-reason"]').inner_text()
    stars = page.locator('[data-testid="combined-stars"]').inner_text()
    if lang == "zh":
        assert reason.startswith("原因：完善程度 2.27% 低于最低要求 60.00%"), reason
        assert following.startswith("下一等级：三星级（≥ 60.00%），实际得分还需增加 ") and following.endswith(" 分"), following
        assert combined.startswith("GB/T 27922-2011 不合格：得分 "), combined
        assert "CTS Q/ZG025-2022 不合格：完善程度 2.27%" in combined and stars == "不合格（无合并星级）"
        for text in (reason, following, combined, stars):
            assert not re.search(r"\b(score|below|stars|fails|needed|points)\b", text), text
    else:
        assert reason == "Reason: completeness 2.27% is below the minimum of 60.00%", reason
        assert following.startswith("Next level: Three stars (≥ 60.00%) needs ") and following.endswith(" more points earned")
        assert combined.startswith("GB/T 27922-2011 fails: score ") and stars == "failed (no combined stars)"
        for text in (reason, following, combined, stars):
            assert not re.search(CJK, text), text


def test_profile_select_does_not_double_the_provisional_mark(page: Any, site_url: str) -> None:
    """The profile choices are the profiles' own titles; a provisional profile is flagged once, beside the choice."""
    page.goto(site_url + "calculator/?standard=gb-t-27922-2011")
    page.wait_for_function(READY, timeout=120_000)
    options = page.locator('select[data-setting="profile"] option').all_inner_texts()
    assert options and all("含暂定分值" not in o and o.count("暂定") <= 1 for o in options), options
    assert page.locator('[data-testid="profile-provisional"]').is_visible()
