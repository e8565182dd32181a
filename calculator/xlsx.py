"""An assessment as an Excel workbook (``.xlsx``) whose totals are live formulas.

Sheets (names, headers and labels in the reader's language, catalogue groups ``xlsx`` and
``csv``):

* **Summary** (汇总) -- the assessment's name and report details (enterprise, site,
  assessor, date) when given; then one block per standard of the file: the standard, the
  weight profile, a row per part (section) of the standard, the totals, the score, the
  level, whether it passes, the stars, and the standard's level bounds; a combined
  GB/T 27922 + CTS file ends with the combined stars.
* **Items** (评分项) -- one row per item the profile scores, in the standard's order:
  standard, item id, clause, the item's text, rating (as entered: a share 0..1, ``na``, or
  blank when not rated), points, earned (a formula), note.
* **Plan** (改进计划) -- only when the file has a ``plan`` with a ``target``
  (:func:`calculator.plan.plan`): the steps of the improvement plan (item, clause, text,
  rating now and aimed at, points gained, owner, due date, status), the target and the
  score and level when every step is done.

Every number is the calculator's (:func:`calculator.scoring.score`) and is written as the
cached value of its cell, so a viewer that does not recalculate shows the same figures. The
formulas reproduce the rules, so that a rating changed on the Items sheet is followed:

* item earned = rating x points (``tally``); an item rated ``na`` earns nothing and leaves
  the applicable points (CTS Q/ZG025-2022 6.2 b; GB/T 27922-2011 6.2.2); a blank rating
  counts as 0;
* a part's points = SUM of its items' points; applicable = SUMPRODUCT of the points of its
  items not rated ``na``; earned = SUM of its items' earned;
* CTS Q/ZG025-2022 6.2: completeness = earned / applicable x 100;
* GB/T 27922-2011 6.2: score = earned / applicable x 100 - 1 per special deduction + 1 for
  the special bonus, kept within 0..100; 6.3: five or more special deductions fail;
* SB/T 10401-2006: an item's (单项) score = its table points x earned / applicable of its
  conditions (blank when none applies: the item is excluded); total = the item scores /
  the applicable items' points x 100; compliant when the total reaches 70 and every
  scored item reaches 50% (each item's percentage rounded first);
* every score is rounded half up to 2 decimals and then looked up in the rubric's level
  bounds (written on the sheet) with MATCH; stars and "passed" come from the same row; the
  combined rating = GB/T stars + CTS stars, at most 12, when both pass (CTS 6.3 a).

Rounding. The calculator divides exactly and rounds half up (:mod:`calculator.numbers`);
a spreadsheet computes in binary floating point, where 51.996 / 80 x 100 (exactly 64.995) is
64.99499999999999744... Excel, LibreOffice and WPS round the value as shown to 15
significant digits, so ROUND(64.995, 2) is 65.00 there, as in the calculator; but a sum of
many ratings can carry an error large enough to show (64.99499999999998). Every score is
therefore written ``ROUND(ROUND(x, 10), 2)``: the inner ROUND removes that error (some
1e-13 for numbers up to 100) and gives back the exact decimal whenever the exact value has
at most 10 decimals, and the outer one rounds half up, away from zero, as the calculator
does. The two agree unless the exact score lies within 5e-11 of a rounding boundary without
being on it, which takes points with many decimals. ``tests/test_xlsx.py`` recalculates the
hand-worked cases of ``tests/vectors/xlsx.json`` (the 64.995 case among them) with LibreOffice.

User text (names, notes, report details) is written as text, never as a formula.
``xlsxwriter`` (pure Python, no dependencies) is imported only here and only when a workbook
is made: the scoring core stays standard library only, and the browser loads the library
only when a visitor exports.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import messages
from .constants import (
    CTS,
    FAILING_DEDUCTIONS,
    GBT,
    ITEM_MIN_PERCENT,
    MAX_STARS,
    SPECIAL_BONUS_POINTS,
    SPECIAL_DEDUCTION_POINTS,
)
from .errors import InputFileError
from .messages import Catalogue
from .model import Rubric
from .numbers import plain, rating_percent
from .profiles import Profile
from .scoring import find_rubric, score

LANGS = ("zh", "en")
GBT_MODEL, SBT_MODEL, CTS_MODEL = "gbt-27922", "sbt-10401", "completeness"
NOT_APPLICABLE = "na"
PRE_ROUND = 10
"""Decimals of the inner ROUND that removes binary floating-point error (module docstring)."""
REPORT = (("enterprise", "csv.report_enterprise"), ("site", "csv.report_site"),
          ("assessor", "csv.report_assessor"), ("date", "csv.report_date"))
# the Items sheet: column key -> header (catalogue entry), width in characters
ITEM_COLUMNS = (("standard", "csv.col_standard", 16), ("item", "csv.col_item", 11), ("clause", "csv.col_clause", 22),
                ("text", "xlsx.col_text", 60), ("rating", "csv.col_rating", 8), ("points", "csv.col_points", 8),
                ("earned", "csv.col_earned", 8), ("note", "csv.col_note", 36))
ITEM_COL = {key: index for index, (key, _, _) in enumerate(ITEM_COLUMNS)}
PLAN_COLUMNS = (("standard", "csv.col_standard", 16), ("item", "csv.col_item", 11), ("clause", "csv.col_clause", 22),
                ("text", "xlsx.col_text", 50), ("from", "plan.col_from", 9), ("to", "plan.col_to", 9),
                ("points", "plan.col_points", 9), ("owner", "plan.col_owner", 12), ("due", "plan.col_due", 12),
                ("status", "plan.col_status", 10))
STATUS = {"open": "plan.status_open", "in-progress": "plan.status_in-progress", "done": "plan.status_done"}
# the Summary sheet's columns: part id, name, points, applicable, earned, (SB/T) item score, percent, below half
SUMMARY_WIDTHS = (12, 34, 11, 11, 11, 11, 11, 11)


LINE_POINTS = 13.5
"""The height of one line of 10-point text, in points: rows holding wrapped text are given
the height of their longest cell, since no spreadsheet program fits row heights on opening."""


def lines(text: str, width: float) -> int:
    """The lines a text takes in a wrapped cell ``width`` characters wide (a Chinese character
    counts two), each of its own lines wrapped."""
    usable = max(width - 1, 1)
    total = 0
    for line in text.split("\n"):
        shown = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
        total += max(1, math.ceil(shown / usable))
    return total


def fit_row(sheet: Any, row: int, cells: list[tuple[str, float]]) -> None:
    """Give a row the height of its tallest wrapped text (``cells``: text and column width)."""
    count = max((lines(text, width) for text, width in cells if text), default=1)
    if count > 1:
        sheet.set_row(row, count * LINE_POINTS + 2)


def _catalogue(catalogue: Catalogue | None) -> Catalogue:
    """The catalogue the words come from: the one given, else the installed one."""
    found = catalogue or messages.installed()
    if found is None or "xlsx.sheet_items" not in found or "csv.col_item" not in found:
        raise InputFileError("xlsx-no-strings")
    return found


def _parts(data: Any) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping) and isinstance(data.get("assessments"), list):
        return [one for one in data["assessments"] if isinstance(one, Mapping)]
    return [data]


def cell(row: int, col: int, absolute: bool = False) -> str:
    """A1 reference of a zero-based row and column (``$A$1`` when ``absolute``)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"${letters}${row + 1}" if absolute else f"{letters}{row + 1}"


