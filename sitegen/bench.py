"""The calculator benchmark behind scripts/bench (figures, not pass/fail).

Everything is measured in one run, in headless Debian chromium (and firefox-esr and WebKitGTK
where named), against the built site served on 127.0.0.1 by :class:`StaticHost`, a small
threaded server that behaves like a static host with gzip (nginx with ``gzip_static on``): it
sends a file's precompressed ``NAME.gz`` (sitegen/precompress.py) when the browser accepts
gzip, else compresses text and WebAssembly itself, with ``Content-Encoding``,
``Content-Length``, ``Last-Modified`` (a 304 when the browser's copy is current),
``Cache-Control: max-age=600`` (as GitHub Pages sends) and ``Vary: Accept-Encoding``; and
counts, for every response, the bytes it put on the wire and the size of the file behind it.
A second host sends every file as it is (no compression), for the "host without compression"
figure. Times in chromium are read in the page, from the navigation's start
(``performance.now()`` when the page reaches the state), each in a new browser profile unless
warm.

* ``cold_first_score_s``: median of ``COLD_RUNS`` new profiles opening the calculator page
  until the first result is shown (``body[data-state=ready]``); ``stock_first_answer_s``:
  median of as many new profiles, interleaved with them, opening a page that runs the stock
  start of the same Pyodide from the npm package's files, unmodified (``node_modules/pyodide``,
  served under ``/stock-pyodide/``): ``loadPyodide()`` then ``runPython("1+1")``;
  ``cold_vs_stock_ratio`` the ratio of the two medians;
* ``form_usable_s``: from the navigation to the first rating button of the form drawn (the
  form takes ratings before Python is ready), median over the cold runs;
* ``warm_first_score_s``: the same profile opens the page again, once the service worker
  controls it and the Python snapshot is stored (``warm_python_start`` says how Python started):
  the median of ``COLD_RUNS`` such visits one after the other, each printed
  (``warm_first_score_runs_s``);
* ``recompute_ms``: 100 rating changes (a tap on a band button), back to back, each timed
  from the tap to the new result (median, p95; the target's figure); ``recompute_settled_ms``
  100 more, each made once the plan panel has drawn its answer to the last one and the page
  has been idle 50 ms, as a person taps; ``recompute_later_ms`` 100 back to back again on a
  later visit of that profile, ``LATER_WAIT_S`` after those 200 (chromium keeps the
  WebAssembly's optimized code once enough of it is optimized, and a later visit then
  compiles almost none while the visitor taps: a p95 near the settled one);
* ``first_score_files``: per file, what the page needs for its first score (the service
  worker blocked, so that its offline copy, fetched after the first score, is not mixed in):
  bytes sent by the gzip host (headers included) and the file's size; ``first_score_mb`` their
  sum (MB = 10^6 bytes), ``first_score_uncompressed_host_mb`` what the host without compression
  sends for the same visit, ``first_score_brotli_estimate_mb`` the same files' bodies from their
  ``.br`` copies (a ``brotli_static`` host; estimated, not sent); ``own_assets_kb`` the page's
  own files (without Pyodide) as sent;
* ``first_visit_total_kb``: everything a real first visit transfers, the service worker's
  offline copy of the calculator included;
* ``slow_link_first_score_s``: a cold first score with chromium's network emulation
  (``Network.emulateNetworkConditions``: ``SLOW_LINK``, 9 Mbit/s each way, 60 ms latency): the
  median of ``COLD_RUNS`` new profiles, each printed (``slow_link_runs_s``; one run varies by
  some 0.3 s);
* ``english_theme_files_sent_again``: a new profile opens a Chinese clause page, then follows
  the language switch to the English one: the theme's files (``assets/javascripts``,
  ``assets/stylesheets``, ``assets/images``) the host sent again, or any file under
  ``en/assets/`` (0 when the English pages reuse the Chinese pages' theme files);
* ``engines``: cold and warm first score in chromium, firefox-esr and WebKitGTK
  (:mod:`sitegen.engines`, wall clock from the navigation), each in a new profile, warm once
  the service worker keeps the calculator and the Python snapshot is stored. WebKitGTK starts
  Python far more slowly (14-18 s cold on a 2-core machine); the page shows its progress.

Targets (``TARGETS``; issue 16, and issue 5's that it did not replace), on the 2-core machine
with the gzip host; they are printed with the figures, met or not, never asserted.
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
from pathlib import Path
from typing import Any

from sitegen.bundle import PYODIDE_DIR
from sitegen.engines import CHROMIUM, CHROMIUM_ARGS

ARGS = CHROMIUM_ARGS
READY = "document.body?.dataset.state === 'ready'"
COLD_RUNS = 3
LATER_WAIT_S = 6  # before the later visit's recompute (measured: chromium had cached the code by then)
MB = 1_000_000
# name: (limit, unit, what it is); a figure is met when it is at most the limit
TARGETS: dict[str, tuple[float, str, str]] = {
    "cold_vs_stock_ratio": (1.0, "x", "cold first score / stock Pyodide start + 1+1"),
    "first_score_mb": (4.5, "MB", "transferred for the first score (gzip host)"),
    "slow_link_first_score_s": (6.5, "s", "cold first score, 9 Mbit/s, 60 ms"),
    "warm_first_score_s": (0.8, "s", "warm first score"),
    "form_usable_s": (1.0, "s", "form drawn and usable, from navigation"),
    "recompute_p95_ms": (30, "ms", "recompute p95"),
    "english_theme_files_sent_again": (0, "files", "theme files sent again on switching to English"),
    "cold_first_score_s": (3.5, "s", "cold first score (issue 5)"),
    "own_assets_kb": (300, "KB", "page's own files, without Pyodide, as sent (issue 5)"),
}
SLOW_LINK = {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 9_000_000 / 8}
# what a static host compresses on the fly: text, and WebAssembly (zip and png are compressed already)
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".csv", ".txt", ".xml", ".wasm"}
THEME = ("/assets/javascripts/", "/assets/stylesheets/", "/assets/images/")
STOCK_PAGE = "/stock/"
STOCK_FILES = "/stock-pyodide/"
STOCK_HTML = b"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stock Pyodide</title>
<script src="/stock-pyodide/pyodide.js"></script></head>
<body>
<script>
loadPyodide().then((pyodide) => {
  window.__answer = pyodide.runPython("1+1");
  window.__bench.ready = performance.now();
  document.body.dataset.state = "ready";
});
</script>
</body></html>
"""
# before any script of the page: note (performance.now(), from the navigation's start) when the
# form's first rating button is drawn and when the first result is shown
MARKS = """(() => {
  window.__bench = {};
  const look = () => {
    const marks = window.__bench;
    if (marks.usable === undefined && document.querySelector('[data-item] button[data-value]')) {
      marks.usable = performance.now();
    }
    if (marks.ready === undefined && document.body && document.body.dataset.state === 'ready') {
      marks.ready = performance.now();
    }
    if (marks.usable !== undefined && marks.ready !== undefined) watch.disconnect();
  };
  const watch = new MutationObserver(look);
  watch.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
})();"""

