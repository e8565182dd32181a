"""The browser's entry point: text in, text out, never an exception.

The Web Worker hands over the rubric JSON (as built from ``rubrics/*.yaml``) and the
assessment JSON; it gets back ``{"ok": true, "result": {...}}`` or
``{"ok": false, "error": {"type": ..., "code": ..., "params": {...}, "message": ...}}``: the
page words the code and parameters in its language (``message`` is the English text when
a catalogue is installed, else the code). The numbers it shows are the
ones computed here, by the same functions the CLI calls. The form the page draws comes from
:mod:`calculator.form` (shipped by the site build; asked here only for a custom profile).
"""

from __future__ import annotations

from typing import Any

from . import messages
from .errors import CalculatorError, InputFileError, UnknownStandardError, quote
from .form import form_model, profile_view
from .jsontext import compact, loads
from .model import Rubric, load_rubric
from .profiles import profile_for
from .scoring import score

_RUBRICS: dict[str, Rubric] = {}
_DATA: dict[str, Any] = {}


def _error(exc: CalculatorError) -> str:
    """The error as the page words it: its code and parameters (and the English message)."""
    return compact({"ok": False, "error": {"type": type(exc).__name__, "message": str(exc),
                                         "code": exc.code, "params": exc.params}})


def add_rubric(rubric_json: str) -> str:
    """Load one rubric (JSON text) for later scoring; answers with its id or an error."""
    try:
        data = loads(rubric_json)
        rubric = load_rubric(data)
    except CalculatorError as exc:
        return _error(exc)
    _RUBRICS[rubric.id] = rubric
    _DATA[rubric.id] = data
    return compact({"ok": True, "id": rubric.id, "items": list(rubric.items)})


def score_json(assessment_json: str, profile_json: str | None = None) -> str:
    """Score an assessment given as JSON text in the CLI's file format, optionally with a
    user's weight profile (JSON text in the CLI's profile format)."""
    try:
        custom = None
        if profile_json:
            custom = profile_for(loads(profile_json), _RUBRICS)
        result: Any = score(_RUBRICS, loads(assessment_json), custom)
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "result": result})


def plan_json(assessment_json: str, target: str | None = None, profile_json: str | None = None) -> str:
    """The levels a plan can aim at and the improvement plan (:func:`calculator.plan.plan`)
    of an assessment (JSON text in the CLI's file format) to ``target`` (default: the file's
    ``plan.target``): ``{"ok": true, "targets": [...], "plan": {...} or null}`` (null when no
    target is chosen)."""
    from .plan import plan, targets

    try:
        custom = profile_for(loads(profile_json), _RUBRICS) if profile_json else None
        data = loads(assessment_json)
        named = data.get("plan", {}).get("target") if isinstance(data, dict) and isinstance(data.get("plan"), dict) else None
        # a plan names the levels above the current one itself: the file is scored once, not twice
        made: Any = plan(_RUBRICS, data, target, custom) if target or named else None
        aims = made["targets"] if made is not None else targets(_RUBRICS, data, custom)
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "targets": aims, "plan": made})


def form_json(standard: str) -> str:
    """The form model of a loaded standard (:func:`calculator.form.form_model`): the same
    JSON the site build ships as ``assets/calc/form/<standard>.json``."""
    if standard not in _RUBRICS:
        return _error(UnknownStandardError("unknown-standard", standard=standard, known=sorted(_RUBRICS)))
    return compact({"ok": True, "form": form_model(_DATA[standard], _RUBRICS[standard])})


def profile_view_json(profile_json: str) -> str:
    """What a user's weight profile (JSON text, the CLI's format) changes on the form: the
    sections and items it scores and whether it is provisional; or why it is refused."""
    try:
        custom = profile_for(loads(profile_json), _RUBRICS)
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "view": profile_view(_RUBRICS[custom.standard], custom, custom=True)})


def study_json(seed: int, count: int = 10) -> str:
    """Practice questions for ``seed`` (see :mod:`calculator.study`), from the loaded rubrics."""
    from .study import questions

    try:
        return compact({"ok": True, "questions": questions(_RUBRICS, seed, count)})
    except CalculatorError as exc:
        return _error(exc)


