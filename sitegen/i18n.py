"""The site's two languages, and the string catalogue as the site build reads it.

Chinese is the default language, served at the site root; English is served under
``en/``. Every label a page prints comes from ``rubrics/strings.yaml`` (see
:mod:`calculator.messages`); an unknown key is a KeyError at build time, never a
half-translated page.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calculator import messages
from calculator.loaders import read_catalogue

ROOT = Path(__file__).resolve().parent.parent

LANGS = ("zh", "en")
DEFAULT = "zh"
PREFIX = {"zh": "", "en": "en/"}

CATALOGUE = read_catalogue(ROOT / "rubrics")
messages.use(CATALOGUE)  # the calculator's errors (a broken rubric fails the build) are worded from it
NAMES = {lang: CATALOGUE.text(f"lang_name.{lang}", lang) for lang in LANGS}
PROVENANCE = CATALOGUE.group("provenance")
POINTS_PROVENANCE = CATALOGUE.group("points_provenance")
POINTS_BADGES = CATALOGUE.group("points_badge")  # beside a number of points: "3 points [official]"
KIND = CATALOGUE.group("kind")
LINK_TYPES = CATALOGUE.group("link_type")
LINK_MEANINGS = CATALOGUE.group("link_meaning")
LINK_SENTENCES = CATALOGUE.group("link_sentence")


def stop(lang: str) -> str:
    """The mark that ends a sentence and separates it from the next one."""
    return "。" if lang == "zh" else ". "


def paren(inner: str, lang: str) -> str:
    """A parenthesis after a word: full-width brackets in Chinese, a space and brackets in English."""
    return f"（{inner}）" if lang == "zh" else f" ({inner})"


def label(key: str, lang: str, **params: Any) -> str:
    """The site label ``site.<key>`` in ``lang``; unknown keys fail the build."""
    return CATALOGUE.text(f"site.{key}", lang, **params)


def source_label(key: str, lang: str, **params: Any) -> str:
    """The label ``sources.<key>`` of the sources page."""
    return CATALOGUE.text(f"sources.{key}", lang, **params)


def text_of(node: Mapping[str, Any], lang: str) -> str:
    """The ``lang`` text of a bilingual mapping ``{zh, en}``."""
    return node[lang]


def provenance_of(node: Mapping[str, Any], lang: str, default: Mapping[str, str]) -> str:
    """Provenance of one language of a text: its own label, else the file's default."""
    return (node.get("provenance") or {}).get(lang, default[lang])
