"""The termbase (rubrics/terms.yaml): one term for one thing, in everything we publish."""

from __future__ import annotations

import copy
import json
import re

import jsonschema
import pytest

from calculator.loaders import read_file
from sitegen import terms
from sitegen.reference import glossary_linker
from sitegen.rubrics import load_all

RUBRICS = load_all()
DATA = read_file(terms.TERMS)
TERMBASE = terms.load()


def hits_in(data: dict, name: str = "x.yaml") -> list[tuple[str, str, str]]:
    """(path, rule, found) for every hit in an in-memory YAML document."""
    return [(h.at, h.rule, h.found) for h in terms.yaml_hits(TERMBASE, data, name)]


def test_schema_is_valid_and_the_termbase_passes_it() -> None:
    """rubrics/terms.schema.json is a valid schema and the shipped termbase loads without a problem."""
    jsonschema.Draft202012Validator.check_schema(json.loads(terms.SCHEMA.read_text(encoding="utf-8")))
    assert len(TERMBASE.rules) >= 20 and TERMBASE.mixing


def test_nothing_we_publish_uses_a_variant_to_avoid() -> None:
    """No rubric text, catalogue entry, page, template or README line holds a variant, and no allow entry is stale."""
    hits, stale = terms.scan()
    assert not hits, f"{len(hits)} variants found:\n" + "\n".join(map(str, hits[:40]))
    assert not stale, f"allow entries that excuse nothing: {stale}"


def test_the_scan_covers_every_kind_of_file_the_brief_names() -> None:
    """The scan reads the three standards, crosswalk, catalogue, profiles, examples, docs pages and templates."""
    names = {p.relative_to(terms.ROOT).as_posix() for p in terms.yaml_files() + terms.line_files()}
    for expected in ("rubrics/sb-t-10401-2006.yaml", "rubrics/gb-t-27922-2011.yaml", "rubrics/cts-q-zg025-2022.yaml",
                     "rubrics/crosswalk.yaml", "rubrics/strings.yaml", "docs/index.md", "docs/index.en.md",
                     "sitegen/templates/clause.md.j2", "rubrics/profiles/sb-t-10401-2006/sales.yaml",
                     "rubrics/examples/retailer.yaml"):
        assert expected in names


def test_a_variant_is_reported_with_file_path_rule_and_text() -> None:
    """A variant in our English names the file, the path inside it, the rule and the words found."""
    data = {"sections": [{"id": "A.1", "clauses": [{"id": "A.1.1", "title": {"zh": "服务理念", "en": "Service concept"}}]}]}
    hit = next(terms.yaml_hits(TERMBASE, data, "rubrics/x.yaml"))
    assert (hit.file, hit.at, hit.rule, hit.found) == (
        "rubrics/x.yaml", "sections[A.1].clauses[A.1.1].title.en", "service-philosophy", "Service concept")
    assert "service philosophy" in str(hit)


def test_original_chinese_is_exempt_but_our_english_is_not() -> None:
    """A standard's original Chinese may mix 顾客 and 客户; its English translation is still checked."""
    text = {"zh": "顾客投诉应记录，客户应得到答复。", "en": "Each commodity complaint is recorded."}
    original = {"text_provenance": {"zh": "original", "en": "translation"}, "scope": [text]}
    assert hits_in(original) == [("scope[0].en", "goods", "commodity")]
    ours = {"text_provenance": {"zh": "translation", "en": "translation"}, "scope": [text]}
    assert {rule for _, rule, _ in hits_in(ours)} == {"goods", "customer"}


def test_original_english_term_names_are_exempt() -> None:
    """The English a standard prints (CTS 3.10 "warranty time") is not corrected; the same words of ours are."""
    printed = {"text_provenance": {"zh": "original", "en": "translation"},
               "terms": [{"id": "3.10", "term": {"zh": "保修期（保修）", "en": "warranty time", "provenance": {"en": "original"}}}]}
    assert hits_in(printed) == []
    del printed["terms"][0]["term"]["provenance"]
    assert ("terms[3.10].term.en", "warranty-period", "warranty time") in hits_in(printed)


def test_guidance_is_ours_even_in_a_file_whose_chinese_is_original() -> None:
    """Guidance is always checked: the file default `zh: original` does not exempt it."""
    data = {"text_provenance": {"zh": "original", "en": "translation"},
            "sections": [{"id": "5.4", "guidance": {"intent": {"zh": "网点没有顾客等候区，客户只能站着等。", "en": "No waiting area."}}}]}
    assert [(at, rule) for at, rule, _ in hits_in(data)] == [("sections[5.4].guidance.intent.zh", "customer")]


@pytest.mark.parametrize("zh, mixed", [
    ("顾客来电报修，客户经理上门。", True),
    ("顾客来电报修。客户经理次日上门。", False),       # two sentences
    ("策略兼顾客户需求和服务成本。", False),           # 兼顾 + 客户, not 顾客
    ("评审员请客户回忆报修经过；客户说两天后才有人来。", False),
])
def test_customer_words_are_not_mixed_within_one_sentence(zh: str, mixed: bool) -> None:
    """Our Chinese uses one of 顾客/客户 per sentence; 兼顾客户 is not a use of 顾客."""
    found = [rule for rule, _, _ in TERMBASE.text_hits(zh, "zh") if rule == "customer"]
    assert bool(found) is mixed


