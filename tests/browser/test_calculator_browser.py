"""The calculator page in Debian's chromium with real Pyodide: the page must show exactly
what ``python -m calculator score`` prints for the same assessment."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from conftest import run_cli, vector_cases

pytestmark = pytest.mark.browser

READY = "document.body.dataset.state === 'ready'"
BAND_OPTIONS = {"0", "0.2", "0.4", "0.6", "0.8", "1"}


def _percent_text(value: Decimal) -> str:
    """0.955 -> '95.5', 1 -> '100': the exact percentage an assessor would type."""
    text = format(value * 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def rate(page: Any, item_id: str, value: Any) -> None:
    """Rate one item through the form, as a person would: a band, 'exact', or N/A."""
    select = page.locator(f'select[id="r-{item_id}"]')
    if value == "na":
        select.select_option("na")
        return
    number = Decimal(str(value))
    option = format(number.normalize(), "f")
    if option in BAND_OPTIONS:
        select.select_option(option)
    else:
        select.select_option("exact")
        page.locator(f'input[id="p-{item_id}"]').fill(_percent_text(number))


def shown(page: Any) -> dict[str, str]:
    """The result the page shows, read from its data-testid elements."""
    page.wait_for_function(READY, timeout=120_000)
    get = lambda testid: page.locator(f'[data-testid="{testid}"]')  # noqa: E731
    return {
        "score": get("score").get_attribute("data-value"),
        "score_shown": get("score").inner_text(),
        "stars": get("stars").get_attribute("data-value"),
        "level": get("level").get_attribute("data-value"),
        "level_shown": get("level").inner_text(),
        "passed": get("passed").get_attribute("data-value"),
    }


def cli_result(assessment: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(assessment, ensure_ascii=False), "utf-8")
    done = run_cli("score", path)
    assert done.returncode == 0, done.stderr
    return done.json()


CASES = vector_cases()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_page_shows_what_the_cli_prints(page: Any, site_url: str, case: dict[str, Any], tmp_path: Path) -> None:
    """Rating a vector's items in the form shows the CLI's score, stars, level and verdict."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    for item_id, value in case["assessment"]["ratings"].items():
        rate(page, item_id, value)
    result = shown(page)
    expected = cli_result(case["assessment"], tmp_path)
    assert result["score"] == expected["score_text"]
    assert result["score_shown"] == f"{expected['score_text']}%"
    assert result["stars"] == ("" if expected["stars"] is None else str(expected["stars"]))
    assert result["level"] == expected["level"]
    assert result["level_shown"] == expected["level_label"]["zh"]
    assert result["passed"] == str(expected["passed"]).lower()


def test_english_page_scores_and_survives_reload(page: Any, site_url: str, tmp_path: Path) -> None:
    """The English calculator scores with English labels, and a reload keeps the ratings."""
    page.goto(site_url + "en/calculator/")
    page.wait_for_function(READY, timeout=120_000)
    ratings = {"5.1.1.a": 1, "5.1.1.b": 0.6, "5.2.1.c": "na", "5.4.5.i": 0.333}
    for item_id, value in ratings.items():
        rate(page, item_id, value)
    before = shown(page)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": ratings}, tmp_path)
    assert before["score"] == expected["score_text"]
    assert before["level_shown"] == expected["level_label"]["en"]
    page.reload()
    assert shown(page) == before
    assert page.locator('select[id="r-5.2.1.c"]').input_value() == "na"
    assert page.locator('input[id="p-5.4.5.i"]').input_value() == "33.3"


def test_clause_link_and_language_switch(page: Any, site_url: str) -> None:
    """From a Chinese clause page the language switch lands on the same clause in English."""
    page.goto(site_url + "cts-q-zg025-2022/5.3.1.2/")
    page.locator('a[data-lang-switch="en"]').dispatch_event("click")
    page.wait_for_url("**/en/cts-q-zg025-2022/5.3.1.2/")
    assert "5.3.1.2" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"


def test_no_request_leaves_the_site(page: Any, site_url: str) -> None:
    """Opening a clause page, the overview and the calculator requests nothing from another origin."""
    origin = urlsplit(site_url).netloc
    foreign: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).netloc not in (origin, "") and not request.url.startswith(("data:", "blob:"))
            else None)
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    for path in ("cts-q-zg025-2022/5.5.2/", "cts-q-zg025-2022/", "calculator/", "en/calculator/"):
        page.goto(site_url + path)
        if "calculator" in path:
            page.wait_for_function(READY, timeout=120_000)
    assert not foreign, foreign
    assert not failed, failed
