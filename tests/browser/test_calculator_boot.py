"""The calculator's worker starts before the page's own modules have loaded (docs/assets/calc/boot.js), in
Debian's chromium with real Pyodide: boot.js is its own script with no imports, the worker it starts is the
one that answers (one worker.js for the whole visit, started before app.js's modules are all in), and a
worker that fails before the page has taken it over still ends in the page's error with its retry."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_calculator_browser import READY, shown

from sitegen.examples import share_code

pytestmark = pytest.mark.browser

CTS = "cts-q-zg025-2022"
ASSESSMENT = {"standard": CTS, "ratings": {"5.1.1.a": 0.6, "5.1.1.b": 1}}
# the modules app.js imports, directly or through others: the worker starts before the last of them is in
APP_MODULES = {"dom.js", "strings.js", "bridge.js", "state.js", "assessment.js", "form.js", "results.js", "share.js",
               "report.js", "plan.js", "compare.js", "stored.js", "merge.js"}


def test_boot_is_a_script_of_its_own_without_imports(site: Path) -> None:
    """Both calculator pages load boot.js as an async module before app.js, and boot.js imports nothing (so that
    nothing delays it)."""
    for page in ("calculator/index.html", "en/calculator/index.html"):
        html = (site / page).read_text("utf-8")
        boot = re.search(r'<script type="module" async src="[./]*assets/calc/boot\.js"></script>', html)
        app = re.search(r'<script type="module" src="[./]*assets/calc/app\.js"></script>', html)
        assert boot and app and boot.start() < app.start(), page
    text = (site / "assets" / "calc" / "boot.js").read_text("utf-8")
    assert not re.search(r"^\s*import\b", text, re.M)


def test_the_worker_boot_starts_is_the_one_that_answers(page: Any, site_url: str) -> None:
    """On a first visit the page requests worker.js once, before the last of app.js's modules has arrived, and that
    worker scores the share link the page opens."""
    order: list[str] = []
    # the page's and its workers' requests; not those of the service worker keeping its offline copy
    page.context.on("request", lambda request: request.service_worker is None
                    and order.append(urlsplit(request.url).path.rsplit("/", 1)[-1]))
    page.goto(site_url + "calculator/#a=" + share_code(ASSESSMENT))
    page.locator('[data-testid="opened"]').wait_for(timeout=120_000)
    page.wait_for_function(READY, timeout=120_000)
    assert shown(page, CTS)["score"]
    assert order.count("worker.js") == 1
    last_module = max(order.index(name) for name in APP_MODULES)
    assert order.index("worker.js") < last_module, order


def test_a_worker_that_fails_before_the_page_takes_it_still_ends_in_the_error(page: Any, site_url: str) -> None:
    """worker.js answered with 404 fails the worker boot.js started, before bridge.js has it: the page still says
    Python cannot run and offers its retry, which starts a new worker."""
    requests: list[str] = []
    page.context.on("request", lambda request: request.service_worker is None and requests.append(request.url))
    page.route("**/assets/calc/worker.js", lambda route: route.fulfill(status=404, body="missing"))
    page.goto(site_url + "calculator/")
    page.wait_for_function("document.body.dataset.state === 'error'", timeout=60_000)
    retry = page.locator('[data-testid="retry"]')
    assert retry.is_visible()
    before = sum(url.endswith("/worker.js") for url in requests)
    page.unroute("**/assets/calc/worker.js")
    retry.click()
    page.wait_for_function(READY, timeout=120_000)
    assert sum(url.endswith("/worker.js") for url in requests) == before + 1