@pytest.mark.parametrize("zh, en, rule", [
    ("明示的质保期符合规定。", "The stated guarantee period complies.", "quality-guarantee-period"),
    ("保修期内免费检测。", "Free testing within the free period.", "warranty-period"),
    ("包修期内全部免费。", "Entirely free within the warranty period.", "free-repair-period"),
    ("符合三包规定。", "Meets the sanbao rules.", "sanbao"),
    ("配备售后服务管理师。", "After-sales managers are appointed.", "after-sales-service-manager"),
    ("见附录A。", "See Appendix A.", "annex"),
])
def test_a_paired_term_must_keep_our_english(zh: str, en: str, rule: str) -> None:
    """Where the Chinese has a paired term, English without our rendering of it is a hit."""
    data = {"note": {"zh": zh, "en": en}}
    assert rule in {r for _, r, _ in hits_in(data)}


@pytest.mark.parametrize("en", [
    "The organisation recognised it.", "The service centre was authorised.", "A labeled center.",
    "Counted toward coverage.", "The sanbao (three guarantees) rules.", "The three-guarantees rules.",
])
def test_spelling_and_sanbao_conventions_are_enforced(en: str) -> None:
    """-ise spellings, American spellings and any sanbao form but "three guarantees (sanbao)" are hits."""
    assert list(TERMBASE.text_hits(en, "en"))


@pytest.mark.parametrize("en", [
    "The enterprise revised and supervised its advertising; the organization recognized it.",
    "The three guarantees (sanbao) rules apply within the warranty period.",
    "Guides on the website or mini-program; the quality guarantee period; a free-repair period.",
])
def test_preferred_forms_are_not_hits(en: str) -> None:
    """Words that are -ise in every spelling and our preferred forms pass."""
    assert list(TERMBASE.text_hits(en, "en")) == []


def test_a_page_line_is_reported_by_number() -> None:
    """In a hand-written page or template, a hit names the line."""
    page = "# 关于本站\n\n学习中的评价人员（售后服务管理师、审核员）\n"
    assert [(h.file, h.at, h.found) for h in terms.line_hits(TERMBASE, page, "docs/x.md")] == [("docs/x.md", "line 3", "审核员")]


def _broken(change) -> dict:
    data = copy.deepcopy(DATA)
    change(data)
    return data


@pytest.mark.parametrize("change, problem", [
    (lambda d: d["terms"].append(dict(d["terms"][0])), "duplicate id"),
    (lambda d: d["terms"][0].update(avoid={"en": ["/(unclosed/"]}), "bad regular expression"),
    (lambda d: d["terms"][0].update(avoid={"zh": [d["terms"][0]["preferred"]["zh"]]}), "matches a variant to avoid"),
    (lambda d: d["allow"].append({"file": "x", "at": "y", "rule": "no-such-rule", "reason": "a reason given"}),
     "no term, convention or mixing entry 'no-such-rule'"),
    (lambda d: d["terms"][0].pop("note"), "'note' is a required property"),
    (lambda d: d["terms"][0]["preferred"].pop("en"), "'en' is a required property"),
])
def test_a_malformed_termbase_is_refused_naming_the_entry(change, problem: str) -> None:
    """Duplicate ids, broken patterns, self-contradicting entries, unknown rules and missing fields are refused."""
    with pytest.raises(terms.TermbaseError, match=re.escape(problem)):
        terms.parse(_broken(change))


def test_every_defined_term_the_termbase_renders_exists() -> None:
    """Each `defines` reference names a term of that standard's rubric."""
    defined = {f"{sid}/{t['id']}" for sid, r in RUBRICS.items() for t in r.data.get("terms", [])}
    assert set(TERMBASE.renderings()) <= defined
    assert {"cts-q-zg025-2022/3.9", "cts-q-zg025-2022/3.10", "cts-q-zg025-2022/3.11"} <= set(TERMBASE.renderings())


@pytest.mark.parametrize("lang, text, anchors", [
    ("en", "Within the warranty period, the quality guarantee period and the free-repair period.", ["3.10", "3.9", "3.11"]),
    ("zh", "保修期内、质保期内和包修期内。", ["3.10", "3.9", "3.11"]),
])
def test_glossary_links_each_warranty_term_to_its_own_definition(lang: str, text: str, anchors: list[str]) -> None:
    """保修期, 质保期 and 包修期 (and our English for them) each link to their own CTS definition, never 3.9 for all."""
    link = glossary_linker(RUBRICS, "cts-q-zg025-2022", lang, "../../glossary/")
    found = re.findall(r'#term-cts-q-zg025-2022-([\d.]+)"', link(text))
    assert found == anchors


def test_every_term_is_used_in_both_languages() -> None:
    """Each term's preferred Chinese and English occur somewhere in the rubrics: the termbase holds no dead entry."""
    zh = "\n".join(t["zh"] for r in RUBRICS.values() for _, t in terms._texts(r.data))
    en = "\n".join(t["en"] for r in RUBRICS.values() for _, t in terms._texts(r.data)).lower()
    for rule in TERMBASE.rules:
        if rule.pair:
            assert rule.use["zh"] in zh, rule.id
            assert rule.use["en"].lower() in en, rule.id


def test_markdown_code_is_not_prose():
    """A variant inside Markdown code (inline, indented, fenced) is a name and not reported; in prose it is."""
    page = "run `aftersales score`\n\n    aftersales items x\n\n```\naftersales\n```\nthe aftersales team\n"
    hits = [(h.at, h.found) for h in terms.line_hits(TERMBASE, page, "README.md")]
    assert set(hits) == {("line 8", "aftersales")}
    assert {h.at for h in terms.line_hits(TERMBASE, "`aftersales`\n", "sitegen/templates/x.j2")} == {"line 1"}
