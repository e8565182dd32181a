"""Write the service worker (``sw.js`` at the site root) after both languages are built.

``python -m sitegen.offline SITE_DIR`` lists what the calculator needs offline -- its two
pages, every stylesheet and script they load, the calculator's rubric data
(``assets/calc/data``), the calculator zip and the Pyodide runtime -- and writes sw.js with
that list and a version hash of the files' contents. scripts/build runs it last, so the list covers both languages.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "templates" / "sw.js.tmpl"
PAGES = ("calculator/index.html", "en/calculator/index.html")
ALWAYS = ("pyodide/*", "assets/calc/*", "assets/calc/data/*.json", "assets/images/favicon.png")
ASSET = re.compile(r"""(?:href|src)="([^"#?]+\.(?:css|js|png|svg|woff2?))["#?]""")


def _url(path: str) -> str:
    """The URL a page is requested by: calculator/index.html -> calculator/."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


def precache(site: Path) -> list[str]:
    """Site-relative paths the calculator needs offline, sorted, each existing in ``site``."""
    found: set[str] = set()
    for page in PAGES:
        html = site / page
        if not html.is_file():
            raise FileNotFoundError(f"{html} is missing: build both languages before sitegen.offline")
        found.add(page)
        for ref in ASSET.findall(html.read_text("utf-8")):
            target = (html.parent / ref).resolve()
            if target.is_file() and target.is_relative_to(site.resolve()):
                found.add(target.relative_to(site.resolve()).as_posix())
    for pattern in ALWAYS:
        found.update(p.relative_to(site).as_posix() for p in site.glob(pattern) if p.is_file())
    return sorted(found)


def write_service_worker(site: Path) -> Path:
    """Write ``site/sw.js``; its version is a hash of the precached files' bytes."""
    files = precache(site)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.encode())
        digest.update(hashlib.sha256((site / path).read_bytes()).digest())
    urls = [_url(path) for path in files]
    text = TEMPLATE.read_text("utf-8").replace("__VERSION__", digest.hexdigest()[:16])
    text = text.replace("__FILES__", json.dumps(urls, indent=2))
    target = site / "sw.js"
    target.write_text(text, "utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitegen.offline SITE_DIR")
    written = write_service_worker(Path(sys.argv[1]))
    print(f"wrote {written} ({len(precache(Path(sys.argv[1])))} files precached)")
