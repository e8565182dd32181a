"""The site published under a sub-path (``/org/repo/``, as GitHub Pages and Gitee Pages publish a
project site), in Debian's chromium: a server that serves the build under that prefix only
(and its 404 page elsewhere), and no request of any page may leave the prefix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, rate, shown
from test_offline import search

from sitefixtures import SUB_PATH, HostedSite

pytestmark = pytest.mark.browser


def watch_requests(page: Any) -> list[str]:
    """Every URL the page (and its workers) asks for, as the browser sees it."""
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url))
    return seen


def assert_under(host: HostedSite, seen: list[str]) -> None:
    outside = [url for url in seen if not url.startswith(("data:", "blob:")) and not url.startswith(host.url)]
    assert not outside, outside[:10]
    strays = [path for path in host.asked if not path.startswith(SUB_PATH)]
    assert not strays, strays[:10]


def test_pages_search_language_switch_and_404_stay_under_the_sub_path(
        page: Any, second_build: Path, static_host: Callable[..., HostedSite]) -> None:
    """Home, a clause page, the language switch, the search and the 404 page all work under
    /org/repo/, and nothing is requested outside it."""
    host = static_host(second_build, SUB_PATH)
    seen = watch_requests(page)
    page.goto(host.url)
    assert page.locator("h1").count() == 1
    page.goto(host.url + "cts-q-zg025-2022/5.3.1.2/")
    page.wait_for_load_state("networkidle")
    page.locator('a[data-lang-switch="en"]').dispatch_event("click")
    page.wait_for_url(host.url + "en/cts-q-zg025-2022/5.3.1.2/")
    page.wait_for_load_state("networkidle")
    first = search(page, "complaint").first.locator("a").first
    assert first.get_attribute("href").startswith(host.url + "en/")
    missing = page.goto(host.url + "no-such-page/")
    assert missing.status == 404
    # the 404 page's stylesheet loaded from under the prefix, and its links lead there
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    home = page.locator("a.md-header__button.md-logo").get_attribute("href")
    assert page.evaluate("(href) => new URL(href, location.href).href", home) == host.url
    page.wait_for_load_state("networkidle")
    assert_under(host, seen)


def test_calculator_and_practice_work_under_the_sub_path(
        page: Any, second_build: Path, static_host: Callable[..., HostedSite], tmp_path: Path) -> None:
    """Under /org/repo/ the calculator scores as the CLI, its service worker's scope and its
    Python snapshot stay under the prefix, a return visit restores Python, and the practice page runs."""
    host = static_host(second_build, SUB_PATH)
    seen = watch_requests(page)
    page.goto(host.url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.2.1.b", 0.4)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.2.1.b": 0.4}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    page.wait_for_function("document.body?.dataset.snapshot === 'stored'", timeout=120_000)
    page.wait_for_function("document.body?.dataset.kept === 'calculator'", timeout=120_000)
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.scope)")
    assert scope == host.url
    keys = page.evaluate("caches.open('calculator-python-snapshot').then((c) => c.keys()).then((k) => k.map((r) => r.url))")
    assert keys and all(key.startswith(host.url + "pyodide-snapshot/") for key in keys)
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.evaluate("document.body.dataset.python") == "snapshot"
    page.goto(host.url + "study/?seed=11")
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator(".study-question").count() == 10
    assert_under(host, seen)
