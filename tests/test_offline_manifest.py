"""The service worker's list (sw.js, written by sitegen/offline.py): every kept file carries
the revision of its own bytes, the groups hold what each is for, a change to one file changes
its revision and the version; the offline page; the way every page, 404 included, finds sw.js
when the site is published at the root or under a sub-path (SITE_URL)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

from sitegen.i18n import CATALOGUE

from sitefixtures import SUB_PATH, build_site


def listing(site: Path) -> tuple[str, list[list[Any]], dict[str, list[int]]]:
    """VERSION, FILES and GROUPS as written into sw.js."""
    text = (site / "sw.js").read_text("utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]+)";', text).group(1)
    files = json.loads(re.search(r"const FILES = (\[.*?\n\]);", text, re.S).group(1))
    groups = json.loads(re.search(r"const GROUPS = (\{.*?\});", text).group(1))
    return version, files, groups


def path_of(url: str) -> str:
    return url + "index.html" if url == "" or url.endswith("/") else url


def group_urls(site: Path) -> dict[str, set[str]]:
    _, files, groups = listing(site)
    return {name: {files[index][0] for index in members} for name, members in groups.items()}


def pages(site: Path, english: bool) -> set[str]:
    """The test's own list of a language's page URLs: every index.html of the build."""
    found = set()
    for html in site.rglob("index.html"):
        url = html.relative_to(site).as_posix()[: -len("index.html")]
        if url.startswith("en/") == english:
            found.add(url)
    return found


def test_every_listed_file_has_the_revision_and_size_of_its_bytes(site: Path) -> None:
    """Each entry's revision is the first 16 hex digits of the SHA-256 of the file's bytes and its size
    the file's length; URLs are relative to the site's root; no source map is listed."""
    _, files, _ = listing(site)
    assert len(files) > 200
    for url, rev, size in files:
        data = (site / path_of(url)).read_bytes()
        assert rev == hashlib.sha256(data).hexdigest()[:16], url
        assert size == len(data), url
        assert not url.startswith("/") and "://" not in url and not url.endswith(".map"), url


def test_groups_hold_what_each_is_for(site: Path) -> None:
    """shell: the offline pages and their styles, no Pyodide; calculator: the calculator and practice
    pages of both languages, Pyodide with the first score's standard library, the rubric data, the forms and the zip,
    not the files loaded on demand (the rest of the standard library, the XlsxWriter wheel); LANG: every page of that
    language, its search index, the calculator group and the files loaded on demand; the theme's files are listed
    once, at the root, for both languages."""
    groups = group_urls(site)
    assert set(groups) == {"shell", "calculator", "zh", "en"}
    shell_pages = {url for url in groups["shell"] if url == "" or url.endswith("/")}
    assert shell_pages == {"offline/", "en/offline/"}
    assert "assets/site.css" in groups["shell"] and "assets/javascripts/bundle" in " ".join(groups["shell"])
    assert not [url for members in groups.values() for url in members if url.startswith("en/assets/")]
    assert not [url for url in groups["shell"] if url.startswith(("pyodide/", "assets/calc/"))]
    shared = {"pyodide/pyodide.asm.wasm", "pyodide/stdlib-core.zip", "assets/calc/calculator.zip",
              "assets/calc/calculator-more.zip",               "assets/calc/worker.js", *(f"assets/calc/data/{p.name}" for p in (site / "assets/calc/data").glob("*.json")),
              *(f"assets/calc/form/{p.name}" for p in (site / "assets/calc/form").glob("*.json")), "assets/calc/calc.css"}
    calculator = groups["calculator"]
    assert shared <= calculator
    on_demand = {"pyodide/stdlib-rest.zip", *(f"pyodide/{p.name}" for p in (site / "pyodide").glob("*.whl"))}
    assert len(on_demand) == 2 and not on_demand & calculator
    assert {url for url in calculator if url.endswith("/")} == {"calculator/", "study/", "en/calculator/", "en/study/"}
    for lang, prefix in (("zh", ""), ("en", "en/")):
        reference = groups[lang]
        assert pages(site, english=lang == "en") <= reference
        assert f"{prefix}search/search_index.json" in reference and calculator <= reference
        assert on_demand <= reference
        other_pages = {url for url in reference - calculator
                       if url.endswith("/") and url.startswith("en/") != (lang == "en")}
        assert not other_pages, sorted(other_pages)[:5]
    assert "assets/javascripts/lunr/min/lunr.zh.min.js" in groups["zh"]


def test_a_changed_file_changes_its_revision_and_the_version_and_nothing_else(site: Path, tmp_path: Path) -> None:
    """Rewriting sw.js for an unchanged build gives the same text; changing one clause page changes that
    page's revision and the version, and no other entry."""
    from sitegen.offline import write_service_worker

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    write_service_worker(copy)
    assert (copy / "sw.js").read_text("utf-8") == (site / "sw.js").read_text("utf-8")
    page = copy / "cts-q-zg025-2022" / "5.5.2" / "index.html"
    page.write_text(page.read_text("utf-8").replace("投诉", "投訴", 1), "utf-8")
    write_service_worker(copy)
    before_version, before, _ = listing(site)
    after_version, after, _ = listing(copy)
    changed = [old[0] for old, new in zip(before, after, strict=True) if old != new]
    assert changed == ["cts-q-zg025-2022/5.5.2/"]
    assert after_version != before_version


