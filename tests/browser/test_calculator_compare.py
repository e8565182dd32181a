"""The calculator page's compare view in Debian's chromium with real Pyodide: two assessments
saved through share links, one picked in compare-with, and the table must show exactly what
``aftersales compare A B`` prints for the same two files (A the one picked, B the open one), in
Chinese and in English; on a phone it fits the screen, its chart bars show, the Chinese page
holds no unmarked English, and the printed report carries the comparison when asked."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, fresh_calculator

from sitegen.examples import share_code

from comparecases import CASES, build
from conftest import CATALOGUE, assert_clean_result, run_cli
from pagelang import _Scanner

pytestmark = pytest.mark.browser

OK_CASES = [case for case in CASES if "error" not in case["expect"]]
PATHS = {"zh": "calculator/", "en": "en/calculator/"}
NAMES = {"zh": ("第{n}例 去年", "第{n}例 今年"), "en": ("case {n} last year", "case {n} this year")}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# the table as the page shows it: each row's standard, kind, id and the values of its A, B and change cells
READ_TABLE = """() => {
  const table = document.querySelector('[data-testid=compare]');
  const cells = (tr) => [...tr.querySelectorAll('td[data-side]')].map((td) => td.dataset.value);
  return {
    rows: [...table.querySelectorAll('tr[data-compare-row], tr[data-compare-section]')].map((tr) => ({
      standard: tr.dataset.standard || '', kind: tr.dataset.compareRow || 'section', id: tr.dataset.compareSection || '',
      values: cells(tr)})),
    items: [...table.querySelectorAll('tr[data-compare-item]')].map((tr) => ({standard: tr.dataset.standard,
      id: tr.dataset.compareItem, shown: tr.querySelector('th .calc-compare-id').textContent,
      a: tr.querySelector('td[data-side=a]').textContent, b: tr.querySelector('td[data-side=b]').textContent,
      change: tr.querySelector('td[data-side=diff]').dataset.value})),
  };
}"""


def words(key: str, lang: str, **params: Any) -> str:
    return CATALOGUE.text(f"compare.{key}", lang, **params)


def rating_words(value: Any, lang: str) -> str:
    """A rating as the page words it: 0.7 -> "70%", "na", or not rated."""
    if value is None:
        return words("unrated", lang)
    if value == "na":
        return words("na", lang)
    return format((Decimal(str(value)) * 100).normalize(), "f") + "%"


def stars_change(diff: Any, lang: str) -> str:
    return "—" if diff is None else words("stars", lang, stars=f"+{diff}" if diff > 0 else str(diff))


def expected(cli: dict[str, Any], lang: str) -> dict[str, Any]:
    """What the table must hold for the CLI's comparison, as READ_TABLE reads it."""
    rows: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    if "combined" in cli:
        c = cli["combined"]
        stars = [words("no_stars", lang) if s is None else words("stars", lang, stars=s) for s in (c["a"], c["b"])]
        rows.append({"standard": "", "kind": "combined", "id": "", "values": [*stars, stars_change(c["diff"], lang)]})
    for part in cli.get("parts", [cli]):
        standard = part["standard"]
        rows.append({"standard": standard, "kind": "score", "id": "",
                     "values": [part["a"]["score_text"], part["b"]["score_text"], part["score_diff_text"]]})
        rows.append({"standard": standard, "kind": "level", "id": "",
                     "values": [part["a"]["level_label"][lang], part["b"]["level_label"][lang],
                                stars_change(part["stars_diff"], lang)]})
        if "special_deductions_a" in part:
            rows.append({"standard": standard, "kind": "special", "id": "",
                         "values": [f"{part['special_deductions_a']} / {part['special_bonus_a']}",
                                    f"{part['special_deductions_b']} / {part['special_bonus_b']}", ""]})
        rows += [{"standard": standard, "kind": "section", "id": row["id"],
                  "values": [row["a_text"] or "", row["b_text"] or "", row["diff_text"] or ""]} for row in part["sections"]]
        items += [{"standard": standard, "id": item["id"], "shown": item["id"], "a": rating_words(item["a"], lang),
                   "b": rating_words(item["b"], lang), "change": item["change_text"] or ""} for item in part["items"]]
    return {"rows": rows, "items": items}


