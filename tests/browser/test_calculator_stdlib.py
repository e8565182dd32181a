"""The standard library Pyodide gets in the browser (sitegen/stdlib.py), in Debian's chromium with real
Pyodide: the first score fetches only the first score's archive (neither python_stdlib.zip nor the package
lock nor the rest), the Excel export fetches the rest once and works, a call that meets a module the first
archive lacks fetches it too and is answered, and the practice page works."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_calculator_browser import READY, cli_result, shown

from sitegen.examples import share_code

pytestmark = pytest.mark.browser

GBT = "gb-t-27922-2011"
ASSESSMENT = {"standard": GBT, "ratings": {"5.1.1.1": 1, "5.1.1.2": 0.5, "5.1.1.3": "na"}, "special_deductions": 1}
NEVER = ("/pyodide/python_stdlib.zip", "/pyodide/pyodide-lock.json")
ON_DEMAND = {"stdlib-rest.zip", "xlsxwriter-3.3.1-py3-none-any.whl"}


def paths(requests: list[str], site_url: str) -> list[str]:
    """The site paths of the requests made to the site (blob: URLs, made in the page, left out)."""
    origin = urlsplit(site_url)
    return [urlsplit(url).path for url in requests
            if (urlsplit(url).scheme, urlsplit(url).netloc) == (origin.scheme, origin.netloc)]


def test_the_first_score_fetches_the_first_archive_only_and_the_excel_export_the_rest(
        page: Any, site_url: str, tmp_path: Path) -> None:
    """Scoring a share link requests pyodide/stdlib-core.zip and neither python_stdlib.zip, pyodide-lock.json nor
    stdlib-rest.zip; "Export Excel" then requests stdlib-rest.zip and the wheel and downloads a workbook, and a
    second export fetches neither again."""
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "calculator/#a=" + share_code(ASSESSMENT))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    assert shown(page, GBT)["score"]
    first = paths(requests, site_url)
    assert [path for path in first if path.endswith("/pyodide/stdlib-core.zip")]
    assert not [path for path in first if path.endswith((*NEVER, "/pyodide/stdlib-rest.zip", ".whl"))]
    fetched = []
    for _ in range(2):
        before = len(requests)
        with page.expect_download(timeout=120_000) as download:
            page.locator('[data-testid="export-xlsx"]').click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        assert saved.read_bytes()[:2] == b"PK" and saved.stat().st_size > 5000
        # the files fetched only on demand (the service worker may meanwhile keep the calculator's others)
        fetched.append({path.rsplit("/", 1)[-1] for path in paths(requests[before:], site_url)} & ON_DEMAND)
    assert fetched == [ON_DEMAND, set()]
    assert not [path for path in paths(requests, site_url) if path.endswith(NEVER)]


def test_the_practice_page_works_without_the_stock_library(page: Any, site_url: str) -> None:
    """The practice page shows its questions for a seed with requests for neither python_stdlib.zip nor
    pyodide-lock.json."""
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "study/?seed=2024")
    page.locator(".study-question").first.wait_for(timeout=120_000)
    assert page.locator(".study-question").count() == 10
    assert not [path for path in paths(requests, site_url) if path.endswith(NEVER)]


def calculator_zip_importing(module: str) -> bytes:
    """The site's calculator.zip with ``import <module>`` added at the start of api.score_json."""
    from sitegen.bundle import calculator_zip

    marker = '    user\'s weight profile (JSON text in the CLI\'s profile format)."""\n'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(calculator_zip())) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "calculator/api.py":
                text = data.decode("utf-8")
                assert marker in text
                data = text.replace(marker, marker + f"    import {module}  # noqa: F401\n", 1).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def test_a_call_meeting_a_module_outside_the_first_archive_fetches_the_rest_and_is_answered(
        page: Any, site_url: str, tmp_path: Path) -> None:
    """A calculator whose score_json imports a module stdlib-core.zip lacks (email.utils, a package whose
    parts are all in the rest) still shows the CLI's score: the worker fetches stdlib-rest.zip once and makes
    the call again."""
    patched = calculator_zip_importing("email.utils")
    page.route("**/assets/calc/calculator.zip",
               lambda route: route.fulfill(status=200, body=patched, content_type="application/zip"))
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "calculator/#a=" + share_code(ASSESSMENT))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result(ASSESSMENT, tmp_path)
    assert shown(page, GBT)["score"] == expected["score_text"]
    assert [path for path in paths(requests, site_url) if path.endswith("/pyodide/stdlib-rest.zip")]
