"""The standard library the site serves to Pyodide: what the first score needs, and the rest.

Pyodide's ``python_stdlib.zip`` (2.5 MB, 600 files) is replaced by two archives under
``pyodide/``:

* ``stdlib-core.zip`` -- the files behind every module imported while Pyodide starts, the
  calculator is imported and the page makes its first score's calls
  (:mod:`sitegen.firstscore`), found by running exactly that under Pyodide in Node with the
  full library (``sitegen/stdlib.mjs``, mode ``trace``), not by a list kept by hand; each
  file without its docstrings and comments (:mod:`sitegen.pystrip`). The worker gives it to
  ``loadPyodide`` as ``stdLibURL``.
* ``stdlib-rest.zip`` -- every other file of the stock archive, unchanged; the worker
  fetches it only when something needs more (the Excel export, the practice page, a module
  not traced) and puts it on ``sys.path``. No file is in both.

Before the archives are kept, the same calls are made again on the core archive alone, from a
fresh start and from a memory snapshot, and must give the same answers as on the full library,
and every module of the core archive must import (mode ``check``); any difference fails the
build. The result is cached in ``build/stdlib/`` under a hash of everything it depends on
(Pyodide's files, the calculator package, the rubrics and examples given to the calls, and
these tools), so a repeated build takes no time.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen import bundle

HERE = Path(__file__).resolve().parent
STOCK = bundle.PYODIDE_DIR / "python_stdlib.zip"
LOCK = bundle.PYODIDE_DIR / "pyodide-lock.json"
CORE = "stdlib-core.zip"
REST = "stdlib-rest.zip"
CACHE = bundle.ROOT / "build" / "stdlib"
DRIVER = HERE / "firstscore.py"
STRIP = HERE / "pystrip.py"
SCRIPT = HERE / "stdlib.mjs"
TOOLS = (DRIVER, STRIP, SCRIPT, Path(__file__).resolve())


@dataclass(frozen=True)
class Archives:
    """The two archives' bytes, the stock archive's file names the core one holds, and the
    modules Pyodide has without any archive (built into it, or frozen: ``io``, ``os``, ...)."""

    core: bytes
    rest: bytes
    files: tuple[str, ...]
    provided: tuple[str, ...]

    @property
    def modules(self) -> list[str]:
        """The dotted names of the core archive's modules."""
        return [module_name(name) for name in self.files if name.endswith(".py")]


def module_name(path: str) -> str:
    """``json/decoder.py`` -> ``json.decoder``; ``json/__init__.py`` -> ``json``."""
    name = path[: -len(".py")].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name


def lock_json() -> str:
    """The package lock the worker gives ``loadPyodide`` inline (``lockFileContents``) instead
    of fetching ``pyodide-lock.json`` (120 KB): Pyodide's ``info`` (its ABI version is checked)
    and no packages, since the site loads none through Pyodide's package manager."""
    info = json.loads(LOCK.read_text("utf-8"))["info"]
    return json.dumps({"info": info, "packages": {}}, separators=(",", ":"))


def inputs_json(rubrics: Mapping[str, Any]) -> str:
    """What :func:`sitegen.firstscore.exercise` is given: each rubric as the worker loads it,
    the CSV words, the worked examples' assessments and each shipped weight profile."""
    from sitegen import examples, i18n

    return json.dumps({
        "rubrics": {key: bundle.calculator_rubric_json(rubric.bundle()) for key, rubric in rubrics.items()},
        "strings_csv": bundle.csv_strings_json(i18n.CATALOGUE),
        "examples": [example["assessment"] for example in examples.examples()],
        "profiles": [profile for rubric in rubrics.values() for profile in rubric.profiles.values()],
    }, ensure_ascii=False, sort_keys=True)