def sheet_ref(name: str) -> str:
    """A sheet name as formulas write it: ``'评分项'`` (quoted, quotes doubled)."""
    return "'" + name.replace("'", "''") + "'"


def rounded(expression: str) -> str:
    """A score formula rounded as the calculator rounds (module docstring: Rounding)."""
    return f"ROUND(ROUND({expression},{PRE_ROUND}),2)"


@dataclass
class _Span:
    """Rows (zero-based, inclusive) of one standard's items on the Items sheet, and of each part."""

    first: int = 0
    last: int = 0
    parts: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Writer:
    """One workbook being written: its formats and the words of one language."""

    def __init__(self, xlsxwriter: Any, words: Catalogue, lang: str) -> None:
        self.out = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.out, {"in_memory": True, "strings_to_formulas": False,
                                                   "strings_to_urls": False, "strings_to_numbers": False})
        self.words, self.lang = words, lang
        font = "Microsoft YaHei" if lang == "zh" else "Calibri"
        base = {"font_name": font, "font_size": 10, "valign": "top"}
        add = self.book.add_format
        self.text = add({**base, "text_wrap": True})
        self.plain = add(base)
        self.number = add({**base, "num_format": "0.00"})
        self.rating = add({**base, "num_format": "General", "align": "right"})
        self.label = add({**base, "bold": True, "text_wrap": True})
        self.header = add({**base, "bold": True, "text_wrap": True, "bg_color": "#DDE6F0", "border": 1,
                           "border_color": "#9AA8B8"})
        self.title = add({**base, "bold": True, "font_size": 14})
        self.heading = add({**base, "bold": True, "font_size": 12, "bottom": 1})
        self.note = add({**base, "italic": True, "font_color": "#555555", "text_wrap": True})
        self.result = add({**base, "bold": True, "num_format": "0.00", "bg_color": "#FFF2CC"})
        self.result_text = add({**base, "bold": True, "bg_color": "#FFF2CC"})
        yes, no = (self.t("xlsx.answer_yes").replace('"', ""), self.t("xlsx.answer_no").replace('"', ""))
        self.flag = add({**base, "num_format": f'"{yes}";"{yes}";"{no}"', "align": "left"})
        self.result_flag = add({**base, "bold": True, "bg_color": "#FFF2CC",
                                "num_format": f'"{yes}";"{yes}";"{no}"', "align": "left"})
        self.whole = add({**base, "num_format": "0", "align": "left"})
        self.result_whole = add({**base, "bold": True, "bg_color": "#FFF2CC", "num_format": "0", "align": "left"})

    def t(self, name: str, **params: Any) -> str:
        return self.words.text(name, self.lang, **params)

    def said(self, text: Mapping[str, Any]) -> str:
        """A bilingual text ``{zh, en}`` in this language, or a message ``{code, params}`` of
        the catalogue's ``result`` group (a standard's own points) worded in it."""
        if "code" in text:
            return messages.render(text, "result", self.lang, self.words)
        return str(text[self.lang])

    def finish(self) -> bytes:
        self.book.close()
        return self.out.getvalue()


