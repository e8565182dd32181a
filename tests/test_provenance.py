"""Provenance that neither over- nor under-claims, sources named as documents, and the
text repairs of issue 10 -- checked in the repository's files and in the built site.

Expected values are typed in from the source documents themselves (the CTS Q/ZG025-2022
text, the OCR'd copy of GB/T 27922-2011, the SB/T 10401-2006 machine translation), never
read back from the rubric that is under test, except where a test compares two places
that must agree (the rubric and the page that shows it).
"""

from __future__ import annotations

import html as htmllib
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from calculator.loaders import read_file
from sitegen.clauses import leaf_clauses
from sitegen.crosswalk import check_crosswalk
from sitegen.rubrics import RubricCheckError, load_all
from sitegen.sources import load_sources

from sitefixtures import REPO

RUBRICS = load_all()
CTS, GBT, SBT = "cts-q-zg025-2022", "gb-t-27922-2011", "sb-t-10401-2006"
CJK = re.compile(r"[\u4e00-\u9fff]")

# Ways of citing a source by where a copy is stored instead of by its name. Written with
# character classes so that this file does not match itself.
FILE_CITATIONS = re.compile("|".join([
    r"shared[/\\]", r"\bseeds[/]", r"/work[/]", r"\bseed[ _-]?0\d\d", r"种子[文]件", r"来源\s*0\d\d",
    r"本站资料(?:说明|笔记)", r"standards[-]facts", r"research[ ]notes", r"\b(?:the|our)[ ]notes\b(?![ ]on\b)",
    r"\bsources?[ ]0\d\d\b",
]), re.IGNORECASE)
# In data, scripts and page sources the word itself is a citation of a stored copy (the
# practice page's random "seed" lives in calculator/study.py, docs/assets and the
# catalogue's study group -- its one entry `study.seed` -- not here).
SEED_WORD = re.compile(r"\bseeds?\b", re.IGNORECASE)
RANDOM_SEED_ENTRY = re.compile(r"^  seed: \{zh: 题组编号, en: Question set number\}$")
DATA_PLACES = ("rubrics/", "tests/vectors/", "scripts/", "sitegen/", "docs/index", "docs/about", "docs/calculator")


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    out = []
    for name in names:
        path = REPO / name
        if path.is_file() and not path.is_symlink() and path.suffix not in (".png", ".wasm", ".zip"):
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            out.append(path)
    return out


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _plain(html: str) -> str:
    """Page text without tags, entities decoded, provenance labels shown as [key]."""
    html = re.sub(r'<span class="prov prov-(\w+)"[^>]*>[^<]*</span>', r"[\1]", html)
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


# ---- sources named as documents -------------------------------------------------------

def test_no_tracked_file_cites_a_stored_copy_or_a_path_outside_the_repository() -> None:
    """No tracked file (data, code, comments, tests, docs) cites a source by a file path, a seed number or an internal note file."""
    offenders = []
    for path in _tracked_text_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FILE_CITATIONS.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:90]}")
    assert not offenders, "\n".join(offenders[:30])


def test_data_and_page_sources_never_call_a_source_a_seed() -> None:
    """Rubrics, vectors, scripts, the site generator and the hand-written pages never say "seed" for a source."""
    offenders = [f"{p.relative_to(REPO)}:{n}" for p in _tracked_text_files()
                 if p.relative_to(REPO).as_posix().startswith(DATA_PLACES)
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if SEED_WORD.search(line) and not RANDOM_SEED_ENTRY.match(line)]
    assert not offenders, offenders[:30]


def test_no_built_page_or_download_cites_a_stored_copy(site: Path) -> None:
    """No built page, rubric JSON or CSV download cites a source by file path, seed number or an internal note file."""
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv") and "pyodide" not in path.parts:
            text = path.read_text(encoding="utf-8")
            found = FILE_CITATIONS.search(_plain(text) if path.suffix == ".html" else text)
            if found:
                offenders.append(f"{path.relative_to(site)}: {found.group(0)}")
    assert not offenders, offenders[:30]