def test_offline_page_in_both_languages_left_out_of_search(site: Path) -> None:
    """The offline page says, in its language, that the page is not kept, and the search never lists it."""
    for lang, prefix in (("zh", ""), ("en", "en/")):
        html = (site / prefix / "offline" / "index.html").read_text("utf-8")
        assert re.search(rf'<html lang="{lang}(-[A-Za-z]+)?"', html)  # zh, or a script subtag (zh-Hans)
        assert CATALOGUE.text("offline.page_heading", lang) in html
        assert "data-offline-retry" in html
        index = json.loads((site / prefix / "search" / "search_index.json").read_text("utf-8"))
        assert not [doc for doc in index["docs"] if doc["location"].startswith("offline/")]


def test_every_page_finds_sw_js_at_the_site_root(site: Path) -> None:
    """The page script's data-sw leads from every page to the one sw.js at the root; the 404 pages, served
    at any address, name it by its absolute path."""
    script = re.compile(r'<script src="([^"]*assets/offline\.js)" data-sw="([^"]+)"')
    for html in site.rglob("*.html"):
        found = script.search(html.read_text("utf-8"))
        assert found, html
        if html.name == "404.html":
            assert found.group(2) == "/sw.js", html
        else:
            assert (html.parent / found.group(2)).resolve() == (site / "sw.js").resolve(), html


def test_site_url_places_the_404_pages_and_the_sitemap_under_its_path(second_build: Path) -> None:
    """Built with SITE_URL=https://example.org/org/repo/, each 404 page loads the theme's files and ours from
    /org/repo/assets/ and links its pages under /org/repo/ (the English one under /org/repo/en/, but for its
    link to the Chinese home page), and the sitemap lists full addresses."""
    for prefix, other_home in (("", SUB_PATH + "en/"), ("en/", SUB_PATH)):
        html = (second_build / prefix / "404.html").read_text("utf-8")
        links = re.findall(r'(?:href|src)="(/[^"]*)"', html)
        assets = [link for link in links if "/assets/" in link]
        own = [link for link in links if link != other_home and link not in assets]
        assert assets and all(link.startswith(SUB_PATH + "assets/") for link in assets), assets[:10]
        assert own and all(link.startswith(SUB_PATH + prefix) for link in own), links[:10]
        assert other_home in links
        assert f'data-sw="{SUB_PATH}sw.js"' in html
    sitemap = (second_build / "sitemap.xml").read_text("utf-8")
    assert f"<loc>https://example.org{SUB_PATH}calculator/</loc>" in sitemap


def test_a_site_url_that_is_not_an_address_fails_the_build_naming_it(tmp_path: Path) -> None:
    """SITE_URL without a scheme and host stops the build with a message quoting it."""
    done = build_site(tmp_path / "out", site_url="org/repo/")
    assert done.returncode != 0
    assert "SITE_URL 'org/repo/' is not the address of a folder" in done.stdout + done.stderr
