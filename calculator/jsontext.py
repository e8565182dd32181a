"""Strict JSON reading shared by the CLI, the share link and the browser.

The standard library's ``json`` keeps the last of two equal keys and accepts ``NaN``;
both would silently change an assessment, so both are refused here.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import InputFileError, quote


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputFileError(f"duplicate key {key!r}", "duplicate-key", key=key)
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise InputFileError(f"{name} is not a number")


def loads(text: str, what: str = "input") -> Any:
    """Parse JSON text; any problem raises :class:`InputFileError` naming ``what``."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except InputFileError as exc:
        raise InputFileError(f"{what}: {exc}", exc.code, **exc.params) from None
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{what}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                             "bad-json", line=exc.lineno, column=exc.colno) from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise InputFileError(f"{what}: not valid JSON ({quote(str(exc))})") from None


def dumps(data: Any) -> str:
    """JSON for people and machines alike: UTF-8 text, stable key order, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2)