def _node(config: dict[str, Any]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.json"
        path.write_text(json.dumps(config), "utf-8")
        done = subprocess.run(["node", str(SCRIPT), str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"sitegen/stdlib.mjs ({config['mode']}) failed:\n{done.stderr[-3000:]}")
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _zip(files: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in files:
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=9)
    return buffer.getvalue()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, bundle.EPOCH)
    info.external_attr = 0o644 << 16
    return info


def run_check(core: bytes, modules: list[str], inputs: str) -> dict[str, Any]:
    """Mode ``check`` of ``sitegen/stdlib.mjs`` on a core archive: the calls' answers from a
    fresh start and from a snapshot, and the modules imported."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "core.zip").write_bytes(core)
        (work / "calculator.zip").write_bytes(bundle.calculator_zip())
        (work / "inputs.json").write_text(inputs, "utf-8")
        return _node({"mode": "check", "pyodide": str(bundle.PYODIDE_DIR), "stdlib": str(work / "core.zip"),
                      "calculator": str(work / "calculator.zip"), "driver": str(DRIVER),
                      "inputs": str(work / "inputs.json"), "modules": modules})


def make(inputs: str) -> tuple[Archives, list[str]]:
    """Trace, strip and check (see the module docstring); the archives and the calls' answers."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "calculator.zip").write_bytes(bundle.calculator_zip())
        (work / "inputs.json").write_text(inputs, "utf-8")
        traced = _node({"mode": "trace", "pyodide": str(bundle.PYODIDE_DIR), "stdlib": str(STOCK),
                        "calculator": str(work / "calculator.zip"), "driver": str(DRIVER),
                        "strip": str(STRIP), "inputs": str(work / "inputs.json")})
    files = sorted(traced["files"])
    core = _zip([(_entry(name), traced["stripped"][name].encode("utf-8")) for name in files])
    with zipfile.ZipFile(STOCK) as stock:
        rest = _zip([(_entry(info.filename), stock.read(info)) for info in stock.infolist()
                     if info.filename not in traced["stripped"] and not info.is_dir()])
    made = Archives(core, rest, tuple(files), tuple(traced["provided"]))
    checked = run_check(core, made.modules, inputs)
    if checked["answers"] != traced["answers"] or checked["restored"] != traced["answers"]:
        raise RuntimeError("the reduced standard library changes the calculator's answers")
    if sorted(checked["imported"]) != sorted(made.modules):
        raise RuntimeError("a module of the reduced standard library does not import")
    return made, traced["answers"]


def _key(inputs: str) -> str:
    digest = hashlib.sha256()
    for path in [STOCK, LOCK, bundle.PYODIDE_DIR / "pyodide.asm.wasm", *TOOLS]:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(hashlib.sha256(bundle.calculator_zip()).digest())
    digest.update(hashlib.sha256(inputs.encode("utf-8")).digest())
    return digest.hexdigest()[:24]


_MADE: dict[str, Archives] = {}


def archives(rubrics: Mapping[str, Any]) -> Archives:
    """The two archives for these rubrics, from ``build/stdlib/<key>/`` when made before."""
    inputs = inputs_json(rubrics)
    key = _key(inputs)
    if key in _MADE:
        return _MADE[key]
    folder = CACHE / key
    try:
        listed = json.loads((folder / "files.json").read_text("utf-8"))
        _MADE[key] = Archives((folder / CORE).read_bytes(), (folder / REST).read_bytes(),
                              tuple(listed["files"]), tuple(listed["provided"]))
        return _MADE[key]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    made, _ = make(inputs)
    _MADE[key] = made
    # written aside and renamed into place: builds running at once never see half a folder
    CACHE.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=CACHE))
    (aside / CORE).write_bytes(made.core)
    (aside / REST).write_bytes(made.rest)
    (aside / "files.json").write_text(json.dumps({"files": made.files, "provided": made.provided}), "utf-8")
    try:
        aside.rename(folder)
    except OSError:  # another build put it there first
        shutil.rmtree(aside, ignore_errors=True)
    return made
