"""The readable text report of a result (``--format text``), in Chinese or English.

Every word comes from the installed string catalogue (group ``report`` for the labels,
``result`` for the reasons and the next-level line, which a result carries as messages).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import messages
from .numbers import rating_percent, round_half_up, text


def _num(value: Any) -> str:
    """A number of points for people: two decimals, rounded half up (94.849 -> "94.85")."""
    return text(round_half_up(Decimal(str(value))))


class _Words:

    """The report's words in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.catalogue = messages.required("the text report")

    def __call__(self, key: str, **params: Any) -> str:
        return self.catalogue.text(f"report.{key}", self.lang, **params)

    def ids(self, ids: list[str]) -> str:
        """Item ids joined by the language's list separator, or the word for none."""
        if not ids:
            return self("none")
        return self.catalogue.text("format.list_separator", self.lang).join(ids)

    def said(self, value: Any, group: str = "result") -> str:
        """A message (of ``group``) or a bilingual text of the result, in this language."""
        if isinstance(value, dict) and "code" in value:
            return messages.render(value, group, self.lang, self.catalogue)
        return str(value[self.lang])


def render_one(result: dict[str, Any], lang: str) -> list[str]:
    """The report lines of one result."""
    t = _Words(lang)
    completeness = result["model"] == "completeness"
    lines = [
        result["code"],
        t("profile", title=t.said(result["profile"]["title"]), id=result["profile"]["id"]),
        t("completeness" if completeness else "score", score=result["score_text"], earned=_num(result["earned"]),
          applicable=_num(result["applicable"]), excluded=_num(result["excluded"])),
    ]
    if "special_deductions" in result:
        lines.append("  " + t("special", base=_num(result["base_score"]), deductions=result["special_deductions"],
                              bonus=result["special_bonus"]))
    verdict = t("passed") if result["passed"] else t("failed")
    if result["stars"] is not None:
        lines.append(t("level_stars", level=t.said(result["level_label"]), stars=result["stars"], verdict=verdict))
    else:
        lines.append(t("level", level=t.said(result["level_label"]), verdict=verdict))
    if result.get("reason"):
        lines.append(t("why", reason=t.said(result["reason"])))
    lines.append(t("next", text=t.said(result["next_message"])))
    if result.get("provisional_weights"):
        lines.append(t("provisional"))
    lines += ["", t("unrated", count=len(result["unrated"]), ids=t.ids(result["unrated"])),
              t("excluded_items", count=len(result["excluded_items"]), ids=t.ids(result["excluded_items"]))]
    if result["not_scored"]:
        lines.append(t("not_scored", count=len(result["not_scored"]), ids=t.ids(result["not_scored"])))
    if "item_scores" in result:
        lines += ["", t("items"), f"  {t('item'):<8} {t('available'):>9} {t('got'):>9} {t('percent'):>9}"]
        for row in result["item_scores"]:
            if row["applicable"]:
                flag = f"  {t('below')}" if row["below_half"] else ""
                lines.append(f"  {row['id']:<8} {_num(row['points']):>9} {_num(row['score']):>9} "
                             f"{_num(row['percent']):>8}%{flag}")
            else:
                lines.append(f"  {row['id']:<8} {_num(row['points']):>9} {t('excluded'):>9}")
    lines += ["", t("clauses"), f"  {t('clause'):<10} {t('available'):>9} {t('got'):>9} {t('lost'):>9}"]
    for row in result["clauses"]:
        lines.append(f"  {row['id']:<10} {_num(row['available']):>9} {_num(row['earned']):>9} {_num(row['lost']):>9}")
    lines += ["", t("fix")]
    if not result["fix_first"]:
        lines.append(f"  {t('none')}")
    for rank, row in enumerate(result["fix_first"], 1):
        lines.append(f"  {rank:>2}. {row['clause']:<10} " + t.said(row["message"], "format"))
    return lines


