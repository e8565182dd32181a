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
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from . import messages
from .limits import MAX_SHOWN

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown(text: str) -> str:
    """A text as a message shows it: on one line, printable, at most MAX_SHOWN characters.

    Line breaks, other control characters and lone surrogates (which no encoding can write)
    become escapes (``\\n``, ``\\u001b``, ``\\ud800``); the middle of a long text is left out.
    """
    if len(text) > MAX_SHOWN:
        half = (MAX_SHOWN - 3) // 2
        text = text[:half] + "..." + text[-half:]
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), text)


def _plain(value: Any) -> Any:
    """A parameter as JSON-ready data: text (see :func:`shown`), numbers, lists, nested
    messages, bilingual texts."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, (list, tuple)):
        return [_plain(entry) for entry in value]
    if isinstance(value, dict):
        return {str(key): _plain(entry) for key, entry in value.items()}
    return shown(str(value))


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


QUOTE_CHARS = 60
"""A quoted value is shortened to this many characters."""


def _whole(value: int) -> str:
    """An int as JSON writes it; one too long for ``str`` (over 4300 digits) in hexadecimal,
    which takes no time (a YAML file may write it so: ``0xfff...``)."""
    try:
        return str(value) if value.bit_length() <= 14_000 else hex(value)
    except ValueError:
        return hex(value)


def _key(key: object) -> str:
    """A mapping key as JSON writes it (``1`` as ``"1"``, ``None`` as ``"null"``)."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, float)):
        return json.dumps(key)
    return _whole(key) if isinstance(key, int) else str(key)


def _pieces(value: object, budget: list[int], open_: set[int]) -> Iterator[str]:
    """The JSON text of ``value`` piece by piece, until ``budget[0]`` characters are spent: a
    value of any size or depth (an alias bomb, a list that holds itself, an int of a million
    digits) costs only the pieces shown."""
    if budget[0] <= 0:
        return
    if value is None or isinstance(value, (bool, float)):
        piece = json.dumps(value)
    elif isinstance(value, int):
        piece = _whole(value)
    elif isinstance(value, Decimal):
        piece = str(value)
    elif isinstance(value, str):
        piece = json.dumps(value[:QUOTE_CHARS + 1], ensure_ascii=False)
    elif isinstance(value, (list, tuple, Mapping)) and id(value) in open_:
        piece = "[...]" if isinstance(value, (list, tuple)) else "{...}"
    elif isinstance(value, (list, tuple, Mapping)):
        open_.add(id(value))
        mapping = isinstance(value, Mapping)
        entries: Iterator[Any] = iter(value.items()) if isinstance(value, Mapping) else iter(value)
        budget[0] -= 1
        yield "{" if mapping else "["
        for index, entry in enumerate(entries):
            if budget[0] <= 0:
                return
            if index:
                budget[0] -= 2
                yield ", "
            if mapping:
                key, entry = entry
                yield from _pieces(_key(key), budget, open_)
                budget[0] -= 2
                yield ": "
            yield from _pieces(entry, budget, open_)
        open_.discard(id(value))
        budget[0] -= 1
        yield "}" if mapping else "]"
        return
    else:
        piece = json.dumps(str(value)[:QUOTE_CHARS + 1], ensure_ascii=False)
    budget[0] -= len(piece)
    yield piece


def quote(value: object) -> str:
    """A user-supplied value as the reader wrote it (JSON text: ``"high"``, ``true``, ``null``,
    ``[1]``), shortened to stay on one line. Never a Python repr; bounded in time whatever
    the value's size (only what is shown is looked at)."""
    text = "".join(_pieces(value, [QUOTE_CHARS + 1], set()))
    if len(text) > QUOTE_CHARS:
        text = text[:QUOTE_CHARS - 3] + "..."
    return text
