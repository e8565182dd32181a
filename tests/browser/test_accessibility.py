"""Accessibility checks by axe-core (npm, installed by scripts/setup for the tests only; the site
never loads it), in Debian's chromium: the home page, a clause page and the calculator (after
Python has answered, so the drawn form and results are checked) in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# what axe reports: rule id, impact, how many elements, the first two of them and what to fix
VIOLATIONS = """async () => (await axe.run(document)).violations.map(v =>
  [v.id, v.impact, v.nodes.length, v.nodes.slice(0, 2).map(n => n.target.join(' ')), v.nodes[0].failureSummary])"""


@pytest.mark.parametrize("path", ["", "en/", "cts-q-zg025-2022/5.1.1/", "en/cts-q-zg025-2022/5.1.1/",
                                  "calculator/", "en/calculator/"])
def test_axe_finds_no_serious_or_critical_violation(page: Any, site_url: str, path: str) -> None:
    """axe-core finds no violation of impact 'serious' or 'critical' on the page."""
    assert AXE.is_file(), "axe-core is missing: run scripts/setup"
    page.goto(site_url + path)
    if "calculator" in path:
        page.wait_for_function(READY, timeout=120_000)
    page.add_script_tag(path=str(AXE))
    found = [v for v in page.evaluate(VIOLATIONS) if v[1] in ("serious", "critical")]
    assert not found, found
