"""An assessment as CSV for a spreadsheet, and such a CSV back to an assessment.

Columns (headers in the reader's language, catalogue group ``csv``; either language, or
the column keys themselves, are read back)::

    standard, profile, item, clause, rating, band, points, earned, note

One row per item the profile scores, in the standard's order, for each standard of the
file (a combined GB/T 27922 + CTS assessment has both). ``rating`` is the rating as
entered (a share 0..1, ``na``, or empty when unrated); ``band`` words it (CTS Q/ZG025-2022
Table 1's range, met / not met / partly met, excluded, not rated); ``points`` and
``earned`` are what the calculator scored. An excluded item (``na``) has no ``earned``
and its band says it is excluded: it leaves the total, it does not lose points.

Rows that are not items carry a key of the assessment file in the ``item`` column:
``title`` (the assessment's name, in ``note``; with an empty ``standard``, the name of a
combined file) and, for GB/T 27922-2011, ``special_deductions`` and ``special_bonus``
(their counts in ``rating``); ``report.enterprise``, ``report.site``, ``report.assessor`` and
``report.date`` carry what the printed report names (in ``note``; beside ``title``).

Reading back (:func:`read_csv`) takes ``standard``, ``profile``, ``item``, ``rating`` and
``note``; the other columns are what the calculator works out and are ignored. Rows are
numbered as a spreadsheet numbers them (the header is row 1).

Spreadsheet formulas: a cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return would be run as a formula by spreadsheet programs (CSV injection). Such a
cell is written with a leading apostrophe, which spreadsheets show as text, and the
apostrophe is removed again on reading, so every note comes back exactly as written (see
:func:`guard` and :func:`unguard`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

from . import messages
from .assessment import REPORT_KEYS
from .errors import InputFileError, quote
from .jsontext import check_values
from .limits import MAX_NUMBER_CHARS
from .messages import Catalogue
from .model import Rubric
from .numbers import ONE, ZERO, plain, to_decimal
from .profiles import Profile
from .scoring import find_rubric, score

# column key -> its header (catalogue entry)
HEADERS = {"standard": "csv.col_standard", "profile": "csv.col_profile", "item": "csv.col_item",
           "clause": "csv.col_clause", "rating": "csv.col_rating", "band": "csv.col_band",
           "points": "csv.col_points", "earned": "csv.col_earned", "note": "csv.col_note"}
COLUMNS = tuple(HEADERS)
REQUIRED = ("standard", "item", "rating")
TITLE, DEDUCTIONS, BONUS = "title", "special_deductions", "special_bonus"
SPECIAL = {DEDUCTIONS: "csv.special_deductions", BONUS: "csv.special_bonus"}
REPORT = {"report.enterprise": "csv.report_enterprise", "report.site": "csv.report_site",
          "report.assessor": "csv.report_assessor", "report.date": "csv.report_date"}
assert [key.removeprefix("report.") for key in REPORT] == list(REPORT_KEYS)
GBT_MODEL = "gbt-27922"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
BOM = "\ufeff"
NUMBER = re.compile(r"^[0-9]+(\.[0-9]*)?$|^\.[0-9]+$")
WHOLE = re.compile(r"^[0-9]+$")
LANGS = ("zh", "en")


def guard(text: str) -> str:
    """The cell as written: with a leading apostrophe when a spreadsheet would take it for a
    formula (or when it already starts with apostrophes before such a character, so that
    :func:`unguard` gives back exactly the text)."""
    return GUARD + text if _needs_guard(text) else text


def unguard(cell: str) -> str:
    """The text of a written cell: the apostrophe :func:`guard` added, removed."""
    return cell[1:] if cell.startswith(GUARD) and _needs_guard(cell[1:]) else cell


def _needs_guard(text: str) -> bool:
    return text.lstrip(GUARD).startswith(FORMULA_START)


def _catalogue(catalogue: Catalogue | None) -> Catalogue:
    """The catalogue the headers and words come from: the one given, else the installed one."""
    found = catalogue or messages.installed()
    if found is None or "csv.col_item" not in found:
        raise InputFileError("csv-no-strings")
    return found


def _number(value: Any) -> str:
    """A number as the JSON result writes it (``1``, ``0.8``)."""
    return str(value)


def _entered(value: Any) -> str:
    """A rating as the assessment holds it: a number, ``na``, or empty when unrated."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip().lower()
    return _number(value)


def _band(rubric: Rubric, value: Any, lang: str, words: Catalogue) -> str:
    """The rating in words: excluded, not rated, not met, CTS Table 1's range, met, partly met."""
    if value is None:
        return words.text("csv.unrated", lang)
    if isinstance(value, str):
        return words.text("csv.excluded", lang)
    share = to_decimal(value)
    if share == ZERO:
        return words.text("csv.not_met", lang)
    band = rubric.band_for(share)
    if band is not None:
        return words.text("csv.band", lang, min=band.min_percent, max=band.max_percent)
    if share == ONE:
        return words.text("csv.met", lang)
    return words.text("csv.partly", lang, percent=_number(plain(share * 100)))


