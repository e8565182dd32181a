"""The printable worksheets in chromium: they fit a 390 px phone without sideways scrolling,
and printed on A4 (what page.pdf() and the browser's print give) they hold every item on
pages that are filled, with room to write."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculator.loaders import RubricFolder

from conftest import RUBRICS_DIR

pytestmark = pytest.mark.browser

STANDARDS = ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")
LANGS = (("", "zh"), ("en/", "en"))
# Most A4 pages each worksheet may print. Measured after the change (zh/en): CTS 11/14,
# GB/T 7/9, SB/T 19/29; before it CTS printed 14/25, GB/T 12/15, SB/T 29/37 with clauses
# pushed whole to the next page, leaving pages half empty.
MOST_PAGES = {("cts-q-zg025-2022", "zh"): 12, ("cts-q-zg025-2022", "en"): 15,
              ("gb-t-27922-2011", "zh"): 8, ("gb-t-27922-2011", "en"): 10,
              ("sb-t-10401-2006", "zh"): 20, ("sb-t-10401-2006", "en"): 31}
A4_HEIGHT_PT = 842
MARGIN_PT = 16 / 25.4 * 72  # @page margin, top and bottom
WRITE_MM = 12  # the least height of the space to write per item, in print


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_worksheets_fit_a_phone(browser: Any, site_url: str, prefix: str, lang: str) -> None:
    """At 390x844 (touch) no worksheet is wider than the screen, and no item card reaches past its right edge."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        for standard in STANDARDS:
            tab.goto(f"{site_url}{prefix}worksheet/{standard}/")
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (standard, width)
            right = tab.evaluate("Math.max(...[...document.querySelectorAll('.ws-items td, .ws-head td, .ws-sign td')]"
                                 ".map((cell) => cell.getBoundingClientRect().right))")
            assert right <= 390, (standard, right)
            assert tab.evaluate("getComputedStyle(document.querySelector('.ws-items thead')).display") == "none"
    finally:
        context.close()


def _pdf(browser: Any, url: str, path: Path) -> None:
    tab = browser.new_page()
    try:
        tab.goto(url)
        tab.emulate_media(media="print")
        tab.pdf(path=str(path), format="A4", print_background=True)
    finally:
        tab.close()


def _bottoms(path: Path) -> list[float]:
    """For each page, how far down (in points) its lowest word ends (pdftotext -bbox)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = xhtml.split("<page ")[1:]
    return [max((float(y) for y in re.findall(r'yMax="([0-9.]+)"', page)), default=0.0) for page in pages]


@pytest.mark.parametrize("prefix,lang", LANGS)
@pytest.mark.parametrize("standard", STANDARDS)
def test_printed_worksheet_holds_every_item_on_filled_pages(browser: Any, site_url: str, tmp_path: Path,
                                                            standard: str, prefix: str, lang: str) -> None:
    """The A4 PDF names every item id, prints on at most the pages measured, and fills every page but the last at least two-thirds down."""
    path = tmp_path / "worksheet.pdf"
    _pdf(browser, f"{site_url}{prefix}worksheet/{standard}/", path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    ids = list(RubricFolder(RUBRICS_DIR)[standard].items)
    missing = [item for item in ids if not re.search(rf"(?<![\w.]){re.escape(item)}(?![\w.])", text)]
    assert not missing, missing[:10]
    bottoms = _bottoms(path)
    assert 2 <= len(bottoms) <= MOST_PAGES[standard, lang], len(bottoms)
    usable = A4_HEIGHT_PT - 2 * MARGIN_PT
    half_empty = [number for number, bottom in enumerate(bottoms[:-1], start=1)
                  if bottom - MARGIN_PT < usable * 2 / 3]
    assert not half_empty, (half_empty, bottoms)


def test_printed_rows_leave_room_to_write(browser: Any, site_url: str) -> None:
    """In print, each item's evidence-and-notes cell is at least 12 mm high and the widest column of its row."""
    tab = browser.new_page()
    try:
        tab.goto(f"{site_url}worksheet/cts-q-zg025-2022/")
        tab.emulate_media(media="print")
        sizes = tab.evaluate("""[...document.querySelectorAll('.ws-items tbody tr')].map((row) => {
            const write = row.querySelector('.ws-write').getBoundingClientRect();
            const others = [...row.children].filter((c) => !c.classList.contains('ws-write') && !c.classList.contains('ws-req'));
            return [write.height, write.width, Math.max(...others.map((c) => c.getBoundingClientRect().width))];
        })""")
    finally:
        tab.close()
    assert len(sizes) == 88
    least_px = WRITE_MM / 25.4 * 96
    assert all(height >= least_px - 1 for height, _, _ in sizes), min(h for h, _, _ in sizes)
    assert all(width > other for _, width, other in sizes)
