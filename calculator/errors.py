"""The calculator's errors: a small hierarchy whose messages quote the bad value.

Every error a user can cause is a :class:`CalculatorError`. The CLI prints its message
on one line and exits non-zero; the browser shows the same message. Nothing else
escapes as a traceback.
"""

from __future__ import annotations


class CalculatorError(ValueError):
    """Base class of every error caused by bad input (rubric, assessment, file).

    ``code`` (a stable id such as ``unknown-item``) and ``params`` let the browser word
    the same problem in the page's language; the message itself is English.
    """

    def __init__(self, message: str, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = {key: value if isinstance(value, (int, float, str)) or value is None else str(value)
                       for key, value in params.items()}


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


def quote(value: object) -> str:
    """Quote a user-supplied value for an error message, shortened to stay on one line."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text
