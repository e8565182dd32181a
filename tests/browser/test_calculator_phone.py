"""The calculator on a phone (390x844, touch) and on a desktop (1280x800), in Debian's chromium
with real Pyodide: geometry (no sideways scrolling, full-width item text, finger-sized band
buttons, a summary bar in view, both combined results in view), keyboard-only rating, bulk
actions with undo, the unrated count in words, out-of-date results while an input is invalid,
"fix first" links with a way back, clause links landing under the right profile, and the
download progress."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, rate, rating_of, shown

from calculator.loaders import read_catalogue
from sitegen.examples import share_code

from conftest import run_cli

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
CTS = "cts-q-zg025-2022"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


def in_view(page: Any, selector: str, height: int) -> bool:
    b = box(page, selector)
    return b["y"] >= 0 and b["y"] + b["height"] <= height


def run_items(standard: str) -> list[str]:
    """The items the CLI lists for a standard's default profile."""
    return run_cli("items", standard).stdout.split()


def cts_items(page: Any) -> list[str]:
    return page.evaluate(f"[...document.querySelectorAll('section[data-standard=\"{CTS}\"] [data-item]')]"
                         ".map(g => g.dataset.item)")


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("path", ["", "en/", "calculator/", "en/calculator/", f"{CTS}/5.3.1.2/",
                                  "en/gb-t-27922-2011/", "sb-t-10401-2006/B.6.3/"])
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site_url: str, path: str, width: int) -> None:
    """At 360 and 390 px the page is no wider than the screen (the closed language menu used to add 16 px)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        if "calculator" in path:
            page.wait_for_selector("[data-item]")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_item_text_keeps_its_full_width_while_partly_met(phone: Any, site_url: str) -> None:
    """Choosing 'partly met' shows the percentage field below the buttons; the item's text keeps its width."""
    phone.goto(site_url + "calculator/")
    phone.wait_for_selector('[data-item="5.1.1.a"]')
    text = 'p[id="t-5.1.1.a"]'
    before = box(phone, text)["width"]
    clause = box(phone, f'fieldset[id="clause-{CTS}-5.1.1"]')["width"]
    rate(phone, "5.1.1.a", 0.55)
    assert phone.locator('input[id="p-5.1.1.a"]').is_visible()
    after = box(phone, text)["width"]
    assert after == before and after >= clause - 40, (before, after, clause)


def test_band_buttons_are_finger_sized(phone: Any, site_url: str) -> None:
    """Every band button of every CTS item, the bulk actions and the summary bar's button are at least 44x44 px."""
    phone.goto(site_url + "calculator/")
    phone.wait_for_selector('[data-item="5.1.1.a"]')
    sizes = phone.evaluate("""[...document.querySelectorAll('[data-item] button, .calc-summary a, .calc-view-choice')]
        .map(b => { const r = b.getBoundingClientRect(); return [b.dataset.value || b.className, r.width, r.height]; })""")
    assert len(sizes) > 88 * 8
    small = [s for s in sizes if s[1] < 44 or s[2] < 44]
    assert not small, small[:5]


def test_summary_bar_stays_in_view_at_the_last_item_and_opens_the_result(phone: Any, site_url: str,
                                                                       tmp_path: Path) -> None:
    """Rating the last CTS item, the summary bar is on screen with Python's score and 'rated 1 / 88';
    its button brings the full result into view."""
    phone.goto(site_url + "calculator/")
    phone.wait_for_function(READY, timeout=120_000)
    last = cts_items(phone)[-1]
    rate(phone, last, 1)
    phone.wait_for_function(READY, timeout=120_000)
    phone.locator(f'[data-item="{last}"]').scroll_into_view_if_needed()
    summary = '[data-testid="summary"]'
    assert in_view(phone, summary, 844)
    assert in_view(phone, f'[data-item="{last}"]', 844)
    expected = cli_result({"standard": CTS, "ratings": {last: 1}}, tmp_path)
    assert phone.locator('[data-testid="summary-score"]').get_attribute("data-value") == expected["score_text"]
    assert phone.locator('[data-testid="summary-rated"]').inner_text() == CATALOGUE.text("calc.rated", "zh",
                                                                                         rated=1, total=88)
    phone.locator(".calc-summary-open").click()
    phone.wait_for_timeout(300)
    assert in_view(phone, f'[data-result="{CTS}"] [data-testid="level"]', 844)


