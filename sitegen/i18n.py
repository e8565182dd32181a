"""The site's two languages and every label that generated pages print.

Chinese is the default language, served at the site root; English is served under
``en/``. A label missing in either language is a KeyError at build time, never a
half-translated page.
"""

from __future__ import annotations

from typing import Any, Mapping

LANGS = ("zh", "en")
DEFAULT = "zh"
NAMES = {"zh": "中文", "en": "English"}
PREFIX = {"zh": "", "en": "en/"}

PROVENANCE = {
    "original": {"zh": "标准原文", "en": "Original wording"},
    "translation": {"zh": "本站翻译", "en": "Our translation"},
    "summary": {"zh": "本站概述", "en": "Our summary"},
}
POINTS_PROVENANCE = {
    "official": {"zh": "官方分值", "en": "official points"},
    "reported": {"zh": "转述分值", "en": "reported points"},
    "provisional": {"zh": "暂定分值", "en": "provisional points"},
}
KIND = {
    "national-standard": {"zh": "国家标准", "en": "National standard"},
    "industry-standard": {"zh": "行业标准", "en": "Industry standard"},
    "certification-criteria": {"zh": "认证机构评价准则", "en": "Certification body's criteria"},
}

LINK_TYPES = {
    "equivalent": {"zh": "等同", "en": "equivalent"},
    "broader": {"zh": "范围更宽", "en": "broader"},
    "narrower": {"zh": "范围更窄", "en": "narrower"},
    "related": {"zh": "相关", "en": "related"},
}

