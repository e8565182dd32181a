"""The printable worksheets as built (sitegen/templates/worksheet.md.j2): the rating bands
are named by what they mean, and each points number says whose profile it is."""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal
from pathlib import Path

import pytest

from calculator.loaders import RubricFolder
from sitegen.rubrics import rubrics_for_build

from conftest import CATALOGUE, RUBRICS_DIR

CTS, SBT, GBT = "cts-q-zg025-2022", "sb-t-10401-2006", "gb-t-27922-2011"
LANGS = (("", "zh"), ("en/", "en"))


def _page(site: Path, prefix: str, standard: str) -> str:
    text = (site / prefix / "worksheet" / standard / "index.html").read_text("utf-8")
    return text[text.index('<article'):text.index('</article>')]


def _plain(fragment: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment))


def _cells(page: str, name: str) -> dict[str, str]:
    """Item id -> the inner HTML of its cell of class ``name`` (ws-pts, ws-rate ...)."""
    rows = re.findall(r'<tr>\s*<td class="ws-id">([^<]+)</td>(.*?)</tr>', page, re.S)
    return {item: re.search(rf'<td class="{name}"[^>]*>(.*?)</td>', row, re.S).group(1) for item, row in rows}


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_cts_worksheet_names_the_bands_by_their_range(site: Path, prefix: str, lang: str) -> None:
    """The CTS worksheet explains Table 1 (each band's range, its descriptors and the value the calculator uses) and every rating cell offers the bands by range, never by id."""
    bands = rubrics_for_build()[CTS].data["scoring"]["bands"]
    page = _page(site, prefix, CTS)
    key = re.search(r'<table class="ws-bands">(.*?)</table>', page, re.S).group(1)
    for band in bands:
        assert f"{band['min_percent']}%–{band['max_percent']}%" in _plain(key)
        assert f"{round(band['value'] * 100)}%" in _plain(key)
        for descriptor in band["descriptors"]:
            assert _plain(descriptor[lang]) in _plain(key).replace("\n", "")
    ticks = [f"{b['min_percent']}–{b['max_percent']}%" for b in bands] + [CATALOGUE.text("site.ws_na", lang)]
    cells = _cells(page, "ws-rate")
    assert len(cells) == 88
    for item, cell in cells.items():
        assert re.findall(r'<span class="ws-tick">([^<]*)</span>', cell) == ticks, item
    assert not re.search(r"\bb[1-5]\b", _plain(page)), "a band id is shown"
    assert CATALOGUE.text("site.ws_rating_bands", lang) in htmllib.unescape(page)


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_other_worksheets_offer_met_partly_not_met_and_na(site: Path, prefix: str, lang: str) -> None:
    """Worksheets of standards without bands offer met, not met, n/a and partly with a blank for the share, and say so in their key."""
    words = [CATALOGUE.text(f"site.{key}", lang) for key in ("ws_met", "ws_not_met", "ws_na", "ws_partly")]
    for standard in (GBT, SBT):
        page = _page(site, prefix, standard)
        for item, cell in _cells(page, "ws-rate").items():
            assert [_plain(t) for t in re.findall(r'<span class="ws-tick[^"]*">(.*?)</span>', cell)] == words, item
        assert CATALOGUE.text("site.ws_rating_met", lang) in htmllib.unescape(page)


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_sbt_points_cells_name_their_profile(site: Path, prefix: str, lang: str) -> None:
    """Every number in an SB/T points cell follows the title of the weight profile it belongs to and equals that profile's points for the item; a profile whose table leaves the item out says so."""
    rubric = RubricFolder(RUBRICS_DIR)[SBT]
    page = _page(site, prefix, SBT)
    cells = _cells(page, "ws-pts")
    assert list(cells) == list(rubric.items)
    colon = "：" if lang == "zh" else ": "
    titles = {profile.title[lang]: profile for profile in rubric.profiles.values()}
    for item, cell in cells.items():
        lines = [_plain(span) for span in re.findall(r'<span class="ws-pt">(.*?)</span>', cell, re.S)]
        assert lines, item
        assert _plain(cell) == "".join(lines), item  # nothing outside a named line
        named = set()
        for line in lines:
            title, _, value = line.rpartition(colon)
            profile = titles[title]
            named.add(profile.id)
            if item in profile.items:
                assert Decimal(value) == profile.items[item].points, (item, line)
            else:
                assert value == CATALOGUE.text("site.not_scored", lang), (item, line)
        scoring = {p.id for p in rubric.profiles.values() if item in p.items}
        assert scoring <= named, item
        section = rubric.items[item].section_id
        assert all(p.id in named for p in rubric.profiles.values() if section[0] in {s[0] for s in p.sections}), item


@pytest.mark.parametrize("prefix,lang", LANGS)
def test_single_profile_worksheets_show_plain_points(site: Path, prefix: str, lang: str) -> None:
    """CTS and GB/T have one profile, named once in the head: their points cells hold the item's number only."""
    for standard in (CTS, GBT):
        rubric = RubricFolder(RUBRICS_DIR)[standard]
        profile = rubric.profiles[rubric.default_profile] if rubric.default_profile else None
        for item, cell in _cells(_page(site, prefix, standard), "ws-pts").items():
            expected = profile.items[item].points if profile else rubric.items[item].points
            assert Decimal(_plain(cell)) == expected, (standard, item)