def test_combined_results_are_both_in_view_on_a_desktop(desktop: Any, site_url: str) -> None:
    """At 1280x800 the combined view shows the combined stars and both standards' score and level without
    scrolling the page, and they stay in view while rating further down."""
    desktop.goto(site_url + "calculator/")
    desktop.wait_for_function(READY, timeout=120_000)
    desktop.locator('input[id="view-combined"]').check()
    desktop.wait_for_function(READY, timeout=120_000)
    wanted = ['[data-testid="combined-stars"]'] + [f'[data-result="{s}"] [data-testid="{t}"]'
                                                   for s in ("gb-t-27922-2011", CTS) for t in ("score", "level")]
    for selector in wanted:
        assert in_view(desktop, selector, 800), selector
    desktop.locator('[data-item="5.2.1.a"]').scroll_into_view_if_needed()
    rate(desktop, "5.2.1.a", 1)
    for selector in wanted:
        assert in_view(desktop, selector, 800), selector


def test_a_clause_rated_with_the_keyboard_only(desktop: Any, site_url: str, tmp_path: Path) -> None:
    """From the first item of CTS 5.1.1, Tab moves from item to item, the arrow keys between bands and
    Enter chooses one; focus stays, visibly, on the chosen button, and the skip link leads to the result."""
    page = desktop
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    items = page.evaluate(f"[...document.getElementById('clause-{CTS}-5.1.1').querySelectorAll('[data-item]')]"
                          ".map(g => g.dataset.item)")
    values = ["0.2", "1", "0.6", "0"][:len(items)]
    page.locator(f'[data-item="{items[0]}"] button[tabindex="0"]').focus()  # where Tab from above arrives
    for index, (item, value) in enumerate(zip(items, values)):
        if index:
            for _ in range(6):
                page.keyboard.press("Tab")
                if page.evaluate(f"document.activeElement.closest('[data-item]')?.dataset.item === '{item}'"):
                    break
        page.keyboard.press("Home")
        offered = page.locator(f'[data-item="{item}"] button').evaluate_all("bs => bs.map(b => b.dataset.value)")
        for _ in range(offered.index(value)):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        page.wait_for_function(READY, timeout=120_000)
        assert page.evaluate("document.activeElement.dataset.value") == value
        assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # focus shows
        assert rating_of(page, item) == value
    expected = cli_result({"standard": CTS, "ratings": {i: float(v) for i, v in zip(items, values)}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    page.locator(".calc-skip").focus()
    assert page.locator(".calc-skip").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert in_view(page, f'[data-result="{CTS}"] [data-testid="score"]', 800)


def test_bulk_and_undo_with_the_keyboard_keep_the_focus_in_view(desktop: Any, site_url: str) -> None:
    """By keyboard, 'whole clause fully met' puts the focus on Undo in the bar (reached at once, not ~200 Tabs
    later) and Undo returns it to the clause's menu; Shift+Tab back to an item above scrolls it clear of the
    sticky header and the summary bar."""
    page = desktop
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    clause = f'fieldset[id="clause-{CTS}-5.1.2"]'
    page.locator(f"{clause} .calc-bulk summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # 'not applicable', then 'fully met'
    assert page.evaluate("document.activeElement.dataset.bulk") == "full"
    page.keyboard.press("Enter")
    page.wait_for_function(READY, timeout=120_000)
    assert page.evaluate("document.activeElement.dataset.testid") == "undo"
    assert in_view(page, '[data-testid="undo"]', 800)
    assert page.locator(f"{clause} .calc-bulk").get_attribute("open") is None  # the menu closed
    page.keyboard.press("Enter")
    page.wait_for_function(READY, timeout=120_000)
    assert page.evaluate("document.activeElement.closest('fieldset')?.id") == f"clause-{CTS}-5.1.2"
    assert page.evaluate("document.activeElement.closest('details')?.classList.contains('calc-bulk')")
    header = box(page, "header.md-header")["height"]
    for _ in range(8):  # backwards through the items above, each focused control fully visible
        page.keyboard.press("Shift+Tab")
        focused = page.evaluate("(() => { const r = document.activeElement.getBoundingClientRect();"
                                " return {top: r.top, bottom: r.bottom}; })()")
        assert focused["top"] >= header and focused["bottom"] <= 800, focused


def test_bulk_fully_met_for_a_section_and_undo(phone: Any, site_url: str, tmp_path: Path) -> None:
    """'Whole part fully met' rates every item of CTS 5.1 at 100% in one step, scored as the CLI does, and
    says how many ratings it replaced; Undo brings back exactly the ratings before it; the undo offer ends
    with the next change."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 0.4)
    rate(page, "5.2.1.a", 0.6)
    before = shown(page)
    page.locator(f'#sec-{CTS}-5\\.1 .calc-section-head .calc-bulk summary').click()
    page.locator(f'#sec-{CTS}-5\\.1 .calc-section-head [data-bulk="full"]').click()
    page.wait_for_function(READY, timeout=120_000)
    section = page.evaluate(f"[...document.getElementById('sec-{CTS}-5.1').querySelectorAll('[data-item]')]"
                            ".map(g => g.dataset.item)")
    assert len(section) > 5 and all(rating_of(page, item) == "1" for item in section)
    expected = cli_result({"standard": CTS, "ratings": {**dict.fromkeys(section, 1), "5.2.1.a": 0.6}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    assert page.locator('[data-testid="undo"]').is_visible()
    # 5.1.1.a was rated 40%: one rating replaced
    assert page.locator('[data-testid="undo-text"]').inner_text() == (
        CATALOGUE.text("calc.bulk_done_full", "zh", count=len(section)) + CATALOGUE.text("calc.bulk_replaced", "zh", count=1))
    page.locator('[data-testid="undo"]').click()
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == "0.4" and rating_of(page, section[-1]) == ""
    assert shown(page) == before
    # the bar says it is undone, with nothing more to undo
    assert page.locator('[data-testid="undo-text"]').inner_text() == CATALOGUE.text("calc.undone", "zh")
    assert not page.locator('[data-testid="undo"]').is_visible()
    page.locator(f'#sec-{CTS}-5\\.1 .calc-section-head .calc-bulk summary').click()  # the menu closed after use
    page.locator(f'#sec-{CTS}-5\\.1 .calc-section-head [data-bulk="na"]').click()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator('[data-testid="undo"]').is_visible()
    rate(page, "5.2.1.b", 1)
    page.wait_for_function(READY, timeout=120_000)
    assert not page.locator('[data-testid="undo"]').is_visible()


def test_tapping_the_chosen_band_again_keeps_it_and_clearing_offers_undo(phone: Any, site_url: str) -> None:
    """A second tap on the chosen band changes nothing (a double tap must not lose a rating); the item's
    'clear this rating' button removes it, says so, and Undo brings it back."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    band = page.locator('[data-item="5.1.1.a"] button[data-value="0.6"]')
    band.tap()
    page.wait_for_function(READY, timeout=120_000)
    band.tap()
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == "0.6"
    assert page.locator('[data-testid="summary-rated"]').get_attribute("data-rated") == "1"
    page.locator('[data-item-row="5.1.1.a"] .calc-more summary').tap()
    page.locator('[data-item-row="5.1.1.a"] [data-clear]').tap()
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == ""
    assert page.locator('[data-testid="undo-text"]').inner_text() == CATALOGUE.text("calc.cleared", "zh", item="5.1.1 a)")
    assert not page.locator('[data-item-row="5.1.1.a"] [data-clear]').is_visible()
    page.locator('[data-testid="undo"]').tap()
    page.wait_for_function(READY, timeout=120_000)
    assert rating_of(page, "5.1.1.a") == "0.6"


def test_unrated_items_are_counted_in_words(phone: Any, site_url: str, tmp_path: Path) -> None:
    """With 2 of 88 items rated the result says that 86 items are not rated and count as 0 (Python's count)."""
    phone.goto(site_url + "calculator/")
    phone.wait_for_function(READY, timeout=120_000)
    ratings = {"5.1.1.a": 1, "5.3.2.b": "na"}
    for item, value in ratings.items():
        rate(phone, item, value)
    shown(phone)
    expected = cli_result({"standard": CTS, "ratings": ratings}, tmp_path)
    count = len(expected["unrated"])
    assert count == 86
    line = phone.locator(f'[data-result="{CTS}"] [data-testid="unrated"]')
    assert line.inner_text() == CATALOGUE.text("calc.unrated_count", "zh", count=count)
    assert phone.locator(f'#sec-{CTS}-5\\.1 [data-testid="section-progress"]').inner_text() == \
        CATALOGUE.text("calc.rated", "zh", rated=1, total=11)


def test_an_invalid_input_marks_the_result_out_of_date_and_a_note_does_not_rescore(
        phone: Any, site_url: str, tmp_path: Path) -> None:
    """While a typed percentage is invalid the panel says the result is out of date (nothing is rescored,
    data-state settles on ready); corrected, it is rescored as the CLI does. Typing a note rescores nothing."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 1)
    before = shown(page)
    page.evaluate("""window.states = []; new MutationObserver(() => window.states.push(document.body.dataset.state))
        .observe(document.body, {attributes: true, attributeFilter: ['data-state']})""")
    page.locator('[data-item="5.1.1.b"] button[data-value="exact"]').click()
    page.locator('input[id="p-5.1.1.b"]').fill("120")
    panel = page.locator(f'[data-result="{CTS}"]')
    page.wait_for_function(READY)
    assert panel.get_attribute("data-stale") == "true"
    assert panel.locator('[data-testid="stale"]').inner_text() == CATALOGUE.text("calc.stale", "zh")
    assert page.locator('input[id="p-5.1.1.b"]').get_attribute("aria-invalid") == "true"
    assert shown(page)["score"] == before["score"]
    page.locator('input[id="p-5.1.1.b"]').fill("50")
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function(f"document.querySelector('[data-result=\"{CTS}\"]').dataset.stale === 'false'")
    expected = cli_result({"standard": CTS, "ratings": {"5.1.1.a": 1, "5.1.1.b": 0.5}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    page.evaluate("window.states = []")
    page.locator('[data-item-row="5.1.1.a"] .calc-more summary').click()
    page.locator('textarea[id="n-5.1.1.a"]').type("查阅了服务手册")
    page.wait_for_timeout(500)
    assert page.evaluate("window.states") == []


def test_fix_first_goes_to_the_clause_and_back(phone: Any, site_url: str) -> None:
    """A 'fix first' link brings its clause into view with focus on its first item, and offers the way back
    to the result, which returns focus to that link."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 1)
    shown(page)
    panel = f'[data-result="{CTS}"]'
    link = page.locator(f"{panel} [data-fix]").first
    clause = link.get_attribute("data-fix")
    # the link names the clause as the printed report does: number and title
    title = page.locator(f'fieldset[id="clause-{CTS}-{clause}"] legend').inner_text().split(" · ")[0]
    assert link.inner_text() == title
    link.click()
    fieldset = f'fieldset[id="clause-{CTS}-{clause}"]'
    page.wait_for_timeout(300)
    assert in_view(page, f"{fieldset} legend", 844)
    assert page.evaluate("document.activeElement.closest('fieldset')?.id") == f"clause-{CTS}-{clause}"
    back = page.locator(f"{fieldset} [data-back]")
    assert back.is_visible() and back.inner_text() == CATALOGUE.text("calc.back_to_result", "zh")
    back.click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.dataset.fix") == clause
    assert not back.is_visible()


def test_a_bad_special_deductions_count_is_said_under_its_field(phone: Any, site_url: str, tmp_path: Path) -> None:
    """GB/T 27922's special deductions count -2: Python refuses it, the page says so under the field (in the
    page's words, the field keeps '-2'), the summary bar and the panel say the result is out of date and
    a button goes to the field; an emptied field counts as no deductions."""
    page = phone
    gbt = "gb-t-27922-2011"
    page.goto(site_url + "calculator/?standard=" + gbt)
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.1", 1)
    field = page.locator(f'input[id="deductions-{gbt}"]')
    field.fill("-2")
    page.wait_for_function(f"document.querySelector('[data-result=\"{gbt}\"]').dataset.stale === 'true'",
                           timeout=120_000)
    assert field.input_value() == "-2" and field.get_attribute("aria-invalid") == "true"
    assert page.locator(f'[id="m-deductions-{gbt}"]').inner_text() == CATALOGUE.text("calc.deductions_bad", "zh",
                                                                                      value="-2")
    assert page.locator('[data-testid="summary-stale"]').inner_text() == CATALOGUE.text("calc.stale_short", "zh")
    assert not page.locator('[data-testid="error"]').count()
    page.locator('[data-testid="summary"] .calc-summary-open').tap()
    page.locator(f'[data-result="{gbt}"] [data-testid="stale-fix"]').tap()
    assert page.evaluate("document.activeElement.id") == f"deductions-{gbt}"
    field.fill("")
    page.wait_for_function(f"document.querySelector('[data-result=\"{gbt}\"]').dataset.stale === 'false'",
                           timeout=120_000)
    expected = cli_result({"standard": gbt, "ratings": {"5.1.1.1": 1}}, tmp_path)
    assert shown(page, gbt)["score"] == expected["score_text"]
    assert not page.locator('[data-testid="summary-stale"]').is_visible()


def test_the_result_offers_the_way_back_to_the_item_rated_last(phone: Any, site_url: str) -> None:
    """After 'see the result' on a phone, 'back to where I was rating' brings the item rated last into view
    with its chosen band focused."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    resume = page.locator('[data-testid="resume"]')
    assert not resume.is_visible()
    item = "5.4.5.c"
    page.locator(f'[data-item="{item}"] button[data-value="0.8"]').tap()
    page.wait_for_function(READY, timeout=120_000)
    page.locator('[data-testid="summary"] .calc-summary-open').tap()
    page.wait_for_timeout(300)
    assert not in_view(page, f'[data-item-row="{item}"]', 844)
    resume.tap()
    page.wait_for_timeout(300)
    assert in_view(page, f'[data-item="{item}"]', 844)
    assert page.evaluate("document.activeElement.dataset.value") == "0.8"
    assert page.evaluate("document.activeElement.parentElement.dataset.item") == item


def test_the_result_figures_keep_their_labels_on_one_line(phone: Any, site_url: str, tmp_path: Path) -> None:
    """With every CTS item met (the most stars), each figure's label (完善程度, 星级, 等级, 是否合格) stays on
    one line beside its value on a phone, and so do the stars with their number, inside the panel; the stars
    used to squeeze 星级 to one character per line and push their number to a second line."""
    page = phone
    assessment = {"standard": CTS, "ratings": dict.fromkeys(run_items(CTS), 1)}
    stars = cli_result(assessment, tmp_path)["stars"]
    page.goto(site_url + "calculator/#a=" + share_code(assessment))
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function(f"document.querySelector('[data-result=\"{CTS}\"] [data-testid=stars]').dataset.value"
                           f" === '{stars}'")
    labels = page.locator(f'[data-result="{CTS}"] .calc-figure-label')
    assert labels.count() == 4
    for index in range(4):
        label = labels.nth(index)
        # the line boxes the label's text occupies
        lines = label.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e);"
                               " return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }")
        assert lines == 1, label.inner_text()
    stars_box = page.locator(f'[data-result="{CTS}"] [data-testid=stars]')
    assert stars_box.evaluate("e => e.getClientRects().length === 1 && e.scrollWidth <= e.clientWidth + 1")
    panel, shown_stars = box(page, f'[data-result="{CTS}"]'), stars_box.bounding_box()
    assert shown_stars["height"] < 1.6 * float(stars_box.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
    assert shown_stars["x"] + shown_stars["width"] <= panel["x"] + panel["width"]


def test_a_clause_link_opens_the_profile_that_scores_it(phone: Any, site_url: str) -> None:
    """The 'score this clause' link of SB/T B.6.3 (Appendix B) opens the calculator under the sales
    profile, the clause shown, in view and not under the fixed header."""
    page = phone
    page.goto(site_url + "sb-t-10401-2006/B.6.3/")
    page.locator("a.md-button--primary").click()
    page.wait_for_selector('[data-item="B.6.3.1"]')
    page.wait_for_timeout(300)
    assert page.locator('select[id="profile-sb-t-10401-2006"]').input_value() == "sales"
    fieldset = 'fieldset[id="clause-sb-t-10401-2006-B.6.3"]'
    assert page.locator(fieldset).is_visible()
    header = box(page, "header.md-header")
    legend = box(page, f"{fieldset} legend")
    assert header["y"] + header["height"] <= legend["y"] < 844


def test_loading_shows_percent_and_megabytes(phone: Any, site_url: str) -> None:
    """While Pyodide downloads the page says how far it is, in percent and MB, with the total size."""
    held: list[Any] = []
    phone.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    phone.goto(site_url + "calculator/")
    phone.wait_for_function("document.querySelector('[data-testid=download]')?.textContent.length > 0",
                            timeout=60_000)
    text = phone.locator('[data-testid="download"]').inner_text()
    pattern = re.escape(CATALOGUE.text("calc.download", "zh", percent="PCT", done="DONE", total="TOTAL"))
    pattern = pattern.replace("PCT", r"(\d{1,3})").replace("DONE", r"(\d+\.\d)").replace("TOTAL", r"(\d+\.\d)")
    match = re.fullmatch(pattern, text)
    assert match, text
    assert float(match[3]) > 5 and int(match[1]) < 100
    for route in held:
        route.continue_()
    phone.unroute("**/pyodide.asm.wasm")
    phone.wait_for_function(READY, timeout=120_000)
    assert phone.locator('[data-testid="download"]').count() == 0


def test_show_unrated_only(phone: Any, site_url: str) -> None:
    """'Show unrated only' hides the rated items; an item rated meanwhile stays until the filter is
    turned off and on again; with everything rated the page says so."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 1)
    page.locator('[data-testid="only-unrated"]').check()
    row = lambda item: page.locator(f'[data-item-row="{item}"]')  # noqa: E731
    assert not row("5.1.1.a").is_visible() and row("5.1.1.b").is_visible()
    rate(page, "5.1.1.b", 0.4)
    assert row("5.1.1.b").is_visible()  # not taken away from under the finger
    page.locator('[data-testid="only-unrated"]').uncheck()
    page.locator('[data-testid="only-unrated"]').check()
    assert not row("5.1.1.b").is_visible() and row("5.1.1.c").is_visible()
    for item in cts_items(page):
        if row(item).is_visible():
            rate(page, item, "na")
    page.locator('[data-testid="only-unrated"]').uncheck()
    page.locator('[data-testid="only-unrated"]').check()
    assert page.locator('[data-testid="all-rated"]').inner_text() == CATALOGUE.text("calc.unrated_none", "zh")


def test_the_report_details_are_finger_sized_fields_that_keep_what_was_typed(phone: Any, site_url: str) -> None:
    """On a phone the four report details (enterprise, site, assessor, date) are fields at least 44 px tall, as wide
    as the results column, with no sideways scroll; what is typed survives a reload."""
    page = phone
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    page.locator("details.calc-details summary").click()
    fields = page.locator(".calc-details input")
    assert fields.count() == 4
    column = box(page, ".calc-tools")
    for index in range(4):
        field = fields.nth(index).bounding_box()
        assert field["height"] >= 44 and field["width"] >= column["width"] - 2, field
    page.locator("#calc-detail-assessor").fill("李四")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator("#calc-detail-assessor").input_value() == "李四"


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_charts_bars_and_amounts_fit_inside_the_result_column(
        request: pytest.FixtureRequest, site_url: str, screen: str) -> None:
    """On a phone and beside the form on a desktop (a narrow column), each of GB/T 27922's three section bars is
    drawn (its longest bar at least a third of the chart wide) and its title and amounts lie inside the chart, the
    title whole."""
    page = request.getfixturevalue(screen)
    page.goto(site_url + "calculator/?standard=gb-t-27922-2011")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.1", 1)
    shown(page, "gb-t-27922-2011")
    panel = '[data-result="gb-t-27922-2011"]'
    page.locator(f"{panel} details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    chart = box(page, f'{panel} [data-testid="chart-figure"]')
    rows = page.locator(f"{panel} .calc-bar-row")
    assert rows.count() == 3
    widest = 0.0
    for index in range(3):
        row = rows.nth(index)
        for part in (".calc-bar-label", ".calc-bar-value"):
            place = row.locator(part).bounding_box()
            assert place["x"] >= chart["x"] - 1 and place["x"] + place["width"] <= chart["x"] + chart["width"] + 1, part
        label = row.locator(".calc-bar-label")
        assert label.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), label.inner_text()
        widest = max(widest, row.locator(".calc-bar-available").bounding_box()["width"])
    assert widest >= chart["width"] / 3, (widest, chart)


def test_clause_page_links_are_finger_sized(phone: Any, site_url: str) -> None:
    """Each clause heading's link to the clause page is at least 44x44 px on a phone (a new user's run found 48x17)."""
    phone.goto(site_url + "calculator/")
    phone.wait_for_selector('[data-item="5.1.1.a"]')
    sizes = phone.evaluate("""[...document.querySelectorAll('.calc-clause legend a')]
        .map(a => { const r = a.getBoundingClientRect(); return [a.textContent, r.width, r.height]; })""")
    assert len(sizes) >= 27
    assert not [s for s in sizes if s[1] < 44 or s[2] < 44], sizes[:5]


def test_file_controls_show_as_buttons_worded_by_the_page(phone: Any, site_url: str) -> None:
    """Import and restore show as finger-sized buttons in the page's words, not the browser's own file control."""
    phone.goto(site_url + "calculator/")
    phone.wait_for_selector('[data-item="5.1.1.a"]')
    for input_id, key in (("calc-import", "calc.import_json"), ("calc-restore", "calc.backup_restore")):
        label = phone.locator(f'label[for="{input_id}"]')
        box = label.bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44, (input_id, box)
        assert label.inner_text() == CATALOGUE.text(key, "zh")
        control = phone.locator(f"#{input_id}").bounding_box()
        assert control is not None and control["width"] <= 1 and control["height"] <= 1, control
