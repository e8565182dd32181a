"""The static host the benchmark measures against (sitegen/bench.py): a gzip host that sends the
precompressed copies, one that sends files as they are, the stock Pyodide page, and its count of
the bytes it sent per file."""

from __future__ import annotations

import gzip
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen import bench, precompress

PAGE = "<p>售后服务评价</p>\n" * 300


@pytest.fixture
def tiny_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site of one page (with its precompressed copies), a small script and a 404 page."""
    monkeypatch.setattr(precompress, "CACHE", tmp_path / "cache")
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text(PAGE, "utf-8")
    (site / "small.js").write_text("let a = 1;\n", "utf-8")
    (site / "404.html").write_text("missing", "utf-8")
    precompress.precompress(site, brotli=False)
    return site


def _rows(ledger: bench.Ledger, count: int) -> list[tuple[str, int, int, int]]:
    """The ledger's rows once it holds ``count`` (the host notes a response just after sending it)."""
    until = time.monotonic() + 5
    while len(ledger.rows) < count and time.monotonic() < until:
        time.sleep(0.01)
    return ledger.take()


def _get(url: str, **headers: str) -> Any:
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    try:
        return urllib.request.build_opener(Stay).open(urllib.request.Request(url, headers=headers))
    except urllib.error.HTTPError as answer:
        return answer


@pytest.fixture
def hosts(tiny_site: Path) -> Iterator[tuple[str, bench.Ledger, str, bench.Ledger]]:
    """The gzip host and the host without compression, serving the tiny site."""
    server, base, ledger = bench.serve(tiny_site)
    plain_server, plain_base, plain_ledger = bench.serve(tiny_site, compress=False)
    yield base, ledger, plain_base, plain_ledger
    server.shutdown()
    plain_server.shutdown()


def test_the_gzip_host_sends_the_precompressed_copy_and_revalidates(
        tiny_site: Path, hosts: tuple[str, bench.Ledger, str, bench.Ledger]) -> None:
    """To a browser accepting gzip the host sends the page's .gz copy as it is, with its length, a cache lifetime
    and Vary; a small script is gzipped on the fly; its own Last-Modified gets a 304 with no body; the ledger counts
    the bytes sent and the file's size."""
    base, ledger, _, _ = hosts
    answer = _get(base + "page/", **{"Accept-Encoding": "gzip, deflate, br"})
    body = answer.read()
    assert answer.status == 200 and answer.headers["Content-Encoding"] == "gzip"
    assert body == (tiny_site / "page" / "index.html.gz").read_bytes()
    assert gzip.decompress(body).decode("utf-8") == PAGE
    assert answer.headers["Content-Length"] == str(len(body))
    assert answer.headers["Cache-Control"] == "max-age=600" and answer.headers["Vary"] == "Accept-Encoding"
    script = _get(base + "small.js", **{"Accept-Encoding": "gzip"})
    assert script.headers["Content-Encoding"] == "gzip" and gzip.decompress(script.read()) == b"let a = 1;\n"
    again = _get(base + "page/", **{"If-Modified-Since": answer.headers["Last-Modified"]})
    assert again.status == 304 and again.read() == b""
    rows = sorted(_rows(ledger, 3), key=lambda row: (row[0], row[3]))  # each thread notes its own response
    assert [(path, status) for path, _, _, status in rows] == [("/page/", 200), ("/page/", 304), ("/small.js", 200)]
    assert rows[0][1] > len(body) and rows[0][2] == len(PAGE.encode("utf-8"))


def test_the_plain_host_sends_files_as_they_are(tiny_site: Path,
                                                hosts: tuple[str, bench.Ledger, str, bench.Ledger]) -> None:
    """The host without compression sends the page itself to a browser accepting gzip; a folder without its slash
    is redirected, a missing path gets the 404 page."""
    _, _, plain_base, plain_ledger = hosts
    answer = _get(plain_base + "page/", **{"Accept-Encoding": "gzip"})
    assert answer.headers.get("Content-Encoding") is None and answer.read().decode("utf-8") == PAGE
    moved = _get(plain_base + "page")
    assert moved.status == 301 and moved.headers["Location"] == "/page/"
    missing = _get(plain_base + "nothing/")
    assert missing.status == 404 and missing.read() == b"missing"
    assert sorted(row[3] for row in _rows(plain_ledger, 3)) == [200, 301, 404]


def test_the_stock_page_loads_pyodide_from_the_npm_package(hosts: tuple[str, bench.Ledger, str, bench.Ledger]) -> None:
    """/stock/ is a page that starts Pyodide the stock way, and /stock-pyodide/ serves the npm package's own files,
    byte for byte."""
    base, _, _, _ = hosts
    page = _get(base + "stock/").read().decode("utf-8")
    assert '<script src="/stock-pyodide/pyodide.js">' in page and "loadPyodide()" in page
    assert _get(base + "stock-pyodide/pyodide.js").read() == (bench.PYODIDE_DIR / "pyodide.js").read_bytes()
