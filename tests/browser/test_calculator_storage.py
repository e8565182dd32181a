"""What this browser's storage holds, when it is damaged or old (issue 12): in Debian's chromium
with real Pyodide, the page never stops on it; the valid parts are used, scored as the CLI
scores them; every other part is set aside, counted in a notice and offered for download; a
rating from an earlier deployment that is still a number is kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, rating_of, shown

from calculator.loaders import read_catalogue

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
CTS = "cts-q-zg025-2022"
STORAGE = "calculator:v2"  # docs/assets/calc/state.js


def _open_with(page: Any, site_url: str, stored: str) -> None:
    """The calculator opened with ``stored`` as the saved assessment's text."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    page.evaluate("([key, text]) => { localStorage.clear(); localStorage.setItem(key, text); }", [STORAGE, stored])
    page.reload()
    page.wait_for_function(READY, timeout=120_000)


def test_damaged_storage_keeps_the_valid_parts_and_sets_the_rest_aside(page: Any, site_url: str, tmp_path: Path) -> None:
    """Wrong types, prototype keys, an unknown standard and an item that no longer exists: the two valid
    ratings and the valid note are used and scored as the CLI does; the seven other parts are counted in a
    notice and their download holds them; nothing reaches Object.prototype."""
    stored = ('{"name": "甲公司", "view": "CTS", "constructor": 5, "standards": {"nonsense": {"ratings": {}},'
              ' "__proto__": {"polluted": true}, "CTS": {"ratings": {"5.1.1.a": {"choice": "1", "exact": ""},'
              ' "5.1.1.b": 0.6, "5.1.1.c": {"choice": 7}, "9.9.9": {"choice": "1", "exact": ""},'
              ' "__proto__": {"choice": "1"}}, "notes": {"5.1.1.a": "查阅手册", "5.1.2.a": ["x"]}}}}').replace("CTS", CTS)
    json.loads(stored)  # valid JSON: only its content is damaged
    _open_with(page, site_url, stored)
    assert page.evaluate("({}).polluted === undefined && ({}).choice === undefined")
    assert rating_of(page, "5.1.1.a") == "1" and rating_of(page, "5.1.1.b") == "0.6" and rating_of(page, "5.1.1.c") == ""
    assert page.locator('textarea[id="n-5.1.1.a"]').input_value() == "查阅手册"
    expected = cli_result({"standard": CTS, "ratings": {"5.1.1.a": 1, "5.1.1.b": 0.6}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    notice = page.locator('[data-testid="set-aside"]')
    assert notice.locator("p").inner_text() == CATALOGUE.text("calc.set_aside", "zh", count=7)
    with page.expect_download() as download:
        page.locator('[data-testid="set-aside-download"]').click()
    parts = {key: value for entry in json.loads(Path(download.value.path()).read_text("utf-8"))
             for key, value in entry["parts"].items()}
    assert parts[f"standards.{CTS}.ratings.9.9.9"] == {"choice": "1", "exact": ""}
    assert parts[f"standards.{CTS}.notes.5.1.2.a"] == ["x"]
    assert parts["standards.__proto__"] == {"polluted": True} and parts["assessment.constructor"] == 5
    assert len(parts) == 7


def test_unparsable_storage_starts_empty_and_keeps_the_text(page: Any, site_url: str) -> None:
    """Stored text that is not JSON: the page is ready with an empty assessment, says one part was set
    aside, and its download holds the text as it was."""
    _open_with(page, site_url, '{"name": "甲公司", "standards": {')
    assert page.locator('[data-testid="summary-rated"]').get_attribute("data-rated") == "0"
    assert page.locator('[data-testid="set-aside"] p').inner_text() == CATALOGUE.text("calc.set_aside_one", "zh", count=1)
    with page.expect_download() as download:
        page.locator('[data-testid="set-aside-download"]').click()
    assert json.loads(Path(download.value.path()).read_text("utf-8"))[-1]["parts"]["text"] == '{"name": "甲公司", "standards": {'


def test_a_band_value_no_longer_offered_is_kept_as_its_percentage(page: Any, site_url: str, tmp_path: Path) -> None:
    """A rating saved under an earlier deployment's band (0.55, not a band of today's form) is still a share
    from 0 to 1: it is kept as the typed percentage 55 and scored as the CLI scores 0.55; nothing is set aside."""
    stored = json.dumps({"name": "甲公司", "view": CTS,
                         "standards": {CTS: {"ratings": {"5.1.1.a": {"choice": "0.55", "exact": ""}}}}})
    _open_with(page, site_url, stored)
    assert rating_of(page, "5.1.1.a") == "exact"
    assert page.locator('input[id="p-5.1.1.a"]').input_value() == "55"
    expected = cli_result({"standard": CTS, "ratings": {"5.1.1.a": 0.55}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    assert not page.locator('[data-testid="set-aside"]').count()
