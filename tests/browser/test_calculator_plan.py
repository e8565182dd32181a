"""The improvement plan on the calculator page, in Debian's chromium with real Pyodide: the
page lists the steps ``aftersales plan`` prints, in both languages, and keeps each step's
owner, due date and status with the assessment (storage, share link, JSON export, print)."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from sitegen.examples import share_code

from conftest import REPO, run_cli
from strategies import RUBRICS

pytestmark = pytest.mark.browser

READY = "document.body?.dataset.state === 'ready'"
PLANNED = "document.body?.dataset.plan === 'current'"
CTS, GBT = "cts-q-zg025-2022", "gb-t-27922-2011"
VECTORS = json.loads((REPO / "tests" / "vectors" / "plan.json").read_text(encoding="utf-8"))


def _case(name: str) -> dict[str, Any]:
    return next(c for c in VECTORS["cases"] if c["name"] == name)


def _cts(ratings: dict[str, Any]) -> dict[str, Any]:
    """A CTS assessment rating ``ratings`` and every other item 'na' (as the plan vectors do)."""
    return {"standard": CTS, "ratings": {i: ratings.get(i, "na") for i in RUBRICS[CTS].items}}


RETAILER = yaml.safe_load((REPO / "rubrics" / "examples" / "retailer.yaml").read_text(encoding="utf-8"))["assessment"]
# (name, assessment, target): the plan vectors, an SB/T example with steps below full marks,
# a GB/T file no plan can help (5 special deductions) and a combined file planned for stars
CASES = [
    ("fewest-points", _cts(_case("fewest-points-not-largest-gain")["assessment"]["ratings"]), "five-star"),
    ("two-steps", _cts(_case("two-steps-fewest-points")["assessment"]["ratings"]), "seven-star"),
    ("sbt-retailer", RETAILER, "compliant"),
    ("gbt-blocked", {"standard": GBT, "ratings": dict.fromkeys(RUBRICS[GBT].items, 1), "special_deductions": 5}, "dabiao"),
    ("combined", {"assessments": [{"standard": GBT, "ratings": dict.fromkeys(RUBRICS[GBT].items, 1)},
                                  {"standard": CTS, "ratings": dict.fromkeys(RUBRICS[CTS].items, 0.6)}]}, "stars-10"),
]


def cli_plan(assessment: dict[str, Any], target: str, tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(assessment, ensure_ascii=False), "utf-8")
    done = run_cli("plan", path, "--target", target)
    assert done.returncode == 0, done.stderr
    return done.json()


def with_target(assessment: dict[str, Any], target: str) -> dict[str, Any]:
    """The assessment file naming ``target`` as its plan's target (top level, also when combined)."""
    return {**assessment, "plan": {"target": target}}


