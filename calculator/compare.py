"""Two assessments side by side: last year and this year, a self-assessment and an assessor's.

Each assessment is scored by :func:`calculator.scoring.score`, exactly as ``aftersales score``
scores it; nothing here scores. The comparison reads the two results and says what changed
(``b`` minus ``a``)::

    {"standard", "code", "model", "names": [name_a, name_b],
     "a": result_a, "b": result_b,
     "score_a", "score_b", "score_diff", "score_diff_text",
     "level_a", "level_b", "stars_a", "stars_b", "stars_diff",
     "passed_a", "passed_b", "profile_a", "profile_b", "profiles_differ",
     "sections": [{"id", "a", "b", "diff", "a_text", "b_text", "diff_text", ...}],
     "items": [{"id", "a", "b", "change", "change_text"}]}

* ``score_diff`` is exact: both scores have two decimals. A ``*_text`` is the amount as people
  read it, two decimals, rounded half up, with its sign (``"+8.40"``, ``"-3.25"``, ``"0.00"``).
  A section's ``diff_text`` is the exact difference rounded, so it may differ by 0.01 from
  the difference of the two rounded amounts shown.
* ``sections``: the points earned in each section (part, first-level indicator, SB/T item) as
  the results give them (``sections[].earned``), in the standard's order; a section that only
  one profile scores is ``null`` on the other side, and its ``diff`` is ``null``. For SB/T
  10401 each row also holds the item's percentage (``percent_a``, ``percent_b``) and whether it
  is below half of its points (``below_half_a``, ``below_half_b``), as the results'
  ``item_scores`` give them (the 50 % rule decides compliance).
* ``items``: the items, in the standard's order, whose rating differs between the two files
  (a number from 0 to 1, ``"na"``, or ``null`` for not rated), among the items either
  result scores; ratings of items neither profile scores count nowhere and are left out.
* GB/T 27922 comparisons also hold ``special_deductions_a`` / ``_b`` and ``special_bonus_a`` /
  ``_b`` (6.2), which change the score outside any section.
* ``profiles_differ``: the two are scored with different weight profiles (an SB/T
  production profile against the sales one): points of a section then differ for that
  reason alone, and the page and the text report say so.

Both files must be of the same standard (else ``compare-other-standard``, naming both), or
both combined GB/T 27922 + CTS files, compared part by part (``"parts"``: one comparison per
standard, and ``"combined"``: the combined stars of each and their difference); a combined
file against a single one is ``compare-combined-single``. A problem inside one file is said
with the file's name (``compare-in-file``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from . import messages
from .assessment import parse_assessment
from .errors import AssessmentError, CalculatorError
from .model import Rubric
from .numbers import plain, rating_percent, round_half_up
from .profiles import Profile
from .scoring import find_rubric, score

SIDES = ("a", "b")


def _dec(value: Any) -> Decimal:
    """A number of a result (an int, or a float that prints back as its decimal text) exactly."""
    return Decimal(str(value))


def signed(value: Decimal) -> str:
    """A change as people read it: two decimals, half up, with its sign (``"+1.50"``, ``"-0.25"``, ``"0.00"``)."""
    rounded = round_half_up(value)
    return f"{rounded:+.2f}" if rounded else "0.00"


def _diff(a: Any, b: Any) -> tuple[Any, str | None]:
    """``b - a`` exactly, and as text; both None when either side is missing."""
    if a is None or b is None:
        return None, None
    change = _dec(b) - _dec(a)
    return plain(change), signed(change)


def _rating(value: Decimal | None) -> Any:
    """A parsed rating as the file wrote it: a number, or "na"."""
    return "na" if value is None else plain(value)


def _item(item: str, a: Any, b: Any) -> dict[str, Any]:
    """A changed item: both ratings as the files give them, and where both are numbers the change
    in percentage points (``change``, and ``change_text`` with its sign), else None."""
    numbers = not isinstance(a, (str, type(None))) and not isinstance(b, (str, type(None)))
    change = (_dec(b) - _dec(a)) * 100 if numbers else None
    return {"id": item, "a": a, "b": b, "change": None if change is None else plain(change),
            "change_text": None if change is None else signed(change)}


def _scored(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None, name: str) -> dict[str, Any]:
    """One file scored as ``aftersales score`` scores it; a problem names the file."""
    try:
        return score(rubrics, data, custom)
    except CalculatorError as exc:
        raise type(exc)("compare-in-file", name=name, problem=exc.as_message()) from None


def _ratings(rubric: Rubric, data: Any) -> dict[str, Any]:
    """The ratings a file gives, by item id (already checked by scoring)."""
    return {item: _rating(value) for item, value in parse_assessment(data, rubric).ratings.items()}


def _sections(rubric: Rubric, a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Earned points per section of each result and their difference, in the standard's order."""
    earned = [{row["id"]: row for row in result["sections"]} for result in (a, b)]
    items = [{row["id"]: row for row in result.get("item_scores", [])} for result in (a, b)]
    rows = []
    for section in rubric.sections:
        if section.id not in earned[0] and section.id not in earned[1]:
            continue
        pair = [side.get(section.id) for side in earned]
        values = [None if row is None else row["earned"] for row in pair]
        change, change_text = _diff(*values)
        row: dict[str, Any] = {"id": section.id, "a": values[0], "b": values[1], "diff": change,
                               "a_text": None if pair[0] is None else pair[0]["earned_text"],
                               "b_text": None if pair[1] is None else pair[1]["earned_text"],
                               "diff_text": change_text}
        if rubric.model == "sbt-10401":
            for side, scores in zip(SIDES, items, strict=True):
                item = scores.get(section.id)
                row[f"percent_{side}"] = None if item is None else item["percent"]
                row[f"below_half_{side}"] = None if item is None else item["below_half"]
        rows.append(row)
    return rows


