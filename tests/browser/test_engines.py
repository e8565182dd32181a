"""The calculator's core checks in the three browser engines visitors use (sitegen/engines.py):
chromium, firefox-esr (Firefox) and WebKitGTK (the engine of Safari and of WeChat on iPhones),
each with real Pyodide, on a project site published under a sub-path (``/org/repo/``, as GitHub
Pages and Gitee Pages publish one). One test per engine, run in the suite, kept few on purpose:
the other browser tests cover the rest in chromium, at the domain root and under the sub-path."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result
from test_calculator_product import ASSESSMENT, share_code

from sitegen.engines import ENGINES, Tab

from sitefixtures import SUB_PATH, HostedSite

pytestmark = [pytest.mark.browser, pytest.mark.engines]

STANDARD = ASSESSMENT["standard"]
SCORE = f"document.querySelector('[data-result=\"{STANDARD}\"] [data-testid=\"score\"]')?.dataset.value"
MESSAGE = "document.querySelector('[data-testid=message]')?.textContent.length > 0"
PRESSED = "document.querySelector('[data-item=\"{item}\"] [aria-pressed=true]')?.dataset.value"
LOADING = ("[document.body?.dataset.state, Boolean(document.querySelector('progress')),"
           " document.querySelector('[data-testid=status]')?.textContent || '']")


def watch_start(tab: Tab, timeout: float = 180) -> list[tuple[Any, bool, str]]:
    """Poll the page from the moment it opens until Python has answered: (state, progress
    bar shown, status text) as seen along the way."""
    seen = []
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        try:
            state, bar, status = tab.run(LOADING)
        except Exception:
            continue
        seen.append((state, bar, status))
        if state == "ready":
            return seen
        time.sleep(0.05)
    raise TimeoutError(f"{tab.engine}: Python did not answer within {timeout} s; last seen {seen[-1:]}")


def score_is(tab: Tab, value: str) -> None:
    tab.wait(f"document.body?.dataset.state === 'ready' && {SCORE} === {json.dumps(value)}", 120)


@pytest.mark.parametrize("engine", ENGINES)
def test_share_link_rescore_reload_and_offline(engines: Any, engine: str, second_build: Path,
                                                static_host: Callable[..., HostedSite], tmp_path: Path) -> None:
    """Under /org/repo/, a share link shows the CLI's score, with progress shown while Python starts; a rating change
    rescores as the CLI; a reload keeps the ratings; with the network gone after that one visit, the
    calculator still scores and a page never opened leads to the offline page."""
    host = static_host(second_build, SUB_PATH)
    tab = engines.tab(engine)
    try:
        tab.goto(host.url + "calculator/#a=" + share_code(ASSESSMENT))
        seen = watch_start(tab)
        assert any(bar and status for _, bar, status in seen), seen[:5]  # progress shown before the first score
        tab.wait(MESSAGE)
        score_is(tab, cli_result(ASSESSMENT, tmp_path)["score_text"])

        changed = {**ASSESSMENT, "ratings": {**ASSESSMENT["ratings"], "5.1.1.b": 1}}
        tab.press("5.1.1.b", "1")
        expected = cli_result(changed, tmp_path)["score_text"]
        assert expected != cli_result(ASSESSMENT, tmp_path)["score_text"]
        score_is(tab, expected)

        tab.reload()
        tab.wait(READY, 180)
        score_is(tab, expected)
        assert tab.run(PRESSED.format(item="5.1.1.b")) == "1"
        assert tab.run(PRESSED.format(item="5.6.3.b")) == "na"

        tab.wait("document.body?.dataset.kept === 'calculator'", 180)
        host.stop()
        tab.reload()
        tab.wait(READY, 180)
        score_is(tab, expected)
        tab.goto(host.url + "crosswalk/")
        tab.wait(f"location.pathname === '{SUB_PATH}offline/' && document.readyState === 'complete'", 60)
        assert tab.run("document.documentElement.lang").split("-")[0] == "zh"
        assert tab.run("document.querySelector('[data-offline-retry]').href") == host.url + "crosswalk/"
    finally:
        tab.close()
