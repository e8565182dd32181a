"""Reading offline and new deployments, in Debian's chromium with real Pyodide: a returning
visitor gets a new deployment whole; pages once opened work without a network; the "save
for offline reading" control keeps the whole reference of its language and shows its size
first; nothing big is downloaded without the visitor asking."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, rate, shown

from sitefixtures import CHANGED_ITEM, CHANGED_WORDS, SUB_PATH, HostedSite

pytestmark = pytest.mark.browser

CONTROLLED = "navigator.serviceWorker.controller !== null"
KEPT = "document.body?.dataset.kept === 'calculator'"
SAVE = '[data-testid="save-offline"]'
SAVE_READY = f"document.querySelector('{SAVE}') && !document.querySelector('{SAVE}').disabled"
SAVED = "document.body?.dataset.offline === 'saved'"
# every copy the service worker keeps: [url, bytes]
COPIES = """async () => {
  const cache = await caches.open('aftersales-files');
  return Promise.all((await cache.keys()).map(async (k) => [k.url, (await (await cache.match(k)).arrayBuffer()).byteLength]));
}"""


def item_text(page: Any) -> str:
    """The Chinese text of the changed item as the clause page shows it."""
    return page.locator(f'[id="{CHANGED_ITEM[2]}"]').inner_text()


def kept_urls(page: Any, base: str) -> set[str]:
    """Site-relative URLs of every kept copy (the revision part of the key dropped)."""
    return {url.split("?", 1)[0][len(base):] for url, _ in page.evaluate(COPIES)}


def site_pages(site: Path, english: bool) -> set[str]:
    """The test's own list of a language's page URLs: every index.html of the build."""
    pages = set()
    for html in site.rglob("index.html"):
        path = html.relative_to(site).as_posix()[: -len("index.html")]
        if path.startswith("en/") == english:
            pages.add(path)
    return pages


def search(page: Any, word: str) -> Any:
    """Type ``word`` into the theme's search box; the result items once listed. The theme
    ignores typing that comes before its index is loaded, so a key press repeats it."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(word)
    items = page.locator(".md-search-result__item")
    for _ in range(30):
        if items.count():
            return items
        box.press("End")
        page.wait_for_timeout(1000)
    raise AssertionError(f"no search result for {word!r} on {page.url}")


def first_visit(page: Any, url: str) -> None:
    """Open a page in a fresh profile and wait until the service worker controls it."""
    page.goto(url)
    page.wait_for_function(CONTROLLED, timeout=60_000)


def test_a_new_deployment_reaches_a_returning_visitor_whole(page: Any, site: Path, second_build: Path,
                                                            static_host: Callable[..., HostedSite]) -> None:
    """After a deployment that changes one item's text, a returning visitor's next page shows the new
    text, even after first opening a page the deployment left unchanged (answered at once, from the
    old one), and so do the calculator's form and the search, though the old copies were kept; a
    page left open in another tab says the site was updated."""
    host = static_host(site, SUB_PATH)
    standard, clause, item = CHANGED_ITEM
    clause_url = f"{host.url}{standard}/{clause}/"
    first_visit(page, clause_url)
    old = item_text(page)
    assert CHANGED_WORDS not in old
    page.goto(host.url + "calculator/")
    page.wait_for_function(KEPT, timeout=120_000)
    assert f"{standard}/{clause}/" in kept_urls(page, host.url)
    assert f"assets/calc/data/{standard}.json" in kept_urls(page, host.url)

    other = page.context.new_page()
    other.goto(host.url + "glossary/")
    notice = other.locator("[data-offline-updated]")
    assert notice.is_hidden()

    host.serve(second_build)
    unchanged = "glossary/index.html"
    assert (site / unchanged).read_bytes() == (second_build / unchanged).read_bytes()
    page.goto(host.url + "glossary/")
    assert page.locator("h1").count() == 1
    page.goto(clause_url)
    page.wait_for_function(f"document.getElementById('{item}')?.innerText.includes('{CHANGED_WORDS}')",
                           timeout=30_000)
    new = item_text(page)
    assert new.replace(CHANGED_WORDS, "") == old
    notice.wait_for(state="visible", timeout=10_000)
    page.goto(host.url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    form = page.locator(f'section[data-standard="{standard}"]').inner_text()
    assert CHANGED_WORDS in form
    page.goto(clause_url)
    search(page, "第二次部署")
    assert f"{clause}" in page.locator(".md-search-result").inner_text()


def test_pages_opened_once_work_offline_and_others_lead_to_the_offline_page(
        page: Any, site: Path, static_host: Callable[..., HostedSite], tmp_path: Path) -> None:
    """With the network gone, the calculator and a clause page opened before still work (the CLI's
    score, the page's text); a page never opened leads to the offline page of its language."""
    host = static_host(site)
    first_visit(page, host.url + "cts-q-zg025-2022/5.3.1.2/")
    page.goto(host.url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    rate(page, "5.1.1.a", 0.6)
    rate(page, "5.3.3.c", "na")
    before = shown(page)
    page.wait_for_function(KEPT, timeout=120_000)

    host.stop()
    page.reload()
    after = shown(page)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 0.6, "5.3.3.c": "na"}}, tmp_path)
    assert after == before and after["score"] == expected["score_text"]
    page.goto(host.url + "cts-q-zg025-2022/5.3.1.2/")
    assert "5.3.1.2" in page.locator("h1").inner_text()
    for path, lang in (("glossary/", "zh"), ("en/gb-t-27922-2011/5.2.4/", "en")):
        page.goto(host.url + path)
        prefix = "en/" if lang == "en" else ""
        assert page.url.startswith(f"{host.url}{prefix}offline/?from=")
        assert page.locator("html").get_attribute("lang").split("-")[0] == lang
        retry = page.locator("[data-offline-retry]")
        assert retry.get_attribute("href") == host.url + path
        # styled: the theme's stylesheet was kept with the offline page
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"


