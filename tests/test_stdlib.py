"""The standard library the site serves to Pyodide (sitegen/stdlib.py): the first score's
modules, stripped, hold every module the calculator imports, import under Pyodide and give
the calculator's answers unchanged."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sitegen import stdlib
from sitegen.pystrip import strip
from sitegen.rubrics import load_all

from sitefixtures import REPO

VECTORS = REPO / "tests" / "vectors"

# Run in a fresh CPython: record every import statement executed by a module of the
# calculator package (at import time and inside functions, on the paths sitegen.firstscore
# takes), then answer them as JSON: [[importing module, imported name, fromlist, level], ...].
RECORDER = """
import builtins, json, sys
sys.path[:0] = [{package!r}, {repo!r}]
seen = []
plain = builtins.__import__
def recording(name, globals=None, locals=None, fromlist=(), level=0):
    importer = (globals or {{}}).get("__name__", "")
    if importer == "calculator" or importer.startswith("calculator."):
        seen.append([importer, name, list(fromlist or ()), level])
    return plain(name, globals, locals, fromlist, level)
builtins.__import__ = recording
import calculator.api
from sitegen.firstscore import exercise
exercise(calculator.api, open({inputs!r}, encoding="utf-8").read())
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def inputs() -> str:
    """The calls' inputs as the build makes them."""
    return stdlib.inputs_json(load_all())


@pytest.fixture(scope="module")
def archives() -> stdlib.Archives:
    """The archives the site build serves (made, or taken from build/stdlib/)."""
    return stdlib.archives(load_all())


def stock_modules() -> set[str]:
    """Every module of Pyodide's full python_stdlib.zip."""
    with zipfile.ZipFile(stdlib.STOCK) as stock:
        return {stdlib.module_name(name) for name in stock.namelist() if name.endswith(".py")}


