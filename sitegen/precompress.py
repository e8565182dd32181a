"""Precompressed copies beside the built site's larger files, for hosts that send them as they are.

``python -m sitegen.precompress SITE_DIR`` (sitegen/build.py runs it last, after sw.js) writes,
beside every file of the site whose name ends in one of ``SUFFIXES`` and which holds at least
``MIN_SIZE`` bytes:

* ``NAME.gz`` -- gzip with no name and modification time 0 in its header, so the same file
  always gives the same bytes: zopfli's (the most compact deflate a gzip reader inflates; 4 %
  smaller than level 9 for Pyodide's WebAssembly, 127 KB of the first visit) for files of at
  least ``ZOPFLI_MIN_SIZE`` bytes, zlib's level 9 for the many small ones;
* ``NAME.br`` -- brotli, quality 11 (the most compact; what ``brotli_static`` hosts expect),
  written by Node's ``zlib.brotliCompress``.

Each copy is kept only when it is at least ``MIN_SAVING`` smaller than the file (Pyodide's
``python_stdlib.zip`` is already deflated: a gzip of it saves under 2 %, and a host would spend
the browser's time inflating it for nothing). nginx sends them with ``gzip_static on;`` and
``brotli_static on;`` (README.md, "Publishing the site"); the service worker never lists them
(sitegen/offline.py: it fetches the files themselves, which the host compresses on the way).

Brotli comes from Node, which the set-up already needs (npm installs Pyodide and TypeScript),
rather than from a compiled Python package that would be one more pinned dependency; without
``node`` on the PATH only the gzip copies are written, and the build says so. Quality 11 takes
Node some 20 s for Pyodide's 9 MB of WebAssembly and as long again for the pages, zopfli about
as long for the large files, so every copy
is also kept in ``build/precompressed/`` under the SHA-256 of its file and the settings (a
rebuild, or a test's build, copies what did not change); entries no build used for
``PRUNE_DAYS`` days are removed.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import zopfli.gzip

SUFFIXES = (".html", ".js", ".mjs", ".css", ".json", ".wasm", ".zip", ".svg", ".xml", ".txt", ".csv")
MIN_SIZE = 1024
MIN_SAVING = 0.05          # a copy is kept when it is at least 5 % smaller than the file
GZIP_LEVEL = 9
ZOPFLI_MIN_SIZE = 100_000  # zopfli takes about a second per 100 KB: only for the files that weigh
ZOPFLI_ITERATIONS = 5      # zopfli's advice for files of several MB
BROTLI_QUALITY = 11
CACHE = Path(__file__).resolve().parent.parent / "build" / "precompressed"
PRUNE_DAYS = 14
ENCODINGS = (".gz", ".br")

# read [[source, target], ...] on stdin; write each target as the brotli of its source, in parallel
# (zlib.brotliCompress runs on libuv's thread pool); exit 1 naming the first failure
NODE_BROTLI = """
const fs = require("fs"), zlib = require("zlib");
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const one = ([source, target]) => new Promise((resolve, reject) => {
  const data = fs.readFileSync(source);
  zlib.brotliCompress(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: __QUALITY__,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    [zlib.constants.BROTLI_PARAM_MODE]: /\\.(html|js|mjs|css|json|svg|xml|txt|csv)$/.test(source)
      ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
  } }, (error, packed) => error ? reject(error) : (fs.writeFileSync(target, packed), resolve()));
});
Promise.all(jobs.map(one)).catch((error) => { console.error(String(error)); process.exit(1); });
""".replace("__QUALITY__", str(BROTLI_QUALITY))


def candidates(site: Path) -> list[Path]:
    """The files of ``site`` that get compressed copies: by suffix and size, sorted."""
    return sorted(path for path in site.rglob("*")
                  if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size >= MIN_SIZE)


def gzip_bytes(data: bytes) -> bytes:
    """The gzip of ``data``, without file name and with modification time 0 (deterministic):
    zopfli's from ``ZOPFLI_MIN_SIZE`` bytes on, else level 9."""
    if len(data) >= ZOPFLI_MIN_SIZE:
        packed: bytes = zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS)
        return packed
    return gzip.compress(data, GZIP_LEVEL, mtime=0)


