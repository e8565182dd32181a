"""Write the service worker (``sw.js`` at the site root) after both languages are built.

``python -m sitegen.offline SITE_DIR`` lists every file the service worker may keep, each
with its *revision* (a hash of the file's bytes) and its size, and the groups it stores
together, then writes sw.js from ``templates/sw.js.tmpl`` with that list. scripts/build
runs it last, so the list covers both languages.

The groups (what is downloaded, and when):

* ``shell`` -- the offline page of each language and what it loads; stored when the
  service worker installs (a few hundred KB), the only thing stored without a visit;
* ``calculator`` -- the calculator and practice pages of both languages, the rubric data,
  the calculator zip and the Pyodide runtime; stored once a visitor has opened one of those
  pages (the page has just downloaded them, so the browser revalidates its copies rather
  than downloading them again), by the install itself when such a page registered sw.js;
  not the files Pyodide loads only on demand (``ON_DEMAND``: the XlsxWriter wheel and the
  rest of the standard library, for the Excel export), which are kept when a visitor's
  export fetches them;
* ``zh`` / ``en`` -- the whole reference in one language: every page of that language,
  its search index and the search worker's scripts, the calculator group and the on-demand
  files; stored only
  when the visitor asks (the "save for offline reading" control).

Pages a visitor opens are kept as they are visited. Every file is kept under its revision,
so a deployment that changes one clause page changes that page's revision only: the
service worker never serves a copy whose revision differs from this list, and a new
deployment writes a new list (and so a new ``sw.js``), which the browser installs.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from sitegen import i18n

TEMPLATE = Path(__file__).resolve().parent / "templates" / "sw.js.tmpl"
PAGE_SRC = "offline.md"                              # the offline page, generated in each language
OFFLINE_PAGE = "offline/index.html"
CALCULATOR_PAGES = ("calculator/index.html", "study/index.html")
SHARED = ("assets/calc/**/*", "pyodide/*")            # served to both languages from the root
ON_DEMAND = ("pyodide/*.whl", "pyodide/stdlib-rest.zip")  # fetched only when asked for (the Excel export's library
                                                     # and the standard library beyond the first score's)
NEVER = (".map", ".gz", ".br")                      # source maps (for developers) and the precompressed
                                                     # copies (sitegen.precompress: for the host, not the browser)
ASSET = re.compile(r"""(?:href|src)="([^"#?]+\.(?:css|js|mjs|png|svg|ico|woff2?))["#?]""")
SEARCH_WORKER = re.compile(r'"search": "([^"]+)"')
REVISION_HEX = 16


@dataclass(frozen=True)
class Entry:
    """One file the service worker may keep: site-relative URL, revision, size in bytes."""

    url: str
    revision: str
    size: int


def offline_page(lang: str) -> str:
    """Markdown of the offline page: the service worker leads a visitor there, without a
    network, from a page not kept (``?from=`` names it; docs/assets/offline.js turns that
    into the "try again" link)."""
    text = {key: entry[lang] for key, entry in i18n.CATALOGUE.group("offline").items()}
    return (f"---\ntitle: \"{text['page_title']}\"\nsearch:\n  exclude: true\nhide:\n  - toc\n---\n\n"
            f"# {text['page_heading']}\n\n{text['page_text']}\n\n"
            f'<p class="offline-links"><a href="../" data-offline-retry hidden>{text["page_retry"]}</a></p>\n\n'
            f"- [{text['page_home']}](index.md)\n- [{text['page_calculator']}](calculator.md)\n")


def revision(data: bytes) -> str:
    """The revision of a file: the first 16 hex digits of the SHA-256 of its bytes
    (sw.js computes the same over what it downloads before keeping it)."""
    return hashlib.sha256(data).hexdigest()[:REVISION_HEX]


def url_of(path: str) -> str:
    """The URL a file is requested by: ``calculator/index.html`` -> ``calculator/``."""
    if path == "index.html":
        return ""
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _prefix(lang: str) -> str:
    return i18n.PREFIX[lang]


def _pages(site: Path, lang: str) -> list[str]:
    """Every page of one language (site-relative ``.../index.html``), not the 404 page."""
    base = site / _prefix(lang) if _prefix(lang) else site
    found = []
    for html in base.rglob("index.html"):
        path = html.relative_to(site).as_posix()
        other = [p for p in i18n.LANGS if p != lang and _prefix(p) and path.startswith(_prefix(p))]
        if not other:
            found.append(path)
    return sorted(found)


def _loads(site: Path, page: str, search: bool = True) -> set[str]:
    """The site files a page loads by href/src (stylesheets, scripts, icons, images) and,
    with ``search``, the theme's search worker named in its configuration."""
    html = site / page
    text = html.read_text("utf-8")
    refs = ASSET.findall(text) + (SEARCH_WORKER.findall(text) if search else [])
    found = set()
    root = site.resolve()
    for ref in refs:
        target = (html.parent / ref).resolve()
        if target.is_file() and target.is_relative_to(root) and not target.name.endswith(NEVER):
            found.add(target.relative_to(root).as_posix())
    return found


