"""The calculator's errors: a small hierarchy; each error is a code and parameters.

Every error a user can cause is a :class:`CalculatorError` raised as
``SomeError("code", name=value, ...)``. The code names an entry ``error.<code>`` of the
string catalogue (``rubrics/strings.yaml``), which words the problem in Chinese and in
English; the parameters fill its placeholders and quote the bad value. The CLI prints the
message in the reader's language on one line and exits non-zero; the browser words the
same code and parameters in the page's language. ``str(error)`` is the English message
(from the catalogue installed with :func:`calculator.messages.use`; without one, the code
and parameters). Nothing else escapes as a traceback.
"""

from __future__ import annotations

import json
from typing import Any

from . import messages


def _plain(value: Any) -> Any:
    """A parameter as JSON-ready data: text, numbers, lists, nested messages, bilingual texts."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(entry) for entry in value]
    if isinstance(value, dict):
        return {str(key): _plain(entry) for key, entry in value.items()}
    return str(value)


class CalculatorError(ValueError):
    """Base class of every error caused by bad input (rubric, assessment, profile, file, command line).

    ``code`` (a stable id such as ``unknown-item``) and ``params`` are what the reader's
    language is filled from; a parameter may itself be a message ``{code, params}`` (the
    problem inside one entry of a combined file, inside a named file).
    """

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = {key: _plain(value) for key, value in params.items()}

    def as_message(self) -> dict[str, Any]:
        """The error as a message: ``{"code": ..., "params": {...}}``."""
        return {"code": self.code, "params": self.params}

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` from the installed catalogue (code and parameters without one)."""
        return messages.error_text(self.as_message(), lang)

    def __str__(self) -> str:
        return self.text("en")


class RubricError(CalculatorError):
    """A rubric is malformed: missing keys, duplicate ids, points that do not add up."""


class UnknownStandardError(CalculatorError):
    """An assessment or command names a standard for which no rubric exists."""


class AssessmentError(CalculatorError):
    """An assessment is malformed: unknown keys, unknown item ids, nothing applicable."""


class RatingError(AssessmentError):
    """A rating is not a number from 0 to 1 and not ``na``."""


class ProfileError(CalculatorError):
    """A weight profile names unknown units, leaves units out, or its points do not add up."""


class InputFileError(CalculatorError):
    """A file given to the CLI cannot be read or parsed."""


class StudyError(CalculatorError):
    """Practice questions cannot be made: a rubric they draw on is not loaded, or the seed or
    the number of questions is not a whole number."""


class UsageError(CalculatorError):
    """The command line itself is wrong: unknown command or option, missing argument."""


def quote(value: object) -> str:
    """A user-supplied value as the reader wrote it (JSON text: ``"high"``, ``true``, ``null``,
    ``[1]``), shortened to stay on one line. Never a Python repr."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    if len(text) > 60:
        text = text[:57] + "..."
    return text