def compare_one(rubric: Rubric, data_a: Any, data_b: Any, a: dict[str, Any], b: dict[str, Any],
                names: Sequence[str]) -> dict[str, Any]:
    """The comparison of two results of one standard (scored already), and of their files."""
    ratings = [_ratings(rubric, data) for data in (data_a, data_b)]
    scored = {row["id"] for result in (a, b) for row in result["items"]}
    items = [_item(item, ratings[0].get(item), ratings[1].get(item)) for item in rubric.items
             if item in scored and ratings[0].get(item) != ratings[1].get(item)]
    score_diff, score_diff_text = _diff(a["score"], b["score"])
    stars_diff = None if a["stars"] is None or b["stars"] is None else b["stars"] - a["stars"]
    # GB/T 27922 6.2: the special deductions and bonus change the score outside any section
    special = {f"{key}_{side}": result[key] for key in ("special_deductions", "special_bonus")
               for side, result in zip(SIDES, (a, b), strict=True) if key in result}
    return {
        "standard": rubric.id, "code": rubric.code, "model": rubric.model, "names": list(names),
        "a": a, "b": b,
        "score_a": a["score"], "score_b": b["score"], "score_diff": score_diff, "score_diff_text": score_diff_text,
        "level_a": a["level"], "level_b": b["level"],
        "stars_a": a["stars"], "stars_b": b["stars"], "stars_diff": stars_diff,
        "passed_a": a["passed"], "passed_b": b["passed"],
        "profile_a": a["profile"]["id"], "profile_b": b["profile"]["id"],
        "profiles_differ": a["profile"]["id"] != b["profile"]["id"],
        **special,
        "sections": _sections(rubric, a, b),
        "items": items,
    }


def _combined(data: Any) -> bool:
    return isinstance(data, Mapping) and "assessments" in data


def compare(rubrics: Mapping[str, Rubric], data_a: Any, data_b: Any, custom: Profile | None = None,
            names: Sequence[str] = ("A", "B")) -> dict[str, Any]:
    """Compare two parsed assessment files (``b`` against ``a``); see the module's docstring.

    ``names`` name the two in errors (the CLI gives the file names, the page the names of
    the saved assessments); ``custom`` is a weight profile both are scored with, as
    ``aftersales score --profile`` would score each.
    """
    result_a = _scored(rubrics, data_a, custom, names[0])
    result_b = _scored(rubrics, data_b, custom, names[1])
    if _combined(data_a) != _combined(data_b):
        combined, single = (names[0], names[1]) if _combined(data_a) else (names[1], names[0])
        raise AssessmentError("compare-combined-single", combined=combined, single=single)
    if not _combined(data_a):
        if result_a["standard"] != result_b["standard"]:
            raise AssessmentError("compare-other-standard", a=names[0], b=names[1], standard_a=result_a["code"],
                                  standard_b=result_b["code"])
        return compare_one(find_rubric(rubrics, result_a["standard"]), data_a, data_b, result_a, result_b, names)
    files = [{entry["standard"]: entry for entry in data["assessments"]} for data in (data_a, data_b)]
    parts = []
    for one in result_a["results"]:
        other = next(r for r in result_b["results"] if r["standard"] == one["standard"])
        parts.append(compare_one(find_rubric(rubrics, one["standard"]), files[0][one["standard"]],
                                 files[1][one["standard"]], one, other, names))
    stars = [result_a["combined"]["stars"], result_b["combined"]["stars"]]
    return {
        "names": list(names), "a": result_a, "b": result_b, "parts": parts,
        "combined": {"a": stars[0], "b": stars[1],
                     "diff": None if None in stars else stars[1] - stars[0],
                     "passed_a": result_a["combined"]["passed"], "passed_b": result_b["combined"]["passed"]},
    }


