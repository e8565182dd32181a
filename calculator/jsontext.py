"""Strict JSON reading shared by the CLI, the share link and the browser.

The standard library's ``json`` keeps the last of two equal keys and accepts ``NaN``;
both would silently change an assessment, so both are refused here. So are, each with a
message stating the limit (:mod:`calculator.limits`): a number written with more than
``MAX_NUMBER_CHARS`` characters, nesting deeper than ``MAX_DEPTH``, more than
``MAX_VALUES`` values, and text holding a lone surrogate (``"\\ud800"``: JSON can write
it, but it is not a character, and no UTF-8 file or terminal can hold it).
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from .errors import InputFileError
from .limits import MAX_DEPTH, MAX_NUMBER_CHARS, MAX_VALUES

T = TypeVar("T")
SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: a code point that is half of a UTF-16 pair, not a character."""
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_EMPTY = re.compile(r"\[\s*\]|\{\s*\}")
_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)  # a string or a bracket


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputFileError("duplicate-key", key=key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise InputFileError("json-constant", name=name)


def number_text(text: str) -> str:
    """The text of a number, refused when it is longer than MAX_NUMBER_CHARS characters."""
    if len(text) > MAX_NUMBER_CHARS:
        raise InputFileError("number-too-long", value=text[:40] + "...", length=len(text), limit=MAX_NUMBER_CHARS)
    return text


def _int(text: str) -> int:
    return int(number_text(text))


def _float(text: str) -> float:
    return float(number_text(text))


def path_to(parts: tuple[Any, ...]) -> str:
    """A place in parsed data as messages name it: ``title``, ``report.site``,
    ``ratings[5.1.1.a]``, ``assessments[0].notes[5.1.1.a]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out and _NAME.fullmatch(part):
            out += f".{part}"
        else:
            out = f"{out}[{part}]" if out else part
    return out


def _line_too_deep(text: str) -> int | None:
    """The line of the first value nested more than MAX_DEPTH deep in JSON text, or None. Only
    strings and brackets are looked at one by one (a flat list of a million numbers is two
    brackets); what lies between them is looked at only inside MAX_DEPTH levels."""
    depth = 0
    end = 0
    for match in _BRACKET.finditer(text):
        between = text[end:match.start()] if depth >= MAX_DEPTH else ""
        end = match.end()
        if between.strip(" \t\r\n,:"):  # a number or a literal, MAX_DEPTH levels in
            return text.count("\n", 0, match.start() - len(between)) + 1
        if match[0] in ("]", "}"):
            depth -= 1
        elif depth >= MAX_DEPTH:  # a string, a list or a mapping, MAX_DEPTH levels in
            return text.count("\n", 0, match.start()) + 1
        elif match[0] in ("[", "{"):
            depth += 1
    return None


def check_values(data: T, text: str) -> T:
    """``data`` parsed from JSON (or CSV) ``text``, refused when it nests more than MAX_DEPTH
    deep, holds more than MAX_VALUES values (keys count) or text with a lone surrogate, naming
    where."""
    stack: list[tuple[Any, int, tuple[Any, ...]]] = [(data, 1, ())]
    count = 0
    while stack:
        value, depth, path = stack.pop()
        count += 1
        if count > MAX_VALUES:
            raise InputFileError("too-many-values", limit=MAX_VALUES)
        if depth > MAX_DEPTH:
            raise InputFileError("json-too-deep", limit=MAX_DEPTH, line=_line_too_deep(text) or 1)
        if isinstance(value, str) and path:
            found = SURROGATE.search(value)
            if found:
                raise InputFileError("text-not-unicode", where=path_to(path), char=found[0])
        elif isinstance(value, dict):
            for key in value:
                count += 1
                found = SURROGATE.search(key)
                if found:
                    raise InputFileError("key-not-unicode", where=path_to((*path, key)), char=found[0])
            # the entries in the text's order
            stack.extend((entry, depth + 1, (*path, key)) for key, entry in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((value[index], depth + 1, (*path, index)) for index in range(len(value) - 1, -1, -1))
    return data


def _count_values(text: str) -> int:
    """How many values (keys count) JSON text holds, counted without building them: each
    value but the first follows a ``,``, a ``:`` or the bracket that opens a non-empty
    list or mapping (strings are taken out first)."""
    bare = _STRING.sub("", text)
    opened = bare.count("[") + bare.count("{") - len(_EMPTY.findall(bare))
    return 1 + bare.count(",") + bare.count(":") + opened


def _parse(text: str) -> Any:
    if isinstance(text, str) and len(text) > MAX_VALUES and _count_values(text) > MAX_VALUES:
        # refused before it is built (nesting first: ten thousand "[" are too deep, and many)
        line = _line_too_deep(text)
        if line is not None:
            raise InputFileError("json-too-deep", limit=MAX_DEPTH, line=line)
        raise InputFileError("too-many-values", limit=MAX_VALUES)
    if isinstance(text, str) and text.count("[") + text.count("{") > MAX_DEPTH:
        # nesting checked before the parser recurses into it: in Pyodide a few thousand levels
        # overflow the browser's stack (the worker dies) before Python's recursion limit
        line = _line_too_deep(text)
        if line is not None:
            raise InputFileError("json-too-deep", limit=MAX_DEPTH, line=line)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant,
                          parse_int=_int, parse_float=_float)
    except InputFileError:
        raise
    except json.JSONDecodeError as exc:
        raise InputFileError("bad-json", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise InputFileError("json-too-deep", limit=MAX_DEPTH, line=_line_too_deep(text) or 1) from None
    except (TypeError, ValueError):
        raise InputFileError("bad-json-text") from None
    return check_values(data, text)


def loads(text: str, what: str | None = None) -> Any:
    """Parse JSON text; any problem raises :class:`InputFileError`, inside ``in-file`` naming
    ``what`` (a file name) when it is given."""
    if what is None:
        return _parse(text)
    try:
        return _parse(text)
    except InputFileError as exc:
        raise InputFileError("in-file", file=what, problem=exc.as_message()) from None


def dumps(data: Any) -> str:
    """JSON for people and machines alike: UTF-8 text, stable key order, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def compact(data: Any) -> str:
    """JSON for a program only (the page's answers): UTF-8 text, stable key order, no spaces.
    Without indentation ``json`` uses its C encoder: about 4 times faster than :func:`dumps`,
    and 40 % shorter, for a score."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
