"""Where the generated pages live, and how a page links another: through MkDocs' URLs.

The source path of every generated page is named once here (``<standard>/index.md``,
``<standard>/<clause>.md``, ``worksheet/<standard>.md``). A link from one page to another is
the relative URL computed from the two pages' URLs as MkDocs makes them
(:class:`mkdocs.structure.files.File` with directory URLs, and
:func:`mkdocs.utils.get_relative_url`), never a count of ``../``. Addresses are written from
the site's root: the Chinese pages at the root, the English ones under ``en/``
(:data:`sitegen.i18n.PREFIX`); files both languages share (``data/``, the calculator's files,
``sw.js``) sit at the root, one level further up from an English page.
"""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import i18n


def overview_src(standard: str) -> str:
    """The overview page of a standard."""
    return f"{standard}/index.md"


def clause_src(standard: str, clause_id: str) -> str:
    """The page of one clause."""
    return f"{standard}/{clause_id}.md"


def worksheet_src(standard: str) -> str:
    """The printable worksheet of a standard."""
    return f"worksheet/{standard}.md"


def page_url(src: str) -> str:
    """The URL MkDocs gives the page built from ``src``, from its language's root
    (``cts/5.1.md`` -> ``cts/5.1/``; ``index.md`` -> ``""``)."""
    url = File(src, None, "", use_directory_urls=True).url
    return "" if url == "./" else url


def site_path(url: str, lang: str) -> str:
    """A page URL of ``lang``'s tree as a path from the site's root."""
    return i18n.PREFIX[lang] + url


def relative(target: str, here: str) -> str:
    """The link from the page at ``here`` to ``target``, both paths from the site's root; a
    folder (``""``, ``x/``) keeps its final slash, the root seen from itself is ``./``."""
    link = get_relative_url(target, here)
    if target == "" or target.endswith("/"):
        link = "./" if link in (".", "./") else link.rstrip("/") + "/"
    return link


def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """The link from one page to another page of the same language (``#anchor`` optional)."""
    return relative(page_url(to_src), page_url(from_src)) + (f"#{anchor}" if anchor else "")


def shared(from_src: str, lang: str, path: str) -> str:
    """The link from a page of ``lang`` to a file both languages share (``data/x.json``)."""
    return relative(path, site_path(page_url(from_src), lang))
