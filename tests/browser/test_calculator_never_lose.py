"""Never lose work (issue 12), in Debian's chromium with real Pyodide: what comes in (a share
link, a file, a backup) opens as a new named assessment or asks before replacing; two tabs see
each other's edits and the later change wins; storage that refuses to save is said at once and
the work stays in the page; destructive actions can be undone; crafted addresses and names
never stop the page; and a share link with any decimals scores as the CLI scores its file."""

from __future__ import annotations

import base64
import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_calculator_browser import READY, cli_result, fresh_calculator, imported_in_fresh_browser, rating_of, shown
from test_calculator_phone import in_view

from calculator.limits import MAX_FILE_BYTES
from calculator.loaders import read_catalogue
from sitegen.examples import share_code

from strategies import decimal_assessments

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
CTS = "cts-q-zg025-2022"
LIBRARY = "calculator:v2:library"  # docs/assets/calc/state.js
INCOMING = {"standard": CTS, "title": "乙公司 2025 年自评", "ratings": {"5.1.1.a": 1, "5.4.5.d": 0.7},
            "notes": {"5.1.1.a": "查阅了服务手册"}}


def calc(entry: str, lang: str = "zh", /, **params: Any) -> str:
    """A calc.* entry of the catalogue in ``lang``, filled as the page fills it."""
    return CATALOGUE.text(f"calc.{entry}", lang, **params)


def press(page: Any, item_id: str, value: str) -> None:
    """Tap one band of an item and wait for the result."""
    page.locator(f'[data-item-row="{item_id}"] [data-value="{value}"]').click()
    page.wait_for_function(READY, timeout=120_000)


def names(page: Any) -> list[str]:
    """The assessments the picker lists."""
    return page.locator('[data-testid="assessment"] option').evaluate_all("(os) => os.map((o) => o.value)")