def _items_sheet(w: _Writer, sheet: Any, rubrics: Mapping[str, Rubric], results: list[dict[str, Any]],
                 parts: list[Mapping[str, Any]]) -> list[_Span]:
    """Write the Items sheet; the rows of each standard and of each of its parts."""
    for col, (_, header, width) in enumerate(ITEM_COLUMNS):
        sheet.write_string(0, col, w.t(header), w.header)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)
    row = 1
    spans = []
    rating_col, points_col = ITEM_COL["rating"], ITEM_COL["points"]
    for part, result in zip(parts, results):
        rubric = find_rubric(rubrics, result["standard"])
        notes = part.get("notes") or {}
        span = _Span(first=row)
        for item in result["items"]:
            model_item = rubric.items[item["id"]]
            clause = rubric.clauses[item["clause"]]
            sheet.write_string(row, ITEM_COL["standard"], rubric.code, w.text)
            sheet.write_string(row, ITEM_COL["item"], item["id"], w.text)
            sheet.write_string(row, ITEM_COL["clause"], f"{clause.id} {clause.title[w.lang]}", w.text)
            sheet.write_string(row, ITEM_COL["text"], str(model_item.text[w.lang]), w.text)
            rating = item["rating"]
            if rating is None:
                sheet.write_blank(row, rating_col, None, w.rating)
            elif isinstance(rating, str):
                sheet.write_string(row, rating_col, rating, w.rating)
            else:
                sheet.write_number(row, rating_col, rating, w.rating)
            sheet.write_number(row, points_col, item["points"], w.number)
            here, points = cell(row, rating_col), cell(row, points_col)
            sheet.write_formula(row, ITEM_COL["earned"], f'=IF({here}="{NOT_APPLICABLE}","",{here}*{points})', w.number,
                                item["earned"] if item["applicable"] else "")
            note = notes.get(item["id"])
            if isinstance(note, str) and note:
                sheet.write_string(row, ITEM_COL["note"], note, w.text)
            widths = {key: width for key, _, width in ITEM_COLUMNS}
            fit_row(sheet, row, [(str(model_item.text[w.lang]), widths["text"]), (note or "", widths["note"]),
                                 (f"{clause.id} {clause.title[w.lang]}", widths["clause"])])
            first, _ = span.parts.get(model_item.section_id, (row, row))
            span.parts[model_item.section_id] = (first, row)
            row += 1
        span.last = row - 1
        spans.append(span)
    sheet.autofilter(0, 0, max(row - 1, 1), len(ITEM_COLUMNS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    return spans


def _details(w: _Writer, sheet: Any, row: int, data: Any, parts: list[Mapping[str, Any]]) -> int:
    """The title, the assessment's name and the report details at the head of the Summary sheet."""
    sheet.merge_range(row, 0, row, 7, "", w.title)
    sheet.write_string(row, 0, w.t("xlsx.title"), w.title)
    sheet.set_row(row, 22)
    row += 1
    title = data.get("title") if isinstance(data, Mapping) else None
    if not isinstance(title, str) or not title:
        title = next((p["title"] for p in parts if isinstance(p.get("title"), str) and p["title"]), None)
    report = data.get("report") if isinstance(data, Mapping) else None
    if not isinstance(report, Mapping):
        report = next((p["report"] for p in parts if isinstance(p.get("report"), Mapping)), {})
    lines = [("csv.title", title)] + [(label, report.get(key)) for key, label in REPORT]
    for label, value in lines:
        if isinstance(value, str) and value:
            sheet.merge_range(row, 0, row, 1, "", w.label)
            sheet.write_string(row, 0, w.t(label), w.label)
            sheet.merge_range(row, 2, row, 7, "", w.text)
            sheet.write_string(row, 2, value, w.text)
            fit_row(sheet, row, [(value, sum(SUMMARY_WIDTHS[2:])), (w.t(label), sum(SUMMARY_WIDTHS[:2]))])
            row += 1
    # the workbook is a provisional self-assessment, as the page and the printed report say
    for note in (w.t("report.notice"), w.t("xlsx.formulas_note")):
        sheet.merge_range(row, 0, row, 7, "", w.note)
        sheet.write_string(row, 0, note, w.note)
        fit_row(sheet, row, [(note, sum(SUMMARY_WIDTHS))])
        row += 1
    return row + 1


@dataclass
class _Block:
    """Where a standard's result cells are on the Summary sheet (for the combined rating)."""

    passed: str
    stars: str | None


def _total(w: _Writer, sheet: Any, row: int, label: str, formula: str | None, value: Any,
           fmt: Any, literal: Any = None) -> str:
    """A labelled total row (label over columns A:B, the value in C); returns the value's reference."""
    sheet.merge_range(row, 0, row, 1, "", w.label)
    sheet.write_string(row, 0, label, w.label)
    if formula is None:
        sheet.write(row, 2, literal, fmt)
    else:
        sheet.write_formula(row, 2, formula, fmt, value)
    return cell(row, 2, absolute=True)


def _standard_block(w: _Writer, sheet: Any, row: int, rubric: Rubric, result: dict[str, Any], span: _Span,
                    items: str) -> tuple[int, _Block]:
    """One standard's block on the Summary sheet; the next free row and its result cells."""
    lang = w.lang
    sbt = rubric.model == SBT_MODEL
    sheet.merge_range(row, 0, row, 7, "", w.heading)
    sheet.write_string(row, 0, f"{rubric.code} {rubric.title[lang]}", w.heading)
    row += 1
    sheet.merge_range(row, 0, row, 1, "", w.label)
    sheet.write_string(row, 0, w.t("csv.col_profile"), w.label)
    sheet.merge_range(row, 2, row, 7, "", w.text)
    sheet.write_string(row, 2, w.said(result["profile"]["title"]), w.text)
    row += 1
    headers = ["xlsx.col_part", "xlsx.col_name", "csv.col_points", "xlsx.col_applicable", "csv.col_earned"]
    if sbt:
        headers += ["xlsx.col_item_score", "xlsx.col_percent", "xlsx.col_below_half"]
    for col, header in enumerate(headers):
        sheet.write_string(row, col, w.t(header), w.header)
    fit_row(sheet, row, [(w.t(header), SUMMARY_WIDTHS[col]) for col, header in enumerate(headers)])
    row += 1
    rating_col, points_col, earned_col = ITEM_COL["rating"], ITEM_COL["points"], ITEM_COL["earned"]
    sections = {s.id: s for s in rubric.sections}
    item_scores = {one["id"]: one for one in result.get("item_scores", [])}
    first_part = row
    for summed in result["sections"]:
        part_id = summed["id"]
        start, end = span.parts[part_id]

        def column(col: int, start: int = start, end: int = end) -> str:
            return f"{items}!{cell(start, col, True)}:{cell(end, col, True)}"

        sheet.write_string(row, 0, part_id, w.text)
        sheet.write_string(row, 1, str(sections[part_id].title[lang]), w.text)
        fit_row(sheet, row, [(str(sections[part_id].title[lang]), SUMMARY_WIDTHS[1])])
        points, applicable, earned = cell(row, 2), cell(row, 3), cell(row, 4)
        if sbt:
            sheet.write_number(row, 2, item_scores[part_id]["points"], w.number)
        else:
            sheet.write_formula(row, 2, f"=SUM({column(points_col)})", w.number, summed["points"])
        sheet.write_formula(row, 3, f'=SUMPRODUCT(({column(rating_col)}<>"{NOT_APPLICABLE}")*{column(points_col)})',
                            w.number, summed["available"])
        sheet.write_formula(row, 4, f"=SUM({column(earned_col)})", w.number, summed["earned"])
        if sbt:
            scored = item_scores[part_id]
            sheet.write_formula(row, 5, f'=IF({applicable}>0,{points}*{earned}/{applicable},"")', w.number,
                                scored["score"] if scored["applicable"] else "")
            percent = cell(row, 6)
            sheet.write_formula(row, 6, f'=IF({applicable}>0,{rounded(f"{earned}/{applicable}*100")},"")', w.number,
                                scored["percent"] if scored["applicable"] else "")
            sheet.write_formula(row, 7, f"=IF({applicable}>0,IF({percent}<{ITEM_MIN_PERCENT},1,0),0)", w.flag,
                                1 if scored["below_half"] else 0)
        row += 1
    last_part = row - 1

    def parts(col: int) -> str:
        return f"{cell(first_part, col, True)}:{cell(last_part, col, True)}"

    row += 1
    # the level bounds, below the totals: their rows are known before the totals are written
    totals = 9 if rubric.model == GBT_MODEL else 6  # earned, applicable, (GB/T: 3 more), score, level, passed, stars
    levels_head = row + totals + 1
    first_level = levels_head + 2
    last_level = first_level + len(rubric.levels) - 1
    mins = f"{cell(first_level, 0, True)}:{cell(last_level, 0, True)}"
    labels = f"{cell(first_level, 1, True)}:{cell(last_level, 1, True)}"
    stars_col = f"{cell(first_level, 2, True)}:{cell(last_level, 2, True)}"
    passes = f"{cell(first_level, 3, True)}:{cell(last_level, 3, True)}"

    if sbt:
        earned = _total(w, sheet, row, w.t("xlsx.earned"), f"=SUM({parts(5)})", result["earned"], w.number)
        applicable = _total(w, sheet, row + 1, w.t("xlsx.applicable"), f"=SUMPRODUCT(({parts(3)}>0)*{parts(2)})",
                            result["applicable"], w.number)
    else:
        earned = _total(w, sheet, row, w.t("xlsx.earned"), f"=SUM({parts(4)})", result["earned"], w.number)
        applicable = _total(w, sheet, row + 1, w.t("xlsx.applicable"), f"=SUM({parts(3)})", result["applicable"],
                            w.number)
    row += 2
    deductions = None
    share = f"{earned}/{applicable}*100"
    if rubric.model == GBT_MODEL:
        deductions = _total(w, sheet, row, w.t("csv.special_deductions"), None, None, w.whole,
                            result["special_deductions"])
        bonus = _total(w, sheet, row + 1, w.t("csv.special_bonus"), None, None, w.whole, result["special_bonus"])
        _total(w, sheet, row + 2, w.t("xlsx.base_score"), "=" + rounded(share), result["base_score"], w.number)
        row += 3
        formula = "=" + rounded(f"MAX(0,MIN(100,{share}-{deductions}*{SPECIAL_DEDUCTION_POINTS}"
                                f"+{bonus}*{SPECIAL_BONUS_POINTS}))")
    else:
        formula = "=" + rounded(share)
    label = w.t("xlsx.completeness") if rubric.model == CTS_MODEL else w.t("xlsx.score")
    score_ref = _total(w, sheet, row, label, formula, result["score"], w.result)
    match = f"MATCH({score_ref},{mins},1)"
    if sbt:
        compliant = next(index for index, level in enumerate(rubric.levels) if level.passed)
        compliant_min = cell(first_level + compliant, 0, True)
        passed_formula = f"=IF(AND({score_ref}>={compliant_min},SUM({parts(7)})=0),1,0)"
    elif rubric.model == GBT_MODEL:
        passed_formula = f"=IF({deductions}>={FAILING_DEDUCTIONS},0,INDEX({passes},{match}))"
    else:
        passed_formula = f"=INDEX({passes},{match})"
    passed_ref = cell(row + 2, 2, absolute=True)
    if sbt:
        failing = cell(first_level, 1, True)
        level_formula = f"=IF({passed_ref}=1,{cell(first_level + compliant, 1, True)},{failing})"
    elif rubric.model == GBT_MODEL:
        level_formula = f"=IF({deductions}>={FAILING_DEDUCTIONS},{cell(first_level, 1, True)},INDEX({labels},{match}))"
    else:
        level_formula = f"=INDEX({labels},{match})"
    _total(w, sheet, row + 1, w.t("xlsx.level"), level_formula, str(result["level_label"][lang]), w.result_text)
    _total(w, sheet, row + 2, w.t("xlsx.passed"), passed_formula, 1 if result["passed"] else 0, w.result_flag)
    stars_ref = None
    if any(level.stars is not None for level in rubric.levels):
        stars_ref = _total(w, sheet, row + 3, w.t("xlsx.stars"), f'=IF({passed_ref}=1,INDEX({stars_col},{match}),"")',
                           result["stars"] if result["stars"] is not None else "", w.result_whole)
    row = levels_head
    sheet.merge_range(row, 0, row, 7, "", w.label)
    sheet.write_string(row, 0, w.t("xlsx.levels"), w.label)
    row += 1
    # a completeness (CTS Q/ZG025-2022) is bounded in %
    bound_header = "xlsx.col_min_completeness" if rubric.model == "completeness" else "xlsx.col_min"
    for col, header in enumerate([bound_header, "xlsx.level", "xlsx.stars", "xlsx.passed"]):
        sheet.write_string(row, col, w.t(header), w.header)
    fit_row(sheet, row, [(w.t(header), SUMMARY_WIDTHS[col])
                         for col, header in enumerate([bound_header, "xlsx.level", "xlsx.stars", "xlsx.passed"])])
    row += 1
    for level in rubric.levels:
        sheet.write_number(row, 0, plain(level.min), w.number)
        sheet.write_string(row, 1, str(level.label[lang]), w.text)
        if level.stars is not None:
            sheet.write_number(row, 2, level.stars, w.whole)
        sheet.write_number(row, 3, 1 if level.passed else 0, w.flag)
        row += 1
    return row + 1, _Block(passed=passed_ref, stars=stars_ref)


def _combined(w: _Writer, sheet: Any, row: int, blocks: dict[str, _Block], combined: dict[str, Any]) -> int:
    """The combined GB/T 27922 + CTS rating (CTS Q/ZG025-2022 6.3 a) below the two blocks."""
    gbt, cts = blocks[GBT], blocks[CTS]
    sheet.merge_range(row, 0, row, 7, "", w.heading)
    sheet.write_string(row, 0, w.t("xlsx.combined"), w.heading)
    row += 1
    both = f"AND({gbt.passed}=1,{cts.passed}=1)"
    fail = w.t("xlsx.combined_fail").replace('"', '""')
    _total(w, sheet, row, w.t("xlsx.stars"), f'=IF({both},MIN({gbt.stars}+{cts.stars},{MAX_STARS}),"{fail}")',
           combined["stars"] if combined["stars"] is not None else w.t("xlsx.combined_fail"), w.result_whole)
    _total(w, sheet, row + 1, w.t("xlsx.passed"), f"=IF({both},1,0)", 1 if combined["passed"] else 0,
           w.result_flag)
    return row + 3


def _plan(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None) -> dict[str, Any] | None:
    """The improvement plan of the file (``plan: {target: ...}``, :func:`calculator.plan.plan`),
    or None without one."""
    wanted = data.get("plan") if isinstance(data, Mapping) else None
    if not isinstance(wanted, Mapping) or not wanted.get("target"):
        return None
    from .plan import plan

    return plan(rubrics, data, str(wanted["target"]), custom)


def _plan_sheet(w: _Writer, sheet: Any, rubrics: Mapping[str, Rubric], made: dict[str, Any]) -> None:
    """The Plan sheet: the target, whether it is reachable, the steps, and the result when done."""
    for col, (_, _, width) in enumerate(PLAN_COLUMNS):
        sheet.set_column(col, col, width)
    row = 0
    # a combined file is planned for a number of stars (stars-<n>), one standard for a level
    combined = "target_label" not in made
    target = w.t("plan.target_option_stars", stars=made["target_stars"]) if combined else made["target_label"][w.lang]
    facts: list[tuple[str, Any]] = [("xlsx.plan_target_stars" if combined else "xlsx.plan_target", target),
                                    ("xlsx.plan_reachable", w.t("xlsx.answer_yes") if made["reachable"] else w.t("xlsx.answer_no"))]
    if made.get("reason"):
        facts.append(("xlsx.plan_reason", messages.render(made["reason"], "result", w.lang, w.words)))
    if made.get("reached"):
        facts.append(("xlsx.plan_reason", w.t("plan.reached")))
    if made.get("score_after_text") is not None:
        facts.append(("xlsx.plan_after", made["score_after_text"] + ("%" if made.get("model") == "completeness" else "")))
    if made.get("level_after_label"):
        facts.append(("xlsx.plan_level_after", made["level_after_label"][w.lang]))
    elif made.get("stars_after") is not None:
        facts.append(("xlsx.plan_stars_after", w.t("plan.target_option_stars", stars=made["stars_after"])))
    for label, value in facts:
        sheet.merge_range(row, 0, row, 1, "", w.label)
        sheet.write_string(row, 0, w.t(label), w.label)
        sheet.merge_range(row, 2, row, 6, "", w.text)
        sheet.write_string(row, 2, str(value), w.text)
        row += 1
    row += 1
    head = row
    for col, (_, header, _) in enumerate(PLAN_COLUMNS):
        sheet.write_string(row, col, w.t(header), w.header)
    sheet.freeze_panes(row + 1, 0)
    row += 1
    default = made.get("standard")
    for step in made["steps"]:
        rubric = find_rubric(rubrics, str(step.get("standard") or default))
        item = rubric.items[step["item"]]
        clause = rubric.clauses[step["clause"]]
        values = {"standard": rubric.code, "item": step["item"], "clause": f"{clause.id} {clause.title[w.lang]}",
                  "text": str(item.text[w.lang]), "owner": step.get("owner") or "", "due": step.get("due") or "",
                  "status": w.t(STATUS[step["status"]]) if step.get("status") in STATUS else ""}
        for col, (key, _, _) in enumerate(PLAN_COLUMNS):
            if key == "points":
                sheet.write_number(row, col, step["points"], w.number)
            elif key in ("from", "to"):
                # as the page and the text plan show it: a percentage, or "unrated"
                value = step.get(key)
                shown = w.t("plan.unrated") if value is None else rating_percent(value)
                sheet.write_string(row, col, shown, w.rating)
            elif values[key]:
                sheet.write_string(row, col, str(values[key]), w.text)
        row += 1
    if row > head + 1:
        points_col = PLAN_COLUMNS.index(next(c for c in PLAN_COLUMNS if c[0] == "points"))
        sheet.write_string(row, points_col - 1, w.t("xlsx.plan_total"), w.label)
        sheet.write_formula(row, points_col, f"=SUM({cell(head + 1, points_col)}:{cell(row - 1, points_col)})",
                            w.result, sum(step.get("points") or 0 for step in made["steps"]))
        row += 1
    row += 1
    for note in (w.t("plan.method"), w.t("report.notice")):
        sheet.merge_range(row, 0, row, len(PLAN_COLUMNS) - 1, "", w.text)
        sheet.write_string(row, 0, note, w.text)
        fit_row(sheet, row, [(note, sum(width for _, _, width in PLAN_COLUMNS))])
        row += 1
    sheet.repeat_rows(head)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def workbook(rubrics: Mapping[str, Rubric], data: Any, lang: str, custom: Profile | None = None,
             catalogue: Catalogue | None = None) -> bytes:
    """The workbook (``.xlsx`` bytes) of an assessment file (one standard, or
    ``assessments: [...]``), words in ``lang``: see the module docstring. The assessment
    is scored first, so a bad one raises the scoring's own error and nothing is written."""
    words = _catalogue(catalogue)
    lang = lang if lang in LANGS else "zh"
    scored = score(rubrics, data, custom)
    made = _plan(rubrics, data, custom)
    try:
        import xlsxwriter
    except ImportError:
        raise InputFileError("xlsx-unavailable") from None
    results: list[dict[str, Any]] = scored.get("results", [scored])
    parts = _parts(data)
    w = _Writer(xlsxwriter, words, lang)
    summary = w.book.add_worksheet(w.t("xlsx.sheet_summary"))
    items = w.book.add_worksheet(w.t("xlsx.sheet_items"))
    plan_sheet = w.book.add_worksheet(w.t("xlsx.sheet_plan")) if made else None
    spans = _items_sheet(w, items, rubrics, results, parts)
    for col, width in enumerate(SUMMARY_WIDTHS):
        summary.set_column(col, col, width)
    row = _details(w, summary, 0, data, parts)
    blocks: dict[str, _Block] = {}
    for result, span in zip(results, spans):
        rubric = find_rubric(rubrics, result["standard"])
        row, blocks[rubric.id] = _standard_block(w, summary, row, rubric, result, span,
                                                  sheet_ref(w.t("xlsx.sheet_items")))
    if "combined" in scored:
        row = _combined(w, summary, row, blocks, scored["combined"])
    summary.set_paper(9)
    summary.fit_to_pages(1, 0)
    summary.activate()
    if plan_sheet is not None and made is not None:
        _plan_sheet(w, plan_sheet, rubrics, made)
    return w.finish()
