"""The reference site in Debian's chromium: print layout, language switch on every kind of
page, and the search box finding Chinese words."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["cts-q-zg025-2022/5.5.2/", "gb-t-27922-2011/", "en/sb-t-10401-2006/A.6.3/"])
def test_pages_print_on_a4_without_navigation(page: Any, site_url: str, path: str) -> None:
    """In print media the navigation chrome is hidden, links show their address, and an A4 PDF comes out."""
    page.goto(site_url + path)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean)
        .every(e => getComputedStyle(e).display === 'none')""")
    assert hidden
    after = page.evaluate("""() => { const a = document.querySelector('.md-content .md-typeset a[href^="../"]:not(.headerlink)');
        return a ? getComputedStyle(a, '::after').content : null }""")
    assert after and "../" in after
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


@pytest.mark.parametrize("zh,en", [("", "en/"), ("crosswalk/", "en/crosswalk/"),
                                   ("gb-t-27922-2011/", "en/gb-t-27922-2011/"),
                                   ("sb-t-10401-2006/B.6.3/", "en/sb-t-10401-2006/B.6.3/")])
def test_language_switch_round_trip(page: Any, site_url: str, zh: str, en: str) -> None:
    """The switch goes from a Chinese page to the same English page and back."""
    page.goto(site_url + zh)
    page.wait_for_load_state("networkidle")  # let every script of the theme load first
    page.locator('a[data-lang-switch="en"]').dispatch_event("click")
    page.wait_for_url(site_url + en)
    page.wait_for_load_state("networkidle")
    page.locator('a[data-lang-switch="zh"]').dispatch_event("click")
    page.wait_for_url(site_url + zh)


def test_search_box_finds_chinese_word(page: Any, site_url: str) -> None:
    """Typing 投诉 in the search box lists complaint-handling clauses."""
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").fill("投诉")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    text = page.locator(".md-search-result").inner_text()
    assert "投诉" in text
    assert results.count() >= 3


def test_study_page_shows_the_seeded_questions_and_checks_answers(page: Any, site_url: str) -> None:
    """The practice page for ?seed=N shows the questions Python generates for N and marks a right answer right."""
    from calculator.loaders import load_standard
    from calculator.study import questions

    from conftest import RUBRICS_DIR

    rubrics = {s: load_standard(s, RUBRICS_DIR) for s in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")}
    expected = questions(rubrics, 2024, 10)
    page.goto(site_url + "en/study/?seed=2024")
    page.wait_for_function("document.body.dataset.state === 'ready'", timeout=120_000)
    items = page.locator(".study-question")
    assert items.count() == 10
    assert [int(a) for a in items.evaluate_all("els => els.map(e => e.dataset.answer)")] == [q["answer"] for q in expected]
    first = expected[0]
    page.locator(f'input[id="q1-{first["answer"]}"]').check()
    page.locator('[data-check="1"]').click()
    assert page.locator('[data-testid="verdict-1"]').get_attribute("data-right") == "true"
    wrong = (first["answer"] + 1) % len(first["options"])
    page.locator(f'input[id="q2-{wrong if expected[1]["answer"] != wrong else 0}"]').check()
    page.locator('[data-check="2"]').click()
    assert page.locator('[data-testid="tally"]').inner_text().endswith("of 2 correct")


# The overview section each kind of question sends the reader to (site labels of its headings).
SECTION_OF = {"level": "levels", "exclusion": "exclusion", "item-rule": "pass_rule",
              "special": "special_deduction", "combined": "combination"}


@pytest.mark.parametrize("prefix,lang", [("", "zh"), ("en/", "en")])
def test_practice_answers_link_to_their_rule_and_say_so_when_nothing_is_chosen(
        page: Any, site_url: str, site: Any, prefix: str, lang: str) -> None:
    """Checking with nothing chosen says so; each explanation links to its clause or to the overview heading of its rule."""
    import re
    from urllib.parse import unquote, urlsplit

    from calculator.loaders import load_standard
    from calculator.study import questions
    from sitegen import i18n

    from conftest import RUBRICS_DIR

    rubrics = {s: load_standard(s, RUBRICS_DIR) for s in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006")}
    expected = questions(rubrics, 31, 14)
    page.goto(site_url + prefix + "study/?seed=31")
    page.wait_for_function("document.body.dataset.state === 'ready'", timeout=120_000)
    page.locator('[data-check="1"]').click()
    assert page.locator('[data-testid="verdict-1"]').inner_text() == i18n.CATALOGUE.text("study.pick_first", lang)
    for q in expected[:10]:
        wrong = (q["answer"] + 1) % len(q["options"])
        page.locator(f'input[id="q{q["number"]}-{wrong}"]').check()
        page.locator(f'[data-check="{q["number"]}"]').click()
        verdict = page.locator(f'[data-testid="verdict-{q["number"]}"]')
        text = verdict.inner_text()
        assert not re.search(r"(?<![\d.])(\d+(?:\.\d+)?)\s+\1(?![\d.])", text), text  # no "30 30 分"
        href = verdict.locator("a").evaluate("a => a.href")
        url = urlsplit(href)
        target = site / unquote(url.path).lstrip("/") / "index.html"
        assert target.is_file(), href
        read = q["read"]
        if "clause" in read:
            assert url.path.endswith(f"/{read['standard']}/{read['clause']}/") and not url.fragment, href
            continue
        assert q["type"] not in SECTION_OF or read["section"] == SECTION_OF[q["type"]], q["type"]
        assert url.path.endswith(f"/{read['standard']}/"), href
        anchor = unquote(url.fragment)
        heading = re.search(rf'<h([23]) id="{re.escape(anchor)}">(.*?)<a class="headerlink"',
                            target.read_text("utf-8"))
        assert heading, (href, anchor)
        assert heading.group(2).strip() == i18n.label(read["section"], lang), (href, heading.group(2))