def render(result: dict[str, Any], lang: str = "zh") -> str:
    """Render a result (single, or ``results`` + ``combined``) as a plain-text report."""
    t = _Words(lang)
    if "results" not in result:
        return "\n".join(render_one(result, lang) + ["", t("notice")]) + "\n"
    combined = result["combined"]
    lines = [t("combined")]
    if combined["passed"]:
        lines.append("  " + t("combined_passed", stars=combined["stars"], reason=t.said(combined["reason"])))
    else:
        lines.append("  " + t("combined_failed", reason=t.said(combined["reason"])))
    for one in result["results"]:
        lines += ["", "=" * 60] + render_one(one, lang)
    return "\n".join(lines + ["", t("notice")]) + "\n"


render_text = render


STATUS_WORDS = {"open": "status_open", "in-progress": "status_in-progress", "done": "status_done"}
"""The catalogue entry (group ``plan``) wording each status of a plan step."""


def render_plan(plan: dict[str, Any], lang: str = "zh") -> str:
    """Render an improvement plan (:func:`calculator.plan.plan`) as a plain-text report. A
    completeness (CTS Q/ZG025-2022) is said in % ("完善程度 72.00%"), ratings as percentages."""
    t = _Words(lang)

    def p(key: str, **params: Any) -> str:
        return t.catalogue.text(f"plan.{key}", lang, **params)

    # a completeness is said in %: each line's catalogue entry, plain and for a completeness
    variants = {"target": ("target", "target_completeness"), "current": ("current", "current_completeness"),
                "after": ("after", "after_completeness")}

    def said(key: str, model: str, **params: Any) -> str:
        return p(variants[key][model == "completeness"], **params)

    lines = [p("title")]
    combined = "parts" in plan
    if combined:
        lines.append(p("target_stars", stars=plan["target_stars"]))
        stars = plan["current_stars"]
        lines.append(p("current_stars_none") if stars is None else p("current_stars", stars=stars))
    else:
        model = plan["model"]
        lines += [plan["code"], said("target", model, level=t.said(plan["target_label"]), min=f"{plan['target_min']:.2f}"),
                  said("current", model, score=plan["current_score_text"], level=t.said(plan["current_level_label"]))]
    if plan["reached"]:
        return "\n".join(lines + [p("reached"), "", p("method"), t("notice")]) + "\n"
    if not plan["reachable"]:
        return "\n".join(lines + [p("unreachable", why=t.said(plan["reason"])), "", p("method"), t("notice")]) + "\n"
    codes = {part["standard"]: part["code"] for part in plan.get("parts", [])}
    lines += ["", p("steps", count=len(plan["steps"]), points=plan["points_text"])]
    for rank, step in enumerate(plan["steps"], 1):
        before = p("unrated") if step["from"] is None else rating_percent(step["from"])
        item = f"{codes[step['standard']]} {step['item']}" if combined else step["item"]
        lines.append("  " + p("step", rank=rank, item=item, clause=step["clause"], **{"from": before},
                                to=rating_percent(step["to"]), points=step["points_text"]))
        if step["owner"] or step["due"] or step["status"] != "open":
            lines.append("  " + p("step_follow", owner=step["owner"] or p("unset"), due=step["due"] or p("unset"),
                                    status=p(STATUS_WORDS[step["status"]])))
    lines.append("")
    if combined:
        lines.append(p("after_stars", stars=plan["stars_after"]))
        for part in plan["parts"]:
            score = part["score_after_text"] + ("%" if part["model"] == "completeness" else "")
            lines.append("  " + p("after_part", code=part["code"], score=score, level=t.said(part["level_after_label"])))
    else:
        lines.append(said("after", plan["model"], score=plan["score_after_text"], level=t.said(plan["level_after_label"])))
    if not plan["minimal"]:
        lines.append(p("not_minimal"))
    return "\n".join(lines + ["", p("method"), t("notice")]) + "\n"