# ---- the text report (``aftersales compare --format text``) ---------------------------------

def _rating_text(value: Any, words: Callable[..., str]) -> str:
    """A rating for people: "60%", "not applicable" or "not rated" (words of group ``compare``)."""
    if value is None:
        return words("unrated")
    if value == "na":
        return words("na")
    return rating_percent(value)


def _pad(text: str, width: int, right: bool = False) -> str:
    """``text`` padded to ``width`` columns of a terminal, where a Chinese character takes two."""
    columns = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    space = " " * max(width - columns, 0)
    return space + text if right else text + space


def _stars(stars: Any, words: Callable[..., str]) -> str:
    return words("no_stars") if stars is None else words("stars", stars=stars)


def _render_one(comparison: dict[str, Any], lang: str) -> list[str]:
    catalogue = messages.required("the comparison report")

    def words(key: str, **params: Any) -> str:
        return catalogue.text(f"compare.{key}", lang, **params)

    a, b = comparison["a"], comparison["b"]
    lines = [comparison["code"]]
    if comparison["profiles_differ"]:
        lines.append(words("profiles_differ", a=a["profile"]["title"][lang], b=b["profile"]["title"][lang]))
    completeness = a["model"] == "completeness"
    starred = any(level.get("stars") is not None for level in (a, b)) or a["model"] != "sbt-10401"
    lines += [
        words("score_line_completeness", a=a["score_text"], b=b["score_text"], diff=comparison["score_diff_text"])
        if completeness else words("score_line", a=a["score_text"], b=b["score_text"], diff=comparison["score_diff_text"]),
        words("level_line", a=a["level_label"][lang], b=b["level_label"][lang], stars_a=_stars(a["stars"], words),
              stars_b=_stars(b["stars"], words)) if starred
        else words("level_line_plain", a=a["level_label"][lang], b=b["level_label"][lang]),
    ]
    if "special_deductions_a" in comparison:
        lines.append(words("special_line", deductions_a=comparison["special_deductions_a"],
                           deductions_b=comparison["special_deductions_b"], bonus_a=comparison["special_bonus_a"],
                           bonus_b=comparison["special_bonus_b"]))
    lines += [
        "", words("sections"),
        f"  {_pad(words('section'), 8)} {_pad(words('side_a'), 9, True)} {_pad(words('side_b'), 9, True)} "
        f"{_pad(words('change'), 9, True)}",
    ]
    dash = "—"
    for row in comparison["sections"]:
        line = f"  {row['id']:<8} {row['a_text'] or dash:>9} {row['b_text'] or dash:>9} {row['diff_text'] or dash:>9}"
        if "percent_a" in row:
            marks = [words("below_half", side=words(f"side_{side}")) for side in SIDES if row[f"below_half_{side}"]]
            if marks:
                line += "  " + catalogue.text("format.list_separator", lang).join(marks)
        lines.append(line)
    lines += ["", words("items", count=len(comparison["items"]))]
    if not comparison["items"]:
        lines.append("  " + words("no_items"))
    for item in comparison["items"]:
        lines.append(f"  {item['id']:<10} {_pad(_rating_text(item['a'], words), 10, True)} → {_rating_text(item['b'], words)}")
    return lines


def render(comparison: dict[str, Any], lang: str = "zh") -> str:
    """The comparison as a plain-text report in ``lang`` (words of the catalogue's group ``compare``)."""
    catalogue = messages.required("the comparison report")

    def words(key: str, **params: Any) -> str:
        return catalogue.text(f"compare.{key}", lang, **params)

    names = comparison["names"]
    lines = [words("title", a=names[0], b=names[1])]
    if "parts" in comparison:
        combined = comparison["combined"]
        change = "—" if combined["diff"] is None else f"{combined['diff']:+d}" if combined["diff"] else "0"
        lines.append(words("combined_line", a=_stars(combined["a"], words), b=_stars(combined["b"], words),
                           diff=change))
        for part in comparison["parts"]:
            lines += ["", "=" * 60] + _render_one(part, lang)
    else:
        lines += _render_one(comparison, lang)
    return "\n".join(lines + ["", catalogue.text("report.notice", lang)]) + "\n"
