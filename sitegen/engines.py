"""The three browser engines the tests and the benchmark drive, behind one small interface.

* ``chromium`` -- Debian's chromium, through Playwright;
* ``firefox`` -- Debian's firefox-esr, through Playwright (``channel="moz-firefox"``: Debian
  has no geckodriver, and Playwright 1.64.1 is pinned: 1.65 fails to open a context there);
* ``webkit`` -- WebKitGTK (the engine of Safari and of WeChat on iPhones) through its
  WebDriver, Debian's ``WebKitWebDriver``, driven by selenium. It needs a display and hangs
  without one, so it runs on a virtual display (Xvfb) started here; console output is not
  captured.

``scripts/setup --browser`` installs all of them from Debian's packages. Every
:class:`Tab` is a page in a fresh browser profile (empty storage, no service worker).
"""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
XVFB = "/usr/bin/Xvfb"
ENGINES = ("chromium", "firefox", "webkit")
BINARIES = {"chromium": (CHROMIUM,), "firefox": (FIREFOX,), "webkit": (WEBKIT_DRIVER, XVFB)}
SETUP = "scripts/setup --browser installs it from Debian's packages"


class EngineMissing(RuntimeError):
    """A browser engine (or the virtual display WebKit needs) is not installed."""


def check_installed(engine: str) -> None:
    """Raise :class:`EngineMissing` naming the missing program of ``engine``."""
    for path in BINARIES[engine]:
        if not Path(path).exists():
            raise EngineMissing(f"{path} is missing ({engine}): {SETUP}")


class Tab:
    """One page of a fresh browser profile; the same few operations in every engine."""

    engine: str

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def run(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""
        raise NotImplementedError

    def wait(self, condition: str, timeout: float = 120) -> None:
        """Wait until a JavaScript expression is true; TimeoutError naming it if not in time."""
        raise NotImplementedError

    def press(self, item_id: str, value: str) -> None:
        """Tap the band button ``value`` of an item's rating group, as a person would."""
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class PlaywrightTab(Tab):
    """A page in a new context of a Playwright browser (chromium or firefox)."""

    def __init__(self, engine: str, browser: Any) -> None:
        self.engine = engine
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def run(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def wait(self, condition: str, timeout: float = 120) -> None:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(condition, timeout=timeout * 1000)
        except PlaywrightTimeout:
            raise TimeoutError(f"{self.engine}: not true after {timeout} s: {condition}") from None

    def press(self, item_id: str, value: str) -> None:
        self.page.locator(f'[data-item="{item_id}"] button[data-value="{value}"]').click()

    def reload(self) -> None:
        self.page.reload()

    def close(self) -> None:
        self.context.close()


class WebKitTab(Tab):
    """A WebKitGTK session through WebKitWebDriver (each session has its own fresh profile)."""

    engine = "webkit"

    def __init__(self, display: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        service = Service(executable_path=WEBKIT_DRIVER, env={**os.environ, "DISPLAY": display})
        self.driver = webdriver.WebKitGTK(options=Options(), service=service)
        self.driver.set_script_timeout(120)

    def goto(self, url: str) -> None:
        self.driver.get(url)

    def run(self, expression: str) -> Any:
        return self.driver.execute_script(f"return ({expression});")

    def wait(self, condition: str, timeout: float = 120) -> None:
        until = time.monotonic() + timeout
        while True:
            try:
                if self.run(condition):
                    return
            except Exception:
                pass
            if time.monotonic() > until:
                raise TimeoutError(f"webkit: not true after {timeout} s: {condition}")
            time.sleep(0.1)

    def press(self, item_id: str, value: str) -> None:
        from selenium.webdriver.common.by import By

        button = self.driver.find_element(By.CSS_SELECTOR, f'[data-item="{item_id}"] button[data-value="{value}"]')
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()

    def reload(self) -> None:
        self.driver.refresh()

    def close(self) -> None:
        self.driver.quit()


@contextlib.contextmanager
def virtual_display() -> Iterator[str]:
    """An Xvfb display on a free number (``:N``) for as long as the context lasts."""
    check_installed("webkit")
    read, write = os.pipe()
    server = subprocess.Popen([XVFB, "-displayfd", str(write), "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 30)
        number = os.read(read, 32).decode().strip() if ready else ""
        if not number:
            raise EngineMissing(f"{XVFB} did not start a display within 30 s")
        yield f":{number}"
    finally:
        os.close(read)
        server.terminate()
        server.wait(timeout=30)


class Engines:
    """Opens tabs in any of the three engines, starting each browser (or display) once."""

    def __init__(self, playwright: Any) -> None:
        self.playwright = playwright
        self.browsers: dict[str, Any] = {}
        self.stack = contextlib.ExitStack()
        self.display: str | None = None

    def tab(self, engine: str) -> Tab:
        """A page in a fresh profile of ``engine``."""
        check_installed(engine)
        if engine == "webkit":
            if self.display is None:
                self.display = self.stack.enter_context(virtual_display())
            return WebKitTab(self.display)
        if engine not in self.browsers:
            if engine == "chromium":
                self.browsers[engine] = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            else:
                self.browsers[engine] = self.playwright.firefox.launch(channel="moz-firefox", executable_path=FIREFOX)
        return PlaywrightTab(engine, self.browsers[engine])

    def close(self) -> None:
        for browser in self.browsers.values():
            browser.close()
        self.browsers.clear()
        self.stack.close()
