"""The calculator page in Debian's chromium with real Pyodide: the page must show exactly
what ``python -m calculator score`` prints for the same assessment."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sitegen.examples import share_code

from conftest import assert_clean_result, run_cli, vector_cases

pytestmark = pytest.mark.browser

# body?. : a wait may poll a page still being parsed (after a click or a service worker's reload)
READY = "document.body?.dataset.state === 'ready'"


def _percent_text(value: Decimal) -> str:
    """0.955 -> '95.5', 1 -> '100': the exact percentage an assessor would type."""
    text = format(value * 100, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def press(page: Any, item_id: str, value: str) -> None:
    """Tap the band button ``value`` of an item's rating group (unless it is already pressed:
    tapping a pressed button clears the rating)."""
    button = page.locator(f'[data-item="{item_id}"] button[data-value="{value}"]')
    if button.get_attribute("aria-pressed") != "true":
        button.click()


def rate(page: Any, item_id: str, value: Any) -> None:
    """Rate one item through the form, as a person would: a band button, 'partly' with the
    exact percentage typed, or N/A."""
    if value == "na":
        press(page, item_id, "na")
        return
    number = Decimal(str(value))
    option = format(number.normalize(), "f")
    offered = page.locator(f'[data-item="{item_id}"] button[data-value]').evaluate_all(
        "buttons => buttons.map(b => b.dataset.value)")
    if option in offered:
        press(page, item_id, option)
    else:
        press(page, item_id, "exact")
        page.locator(f'input[id="p-{item_id}"]').fill(_percent_text(number))


def rating_of(page: Any, item_id: str) -> str:
    """The value of an item's pressed band button ('' when it is not rated)."""
    pressed = page.locator(f'[data-item="{item_id}"] button[aria-pressed="true"]')
    return pressed.get_attribute("data-value") if pressed.count() else ""


def shown(page: Any, standard: str = "cts-q-zg025-2022") -> dict[str, str]:
    """The result the page shows for one standard, read from its data-testid elements."""
    page.wait_for_function(READY, timeout=120_000)
    panel = page.locator(f'[data-result="{standard}"]')
    get = lambda testid: panel.locator(f'[data-testid="{testid}"]')  # noqa: E731
    return {
        "score": get("score").get_attribute("data-value"),
        "score_shown": get("score").inner_text(),
        "stars": get("stars").get_attribute("data-value"),
        "level": get("level").get_attribute("data-value"),
        "level_shown": get("level").inner_text(),
        "passed": get("passed").get_attribute("data-value"),
    }


@contextmanager
def fresh_calculator(page: Any, url: str) -> Iterator[Any]:
    """The calculator at ``url`` in a new browser context (nothing saved), ready; the context
    closes after."""
    fresh = page.context.browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(url)
        other.wait_for_function(READY, timeout=120_000)
        yield other
    finally:
        fresh.close()


@contextmanager
def imported_in_fresh_browser(page: Any, site_url: str, path: Path) -> Iterator[Any]:
    """The English calculator in a new browser context (nothing saved) once ``path`` has been
    imported through its file control and opened as a new assessment; the context closes after."""
    with fresh_calculator(page, site_url + "en/calculator/") as other:
        other.locator('[data-testid="import"]').set_input_files(str(path))
        other.locator('[data-testid="opened"]').wait_for(timeout=60_000)
        other.wait_for_function(READY, timeout=60_000)
        yield other


def cli_result(assessment: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(assessment, ensure_ascii=False), "utf-8")
    done = run_cli("score", path)
    return assert_clean_result(done)


CASES = vector_cases()


def _expected(cli: dict[str, Any]) -> dict[str, str]:
    """What the page must show for the CLI's result, as :func:`shown` reads it."""
    return {"score": cli["score_text"], "score_shown": f"{cli['score_text']}%",
            "stars": "" if cli["stars"] is None else str(cli["stars"]), "level": cli["level"],
            "level_shown": cli["level_label"]["zh"], "passed": str(cli["passed"]).lower()}


# rated through the form, a tap or a typed percentage per item: bands, exact percentages and
# exclusions, and a half-up boundary decided by a typed 19.96%
TAPPED = ("worked-exact-percentages-three-stars", "half-up-8-64.995")


@pytest.mark.parametrize("name", TAPPED)
def test_rating_a_vector_in_the_form_shows_what_the_cli_prints(
        page: Any, site_url: str, name: str, tmp_path: Path) -> None:
    """Rating a vector's items in the form shows the CLI's score, stars, level and verdict."""
    [case] = [c for c in CASES if c["name"] == name]
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    for item_id, value in case["assessment"]["ratings"].items():
        rate(page, item_id, value)
    assert shown(page) == _expected(cli_result(case["assessment"], tmp_path))


