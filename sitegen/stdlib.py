"""The standard library the site serves to Pyodide: what the first score needs, and the rest.

Pyodide's ``python_stdlib.zip`` (2.5 MB, 600 files) is replaced by two archives under
``pyodide/``:

* ``stdlib-core.zip`` -- the files behind every module imported while Pyodide starts, the
  calculator is imported and the page makes its first score's calls
  (:mod:`sitegen.firstscore`), found by running exactly that under Pyodide in Node with the
  full library (``sitegen/stdlib.mjs``, mode ``trace``), not by a list kept by hand; each
  file without its docstrings and comments (:mod:`sitegen.pystrip`), and some of them as
  bytecode (below). The worker gives it to ``loadPyodide`` as ``stdLibURL``.
* ``stdlib-rest.zip`` -- every other file of the stock archive, unchanged; the worker
  fetches it only when something needs more (the Excel export, the practice page, a module
  not traced) and puts it on ``sys.path``. No file is in both.

Bytecode or source. Compiling the source is most of Python's start in the browser; loading
bytecode (:mod:`sitegen.pycompile`) takes a tenth of the time, but a module's bytecode is some
1.8 times its source's size once deflated, and the first score's download is limited
(issue 16: 4.5 MB). So :func:`choose_bytecode` ships as bytecode the modules whose bytecode
costs the fewest extra bytes for the compiling it saves (the lowest ratio of bytecode to source,
deflated: compile time grows with the bytecode), until ``BYTECODE_BUDGET`` extra bytes are
spent, among the modules Python's start imports (Pyodide's own start-up and ``import
calculator.api``: those on the way to the first score); every other module stays source, and is
compiled if and when it is imported. The calculator package likewise, in two archives served
beside the page's scripts: ``calculator.zip`` holds the modules ``import calculator.api``
imports, as bytecode (all of them: they are small, and the first score waits for them);
``calculator-more.zip`` the others (the plan, the comparison, the workbook, the command line),
as source, which the worker fetches when a call first needs one of them (the plan, asked for once
the visitor pauses) and Python compiles then. All without docstrings.

The archives are deflated with zopfli entry by entry (:func:`zip_bytes`): the most compact
deflate, some 4 % smaller than zlib's best, read by any unzip and by ``zipimport``; it costs the
build a few seconds, once (the cache below).

Before the archives are kept, the same calls are made again on the core archive alone, from a
fresh start and from a memory snapshot, and must give the same answers as on the full library,
and every module of the core archive must import (mode ``check``); any difference fails the
build. The result is cached in ``build/stdlib/`` under a hash of everything it depends on
(Pyodide's files, the calculator package, the rubrics and examples given to the calls, and
these tools), so a repeated build takes no time.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zopfli.zlib

from sitegen import bundle

HERE = Path(__file__).resolve().parent
STOCK = bundle.PYODIDE_DIR / "python_stdlib.zip"
LOCK = bundle.PYODIDE_DIR / "pyodide-lock.json"
CORE = "stdlib-core.zip"
REST = "stdlib-rest.zip"
CALCULATOR = "calculator.zip"
MORE = "calculator-more.zip"
CACHE = bundle.ROOT / "build" / "stdlib"
DRIVER = HERE / "firstscore.py"
STRIP = HERE / "pystrip.py"
COMPILE = HERE / "pycompile.py"
SCRIPT = HERE / "stdlib.mjs"
TOOLS = (DRIVER, STRIP, COMPILE, SCRIPT, Path(__file__).resolve())
# the extra bytes (deflated) the core archive may spend on bytecode instead of source: what
# the first score's 4.5 MB leaves (see the module docstring and scripts/bench)
BYTECODE_BUDGET = 215_000
ZOPFLI_ITERATIONS = 15  # zopfli's own default


@dataclass(frozen=True)
class Archives:
    """The archives' bytes (the standard library's two and the calculator package's), the
    stock archive's file names the core one holds, those of them it holds as bytecode, and the
    modules Pyodide has without any archive (built into it, or frozen: ``io``, ``os``, ...)."""

    core: bytes
    rest: bytes
    calculator: bytes  # the package's modules Python's start imports, as bytecode
    more: bytes  # its other modules, as source
    files: tuple[str, ...]
    bytecode: tuple[str, ...]
    provided: tuple[str, ...]

    @property
    def modules(self) -> list[str]:
        """The dotted names of the core archive's modules."""
        return [module_name(name) for name in self.files if name.endswith(".py")]


def module_name(path: str) -> str:
    """``json/decoder.py`` (or ``.pyc``) -> ``json.decoder``; ``json/__init__.py`` -> ``json``."""
    name = path.removesuffix("c").removesuffix(".py").replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name


def deflate(data: bytes, best: bool) -> bytes:
    """``data`` as a raw deflate stream: zopfli's when ``best``, else zlib's level 9."""
    if best:
        packed: bytes = zopfli.zlib.compress(data, numiterations=ZOPFLI_ITERATIONS)
        return packed[2:-4]  # the zlib container's header and checksum off
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _dos_time() -> tuple[int, int]:
    year, month, day, hour, minute, second = bundle.EPOCH
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def zip_bytes(entries: Iterable[tuple[str, bytes]], best: bool = True) -> bytes:
    """A zip of ``entries`` (name, contents) in that order, each deflated (:func:`deflate`),
    dated ``bundle.EPOCH``, readable by everyone (the same entries always give the same bytes).
    Written here because :mod:`zipfile` deflates only with zlib. (Method 8 in both headers: deflated.)"""
    clock, day = _dos_time()
    body = bytearray()
    directory = bytearray()
    count = 0
    for name, data in entries:
        encoded = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800  # bit 11: the name is UTF-8
        packed = deflate(data, best)
        crc = zlib.crc32(data)
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 8, clock, day, crc, len(packed), len(data),
                            len(encoded), 0) + encoded + packed
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 3 << 8 | 20, 20, flags, 8, clock, day, crc,
                                 len(packed), len(data), len(encoded), 0, 0, 0, 0, 0o644 << 16, offset) + encoded
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)