RECOMPUTE = """async ([count, settle]) => {
  const groups = [...document.querySelectorAll('[data-item]')].filter((group) => group.querySelector('button[data-value]'));
  const times = [];
  for (let i = 0; i < count; i++) {
    const group = groups[i % groups.length];
    // a band, met, not met or n/a: each rescores ("exact" opens a field to type in)
    const free = [...group.querySelectorAll('button[data-value]:not([data-value="exact"])')]
      .filter((b) => b.getAttribute('aria-pressed') !== 'true');
    const button = free[i % free.length];
    const done = new Promise((resolve, reject) => {
      const watch = new MutationObserver(() => {
        if (document.body.dataset.state === 'ready') { watch.disconnect(); resolve(); }
      });
      watch.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
      setTimeout(() => reject(new Error(`no result 10 s after rating ${group.dataset.item} ${button.dataset.value}`)), 10000);
    });
    if (settle) {  // as a person taps: the plan panel's answer to the last change drawn, then 50 ms idle
      while (document.body.dataset.plan === 'pending') await new Promise((wake) => setTimeout(wake, 5));
      await new Promise((wake) => setTimeout(wake, 50));
    }
    const start = performance.now();
    button.click();
    await done;
    times.push(performance.now() - start);
  }
  return times;
}"""


