"""The calculator benchmark behind scripts/bench (figures, not pass/fail).

Measured in headless Debian chromium against the built site served on 127.0.0.1 by a
small server that behaves like a static host: it gzips text and WebAssembly when the
browser accepts it (as GitHub Pages, Netlify or nginx with ``gzip_static`` do) and counts,
for every response, the bytes it put on the wire and the size of the file behind it.

* ``cold_first_score_s``: a new browser profile opens the calculator page until the first
  result is shown (``body[data-state=ready]``);
* ``warm_first_score_s``: the same profile opens it again, once the service worker controls
  the page and the Python snapshot is stored (``warm_python_start`` says how Python started);
* ``recompute_ms``: 100 rating changes, each timed from the change to the new result;
* ``engines``: cold and warm first score in each browser engine visitors use (chromium,
  firefox-esr, WebKitGTK; :mod:`sitegen.engines`), each in a new profile, warm once the
  service worker keeps the calculator and the Python snapshot is stored. WebKitGTK starts
  Python far more slowly (14-18 s cold on a 2-core machine); the page shows its progress;
* bytes: what the page needs for its first score, counted by the server, with the service
  worker blocked so that its offline copy (fetched in the background) is not mixed in --
  ``own_assets_kb`` is the page's own files as sent (gzip), ``own_assets_uncompressed_kb``
  the same files' sizes; ``pyodide_kb`` likewise for Pyodide. ``first_visit_total_kb`` is
  everything a real first visit transfers, the service worker's offline copy included.

Targets (issue 5, 2-core machine): cold <= 3.5 s, warm <= 1.5 s, recompute p95 <= 50 ms,
the page's own assets (without Pyodide) <= 300 KB. The figures are printed, never asserted.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import json
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
READY = "document.body?.dataset.state === 'ready'"
TARGETS = {"cold_first_score_s": 3.5, "warm_first_score_s": 1.5, "recompute_p95_ms": 50,
           "own_assets_kb": 300}
# what a static host compresses: text, and WebAssembly (already-compressed zip and png are not)
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".csv", ".txt", ".xml", ".wasm"}

RECOMPUTE = """async (count) => {
  const selects = [...document.querySelectorAll('select[data-item]')];
  const values = ['1', '0.4', '0.6', '0', '0.8'];
  const times = [];
  for (let i = 0; i < count; i++) {
    const select = selects[i % selects.length];
    const done = new Promise((resolve) => {
      const watch = new MutationObserver(() => {
        if (document.body.dataset.state === 'ready') { watch.disconnect(); resolve(); }
      });
      watch.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
    });
    const start = performance.now();
    select.value = values[i % values.length];
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await done;
    times.push(performance.now() - start);
  }
  return times;
}"""


class Ledger:
    """Every response the server sent: (path, bytes on the wire, size of the file behind it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.rows: list[tuple[str, int, int]] = []

    def add(self, path: str, sent: int, raw: int) -> None:
        with self._lock:
            self.rows.append((path, sent, raw))

    def take(self) -> list[tuple[str, int, int]]:
        """The rows so far, and start a new list."""
        with self._lock:
            rows, self.rows = self.rows, []
        return rows


class _CountingWriter:
    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.count = 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.inner.write(data)

    def flush(self) -> None:
        self.inner.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    ledger: Ledger
    gzipped: dict[Path, bytes]

    def log_message(self, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.counter = _CountingWriter(self.wfile)
        self.wfile = self.counter  # type: ignore[assignment]  # counts the bytes it passes on

    def handle_one_request(self) -> None:
        self.counter.count = 0
        self._raw = 0
        super().handle_one_request()
        if getattr(self, "command", None):
            self.ledger.add(self.path.split("?")[0], self.counter.count, self._raw)

    def _file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        return path if path.is_file() else None

    def do_GET(self) -> None:
        path = self._file()
        self._raw = path.stat().st_size if path else 0
        if not (path and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)  # the browser's copy is current: no body
            self.end_headers()
            return
        if path not in self.gzipped:
            self.gzipped[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
        body = self.gzipped[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str, Ledger]:
    """Serve ``site`` on a free localhost port; returns the server, its URL and its ledger."""
    ledger = Ledger()
    handler = type("Host", (_StaticHost,), {"ledger": ledger, "gzipped": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", ledger


def _load(page: Any, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=120_000, polling=10)
    return time.perf_counter() - start


def _kb(rows: list[tuple[str, int, int]], pyodide: bool, column: int) -> float:
    return round(sum(int(row[column]) for row in rows if row[0].startswith("/pyodide/") == pyodide) / 1024, 1)


def _engine_figures(engines: Any, engine: str, url: str) -> dict[str, Any]:
    """Cold and warm first score of the calculator page in one engine (a new profile)."""
    tab = engines.tab(engine)
    try:
        start = time.perf_counter()
        tab.goto(url)
        tab.wait(READY, 300)
        cold = time.perf_counter() - start
        tab.wait("document.body.dataset.snapshot === 'stored' && document.body.dataset.kept !== undefined", 300)
        start = time.perf_counter()
        tab.goto(url)
        tab.wait(READY, 300)
        warm = time.perf_counter() - start
        return {"cold_first_score_s": round(cold, 3), "warm_first_score_s": round(warm, 3),
                "warm_python_start": tab.run("document.body.dataset.python")}
    finally:
        tab.close()


def run(site: Path) -> dict[str, Any]:
    """Measure once and return the figures."""
    from playwright.sync_api import sync_playwright

    from sitegen.engines import ENGINES, Engines

    server, base, ledger = serve(site)
    url = base + "calculator/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            # 1. what the page itself needs for a first score (service worker blocked)
            context = browser.new_context(service_workers="block")
            ledger.take()
            _load(context.new_page(), url)
            page_rows = ledger.take()
            context.close()
            # 2. a real first visit, then a return visit, then changes
            context = browser.new_context()
            page = context.new_page()
            cold = _load(page, url)
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
            page.wait_for_function("document.body.dataset.snapshot === 'stored'", timeout=120_000)
            page.wait_for_function("document.body.dataset.kept !== undefined", timeout=120_000)
            first_visit_rows = ledger.take()
            warm = _load(page, url)
            warm_start = page.evaluate("document.body.dataset.python")
            warm_rows = ledger.take()
            times = page.evaluate(RECOMPUTE, 100)
            browser.close()
            engines = Engines(playwright)
            try:
                per_engine = {engine: _engine_figures(engines, engine, url) for engine in ENGINES}
            finally:
                engines.close()
    finally:
        server.shutdown()
    ordered = sorted(times)
    sent = lambda rows: sum(row[1] for row in rows)  # noqa: E731
    figures: dict[str, Any] = {
        "cold_first_score_s": round(cold, 3),
        "warm_first_score_s": round(warm, 3),
        "warm_python_start": warm_start,
        "recompute_median_ms": round(statistics.median(times), 2),
        "recompute_p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "recompute_samples": len(times),
        "own_assets_kb": _kb(page_rows, False, 1),
        "own_assets_uncompressed_kb": _kb(page_rows, False, 2),
        "pyodide_kb": _kb(page_rows, True, 1),
        "pyodide_uncompressed_kb": _kb(page_rows, True, 2),
        "page_requests": len(page_rows),
        "page_files": {path: {"sent": sent, "size": raw} for path, sent, raw in page_rows},
        # a real first visit: the page's needs plus what the service worker adds to its
        # offline copy (the English page, the other rubrics; files already fetched get a 304)
        "first_visit_total_kb": round(sent(first_visit_rows) / 1024, 1),
        "warm_requests": len(warm_rows),
        "engines": per_engine,
    }
    figures["targets"] = {key: {"target": limit, "value": figures[key], "met": figures[key] <= limit}
                          for key, limit in TARGETS.items()}
    figures["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform()}
    return figures


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m sitegen.bench SITE_DIR OUTPUT.json")
    result = run(Path(sys.argv[1]))
    text = json.dumps(result, indent=2)
    Path(sys.argv[2]).write_text(text + "\n", "utf-8")
    print(text)