def test_share_link_opens_as_a_new_assessment_without_a_false_ready(page: Any, site_url: str, tmp_path: Path) -> None:
    """A share link opens as a new assessment named by its title; the rated assessment that was open keeps its
    ratings and one button goes back to it; and every time the page says "ready" it shows the link's result."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    press(page, "5.1.1.b", "1")
    mine = shown(page)
    # every state the page reports, with the score shown at that moment, from the first script on
    page.add_init_script("""window.__states = []; document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver(() => window.__states.push([document.body.dataset.state,
        document.querySelector('[data-result] [data-testid=score]')?.dataset.value || null]))
      .observe(document.body, {attributes: true, attributeFilter: ['data-state']}));""")
    page.goto(site_url + "calculator/?fresh=1#a=" + share_code(INCOMING))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result(INCOMING, tmp_path)
    states = page.evaluate("window.__states")
    ready = [score for state, score in states if state == "ready"]
    assert ready and set(ready) == {expected["score_text"]}, states
    assert shown(page)["score"] == expected["score_text"]
    assert page.locator('[data-testid="assessment"]').input_value() == INCOMING["title"]
    assert page.locator('[data-testid="opened"] p').inner_text() == calc(
        "opened_link", name=INCOMING["title"], previous="我的评估")
    assert sorted(names(page)) == sorted(["我的评估", INCOMING["title"]])
    assert page.locator('[data-testid="set-aside"]').count() == 0  # nothing of the link is set aside
    assert page.locator('[data-testid="opened"]').get_attribute("role") == "status"  # news, not an alert
    page.locator('[data-testid="back-to"]').click()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator('[data-testid="assessment"]').input_value() == "我的评估"
    assert rating_of(page, "5.1.1.b") == "1" and rating_of(page, "5.1.1.a") == ""
    assert shown(page) == mine
    assert page.locator('[data-testid="opened"]').count() == 0


def test_the_same_file_imported_twice_is_opened_not_copied(page: Any, site_url: str, tmp_path: Path) -> None:
    """A file without a title opens as "<file name>（<date>）" beside the current assessment; importing the same
    file again opens that assessment instead of adding a copy, and while it is open says nothing changed; a
    different file of the same name gets "（2）"."""
    path = tmp_path / "门店A.json"
    untitled = {key: value for key, value in INCOMING.items() if key != "title"}
    path.write_text(json.dumps(untitled, ensure_ascii=False), "utf-8")
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    press(page, "5.2.1.a", "1")
    page.locator("#calc-import").set_input_files(str(path))
    page.locator('[data-testid="opened"]').wait_for(timeout=60_000)
    page.wait_for_function(READY, timeout=120_000)
    opened = page.locator('[data-testid="assessment"]').input_value()
    assert opened.startswith("门店A（") and opened.endswith("）"), opened
    page.locator('[data-testid="back-to"]').click()
    page.wait_for_function(READY, timeout=120_000)
    page.locator("#calc-import").set_input_files(str(path))
    page.wait_for_function("document.querySelector('[data-testid=opened] p')?.textContent.includes('相同')",
                           timeout=60_000)
    assert page.locator('[data-testid="assessment"]').input_value() == opened
    assert len(names(page)) == 2
    page.evaluate("document.querySelector('[data-testid=message]').textContent = ''")
    page.locator("#calc-import").set_input_files(str(path))
    page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.includes('未作任何改动')")
    assert page.locator('[data-testid="message"]').inner_text() == calc("opened_current", name=opened)
    assert page.locator('[data-testid="opened"]').count() == 0 and len(names(page)) == 2
    path.write_text(json.dumps(dict(untitled, ratings={"5.1.1.a": 0}), ensure_ascii=False), "utf-8")
    page.locator("#calc-import").set_input_files(str(path))
    copy = calc("copy_name", name=opened, n=2)
    assert copy == f"{opened}（2）"  # full-width brackets, as the date's, on the Chinese page
    page.wait_for_function(f"document.querySelector('[data-testid=assessment]')?.value === {json.dumps(copy)}",
                           timeout=60_000)
    assert rating_of(page, "5.1.1.a") == "0"
    page.locator('[data-testid="assessment"]').select_option("我的评估")
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.2.1.a") == "1"


def test_an_import_keeps_its_title_and_profile(page: Any, site_url: str, tmp_path: Path) -> None:
    """An SB/T file scored under the sales profile opens under its title with that profile chosen, and the page
    shows the CLI's result for the file."""
    data = {"standard": "sb-t-10401-2006", "title": "丙商场 B 表", "profile": "sales",
            "ratings": {"B.1.1.1": 1, "B.1.1.2": 0.5, "B.1.1.3": "na"}}
    path = tmp_path / "sales.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    page.locator("#calc-import").set_input_files(str(path))
    page.locator('[data-testid="opened"]').wait_for(timeout=60_000)
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator('[data-testid="assessment"]').input_value() == data["title"]
    assert page.locator('select[id="profile-sb-t-10401-2006"]').input_value() == "sales"
    assert shown(page, "sb-t-10401-2006")["score"] == cli_result(data, tmp_path)["score_text"]


