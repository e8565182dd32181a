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

from .errors import CalculatorError, UnknownStandardError
from .form import form_model, profile_view
from .jsontext import dumps, loads
from .model import Rubric, load_rubric
from .profiles import profile_for
from .scoring import score

_RUBRICS: dict[str, Rubric] = {}
_DATA: dict[str, Any] = {}


def _error(exc: CalculatorError) -> str:
    """The error as the page words it: its code and parameters (and the English message)."""
    return dumps({"ok": False, "error": {"type": type(exc).__name__, "message": str(exc),
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
    return dumps({"ok": True, "id": rubric.id, "items": list(rubric.items)})


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
    return dumps({"ok": True, "result": result})


def form_json(standard: str) -> str:
    """The form model of a loaded standard (:func:`calculator.form.form_model`): the same
    JSON the site build ships as ``assets/calc/form/<standard>.json``."""
    if standard not in _RUBRICS:
        return _error(UnknownStandardError("unknown-standard", standard=standard, known=sorted(_RUBRICS)))
    return dumps({"ok": True, "form": form_model(_DATA[standard], _RUBRICS[standard])})


def profile_view_json(profile_json: str) -> str:
    """What a user's weight profile (JSON text, the CLI's format) changes on the form: the
    sections and items it scores and whether it is provisional; or why it is refused."""
    try:
        custom = profile_for(loads(profile_json), _RUBRICS)
    except CalculatorError as exc:
        return _error(exc)
    return dumps({"ok": True, "view": profile_view(_RUBRICS[custom.standard], custom, custom=True)})


def study_json(seed: int, count: int = 10) -> str:
    """Practice questions for ``seed`` (see :mod:`calculator.study`), from the loaded rubrics."""
    from .study import questions

    try:
        return dumps({"ok": True, "questions": questions(_RUBRICS, int(seed), int(count))})
    except CalculatorError as exc:
        return _error(exc)
