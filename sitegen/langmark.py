"""Mark text of the other language with its ``lang`` attribute, so that browsers pick the
right glyphs and screen readers the right voice.

A page in one language prints, now and then, text in the other: the Chinese original
under an English translation, a term's English name on a Chinese page, the Chinese name of
a term inside an English sentence ("the three guarantees (三包)"). Every such text is
wrapped in ``<span lang="…">``; the page's own language needs no mark.

* :func:`mark` -- one text in a known language, escaped, as HTML for a page in another
  (or the same) language: wrapped whole when the languages differ, and inside it every run
  of the other script marked too.
* Inside Chinese text a run of Latin words is English -- except codes and identifiers read
  the same in both languages (``CODES``: standard codes, clause and item ids, file
  formats, URLs), which stay unmarked so that a Chinese voice reads the numbers.
* Inside English text a run of Chinese characters (with the Chinese punctuation inside and
  right after it) is Chinese.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

# The value of a lang attribute for each of the site's languages. The Chinese of the
# site is Simplified Chinese: "zh-Hans" says the script, which decides the glyphs.
HTML_LANG = {"zh": "zh-Hans", "en": "en"}

# Codes and identifiers that stay unmarked inside Chinese text; a Markdown code span
# (`python -m calculator`) becomes <code> and stays as it is in either language.
CODE_SPAN = re.compile(r"`[^`]*`")
CODES = re.compile("|".join([
    CODE_SPAN.pattern,
    r"https?://\S+",
    r"(?<![A-Za-z])(?:GB/T|SB/T)(?:\s?\d+(?:[.-]\d+)*)?",     # GB/T 27922-2011, GB/T
    r"(?<![A-Za-z])CTS(?:\s?Q/ZG\d+(?:-\d+)?)?(?![A-Za-z])",  # CTS Q/ZG025-2022, CTS
    r"(?<![A-Za-z0-9.])(?:[A-Z]|\d+)(?:\.\d+)+(?:\.[a-z])?(?![A-Za-z])",  # A.1.1, 5.4.5.d
    r"(?<![A-Za-z])[a-z]\)",                                  # an item letter: b)
    r"(?<=附录)\s?[A-Z](?![A-Za-z])",                          # 附录 A
    r"(?<![A-Za-z])(?:JSON|CSV|YAML|A4|MB|Excel)(?![A-Za-z])(?! [A-Za-z])",  # not in "JSON Schema"; Excel: a product's name, as Chinese software says it
]))
_WORD = r"[A-Za-z][A-Za-z0-9]*(?:['’.\-][A-Za-z0-9]+)*"
# Words joined by spaces, hyphens, slashes, "&" or a comma ("Co., Ltd."); a company
# abbreviation keeps its full stop.
LATIN_RUN = re.compile(rf"{_WORD}(?:(?:[ \-/&]+|\.?, ?){_WORD})*(?:(?:(?<=Co)|(?<=Ltd)|(?<=Inc))\.)?")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
HAN_RUN = re.compile(rf"[{_HAN}][{_HAN}{_CJK_PUNCT}]*")


def span(html: str, lang: str) -> str:
    """``html`` (already escaped) in a span marked with ``lang`` ("zh" or "en")."""
    return f'<span lang="{HTML_LANG[lang]}">{html}</span>'


def _runs_in_chinese(text: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    last = 0
    for code_free_start, code_free_end in _gaps(text):
        segment = text[code_free_start:code_free_end]
        for match in LATIN_RUN.finditer(segment):
            start, end = code_free_start + match.start(), code_free_start + match.end()
            out += [(text[last:start], None), (match.group(0), "en")]
            last = end
    out.append((text[last:], None))
    return out


def _gaps(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` between codes."""
    gaps, last = [], 0
    for match in CODES.finditer(text):
        gaps.append((last, match.start()))
        last = match.end()
    gaps.append((last, len(text)))
    return gaps


def _runs_in_english(text: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    last = 0
    spans = [m.span() for m in CODE_SPAN.finditer(text)]
    for match in HAN_RUN.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        out += [(text[last:match.start()], None), (match.group(0), "zh")]
        last = match.end()
    out.append((text[last:], None))
    return out


def runs(text: str, lang: str) -> list[tuple[str, str | None]]:
    """``text`` written in ``lang`` cut into runs: ``(words, None)`` in ``lang`` itself and
    ``(words, other)`` for a run of the other language; empty runs left out."""
    cut = _runs_in_chinese(text) if lang == "zh" else _runs_in_english(text)
    return [(words, other) for words, other in cut if words]


def inner(text: str, lang: str) -> str:
    """``text`` written in ``lang``, escaped, with the runs of the other script marked."""
    return "".join(span(str(escape(words)), other) if other else str(escape(words)) for words, other in runs(text, lang))


def mark(text: str, lang: str, page_lang: str) -> Markup:
    """``text`` written in ``lang`` as HTML for a page in ``page_lang``: escaped, runs of
    the other script marked, and the whole wrapped in a span when ``lang`` is not the page's."""
    html = inner(text, lang)
    return Markup(html if lang == page_lang else span(html, lang))
