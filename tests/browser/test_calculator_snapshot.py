"""Python's start-up snapshot, in Debian's chromium with real Pyodide: a return visit restores
it and still scores exactly as the CLI; a corrupt or stale snapshot is replaced; it holds no
one's ratings or notes."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_calculator_browser import READY, cli_result, rate, shown
from test_calculator_product import share_code

pytestmark = pytest.mark.browser

STORED = "document.body.dataset.snapshot === 'stored'"
STARTED = "document.body.dataset.python"
KEYS = """async () => {
  const cache = await caches.open('calculator-python-snapshot');
  const keys = await cache.keys();
  return Promise.all(keys.map(async (k) => [k.url, (await (await cache.match(k)).arrayBuffer()).byteLength]));
}"""
# ways a stored snapshot can be damaged: cut short, blanked, its header or its middle garbled, one
# byte flipped (a snapshot that may still restore without an error), or its checksum lost
CORRUPTIONS = {
    "truncated": "(b) => b.slice(0, 1000)",
    "zeroed": "(b) => new Uint8Array(b.length)",
    "header-garbled": "(b) => { const c = new Uint8Array(b); for (let i = 0; i < 4096; i++) c[i] ^= 0xff; return c; }",
    "middle-garbled": "(b) => { const c = new Uint8Array(b); const m = c.length >> 1;"
                      " for (let i = 0; i < 65536; i++) c[m + i] ^= 0x5a; return c; }",
    "one-byte-flipped": "(b) => { const c = new Uint8Array(b); c[(c.length >> 2) * 3] ^= 1; return c; }",
    "checksum-lost": "(b, headers) => { headers.delete('X-Snapshot-SHA256'); return b; }",
}
# the stored snapshot's bytes changed by fn, its other headers (the checksum) kept unless fn drops them
DAMAGE = """async (fn) => {
  const cache = await caches.open('calculator-python-snapshot');
  const [key] = await cache.keys();
  const stored = await cache.match(key);
  const headers = new Headers(stored.headers);
  const bytes = new Uint8Array(await stored.arrayBuffer());
  await cache.put(key, new Response((0, eval)(fn)(bytes, headers), { headers }));
}"""


def first_visit(page: Any, url: str) -> None:
    """Open the calculator in a fresh profile and wait until the snapshot is stored."""
    page.goto(url)
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function(STORED, timeout=120_000)


def pyodide_version(site: Path) -> str:
    return json.loads((site / "pyodide" / "package.json").read_text("utf-8"))["version"]


def test_return_visit_restores_python_and_scores_as_the_cli(page: Any, site_url: str, tmp_path: Path) -> None:
    """The first visit starts Python fresh; the second restores the snapshot and shows the CLI's numbers."""
    first_visit(page, site_url + "calculator/")
    assert page.evaluate(STARTED) == "fresh"
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.evaluate(STARTED) == "snapshot"
    ratings = {"5.1.1.a": 1, "5.4.5.d": 0.7, "5.6.3.b": "na"}
    for item, value in ratings.items():
        rate(page, item, value)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": ratings}, tmp_path)
    result = shown(page)
    assert result["score"] == expected["score_text"]
    assert result["stars"] == ("" if expected["stars"] is None else str(expected["stars"]))
    assert result["level"] == expected["level"]
    assert result["passed"] == str(expected["passed"]).lower()


def test_the_snapshot_is_stored_with_the_sha256_of_its_bytes(page: Any, site_url: str) -> None:
    """The stored snapshot carries X-Snapshot-SHA256, the hex SHA-256 of its bytes, which a return visit checks."""
    first_visit(page, site_url + "calculator/")
    stored, computed = page.evaluate("""async () => {
      const cache = await caches.open('calculator-python-snapshot');
      const [key] = await cache.keys();
      const hit = await cache.match(key);
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await hit.arrayBuffer()));
      return [hit.headers.get('X-Snapshot-SHA256'), Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')];
    }""")
    assert stored == computed and len(stored) == 64