def _search_files(site: Path, lang: str) -> set[str]:
    """The search index of one language and the lunr language scripts its search worker
    imports (the theme loads ``lunr.<lang>``, ``lunr.stemmer.support`` and ``lunr.multi``
    when the index names languages other than English). The theme's files of every language
    are those at the site's root (sitegen/hooks.py)."""
    index = f"{_prefix(lang)}search/search_index.json"
    if not (site / index).is_file():
        raise FileNotFoundError(f"{site / index} is missing: build both languages before sitegen.offline")
    found = {index}
    langs = json.loads((site / index).read_text("utf-8"))["config"]["lang"]
    lunr = "assets/javascripts/lunr/"
    names = [f"min/lunr.{code}.min.js" for code in langs if code != "en"]
    if len(langs) > 1:
        names += ["min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"]
    for name in names:
        if not (site / lunr / name).is_file():
            raise FileNotFoundError(f"{site / lunr / name} is missing: the search of {lang} pages needs it")
        found.add(lunr + name)
    return found


def groups(site: Path) -> dict[str, list[str]]:
    """Site-relative paths of each group, sorted (see the module docstring)."""
    shared = {p.relative_to(site).as_posix() for pattern in SHARED for p in site.glob(pattern)
              if p.is_file() and not p.name.endswith(NEVER)}
    if not any(path.startswith("pyodide/") for path in shared):
        raise FileNotFoundError(f"{site}/pyodide is missing: build the Chinese site before sitegen.offline")
    on_demand = {p.relative_to(site).as_posix() for pattern in ON_DEMAND for p in site.glob(pattern)}
    result: dict[str, set[str]] = {"shell": set(), "calculator": shared - on_demand}
    for lang in i18n.LANGS:
        offline = _prefix(lang) + OFFLINE_PAGE
        calculator = [_prefix(lang) + page for page in CALCULATOR_PAGES]
        for page in [offline, *calculator]:
            if not (site / page).is_file():
                raise FileNotFoundError(f"{site / page} is missing: build both languages before sitegen.offline")
        result["shell"] |= {offline, *_loads(site, offline, search=False)}
        for page in calculator:
            result["calculator"] |= {page, *_loads(site, page)}
    for lang in i18n.LANGS:
        reference = result["calculator"] | on_demand | _search_files(site, lang)
        for page in _pages(site, lang):
            reference |= {page, *_loads(site, page)}
        result[lang] = reference
    return {name: sorted(paths) for name, paths in result.items()}


def manifest(site: Path) -> tuple[list[Entry], dict[str, list[int]]]:
    """Every file of any group as an :class:`Entry` (sorted by URL), and each group as
    indices into that list."""
    grouped = groups(site)
    paths = sorted({path for members in grouped.values() for path in members}, key=url_of)
    entries = []
    for path in paths:
        data = (site / path).read_bytes()
        entries.append(Entry(url_of(path), revision(data), len(data)))
    index = {path: number for number, path in enumerate(paths)}
    return entries, {name: [index[path] for path in members] for name, members in grouped.items()}


def render(entries: list[Entry], grouped: dict[str, list[int]]) -> str:
    """The text of sw.js: the template with the version, the files and the groups."""
    files = [[entry.url, entry.revision, entry.size] for entry in entries]
    listing = json.dumps({"files": files, "groups": grouped}, separators=(",", ":"))
    version = hashlib.sha256(listing.encode()).hexdigest()[:REVISION_HEX]
    text = TEMPLATE.read_text("utf-8").replace("__VERSION__", version)
    text = text.replace("__FILES__", "[\n" + ",\n".join(json.dumps(row) for row in files) + "\n]")
    return text.replace("__GROUPS__", json.dumps(grouped, separators=(",", ":")))


def write_service_worker(site: Path) -> tuple[Path, str]:
    """Write ``site/sw.js`` for the files now in ``site``; returns its path and a one-line
    summary (files, and the size of each group)."""
    entries, grouped = manifest(site)
    target = site / "sw.js"
    target.write_text(render(entries, grouped), "utf-8")
    sizes = ", ".join(f"{name} {sum(entries[i].size for i in members) / 1e6:.1f} MB"
                      for name, members in grouped.items())
    return target, f"{len(entries)} files ({sizes})"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m sitegen.offline SITE_DIR")
    try:
        written, summary = write_service_worker(Path(sys.argv[1]))
    except FileNotFoundError as exc:
        sys.exit(f"sitegen.offline: {exc}")
    print(f"wrote {written}: {summary}")
