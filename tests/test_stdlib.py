"""The standard library the site serves to Pyodide (sitegen/stdlib.py): the first score's
modules, stripped, hold every module the calculator imports, import under Pyodide and give
the calculator's answers unchanged."""

from __future__ import annotations

import importlib.util
import io
import json
import marshal
import random
import shutil
import subprocess
import sys
import traceback
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest

from sitegen import pycompile, stdlib
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
    """Under Pyodide in Node with the core zip as its whole standard library (part of it bytecode)
    and the calculator package as the site serves it (all bytecode), every module of the archive
    imports, and the first score's calls (with the vectors' assessments added) answer the same JSON
    text as under CPython, from a fresh start and from a memory snapshot."""
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
    checked = stdlib.run_check(archives.core, archives.calculator, archives.more, archives.modules, text)
    assert sorted(checked["imported"]) == sorted(archives.modules)
    assert checked["answers"] == expected
    assert checked["restored"] == expected


def test_the_archives_split_the_stock_library_without_a_second_copy(archives: stdlib.Archives) -> None:
    """stdlib-core.zip holds the traced files (Pyodide's own start-up among them; a file shipped as
    bytecode under its name + "c"), stdlib-rest.zip every other file of python_stdlib.zip with its bytes
    unchanged, and no file is in both."""
    with zipfile.ZipFile(stdlib.STOCK) as stock, zipfile.ZipFile(io.BytesIO(archives.core)) as core, \
            zipfile.ZipFile(io.BytesIO(archives.rest)) as rest:
        files = {info.filename for info in stock.infolist() if not info.is_dir()}
        held = {name.removesuffix("c") for name in core.namelist()}  # json/decoder.pyc: the bytecode of json/decoder.py
        assert held == set(archives.files)
        assert {name[:-1] for name in core.namelist() if name.endswith(".pyc")} == set(archives.bytecode)
        assert not held & set(rest.namelist())
        assert held | set(rest.namelist()) == files
        assert all(rest.read(name) == stock.read(name) for name in rest.namelist())
        assert {"_pyodide/_base.py", "pyodide/__init__.py", "decimal.py", "json/__init__.py"} <= set(archives.files)
        assert "email/__init__.py" in rest.namelist()


def test_stripping_drops_docstrings_and_comments_and_keeps_behaviour() -> None:
    """pystrip removes comments and docstrings (a body left empty gets ``pass``), as ``python -OO``
    does also from a module that reads ``__doc__`` (which then reads None), keeps a ``from __future__``
    import valid after the module docstring goes, and keeps the docstrings of Pyodide's own modules."""
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
    dropped = types.ModuleType("reading").__dict__  # a module's namespace: __doc__ is None until set
    exec(compile(strip(reading, "reading.py"), "reading.py", "exec"), dropped)
    assert dropped["USAGE"] is None
    kept = types.ModuleType("docstring").__dict__
    exec(compile(strip(reading, "_pyodide/docstring.py"), "_pyodide/docstring.py", "exec"), kept)
    assert kept["USAGE"] == "Usage: tool."


def test_bytecode_files_run_without_line_numbers_and_name_their_file() -> None:
    """A .pyc from sitegen.pycompile is the 16-byte header (this Python's magic number, flags and
    timestamp zero) and the module's code with "no location" for every instruction, in nested code
    too: it runs as the source does, and the traceback module still formats its frames, naming the
    file and the function (an emptied table would make it raise)."""
    source = "def twice(x):\n    return [2 * x for _ in (0,)][0]\n\ndef fail():\n    raise ValueError('no')\n"
    data = pycompile.pyc(source, "pkg/sample.py")
    assert data[:16] == importlib.util.MAGIC_NUMBER + bytes(12)
    code = marshal.loads(data[16:])
    nested = [const for const in code.co_consts if isinstance(const, types.CodeType)]
    assert nested and all(set(c.co_positions()) == {(None, None, None, None)} for c in [code, *nested])
    assert len(code.co_linetable) == -(-len(code.co_code) // 16)  # a byte per 8 two-byte code units
    space: dict[str, Any] = {}
    exec(code, space)
    assert space["twice"](21) == 42
    with pytest.raises(ValueError, match=r"^no$") as failure:
        space["fail"]()
    last = traceback.extract_tb(failure.tb)[-1]
    assert (last.filename, last.name, last.lineno) == ("pkg/sample.py", "fail", None)
    said = [line for line in traceback.format_exception(failure.value) if "pkg/sample.py" in line]
    assert said and said[-1].strip().startswith('File "pkg/sample.py"') and said[-1].strip().endswith("in fail")


def test_a_zip_of_bytecode_imports_with_zipimport(tmp_path: Path) -> None:
    """A package zipped by sitegen.stdlib.zip_bytes as bytecode only (no source beside it) imports
    from the zip itself, as the worker imports the calculator."""
    entries = [("pkg/__init__.pyc", pycompile.pyc("VALUE = 6\n", "pkg/__init__.py")),
               ("pkg/more.pyc", pycompile.pyc("from pkg import VALUE\nTOTAL = VALUE * 7\n", "pkg/more.py"))]
    archive = tmp_path / "pkg.zip"
    archive.write_bytes(stdlib.zip_bytes(entries))
    done = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import pkg.more; "
                           "print(pkg.more.TOTAL, pkg.more.__file__)", str(archive)],
                          capture_output=True, text=True, check=True)
    total, where = done.stdout.split()
    assert total == "42" and where.endswith("pkg.zip/pkg/more.pyc")


