"""The generated site: strict build, one page per clause in both languages, provenance
labels, working language switch, data files for the browser, broken rubrics fail."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from calculator.model import load_rubric
from sitegen.clauses import leaf_clauses
from sitegen.rubrics import load_all

from sitefixtures import REPO, build_site

RUBRICS = load_all()
CLAUSES = [(sid, ref.clause) for sid, r in RUBRICS.items() for ref in leaf_clauses(r.data)]


class _Links(HTMLParser):
    """Collects href/src attributes and the language-switch links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.switch: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("href", "src"):
            if found.get(key):
                self.links.append(found[key])
        if found.get("data-lang-switch"):
            self.switch[found["data-lang-switch"]] = found["href"]


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_build_is_strict_clean(built_site: tuple[Path, str]) -> None:
    """The strict build of both languages prints no warning at all."""
    _, log = built_site
    assert "WARNING" not in log, log


@pytest.mark.parametrize("lang_prefix", ["", "en/"])
def test_every_clause_has_a_page_in_both_languages(site: Path, lang_prefix: str) -> None:
    """Each clause that holds items has exactly one page per language, at a URL built from ids."""
    standard_dirs = {sid: site / lang_prefix / sid for sid in RUBRICS}
    for sid, clause in CLAUSES:
        page = standard_dirs[sid] / clause["id"] / "index.html"
        assert page.is_file(), page
    for sid, folder in standard_dirs.items():
        pages = sorted(p.parent.name for p in folder.glob("*/index.html"))
        assert pages == sorted(c["id"] for s, c in CLAUSES if s == sid)
        assert (folder / "index.html").is_file(), "overview page missing"
    # Counted from the standards: CTS 5.1.1 ... 5.6.3 (27), GB/T 27922 5.1.1 ... 5.3.2 (15),
    # SB/T 10401 A.1.1 ... A.8.3 (27) and B.1.1 ... B.8.2 (23)
    counts = {sid: sum(1 for s, _ in CLAUSES if s == sid) for sid in RUBRICS}
    assert counts == {"cts-q-zg025-2022": 27, "gb-t-27922-2011": 15, "sb-t-10401-2006": 50}


def test_clause_page_shows_every_item_with_points_and_provenance(site: Path) -> None:
    """A clause page carries each item's id, its Chinese original text and its provenance label."""
    sid, clause = next((s, c) for s, c in CLAUSES if c["id"] == "5.4.5")
    # glossary links (<a class="term-link">) may sit inside a text: compare without tags
    untag = lambda html: re.sub(r'<a class="term-link"[^>]*>([^<]*)</a>', r"\1", html)  # noqa: E731
    zh = untag((site / sid / "5.4.5" / "index.html").read_text(encoding="utf-8"))
    en = untag((site / "en" / sid / "5.4.5" / "index.html").read_text(encoding="utf-8"))
    for item in clause["items"]:
        assert f'id="{item["id"]}"' in zh and f'id="{item["id"]}"' in en
        assert item["text"]["zh"] in zh
        assert item["text"]["zh"] in en, "the English page shows the Chinese original too"
        assert item["text"]["en"].replace("'", "&#39;") in en or item["text"]["en"] in en
    assert zh.count("prov-original") >= len(clause["items"])
    assert en.count("prov-translation") >= len(clause["items"])
    assert "标准原文" in zh and "Our translation" in en and "Original wording" in en


@pytest.mark.parametrize("sid,clause_id", [("cts-q-zg025-2022", "5.1.1"), ("cts-q-zg025-2022", "5.3.1.2")])
def test_language_switch_keeps_the_reader_on_the_same_clause(site: Path, sid: str, clause_id: str) -> None:
    """The language links of a clause page resolve to the same clause in the other language."""
    zh_page = site / sid / clause_id / "index.html"
    en_page = site / "en" / sid / clause_id / "index.html"
    base_zh = f"http://x/{sid}/{clause_id}/"
    base_en = f"http://x/en/{sid}/{clause_id}/"
    assert urljoin(base_zh, _parse(zh_page).switch["en"]) == base_en
    assert urljoin(base_en, _parse(en_page).switch["zh"]) == base_zh
    assert '<html lang="zh-Hans"' in zh_page.read_text(encoding="utf-8")
    assert '<html lang="en"' in en_page.read_text(encoding="utf-8")