def test_delete_and_clear_can_be_undone(page: Any, site_url: str) -> None:
    """Deleting an assessment and clearing every rating of a standard are each undone by the bar's Undo, with
    the ratings and notes as they were."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    press(page, "5.1.1.a", "1")
    press(page, "5.1.1.b", "0")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('[data-action="reset"]').click()
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == ""
    assert page.locator('[data-testid="undo-text"]').inner_text() == calc("reset_done", code="CTS Q/ZG025-2022", count=2)
    page.locator('[data-testid="undo"]').click()
    page.wait_for_function(READY, timeout=120_000)
    assert (rating_of(page, "5.1.1.a"), rating_of(page, "5.1.1.b")) == ("1", "0")
    assert page.evaluate("document.activeElement?.dataset.action") == "reset"  # the focus back where it was
    page.once("dialog", lambda dialog: dialog.accept("第二家门店"))
    page.locator('[data-action="new"]').click()
    page.wait_for_function(READY, timeout=120_000)
    page.locator('[data-testid="assessment"]').select_option("我的评估")
    page.wait_for_function(READY, timeout=120_000)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('[data-action="delete"]').click()
    page.wait_for_function("document.querySelector('[data-testid=assessment]')?.value === '第二家门店'")
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator('[data-testid="undo-text"]').inner_text() == calc("deleted", name="我的评估")
    assert "我的评估" not in names(page)
    page.locator('[data-testid="undo"]').click()
    page.wait_for_function("document.querySelector('[data-testid=assessment]')?.value === '我的评估'")
    page.wait_for_function(READY, timeout=120_000)
    assert (rating_of(page, "5.1.1.a"), rating_of(page, "5.1.1.b")) == ("1", "0")
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert "我的评估" in names(page) and rating_of(page, "5.1.1.a") == "1"


def test_two_tabs_see_each_others_edits_and_the_later_change_wins(page: Any, site_url: str) -> None:
    """Two tabs of the same assessment: a rating and a note made in either appear in the other and none is
    lost; where both rate the same item, the later rating is the one both show and the one stored."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    other = page.context.new_page()
    other.goto(site_url + "calculator/")
    other.wait_for_function(READY, timeout=120_000)
    press(page, "5.1.1.a", "1")
    press(other, "5.1.1.b", "0.6")
    other.wait_for_function("document.querySelector('[data-item-row=\"5.1.1.a\"] [aria-pressed=true]')")
    page.wait_for_function("document.querySelector('[data-item-row=\"5.1.1.b\"] [aria-pressed=true]')")
    press(page, "5.1.2.a", "0")
    press(other, "5.1.2.a", "1")
    page.wait_for_function("document.querySelector('[data-item-row=\"5.1.2.a\"] [aria-pressed=true]')?.dataset.value === '1'")
    page.locator('[data-item-row="5.1.3.a"] details summary').click()
    page.locator('textarea[id="n-5.1.3.a"]').type("正在输入")  # typing here while the other tab changes things
    other.locator('[data-item-row="5.1.1.c"] details summary').click()
    other.locator('textarea[id="n-5.1.1.c"]').fill("两个标签页")
    page.wait_for_function("document.querySelector('textarea[id=\"n-5.1.1.c\"]')?.value === '两个标签页'")
    page.keyboard.type("的备注")
    assert page.locator('textarea[id="n-5.1.3.a"]').input_value() == "正在输入的备注"  # focus and typing kept
    assert page.locator('[data-testid="undo-text"]').inner_text() == calc("elsewhere")  # in the bar, in view
    for tab in (page, other):
        assert [rating_of(tab, item) for item in ("5.1.1.a", "5.1.1.b", "5.1.2.a")] == ["1", "0.6", "1"]
    assert shown(page) == shown(other)
    stored = json.loads(page.evaluate(f"localStorage.getItem('{LIBRARY}')"))["我的评估"]["standards"][CTS]
    assert {item: entry["choice"] for item, entry in stored["ratings"].items()} == {
        "5.1.1.a": "1", "5.1.1.b": "0.6", "5.1.2.a": "1"}
    assert stored["notes"] == {"5.1.1.c": "两个标签页", "5.1.3.a": "正在输入的备注"}
    other.close()


def test_storage_that_refuses_to_save_is_said_and_the_work_is_kept(page: Any, site_url: str) -> None:
    """When storage is full, the next rating says so at once (in the bar, in view, and at the head of the form,
    in the page's language), the rating stays in the page and is scored, and the backup offered holds it."""
    page.goto(site_url + "en/calculator/")
    page.wait_for_function(READY, timeout=120_000)
    press(page, "5.1.1.a", "1")
    page.evaluate("""() => { Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }; }""")
    press(page, "5.1.1.b", "1")
    bar = page.locator('[data-testid="summary-unsaved"]')
    assert bar.is_visible() and bar.inner_text().startswith(calc("unsaved_short", "en"))
    assert page.locator('[data-testid="storage-problem"] p').inner_text() == calc("storage_full", "en")
    assert rating_of(page, "5.1.1.b") == "1"
    with page.expect_download() as download:
        page.locator('[data-testid="summary-backup"]').click()
    backup = json.loads(Path(download.value.path()).read_text("utf-8"))
    assert backup["format"] == "aftersales-calculator-backup"
    ratings = backup["assessments"]["My assessment"]["standards"][CTS]["ratings"]
    assert set(ratings) == {"5.1.1.a", "5.1.1.b"}