def recorded_imports(package_parent: Path, inputs: str, work: Path) -> list[list[Any]]:
    """The import statements the calculator (the package under ``package_parent``) executes
    on the first score's paths, in a fresh CPython."""
    (work / "inputs.json").write_text(inputs, "utf-8")
    script = RECORDER.format(package=str(package_parent), repo=str(REPO), inputs=str(work / "inputs.json"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=work)
    found: list[list[Any]] = json.loads(done.stdout)
    return found


def lacking(imports: list[list[Any]], archives: stdlib.Archives, stock: set[str]) -> list[str]:
    """The standard library modules named by ``imports`` (absolute ones, and the submodules a
    ``from`` names) that Pyodide's full library holds and neither ``archive`` nor Pyodide
    itself (``provided``: built in or frozen) does."""
    wanted = set()
    for _, name, fromlist, level in imports:
        if level:
            continue  # within the calculator package
        wanted.add(name)
        wanted.update(f"{name}.{member}" for member in fromlist)
        parts = name.split(".")
        wanted.update(".".join(parts[:n]) for n in range(1, len(parts)))
    have = set(archives.modules) | set(archives.provided)
    return sorted(module for module in wanted if module in stock and module not in have)


def test_every_module_the_calculator_imports_on_the_first_score_is_in_the_archive(
        inputs: str, archives: stdlib.Archives, tmp_path: Path) -> None:
    """Every standard library module the calculator package imports while the first score's calls
    run (under CPython, recorded per import statement, lazy ones included) is in stdlib-core.zip, or
    Pyodide has it without an archive (built in or frozen, like math or io), or it is no file of
    Pyodide's library at all."""
    imports = recorded_imports(REPO, inputs, tmp_path)
    named = {name for _, name, _, level in imports if not level}
    assert {"decimal", "fractions", "json", "csv", "io", "re", "dataclasses"} <= named
    assert lacking(imports, archives, stock_modules()) == []


def test_an_import_of_a_module_outside_the_archive_is_caught(
        inputs: str, archives: stdlib.Archives, tmp_path: Path) -> None:
    """A calculator whose scoring imports a module the archive lacks (email.utils, lazily inside
    score_json) is caught by the same check."""
    copy = tmp_path / "package"
    shutil.copytree(REPO / "calculator", copy / "calculator")
    api = copy / "calculator" / "api.py"
    text = api.read_text("utf-8")
    marker = '    user\'s weight profile (JSON text in the CLI\'s profile format)."""\n'
    assert marker in text
    api.write_text(text.replace(marker, marker + "    import email.utils  # noqa: F401\n", 1), "utf-8")
    imports = recorded_imports(copy, inputs, tmp_path)
    assert "email.utils" not in archives.modules
    assert "email.utils" in lacking(imports, archives, stock_modules())


def vector_assessments() -> list[dict[str, Any]]:
    """The assessments written out in the hand-worked vectors (CTS cases, plans, comparisons)."""
    found = []
    for path in sorted(VECTORS.glob("*.json")):
        for case in json.loads(path.read_text("utf-8")).get("cases", []):
            found += [case[key] for key in ("assessment", "a", "b")
                      if isinstance(case.get(key), dict) and ("standard" in case[key] or "assessments" in case[key])]
    return found


def test_the_archive_imports_under_pyodide_and_answers_as_cpython_does(
        inputs: str, archives: stdlib.Archives, tmp_path: Path) -> None:
    """Under Pyodide in Node with stdlib-core.zip as its whole standard library, every module of the
    archive imports, and the first score's calls (with the vectors' assessments added) answer the same
    JSON text as under CPython, from a fresh start and from a memory snapshot."""
    data = json.loads(inputs)
    data["examples"] += vector_assessments()
    text = json.dumps(data, ensure_ascii=False)
    (tmp_path / "inputs.json").write_text(text, "utf-8")
    # in a fresh CPython: no catalogue installed, as in the worker (this process may have one)
    script = ("import json, sys; sys.path.insert(0, sys.argv[1]); import calculator.api; "
              "from sitegen.firstscore import exercise; "
              "print(json.dumps(exercise(calculator.api, open(sys.argv[2], encoding='utf-8').read())))")
    done = subprocess.run([sys.executable, "-c", script, str(REPO), str(tmp_path / "inputs.json")],
                          capture_output=True, text=True, check=True)
    expected = json.loads(done.stdout)
    assert any('"ok": true' in answer or '"ok":true' in answer for answer in expected)
    checked = stdlib.run_check(archives.core, archives.modules, text)
    assert sorted(checked["imported"]) == sorted(archives.modules)
    assert checked["answers"] == expected
    assert checked["restored"] == expected


def test_the_archives_split_the_stock_library_without_a_second_copy(archives: stdlib.Archives) -> None:
    """stdlib-core.zip holds the traced files (Pyodide's own start-up among them), stdlib-rest.zip every
    other file of python_stdlib.zip with its bytes unchanged, and no file is in both."""
    with zipfile.ZipFile(stdlib.STOCK) as stock, zipfile.ZipFile(io.BytesIO(archives.core)) as core, \
            zipfile.ZipFile(io.BytesIO(archives.rest)) as rest:
        files = {info.filename for info in stock.infolist() if not info.is_dir()}
        assert set(core.namelist()) == set(archives.files)
        assert not set(core.namelist()) & set(rest.namelist())
        assert set(core.namelist()) | set(rest.namelist()) == files
        assert all(rest.read(name) == stock.read(name) for name in rest.namelist())
        assert {"_pyodide/_base.py", "pyodide/__init__.py", "decimal.py", "json/__init__.py"} <= set(archives.files)
        assert "email/__init__.py" in rest.namelist()


def test_stripping_drops_docstrings_and_comments_and_keeps_behaviour() -> None:
    """pystrip removes comments and docstrings (a body left empty gets ``pass``), keeps a
    ``from __future__`` import valid after the module docstring goes, and keeps the docstrings of a
    module that mentions ``__doc__``."""
    source = ('"""Module doc."""\nfrom __future__ import annotations\n# a comment\n\n'
              'def f(x: int) -> int:\n    """Doc of f."""\n    return x + 1  # trailing\n\n'
              'class C:\n    """Only a docstring."""\n')
    text = strip(source, "sample.py")
    assert "doc" not in text.lower() and "comment" not in text and "trailing" not in text
    space: dict[str, Any] = {}
    exec(compile(text, "sample.py", "exec"), space)
    assert space["f"](1) == 2 and space["C"].__doc__ is None
    assert text.startswith("from __future__ import annotations")
    reading = '"""Usage: tool."""\nUSAGE = __doc__\n'
    kept: dict[str, Any] = {}
    exec(compile(strip(reading, "reading.py"), "reading.py", "exec"), kept)
    assert kept["USAGE"] == "Usage: tool."
