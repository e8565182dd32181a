"""The calculator benchmark behind scripts/bench (figures, not pass/fail).

Measured in headless Debian chromium against the built site served on 127.0.0.1:

* ``cold_first_score_s``: a new browser profile opens the calculator page until the first
  result is shown (``body[data-state=ready]``);
* ``warm_first_score_s``: the same profile opens it again (HTTP and service-worker caches warm);
* ``recompute_ms``: 100 rating changes, each timed from the change to the new result;
* ``bytes``: what the cold load transferred, in total and without ``pyodide/``; the plain
  server used here does not compress, so ``own_assets_gzip_kb`` also gives the page's own
  assets as a host that gzips text (most static hosts) would send them.

Targets (issue 5, 2-core machine): cold <= 3.5 s, warm <= 1.5 s, recompute p95 <= 50 ms,
the page's own assets (without Pyodide) <= 300 KB. The figures are printed, never asserted.
"""

from __future__ import annotations

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
READY = "document.body.dataset.state === 'ready'"
TARGETS = {"cold_first_score_s": 3.5, "warm_first_score_s": 1.5, "recompute_p95_ms": 50,
           "own_assets_kb": 300, "own_assets_gzip_kb": 300}

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _load(page: Any, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=120_000, polling=10)
    return time.perf_counter() - start


def run(site: Path) -> dict[str, Any]:
    """Measure once and return the figures."""
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    url = base + "calculator/"
    sizes: list[tuple[str, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context()
            page = context.new_page()
            bodies: list[tuple[str, bytes]] = []

            def finished(request: Any) -> None:
                sizes.append((request.url, sum(max(v, 0) for v in (request.sizes()["responseBodySize"],
                                                                     request.sizes()["responseHeadersSize"]))))
                response = request.response()
                if response is not None:
                    try:
                        bodies.append((request.url, response.body()))
                    except Exception:  # noqa: BLE001 - a body the browser no longer holds
                        pass

            page.on("requestfinished", finished)
            cold = _load(page, url)
            cold_sizes = list(sizes)
            cold_bodies = list(bodies)
            page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=120_000)
            warm = _load(page, url)
            times = page.evaluate(RECOMPUTE, 100)
            browser.close()
    finally:
        server.shutdown()
    gzipped = sum(len(gzip.compress(body, 6)) for request_url, body in cold_bodies if "/pyodide/" not in request_url)
    total = sum(size for _, size in cold_sizes)
    own = sum(size for request_url, size in cold_sizes if "/pyodide/" not in request_url)
    ordered = sorted(times)
    figures = {
        "cold_first_score_s": round(cold, 3),
        "warm_first_score_s": round(warm, 3),
        "recompute_median_ms": round(statistics.median(times), 2),
        "recompute_p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2),
        "recompute_samples": len(times),
        "bytes_total": total,
        "bytes_without_pyodide": own,
        "own_assets_kb": round(own / 1024, 1),
        "own_assets_gzip_kb": round(gzipped / 1024, 1),
        "requests": len(cold_sizes),
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
