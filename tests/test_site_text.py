"""Every built page in its own language: other-language text marked with ``lang``, the
theme's chrome (footer, heading links, 404 pages) from the catalogue, Chinese punctuation
on Chinese pages, no raw Markdown table left in a page, and the home page's table."""

from __future__ import annotations

import functools
import http.server
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from calculator.loaders import read_catalogue
from sitegen.clauses import leaf_clauses
from sitegen.langmark import mark
from sitegen.rubrics import load_all

from pagelang import Finding, _Scanner, foreign_in, pages, scan

RUBRICS = load_all()
CATALOGUE = read_catalogue()
TREES = {"zh": "", "en": "en/"}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}


def _tree_pages(site: Path, lang: str) -> list[Path]:
    """The HTML pages of one language's tree (the English tree is ``en/``)."""
    everything = pages(site)
    english = [p for p in everything if p.relative_to(site).parts[0] == "en"]
    return english if lang == "en" else [p for p in everything if p not in english]


def _scan_html(html: str) -> list[Finding]:
    scanner = _Scanner("sample")
    scanner.feed(html)
    scanner.close()
    return scanner.findings


# -- the scanner itself: it must be able to fail -------------------------------------------

@pytest.mark.parametrize("html, found", [
    ('<html lang="zh-Hans"><p>Made with <a>Material for MkDocs</a></p></html>', ["Made", "with", "Material"]),
    ('<html lang="zh-Hans"><a title="Permanent link">¶</a></html>', ["Permanent", "link"]),
    ('<html lang="zh-Hans"><input placeholder="Search"></html>', ["Search"]),
    ('<html lang="en"><p>Chinese: 服务理念</p></html>', ["服务理念"]),
    ('<html lang="en"><p>Next level（≥ 70）</p></html>', ["（", "）"]),
    ('<html lang="en"><div lang="zh-Hans">Chinese: <span>服务</span></div></html>', ["Chinese"]),
])
def test_scanner_finds_unmarked_text_of_the_other_language(html: str, found: list[str]) -> None:
    """Latin words in Chinese text, Chinese in English text, in text or a spoken attribute, are findings."""
    words = [word for finding in _scan_html(html) for word in finding.foreign]
    for word in found:
        assert any(word in w for w in words), (word, words)


@pytest.mark.parametrize("html", [
    '<html lang="zh-Hans"><p>依据 GB/T 27922-2011 与 CTS Q/ZG025-2022，见 A.1.1 与 5.4.5.d 的 b) 项</p></html>',
    '<html lang="zh-Hans"><p>附录A、附录 B；下载 JSON、CSV；A4 纸；约 13.5 MB</p></html>',
    '<html lang="zh-Hans"><p>通过 <span lang="en">Pyodide</span> 运行 <code>python -m calculator</code></p></html>',
    '<html lang="zh-Hans"><script>const x = "English";</script><style>p{}</style><pre>any text</pre></html>',
    '<html lang="en"><p>the three guarantees (<span lang="zh-Hans">三包</span>)</p></html>',
    '<html lang="en"><p lang="zh-Hans">售后服务 <span lang="en">after-sales</span></p></html>',
])
def test_scanner_accepts_codes_marked_text_and_code(html: str) -> None:
    """Codes of the allow-list, text inside a matching lang, and script/style/code are not findings."""
    assert _scan_html(html) == []


def test_langmark_marks_runs_of_the_other_script_and_leaves_codes() -> None:
    """mark() wraps English inside Chinese and Chinese inside English, escapes, and leaves codes unmarked."""
    assert mark("客户管理 CRM 系统（见 5.5.3.a、附录 A）", "zh", "zh") == \
        '客户管理 <span lang="en">CRM</span> 系统（见 5.5.3.a、附录 A）'
    assert mark("the three guarantees (三包) <rule>", "en", "en") == \
        'the three guarantees (<span lang="zh-Hans">三包</span>) &lt;rule&gt;'
    assert mark("服务理念", "zh", "en") == '<span lang="zh-Hans">服务理念</span>'
    assert mark("评分规则格式（JSON Schema）", "zh", "zh") == '评分规则格式（<span lang="en">JSON Schema</span>）'
    assert mark("与命令行 `python -m calculator` 相同", "zh", "zh") == "与命令行 `python -m calculator` 相同"
    for code in ("GB/T 27922-2011", "CTS Q/ZG025-2022", "SB/T", "A.6.3", "5.1.3.2 b)", "JSON"):
        assert mark(f"见{code}。", "zh", "zh") == f"见{code}。" and not foreign_in(f"见{code}。", "zh-hans")