def test_blocked_storage_is_said_and_the_page_still_scores(browser: Any, site_url: str, tmp_path: Path) -> None:
    """With localStorage throwing on every use (blocked by a privacy setting), the Chinese page opens, says the
    ratings cannot be saved, and scores what is rated as the CLI does."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script("""Object.defineProperty(window, 'localStorage', { get() {
          throw new DOMException('The operation is insecure.', 'SecurityError'); } });""")
        page.goto(site_url + "calculator/")
        page.wait_for_function(READY, timeout=120_000)
        assert page.locator('[data-testid="storage-problem"] p').inner_text() == calc("storage_blocked")
        press(page, "5.2.1.a", "1")
        expected = cli_result({"standard": CTS, "ratings": {"5.2.1.a": 1}}, tmp_path)
        assert shown(page)["score"] == expected["score_text"]
    finally:
        context.close()


def test_a_note_over_the_limit_is_said_and_not_stored(page: Any, site_url: str) -> None:
    """A note longer than the limit Python sets stays in its field, is marked invalid with its length and the
    limit, and the note stored is the last one within the limit."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    limit = page.evaluate("fetch('../assets/calc/form/cts-q-zg025-2022.json').then((r) => r.json())"
                          ".then((f) => f.limits.note_chars)")
    page.locator('[data-item-row="5.1.1.a"] details summary').click()
    note = page.locator('textarea[id="n-5.1.1.a"]')
    note.fill("短备注")
    note.fill("长" * (limit + 1))
    assert note.get_attribute("aria-invalid") == "true"
    assert page.locator('[id="mn-5.1.1.a"]').inner_text() == calc("note_too_long", length=limit + 1, limit=limit)
    assert note.input_value() == "长" * (limit + 1)
    stored = json.loads(page.evaluate(f"localStorage.getItem('{LIBRARY}')"))["我的评估"]["standards"][CTS]
    assert stored["notes"] == {"5.1.1.a": "短备注"}


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(page: Any, site_url: str) -> None:
    """An import larger than the limit Python sets for files is refused, in the words the CLI uses, before it
    is read, and nothing changes."""
    page.goto(site_url + "en/calculator/")
    page.wait_for_function(READY, timeout=120_000)
    press(page, "5.1.1.a", "1")
    before = shown(page)
    page.locator("#calc-import").set_input_files(
        files=[{"name": "huge.json", "mimeType": "application/json", "buffer": b" " * MAX_FILE_BYTES + b"{}"}])
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'")
    message = page.locator('[data-testid="message"]').inner_text()
    assert "huge.json" in message and "unchanged" in message
    size = math.ceil((MAX_FILE_BYTES + 2) / 100_000) / 10  # MB, the size rounded up and the limit down
    assert calc("too_big", "en", size=f"{size:.1f}", limit=f"{math.floor(MAX_FILE_BYTES / 100_000) / 10:.1f}") in message
    assert shown(page) == before and names(page) == ["My assessment"]


def test_no_link_or_export_is_made_without_the_custom_profile(page: Any, site_url: str, tmp_path: Path) -> None:
    """Scored with a custom weight profile, the share link and the JSON and CSV exports are refused with a message
    naming the profile and why, instead of giving whoever opens them a different score."""
    import yaml

    shipped = yaml.safe_load((Path(__file__).resolve().parents[2] / "rubrics" / "profiles" / "gb-t-27922-2011"
                              / "default.yaml").read_text("utf-8"))
    profile = tmp_path / "body.json"
    profile.write_text(json.dumps(dict(shipped, id="body", title={"zh": "某机构方案", "en": "A body's profile"}),
                                  ensure_ascii=False), "utf-8")
    page.goto(site_url + "calculator/?standard=gb-t-27922-2011")
    page.wait_for_function(READY, timeout=120_000)
    page.locator('input[id="custom-gb-t-27922-2011"]').set_input_files(str(profile))
    page.wait_for_selector('[data-testid="custom-profile"]')
    for action in ("share", "export-json", "export-csv"):
        page.evaluate("document.querySelector('[data-testid=message]').dataset.kind = ''")
        page.locator(f'[data-action="{action}"]').click()
        page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'")
        assert page.locator('[data-testid="message"]').inner_text() == calc("custom_not_carried", title="某机构方案")
    assert page.locator('[data-testid="share-link"]').is_hidden()


