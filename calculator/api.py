"""The browser's entry point: text in, text out, never an exception.

The Web Worker hands over the rubric JSON (as built from ``rubrics/*.yaml``) and the
assessment JSON; it gets back ``{"ok": true, "result": {...}}`` or
``{"ok": false, "error": {"type": ..., "message": ...}}``. The numbers it shows are the
ones computed here, by the same functions the CLI calls.
"""

from __future__ import annotations

from typing import Any

from .errors import CalculatorError, ProfileError
from .jsontext import dumps, loads
from .model import Rubric, load_rubric
from .profiles import load_profile
from .scoring import score

_RUBRICS: dict[str, Rubric] = {}


def _error(exc: CalculatorError) -> str:
    return dumps({"ok": False, "error": {"type": type(exc).__name__, "message": str(exc),
                                         "code": exc.code, "params": exc.params}})


def add_rubric(rubric_json: str) -> str:
    """Load one rubric (JSON text) for later scoring; answers with its id or an error."""
    try:
        rubric = load_rubric(loads(rubric_json, "rubric"))
    except CalculatorError as exc:
        return _error(exc)
    _RUBRICS[rubric.id] = rubric
    return dumps({"ok": True, "id": rubric.id, "items": list(rubric.items)})


def score_json(assessment_json: str, profile_json: str | None = None) -> str:
    """Score an assessment given as JSON text in the CLI's file format, optionally with a
    user's weight profile (JSON text in the CLI's profile format)."""
    try:
        custom = None
        if profile_json:
            data = loads(profile_json, "profile")
            standard = data.get("standard") if isinstance(data, dict) else None
            rubric = _RUBRICS.get(standard) if isinstance(standard, str) else None
            if rubric is None:
                raise ProfileError(f"profile: unknown standard {standard!r}; known: {', '.join(sorted(_RUBRICS))}")
            custom = load_profile(data, rubric)
        result: Any = score(_RUBRICS, loads(assessment_json, "assessment"), custom)
    except CalculatorError as exc:
        return _error(exc)
    return dumps({"ok": True, "result": result})


def study_json(seed: int, count: int = 10) -> str:
    """Practice questions for ``seed`` (see :mod:`calculator.study`), from the loaded rubrics."""
    from .study import questions

    try:
        return dumps({"ok": True, "questions": questions(_RUBRICS, int(seed), int(count))})
    except (CalculatorError, KeyError) as exc:
        return dumps({"ok": False, "error": {"type": type(exc).__name__, "message": str(exc),
                                         "code": exc.code, "params": exc.params}})