def test_save_offline_shows_the_size_it_then_downloads_and_keeps_every_page_of_its_language(
        page: Any, site: Path, static_host: Callable[..., HostedSite]) -> None:
    """The control on the home page states a size in MB equal to what it then downloads, and keeps every
    Chinese page and the Chinese search index, and of the English pages only the offline and calculator ones."""
    host = static_host(site)
    first_visit(page, host.url)
    for _ in range(2):  # until the page's own files (kept as it loads them) are all kept
        page.wait_for_load_state("networkidle")
        page.reload()
    page.wait_for_function(SAVE_READY, timeout=60_000)
    page.wait_for_load_state("networkidle")
    label = page.locator(SAVE).inner_text()
    stated = re.search(r"约 ([0-9.]+) MB", label)
    assert stated, label
    before = dict(page.evaluate(COPIES))
    page.locator(SAVE).click()
    page.wait_for_function(SAVED, timeout=180_000)
    after = dict(page.evaluate(COPIES))
    downloaded = sum(size for url, size in after.items() if url not in before)
    assert stated.group(1) == f"{downloaded / 1e6:.1f}"
    kept = kept_urls(page, host.url)
    assert site_pages(site, english=False) <= kept
    assert "search/search_index.json" in kept and "pyodide/pyodide.asm.wasm" in kept
    english = {url for url in kept if url.startswith("en/") and url.endswith("/")}
    assert english == {"en/offline/", "en/calculator/", "en/study/"}  # the offline and calculator pages
    assert page.locator('[data-testid="offline-status"]').inner_text()
    page.reload()  # a later visit knows it is saved
    page.wait_for_function(SAVED, timeout=60_000)
    assert page.locator(SAVE).is_hidden()


def test_after_saving_pages_never_opened_work_offline(page: Any, site: Path,
                                                      static_host: Callable[..., HostedSite]) -> None:
    """After saving from the English calculator page and with the network gone, English pages never
    opened open, the practice page runs Python, and the search finds words."""
    host = static_host(site)
    first_visit(page, host.url + "en/calculator/")
    page.wait_for_function(SAVE_READY, timeout=120_000)
    page.locator(SAVE).click()
    page.wait_for_function(SAVED, timeout=180_000)
    host.stop()
    for path, heading in (("en/sb-t-10401-2006/B.6.3/", "B.6.3"), ("en/gb-t-27922-2011/", "GB/T 27922"),
                          ("en/glossary/", None), ("en/crosswalk/", None), ("en/compare/", None)):
        page.goto(host.url + path)
        assert page.url == host.url + path
        if heading:
            assert heading in page.locator("h1").inner_text()
    page.goto(host.url + "en/study/?seed=7")
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator(".study-question").count() == 10
    page.goto(host.url + "en/glossary/")
    assert search(page, "complaint").count() >= 3


def test_nothing_big_is_downloaded_without_asking(page: Any, site: Path,
                                                  static_host: Callable[..., HostedSite]) -> None:
    """Reading a clause page installs the service worker, which downloads the offline pages only:
    no Pyodide, no calculator file, no other page."""
    host = static_host(site)
    first_visit(page, host.url + "gb-t-27922-2011/5.2.4/")
    page.wait_for_load_state("networkidle")
    asked = set(host.asked)
    assert not [path for path in asked if path.startswith(("/pyodide/", "/assets/calc/"))], sorted(asked)
    pages = {path for path in asked if path.endswith("/")}
    assert pages == {"/gb-t-27922-2011/5.2.4/", "/offline/", "/en/offline/"}, sorted(pages)