def test_internal_links_resolve(site: Path) -> None:
    """Every relative link and asset on every built page points at a file of the site."""
    broken = []
    for html in site.rglob("*.html"):
        for link in _parse(html).links:
            if re.match(r"^[a-z]+:", link) or link.startswith(("#", "//")):
                continue
            path = link.split("#")[0].split("?")[0]
            # 404 pages use root-absolute links (they are served at any depth)
            target = (site / path.lstrip("/") if path.startswith("/") else html.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {link}")
    assert not broken, broken[:20]


def test_no_page_refers_to_another_origin(site: Path) -> None:
    """No built page loads anything (script, stylesheet, font, icon, image) from another origin."""
    loads = re.compile(r"""<(?:script|img|iframe|source)[^>]+src=["'](?:https?:)?//|<link[^>]+href=["'](?:https?:)?//""")
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.html") if loads.search(p.read_text("utf-8"))]
    assert not offenders, offenders
    css = [str(p.relative_to(site)) for p in site.rglob("*.css")
           if re.search(r"""url\(\s*["']?(?:https?:)?//""", p.read_text("utf-8"))]
    assert not css, css


def _without_guidance(node: Any) -> Any:
    """The test's own removal of every ``guidance`` block, at any depth."""
    if isinstance(node, dict):
        return {key: _without_guidance(value) for key, value in node.items() if key != "guidance"}
    if isinstance(node, list):
        return [_without_guidance(value) for value in node]
    return node


def test_browser_data_matches_the_rubric(site: Path) -> None:
    """The rubric download is the checked YAML data, the calculator's copy is that minus guidance, and the two zips hold the package."""
    for sid, loaded in RUBRICS.items():
        assert json.loads((site / "data" / f"{sid}.json").read_text("utf-8")) == loaded.bundle()
        light = json.loads((site / "assets" / "calc" / "data" / f"{sid}.json").read_text("utf-8"))
        assert light == _without_guidance(loaded.bundle())
        assert load_rubric(light) == load_rubric(loaded.bundle()), sid
    names = [name for archive in ("calculator.zip", "calculator-more.zip")
             for name in zipfile.ZipFile(site / "assets" / "calc" / archive).namelist()]
    # each module once, as bytecode (.pyc) or as source
    assert sorted(name.removesuffix("c") for name in names) == sorted(f"calculator/{p.name}" for p in (REPO / "calculator").glob("*.py"))
    assert (site / "pyodide" / "pyodide.asm.wasm").stat().st_size > 1_000_000
    assert not (site / "en" / "assets" / "calc").exists(), "calculator assets are served once, from the root"


def test_calculator_forms_are_the_python_packages(site: Path) -> None:
    """Each standard's form (assets/calc/form/<id>.json) is calculator.form's model of the calculator's own
    rubric copy: what the worker would compute from the file it loads."""
    from calculator.form import form_model

    for sid in RUBRICS:
        light = json.loads((site / "assets" / "calc" / "data" / f"{sid}.json").read_text("utf-8"))
        shipped = json.loads((site / "assets" / "calc" / "form" / f"{sid}.json").read_text("utf-8"))
        shipped.pop("runs")  # the language runs the build adds (tests/test_form.py)
        assert shipped == form_model(light, load_rubric(light)), sid


def test_search_index_segments_chinese(site: Path) -> None:
    """The Chinese search index is segmented by jieba, so 投诉 is a word of its own."""
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    hits = [doc["location"] for doc in index["docs"] if "\u200b投诉\u200b" in doc["text"] or
            "\u200b投诉" in doc["text"]]
    assert any(loc.startswith("cts-q-zg025-2022/5.5.2/") for loc in hits), hits[:10]


def test_broken_rubric_fails_the_build(tmp_path: Path) -> None:
    """A rubric whose item has negative points fails the build, naming file, path and reason."""
    rubrics = tmp_path / "rubrics"
    shutil.copytree(REPO / "rubrics", rubrics)
    source = rubrics / "cts-q-zg025-2022.yaml"
    text = source.read_text("utf-8")
    cut = text.index("points: 1", text.index("id: 5.4.5.c"))
    source.write_text(text[:cut] + "points: -1" + text[cut + len("points: 1"):], "utf-8")
    done = build_site(tmp_path / "out", rubrics)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    assert "rubric check failed" in output and "cts-q-zg025-2022.yaml" in output, output[-2000:]
    assert "5.4.5.c" in output and "points" in output, output[-2000:]


# ---- reference pages: crosswalk, changes, glossary, comparison, downloads, search ----

from sitegen.crosswalk import CROSSWALK, check_crosswalk  # noqa: E402
from sitegen.rubrics import RubricCheckError  # noqa: E402


def test_crosswalk_links_resolve_and_cover_cts_and_gbt() -> None:
    """Every crosswalk link names real clauses, and every CTS and GB/T clause has a link."""
    crosswalk = check_crosswalk(RUBRICS)
    for sid in ("cts-q-zg025-2022", "gb-t-27922-2011"):
        unlinked = [c["id"] for s, c in CLAUSES if s == sid and not crosswalk.of(sid, c["id"])]
        assert not unlinked, (sid, unlinked)


def test_crosswalk_with_an_unknown_clause_is_refused(tmp_path: Path) -> None:
    """A link to a clause that does not exist fails the check, naming the link and the clause."""
    text = CROSSWALK.read_text("utf-8")
    broken = tmp_path / "crosswalk.yaml"
    first_to = re.search(r"to: (gb-t-27922-2011/[0-9.]+)", text).group(1)
    broken.write_text(text.replace(first_to, "gb-t-27922-2011/5.9.9", 1), "utf-8")
    with pytest.raises(RubricCheckError, match=r"links\[\d+\]\.to: gb-t-27922-2011 has no clause '5\.9\.9'"):
        check_crosswalk(RUBRICS, broken)


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("name", ["crosswalk", "changes", "glossary", "compare"])
def test_reference_pages_exist_in_both_languages(site: Path, prefix: str, name: str) -> None:
    """The crosswalk, edition-changes, glossary and comparison pages are built in both languages."""
    assert (site / prefix / name / "index.html").is_file()


def test_gbt_clause_pages_show_their_sbt_predecessor(site: Path) -> None:
    """Each GB/T clause page has a predecessor section naming SB/T clauses or saying it is new."""
    crosswalk = check_crosswalk(RUBRICS)
    for sid, clause in CLAUSES:
        if sid != "gb-t-27922-2011":
            continue
        html = (site / sid / clause["id"] / "index.html").read_text("utf-8")
        assert "SB/T 10401-2006 中的前身" in html
        older = [l for l in crosswalk.of(sid, clause["id"]) if l.other_standard == "sb-t-10401-2006"]
        for link in older:
            assert f'href="../../sb-t-10401-2006/{link.other_clause}/"' in html
        if not older:
            assert "没有对应条款" in html


def test_glossary_has_one_anchor_per_term_and_clause_pages_link_to_it(site: Path) -> None:
    """Every defined term has its own anchor, and a clause page links the first use of a term."""
    html = (site / "glossary" / "index.html").read_text("utf-8")
    for sid, loaded in RUBRICS.items():
        for term in loaded.data.get("terms", []):
            assert html.count(f'id="term-{sid}-{term["id"]}"') == 1
    page = (site / "cts-q-zg025-2022" / "5.4.5" / "index.html").read_text("utf-8")
    assert page.count('href="../../glossary/#term-cts-q-zg025-2022-3.10"') == 1  # 保修期, first use only


def test_english_pages_link_each_warranty_term_to_its_own_definition(site: Path) -> None:
    """In English, "warranty period" (保修期) links to CTS 3.10, "quality guarantee period" (质保期) to 3.9 and
    "free-repair period" (包修期) to 3.11: CTS prints "warranty period" for 3.9 and 3.11, our English does not."""
    def links(page: str) -> dict[str, str]:
        html = (site / "en" / page / "index.html").read_text("utf-8")
        found = re.findall(r'href="../../glossary/#term-cts-q-zg025-2022-([\d.]+)"[^>]*>([^<]+)</a>', html)
        return dict(found)

    assert links("cts-q-zg025-2022/5.4.5") == {"3.10": "warranty period", "3.11": "free-repair period"}
    assert links("cts-q-zg025-2022/5.4.4")["3.9"] == "quality guarantee period"
    assert links("gb-t-27922-2011/5.2.5") == {}, "GB/T pages link no CTS definition (only a page's own standard's)"
    glossary = (site / "en" / "glossary" / "index.html").read_text("utf-8")
    entry = glossary[glossary.index('id="term-cts-q-zg025-2022-3.9"'):glossary.index('id="term-cts-q-zg025-2022-3.10"')]
    assert "quality guarantee period" in entry  # our English term, next to the printed "warranty period"


def test_downloads_are_built_and_linked(site: Path) -> None:
    """Each overview links its rubric JSON, its clause CSV and the schemas, and the files exist."""
    import csv as csv_module
    for prefix, up in (("", "../"), ("en/", "../../")):
        for sid in RUBRICS:
            html = (site / prefix / sid / "index.html").read_text("utf-8")
            for name in (f"{sid}.json", f"{sid}-clauses.csv", "rubric.schema.json", "profile.schema.json"):
                assert f'href="{up}data/{name}"' in html
                assert (site / "data" / name).is_file()
    for sid, loaded in RUBRICS.items():
        rows = list(csv_module.DictReader((site / "data" / f"{sid}-clauses.csv").read_text("utf-8-sig").splitlines()))
        assert [r["item"] for r in rows] == list(loaded.model.items)


def _search(site: Path, lang_prefix: str, word: str) -> set[str]:
    """Pages whose search-index text contains ``word`` as a word (jieba-segmented for Chinese)."""
    index = json.loads((site / lang_prefix / "search" / "search_index.json").read_text("utf-8"))
    pattern = re.compile(rf"(^|[\s\u200b\W]){re.escape(word)}", re.IGNORECASE)
    return {doc["location"].split("#")[0] for doc in index["docs"] if pattern.search(doc["text"] + " " + doc["title"])}


@pytest.mark.parametrize("prefix,word", [("", "投诉"), ("en/", "complaint")])
def test_search_finds_complaint_clauses_of_all_three_standards(site: Path, prefix: str, word: str) -> None:
    """Searching 投诉 (or 'complaint') lists the complaint-handling clauses of the three standards."""
    hits = _search(site, prefix, word)
    for page in ("cts-q-zg025-2022/5.5.2/", "gb-t-27922-2011/5.3.2/", "sb-t-10401-2006/A.6.3/",
                 "sb-t-10401-2006/B.6.3/"):
        assert page in hits, (page, sorted(hits)[:20])


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_worksheet_lists_every_item_of_each_standard(site: Path, prefix: str) -> None:
    """Each standard's printable worksheet has a row for every scored item and the sign-off fields."""
    for sid, loaded in RUBRICS.items():
        html = (site / prefix / "worksheet" / sid / "index.html").read_text("utf-8")
        rows = re.findall(r'<tr>\s*<td class="ws-id">([^<]+)</td>', html)
        assert rows == list(loaded.model.items), sid
        assert html.count('class="ws-write"') == len(loaded.model.items)  # the space to write, once per item
        assert ("评价组长签字" if not prefix else "Lead assessor (signature)") in html


def test_worked_example_numbers_equal_the_cli(site: Path, tmp_path: Path) -> None:
    """Every score, level and star count on the worked-examples page is what the CLI prints for that file."""
    from conftest import assert_clean_result, run_cli

    for prefix, lang in (("", "zh"), ("en/", "en")):
        html = (site / prefix / "examples" / "index.html").read_text("utf-8")
        shown = re.findall(r'<span class="example-score" data-standard="([^"]+)">([0-9.]+)</span>', html)
        expected = []
        for path in sorted((REPO / "rubrics" / "examples").glob("*.yaml")):
            data = json.loads((site / "data" / "examples" / f"{path.stem}.json").read_text("utf-8"))
            target = tmp_path / f"{path.stem}.json"
            target.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
            done = run_cli("score", target)
            result = assert_clean_result(done)
            for one in result.get("results", [result]):
                expected.append((one["standard"], one["score_text"]))
                assert one["level_label"][lang] in html
            if "combined" in result and result["combined"]["passed"]:
                assert f"{result['combined']['stars']} ★" in html
        assert shown == expected
        assert len(expected) == 4  # GB/T + CTS, FMCG, retailer


def test_worked_examples_say_why_in_the_pages_language_with_two_decimals(site: Path) -> None:
    """The examples page words each reason and next-level line in its language and shows every number with two decimals."""
    from calculator.messages import render
    from calculator.scoring import score
    from sitegen.examples import examples

    from conftest import CATALOGUE

    rubrics = {sid: r.model for sid, r in RUBRICS.items()}
    reasons = 0
    for prefix, lang in (("", "zh"), ("en/", "en")):
        html = (site / prefix / "examples" / "index.html").read_text("utf-8")
        text = re.sub(r"<[^>]+>", "", html)
        stars = set()
        for example in examples():
            result = score(rubrics, example["assessment"])
            for one in result.get("results", [result]):
                stars.add(str(one["stars"]))
                assert render(one["next_message"], "result", lang, CATALOGUE) in text
                if one["reason"]:
                    worded = render(one["reason"], "result", lang, CATALOGUE)
                    assert worded in text
                    if lang == "zh":
                        assert re.search(r"[\u4e00-\u9fff]", worded) and not re.search(r"[A-Za-z]{2,}", worded), worded
                    reasons += 1
        # every number in the tables has exactly two decimals, but a count of stars
        cells = re.findall(r'<td[^>]*>([0-9][0-9.]*)(?: ⚠)?</td>', html)
        odd = [cell for cell in cells if not re.fullmatch(r"\d+\.\d\d", cell) and cell not in stars]
        assert len(cells) > 40 and not odd, odd
        recoverable = re.findall(r"可挽回 ([0-9.]+) 分" if lang == "zh" else r"([0-9.]+) points recoverable", text)
        assert len(recoverable) >= 10 and all(re.fullmatch(r"\d+\.\d\d", cell) for cell in recoverable), recoverable
        assert "stars" not in text if lang == "zh" else "星" not in text
    assert reasons >= 2
