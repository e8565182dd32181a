"""Fixtures for the site and browser tests: a strict build of the whole site, served on
localhost, and Debian's chromium driven by Playwright (never a downloaded browser).
Registered from tests/conftest.py through ``pytest_plugins``.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def build_site(out: Path, rubrics: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run scripts/build (strict, both languages) into ``out``; optionally other rubrics."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if rubrics is not None:
        env["SITEGEN_RUBRICS"] = str(rubrics)
    return subprocess.run(["bash", str(REPO / "scripts" / "build"), str(out)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The whole site built once per test session: (folder, build output)."""
    out = tmp_path_factory.mktemp("site")
    done = build_site(out)
    log = done.stdout + done.stderr
    assert done.returncode == 0, f"the strict build failed:\n{log[-4000:]}"
    return out, log


@pytest.fixture(scope="session")
def site(built_site: tuple[Path, str]) -> Path:
    """The folder of the built site."""
    return built_site[0]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served by a plain static file server on 127.0.0.1 (random port)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium, headless, launched by Playwright with the workplace's flags."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium (scripts/setup --browser)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page (empty storage) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