def test_every_vector_opened_as_a_link_shows_what_the_cli_prints(page: Any, site_url: str, tmp_path: Path) -> None:
    """Every test vector opened as a share link shows the CLI's score, stars, level and verdict: Python in the
    browser scores all of them as CPython does (one tab; a vector per page load)."""
    wrong = {}
    for case in CASES:
        page.goto("about:blank")
        page.goto(site_url + "calculator/#a=" + share_code(case["assessment"]))
        page.wait_for_function("document.querySelector('[data-testid=message]')?.textContent.length > 0",
                               timeout=120_000)
        result = shown(page)
        expected = _expected(cli_result(case["assessment"], tmp_path))
        if result != expected:
            wrong[case["name"]] = (result, expected)
    assert len(CASES) > 30 and not wrong, wrong


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
    assert rating_of(page, "5.2.1.c") == "na"
    assert page.locator('input[id="p-5.4.5.i"]').input_value() == "33.3"


def test_clause_link_and_language_switch(page: Any, site_url: str) -> None:
    """From a Chinese clause page the language switch lands on the same clause in English."""
    page.goto(site_url + "cts-q-zg025-2022/5.3.1.2/")
    page.wait_for_load_state("networkidle")  # let every script of the theme load first
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


OTHER_STANDARDS = [
    ("gb-t-27922-2011", {"5.1.1.1": 1, "5.1.2.2": 0, "5.2.4.3": 0.5, "5.3.2.1": "na", "5.3.1.4": 0.955},
     {"special_deductions": 1, "special_bonus": 1}, None),
    ("sb-t-10401-2006", {"A.6.3.2": 0.4, "A.6.3.3": 1, "A.1.1.1": 1, "A.8.1.1": 0.5}, {}, "production-fmcg"),
    ("sb-t-10401-2006", {"B.6.3.2": 1, "B.1.1.1": 0.25}, {}, "sales"),
]


@pytest.mark.parametrize("standard,ratings,special,profile", OTHER_STANDARDS,
                         ids=[f"{s}-{p or 'default'}" for s, _, _, p in OTHER_STANDARDS])
def test_other_standards_show_what_the_cli_prints(page: Any, site_url: str, tmp_path: Path, standard: str,
                                                  ratings: dict[str, Any], special: dict[str, int],
                                                  profile: str | None) -> None:
    """GB/T (with special items) and SB/T (with a chosen profile) show the CLI's result."""
    page.goto(site_url + f"calculator/?standard={standard}")
    page.wait_for_function(READY, timeout=120_000)
    if profile:
        page.locator(f'select[id="profile-{standard}"]').select_option(profile)
    if special.get("special_deductions"):
        page.locator(f'input[id="deductions-{standard}"]').fill(str(special["special_deductions"]))
    if special.get("special_bonus"):
        page.locator(f'input[id="bonus-{standard}"]').check()
    for item_id, value in ratings.items():
        rate(page, item_id, value)
    result = shown(page, standard)
    data: dict[str, Any] = {"standard": standard, "ratings": ratings, **special}
    if profile:
        data["profile"] = profile
    expected = cli_result(data, tmp_path)
    assert result["score"] == expected["score_text"]
    assert result["stars"] == ("" if expected["stars"] is None else str(expected["stars"]))
    assert result["level"] == expected["level"]
    assert result["passed"] == str(expected["passed"]).lower()


def test_combined_view_shows_the_clis_twelve_stars(page: Any, site_url: str, tmp_path: Path) -> None:
    """The combined view adds the GB/T and CTS stars exactly as the CLI does (here 5 + 7 = 12)."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    page.locator('input[id="view-combined"]').check()
    page.wait_for_function(READY, timeout=120_000)
    gbt = dict.fromkeys(page.evaluate(
        "() => [...document.querySelectorAll('section[data-standard=\"gb-t-27922-2011\"] [data-item]')]"
        ".map(s => s.dataset.item)"), 1)
    cts = dict.fromkeys(page.evaluate(
        "() => [...document.querySelectorAll('section[data-standard=\"cts-q-zg025-2022\"] [data-item]')]"
        ".map(s => s.dataset.item)"), 1)
    for item_id in list(gbt) + list(cts):
        rate(page, item_id, 1)
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result({"assessments": [{"standard": "gb-t-27922-2011", "profile": "default", "ratings": gbt,
                                            "special_deductions": 0, "special_bonus": 0},
                                           {"standard": "cts-q-zg025-2022", "ratings": cts}]}, tmp_path)
    combined = page.locator('[data-testid="combined-stars"]')
    assert expected["combined"]["stars"] == 12
    assert combined.get_attribute("data-value") == "12"
    assert combined.get_attribute("data-passed") == "true"


def test_clause_page_opens_the_calculator_at_that_clause(page: Any, site_url: str) -> None:
    """The 'score this clause' link of a GB/T clause page opens the GB/T form at that clause."""
    page.goto(site_url + "en/gb-t-27922-2011/5.2.4/")
    page.locator("a.md-button--primary").click()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator('input[id="view-gb-t-27922-2011"]').is_checked()
    box = page.locator('fieldset[id="clause-gb-t-27922-2011-5.2.4"]').bounding_box()
    assert box is not None and -5 <= box["y"] < 900