def worth_keeping(original: int, packed: int) -> bool:
    """Whether a compressed copy of ``packed`` bytes saves at least ``MIN_SAVING`` of ``original``."""
    return packed <= original * (1 - MIN_SAVING)


def _cached(digest: str, suffix: str) -> Path:
    settings = f"gzip{GZIP_LEVEL}-zopfli{ZOPFLI_ITERATIONS}" if suffix == ".gz" else f"br{BROTLI_QUALITY}"
    return CACHE / f"{digest}.{settings}{suffix}"


def _prune() -> None:
    """Remove the cache's entries no build used for ``PRUNE_DAYS`` days."""
    if not CACHE.is_dir():
        return
    limit = time.time() - PRUNE_DAYS * 86400
    for entry in CACHE.iterdir():
        with contextlib.suppress(FileNotFoundError):  # another build may prune at the same time
            if entry.stat().st_mtime < limit:
                entry.unlink()


def _store(path: Path, digest: str, suffix: str) -> None:
    """Keep the copy ``path`` in the cache (atomically: builds may run side by side)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=CACHE, suffix=".part")
    os.close(handle)
    shutil.copyfile(path, temporary)
    os.replace(temporary, _cached(digest, suffix))


def _brotli(jobs: list[tuple[Path, Path]]) -> None:
    """Write each target as the brotli of its source, with Node (all at once)."""
    if not jobs:
        return
    node = shutil.which("node")
    assert node is not None
    listing = json.dumps([[str(source), str(target)] for source, target in jobs])
    subprocess.run([node, "-e", NODE_BROTLI], input=listing, text=True, check=True, timeout=1800)


def _write_gzip(path: Path) -> None:
    data = path.read_bytes()
    path.with_name(path.name + ".gz").write_bytes(gzip_bytes(data))


def precompress(site: Path, brotli: bool | None = None) -> dict[str, int]:
    """Write the ``.gz`` and ``.br`` copies in ``site`` and remove those not worth keeping;
    returns how many of each were kept, and ``brotli`` 0 when Node is missing."""
    if brotli is None:
        brotli = shutil.which("node") is not None
    files = candidates(site)
    encodings = ENCODINGS if brotli else (".gz",)
    to_brotli: list[tuple[Path, Path]] = []
    to_gzip: list[Path] = []
    to_cache: list[tuple[Path, str, str]] = []
    for path in files:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        for suffix in encodings:
            target = path.with_name(path.name + suffix)
            cached = _cached(digest, suffix)
            try:
                shutil.copyfile(cached, target)
                os.utime(cached)  # used: kept from pruning
                continue
            except FileNotFoundError:
                pass
            if suffix == ".br":
                to_brotli.append((path, target))
            else:
                to_gzip.append(path)
            to_cache.append((target, digest, suffix))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # zlib lets go of the GIL
        running = pool.submit(_brotli, to_brotli)
        list(pool.map(_write_gzip, to_gzip))
        running.result()
    for target, digest, suffix in to_cache:
        _store(target, digest, suffix)
    _prune()
    kept = dict.fromkeys(ENCODINGS, 0)
    for path in files:
        size = path.stat().st_size
        for suffix in encodings:
            target = path.with_name(path.name + suffix)
            if worth_keeping(size, target.stat().st_size):
                kept[suffix] += 1
            else:
                target.unlink()
    return {"gz": kept[".gz"], "br": kept[".br"], "files": len(files)}


def copies(site: Path) -> Iterable[Path]:
    """Every precompressed copy in ``site`` (``.gz`` and ``.br`` beside a file of the same name)."""
    for path in sorted(site.rglob("*")):
        if path.suffix in ENCODINGS and path.with_suffix("").is_file():
            yield path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitegen.precompress SITE_DIR")
    counts = precompress(Path(sys.argv[1]))
    print(f"precompressed {counts['files']} files: {counts['gz']} .gz, {counts['br']} .br")
