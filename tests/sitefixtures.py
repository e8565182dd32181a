"""Fixtures for the site and browser tests: a strict build of the whole site, served on
localhost, and Debian's browsers (never a downloaded one): chromium through Playwright for
most tests, and all three engines (chromium, firefox-esr, WebKitGTK; sitegen/engines.py)
for the engine matrix. Registered from tests/conftest.py through ``pytest_plugins``.

* ``site`` / ``site_url`` -- the site built once, served at the root of 127.0.0.1:PORT;
  the builds start in the background as soon as the tests are collected (each once per test
  run: with pytest-xdist the workers share them);
* ``second_build`` -- the site built again with one clause text changed and published
  under ``/org/repo/`` (``SITE_URL``): a second deployment, and a project site's sub-path;
* ``static_host`` -- starts servers that behave like a static host (only under a prefix
  if asked, the site's 404 page elsewhere, a log of every path asked for, the folder
  switchable to another deployment, stoppable to take the network away).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.engines import CHROMIUM, CHROMIUM_ARGS, Engines

REPO = Path(__file__).resolve().parent.parent
SUB_PATH = "/org/repo/"
# the second deployment: one item's Chinese text gains these words
CHANGED_ITEM = ("cts-q-zg025-2022", "5.5.2", "5.5.2.a")
CHANGED_WORDS = "（第二次部署）"


def _build_env(rubrics: Path | None, site_url: str | None) -> dict[str, str]:
    """The environment of scripts/build: other rubrics and a publishing address only when asked."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SITE_URL", None)
    if rubrics is not None:
        env["SITEGEN_RUBRICS"] = str(rubrics)
    if site_url is not None:
        env["SITE_URL"] = site_url
    return env


