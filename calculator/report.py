"""The readable text report of a result (``--format text``), in Chinese or English."""

from __future__ import annotations

from typing import Any

LABELS = {
    "zh": {
        "score": "得分", "completeness": "完善程度", "earned": "实际得分", "applicable": "涉及项总分值",
        "excluded": "删减", "profile": "分值方案", "level": "评价等级", "stars": "星",
        "passed": "合格", "failed": "不合格", "why": "原因", "next": "下一等级", "needed": "还需得分",
        "unreachable": "无法达到", "top": "已是最高等级", "base": "指标得分",
        "deductions": "特别扣分", "bonus": "特别加分",
        "unrated": "未评分项（按 0 分计）", "excluded_items": "删减项（不适用）", "not_scored": "本方案不计分的项",
        "items": "单项得分", "item": "单项", "percent": "得分率", "below": "低于 50%",
        "clauses": "分条款得分", "clause": "条款", "available": "可得", "got": "得分", "lost": "失分",
        "fix": "优先改进（按可挽回分值排序）", "recoverable": "可挽回", "gain": "总分可提高", "none": "无",
        "provisional": "注意：本结果受暂定分值影响（见分值方案的说明），不是官方分值。",
        "combined": "合并评级（GB/T 27922-2011 + CTS Q/ZG025-2022）",
        "notice": "暂定自评结果，不是认证结论。",
    },
    "en": {
        "score": "Score", "completeness": "Completeness", "earned": "points earned",
        "applicable": "applicable points", "excluded": "excluded", "profile": "Weight profile",
        "level": "Level", "stars": "stars", "passed": "passed", "failed": "failed", "why": "Why",
        "next": "Next level", "needed": "points needed", "unreachable": "not reachable",
        "top": "already the highest level", "base": "indicator score",
        "deductions": "special deductions", "bonus": "special bonus",
        "unrated": "Unrated items (counted as 0)", "excluded_items": "Excluded items (not applicable)",
        "not_scored": "Items this profile does not score", "items": "Item scores", "item": "Item",
        "percent": "percent", "below": "below 50%", "clauses": "By clause", "clause": "Clause",
        "available": "available", "got": "earned", "lost": "lost",
        "fix": "What to fix first (by points recoverable)", "recoverable": "recoverable",
        "gain": "score gain", "none": "none",
        "provisional": "Note: provisional points affect this result (see the profile's method); they are not official.",
        "combined": "Combined rating (GB/T 27922-2011 + CTS Q/ZG025-2022)",
        "notice": "Provisional self-assessment, not a certification.",
    },
}


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _ids(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "-"


def render_one(result: dict[str, Any], lang: str) -> list[str]:
    """The report lines of one result."""
    t = LABELS[lang]
    name = t["completeness"] if result["model"] == "completeness" else t["score"]
    stars = f" ({result['stars']} {t['stars']})" if result["stars"] is not None else ""
    lines = [
        result["code"],
        f"{t['profile']}: {result['profile']['title'][lang]} ({result['profile']['id']})",
        f"{name}: {result['score_text']}{'%' if result['model'] == 'completeness' else ''}  "
        f"({t['earned']} {_num(result['earned'])} / {t['applicable']} {_num(result['applicable'])}, "
        f"{t['excluded']} {_num(result['excluded'])})",
    ]
    if "special_deductions" in result:
        lines.append(f"  {t['base']} {_num(result['base_score'])}, {t['deductions']} -{result['special_deductions']}, "
                     f"{t['bonus']} +{result['special_bonus']}")
    lines.append(f"{t['level']}: {result['level_label'][lang]}{stars} - {t['passed'] if result['passed'] else t['failed']}")
    if result.get("reason"):
        lines.append(f"{t['why']}: {result['reason']}")
    nxt = result.get("next_level")
    if nxt is None:
        lines.append(f"{t['next']}: {t['top']}")
    elif nxt["reachable"]:
        lines.append(f"{t['next']}: {nxt['label'][lang]} (>= {_num(nxt['min_score'])}), "
                     f"{t['needed']} {_num(nxt['points_needed'])}")
    else:
        lines.append(f"{t['next']}: {nxt['label'][lang]} - {t['unreachable']} ({nxt['reason']})")
    if result.get("provisional_weights"):
        lines.append(t["provisional"])
    lines += ["", f"{t['unrated']} ({len(result['unrated'])}): {_ids(result['unrated'])}",
              f"{t['excluded_items']} ({len(result['excluded_items'])}): {_ids(result['excluded_items'])}"]
    if result["not_scored"]:
        lines.append(f"{t['not_scored']} ({len(result['not_scored'])}): {_ids(result['not_scored'])}")
    if "item_scores" in result:
        lines += ["", t["items"], f"  {t['item']:<8} {t['available']:>9} {t['got']:>9} {t['percent']:>9}"]
        for row in result["item_scores"]:
            if row["applicable"]:
                flag = f"  {t['below']}" if row["below_half"] else ""
                lines.append(f"  {row['id']:<8} {_num(row['points']):>9} {_num(row['score']):>9} "
                             f"{_num(row['percent']):>8}%{flag}")
            else:
                lines.append(f"  {row['id']:<8} {_num(row['points']):>9} {t['excluded']:>9}")
    lines += ["", t["clauses"], f"  {t['clause']:<10} {t['available']:>9} {t['got']:>9} {t['lost']:>9}"]
    for row in result["clauses"]:
        lines.append(f"  {row['id']:<10} {_num(row['available']):>9} {_num(row['earned']):>9} {_num(row['lost']):>9}")
    lines += ["", t["fix"]]
    if not result["fix_first"]:
        lines.append(f"  {t['none']}")
    for rank, row in enumerate(result["fix_first"], 1):
        lines.append(f"  {rank:>2}. {row['clause']:<10} {t['recoverable']} {_num(row['recoverable'])}, "
                     f"{t['gain']} +{_num(row['score_gain'])}")
    return lines


def render(result: dict[str, Any], lang: str = "zh") -> str:
    """Render a result (single, or ``results`` + ``combined``) as a plain-text report."""
    t = LABELS[lang]
    if "results" not in result:
        return "\n".join(render_one(result, lang) + ["", t["notice"]]) + "\n"
    combined = result["combined"]
    lines = [t["combined"]]
    if combined["passed"]:
        lines.append(f"  {combined['stars']} {t['stars']} - {t['passed']} ({combined['reason']})")
    else:
        lines.append(f"  {t['failed']}: {combined['reason']}")
    for one in result["results"]:
        lines += ["", "=" * 60] + render_one(one, lang)
    return "\n".join(lines + ["", t["notice"]]) + "\n"


render_text = render
