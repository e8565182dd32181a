"""The readable text report of a result (``--format text``), in Chinese or English."""

from __future__ import annotations

from typing import Any

LABELS = {
    "zh": {
        "score": "完善程度", "earned": "实际得分", "applicable": "涉及项总分值", "excluded": "删减",
        "level": "评价等级", "stars": "星", "passed": "合格", "failed": "不合格",
        "next": "下一等级", "needed": "还需得分", "top": "已是最高等级",
        "unrated": "未评分项（按 0 分计）", "excluded_items": "删减项（不适用）",
        "clauses": "分条款得分", "clause": "条款", "available": "可得", "got": "得分", "lost": "失分",
        "fix": "优先改进（按可挽回分值排序）", "recoverable": "可挽回", "none": "无",
        "provisional": "注意：本结果使用了暂定分值。",
    },
    "en": {
        "score": "Completeness", "earned": "points earned", "applicable": "applicable points",
        "excluded": "excluded", "level": "Level", "stars": "stars", "passed": "passed",
        "failed": "failed", "next": "Next level", "needed": "points needed",
        "top": "already the highest level", "unrated": "Unrated items (counted as 0)",
        "excluded_items": "Excluded items (not applicable)", "clauses": "By clause",
        "clause": "Clause", "available": "available", "got": "earned", "lost": "lost",
        "fix": "What to fix first (by points recoverable)", "recoverable": "recoverable", "none": "none",
        "provisional": "Note: this result uses provisional points.",
    },
}


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _ids(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "-"


def render_text(result: dict[str, Any], lang: str = "zh") -> str:
    """Render a result dict (as returned by scoring) as a plain-text report."""
    t = LABELS[lang]
    level = result["level_label"][lang]
    stars = f" ({result['stars']} {t['stars']})" if result["stars"] is not None else ""
    verdict = t["passed"] if result["passed"] else t["failed"]
    lines = [
        result["code"],
        f"{t['score']}: {result['score_text']}%  "
        f"({t['earned']} {_num(result['earned'])} / {t['applicable']} {_num(result['applicable'])}, "
        f"{t['excluded']} {_num(result['excluded'])})",
        f"{t['level']}: {level}{stars} - {verdict}",
    ]
    nxt = result.get("next_level")
    if nxt:
        lines.append(f"{t['next']}: {nxt['label'][lang]} (>= {_num(nxt['min_score'])}), "
                     f"{t['needed']} {_num(nxt['points_needed'])}")
    else:
        lines.append(f"{t['next']}: {t['top']}")
    if result.get("provisional_weights"):
        lines.append(t["provisional"])
    lines += ["", f"{t['unrated']} ({len(result['unrated'])}): {_ids(result['unrated'])}",
              f"{t['excluded_items']} ({len(result['excluded_items'])}): {_ids(result['excluded_items'])}",
              "", t["clauses"],
              f"  {t['clause']:<10} {t['available']:>9} {t['got']:>9} {t['lost']:>9}"]
    for row in result["clauses"]:
        lines.append(f"  {row['id']:<10} {_num(row['available']):>9} {_num(row['earned']):>9} {_num(row['lost']):>9}")
    lines += ["", t["fix"]]
    if not result["fix_first"]:
        lines.append(f"  {t['none']}")
    for rank, row in enumerate(result["fix_first"], 1):
        lines.append(f"  {rank:>2}. {row['clause']:<10} {t['recoverable']} {_num(row['recoverable'])}")
    return "\n".join(lines) + "\n"