def _parts(assessment: Any) -> list[Mapping[str, Any]]:
    if isinstance(assessment, Mapping) and isinstance(assessment.get("assessments"), list):
        return [one for one in assessment["assessments"] if isinstance(one, Mapping)]
    return [assessment]


def csv_rows(assessment: Any, rubrics: Mapping[str, Rubric], lang: str, custom: Profile | None = None,
             catalogue: Catalogue | None = None) -> list[list[str]]:
    """The rows of the CSV export of an assessment (one standard, or ``assessments: [...]``):
    a header row in ``lang``, then one row per scored item (module docstring). The
    assessment is scored first, so a bad one raises the scoring's own error and nothing is
    written; cells come back guarded against formulas."""
    words = _catalogue(catalogue)
    scored = score(rubrics, assessment, custom)
    results = scored.get("results", [scored])
    rows: list[list[str]] = [[words.text(HEADERS[key], lang) for key in COLUMNS]]
    if len(results) > 1 and isinstance(assessment.get("title"), str):
        rows.append(_row(item=TITLE, clause=words.text("csv.title", lang), note=assessment["title"]))
    if len(results) > 1:
        rows += _report_rows(assessment, words, lang)
    for part, result in zip(_parts(assessment), results):
        rubric = find_rubric(rubrics, result["standard"])
        named = part.get("profile") or ""
        ratings = part.get("ratings") or {}
        notes = part.get("notes") or {}
        if isinstance(part.get("title"), str):
            rows.append(_row(standard=rubric.id, profile=named, item=TITLE, clause=words.text("csv.title", lang),
                             note=part["title"]))
        rows += _report_rows(part, words, lang, standard=rubric.id, profile=named)
        for item in result["items"]:
            clause = rubric.clauses[item["clause"]]
            value = ratings.get(item["id"])
            rows.append(_row(
                standard=rubric.id, profile=named, item=item["id"], clause=f"{clause.id} {clause.title[lang]}",
                rating=_entered(value), band=_band(rubric, value, lang, words), points=_number(item["points"]),
                earned=_number(item["earned"]) if item["applicable"] else "", note=notes.get(item["id"], "")))
        if rubric.model == GBT_MODEL:
            for key, label in SPECIAL.items():
                rows.append(_row(standard=rubric.id, profile=named, item=key, clause=words.text(label, lang),
                                 rating=_number(part.get(key, 0))))
    return [[guard(cell) for cell in row] for row in rows]


def _report_rows(part: Mapping[str, Any], words: Catalogue, lang: str, **cells: str) -> list[list[str]]:
    """The rows of an assessment's ``report`` (what the printed report names), in order."""
    report = part.get("report") or {}
    return [_row(**cells, item=key, clause=words.text(label, lang), note=report[key.removeprefix("report.")])
            for key, label in REPORT.items() if report.get(key.removeprefix("report."))]


def _row(**cells: str) -> list[str]:
    return [cells.get(key, "") for key in COLUMNS]