class Ledger:
    """Every response a host sent: (path, bytes on the wire, size of the file behind it, status)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.rows: list[tuple[str, int, int, int]] = []

    def add(self, path: str, sent: int, raw: int, status: int) -> None:
        with self._lock:
            self.rows.append((path, sent, raw, status))

    def take(self) -> list[tuple[str, int, int, int]]:
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


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host: the site's files (``/stock-pyodide/`` from the Pyodide npm package and
    ``/stock/`` the stock page), gzip as ``gzip_static`` / on-the-fly gzip when ``compress``."""

    ledger: Ledger
    compress: bool
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
        self._status = 0
        super().handle_one_request()
        if getattr(self, "command", None):
            self.ledger.add(self.path.split("?")[0], self.counter.count, self._raw, self._status)

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def _file(self, url: str) -> tuple[Path | None, bool]:
        """The file behind ``url``, and whether ``url`` named its folder."""
        folder = False
        if url.startswith(STOCK_FILES):
            path = PYODIDE_DIR / url[len(STOCK_FILES):]
        else:
            path = Path(self.translate_path(url))
            if path.is_dir():
                path, folder = path / "index.html", True
        return (path if path.is_file() else None), folder

    def _send(self, status: int, body: bytes, content_type: str, encoding: str | None, modified: str | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        if modified:
            self.send_header("Last-Modified", modified)
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        url = self.path.split("?")[0]
        if url == STOCK_PAGE:
            self._raw = len(STOCK_HTML)
            self._send(200, STOCK_HTML, "text/html; charset=utf-8", None, None)
            return
        path, folder = self._file(url)
        if path is not None and folder and not url.endswith("/"):
            self.send_response(301)
            self.send_header("Location", url + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path is None:
            missing = Path(self.directory) / "404.html"
            self._send(404, missing.read_bytes(), "text/html; charset=utf-8", None, None)
            return
        self._raw = path.stat().st_size
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        if self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)  # the browser's copy is current: no body
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            return
        content_type = self.guess_type(str(path))
        if path.suffix == ".wasm":
            content_type = "application/wasm"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        body, encoding = path.read_bytes(), None
        if self.compress and accepts:
            ready = path.with_name(path.name + ".gz")
            if ready.is_file():
                body, encoding = ready.read_bytes(), "gzip"
            elif path.suffix in COMPRESSED:
                if path not in self.gzipped:
                    self.gzipped[path] = gzip.compress(body, 6, mtime=0)  # nginx's gzip_comp_level is 1..9
                body, encoding = self.gzipped[path], "gzip"
        self._send(200, body, content_type, encoding, modified)


def serve(site: Path, compress: bool = True) -> tuple[http.server.ThreadingHTTPServer, str, Ledger]:
    """Serve ``site`` on a free localhost port; returns the server, its URL and its ledger."""
    ledger = Ledger()
    handler = type("Host", (StaticHost,), {"ledger": ledger, "gzipped": {}, "compress": compress})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", ledger


def _visit(browser: Any, url: str, *, block_sw: bool = False, network: dict[str, Any] | None = None,
           keep: bool = False) -> tuple[dict[str, float], Any]:
    """Open ``url`` in a new profile until its first result; the page's marks (ms from the
    navigation) and the context (closed unless ``keep``)."""
    context = browser.new_context(service_workers="block" if block_sw else "allow")
    context.add_init_script(MARKS)
    page = context.new_page()
    if network:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", network)
    page.goto(url, wait_until="commit", timeout=300_000)
    page.wait_for_function("window.__bench && window.__bench.ready !== undefined", timeout=300_000, polling=50)
    marks = page.evaluate("window.__bench")
    if not keep:
        context.close()
        return marks, None
    return marks, (context, page)


def _again(page: Any, url: str) -> dict[str, float]:
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__bench && window.__bench.ready !== undefined", timeout=120_000, polling=10)
    return dict(page.evaluate("window.__bench"))


def _engine_figures(engines: Any, engine: str, url: str) -> dict[str, Any]:
    """Cold and warm first score of the calculator page in one engine (a new profile), wall clock."""
    import time

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


def _english_switch(browser: Any, base: str, ledger: Ledger) -> dict[str, Any]:
    """A Chinese clause page, then the language switch to the English one: which of the theme's
    files the host sent for each (service worker blocked: only the browser's own cache)."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    ledger.take()
    page.goto(base + "cts-q-zg025-2022/5.1.1/")
    page.wait_for_load_state("networkidle")
    chinese = [row for row in ledger.take() if row[3] == 200]
    page.locator('a[data-lang-switch="en"]').dispatch_event("click")
    page.wait_for_url(base + "en/cts-q-zg025-2022/5.1.1/")
    page.wait_for_load_state("networkidle")
    english = [row for row in ledger.take() if row[3] == 200]
    context.close()
    theme = lambda rows: [row[0] for row in rows if row[0].startswith(THEME) or row[0].startswith("/en/assets/")]  # noqa: E731
    return {"chinese_page_theme_files": theme(chinese), "english_page_sent": [row[0] for row in english],
            "sent_again": theme(english)}


def _brotli_body(site: Path, path: str, raw: int) -> int:
    """The bytes a ``brotli_static`` host sends as the body of ``path``: its ``.br`` copy, else the file."""
    if path.startswith(STOCK_FILES) or path == STOCK_PAGE:
        return raw
    local = site / path.lstrip("/")
    if local.is_dir() or path.endswith("/"):
        local = local / "index.html"
    copy = local.with_name(local.name + ".br")
    return copy.stat().st_size if copy.is_file() else raw


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def run(site: Path) -> dict[str, Any]:
    """Measure once and return the figures."""
    from playwright.sync_api import sync_playwright

    from sitegen.engines import ENGINES, Engines

    load_before = os.getloadavg()
    server, base, ledger = serve(site)
    plain_server, plain_base, plain_ledger = serve(site, compress=False)
    url = base + "calculator/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            # 1. what the page needs for a first score (service worker blocked), gzip host and plain host
            ledger.take()
            _visit(browser, url, block_sw=True)
            page_rows = ledger.take()
            plain_ledger.take()
            _visit(browser, plain_base + "calculator/", block_sw=True)
            plain_rows = plain_ledger.take()
            # 2. cold first scores, interleaved with the stock Pyodide start, each in a new profile
            cold: list[dict[str, float]] = []
            stock: list[dict[str, float]] = []
            for turn in range(COLD_RUNS):  # each first in turn, so that neither always follows the other
                for which in ((cold, stock) if turn % 2 == 0 else (stock, cold)):
                    which.append(_visit(browser, url if which is cold else base + STOCK_PAGE.lstrip("/"))[0])
            # 3. a real first visit, then a return visit, then changes
            ledger.take()
            first, kept = _visit(browser, url, keep=True)
            context, page = kept
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
            page.wait_for_function("document.body.dataset.snapshot === 'stored'", timeout=120_000)
            page.wait_for_function("document.body.dataset.kept !== undefined", timeout=120_000)
            first_visit_rows = ledger.take()
            warms = [_again(page, url)]
            warm_rows = ledger.take()  # the requests of the first return visit
            warms += [_again(page, url) for _ in range(COLD_RUNS - 1)]
            warm_start = page.evaluate("document.body.dataset.python")
            page.wait_for_function(READY)
            times = page.evaluate(RECOMPUTE, [100, False])
            settled = sorted(page.evaluate(RECOMPUTE, [100, True]))
            page.wait_for_timeout(LATER_WAIT_S * 1000)
            _again(page, url)
            later = sorted(page.evaluate(RECOMPUTE, [100, False]))
            context.close()
            # 4. the slow link, then the language switch
            slow = [_visit(browser, url, network=SLOW_LINK)[0] for _ in range(COLD_RUNS)]
            switch = _english_switch(browser, base, ledger)
            browser.close()
            engines = Engines(playwright)
            try:
                per_engine = {engine: _engine_figures(engines, engine, url) for engine in ENGINES}
            finally:
                engines.close()
    finally:
        server.shutdown()
        plain_server.shutdown()
    ordered = sorted(times)
    sent = lambda rows: sum(row[1] for row in rows)  # noqa: E731
    own = [row for row in page_rows if not row[0].startswith("/pyodide/")]
    pyodide = [row for row in page_rows if row[0].startswith("/pyodide/")]
    cold_s = [marks["ready"] / 1000 for marks in cold]
    stock_s = [marks["ready"] / 1000 for marks in stock]
    figures: dict[str, Any] = {
        "cold_first_score_s": _median(cold_s),
        "cold_first_score_runs_s": [round(value, 3) for value in cold_s],
        "stock_first_answer_s": _median(stock_s),
        "stock_first_answer_runs_s": [round(value, 3) for value in stock_s],
        "cold_vs_stock_ratio": round(statistics.median(cold_s) / statistics.median(stock_s), 3),
        "form_usable_s": _median([marks["usable"] / 1000 for marks in cold]),
        "warm_first_score_s": _median([marks["ready"] / 1000 for marks in warms]),
        "warm_first_score_runs_s": [round(marks["ready"] / 1000, 3) for marks in warms],
        "warm_visit_cold_first_score_s": round(first["ready"] / 1000, 3),  # the first visit of that profile
        "warm_python_start": warm_start,
        "recompute_median_ms": round(statistics.median(times), 2),
        "recompute_p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "recompute_samples": len(times),
        "recompute_settled_median_ms": round(statistics.median(settled), 2),
        "recompute_settled_p95_ms": round(settled[int(len(settled) * 0.95) - 1], 2),
        "recompute_later_median_ms": round(statistics.median(later), 2),
        "recompute_later_p95_ms": round(later[int(len(later) * 0.95) - 1], 2),
        "slow_link_first_score_s": _median([marks["ready"] / 1000 for marks in slow]),
        "slow_link_runs_s": [round(marks["ready"] / 1000, 3) for marks in slow],
        "slow_link": SLOW_LINK,
        "first_score_mb": round(sent(page_rows) / MB, 3),
        "first_score_uncompressed_mb": round(sum(row[2] for row in page_rows) / MB, 3),
        "first_score_uncompressed_host_mb": round(sent(plain_rows) / MB, 3),
        "first_score_brotli_estimate_mb": round(sum(_brotli_body(site, row[0], row[2]) for row in page_rows) / MB, 3),
        "first_score_requests": len(page_rows),
        "first_score_files": {path: {"sent": nbytes, "size": raw} for path, nbytes, raw, _ in page_rows},
        "own_assets_kb": round(sent(own) / 1024, 1),
        "own_assets_uncompressed_kb": round(sum(row[2] for row in own) / 1024, 1),
        "pyodide_kb": round(sent(pyodide) / 1024, 1),
        "pyodide_uncompressed_kb": round(sum(row[2] for row in pyodide) / 1024, 1),
        # a real first visit: the page's needs plus what the service worker adds to its
        # offline copy (the English page, the other rubrics; files already fetched get a 304)
        "first_visit_total_kb": round(sent(first_visit_rows) / 1024, 1),
        "warm_requests": len(warm_rows),
        "english_theme_files_sent_again": len(switch["sent_again"]),
        "english_switch": switch,
        "engines": per_engine,
    }
    figures["targets"] = {key: {"target": limit, "unit": unit, "value": figures[key], "met": figures[key] <= limit}
                          for key, (limit, unit, _) in TARGETS.items()}
    figures["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "platform": platform.platform(),
                          # other work on the machine slows every figure: a run is comparable only when these are low
                          "load_average_before": [round(x, 2) for x in load_before],
                          "load_average_after": [round(x, 2) for x in os.getloadavg()]}
    return figures


def table(figures: dict[str, Any]) -> str:
    """The figures a person reads first: every target, the bytes per file, the engines."""
    lines = [f"{'target':<54} {'value':>10} {'limit':>8}  met"]
    for key, (limit, unit, what) in TARGETS.items():
        value = figures[key]
        lines.append(f"{what:<54} {value:>10} {f'<= {limit}':>8}  {'met' if value <= limit else 'NOT MET'} ({unit})")
    lines.append("")
    lines.append(f"recompute: median {figures['recompute_median_ms']} ms back to back; settled taps median "
                 f"{figures['recompute_settled_median_ms']} ms, p95 {figures['recompute_settled_p95_ms']} ms; later visit "
                 f"median {figures['recompute_later_median_ms']} ms, p95 {figures['recompute_later_p95_ms']} ms; "
                 f"slow link runs {figures['slow_link_runs_s']} s; warm runs {figures['warm_first_score_runs_s']} s "
                 f"({figures['warm_python_start']})")
    lines.append(f"stock Pyodide start + 1+1: {figures['stock_first_answer_s']} s (runs {figures['stock_first_answer_runs_s']}); "
                 f"calculator cold: runs {figures['cold_first_score_runs_s']}")
    lines.append(f"first score: {figures['first_score_mb']} MB sent by the gzip host, "
                 f"{figures['first_score_uncompressed_host_mb']} MB by a host without compression, "
                 f"~{figures['first_score_brotli_estimate_mb']} MB from the .br copies; "
                 f"first visit with the offline copy {figures['first_visit_total_kb']} KB")
    lines.append(f"{'file (first score)':<60} {'gzip host':>11} {'size':>11}")
    files = sorted(figures["first_score_files"].items(), key=lambda item: -item[1]["sent"])
    for path, row in files:
        lines.append(f"{path:<60} {row['sent']:>11,} {row['size']:>11,}")
    lines.append(f"{'total':<60} {sum(r['sent'] for _, r in files):>11,} {sum(r['size'] for _, r in files):>11,}")
    lines.append("")
    machine = figures.get("machine", {})
    if machine:
        lines.append(f"load average (1, 5, 15 min) before {machine['load_average_before']}, "
                     f"after {machine['load_average_after']} on {machine['cpus']} CPUs")
    for engine, row in figures["engines"].items():
        lines.append(f"{engine:<10} cold {row['cold_first_score_s']:>7} s   warm {row['warm_first_score_s']:>7} s"
                     f"   ({row['warm_python_start']})")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m sitegen.bench SITE_DIR OUTPUT.json")
    result = run(Path(sys.argv[1]))
    text = json.dumps(result, indent=2, ensure_ascii=False)
    Path(sys.argv[2]).write_text(text + "\n", "utf-8")
    print(text)
    print()
    print(table(result))
