"""Strict JSON reading shared by the CLI, the share link and the browser.

The standard library's ``json`` keeps the last of two equal keys and accepts ``NaN``;
both would silently change an assessment, so both are refused here.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import InputFileError


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputFileError("duplicate-key", key=key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise InputFileError("json-constant", name=name)


def _parse(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except InputFileError:
        raise
    except json.JSONDecodeError as exc:
        raise InputFileError("bad-json", line=exc.lineno, column=exc.colno) from None
    except (TypeError, ValueError, RecursionError):
        raise InputFileError("bad-json-text") from None


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
