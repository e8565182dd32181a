"""The site's language and layout as a reader sees them in Debian's chromium: the theme's
search in the page's language, Chinese quotation marks a full character wide, pages
that fit a phone's width (the crosswalk's rows in two lines), and one copy of the theme's files
for both languages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A page in a phone-sized, touch, mobile browser context."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("prefix, word, count_text", [("", "投诉", "个符合条件的结果"),
                                                       ("en/", "complaint", "matching documents")])
def test_search_speaks_the_page_language(page: Any, site_url: str, prefix: str, word: str, count_text: str) -> None:
    """The search box's placeholder and its result count are in the page's language (the theme's own strings)."""
    page.goto(site_url + prefix)
    box = page.locator("input.md-search__input")
    assert box.get_attribute("placeholder") == ("搜索" if not prefix else "Search")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box.fill(word)
    page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
    assert count_text in page.locator(".md-search-result__meta").inner_text()


def test_chinese_quotation_marks_are_a_full_character_wide(page: Any, site_url: str) -> None:
    """On a Chinese page “ and ” are as wide as a Chinese character; inside lang="en" they stay narrow."""
    page.goto(site_url + "cts-q-zg025-2022/5.1.1/")
    widths = page.evaluate("""() => {
        const host = document.querySelector('article');
        const width = (text, lang) => {
            const span = document.createElement('span');
            span.textContent = text;
            if (lang) span.lang = lang;
            host.append(span);
            const w = span.getBoundingClientRect().width;
            span.remove();
            return w;
        };
        return {han: width('中'), quote: width('“'), en: width('“', 'en')};
    }""")
    assert abs(widths["quote"] - widths["han"]) < 1, widths
    assert widths["en"] < 0.7 * widths["han"], widths


@pytest.mark.parametrize("path", ["", "cts-q-zg025-2022/5.1.1/", "gb-t-27922-2011/5.1.7/", "sb-t-10401-2006/A.6.3/",
                                  "glossary/", "crosswalk/", "en/", "en/cts-q-zg025-2022/5.1.1/",
                                  "en/gb-t-27922-2011/5.1.7/", "en/sb-t-10401-2006/A.6.3/", "en/glossary/",
                                  "en/crosswalk/"])
def test_pages_fit_a_phone(phone: Any, site_url: str, path: str) -> None:
    """At 390 px nothing makes the page wider than the screen (wide tables scroll inside their own box)."""
    phone.goto(site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_crosswalk_rows_on_a_phone_put_the_note_under_the_clauses(phone: Any, site_url: str, prefix: str) -> None:
    """On a phone each crosswalk link shows both clauses and the relation on one line and its note below,
    all within the screen."""
    phone.goto(site_url + prefix + "crosswalk/")
    boxes = phone.evaluate("""() => [...document.querySelectorAll('.links-table tbody tr')].slice(0, 5).map(tr =>
        [...tr.children].map(td => { const r = td.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }))""")
    assert len(boxes) == 5
    for first, relation, second, note in boxes:
        assert first[1] == relation[1] == second[1]                  # one line: clause, relation, clause
        assert note[1] >= max(first[3], second[3]) - 1              # the note starts below them
        assert max(cell[2] for cell in (first, relation, second, note)) <= 390


# Every text node the calculator page shows, with the language it is in (its closest lang attribute).
TEXT_NODES = """() => {
  const walker = document.createTreeWalker(document.querySelector('#calc'), NodeFilter.SHOW_TEXT);
  const out = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || parent.closest('script, style, noscript, textarea, [hidden]')) continue;
    out.push([text, parent.closest('[lang]').getAttribute('lang')]);
  }
  return out;
}"""


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en/", "en")])
def test_the_drawn_calculator_marks_every_word_of_the_other_language(
        page: Any, site_url: str, prefix: str, lang: str) -> None:
    """On the calculator as drawn in the browser (every standard's form and result, the report), no text of the
    page's language holds words of the other language by langmark's rule: they sit in an element with its lang."""
    from test_calculator_browser import READY

    from sitegen.langmark import HTML_LANG, runs

    found = []
    for standard in ("cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006"):
        page.goto(site_url + prefix + f"calculator/?standard={standard}")
        page.wait_for_function(READY + " && document.body.dataset.report === 'current'", timeout=120_000)
        for text, where in page.evaluate(TEXT_NODES):
            if where != HTML_LANG[lang]:
                continue
            other = [words for words, mark in runs(text, lang) if mark]
            if other:
                found.append((standard, text[:80], other))
    assert not found, found[:10]


# The theme's stylesheets, scripts and icon a page names, and its search worker, as absolute URLs.
THEME_URLS = """() => {
  const urls = [...document.querySelectorAll('link[rel=stylesheet], link[rel=icon], script[src]')]
    .map((node) => node.href || node.src);
  const config = JSON.parse(document.getElementById('__config').textContent);
  urls.push(new URL(config.search, location.href).href);
  return urls.filter((url) => /\\/assets\\/(javascripts|stylesheets|images)\\//.test(url));
}"""


def test_switching_to_english_downloads_no_theme_file_again(page: Any, site: Path,
                                                             static_host: Callable[..., Any]) -> None:
    """A Chinese page, then the language switch: the English page names the very same theme files (stylesheets,
    scripts, icon, search worker: the same absolute URLs), so the browser takes them from its cache, and nothing
    under en/assets/ is asked for; the English page is styled and its search answers in English."""
    host = static_host(site)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.goto(host.url + "cts-q-zg025-2022/5.1.1/")
    page.wait_for_load_state("networkidle")
    chinese = page.evaluate(THEME_URLS)
    assert len(chinese) >= 4 and set(chinese) <= set(requested)
    asked = len(host.asked)
    page.locator('a[data-lang-switch="en"]').dispatch_event("click")
    page.wait_for_url(host.url + "en/cts-q-zg025-2022/5.1.1/")
    page.wait_for_load_state("networkidle")
    assert sorted(page.evaluate(THEME_URLS)) == sorted(chinese)
    assert not [url for url in requested if "/en/assets/" in url]
    assert not [path for path in host.asked[asked:] if path.startswith("/en/assets/")]
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    from test_offline import search

    first = search(page, "complaint").first.locator("a").first.get_attribute("href")
    assert "matching documents" in page.locator(".md-search-result__meta").inner_text()
    assert page.evaluate("(href) => new URL(href, location.href).href", first).startswith(host.url + "en/")