def test_the_sources_list_names_each_document_as_the_project_cites_it() -> None:
    """rubrics/sources.yaml lists each document with title, author and date in both languages, and does not guess Tenglian's Chinese name."""
    sources = load_sources()
    expected = {"cts-q-zg025-2022-text", "gbt-27922-2011-ocr-copy", "tenglian-gbt-27922-explainer",
                "hunan-five-star-case", "sbt-10401-2006-bzxz-translation", "public-copies-of-standards",
                "certification-body-pages"}
    assert set(sources.by_id) == expected
    for source in sources.by_id.values():
        for field in ("title", "author", "date", "form", "covers", "lacks"):
            assert source[field]["zh"].strip() and source[field]["en"].strip(), (source["id"], field)
    tenglian = sources.by_id["tenglian-gbt-27922-explainer"]
    assert "Shenzhen Tenglian Enterprise Management Consulting Co., Ltd." in tenglian["author"]["en"]
    # The Chinese side describes the firm and gives the one name the copy prints; no Chinese name is guessed.
    assert "Shenzhen Tenglian Enterprise Management Consulting Co., Ltd." in tenglian["author"]["zh"]
    assert "只有英文名称" in tenglian["author"]["zh"]
    assert not re.search("腾|滕|騰", tenglian["author"]["zh"] + tenglian["by"]["zh"]), "the consultancy's Chinese name is not in the source"
    assert "no additional points" in tenglian["lacks"]["en"], "the conflict with the special bonus is disclosed"
    assert "2022-10-10" in sources.by_id["cts-q-zg025-2022-text"]["date"]["en"]
    assert "2018-05-23" in sources.by_id["gbt-27922-2011-ocr-copy"]["date"]["en"]
    assert "2006-05-12" in sources.by_id["sbt-10401-2006-bzxz-translation"]["date"]["en"]
    assert "bzxz.net" in sources.by_id["sbt-10401-2006-bzxz-translation"]["author"]["en"]


def test_rubric_sources_refer_to_listed_documents_and_an_unknown_one_fails(tmp_path: Path) -> None:
    """Each rubric names its sources by listed id (no file paths); a rubric or profile naming an unknown document fails the check."""
    ids = set(load_sources().by_id)
    for sid, loaded in RUBRICS.items():
        assert loaded.data["sources"], sid
        for entry in loaded.data["sources"]:
            assert entry["id"] in ids and "file" not in entry, (sid, entry)
    copy = tmp_path / "rubrics"
    shutil.copytree(REPO / "rubrics", copy)
    rubric = copy / f"{CTS}.yaml"
    rubric.write_text(rubric.read_text("utf-8").replace("- id: cts-q-zg025-2022-text", "- id: some-web-page", 1), "utf-8")
    with pytest.raises(RubricCheckError, match=r"cts-q-zg025-2022\.yaml: sources\[some-web-page\]\.id: 'some-web-page' is not a document"):
        load_all(copy)
    shutil.copy(REPO / "rubrics" / f"{CTS}.yaml", rubric)
    profile = copy / "profiles" / GBT / "default.yaml"
    profile.write_text(profile.read_text("utf-8").replace("tenglian-gbt-27922-explainer", "a consultant"), "utf-8")
    with pytest.raises(RubricCheckError, match=r"items\.5\.1\.2\.2\.source: 'a consultant' is not a document"):
        load_all(copy)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_sources_page_lists_every_document_and_is_in_the_navigation(site: Path, prefix: str) -> None:
    """The sources page exists in both languages, has an anchor per document with its author and date, and the home page's navigation links it."""
    page = _page(site, prefix + "sources")
    lang = "en" if prefix else "zh"
    for source in load_sources().by_id.values():
        assert f'id="{source["id"]}"' in page, source["id"]
        text = _plain(page)
        assert htmllib.unescape(source["author"][lang]) in text and source["date"][lang] in text
    assert 'href="sources/"' in _page(site, prefix.rstrip("/") or "."), "the navigation links the sources page"


# ---- provenance that neither over- nor under-claims ------------------------------------

def _term_block(page: str, standard: str, term_id: str) -> str:
    start = page.index(f'id="term-{standard}-{term_id}"')
    return page[start:page.index("</div>", start)]