# -- the built site -------------------------------------------------------------------------

def test_every_page_marks_text_of_the_other_language(site: Path) -> None:
    """No built page (both trees, 404 pages included) holds text of the other language outside a matching lang."""
    scanned = pages(site)
    assert len(scanned) > 2 * (len([1 for r in RUBRICS.values() for _ in leaf_clauses(r.data)]) + 10)
    assert site / "404.html" in scanned and site / "en" / "404.html" in scanned
    findings = [str(f) for page in scanned for f in scan(page, str(page.relative_to(site)))]
    assert not findings, f"{len(findings)} unmarked texts:\n" + "\n".join(findings[:60])


class _Langs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.langs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html_lang = found.get("lang")
        for key in ("lang", "hreflang"):
            if found.get(key):
                self.langs.add(found[key])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_says_its_language_in_one_spelling(site: Path, lang: str) -> None:
    """<html lang> is zh-Hans on every Chinese page and en on every English one; no other lang value is used."""
    for page in _tree_pages(site, lang):
        parser = _Langs()
        parser.feed(page.read_text("utf-8"))
        assert parser.html_lang == HTML_LANG[lang], page
        assert parser.langs <= set(HTML_LANG.values()), (page, parser.langs)


HAN = "\u4e00-\u9fff"
# Half-width punctuation touching a Chinese character, or brackets around Chinese. An
# item's letter "a)" is the standards' own numbering and stays.
HALF_WIDTH = re.compile(rf"[{HAN}][,:;!?]|[,:;!?][{HAN}]|[{HAN}]\s?\(|(?<![a-z])\)\s?[{HAN}]|\([{HAN}][^)]*\)")


class _Punctuation(_Scanner):
    def handle_data(self, data: str) -> None:
        if not self._skipped() and self._lang().startswith("zh"):
            for match in HALF_WIDTH.finditer(data):
                self.findings.append(Finding(self.page, "text", self._lang(), data, (match.group(0),)))


def test_chinese_text_uses_full_width_punctuation(site: Path) -> None:
    """Chinese text never puts a half-width comma, colon, semicolon or bracket against a Chinese character."""
    probe = _Punctuation("sample")
    probe.feed('<html lang="zh-Hans"><p>还差 2 分 (暂定)</p></html>')
    assert probe.findings, "the check must catch a half-width bracket"
    findings = []
    for page in _tree_pages(site, "zh"):
        scanner = _Punctuation(str(page.relative_to(site)))
        scanner.feed(page.read_text("utf-8"))
        findings += [str(f) for f in scanner.findings]
    assert not findings, "\n".join(findings[:40])


