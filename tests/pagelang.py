"""Find text of the other language that no ``lang`` attribute marks, in built HTML pages.

Every text node and every attribute that is read aloud (``title``, ``aria-label``,
``alt``, ``placeholder``) is judged in the language it is marked with: the ``lang`` of
its nearest element that has one (the ``<html>`` element's for the page).

* Text in Chinese (``lang`` starting with ``zh``) must hold no Latin word other than
  the codes and identifiers of ``ALLOWED_IN_CHINESE``.
* Text in English (``lang`` starting with ``en``) must hold no Chinese character or
  full-width punctuation mark (``CJK``).

Text inside ``<script>``, ``<style>``, ``<svg>`` and the code elements (``<code>``,
``<pre>``, ``<kbd>``, ``<samp>``) is not read as prose and is skipped.

Run as a script on a built site to list every finding:
``python tests/pagelang.py /tmp/site``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

SKIPPED = {"script", "style", "svg", "code", "pre", "kbd", "samp", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPOKEN_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")

# What a Chinese text may carry in Latin letters without a lang="en" mark: codes and
# identifiers read the same in either language, and nothing else. (sitegen/langmark.py
# leaves the same codes unmarked when it marks the English inside a Chinese text.)
ALLOWED_IN_CHINESE = [
    r"https?://\S+",                                                 # a URL
    r"(?<![A-Za-z])(?:GB/T|SB/T)(?:\s?\d+(?:[.-]\d+)*)?",            # GB/T 27922-2011, SB/T
    r"(?<![A-Za-z])CTS(?:\s?Q/ZG\d+(?:-\d+)?)?(?![A-Za-z])",         # CTS Q/ZG025-2022, CTS
    r"(?<![A-Za-z0-9.])(?:[A-Z]|\d+)(?:\.\d+)+(?:\.[a-z])?(?![A-Za-z])",  # ids: A.1.1, 5.4.5.d
    r"(?<![A-Za-z])[a-z]\)",                                         # an item's letter: b)
    r"(?<=附录)\s?[A-Z](?![A-Za-z])",                                 # an annex: 附录 A
    r"(?<![A-Za-z])(?:JSON|CSV|YAML|A4|MB)(?![A-Za-z])(?! [A-Za-z])",  # formats, paper, unit
]
_ALLOWED = re.compile("|".join(f"(?:{pattern})" for pattern in ALLOWED_IN_CHINESE))
LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’.-][A-Za-z]+)*")
# CJK ideographs, CJK punctuation (、。「」…), full-width forms (，：（）！？) and kana.
CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")


def foreign_in(text: str, lang: str) -> list[str]:
    """The parts of ``text`` that are not in ``lang`` (a ``lang`` attribute's value)."""
    if lang.startswith("zh"):
        return LATIN_WORD.findall(_ALLOWED.sub(" ", text))
    if lang.startswith("en"):
        return CJK.findall(text)
    return []


@dataclass(frozen=True)
class Finding:
    """Unmarked text of the other language: where, in which language it is marked, what."""

    page: str
    where: str      # "text" or the attribute's name, with the element's tag
    lang: str
    text: str
    foreign: tuple[str, ...]

    def __str__(self) -> str:
        words = ", ".join(dict.fromkeys(self.foreign))
        return f"{self.page}: [{self.lang}] {self.where}: {words!r} in {self.text.strip()[:120]!r}"


class _Scanner(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[tuple[str, str, bool]] = []   # (tag, lang, skipped)
        self.findings: list[Finding] = []

    def _lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def _skipped(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        lang = (found.get("lang") or self._lang()).lower()
        skipped = self._skipped() or tag in SKIPPED
        if not skipped:
            for name in SPOKEN_ATTRIBUTES:
                value = found.get(name)
                if value and (foreign := foreign_in(value, lang)):
                    self.findings.append(Finding(self.page, f"<{tag} {name}>", lang, value, tuple(foreign)))
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # close up to the nearest open element of this name (HTML lets some end tags out)
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if self._skipped() or not data.strip():
            return
        lang = self._lang()
        if foreign := foreign_in(data, lang):
            tag = self.stack[-1][0] if self.stack else "?"
            self.findings.append(Finding(self.page, f"<{tag}> text", lang, data, tuple(foreign)))


def scan(path: Path, name: str) -> list[Finding]:
    """Every unmarked text of the other language on one HTML page."""
    scanner = _Scanner(name)
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.findings


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, both languages (not the copied runtime's files)."""
    return sorted(p for p in site.rglob("*.html") if "pyodide" not in p.relative_to(site).parts
                  and "assets" not in p.relative_to(site).parts)


if __name__ == "__main__":
    root = Path(sys.argv[1])
    everything = [f for page in pages(root) for f in scan(page, str(page.relative_to(root)))]
    for finding in everything:
        print(finding)
    print(len(everything), "findings", file=sys.stderr)