def open_link(page: Any, url: str, data: dict[str, Any]) -> None:
    """Open an assessment file as a share link: it becomes a new named assessment, the open one."""
    page.goto(url + "#a=" + share_code(data))
    page.wait_for_function("name => document.querySelector('[data-testid=opened] p')?.textContent.includes(name)",
                           arg=data["title"], timeout=60_000)
    page.wait_for_function(READY, timeout=60_000)


def compare_with(page: Any, name: str) -> None:
    """Pick a saved assessment in compare-with and wait for Python's comparison to be drawn."""
    page.select_option('[data-testid="compare-with"]', name)
    page.wait_for_function("document.body.dataset.compare === 'current'", timeout=60_000)
    page.locator('[data-testid="compare"]').wait_for(timeout=10_000)


def saved_pair(page: Any, url: str, case: dict[str, Any], lang: str, number: int, tmp_path: Path) -> dict[str, Any]:
    """The case's two files saved in the page (A, then B, which stays open), A picked in compare-with;
    returns the CLI's comparison of the same two files."""
    name_a, name_b = (pattern.format(n=number) for pattern in NAMES[lang])
    files = []
    for side, name in (("a", name_a), ("b", name_b)):
        data = build(case[side], name)
        open_link(page, url, data)
        path = tmp_path / f"{lang}-{number}-{side}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        files.append(path)
    compare_with(page, name_a)
    return assert_clean_result(run_cli("compare", *files))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_compare_table_equals_the_cli_for_every_vector(page: Any, site_url: str, lang: str, tmp_path: Path) -> None:
    """For every comparison vector, saved as two assessments, the table shows the CLI's scores, levels, per-section
    points and changes, and the changed items with both ratings (one tab, a language per test)."""
    wrong = {}
    with fresh_calculator(page, site_url + PATHS[lang]) as tab:
        for number, case in enumerate(OK_CASES, 1):
            cli = saved_pair(tab, site_url + PATHS[lang], case, lang, number, tmp_path)
            shown = tab.evaluate(READ_TABLE)
            want = expected(cli, lang)
            if shown != want:
                wrong[case["name"]] = (shown, want)
            legend = tab.locator(".calc-compare-legend").inner_text()
            assert NAMES[lang][0].format(n=number) in legend and NAMES[lang][1].format(n=number) in legend
    assert not wrong, wrong


