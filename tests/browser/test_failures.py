"""When Python cannot answer, the page says so and offers a retry, in Debian's chromium with real
Pyodide: a failed Pyodide or calculator download, a failed rubric fetch, a worker that throws on
import. The page never stays "loading", and the form and the saved ratings stay usable."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, rate, shown

from calculator.loaders import read_catalogue

pytestmark = pytest.mark.browser

CATALOGUE = read_catalogue()
ERROR = "document.body?.dataset.state === 'error'"


def _fatal_prefix(lang: str) -> str:
    """The catalogue's sentence for a scoring module that cannot run, up to its {problem}."""
    return CATALOGUE["python.fatal"][lang].split("{problem}")[0]


def _fail(route: Any) -> None:
    route.fulfill(status=404, body="not here")


def _abort(route: Any) -> None:
    route.abort("connectionreset")


@pytest.mark.parametrize(("pattern", "failure"), [("**/pyodide/pyodide.asm.wasm", _fail),
                                                  ("**/pyodide/pyodide.asm.wasm", _abort),
                                                  ("**/pyodide/stdlib-core.zip", _fail),
                                                  ("**/calculator.zip", _fail)],
                         ids=["wasm-404", "wasm-aborted", "stdlib-404", "calculator-404"])
def test_a_failed_download_ends_in_a_message_with_a_retry_that_then_scores(
        page: Any, site_url: str, tmp_path: Path, pattern: str, failure: Any) -> None:
    """A file Python needs failing (connection lost, or 404) puts the page in state 'error' with the Chinese
    message and a retry; the form still takes ratings, and once the file is back the retry scores them as the
    CLI does."""
    page.route(pattern, failure)
    page.goto(site_url + "calculator/")
    page.wait_for_function(ERROR, timeout=120_000)
    box = page.locator("[data-testid=error]")
    assert box.is_visible()
    assert box.inner_text().startswith(_fatal_prefix("zh"))
    assert CATALOGUE.text("python.kept", "zh") in box.inner_text()
    rate(page, "5.1.1.a", 1)  # the form keeps working and saving
    assert page.evaluate("document.body.dataset.state") == "error"
    page.unroute(pattern)
    page.locator("[data-testid=retry]").click()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator("[data-testid=error]").count() == 0
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]


class _BreaksOff(http.server.SimpleHTTPRequestHandler):
    """Serves the site, except that while ``broken`` is set the WebAssembly's body stops after
    its first MB and the connection closes (its Content-Length announces the whole file)."""

    broken = True

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if not (self.broken and self.path.endswith("/pyodide/pyodide.asm.wasm")):
            super().do_GET()
            return
        body = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/wasm")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:1 << 20])
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True


@pytest.fixture
def breaking_host(site: Path) -> Iterator[tuple[str, type[_BreaksOff]]]:
    """The site on 127.0.0.1 with a WebAssembly download that breaks off (its handler class
    says ``broken``)."""
    handler = type("Handler", (_BreaksOff,), {"broken": True})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", handler
    server.shutdown()
    server.server_close()


def test_a_webassembly_download_that_breaks_off_part_way_ends_in_a_message_with_a_retry(
        page: Any, breaking_host: tuple[str, type[_BreaksOff]], tmp_path: Path) -> None:
    """The WebAssembly's body breaking off after 1 MB (the connection closes) puts the page in state 'error'
    with the Chinese message naming the file and a retry, and the retry, once the file comes whole, scores."""
    url, handler = breaking_host
    page.goto(url + "calculator/")
    page.wait_for_function(ERROR, timeout=120_000)
    text = page.locator("[data-testid=error]").inner_text()
    assert text.startswith(_fatal_prefix("zh")) and "pyodide.asm.wasm" in text
    rate(page, "5.1.1.a", 1)
    handler.broken = False
    page.locator("[data-testid=retry]").click()
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]


def test_a_worker_that_throws_on_import_ends_in_an_english_message_on_the_english_page(
        page: Any, site_url: str) -> None:
    """worker.js failing as it loads puts the English calculator in state 'error' with the English message."""
    page.route("**/assets/calc/worker.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="throw new Error('broken worker');"))
    page.goto(site_url + "en/calculator/")
    page.wait_for_function(ERROR, timeout=60_000)
    text = page.locator("[data-testid=error]").inner_text()
    assert text.startswith(_fatal_prefix("en"))
    assert page.locator("[data-testid=retry]").inner_text() == CATALOGUE.text("python.retry", "en")
    assert page.locator('[data-item="5.1.1.a"] button').count() > 1  # the form is there


def test_a_rubric_that_cannot_be_fetched_ends_in_a_message_with_a_retry(page: Any, site_url: str) -> None:
    """The calculator's rubric answering 404 ends in state 'error' with the catalogue's message naming the file."""
    page.route("**/assets/calc/data/cts-q-zg025-2022.json", _fail)
    page.goto(site_url + "calculator/")
    page.wait_for_function(ERROR, timeout=60_000)
    text = page.locator("[data-testid=error]").inner_text()
    assert text.startswith(CATALOGUE["calc.rubric_error"]["zh"].split("{problem}")[0])
    assert "cts-q-zg025-2022.json" in text and "404" in text
    assert page.locator("[data-testid=retry]").is_visible()


def test_the_practice_page_with_a_broken_worker_ends_in_a_message(page: Any, site_url: str) -> None:
    """The practice page's worker failing to load ends in state 'error' with the Chinese message and a retry."""
    page.route("**/assets/calc/worker.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="throw new Error('broken worker');"))
    page.goto(site_url + "study/")
    page.wait_for_function(ERROR, timeout=60_000)
    assert page.locator("[data-testid=error]").inner_text().startswith(_fatal_prefix("zh"))
    assert page.locator("[data-testid=retry]").is_visible()


def test_a_worker_that_dies_after_scoring_ends_in_a_message_and_the_retry_scores_again(
        page: Any, site_url: str, tmp_path: Path) -> None:
    """An uncaught error in the running worker (Python already answered) puts the page in state 'error' with the
    Chinese message and a retry; the rating entered afterwards is kept, and the retry scores it as the CLI does."""
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    [worker] = page.workers
    worker.evaluate("setTimeout(() => { throw new Error('worker died'); }, 0)")
    page.wait_for_function(ERROR, timeout=30_000)
    box = page.locator("[data-testid=error]")
    assert box.inner_text().startswith(_fatal_prefix("zh")) and "worker died" in box.inner_text()
    rate(page, "5.1.1.a", 1)
    page.locator("[data-testid=retry]").click()
    page.wait_for_function(READY, timeout=120_000)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 1}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