@pytest.mark.parametrize("damage", sorted(CORRUPTIONS))
def test_damaged_snapshot_is_replaced(page: Any, site_url: str, tmp_path: Path, damage: str) -> None:
    """A snapshot that cannot be restored, or whose bytes no longer have the SHA-256 stored with it, is dropped:
    Python starts fresh, scores as the CLI, and a good one is stored."""
    first_visit(page, site_url + "calculator/")
    page.evaluate(DAMAGE, CORRUPTIONS[damage])
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.evaluate(STARTED) == "fresh-after-bad-snapshot"
    rate(page, "5.5.2.a", 0.6)
    expected = cli_result({"standard": "cts-q-zg025-2022", "ratings": {"5.5.2.a": 0.6}}, tmp_path)
    assert shown(page)["score"] == expected["score_text"]
    page.wait_for_function(STORED, timeout=120_000)
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.evaluate(STARTED) == "snapshot"


def test_snapshot_of_another_deployment_is_deleted(page: Any, site: Path, site_url: str) -> None:
    """A snapshot stored by another Pyodide or calculator build is never used and is deleted when the new one is stored."""
    page.goto(site_url + "about/")
    stale = site_url + "pyodide-snapshot/0.0.0/000000000000000000000000"
    page.evaluate("""async (key) => (await caches.open('calculator-python-snapshot'))
                       .put(key, new Response(new Uint8Array(64)))""", stale)
    first_visit(page, site_url + "calculator/")
    assert page.evaluate(STARTED) == "fresh"
    [(key, size)] = page.evaluate(KEYS)
    assert key.startswith(f"{site_url}pyodide-snapshot/{pyodide_version(site)}/")
    assert size > 1_000_000


def test_the_snapshot_is_keyed_by_the_calculator_and_the_standard_library_it_was_made_with(
        page: Any, site: Path, site_url: str) -> None:
    """The snapshot's key is the Pyodide version and the SHA-256 (first 12 bytes) of calculator.zip followed by
    pyodide/stdlib-core.zip: a new deployment of the package or of the standard library archive (whose zipimport
    index the snapshot holds) makes a new snapshot."""
    first_visit(page, site_url + "calculator/")
    [(key, _)] = page.evaluate(KEYS)
    both = (site / "assets" / "calc" / "calculator.zip").read_bytes() + (site / "pyodide" / "stdlib-core.zip").read_bytes()
    assert key == f"{site_url}pyodide-snapshot/{pyodide_version(site)}/{hashlib.sha256(both).hexdigest()[:24]}"
    # the page names the same key, so that a return visit reads the snapshot while the archives download
    assert page.locator("#calc").get_attribute("data-snapshot") == hashlib.sha256(both).hexdigest()[:24]


OTHER = "0123456789ab0123456789ab"


def test_a_page_naming_another_snapshot_key_still_restores_its_own(page: Any, site_url: str) -> None:
    """A page whose data-snapshot names another build (a host between two deployments) neither restores that
    snapshot nor fails: the worker's key from the archives it fetched decides, and the return visit restores."""
    first_visit(page, site_url + "calculator/")

    def other_key(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r'data-snapshot="[0-9a-f]*"', f'data-snapshot="{OTHER}"', response.text()))

    page.route("**/calculator/", other_key)
    page.reload()
    page.wait_for_function(READY, timeout=120_000)
    assert page.locator("#calc").get_attribute("data-snapshot") == OTHER
    assert page.evaluate(STARTED) == "snapshot"


def test_snapshot_holds_no_ratings_or_notes(page: Any, site_url: str) -> None:
    """The snapshot is taken before any assessment reaches Python: a saved note, scored at once, is not in its bytes."""
    marker = "NOTE-MARKER-4b9e1d"
    assessment = {"standard": "cts-q-zg025-2022", "ratings": {"5.1.1.a": 0.6}, "notes": {"5.1.1.a": marker}}
    first_visit(page, site_url + "calculator/#a=" + share_code(assessment))
    # start Python afresh with the note already saved, so the very first score carries it
    page.evaluate("caches.delete('calculator-python-snapshot')")
    page.goto(site_url + "calculator/")
    page.wait_for_function(READY, timeout=120_000)
    page.wait_for_function(STORED, timeout=120_000)
    assert page.evaluate(STARTED) == "fresh"
    assert page.locator('textarea[id="n-5.1.1.a"]').input_value() == marker
    found = page.evaluate("""async (words) => {
      const cache = await caches.open('calculator-python-snapshot');
      const [key] = await cache.keys();
      const text = new TextDecoder('latin1').decode(await (await cache.match(key)).arrayBuffer());
      return words.map((word) => text.includes(word));
    }""", [marker, "calculator.api"])
    # the search does see the module imported before the snapshot, and not the note
    assert found == [False, True]