def test_glossary_labels_term_names_and_definitions_separately(site: Path) -> None:
    """On the English glossary a CTS term name is original but its definition is our translation; in Chinese both are original."""
    en, zh = _page(site, "en/glossary"), _page(site, "glossary")
    for number in range(1, 12):
        block = _term_block(en, CTS, f"3.{number}")
        definition = re.search(r'<p class="term-def">(.*?)</p>', block, re.S).group(1)
        assert "prov-translation" in definition and "prov-original" not in definition, number
        name_line = block.split('<p class="term-def">')[0]
        assert "prov-original" in name_line, number
        zh_definition = re.search(r'<p class="term-def">(.*?)</p>', _term_block(zh, CTS, f"3.{number}"), re.S).group(1)
        assert "prov-original" in zh_definition
    sbt = re.search(r'<p class="term-def">(.*?)</p>', _term_block(zh, SBT, "2.1"), re.S).group(1)
    assert "prov-translation" in sbt, "SB/T's Chinese definitions are our translation"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_worksheets_label_every_item_text(site: Path, prefix: str) -> None:
    """Every item row of every printable worksheet carries a provenance label, and GB/T 5.1.3.2's parts each carry their own."""
    for sid, loaded in RUBRICS.items():
        page = _page(site, f"{prefix}worksheet/{sid}")
        rows = re.findall(r'<tr>\s*<td class="ws-id">([^<]+)</td>\s*<td class="ws-req">(.*?)</td>', page)
        assert [r[0] for r in rows] == list(loaded.model.items)
        unlabelled = [item for item, cell in rows if 'class="prov prov-' not in cell]
        assert not unlabelled, (sid, unlabelled[:5])
    row = dict(re.findall(r'<tr>\s*<td class="ws-id">([^<]+)</td>\s*<td class="ws-req">(.*?)</td>', _page(site, f"{prefix}worksheet/{GBT}")))["5.1.3.2"]
    assert row.count('class="prov prov-') == 4, "lead-in and a), b), c) each labelled"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_compare_page_labels_every_text(site: Path, prefix: str) -> None:
    """Each text row of the comparison page carries a label per standard; the GB/T scope is labelled our summary."""
    page = _page(site, prefix + "compare")
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>(.*?)</tr>", page, re.S)
    labels = {"zh": ("标准名称", "发布机构", "状态", "范围", "分值来源", "计算公式", "删减", "合格判定"),
              "en": ("Title", "Issued by", "Status", "Scope", "Where the points come from", "Formula", "Exclusions",
                     "Pass rule")}["en" if prefix else "zh"]
    seen = {htmllib.unescape(re.sub(r"<[^>]+>", "", head)).strip(): cells for head, cells in rows}
    for name in labels:
        cells = re.findall(r"<td>(.*?)</td>", seen[name], re.S)
        assert len(cells) == 3 and all('class="prov prov-' in c for c in cells), name
    scope_gbt = re.findall(r"<td>(.*?)</td>", seen[labels[3]], re.S)[1]
    assert "prov-summary" in scope_gbt and "prov-original" not in scope_gbt


def test_cts_table_1_calculator_column_is_labelled_ours(site: Path) -> None:
    """In CTS Table 1 the descriptors carry the standard's label but the calculator's value column is labelled our summary."""
    for prefix, calc, kind in (("", "计算器取值", "prov-original"), ("en/", "Calculator uses", "prov-translation")):
        page = _page(site, prefix + CTS)
        head = re.search(rf"<thead>(?:(?!</thead>).)*{calc}(?:(?!</thead>).)*</thead>", page, re.S).group(0)
        cells = re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)
        assert "prov-summary" in cells[2] and "prov-original" not in cells[2]
        assert kind in cells[1]
        after = page[page.index(head):]
        after = after[after.index("</table>"):][:400]
        assert "prov-original" not in after.split("<h")[0], "no stray 'original' label under the table"


def test_gbt_headings_from_public_copies_are_labelled_reported(site: Path) -> None:
    """GB/T 5.1, 5.1.1, 5.1.2, 5.1.3 headings (absent from the OCR'd copy) are labelled reported wording, never original.

    5.1 is labelled where it is a heading of its own (the overview's structure table); a
    clause page labels its own heading, while the path above it carries no badges.
    """
    overview = _page(site, GBT)
    assert re.search(r'5\.1 售后服务体系</strong> <span class="prov prov-reported"', overview)
    for clause, heading in (("5.1.1", "组织架构"), ("5.1.2", "人员配置"), ("5.1.3", "资源配置")):
        meta = re.search(r'<p class="clause-meta">(.*?)</p>', _page(site, f"{GBT}/{clause}"), re.S).group(1)
        assert "prov-original" not in meta
        assert re.search(rf'{heading} <span class="prov prov-reported"', meta)
        meta_en = re.search(r'<p class="clause-meta">(.*?)</p>', _page(site, f"en/{GBT}/{clause}"), re.S).group(1)
        assert re.search(rf'<span lang="zh-Hans">{heading}</span>\) <span class="prov prov-reported"', meta_en)
    meta = re.search(r'<p class="clause-meta">(.*?)</p>', _page(site, f"{GBT}/5.1.4"), re.S).group(1)
    assert "prov-" not in meta.split("5.1.4")[1], "5.1.4 is in the OCR'd copy: no exception label"


