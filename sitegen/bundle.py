"""What the browser loads besides the pages: rubric JSON and the calculator as a zip.

The rubric JSON is the checked YAML data, unchanged, so the browser never parses YAML.
It is published whole under ``data/`` (the download). The calculator loads a lighter copy
under ``assets/calc/data/``: the same data without the clauses' ``guidance`` blocks, which
only the clause pages show and which are two thirds of the bytes.
The zip holds the ``calculator`` package (minus the CPython-only CLI modules' callers,
which simply go unused) and is unpacked by ``pyodide.unpackArchive``. Both are built
deterministically: same sources, same bytes.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calculator"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
                 "pyodide-lock.json", "package.json")
"""What the build needs of the npm package."""
PYODIDE_SERVED = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "package.json")
"""What the site serves of it as it is: the standard library is served as the two archives of
:mod:`sitegen.stdlib` instead of ``python_stdlib.zip``, and the package lock goes inline
(:func:`sitegen.stdlib.lock_json`) instead of ``pyodide-lock.json``."""
WHEELS_DIR = ROOT / "build" / "wheels"
"""The wheels the site serves to Pyodide, downloaded by scripts/setup (requirements/browser.txt)."""
XLSX_WHEEL = "xlsxwriter-*-py3-none-any.whl"
EPOCH = (2020, 1, 1, 0, 0, 0)


def rubric_json(data: dict[str, Any]) -> str:
    """The rubric data as compact JSON (UTF-8, stable key order as in the YAML)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _without_guidance(clause: dict[str, Any]) -> dict[str, Any]:
    light = {key: value for key, value in clause.items() if key != "guidance"}
    if "clauses" in clause:
        light["clauses"] = [_without_guidance(child) for child in clause["clauses"]]
    return light


def calculator_rubric_json(data: dict[str, Any]) -> str:
    """The rubric as the calculator loads it: compact JSON without the clauses' ``guidance``.

    Guidance (intent, evidence, common gaps) belongs to the clause pages; neither the scoring
    code nor the calculator page reads it. Everything else is kept as it is.
    """
    light = dict(data)
    light["sections"] = [{**section, "clauses": [_without_guidance(c) for c in section["clauses"]]}
                         for section in data["sections"]]
    return rubric_json(light)


def form_json(data: dict[str, Any], model: Any) -> str:
    """The calculator's form of one standard, made by :func:`calculator.form.form_model` (the
    same code the worker runs for a custom profile), so the page draws it before Python starts."""
    from calculator.form import form_model

    form = form_model(data, model)
    form["runs"] = other_language_runs(form)
    return json.dumps(form, ensure_ascii=False, separators=(",", ":"))


def other_language_runs(node: Any) -> dict[str, dict[str, list[list[str | None]]]]:
    """Every text ``{zh, en}`` of a form model that holds words of the other language, cut
    by :func:`sitegen.langmark.runs`: ``{lang: {text: [[words, other language or null], ...]}}``.
    The page draws such a text from its runs, each run of the other language in an element
    with its ``lang``, and every other text as it is: the rule lives in langmark alone."""
    from sitegen.langmark import runs

    found: dict[str, dict[str, list[list[str | None]]]] = {"zh": {}, "en": {}}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for lang in found:
                text = value.get(lang)
                if isinstance(text, str) and isinstance(value.get("en" if lang == "zh" else "zh"), str):
                    cut = runs(text, lang)
                    if any(other for _, other in cut):
                        found[lang][text] = [[words, other] for words, other in cut]
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(node)
    return found


def csv_strings_json(catalogue: Any) -> str:
    """The catalogue's ``csv`` group in both languages, as ``calculator.api.add_strings``
    takes it: the browser's CSV export writes its headers and words, and its import reads
    a CSV in either language, with the same entries as the CLI."""
    return json.dumps({"csv": {key: dict(entry) for key, entry in catalogue.group("csv").items()}},
                      ensure_ascii=False, separators=(",", ":"))


def xlsx_strings_json(catalogue: Any) -> str:
    """The catalogue groups the Excel export words its sheets with (``xlsx``, ``plan`` for the plan
    sheet, ``report`` for its notice, and ``result`` and ``format`` for the plan's messages), as ``calculator.api.add_strings`` takes them; the
    worker fetches them, with the ``csv`` group, only when a visitor exports a workbook."""
    groups = ("xlsx", "plan", "report", "result", "format")
    return json.dumps({group: {key: dict(entry) for key, entry in catalogue.group(group).items()} for group in groups},
                      ensure_ascii=False, separators=(",", ":"))


def xlsx_wheel() -> Path:
    """The XlsxWriter wheel the site serves (pyodide/<wheel>) for the Excel export in the browser."""
    found = sorted(WHEELS_DIR.glob(XLSX_WHEEL))
    if len(found) != 1:
        raise FileNotFoundError(
            f"the XlsxWriter wheel is not in {WHEELS_DIR} (found {len(found)}): run scripts/setup "
            "(it downloads the wheel pinned in requirements/browser.txt)")
    return found[0]


def calculator_zip() -> bytes:
    """The calculator package as a zip with fixed timestamps (reproducible bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(PACKAGE.glob("*.py")):
            info = zipfile.ZipInfo(f"calculator/{path.name}", EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def pyodide_files() -> list[Path]:
    """The Pyodide runtime files the build reads, from the npm package in node_modules."""
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide is not installed ({PYODIDE_DIR / missing[0]} missing): run scripts/setup "
            "(it runs 'npm ci' for the pinned pyodide package)")
    return [PYODIDE_DIR / name for name in PYODIDE_FILES]


def served_pyodide_files() -> list[Path]:
    """The files of the npm package the site serves unchanged under ``pyodide/``."""
    return [path for path in pyodide_files() if path.name in PYODIDE_SERVED]