def build_site(out: Path, rubrics: Path | None = None, site_url: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run scripts/build (strict, both languages) into ``out``; optionally other rubrics,
    optionally published at ``site_url``."""
    return subprocess.run(["bash", str(REPO / "scripts" / "build"), str(out)], cwd=REPO, env=_build_env(rubrics, site_url),
                          capture_output=True, text=True, timeout=600)


class _Build:
    """A site build (``scripts/build`` in the background) shared by every process of the test
    run: the pytest-xdist workers, or the one pytest process.

    The builds go into one folder of the run (made by the controller, or the one process, which
    removes it at the end). The first process to create ``NAME.lock`` there (``O_EXCL``: only one
    can) starts the build; the build itself writes its exit status to ``NAME.status`` when it
    ends, so every process, the starting one included, waits for that file, and the build goes
    on if the process that started it has no more tests to run.
    """

    def __init__(self, name: str, out: Path) -> None:
        self.out = out
        self.log = out.parent / f"{out.name}.log"
        self.status = out.parent / f"{out.name}.status"
        self.pid = out.parent / f"{out.name}.pid"
        self.lock = _work_dir() / f"{name}.lock"
        self.process: subprocess.Popen[bytes] | None = None  # in the process that started it

    def claim(self) -> bool:
        """Whether this process is the one to start the build (the first to ask)."""
        try:
            os.close(os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True

    def start(self, rubrics: Path | None = None, site_url: str | None = None) -> None:
        """Run scripts/build in its own process group; the exit status is written when it ends."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        script = 'bash "$0" "$1" >"$2" 2>&1; echo $? >"$3.part"; mv "$3.part" "$3"'
        self.process = subprocess.Popen(["bash", "-c", script, str(REPO / "scripts" / "build"), str(self.out),
                                         str(self.log), str(self.status)],
                                        cwd=REPO, env=_build_env(rubrics, site_url), start_new_session=True)
        self.pid.write_text(str(self.process.pid), "utf-8")

    def wait(self) -> tuple[int, str]:
        """Wait for the build, whichever process started it: (exit status, its output)."""
        deadline = time.monotonic() + 900
        if self.process is not None:
            self.process.wait(timeout=900)
        while not self.status.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the site build into {self.out} did not end within 900 s")
            time.sleep(0.1)
        return int(self.status.read_text("utf-8")), self.log.read_text(encoding="utf-8")

    def stop(self) -> None:
        """Stop the build if it still runs (its whole process group: bash and MkDocs)."""
        if self.status.exists() or not self.pid.exists():
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(int(self.pid.read_text("utf-8")), signal.SIGKILL)


_BUILDS: dict[str, _Build] = {}
MAIN_FIXTURES = {"built_site", "site", "site_url"}
WORKERINPUT = "aftersales_sites"  # the run's build folder, as the controller tells the xdist workers
_WORK: list[Path] = []
_OWNED: list[Path] = []  # the build folder when this process made it (and removes it)


def _work_dir() -> Path:
    """The run's build folder: an xdist worker's is its controller's (pytest_configure), any
    other process makes its own, and removes it at the end."""
    if not _WORK:
        _WORK.append(Path(tempfile.mkdtemp(prefix="aftersales-sites-")))
        _OWNED.append(_WORK[0])
    return _WORK[0]


def pytest_configure(config: pytest.Config) -> None:
    """An xdist worker builds into the folder its controller made; any other process makes it."""
    given = getattr(config, "workerinput", {}).get(WORKERINPUT)
    if given:
        _WORK[:] = [Path(given)]
    else:
        _work_dir()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """(pytest-xdist, in the controller) Tell each worker the run's build folder."""
    node.workerinput[WORKERINPUT] = str(_work_dir())


def _start_main() -> _Build:
    if "main" not in _BUILDS:
        build = _Build("main", _work_dir() / "site")
        if build.claim():
            build.start()
        _BUILDS["main"] = build
    return _BUILDS["main"]


def _start_second() -> _Build:
    if "second" not in _BUILDS:
        work = _work_dir() / "second"
        build = _Build("second", work / "site")
        if build.claim():
            shutil.copytree(REPO / "rubrics", work / "rubrics")
            change_item_text(work / "rubrics")
            build.start(work / "rubrics", site_url=f"https://example.org{SUB_PATH}")
        _BUILDS["second"] = build
    return _BUILDS["second"]


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the site builds the collected tests need as soon as they are known, in the
    background, and run the tests that need a built site last: both builds (the site and the
    second deployment) then run while the tests that need no site run, each once per test run
    (with pytest-xdist, the first worker to collect starts them and every worker uses them)."""
    needs = {item: set(getattr(item, "fixturenames", ())) for item in items}
    wanted = set().union(*needs.values()) if needs else set()
    if not config.option.collectonly:
        if wanted & MAIN_FIXTURES:
            _start_main()
        if "second_build" in wanted:
            _start_second()
    items.sort(key=lambda item: bool(needs[item] & (MAIN_FIXTURES | {"second_build"})))


# Tests that pytest-xdist keeps together on one worker (by node id: the controller sees no markers)
ONE_WORKER = {"tests/browser/": "browser", "tests/test_install.py::": "install"}


@pytest.hookimpl(tryfirst=True, optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """(pytest-xdist, in the controller, ``-n`` with the default ``--dist load``) The tests go to
    the workers one by one, but for two groups each kept on one worker: the browser tests run one
    after another, as without xdist (one chromium at a time on 2 cores), while the other worker
    runs the rest; the install tests share their module's virtualenv, made once. (xdist's own
    ``--dist loadgroup`` would group by marker, but with pytest 9.2 it silently stops grouping:
    pytest-xdist issue 1386.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class OneWorkerGroups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return next((group for prefix, group in ONE_WORKER.items() if nodeid.startswith(prefix)), nodeid)

    return OneWorkerGroups(config, log)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The process that made the build folder (the xdist controller, once every worker is done,
    or the one process) stops the builds nobody waited for and removes the folder."""
    for work in _OWNED:
        for name, out in (("main", work / "site"), ("second", work / "second" / "site")):
            _Build(name, out).stop()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def built_site() -> tuple[Path, str]:
    """The whole site built once per test session (started in the background when the tests
    were collected): (folder, build output)."""
    build = _start_main()
    code, log = build.wait()
    assert code == 0, f"the strict build failed:\n{log[-4000:]}"
    return build.out, log


@pytest.fixture(scope="session")
def site(built_site: tuple[Path, str]) -> Path:
    """The folder of the built site."""
    return built_site[0]


def change_item_text(rubrics: Path) -> str:
    """Append CHANGED_WORDS to the Chinese text of CHANGED_ITEM in a copy of the rubrics;
    returns the new text."""
    standard, _, item = CHANGED_ITEM
    source = rubrics / f"{standard}.yaml"
    text = source.read_text("utf-8")
    start = text.index(f"- id: {item}\n")
    line_start = text.index("zh: ", start) + len("zh: ")
    line_end = text.index("\n", line_start)
    old = text[line_start:line_end]
    new = old[:-1] + CHANGED_WORDS + old[-1]  # before the final 。
    source.write_text(text[:line_start] + new + text[line_end:], "utf-8")
    return new


@pytest.fixture(scope="session")
def second_build() -> Path:
    """The site built again from rubrics with one item text changed, for publishing under
    SUB_PATH: a second deployment of the same site, and a project site's address (started in
    the background when the tests were collected)."""
    build = _start_second()
    code, log = build.wait()
    assert code == 0, f"the strict build failed:\n{log[-4000:]}"
    return build.out


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves ``folder`` under ``prefix`` only (the folder's 404.html, status 404, for any
    other path or a missing file), as GitHub Pages serves a project site; logs every path."""

    folder: Path
    prefix: str
    asked: list[str]

    def log_message(self, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        inside = path.split("?", 1)[0].split("#", 1)[0]
        rest = inside[len(self.prefix):] if inside.startswith(self.prefix) else None
        if rest is None:
            return str(self.folder / "__outside__")  # not a file: a 404
        return super().translate_path("/" + rest)

    def send_head(self) -> Any:
        self.directory = str(self.folder)
        type(self).asked.append(self.path.split("?", 1)[0])
        # Answered by content, never "304 Not Modified" from file times: switched to another
        # deployment built a moment earlier, a file's time would be older than the copy the browser
        # holds and the browser would keep the old content (the two test builds run side by side,
        # in either order)
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.folder / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class HostedSite:
    """A running StaticHost: ``url`` (prefix included), ``asked`` paths, ``serve(folder)``
    to switch deployments, ``stop()`` to take the network away."""

    def __init__(self, folder: Path, prefix: str) -> None:
        self.handler = type("Host", (StaticHost,), {"folder": folder, "prefix": prefix, "asked": []})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = self.origin + prefix
        self.running = True

    @property
    def asked(self) -> list[str]:
        return self.handler.asked

    def serve(self, folder: Path) -> None:
        """From now on serve another deployment (another build) at the same address."""
        self.handler.folder = folder

    def stop(self) -> None:
        """Close the server: every request now fails as without a network."""
        if self.running:
            self.running = False
            self.server.shutdown()
            self.server.server_close()


@pytest.fixture
def static_host() -> Iterator[Callable[..., HostedSite]]:
    """Start HostedSite servers (``static_host(folder, prefix="/")``); all stop after the test."""
    started: list[HostedSite] = []

    def start(folder: Path, prefix: str = "/") -> HostedSite:
        started.append(HostedSite(folder, prefix))
        return started[-1]

    yield start
    for hosted in started:
        hosted.stop()


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
def playwright() -> Iterator[Any]:
    """Playwright, started once per session (it can only run once per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    """Debian's chromium, headless, launched by Playwright with the workplace's flags."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium (scripts/setup --browser)")
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def engines(playwright: Any) -> Iterator[Engines]:
    """Tabs in chromium, firefox-esr or WebKitGTK (sitegen/engines.py), each browser started once."""
    opened = Engines(playwright)
    yield opened
    opened.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context and page (empty storage) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