def test_gbt_5_1_3_2_labels_each_part_by_its_source(site: Path) -> None:
    """GB/T 5.1.3.2: the lead-in and a) are our summary, b) and c) (in the OCR'd copy) are original, on both pages."""
    page = _page(site, f"{GBT}/5.1.3")
    block = page[page.index('id="5.1.3.2"'):page.index('id="5.1.3.3"')]
    for text, kind in (("建立内部保障机制", "summary"), ("持续的技术和业务技能培训", "summary"),
                       ("定期或不定期的服务文化的培训", "original"), ("有效的评优、奖励、晋升和员工关怀机制", "original")):
        assert re.search(rf'{text}[^<]*<span class="prov prov-{kind}"', block), text
    en = _page(site, f"en/{GBT}/5.1.3")
    zh_block = en[en.index('id="5.1.3.2"'):en.index('id="5.1.3.3"')]
    zh_block = zh_block[zh_block.index('class="original-text"'):]
    assert re.search(r'定期或不定期的服务文化的培训；[^<]*(?:</span>)?\s*<span class="prov prov-original"', zh_block)
    assert re.search(r'持续的技术和业务技能培训；[^<]*(?:</span>)?\s*<span class="prov prov-summary"', zh_block)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_gbt_scope_is_our_own_description_and_says_so(site: Path, prefix: str) -> None:
    """The GB/T scope shown on the overview is labelled our summary and says that chapter 1's wording is not available."""
    text = _plain(_page(site, prefix + GBT))
    scope = RUBRICS[GBT].data["scope"][0]["en" if prefix else "zh"]
    assert f"{scope} [summary]" in text
    assert ("第1章" in scope and "不可得" in scope) if not prefix else "chapter 1" in scope and "none of our sources" in scope


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_dabiao_two_stars_is_attributed_to_cts(site: Path, prefix: str) -> None:
    """The GB/T levels table marks 达标级's two stars and says that this is CTS Q/ZG025-2022 6.3's convention."""
    page = _page(site, prefix + GBT)
    assert re.search(r"<td[^>]*>2<sup>\*</sup></td>", page)
    note = _plain(re.search(r'<p class="stars-note" id="stars-note-dabiao">(.*?)</p>', page, re.S).group(1))
    assert "CTS Q/ZG025-2022 6.3" in note and "[summary]" in note


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_combined_rule_is_labelled_our_reading(site: Path, prefix: str) -> None:
    """The CTS overview and the calculator page say that the combined rating failing when either fails is our reading of 6.3 a)."""
    reading = RUBRICS[CTS].data["method"]["combination_reading"]["en" if prefix else "zh"]
    assert f"{reading} [summary]" in _plain(_page(site, prefix + CTS))
    calculator = _plain(_page(site, prefix + "calculator"))
    assert ("本站的解读" in calculator and "6.3 a)" in calculator) if not prefix else \
        "our reading" in calculator and "6.3 a)" in calculator


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_special_bonus_conflict_is_disclosed_where_the_bonus_is_described(site: Path, prefix: str) -> None:
    """The GB/T overview (6.2 and the special bonus) and the calculator page say that the Tenglian article reports no additional points."""
    words = "没有附加分" if not prefix else "no additional points"
    overview = _plain(_page(site, prefix + GBT))
    at = overview.index("特别加分项：" if not prefix else "Special bonus (特别加分项)")
    bonus = overview[at:]
    # Chinese names the firm in full at its first mention and refers back to it after that
    assert words in bonus[:600] and ("Tenglian" in bonus[:600] if prefix else "上述咨询公司的说明文章" in bonus[:600])
    assert "Shenzhen Tenglian" in overview[:at]
    six_two = overview[overview.index("6.2 "):]
    assert ("没有附加分" if not prefix else "no additional points") in six_two[:900]
    assert words in _plain(_page(site, prefix + "calculator"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_reported_weight_of_5_1_2_2_names_its_document(site: Path, prefix: str) -> None:
    """The 5-point weight of GB/T 5.1.2.2 names its document (author, title, date) and links it, on the clause page and the overview."""
    lang = "en" if prefix else "zh"
    source = load_sources().by_id["tenglian-gbt-27922-explainer"]
    page = _page(site, f"{prefix}{GBT}/5.1.2")
    foot = page[page.index('id="5.1.2.2"'):]
    foot = foot[foot.index('class="item-foot"'):][:1500]
    assert 'href="../../sources/#tenglian-gbt-27922-explainer"' in foot
    # a citation names the author as `by` gives it, the title as `cite_title` does, where they exist
    for field in (("by", "author"), ("cite_title", "title"), ("date",)):
        named = next(source[f] for f in field if f in source)
        assert named[lang] in _plain(foot), field
    overview = _page(site, prefix + GBT)
    assert overview.count('href="../sources/#tenglian-gbt-27922-explainer"') >= 2, "profile and sources list"


def test_sbt_is_not_claimed_to_be_still_cited(site: Path) -> None:
    """Neither the README nor any built page says SB/T 10401-2006 is still cited: no source says so."""
    claims = re.compile(r"still cited|仍被引用|仍被一些认证方案引用", re.IGNORECASE)
    assert not claims.search((REPO / "README.md").read_text("utf-8"))
    offenders = [str(p.relative_to(site)) for p in site.rglob("*.html") if claims.search(p.read_text("utf-8"))]
    assert not offenders, offenders[:10]


def test_english_pages_label_the_chinese_text_they_show(site: Path) -> None:
    """Every Chinese block under an English item carries a label; SB/T's is our translation, never original; the home page no longer calls it 'the Chinese original'."""
    for sid, loaded in RUBRICS.items():
        for ref in leaf_clauses(loaded.data):
            page = _page(site, f"en/{sid}/{ref.clause['id']}")
            blocks = re.findall(r'<div class="original-text"[^>]*>(.*?)</div>', page, re.S)
            assert len(blocks) == len(ref.clause["items"]), (sid, ref.clause["id"])
            assert all('class="prov prov-' in b for b in blocks), (sid, ref.clause["id"])
            if sid == SBT:
                assert not any("prov-original" in b for b in blocks), ref.clause["id"]
    home = _plain(_page(site, "en"))
    assert "The Chinese original is shown under each English text" not in home
    assert "our translation for SB/T 10401-2006" in home


def test_term_links_lead_to_the_pages_own_standard(site: Path) -> None:
    """A clause page links terms only to its own standard's definitions (no SB/T 产品 on CTS pages, none on GB/T pages)."""
    for prefix in ("", "en/"):
        for sid, loaded in RUBRICS.items():
            for ref in leaf_clauses(loaded.data):
                links = re.findall(r'class="term-link" href="[^"#]*#term-([a-z0-9-]+?)-(?:[0-9.]+)"',
                                   _page(site, f"{prefix}{sid}/{ref.clause['id']}"))
                assert set(links) <= {sid}, (prefix, sid, ref.clause["id"], set(links))
    assert "#term-" not in _page(site, f"{GBT}/5.3.2"), "GB/T's own definitions are not available"


def _guidance_texts() -> list[tuple[str, str, str]]:
    out = []
    for sid, loaded in RUBRICS.items():
        for ref in leaf_clauses(loaded.data):
            g = ref.clause.get("guidance") or {}
            entries = [g["intent"]] if "intent" in g else []
            for key in ("evidence", "gaps", "calculation"):
                entries += g.get(key, [])
            entries += list((g.get("bands") or {}).values())
            out += [(sid, ref.clause["id"], e[lang]) for e in entries for lang in ("zh", "en")]
    return out


def test_guidance_resting_on_the_one_reported_case_says_so() -> None:
    """Guidance that uses the Hunan five-star case names the article and says it is one case."""
    marks = re.compile(r"湖南|医疗净化|Hunan|medical purification")
    cases = [(s, c, t) for s, c, t in _guidance_texts() if marks.search(t)]
    assert len(cases) >= 6
    for sid, clause, text in cases:
        assert "five-star" in text, (sid, clause, text[:60])
        assert re.search(r"一个案例|唯一的案例|仅此一例|one case|single case|only case", text), (sid, clause, text[:60])


@pytest.mark.parametrize("standard, clause, phrase, advice", [
    (SBT, "A.6.3", "重复投诉只计一次", "建议"),
    (SBT, "A.6.3", "repeat complaints by the same customer", "suggest"),
    (SBT, "B.6.3", "计为“已解决”", "建议"),
    (SBT, "B.6.3", "counting it only when", "suggest"),
])
def test_practice_advice_is_worded_as_advice(standard: str, clause: str, phrase: str, advice: str) -> None:
    """Counting rules that no standard states (repeat complaints once, referred complaints) are worded as our suggestion."""
    texts = [t for s, c, t in _guidance_texts() if s == standard and c == clause and phrase in t]
    assert texts and all(advice in t for t in texts), (clause, phrase)


# ---- text repairs ----------------------------------------------------------------------

def _item(standard: str, item_id: str) -> dict:
    for ref in leaf_clauses(RUBRICS[standard].data):
        for item in ref.clause["items"]:
            if item["id"] == item_id:
                return item
    raise KeyError(item_id)


def test_sbt_a_5_1_4_names_all_three_repair_modes(site: Path) -> None:
    """SB/T A.5.1.4 keeps the three modes of the translation ("repair, delivery or on-site repair") as 报修、送修、上门维修, and the page says where it was repaired."""
    item = _item(SBT, "A.5.1.4")
    assert "报修、送修、上门维修" in item["text"]["zh"]
    assert "repair requests" in item["text"]["en"] and "on-site" in item["text"]["en"]
    page = _plain(_page(site, f"{SBT}/A.5.1"))
    assert "报修、送修、上门维修服务程序" in page and "repair, delivery or on-site repair" in page


def test_sbt_a_3_2_2_has_one_reading_everywhere(site: Path) -> None:
    """SB/T A.3.2.2 reads "more than 70%" in the text, the quantitative block, guidance, crosswalk and the calculator's data, and the page explains 以上."""
    item = _item(SBT, "A.3.2.2")
    assert "超过70%" in item["text"]["zh"] and "more than 70%" in item["text"]["en"]
    assert (item["quantitative"]["comparator"], item["quantitative"]["threshold"]) == (">", 70)
    everywhere = (REPO / "rubrics" / f"{SBT}.yaml").read_text("utf-8") + (REPO / "rubrics" / "crosswalk.yaml").read_text("utf-8")
    assert "70%以上的" not in everywhere and "70%以上。" not in everywhere and "70%以上，" not in everywhere
    assert not re.search(r"at least 70% of (its|the) (product )?sales", everywhere)
    import json
    calc = json.loads((site / "assets" / "calc" / "data" / f"{SBT}.json").read_text("utf-8"))
    shipped = json.dumps(calc, ensure_ascii=False)
    assert '"comparator": ">"' in shipped or '"comparator":">"' in shipped
    page = _plain(_page(site, f"{SBT}/A.3.2"))
    assert "以上" in page and "民法典" in page and "> 70%" in page


@pytest.mark.parametrize("prefix, note", [("", "〔疑为“做”〕"), ("en/", '\\[probably <span lang="zh-Hans">做</span>\\]')])
def test_gbt_5_1_7_3_ocr_error_is_kept_and_marked(site: Path, prefix: str, note: str) -> None:
    """GB/T 5.1.7.3 keeps the OCR'd copy's 徽 as printed and marks it inline with the likely reading 做, on both pages."""
    assert "向社会公众徽服务文化" in _item(GBT, "5.1.7.3")["text"]["zh"], "the source's text is kept"
    page = _page(site, f"{prefix}{GBT}/5.1.7")
    assert re.search(r'公众<mark class="sic"[^>]*>徽</mark><span class="sic-note"[^>]*>' + note + "</span>服务文化", page)


def test_cts_foreword_chapter_leads_and_6_2_a_are_shown_as_original(site: Path) -> None:
    """The CTS overview shows the 前言, the lead-ins of chapters 2 and 3 and 6.2 a) as original wording, and notes the two titles and GB/T 19011."""
    text = _plain(_page(site, CTS))
    for wording in ("本标准按照GB/T 1.1—2009给出的规则起草。", "本标准由中赣国际认证有限公司制定。", "本标准主要起草人：许小会。",
                    "下列文件对于本文件的应用是必不可少的。本文件所引用文件不标注日期或版本号，以现行有效版本为准。",
                    "下列术语和定义适用于本文件。", "本标准5.1-5.6每个条款占1分，满分为88分，评分方法见表1。"):
        assert re.search(re.escape(wording) + r"\s*\[original\]", text), wording
    notes = text[text.index("关于文本"):][:400]
    assert "售后服务完善程度认证评价准则" in notes and "售后服务完善程度评价准则" in notes and "GB/T 19011" in notes


def test_resolution_rate_and_satisfaction_scale_are_the_same_on_every_page() -> None:
    """Every guidance formula of the complaint resolution rate divides by all complaints received, and every satisfaction scale is 100/80/60/40/20."""
    formulas = [(s, c, t) for s, c, t in _guidance_texts() if re.search(r"(?<!咨询一次)解决率 = |(?<![Ff]irst-contact )[Rr]esolution rate = ", t)]
    assert {s for s, _, _ in formulas} == {CTS, GBT, SBT}
    for sid, clause, text in formulas:
        assert "已结案投诉数" not in text and "complaints closed ×" not in text, (sid, clause)
        assert re.search(r"受理的(?:全部)?投诉|受理的投诉总数|complaints received|all complaints", text), (sid, clause)
    scales = [(s, c, t) for s, c, t in _guidance_texts() if re.search(r"不满意 ?\d|dissatisfied (?:=|) ?\d", t)]
    assert {s for s, _, _ in scales} >= {CTS, GBT}
    for sid, clause, text in scales:
        assert re.search(r"非常不满意 ?20|very dissatisfied (?:= )?20", text), (sid, clause, text[:80])


def test_edition_changes_tell_one_story(site: Path) -> None:
    """What the changes page lists without a successor is never shown as a predecessor there or on a GB/T page, and the SB/T page says so."""
    crosswalk = check_crosswalk(RUBRICS)
    gone = crosswalk.no_successor()
    assert {"A.1.3", "A.1.4", "A.7.2.3", "A.8.2"} <= set(gone)
    page = _page(site, "changes")
    heading = re.search(r"<h2[^>]*>[^<]*没有直接后继的指标和条件", page).start()
    table, tail = page[:heading], page[heading:]
    assert "<table>" in table and "<table>" not in tail
    for old_id in gone:
        assert f">{old_id}" in tail, old_id
        for cell in re.findall(r"<td>(.*?)</td>", table, re.S):
            for match in re.finditer(rf'>{re.escape(old_id)} [^<]*</a> \(([^)]*)\)', cell):
                assert match.group(1) == "仅相关，无直接后继", (old_id, match.group(1))
    summary = " ".join(p["zh"] + p["en"] for p in crosswalk.data["editions"]["summary"])
    assert all(old_id in summary for old_id in gone)
    assert "每个指标在 GB/T 27922-2011 中都有对应条款" not in page
    for clause in ("5.1.5", "5.1.6", "5.1.7"):
        section = _page(site, f"{GBT}/{clause}").split("SB/T 10401-2006 中的前身")[1].split("<h2")[0]
        listed = section.split("以下 SB/T 10401-2006 条款与本条款相关")[0]
        assert not any(f'/{old_id}/"' in listed for old_id in gone if "." in old_id), clause
    a13 = _plain(_page(site, f"{SBT}/A.1.3"))
    assert "GB/T 27922-2011 中没有直接后继" in a13


def test_other_appendix_is_not_applicable_and_table_a2_items_are_not_scored(site: Path) -> None:
    """SB/T items of the other appendix read "not applicable" for that kind of enterprise; A.4/A.5/A.7 read "not scored" under Table A.2."""
    a32 = _plain(_page(site, f"{SBT}/A.3.2"))
    assert "销售服务型企业（表 B.1 分值未知，暂定）：不适用（附录A只适用于生产型企业）" in a32
    b13 = _plain(_page(site, f"en/{SBT}/B.1.3"))
    assert "(Table A.1): not applicable (Annex B applies to sales service-oriented enterprises only)" in b13
    a41 = _plain(_page(site, f"{SBT}/A.4.1"))
    assert "生产型企业·快速消费品（表 A.2）：本表不计分" in a41 and "表 A.2）：不适用" not in a41
    assert "本表不计分" not in a32 and "不计分" not in b13


# ---- the native-reader reviews of the built site -----------------------------------------

def _section_of(html: str, heading_id: str) -> str:
    """The HTML from the ``<h2 id=heading_id>`` to the next ``<h2``."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start + 1)
    return html[start:end if end != -1 else len(html)]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_sources_page_shows_no_internal_ids_and_no_badges_on_fields(site: Path, prefix: str) -> None:
    """The sources page keeps each document's anchor but shows no internal id and labels no field (author, date ...) with a badge."""
    html = _page(site, f"{prefix}sources")
    for sid in load_sources().by_id:
        assert f'id="{sid}"' in html, sid
        assert f"<code>{sid}</code>" not in html and f">{sid}<" not in html, sid
    fields = re.findall(r"<li><strong>[^<]*</strong>.*?</li>", html, re.S)
    assert len(fields) >= 6 * len(load_sources().by_id)
    assert not [f for f in fields if 'class="prov ' in f], "a field of a source carries a provenance badge"
    zh = _plain(_page(site, "sources"))
    assert "深圳一家企业管理咨询公司（所见副本只有英文名称：Shenzhen Tenglian" in zh


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("standard", [CTS, GBT, SBT])
def test_overview_cites_each_source_as_title_author_date(site: Path, prefix: str, standard: str) -> None:
    """Each entry of an overview's "Sources and gaps" reads title — author — date — what we took, in that order."""
    sources = load_sources()
    lang = "en" if prefix else "zh"
    html = _page(site, f"{prefix}{standard}")
    part = _plain(_section_of(html, "sources-and-gaps" if lang == "en" else "来源与缺口"))
    entries = list(RUBRICS[standard].data["sources"])
    assert entries
    for entry in entries:
        source = sources.by_id[entry["id"]]
        title = (source.get("cite_title") or source["title"])[lang]
        author = (source.get("by") or source["author"])[lang]
        line = next(l for l in part.splitlines() if title in l)
        assert line.index(title) < line.index(" — " + author + " — ") < line.index(source["date"][lang]), line


def test_hunan_article_is_named_in_chinese_in_chinese_running_text(site: Path) -> None:
    """Chinese pages name the Hunan case article by a Chinese description; its English title appears only on the sources page."""
    title = 'What do the "five-star"'
    for page in ("gb-t-27922-2011", "examples", "about"):
        assert title not in _plain(_page(site, page)).replace("“", '"').replace("”", '"'), page
    assert title in _plain(_page(site, "sources"))


@pytest.mark.parametrize("prefix, expected", [("", "中文文本：本站概述（原文不可得）"), ("en/", "Chinese text: Our summary (the original is not available)")])
@pytest.mark.parametrize("clause", ["5.1.1", "5.1.2"])
def test_clause_footer_follows_the_provenance_of_its_items(site: Path, prefix: str, expected: str, clause: str) -> None:
    """GB/T 5.1.1 and 5.1.2, whose Chinese items are all our summary, say so in the footer rather than the file's default (original)."""
    assert all(item["text"]["provenance"]["zh"] == "summary" for ref in leaf_clauses(RUBRICS[GBT].data)
               if ref.clause["id"] == clause for item in ref.clause["items"])
    page = _plain(_page(site, f"{prefix}{GBT}/{clause}"))
    assert expected in page
    assert "中文文本：标准原文" not in page and "Chinese text: Original wording" not in page


def test_breadcrumb_carries_no_provenance_badge(site: Path) -> None:
    """The path above a clause (standard › section › parent) shows titles only, no provenance badges."""
    html = _page(site, f"{GBT}/5.1.1")
    crumbs = re.search(r'<p class="clause-meta">(.*?)</p>', html, re.S).group(1)
    before_last = crumbs.rsplit("›", 1)[0]
    assert "5.1 售后服务体系" in before_last and 'class="prov ' not in before_last


def test_huachuan_five_stars_is_shown_beside_the_result_without_the_disputed_bonus(site: Path) -> None:
    """Where a rating rests on the special bonus, the examples page gives the score, level and combined rating the calculator computes without it."""
    import copy

    from calculator.scoring import score
    example = read_file(REPO / "rubrics" / "examples" / "durable-manufacturer.yaml")
    models = {sid: r.model for sid, r in RUBRICS.items()}
    assessment = copy.deepcopy(example["assessment"])
    gbt = next(a for a in assessment["assessments"] if a["standard"] == GBT)
    assert gbt["special_bonus"] == 1
    gbt["special_bonus"] = 0
    without = score(models, assessment)
    plain_gbt = next(r for r in without["results"] if r["standard"] == GBT)
    with_bonus = next(r for r in score(models, example["assessment"])["results"] if r["standard"] == GBT)
    assert with_bonus["stars"] == 5 and plain_gbt["stars"] == 4   # 95.85 - 1 = 94.85 < 95 (6.3)
    page = _plain(_page(site, "examples"))
    assert f"不计特别加分时，GB/T 27922-2011 得分为 {plain_gbt['score_text']}，评为{plain_gbt['level_label']['zh']}" in page
    assert f"= {without['combined']['stars']} 星" in page
    english = _plain(_page(site, "en/examples"))
    assert f"Without the special bonus, the GB/T 27922-2011 score is {plain_gbt['score_text']}" in english
    assert "python -m calculator" not in page + english


@pytest.mark.parametrize("prefix, words", [("", "括号中的关系指本行 GB/T 27922-2011 条款相对于该 SB/T 10401-2006 条款"),
                                           ("en/", "The relation in brackets is that of the row's GB/T 27922-2011 clause")])
def test_changes_page_says_whose_scope_a_relation_describes(site: Path, prefix: str, words: str) -> None:
    """The edition-changes table says that its bracketed relation is the GB/T clause's, seen against the SB/T one."""
    assert words in _plain(_page(site, f"{prefix}changes"))


def test_texts_use_the_reviewed_wording() -> None:
    """No changelog note, no 'appraisal system', SB/T pages say 客户 not 顾客 outside GB/T names, and zh numbers carry no thousands commas."""
    sbt = (REPO / "rubrics" / f"{SBT}.yaml").read_text("utf-8")
    assert "本站此前的译文" not in sbt and "An earlier version of our translation" not in sbt
    assert "appraisal system" not in sbt
    chinese = [line for line in sbt.splitlines() if re.match(r"\s*(- )?zh:", line)]
    assert not [line for line in chinese if re.search(r"(?<!5\.3 )(?<!5\.3\.1 )顾客", line)]
    for name in (CTS, GBT, SBT):
        text = (REPO / "rubrics" / f"{name}.yaml").read_text("utf-8")
        zh_lines = [line for line in text.splitlines() if re.match(r"\s*(- )?zh:", line)]
        assert not [line for line in zh_lines if re.search(r"\d,\d{3}", line)], name
