"""The calculator page's Excel export, in Debian's chromium with real Pyodide: the workbook is the CLI's
(same cells, zh and en), XlsxWriter's wheel is fetched from the site only after the export click (never for
the first score), every request stays on the site's origin, a wheel that cannot be fetched is said in the
page's language with nothing lost, and a custom weight profile is refused as for CSV."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import openpyxl
import pytest
from test_calculator_browser import READY, shown

from calculator.loaders import read_catalogue
from sitegen.examples import share_code

from conftest import run_cli

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
GBT = "gb-t-27922-2011"
ASSESSMENT = {"standard": GBT, "title": "某公司 2026 自评", "report": {"enterprise": "某某电器有限公司", "date": "2026-11-30"},
              "ratings": {"5.1.1.1": 1, "5.1.1.2": 0.5, "5.1.1.3": "na", "5.1.2.1": 0.8},
              "notes": {"5.1.1.2": "=1+1 网点清单已核对"}, "special_deductions": 2, "special_bonus": 1}
OPENED = '[data-testid="opened"]'


def calc(key: str, lang: str, **params: Any) -> str:
    return CATALOGUE.text(f"calc.{key}", lang, **params)


def cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cells (formulas as written, and the cached values) of a workbook."""
    out = {}
    for data_only in (False, True):
        book = openpyxl.load_workbook(io.BytesIO(path.read_bytes()), data_only=data_only)
        out.update({f"{sheet.title}:{data_only}": list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets})
    return out


def _download(page: Any, testid: str, folder: Path) -> tuple[Path, str]:
    with page.expect_download(timeout=120_000) as download:
        page.locator(f'[data-testid="{testid}"]').click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path, download.value.suggested_filename


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_export_is_the_clis_workbook_and_loads_its_library_only_when_asked(page: Any, site_url: str,
                                                                               tmp_path: Path, lang: str) -> None:
    """Opened from a share link and scored, the page has fetched no wheel; "Export Excel" (in the page's language)
    fetches XlsxWriter's wheel once from the site and downloads <name>.xlsx whose cells (formulas and cached values)
    are those of `score --format xlsx --lang` for the page's own JSON export; every request stays on the origin."""
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    prefix = "" if lang == "zh" else "en/"
    page.goto(site_url + f"{prefix}calculator/#a=" + share_code(ASSESSMENT))
    page.locator(OPENED).wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    assert shown(page, GBT)["score"]
    assert not [url for url in requests if url.endswith(".whl")]
    button = page.locator('[data-testid="export-xlsx"]')
    assert button.inner_text() == calc("export_xlsx", lang)
    before = len(requests)
    started = time.monotonic()
    path, name = _download(page, "export-xlsx", tmp_path)
    seconds = time.monotonic() - started
    # the worker's request, and the service worker's fetch of it when it answers for the page
    wheels = {url for url in requests[before:] if url.endswith(".whl")}
    assert len(wheels) == 1 and urlsplit(wheels.pop()).path.endswith("/pyodide/xlsxwriter-3.3.1-py3-none-any.whl")
    origin = urlsplit(site_url)
    strays = [url for url in requests if not url.startswith(("blob:", "data:"))
              and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)]
    assert not strays
    _, csv_name = _download(page, "export-csv", tmp_path)
    assert name == csv_name.removesuffix(".csv") + ".xlsx" and name.startswith("某公司 2026 自评")
    exported, _ = _download(page, "export-json", tmp_path)
    reference = tmp_path / "cli.xlsx"
    run = run_cli("--lang", lang, "score", exported, "--format", "xlsx", "--output", reference)
    assert run.returncode == 0, run.stderr
    assert cells(path) == cells(reference)
    assert button.inner_text() == calc("export_xlsx", lang) and button.is_enabled()
    print(json.dumps({"lang": lang, "first_export_seconds": round(seconds, 2)}))
    # a second export reuses the library: no new wheel request
    again = len(requests)
    (tmp_path / "again").mkdir()
    _download(page, "export-xlsx", tmp_path / "again")
    assert not [url for url in requests[again:] if url.endswith(".whl")]


def test_a_wheel_that_cannot_be_fetched_is_said_and_nothing_is_lost(browser: Any, site_url: str,
                                                                     tmp_path: Path) -> None:
    """When the wheel's request fails, the message line says the Excel file could not be made (in Chinese), the
    ratings and the result are unchanged, the button is usable again, and the next export, online, works."""
    # without the service worker, whose own requests a route does not see
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    try:
        _wheel_fails(context.new_page(), site_url, tmp_path)
    finally:
        context.close()


def _wheel_fails(page: Any, site_url: str, tmp_path: Path) -> None:
    page.context.route("**/*.whl", lambda route: route.abort())
    page.goto(site_url + "calculator/#a=" + share_code(ASSESSMENT))
    page.locator(OPENED).wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    before = shown(page, GBT)
    page.locator('[data-testid="export-xlsx"]').click()
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'",
                           timeout=60_000)
    message = page.locator('[data-testid="message"]').inner_text()
    assert message.startswith(calc("xlsx_failed", "zh", problem="").split("（")[0]) and ".whl" in message
    assert shown(page, GBT) == before
    assert page.locator('[data-testid="export-xlsx"]').is_enabled()
    page.context.unroute("**/*.whl")
    path, _ = _download(page, "export-xlsx", tmp_path)
    assert openpyxl.load_workbook(path).sheetnames == ["汇总", "评分项"]


def test_the_export_is_refused_under_a_custom_profile(page: Any, site_url: str, tmp_path: Path) -> None:
    """Scored with a custom weight profile, "Export Excel" is refused with the same message as the CSV export."""
    import yaml

    shipped = yaml.safe_load((Path(__file__).resolve().parents[2] / "rubrics" / "profiles" / GBT
                              / "default.yaml").read_text("utf-8"))
    profile = tmp_path / "body.json"
    profile.write_text(json.dumps(dict(shipped, id="body", title={"zh": "某机构方案", "en": "A body's profile"}),
                                  ensure_ascii=False), "utf-8")
    page.goto(site_url + f"calculator/?standard={GBT}")
    page.wait_for_function(READY, timeout=120_000)
    page.locator(f'input[id="custom-{GBT}"]').set_input_files(str(profile))
    page.wait_for_selector('[data-testid="custom-profile"]')
    page.locator('[data-testid="export-xlsx"]').click()
    page.wait_for_function("document.querySelector('[data-testid=message]')?.dataset.kind === 'error'")
    assert page.locator('[data-testid="message"]').inner_text() == calc("custom_not_carried", "zh", title="某机构方案")