def test_a_link_too_long_for_browsers_is_not_made(page: Any, site_url: str) -> None:
    """An assessment whose link would pass the limit (long notes) gets no link, and the message offers the file."""
    notes = {f"5.1.1.{letter}": "证" * 3000 for letter in "abc"}
    page.goto(site_url + "calculator/#a=" + share_code({"standard": CTS, "ratings": {}, "notes": notes}))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.locator('[data-action="share"]').click()
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'")
    message = page.locator('[data-testid="message"]').inner_text()
    assert message.startswith("分享链接将有") and "导出 JSON" in message
    assert page.locator('[data-testid="share-link"]').is_hidden()


def test_crafted_addresses_and_reserved_names_never_stop_the_page(page: Any, site_url: str) -> None:
    """?standard=constructor, #clause-% and #clause-__proto__ open the calculator as usual; assessments named
    "constructor", "__proto__" and "toString" are kept, listed and reopened like any other name."""
    for address in ("calculator/?standard=constructor", "calculator/?standard=__proto__#clause-%",
                    "calculator/#clause-__proto__", "calculator/?standard=%25#clause-%E0%A4%A"):
        page.goto(site_url + address)
        page.wait_for_function(READY, timeout=120_000)
        assert page.locator('[data-testid="error"]').count() == 0, address
    for name in ("constructor", "__proto__", "toString"):
        page.once("dialog", lambda dialog, name=name: dialog.accept(name))
        page.locator('[data-action="new"]').click()
        page.wait_for_function(f"document.querySelector('[data-testid=assessment]')?.value === {json.dumps(name)}")
        press(page, "5.1.1.a", "1")
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert sorted(names(page)) == sorted(["我的评估", "constructor", "__proto__", "toString"])
    page.locator('[data-testid="assessment"]').select_option("__proto__")
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == "1"
    assert page.evaluate("({}).polluted === undefined && typeof Object.prototype.toString === 'function'")


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_and_read_back(page: Any, site_url: str,
                                                                         tmp_path: Path) -> None:
    """An assessment whose title, report details and notes start with =, +, - or @ (opened from a link) is
    exported as CSV by the page with each such cell behind an apostrophe, none a formula; imported back, the
    texts are exactly as they were."""
    hostile = {"standard": CTS, "title": "=HYPERLINK(\"http://x\")", "ratings": {"5.1.1.a": 1},
               "notes": {"5.1.1.a": "+1+1", "5.1.1.b": "-2", "5.1.1.c": "@SUM(A1)"},
               "report": {"enterprise": "=1+1", "site": "\t=cmd"}}
    page.goto(site_url + "calculator/#a=" + share_code(hostile))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    with page.expect_download() as download:
        page.locator('[data-testid="export-csv"]').click()
    path = tmp_path / "hostile.csv"
    download.value.save_as(path)
    cells = [cell for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    for text in ("=1+1", "+1+1", "-2", "@SUM(A1)", "\t=cmd"):
        assert "'" + text in cells, text
    with imported_in_fresh_browser(page, site_url, path) as other:
        assert other.locator('[data-testid="assessment"]').input_value() == hostile["title"]
        notes = {item: other.locator(f'textarea[id="n-{item}"]').input_value() for item in hostile["notes"]}
        assert notes == hostile["notes"]
        assert other.locator('input[id="calc-detail-site"]').input_value() == "\t=cmd"


HOSTILE_LINKS = {
    # what a crafted share link holds (JSON text), and a word the refusal must contain
    "deep nesting": ('{"standard": "cts-q-zg025-2022", "ratings": {}, "notes": ' + "[" * 5000 + "]" * 5000 + "}", "64"),
    "a lone surrogate": ('{"standard": "cts-q-zg025-2022", "title": "\\ud800x", "ratings": {"5.1.1.a": 1}}', "title"),
    "a 5000-digit rating": ('{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 7' + "3" * 5000 + '}}', "100"),
    "a huge exponent": ('{"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1e999999999}}', "5.1.1.a"),
    "a prototype key": ('{"standard": "cts-q-zg025-2022", "ratings": {"__proto__": 1}}', "__proto__"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_LINKS))
def test_a_hostile_share_link_is_refused_and_the_tab_stays_usable(page: Any, site_url: str, tmp_path: Path,
                                                                  case: str) -> None:
    """A share link with deep nesting, a lone surrogate, a number of thousands of digits, a huge exponent or a
    prototype key is refused with one message naming the problem; the assessment open is unchanged and the page
    goes on scoring."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    press(page, "5.6.1.b", "1")  # far down the page, where the visitor is when the link comes
    before = shown(page)
    text, word = HOSTILE_LINKS[case]
    code = base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")
    page.evaluate("(code) => { location.hash = 'a=' + code; }", code)
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'", timeout=60_000)
    message = page.locator('[data-testid="message"]').inner_text()
    assert message.startswith("分享链接无法使用，当前评估未作任何改动") and word in message, message
    notice = page.locator('[data-testid="opened"]')  # also at the head of the form, brought into view
    assert notice.get_attribute("role") == "alert" and notice.locator("p").inner_text() == message
    assert in_view(page, '[data-testid="opened"]', 900)  # the page fixture's viewport is 1280x900
    assert page.locator('[data-testid="error"]').count() == 0  # Python still answers
    assert names(page) == ["我的评估"] and shown(page) == before
    press(page, "5.1.2.a", "1")
    expected = cli_result({"standard": CTS, "ratings": {"5.6.1.b": 1, "5.1.2.a": 1}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]


def test_a_backup_restores_what_is_missing_and_asks_before_replacing(page: Any, site_url: str) -> None:
    """A backup holds every assessment with notes and names; restored in a fresh browser it adds them all; a
    second restore over a changed assessment asks first, declining keeps the browser's version, and an accepted
    replacement can be undone."""
    page.goto(site_url + "calculator/#a=" + share_code(INCOMING))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    with page.expect_download() as download:
        page.locator('[data-testid="backup"]').click()
    path = Path(download.value.path())
    with fresh_calculator(page, site_url + "calculator/") as other:
        other.locator("#calc-restore").set_input_files(str(path))
        other.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.includes('恢复')")
        assert other.locator('[data-testid="message"]').inner_text() == calc(
            "restored", file=path.name, added=1, replaced=0, kept=0, same=1)
        other.locator('[data-testid="assessment"]').select_option(INCOMING["title"])
        other.wait_for_function(READY, timeout=120_000)
        assert rating_of(other, "5.4.5.d") == "exact"
        assert other.locator('textarea[id="n-5.1.1.a"]').input_value() == "查阅了服务手册"
        press(other, "5.1.1.a", "0")
        asked: list[str] = []
        other.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        other.locator("#calc-restore").set_input_files(str(path))
        other.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.includes('保留')")
        assert len(asked) == 1 and INCOMING["title"] in asked[0]
        assert rating_of(other, "5.1.1.a") == "0"
        other.once("dialog", lambda dialog: dialog.accept())
        other.locator("#calc-restore").set_input_files(str(path))
        other.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.includes('替换 1')")
        assert rating_of(other, "5.1.1.a") == "1"  # the backup's version
        other.locator('[data-testid="undo"]').click()
        other.wait_for_function("document.querySelector('[data-testid=undo-text]')?.textContent === "
                                + json.dumps(calc("undone")))
        other.wait_for_function(READY, timeout=120_000)
        assert rating_of(other, "5.1.1.a") == "0"  # the replaced version is back


@settings(max_examples=6, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(assessment=decimal_assessments())
def test_share_links_with_any_decimals_score_as_the_cli(page: Any, site_url: str, tmp_path: Path,
                                                       assessment: dict[str, Any]) -> None:
    """Random CTS assessments with ratings of arbitrary decimals: opened through a share link, the page shows
    the CLI's score for the same file."""
    if page.url == "about:blank":
        page.goto(site_url + "calculator/")
        page.wait_for_function(READY, timeout=120_000)
    page.evaluate("document.body.dataset.state = 'opening'")
    page.evaluate("(code) => { location.hash = 'a=' + code; }", share_code(assessment))
    page.wait_for_function(READY, timeout=120_000)
    assert shown(page)["score"] == cli_result(assessment, tmp_path)["score_text"]