class _Paragraphs(HTMLParser):
    """The text of every <p>, nested inline elements included."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "p":
            self.depth += 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.texts[-1] += data


def _raw_table_rows(html: str) -> list[str]:
    parser = _Paragraphs()
    parser.feed(html)
    return [line for text in parser.texts for line in text.splitlines() if line.strip().startswith("|")]


def test_no_page_shows_a_raw_markdown_table_row(site: Path) -> None:
    """No paragraph of any built page holds a line starting with '|' (a Markdown table that did not render)."""
    assert _raw_table_rows('<p>| <a href="x/">CTS</a> | 27 | 88 |</p>'), "the check must catch a raw row"
    broken = [f"{page.relative_to(site)}: {row.strip()[:100]}" for page in pages(site)
              for row in _raw_table_rows(page.read_text("utf-8"))]
    assert not broken, "\n".join(broken[:20])


class _Table(HTMLParser):
    """The first <table> after a heading: its header cells, body rows (cell texts) and links."""

    def __init__(self) -> None:
        super().__init__()
        self.in_table = self.done = False
        self.cell: str | None = None
        self.head: list[str] = []
        self.rows: list[list[str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.rows.append([])
        elif self.in_table and tag in ("td", "th"):
            self.cell = ""
        elif self.in_table and tag == "a" and self.cell is not None:
            self.links.append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.in_table and tag in ("td", "th") and self.cell is not None:
            (self.head if len(self.rows) == 1 else self.rows[-1]).append(self.cell.strip())
            self.cell = None
        elif tag == "table" and self.in_table:
            self.in_table, self.done = False, True

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell += data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_lists_the_standards_in_a_table(site: Path, lang: str) -> None:
    """The home page's table has one row per standard: code linking to its overview, title, number of
    clause pages and of scored items, date in force and issuer, as the rubrics give them."""
    table = _Table()
    table.feed((site / TREES[lang] / "index.html").read_text("utf-8"))
    rows = [row for row in table.rows if row]
    assert len(table.head) == 6
    assert len(rows) == len(RUBRICS) == 3
    for row, (_sid, loaded) in zip(rows, RUBRICS.items()):
        data = loaded.data
        clauses = sum(1 for _ in leaf_clauses(data))
        assert row == [data["code"], data["title"][lang], str(clauses), str(len(loaded.model.items)),
                       str(data["effective"]), data["issuer"][lang]]
    assert table.links == [f"{sid}/" for sid in RUBRICS]
    # CTS 6.2 a): every lettered clause of 5.1-5.6 scores 1 point, 88 points in all.
    assert rows[0][0] == "CTS Q/ZG025-2022" and rows[0][3] == "88"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footer_heading_links_and_title_come_from_the_catalogue(site: Path, lang: str) -> None:
    """Every page's footer is the catalogue's line, without the theme's generator notice; heading
    links are titled in the page's language; the <title> ends with the catalogue's site name."""
    footer = CATALOGUE.text("site.footer", lang)
    permalink = CATALOGUE.text("site.permalink", lang)
    name = CATALOGUE.text("site.site_name", lang)
    for page in _tree_pages(site, lang):
        html = page.read_text("utf-8")
        assert footer in html and "Made with" not in html and "squidfunk" not in html, page
        assert "Permanent link" not in html, page
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        assert title.endswith(name) and title.strip() != "", (page, title)
    for sid, loaded in RUBRICS.items():   # clause numbers repeat across standards: the title names its standard
        ref = next(leaf_clauses(loaded.data))
        html = (site / TREES[lang] / sid / ref.clause["id"] / "index.html").read_text("utf-8")
        assert f"<title>{loaded.data['code']} {ref.clause['id']} {ref.clause['title'][lang]} - {name}</title>" in html
    overview = (site / TREES[lang] / "cts-q-zg025-2022" / "index.html").read_text("utf-8")
    assert 'class="headerlink" href="#' in overview and f'title="{permalink}"' in overview


# -- the 404 pages, served the way a static host serves them ------------------------------------

class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves the site; a missing address gets the 404 page of its language tree, status 404."""

    def log_message(self, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        tree = "en/" if urlsplit(self.path).path.startswith("/en/") else ""
        body = (Path(self.directory) / tree / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def static_host(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str | None]] = []   # (tag, url, lang of the element)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("href", "src"):
            if found.get(key):
                self.refs.append((tag, found[key], found.get("hreflang")))


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("missing", ["no-such-page/", "cts-q-zg025-2022/9.9.9/", "a/b/c/d.html"])
def test_404_page_at_any_depth_has_working_links_in_its_language(static_host: str, lang: str, missing: str) -> None:
    """A missing address in either tree gets that language's 404 page (catalogue text), and every link,
    stylesheet and script on it resolves from that depth; its page links stay in its language."""
    url = urljoin(static_host, TREES[lang] + missing)
    status, html = _get(url)
    assert status == 404
    assert f'<html lang="{HTML_LANG[lang]}"' in html
    assert f"<h1>{CATALOGUE.text('site.not_found_title', lang)}</h1>" in html
    parser = _Refs()
    parser.feed(html)
    assert len(parser.refs) > 10
    own_tree = urljoin(static_host, TREES[lang])
    for tag, ref, hreflang in parser.refs:
        if ref.startswith("#"):
            continue
        target = urljoin(url, ref)
        assert _get(target)[0] == 200, (ref, target)
        if tag == "a" and hreflang is None and lang == "en":
            assert target.startswith(own_tree), ref
        if tag == "a" and hreflang is None and lang == "zh":
            assert not target.startswith(urljoin(static_host, "en/")), ref


# -- the crosswalk's wording ---------------------------------------------------------------------

class _Items(HTMLParser):
    """The text of every <li> (tags dropped) and the href of its first link."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[list[str]] = []   # [href, text]
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.depth += 1
            self.items.append(["", ""])
        elif tag == "a" and self.depth and not self.items[-1][0]:
            self.items[-1][0] = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.items[-1][1] += data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clause_pages_say_in_a_sentence_how_this_clause_relates(site: Path, lang: str) -> None:
    """Every crosswalk link on a clause page reads '<clause> <title>——<sentence about this clause>。<note>'
    (' — ' and '. ' in English), the sentence being the catalogue's for the link seen from this clause."""
    from sitegen.crosswalk import check_crosswalk

    crosswalk = check_crosswalk(RUBRICS)
    dash, stop = ("——", "。") if lang == "zh" else (" — ", ". ")
    checked = 0
    for sid, loaded in RUBRICS.items():
        titles = {f"{s}/{ref.clause['id']}": ref.clause["title"][lang] for s, r in RUBRICS.items()
                  for ref in leaf_clauses(r.data)}
        for ref in leaf_clauses(loaded.data):
            parser = _Items()
            parser.feed((site / TREES[lang] / sid / ref.clause["id"] / "index.html").read_text("utf-8"))
            lines = dict(parser.items)
            for link in crosswalk.of(sid, ref.clause["id"]):
                text = lines[f"../../{link.other_standard}/{link.other_clause}/"]
                sentence = CATALOGUE.text(f"link_sentence.{link.type}", lang)
                head = f"{link.other_clause} {titles[link.other_standard + '/' + link.other_clause]}"
                assert text.startswith(f"{head}{dash}{sentence}{stop.strip()}"), text
                if link.note:
                    assert text.rstrip().endswith(link.note[lang].rstrip()), text
                checked += 1
    assert checked == 2 * len(crosswalk.data["links"])


def test_crosswalk_uses_one_wording_for_each_link_type(site: Path) -> None:
    """The crosswalk's note, its legend and its table name the link types as the catalogue does (较宽, not 范围更宽)."""
    from sitegen.crosswalk import check_crosswalk

    note = check_crosswalk(RUBRICS).data["provenance_note"]["zh"]
    html = (site / "crosswalk" / "index.html").read_text("utf-8")
    table = _Table()
    table.feed(html)
    legend = [row[0] for row in table.rows if row]
    names = [CATALOGUE.text(f"link_type.{kind}", "zh") for kind in ("equivalent", "broader", "narrower", "related")]
    assert legend == names
    for name in names:
        assert f"{name}，指" in note, name
    cells = set(re.findall(r"<td>(等同|较宽|较窄|相关|范围更宽|范围更窄)</td>", html))
    assert cells == set(names)


class _HeaderCells(HTMLParser):
    """The text of every <th> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "th":
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "th":
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.cells[-1] += data


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_table_has_a_blank_column_heading(site: Path, lang: str) -> None:
    """Every column of every table on every page of a language has a heading a reader can see."""
    blank = []
    for path in _tree_pages(site, lang):
        parser = _HeaderCells()
        parser.feed(path.read_text("utf-8"))
        blank += [str(path.relative_to(site)) for cell in parser.cells if not cell.strip()]
    assert not blank, sorted(set(blank))