def to_csv(rows: Sequence[Sequence[str]], bom: bool = True) -> str:
    """CSV text of rows (RFC 4180: commas, double quotes, CRLF), with a byte order mark by
    default so that spreadsheet programs read it as UTF-8."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return (BOM if bom else "") + out.getvalue()


def _headers(catalogue: Catalogue) -> dict[str, str]:
    """Header text (either language, or the key) -> column key."""
    known = {key: key for key in COLUMNS}
    for key in COLUMNS:
        for lang in LANGS:
            known[catalogue.text(HEADERS[key], lang).strip().casefold()] = key
    return known


def _records(text: str) -> list[tuple[int, list[str]]]:
    """The CSV records with their spreadsheet row numbers (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), strict=True)
    out: list[tuple[int, list[str]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            out.append((number, record))
    except csv.Error:
        raise InputFileError("csv-unreadable", row=len(out) + 1) from None
    return out


def _columns(header: list[str], catalogue: Catalogue) -> dict[str, int]:
    known = _headers(catalogue)
    where: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = unguard(cell).strip()
        if not text:
            continue
        key = known.get(text.casefold())
        if key is None:
            raise InputFileError("csv-unknown-column", value=quote(text), column=index + 1,
                                 known=[dict(catalogue[HEADERS[name]]) for name in COLUMNS])
        if key in where:
            raise InputFileError("csv-duplicate-column", value=quote(text), column=index + 1, first=where[key] + 1)
        where[key] = index
    missing = [key for key in REQUIRED if key not in where]
    if missing:
        raise InputFileError("csv-missing-column",
                             column={lang: catalogue.text(HEADERS[missing[0]], lang) for lang in LANGS})
    return where


def _rating(cell: str, item: str, row: int) -> Any:
    """A rating cell: ``na`` (any case), or a number from 0 to 1 (an int when whole)."""
    if cell.lower() == "na":
        return "na"
    if NUMBER.match(cell):
        if len(cell) > MAX_NUMBER_CHARS:
            raise InputFileError("csv-number-too-long", row=row, item=item, length=len(cell), limit=MAX_NUMBER_CHARS)
        value: int | float = int(cell) if WHOLE.match(cell) else float(cell)
        if to_decimal(value) <= ONE:
            return value
    raise InputFileError("csv-bad-rating", row=row, item=item, value=quote(cell))


def _special(cell: str, item: str, row: int) -> int:
    """A count of special deductions (a whole number) or the bonus (0 or 1)."""
    if WHOLE.match(cell) and (item == DEDUCTIONS or cell in ("0", "1")):
        if len(cell) > MAX_NUMBER_CHARS:
            raise InputFileError("csv-number-too-long", row=row, item=item, length=len(cell), limit=MAX_NUMBER_CHARS)
        return int(cell)
    raise InputFileError("csv-bad-special", row=row, item=item, value=quote(cell))


class _Row:
    """One CSV record read by column key: its text unguarded, stripped unless ``raw``; a
    cell the record lacks (a short row) is empty."""

    def __init__(self, cells: list[str], columns: dict[str, int]) -> None:
        self.cells, self.columns = cells, columns

    def __call__(self, key: str, raw: bool = False) -> str:
        index = self.columns.get(key)
        value = unguard(self.cells[index]) if index is not None and index < len(self.cells) else ""
        return value if raw else value.strip()


def read_csv(text: str, catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The assessment (the CLI's file format) a CSV export holds: one standard, or
    ``assessments: [...]`` when it holds several (or a combined file's title). Every
    problem raises :class:`InputFileError` naming the row and quoting the bad value."""
    words = _catalogue(catalogue)
    records = [(number, cells) for number, cells in _records(text) if any(cell.strip() for cell in cells)]
    if not records:
        raise InputFileError("csv-empty")
    columns = _columns(records[0][1], words)
    width = len(records[0][1])
    parts: dict[str, dict[str, Any]] = {}
    first_row: dict[tuple[str, str], int] = {}
    profiles: dict[str, tuple[str, int]] = {}
    outer_title: str | None = None
    outer_report: dict[str, str] = {}
    for row, cells in records[1:]:
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise InputFileError("csv-row-length", row=row, count=len(cells), expected=width)
        cell = _Row(cells, columns)
        standard, item = cell("standard"), cell("item")
        if not item:
            raise InputFileError("csv-no-item", row=row)
        if (standard, item) in first_row:
            raise InputFileError("csv-duplicate-item", row=row, item=item, first=first_row[standard, item])
        first_row[standard, item] = row
        if not standard:
            if item in REPORT:
                outer_report[item.removeprefix("report.")] = cell("note", raw=True)
                continue
            if item != TITLE:
                raise InputFileError("csv-no-standard", row=row, item=item)
            outer_title = cell("note", raw=True)
            continue
        part = parts.setdefault(standard, {"standard": standard})
        profile = cell("profile")
        if profile:
            if standard in profiles and profiles[standard][0] != profile:
                raise InputFileError("csv-profile-differs", row=row, value=quote(profile), standard=standard,
                                     first=profiles[standard][0], first_row=profiles[standard][1])
            profiles[standard] = (profile, row)
            part["profile"] = profile
        rating, note = cell("rating"), cell("note", raw=True)
        if item == TITLE:
            part["title"] = note
        elif item in REPORT:
            part.setdefault("report", {})[item.removeprefix("report.")] = note
        elif item in SPECIAL:
            if rating:
                part[item] = _special(rating, item, row)
        else:
            if rating:
                part.setdefault("ratings", {})[item] = _rating(rating, item, row)
            if note:
                part.setdefault("notes", {})[item] = note
    if not parts:
        raise InputFileError("csv-no-rows")
    many = [_ordered(part) for part in parts.values()]
    if len(many) == 1 and outer_title is None and not outer_report:
        return check_values(many[0], text)
    combined: dict[str, Any] = {"assessments": many}
    if outer_title is not None:
        combined["title"] = outer_title
    if outer_report:
        combined["report"] = outer_report
    return check_values(combined, text)


def _ordered(part: dict[str, Any]) -> dict[str, Any]:
    """An assessment with its keys in the file format's order, ratings always present."""
    order = ("standard", "title", "profile", "report", "ratings", "notes", *SPECIAL)
    part.setdefault("ratings", {})
    return {key: part[key] for key in order if key in part}