def add_strings(strings_json: str) -> str:
    """Install catalogue entries (JSON text ``{group: {key: {zh, en}}}``, such as the ``csv``
    group) for the words Python writes itself: the CSV headers and rating words, in both
    languages, since a CSV in either language is read back. Adds to what is installed."""
    try:
        data = loads(strings_json)
        merged: dict[str, dict[str, Any]] = {}
        for name, entry in (messages.installed() or {}).items():
            group, key = name.split(".", 1)
            merged.setdefault(group, {})[key] = dict(entry)
        if not isinstance(data, dict):
            raise InputFileError("bad-strings", problem=quote(data))
        for group, members in data.items():
            if not isinstance(members, dict):
                raise InputFileError("bad-strings", problem=quote(group))
            merged.setdefault(group, {}).update(members)
        catalogue = messages.Catalogue(merged)
    except CalculatorError as exc:
        return _error(exc)
    except messages.CatalogueError as exc:
        return _error(InputFileError("bad-strings", problem=str(exc)))
    messages.use(catalogue)
    return compact({"ok": True, "entries": len(catalogue)})


def csv_json(assessment_json: str, lang: str, profile_json: str | None = None) -> str:
    """The CSV export of an assessment (JSON text in the CLI's file format, one standard or
    combined), headers and words in ``lang``: ``{"ok": true, "columns": [column key, ...],
    "rows": [[cell, ...], ...], "text": "<CSV with a byte order mark, CRLF lines>"}``, the
    column keys (``item``, ``band``, ...) naming the cells of each row in order. Needs
    :func:`add_strings` first."""
    from .exports import COLUMNS, csv_rows, to_csv

    try:
        custom = profile_for(loads(profile_json), _RUBRICS) if profile_json else None
        rows = csv_rows(loads(assessment_json), _RUBRICS, lang if lang in messages.LANGS else "zh", custom)
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "columns": list(COLUMNS), "rows": rows, "text": to_csv(rows)})


def read_csv_json(text: str) -> str:
    """A CSV export (text, headers in either language) back to the assessment it holds:
    ``{"ok": true, "assessment": {...}}`` in the CLI's file format, ready for
    :func:`score_json`. Needs :func:`add_strings` first."""
    from .exports import read_csv

    try:
        assessment = read_csv(str(text))
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "assessment": assessment})


def compare_json(a_json: str, b_json: str, profile_json: str | None = None, name_a: str = "A",
                 name_b: str = "B") -> str:
    """Two assessments (JSON text in the CLI's file format) compared, B against A, as
    ``aftersales compare A B`` compares them (:func:`calculator.compare.compare`):
    ``{"ok": true, "comparison": {...}}``; ``name_a`` and ``name_b`` name them in errors (the
    page gives the names of the saved assessments)."""
    from .compare import compare

    try:
        custom = profile_for(loads(profile_json), _RUBRICS) if profile_json else None
        comparison = compare(_RUBRICS, loads(a_json), loads(b_json), custom, names=(name_a, name_b))
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "comparison": comparison})

def xlsx_json(assessment_json: str, lang: str, profile_json: str | None = None) -> str:
    """The Excel workbook of an assessment (JSON text in the CLI's file format, one standard or
    combined), words in ``lang``: ``{"ok": true, "base64": "<the .xlsx bytes>"}``, the same
    workbook as ``score --format xlsx`` (:mod:`calculator.xlsx`). Needs :func:`add_strings`
    with the ``csv`` and ``xlsx`` groups first, and XlsxWriter importable (the worker unpacks
    the site's copy only when a visitor exports)."""
    import base64

    from .xlsx import workbook

    try:
        custom = profile_for(loads(profile_json), _RUBRICS) if profile_json else None
        data = workbook(_RUBRICS, loads(assessment_json), lang if lang in messages.LANGS else "zh", custom)
    except CalculatorError as exc:
        return _error(exc)
    return compact({"ok": True, "base64": base64.b64encode(data).decode("ascii")})