LABELS: Mapping[str, Mapping[str, str]] = {
    "home": {"zh": "首页", "en": "Home"},
    "overview": {"zh": "概览", "en": "Overview"},
    "calculator": {"zh": "计算器", "en": "Calculator"},
    "about": {"zh": "关于本站", "en": "About"},
    "study": {"zh": "评价人员练习", "en": "Practice for assessors"},
    "item": {"zh": "评分项", "en": "Item"},
    "points": {"zh": "分值", "en": "Points"},
    "point_unit": {"zh": "分", "en": "pt"},
    "clause_points": {"zh": "本条款分值", "en": "Points of this clause"},
    "score_here": {"zh": "在计算器中为本条款评分", "en": "Score this clause in the calculator"},
    "original_zh": {"zh": "中文原文", "en": "Chinese original"},
    "text_sources": {"zh": "文本来源", "en": "Where the text comes from"},
    "code": {"zh": "标准编号", "en": "Code"},
    "title": {"zh": "标准名称", "en": "Title"},
    "kind": {"zh": "类型", "en": "Type"},
    "issuer": {"zh": "发布机构", "en": "Issued by"},
    "issued": {"zh": "发布日期", "en": "Published"},
    "effective": {"zh": "实施日期", "en": "In force from"},
    "status": {"zh": "状态", "en": "Status"},
    "scope": {"zh": "范围", "en": "Scope"},
    "normative_references": {"zh": "规范性引用文件", "en": "Normative references"},
    "terms": {"zh": "术语和定义", "en": "Terms and definitions"},
    "principles": {"zh": "管理原则", "en": "Principles"},
    "structure": {"zh": "评价指标结构", "en": "Structure of the indicators"},
    "section": {"zh": "评价指标", "en": "Indicator"},
    "clauses": {"zh": "条款", "en": "Clauses"},
    "items": {"zh": "评分项数", "en": "Items"},
    "total": {"zh": "合计", "en": "Total"},
    "scoring": {"zh": "评分方法", "en": "Scoring method"},
    "bands": {"zh": "表1 评分方法", "en": "Table 1 Scoring method"},
    "band": {"zh": "评分比例", "en": "Share of the point"},
    "descriptors": {"zh": "要点", "en": "Descriptors"},
    "calc_value": {"zh": "计算器取值", "en": "Calculator uses"},
    "exclusion": {"zh": "删减", "en": "Exclusions"},
    "formula": {"zh": "计算公式", "en": "Formula"},
    "deduction": {"zh": "扣分依据", "en": "How points are lost"},
    "levels": {"zh": "评价等级", "en": "Result levels"},
    "level": {"zh": "等级", "en": "Level"},
    "min_score": {"zh": "最低得分率", "en": "From (score)"},
    "stars": {"zh": "星级", "en": "Stars"},
    "passed": {"zh": "是否合格", "en": "Passed"},
    "yes": {"zh": "合格", "en": "yes"},
    "no": {"zh": "不合格", "en": "no"},
    "combination": {"zh": "与 GB/T 27922-2011 合并评级", "en": "Combined with GB/T 27922-2011"},
    "method": {"zh": "评价方法", "en": "Evaluation method"},
    "sources": {"zh": "来源与缺口", "en": "Sources and gaps"},
    "points_note": {"zh": "分值来源", "en": "Where the points come from"},
    "gbt_levels": {"zh": "GB/T 27922-2011 评价等级（本标准 6.3 引用）",
                   "en": "GB/T 27922-2011 levels (as cited in 6.3 of this standard)"},
    "note": {"zh": "注", "en": "Note"},
    "not_scored": {"zh": "不计分", "en": "not scored"},
    "quantitative": {"zh": "定量条件", "en": "Quantitative condition"},
    "chinese_text": {"zh": "中文", "en": "Chinese"},
    "sources_zh": {"zh": "本页中文", "en": "Chinese text on this page"},
    "sources_en": {"zh": "英文", "en": "English"},
    "sources_more": {"zh": "例外在各段文字旁标出；完整说明见本标准概览页的“来源与缺口”。",
                     "en": "Exceptions are labelled next to each text; the standard's overview page explains everything under \"Sources and gaps\"."},
    "annex": {"zh": "附录", "en": "Annex"},
    "special_deduction": {"zh": "特别扣分项", "en": "Special deductions"},
    "special_bonus": {"zh": "特别加分项", "en": "Special bonus"},
    "pass_rule": {"zh": "合格判定", "en": "Pass rule"},
    "crosswalk": {"zh": "条款对照", "en": "Crosswalk"},
    "changes": {"zh": "版本变化", "en": "Edition changes"},
    "glossary": {"zh": "术语表", "en": "Glossary"},
    "compare": {"zh": "标准比较", "en": "Comparison"},
    "reference": {"zh": "对照与术语", "en": "Across standards"},
    "related": {"zh": "其他标准中的相关条款", "en": "Related clauses in the other standards"},
    "predecessor": {"zh": "SB/T 10401-2006 中的前身", "en": "Predecessor in SB/T 10401-2006"},
    "successor": {"zh": "GB/T 27922-2011 中的后继条款", "en": "Successor in GB/T 27922-2011"},
    "no_predecessor": {"zh": "SB/T 10401-2006 中没有对应条款（新增）。", "en": "No counterpart in SB/T 10401-2006 (new)."},
    "no_links": {"zh": "对照表中没有与本条款相关的条款。", "en": "The crosswalk links no clause to this one."},
    "link_reads": {"zh": "本条款与之关系", "en": "This clause is"},
    "downloads": {"zh": "下载", "en": "Downloads"},
    "examples": {"zh": "评分实例", "en": "Worked examples"},
    "examples_intro": {"zh": "三家虚构企业的完整评估。页面上的每个数字都由计算器模块在生成网站时算出，与命令行 `python -m calculator score` 对同一文件的结果相同；可以在计算器中打开或下载评估文件自行核对。",
                       "en": "Three fictional enterprises, assessed in full. Every number on this page is computed by the calculator module when the site is built, the same as `python -m calculator score` prints for the same file; open each one in the calculator or download the file to check."},
    "open_in_calculator": {"zh": "在计算器中打开", "en": "Open in the calculator"},
    "download_assessment": {"zh": "下载评估文件（JSON）", "en": "Download the assessment (JSON)"},
    "combined_rating": {"zh": "合并评级（GB/T 27922 + CTS）", "en": "Combined rating (GB/T 27922 + CTS)"},
    "score": {"zh": "得分", "en": "Score"},
    "earned_applicable": {"zh": "实际得分 / 涉及项总分值", "en": "Earned / applicable"},
    "reason": {"zh": "原因", "en": "Why"},
    "base_score": {"zh": "指标得分", "en": "Indicator score"},
    "provisional_note": {"zh": "本结果受暂定分值影响。", "en": "Provisional points affect this result."},
    "available": {"zh": "可得", "en": "Available"},
    "earned": {"zh": "得分", "en": "Earned"},
    "lost": {"zh": "失分", "en": "Lost"},
    "next_level": {"zh": "下一等级", "en": "Next level"},
    "points_needed": {"zh": "还需", "en": "points needed:"},
    "top_level": {"zh": "已是最高等级", "en": "already the highest level"},
    "fix_first": {"zh": "优先改进", "en": "What to fix first"},
    "worksheet": {"zh": "评价工作表", "en": "Assessor worksheet"},
    "worksheets": {"zh": "评价工作表", "en": "Assessor worksheets"},
    "worksheet_intro": {"zh": "按 A4 打印本页，在现场逐项记录评分、所见证据与备注。条款与评分项文字来自评分规则文件；“通常查看的证据”为本站编写的指导。",
                        "en": "Print this page on A4 and record, item by item, the rating, the evidence seen and notes on site. Clause and item texts come from the rubric; the evidence lists are our guidance."},
    "ws_enterprise": {"zh": "受评企业", "en": "Enterprise"},
    "ws_site": {"zh": "评价地点", "en": "Site"},
    "ws_assessor": {"zh": "评价人员", "en": "Assessor(s)"},
    "ws_dates": {"zh": "评价日期", "en": "Dates"},
    "ws_requirement": {"zh": "要求", "en": "Requirement"},
    "profile": {"zh": "分值方案", "en": "Weight profile"},
    "ws_rating": {"zh": "评分", "en": "Rating"},
    "ws_evidence_seen": {"zh": "所见证据", "en": "Evidence seen"},
    "ws_total": {"zh": "得分 / 完善程度", "en": "Score"},
    "ws_lead": {"zh": "评价组长签字", "en": "Lead assessor (signature)"},
    "ws_enterprise_rep": {"zh": "企业代表签字", "en": "Enterprise representative (signature)"},
    "ws_date": {"zh": "日期", "en": "Date"},
    "ws_foot": {"zh": "本工作表由本站根据评分规则生成，供练习与自评使用；正式评价以认证机构的表格为准。",
                "en": "Generated by this site from the rubric, for practice and self-assessment; an official evaluation uses the certification body's own forms."},
    "guidance": {"zh": "实施与评价指导", "en": "Guidance for enterprises and assessors"},
    "guidance_tag": {"zh": "本站编写，不是标准内容", "en": "Ours, not part of the standard"},
    "guidance_intent": {"zh": "本条款的目的", "en": "What the clause is for"},
    "guidance_evidence": {"zh": "评价人员通常查看的证据", "en": "Evidence assessors typically look for"},
    "guidance_gaps": {"zh": "常见失分点", "en": "Where points are usually lost"},
    "guidance_calculation": {"zh": "如何计算", "en": "How to compute the figure"},
    "guidance_bands": {"zh": "表1 各评分档在本条款中的表现", "en": "What the bands of Table 1 look like here"},
    "guidance_looks_like": {"zh": "典型表现", "en": "Typically"},
    "link_type_legend": {"zh": "关系类型", "en": "Link type"},
    "link_equivalent": {"zh": "两条款要求的范围相同", "en": "both clauses ask for the same thing, to the same extent"},
    "link_broader": {"zh": "左侧条款覆盖的范围大于右侧条款", "en": "the left clause covers more than the right one"},
    "link_narrower": {"zh": "左侧条款只覆盖右侧条款的一部分", "en": "the left clause covers only part of the right one"},
    "link_related": {"zh": "主题有重叠，但互不包含", "en": "the topics overlap, neither contains the other"},
    "changes_by_clause": {"zh": "逐条对照", "en": "Clause by clause"},
    "new_clause": {"zh": "新增", "en": "new"},
    "not_carried": {"zh": "SB/T 10401-2006 中没有后继条款的指标", "en": "SB/T 10401-2006 indicators with no successor"},
    "none_dropped": {"zh": "每个指标在 GB/T 27922-2011 中都有对应条款。", "en": "Every indicator has a counterpart in GB/T 27922-2011."},
    "glossary_intro": {"zh": "各标准第 2、3 章定义的术语（GB/T 27922-2011 的术语定义原文不可得，未收录）。条款页中术语第一次出现时链接到这里。",
                       "en": "The terms defined in chapter 2 or 3 of the standards (the definitions of GB/T 27922-2011 are not available and are not included). Clause pages link the first use of a term here."},
    "compare_note": {"zh": "本表由各标准的评分规则文件生成；“结构”一行为：一级单元 / 条款 / 评分项的数目。",
                     "en": "Generated from the standards' rubric files; the structure row gives: first-level units / clauses / scored items."},
    "download_json": {"zh": "评分规则数据（JSON，计算器使用的同一份数据）", "en": "Rubric data (JSON, the same data the calculator loads)"},
    "download_csv": {"zh": "条款与评分项清单（CSV）", "en": "Clause and item list (CSV)"},
    "download_schema": {"zh": "评分规则格式（JSON Schema）", "en": "Rubric format (JSON Schema)"},
    "download_profile_schema": {"zh": "分值方案格式（JSON Schema）", "en": "Weight profile format (JSON Schema)"},
}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``; unknown keys fail the build."""
    return LABELS[key][lang]


def text_of(node: Mapping[str, Any], lang: str) -> str:
    """The ``lang`` text of a bilingual mapping ``{zh, en}``."""
    return node[lang]


def provenance_of(node: Mapping[str, Any], lang: str, default: Mapping[str, str]) -> str:
    """Provenance of one language of a text: its own label, else the file's default."""
    return (node.get("provenance") or {}).get(lang, default[lang])