def test_compare_with_lists_only_other_assessments_of_the_same_view(page: Any, site_url: str) -> None:
    """A first visit says to save another assessment first; then compare-with lists the other saved assessments of
    the open one's standard only, by name."""
    url = site_url + PATHS["zh"]
    with fresh_calculator(page, url) as tab:
        assert tab.locator('[data-testid="compare-empty"]').is_visible()
        assert tab.locator('[data-testid="compare-with"]').count() == 0
        open_link(tab, url, {"title": "国标 去年", "standard": "gb-t-27922-2011", "ratings": {"5.1.1.1": 1}})
        open_link(tab, url, {"title": "认证 去年", "standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}})
        open_link(tab, url, {"title": "认证 今年", "standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 0.5}})
        listed = tab.locator('[data-testid="compare-with"] option').evaluate_all("options => options.map(o => o.value)")
        default = CATALOGUE.text("calc.default_name", "zh")
        assert listed == ["", *sorted([default, "认证 去年"])]
        compare_with(tab, "认证 去年")
        assert tab.locator('[data-compare-item="5.1.1.a"]').is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_view_fits_its_bars_show_and_its_words_are_in_the_page_language(
        browser: Any, site_url: str, lang: str, tmp_path: Path) -> None:
    """At 390 px the compare view causes no sideways scrolling, every non-zero change has a visible bar inside the
    screen, the changed items are listed by id, and no text of the other language is left unmarked."""
    [case] = [c for c in OK_CASES if c["name"] == "cts-four-items-changed"]
    context = browser.new_context(**PHONE)
    try:
        tab = context.new_page()
        url = site_url + PATHS[lang]
        tab.goto(url)
        tab.wait_for_function(READY, timeout=120_000)
        cli = saved_pair(tab, url, case, lang, 1, tmp_path)
        tab.locator('[data-testid="compare-view"]').scroll_into_view_if_needed()
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        box = tab.locator('[data-testid="compare"]').bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
        for row in cli["sections"]:
            bar = tab.locator(f'[data-testid="compare-chart"] [data-section="{row["id"]}"] .calc-change-bar')
            width = bar.evaluate("node => node.getBoundingClientRect().width")
            if row["diff"]:
                rect = bar.bounding_box()
                assert width >= 10 and rect and rect["x"] >= 0 and rect["x"] + rect["width"] <= 390, (row, rect)
            else:
                assert width == 0, row
        for item in cli["items"]:
            assert tab.locator(f'[data-testid="compare"] [data-compare-item="{item["id"]}"] th .calc-compare-id').inner_text() == item["id"]
        html = tab.locator('[data-testid="compare-view"]').evaluate("node => node.outerHTML")
        scanner = _Scanner("compare-view")
        scanner.feed(f'<div lang="{"zh-Hans" if lang == "zh" else "en"}">{html}</div>')
        assert not scanner.findings, [str(finding) for finding in scanner.findings]
    finally:
        context.close()


def test_the_printed_report_carries_the_comparison_only_when_chosen(page: Any, site_url: str, tmp_path: Path) -> None:
    """Ticking "include in the printed report" adds the comparison, the same numbers as the view, to the report the
    print shows (and the view itself is not printed); unticked, the report has none."""
    [case] = [c for c in OK_CASES if c["name"] == "sbt-item-rule-met-this-year"]
    url = site_url + PATHS["zh"]
    with fresh_calculator(page, url) as tab:
        saved_pair(tab, url, case, "zh", 1, tmp_path)
        tab.wait_for_function("document.body.dataset.report === 'current'", timeout=60_000)
        assert tab.locator('[data-testid="report-comparison"]').count() == 0
        tab.locator('[data-testid="compare-print"]').check()
        printed = tab.locator('[data-testid="report-comparison"] [data-testid="report-compare"]')
        assert printed.count() == 1
        on_screen = tab.locator('[data-testid="compare"]').evaluate(
            "t => [...t.querySelectorAll('td[data-side]')].map(td => td.dataset.value)")
        assert printed.evaluate("t => [...t.querySelectorAll('td[data-side]')].map(td => td.dataset.value)") == on_screen
        tab.emulate_media(media="print")
        assert tab.locator('[data-testid="report-comparison"]').is_visible()
        assert not tab.locator('[data-testid="compare-view"]').is_visible()
        tab.emulate_media(media="screen")
        tab.locator('[data-testid="compare-print"]').uncheck()
        assert tab.locator('[data-testid="report-comparison"]').count() == 0


def test_a_long_list_of_changed_items_is_folded_on_screen_but_printed_whole(page: Any, site_url: str) -> None:
    """With more than a dozen changed items the screen shows ten and a "show all" button that shows the rest (the
    focus on the first of them); the printed copy lists every one."""
    [case] = [c for c in OK_CASES if c["name"] == "combined-twelve-to-nine"]  # every item of both parts changed
    url = site_url + PATHS["zh"]
    for side, name in (("a", "长表 去年"), ("b", "长表 今年")):
        open_link(page, url, build(case[side], name))
    compare_with(page, "长表 去年")
    rows = page.locator('[data-testid="compare"] tr[data-compare-item]')
    total = rows.count()
    per_part = page.evaluate("""() => {
      const out = {};
      for (const tr of document.querySelectorAll('[data-testid=compare] tr[data-compare-item]')) {
        const seen = out[tr.dataset.standard] || (out[tr.dataset.standard] = [0, 0]);
        seen[0] += 1; if (tr.checkVisibility()) seen[1] += 1;
      }
      return out;
    }""")
    assert total > 12 and all(shown == (10 if count > 12 else count) for count, shown in per_part.values()), per_part
    buttons = page.locator('[data-testid="compare-more"]')
    assert buttons.count() == sum(1 for count, _ in per_part.values() if count > 12)
    while buttons.count():
        button = buttons.first
        folded_first = button.evaluate("b => b.closest('tbody').querySelectorAll('tr[data-compare-item]')[10].dataset.compareItem")
        button.click()
        assert page.evaluate("document.activeElement.closest('tr')?.dataset.compareItem") == folded_first
    assert page.locator('[data-testid="compare"] tr[data-compare-item]:visible').count() == total
    page.locator('[data-testid="compare-print"]').check()
    assert page.locator('[data-testid="report-compare"] tr[data-compare-item]').count() == total
