"""What the built site asks a host to send: one copy of the theme's files for both languages
(the English pages load the Chinese build's ``assets/``), and the precompressed ``.gz`` / ``.br``
copies beside the larger files (sitegen/precompress.py), the same bytes once decompressed."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen import precompress

ASSET_REF = re.compile(r"""(?:href|src)="([^"#?]*assets/[^"#?]+)["#?]""")
SEARCH_WORKER = re.compile(r'"search": "([^"]+)"')
# the brotli decompression of each file named on stdin, as "sha256 name" lines (Node's zlib)
NODE_UNBROTLI = """
const fs = require("fs"), zlib = require("zlib"), crypto = require("crypto");
for (const name of JSON.parse(fs.readFileSync(0, "utf8"))) {
  const data = zlib.brotliDecompressSync(fs.readFileSync(name));
  console.log(crypto.createHash("sha256").update(data).digest("hex") + " " + name);
}
"""


def asset_files(site: Path, page: Path) -> set[str]:
    """The site files (relative to the root) that ``page`` loads from an ``assets/`` folder,
    the theme's search worker included."""
    text = page.read_text("utf-8")
    found = set()
    for ref in ASSET_REF.findall(text) + SEARCH_WORKER.findall(text):
        target = (site / ref.lstrip("/")) if ref.startswith("/") else (page.parent / ref)
        found.add(target.resolve().relative_to(site.resolve()).as_posix())
    return found


def test_english_pages_load_the_theme_files_of_the_chinese_pages(site: Path) -> None:
    """No English page has a copy of the theme's files: every stylesheet, script, icon and the search worker an
    English page names is the same file at the root's assets/ as on its Chinese twin, and there is no en/assets/."""
    assert not (site / "en" / "assets").exists()
    pages = list((site / "en").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        files = asset_files(site, page)
        assert files, page
        assert all(name.startswith("assets/") and (site / name).is_file() for name in files), (page, sorted(files))
        twin = site / page.relative_to(site / "en")
        assert files == asset_files(site, twin), page


def test_english_search_index_stays_english(site: Path) -> None:
    """The English search index (its own, under en/search/) is English only; the Chinese one names both languages,
    and the lunr scripts its worker imports are those of the root's assets/."""
    english = json.loads((site / "en" / "search" / "search_index.json").read_text("utf-8"))
    chinese = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert english["config"]["lang"] == ["en"]
    assert set(chinese["config"]["lang"]) == {"zh", "en"}
    assert english["docs"] and all(not doc["location"].startswith("en/") for doc in english["docs"])
    assert (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.zh.min.js").is_file()


def test_large_files_have_gzip_copies_with_the_same_bytes(site: Path) -> None:
    """Every page, script, stylesheet and Pyodide's WebAssembly has a NAME.gz beside it whose gzip header has no
    time and which decompresses to the file's bytes; no copy is written for a file under 1 KB."""
    for name in ("index.html", "en/calculator/index.html", "pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.mjs",
                 "assets/calc/app.js", "search/search_index.json", "sw.js"):
        assert (site / f"{name}.gz").is_file(), name
    copies = [path for path in precompress.copies(site) if path.suffix == ".gz" and path.name != "sitemap.xml.gz"]
    assert len(copies) > 200
    for copy in copies:
        packed = copy.read_bytes()
        assert packed[4:8] == b"\0\0\0\0", copy  # MTIME 0 (RFC 1952)
        original = copy.with_suffix("").read_bytes()
        assert len(original) >= precompress.MIN_SIZE, copy
        assert gzip.decompress(packed) == original, copy
        assert len(packed) <= 0.95 * len(original), copy


def test_the_large_files_gzip_copies_are_zopfli_s_smaller_ones(site: Path) -> None:
    """The .gz copy of a file of at least ZOPFLI_MIN_SIZE bytes (Pyodide's WebAssembly and its script, most of the
    calculator's first visit) is smaller than gzip's level 9 of the same file, a smaller one is level 9's."""
    for name in ("pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.mjs"):
        original = (site / name).read_bytes()
        assert len(original) >= precompress.ZOPFLI_MIN_SIZE
        assert len((site / f"{name}.gz").read_bytes()) < len(gzip.compress(original, 9, mtime=0)), name
    small = site / "assets" / "calc" / "app.js"
    assert len(small.read_bytes()) < precompress.ZOPFLI_MIN_SIZE
    assert (site / "assets" / "calc" / "app.js.gz").read_bytes() == gzip.compress(small.read_bytes(), 9, mtime=0)


@pytest.mark.skipif(shutil.which("node") is None, reason="node writes the brotli copies")
def test_large_files_have_brotli_copies_with_the_same_bytes(site: Path) -> None:
    """Beside every .gz copy of a text file and of the WebAssembly there is a NAME.br, which Node's zlib decompresses
    to the file's bytes."""
    copies = sorted(path for path in precompress.copies(site) if path.suffix == ".br")
    assert {path.with_suffix("").suffix for path in copies} >= {".html", ".js", ".css", ".json", ".wasm", ".mjs"}
    assert (site / "pyodide" / "pyodide.asm.wasm.br").is_file() and (site / "en" / "index.html.br").is_file()
    answer = subprocess.run(["node", "-e", NODE_UNBROTLI], input=json.dumps([str(path) for path in copies]),
                            capture_output=True, text=True, check=True, timeout=600).stdout
    digests = dict(reversed(line.split(" ", 1)) for line in answer.splitlines())
    assert len(digests) == len(copies)
    for copy in copies:
        assert digests[str(copy)] == hashlib.sha256(copy.with_suffix("").read_bytes()).hexdigest(), copy


def test_the_service_worker_lists_no_precompressed_copy(site: Path) -> None:
    """sw.js keeps files as the browser fetches them: none of its entries is a .gz or .br copy."""
    text = (site / "sw.js").read_text("utf-8")
    files = json.loads(re.search(r"const FILES = (\[.*?\n\]);", text, re.S).group(1))
    assert len(files) > 200
    assert not [url for url, _, _ in files if url.endswith((".gz", ".br"))]


def test_precompress_is_deterministic_and_skips_what_does_not_shrink(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Run twice on the same files, the copies are the same bytes; a file under 1 KB, one of another kind and one of
    random bytes (which gzip cannot make 5 % smaller) get none."""
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache-1")
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "page.html").write_text("<p>售后服务评价</p>\n" * 400, "utf-8")
    (site / "small.js").write_text("let a = 1;\n" * 10, "utf-8")
    (site / "picture.png").write_bytes(b"\0" * 4096)
    (site / "noise.js").write_bytes(os.urandom(8192))
    brotli = shutil.which("node") is not None
    counts = precompress.precompress(site, brotli=brotli)
    assert counts == {"gz": 1, "br": 1 if brotli else 0, "files": 2}
    first = {path.name: path.read_bytes() for path in precompress.copies(site)}
    assert set(first) == {"page.html.gz", *(["page.html.br"] if brotli else [])}
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache-2")  # made again, not copied from the first
    precompress.precompress(site, brotli=brotli)
    assert {path.name: path.read_bytes() for path in precompress.copies(site)} == first