def choose_bytecode(modules: Mapping[str, tuple[bytes, bytes]], budget: int = BYTECODE_BUDGET) -> set[str]:
    """The files of ``modules`` (name -> (source, bytecode)) to ship as bytecode: by the ratio
    of bytecode to source, deflated, lowest first (a tie by name), while the extra bytes stay
    within ``budget``; a module whose bytecode is smaller than its source is always taken."""
    sizes = {name: (len(deflate(source, False)), len(deflate(code, False))) for name, (source, code) in modules.items()}
    chosen: set[str] = set()
    spent = 0
    for name in sorted(sizes, key=lambda n: (sizes[n][1] / sizes[n][0], n)):
        extra = sizes[name][1] - sizes[name][0]
        if spent + extra > budget:
            break
        chosen.add(name)
        spent += max(extra, 0)
    return chosen


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


def run_check(core: bytes, calculator: bytes, more: bytes, modules: list[str], inputs: str) -> dict[str, Any]:
    """Mode ``check`` of ``sitegen/stdlib.mjs`` on a core archive and the calculator's two: the
    calls' answers from a fresh start and from a snapshot, and the modules imported."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "core.zip").write_bytes(core)
        (work / "calculator.zip").write_bytes(calculator)
        (work / "more.zip").write_bytes(more)
        (work / "inputs.json").write_text(inputs, "utf-8")
        return _node({"mode": "check", "pyodide": str(bundle.PYODIDE_DIR), "stdlib": str(work / "core.zip"),
                      "calculator": str(work / "calculator.zip"), "more": str(work / "more.zip"),
                      "driver": str(DRIVER), "inputs": str(work / "inputs.json"), "modules": modules})


def make(inputs: str) -> tuple[Archives, list[str]]:
    """Trace, strip and check (see the module docstring); the archives and the calls' answers."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "calculator.zip").write_bytes(bundle.calculator_zip())
        (work / "inputs.json").write_text(inputs, "utf-8")
        traced = _node({"mode": "trace", "pyodide": str(bundle.PYODIDE_DIR), "stdlib": str(STOCK),
                        "calculator": str(work / "calculator.zip"), "driver": str(DRIVER),
                        "strip": str(STRIP), "compile": str(COMPILE), "inputs": str(work / "inputs.json")})
    files = sorted(traced["files"])
    both = {name: (source.encode("utf-8"), base64.b64decode(code)) for name, (source, code) in traced["stdlib"].items()}
    compiled = choose_bytecode({name: both[name] for name in traced["startup"]})
    core = zip_bytes((name + "c", both[name][1]) if name in compiled else (name, both[name][0]) for name in files)
    started = {f"{module}.py" for module in traced["package"]} | {f"{module}/__init__.py" for module in traced["package"]}
    package = sorted(traced["calculator"].items())
    calculator = zip_bytes((name + "c", base64.b64decode(code)) for name, (_, code) in package if name in started)
    more = zip_bytes((name, source.encode("utf-8")) for name, (source, _) in package if name not in started)
    with zipfile.ZipFile(STOCK) as stock:
        rest = zip_bytes(((info.filename, stock.read(info)) for info in stock.infolist()
                          if info.filename not in both and not info.is_dir()), best=False)
    made = Archives(core, rest, calculator, more, tuple(files),
                    tuple(sorted(compiled)), tuple(traced["provided"]))
    checked = run_check(core, calculator, more, made.modules, inputs)
    if checked["answers"] != traced["answers"] or checked["restored"] != traced["answers"]:
        raise RuntimeError("the reduced standard library changes the calculator's answers")
    if sorted(checked["imported"]) != sorted(made.modules):
        raise RuntimeError("a module of the reduced standard library does not import")
    return made, traced["answers"]


def snapshot_id(made: Archives) -> str:
    """The hex part of the key the worker keeps a Python snapshot of these archives under: the first
    12 bytes of the SHA-256 of calculator.zip followed by stdlib-core.zip (docs/assets/calc/worker.js
    computes the same from the bytes it fetched, and uses a snapshot only when they agree)."""
    return hashlib.sha256(made.calculator + made.core).hexdigest()[:24]


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
                              (folder / CALCULATOR).read_bytes(), (folder / MORE).read_bytes(), tuple(listed["files"]),
                              tuple(listed["bytecode"]), tuple(listed["provided"]))
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
    (aside / CALCULATOR).write_bytes(made.calculator)
    (aside / MORE).write_bytes(made.more)
    (aside / "files.json").write_text(json.dumps({"files": made.files, "bytecode": made.bytecode,
                                                  "provided": made.provided}), "utf-8")
    try:
        aside.rename(folder)
    except OSError:  # another build put it there first
        shutil.rmtree(aside, ignore_errors=True)
    return made