def planned(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function(PLANNED, timeout=60_000)


@pytest.mark.parametrize("lang", ["", "en/"], ids=["zh", "en"])
@pytest.mark.parametrize(("name", "assessment", "target"), CASES, ids=[c[0] for c in CASES])
def test_page_plan_equals_the_cli(page: Any, site_url: str, tmp_path: Path, lang: str, name: str,
                                  assessment: dict[str, Any], target: str) -> None:
    """Opened with a target, the page offers the target level, lists exactly the CLI's steps and says the score after."""
    cli = cli_plan(assessment, target, tmp_path)
    planned(page, site_url + lang + "calculator/?fresh=1#a=" + share_code(with_target(assessment, target)))
    assert page.locator('[data-testid="plan-target"]').input_value() == target
    items = page.locator('[data-testid="plan"] [data-plan-item]')
    assert [items.nth(n).get_attribute("data-plan-item") for n in range(items.count())] == \
        [step["item"] for step in cli["steps"]]
    summary = page.locator('[data-testid="plan-summary"]').inner_text()
    if cli["reachable"]:
        assert cli["points_text"] in summary
        after = page.locator('[data-testid="plan-after"]').inner_text()
        assert (str(cli["stars_after"]) if "parts" in cli else cli["score_after_text"]) in after
    else:
        assert ("无法达到" if not lang else "Cannot be reached") in summary
    for step, row in zip(cli["steps"], range(items.count()), strict=True):
        assert step["points_text"] in items.nth(row).inner_text()


def test_target_choice_lists_only_higher_levels_and_replans(page: Any, site_url: str, tmp_path: Path) -> None:
    """The target select offers the passed levels above the current one (Python's list), and choosing one shows its plan."""
    assessment = _cts(_case("fewest-points-not-largest-gain")["assessment"]["ratings"])  # 60.00, three stars
    planned(page, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
    options = page.locator('[data-testid="plan-target"] option')
    values = [options.nth(n).get_attribute("value") for n in range(options.count())]
    assert values == ["", "four-star", "five-star", "six-star", "seven-star"]
    assert page.locator('[data-testid="plan"] [data-plan-item]').count() == 0
    page.locator('[data-testid="plan-target"]').select_option("six-star")
    page.wait_for_function(PLANNED + " && document.querySelectorAll('[data-plan-item]').length > 0", timeout=60_000)
    cli = cli_plan(assessment, "six-star", tmp_path)
    assert page.locator('[data-testid="plan"] [data-plan-item]').get_attribute("data-plan-item") == cli["steps"][0]["item"]


def test_follow_up_is_kept_shared_exported_and_printed(page: Any, site_url: str, tmp_path: Path) -> None:
    """A step's owner, due date and status survive a reload, travel in the share link, the JSON export and the
    Excel workbook's plan sheet, and are printed; a CSV export says it does not hold them."""
    assessment = with_target(_cts(_case("two-steps-fewest-points")["assessment"]["ratings"]), "seven-star")
    planned(page, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
    row = page.locator('[data-plan-item="5.1.2.a"]')
    row.locator('[data-testid="plan-owner"]').fill("李四")
    row.locator('[data-testid="plan-owner"]').dispatch_event("change")
    row.locator('[data-testid="plan-due"]').fill("2027-06-30")
    row.locator('[data-testid="plan-status"]').select_option("done")
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function(PLANNED, timeout=60_000)
    row = page.locator('[data-plan-item="5.1.2.a"]')
    assert row.locator('[data-testid="plan-owner"]').input_value() == "李四"
    assert row.locator('[data-testid="plan-due"]').input_value() == "2027-06-30"
    assert row.locator('[data-testid="plan-status"]').input_value() == "done"
    wanted = {"target": "seven-star", "steps": {"5.1.2.a": {"owner": "李四", "due": "2027-06-30", "status": "done"}}}
    page.locator('[data-action="share"]').click()
    code = page.locator('[data-testid="share-link"]').input_value().split("#a=", 1)[1]
    assert json.loads(base64.urlsafe_b64decode(code + "=" * (-len(code) % 4)).decode("utf-8"))["plan"] == wanted
    with page.expect_download() as download:
        page.locator('[data-testid="export-json"]').click()
    assert json.loads(Path(download.value.path()).read_text("utf-8"))["plan"] == wanted
    with page.expect_download():
        page.locator('[data-testid="export-csv"]').click()
    page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.includes('不含改进计划')",
                           timeout=30_000)  # the CSV cannot carry the follow-up, and the page says where it is
    with page.expect_download(timeout=60_000) as download:
        page.locator('[data-testid="export-xlsx"]').click()
    download.value.save_as(tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    plan_rows = [row for row in book.worksheets[2].iter_rows(values_only=True) if "5.1.2.a" in row]
    assert len(plan_rows) == 1 and {"李四", "2027-06-30", "已完成"} <= set(plan_rows[0])
    printed = page.locator('[data-testid="report-plan"] [data-report-plan="5.1.2.a"]')
    printed.wait_for(state="attached", timeout=30_000)
    assert printed.locator("td").all_text_contents()[4:] == ["李四", "2027-06-30", "已完成"]
    # the link opens elsewhere with the same follow-up
    other = page.context.browser.new_context().new_page()
    planned(other, site_url + "en/calculator/#a=" + code)
    row = other.locator('[data-plan-item="5.1.2.a"]')
    assert row.locator('[data-testid="plan-owner"]').input_value() == "李四"
    assert row.locator('[data-testid="plan-status"]').input_value() == "done"
    other.context.close()


def test_plan_fits_a_phone(browser: Any, site_url: str) -> None:
    """On a 390 px phone the plan's steps and their fields stay inside the screen (no sideways scrolling)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        assessment = with_target(_cts(_case("two-steps-fewest-points")["assessment"]["ratings"]), "seven-star")
        planned(phone, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
        phone.locator('[data-testid="plan-box"]').scroll_into_view_if_needed()
        for testid in ("plan-target", "plan-owner", "plan-due", "plan-status"):
            box = phone.locator(f'[data-testid="{testid}"]').first.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (testid, box)
            assert box["height"] >= 32, (testid, box)  # a finger can hit it
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_a_broken_due_date_is_said_and_the_saved_date_kept(page: Any, site_url: str) -> None:
    """Clearing one part of a saved due date (an incomplete date) is said under the field, and the saved date stays."""
    assessment = with_target(_cts(_case("two-steps-fewest-points")["assessment"]["ratings"]), "seven-star")
    planned(page, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
    due = page.locator('[data-plan-item="5.1.2.a"] [data-testid="plan-due"]')
    due.fill("2027-06-30")
    due.dispatch_event("change")
    due.click()
    due.press("Backspace")
    due.blur()
    problem = page.locator('[data-plan-item="5.1.2.a"] [data-testid="plan-due-error"]')
    problem.wait_for(state="visible", timeout=5_000)
    assert "2027-06-30" in problem.inner_text() and "未保存" in problem.inner_text()
    page.reload()
    page.wait_for_function(PLANNED, timeout=120_000)
    assert page.locator('[data-plan-item="5.1.2.a"] [data-testid="plan-due"]').input_value() == "2027-06-30"


def test_a_long_plan_shows_ten_steps_then_all_on_request(page: Any, site_url: str, tmp_path: Path) -> None:
    """A plan of more than a dozen steps shows ten and a button that shows every step (the CLI's, in order)."""
    assessment = with_target({"standard": CTS, "ratings": {}}, "three-star")  # all unrated: 53 steps
    cli = cli_plan(assessment, "three-star", tmp_path)
    planned(page, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
    rows = page.locator('[data-testid="plan"] [data-plan-item]')
    assert rows.count() == len(cli["steps"]) > 12
    assert page.locator('[data-testid="plan"] [data-plan-item]:visible').count() == 10
    more = page.locator('[data-testid="plan-more"]')
    assert more.inner_text() == f"显示全部 {len(cli['steps'])} 项"
    more.click()
    assert page.locator('[data-testid="plan"] [data-plan-item]:visible').count() == len(cli["steps"])
    assert [rows.nth(n).get_attribute("data-plan-item") for n in range(rows.count())] == [s["item"] for s in cli["steps"]]


def test_an_assigned_item_that_leaves_the_plan_stays_in_sight(page: Any, site_url: str) -> None:
    """An item given an owner, then raised so that the plan no longer needs it, is listed with its owner under the plan."""
    assessment = with_target(_cts(_case("two-steps-fewest-points")["assessment"]["ratings"]), "seven-star")
    assessment["plan"]["steps"] = {"5.1.2.a": {"owner": "李四"}}
    planned(page, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
    assert page.locator('[data-testid="plan-others"] [data-plan-item]').count() == 0
    page.locator('[data-item-row="5.1.2.a"] button[data-value="1"]').first.click()
    page.wait_for_function(PLANNED + " && !document.querySelector('[data-testid=plan] [data-plan-item=\"5.1.2.a\"]')",
                           timeout=60_000)
    kept = page.locator('[data-testid="plan-others"] [data-plan-item="5.1.2.a"]')
    assert kept.locator('[data-testid="plan-owner"]').input_value() == "李四"
    assert page.locator('[data-testid="plan-others-title"]').is_visible()


def test_copy_as_new_starts_this_year_from_last_year(page: Any, site_url: str) -> None:
    """"Copy as new" opens a copy under a new name with every rating and follow-up, and the original can be compared."""
    assessment = with_target(_cts(_case("two-steps-fewest-points")["assessment"]["ratings"]), "seven-star")
    assessment["title"] = "2025 自评"
    assessment["plan"]["steps"] = {"5.1.2.a": {"owner": "李四"}}
    planned(page, site_url + "calculator/?fresh=1#a=" + share_code(assessment))
    page.once("dialog", lambda dialog: dialog.accept("2026 自评"))
    page.locator('[data-action="copy"]').click()
    page.wait_for_function("document.querySelector('[data-testid=assessment]')?.value === '2026 自评'", timeout=30_000)
    page.wait_for_function(PLANNED, timeout=60_000)
    assert page.locator('[data-plan-item="5.1.2.a"] [data-testid="plan-owner"]').input_value() == "李四"
    options = page.locator('[data-testid="compare-with"] option')
    assert "2025 自评" in [options.nth(n).get_attribute("value") for n in range(options.count())]