def test_zipped_entries_read_back_the_same_with_zopfli_or_zlib() -> None:
    """zip_bytes writes a zip every reader takes (names, contents and CRCs check), the same bytes for
    the same entries, and zopfli's deflate is no larger than zlib's best."""
    text = json.dumps(json.loads(stdlib.inputs_json(load_all()))["rubrics"], ensure_ascii=False).encode("utf-8")[:60_000]
    entries = [("a/one.py", text), ("b.txt", b""), ("c/\u4e2d\u6587.json", "评分".encode() * 50)]
    best, plain = stdlib.zip_bytes(entries), stdlib.zip_bytes(entries, best=False)
    assert best == stdlib.zip_bytes(entries)
    for data in (best, plain):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            assert [(info.filename, archive.read(info)) for info in archive.infolist()] == entries
            assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
    assert len(best) <= len(plain)


def test_bytecode_goes_first_where_it_costs_the_fewest_extra_bytes() -> None:
    """choose_bytecode takes modules by the ratio of their deflated bytecode to their deflated source,
    lowest first, while the extra bytes fit the budget; a module whose bytecode is smaller is taken
    whatever the budget."""
    noise = random.Random(7).randbytes(3000)  # incompressible: deflated sizes follow the lengths
    modules = {"cheap.py": (noise[:1000], noise[:1200]),     # 1.2 times its source: +200 bytes
               "dear.py": (noise[1000:1500], noise[:1500]),  # 3 times: +1000 bytes
               "mid.py": (noise[:800], noise[:1200]),        # 1.5 times: +400 bytes
               "small.py": (noise[:900], noise[:600])}       # smaller as bytecode
    sizes = {name: (len(stdlib.deflate(a, False)), len(stdlib.deflate(b, False))) for name, (a, b) in modules.items()}
    assert sizes["cheap.py"][1] / sizes["cheap.py"][0] < sizes["mid.py"][1] / sizes["mid.py"][0] < sizes["dear.py"][1] / sizes["dear.py"][0]
    assert stdlib.choose_bytecode(modules, 0) == {"small.py"}
    assert stdlib.choose_bytecode(modules, 700) == {"small.py", "cheap.py", "mid.py"}
    assert stdlib.choose_bytecode(modules, 10_000) == set(modules)


def test_the_calculator_archives_hold_what_python_s_start_imports_as_bytecode(archives: stdlib.Archives) -> None:
    """calculator.zip holds the modules ``import calculator.api`` imports, as bytecode (a .pyc header), and
    calculator-more.zip the others (the plan, the comparison, the workbook, the command line) as source without
    docstrings: every module of the package once."""
    with zipfile.ZipFile(io.BytesIO(archives.calculator)) as first, zipfile.ZipFile(io.BytesIO(archives.more)) as more:
        compiled, source = first.namelist(), more.namelist()
        assert sorted(name.removesuffix("c") for name in compiled + source) == sorted(
            f"calculator/{path.name}" for path in (REPO / "calculator").glob("*.py"))
        assert all(name.endswith(".pyc") for name in compiled) and all(name.endswith(".py") for name in source)
        assert {"calculator/__init__.pyc", "calculator/api.pyc", "calculator/scoring.pyc"} <= set(compiled)
        assert {"calculator/plan.py", "calculator/xlsx.py", "calculator/cli.py"} <= set(source)
        assert all(first.read(name)[4:16] == bytes(12) for name in compiled)
        text = more.read("calculator/plan.py").decode("utf-8")
        assert "def " in text and '"""' not in text
