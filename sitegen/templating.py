"""The one Jinja environment every generated page is rendered with, and what all pages share.

:func:`environment` makes it: templates from ``sitegen/templates``, strict about undefined
names, block tags trimmed, and the globals every template may use in the page's language
(``lang``, ``other``, ``L`` for a site label, punctuation, ``paren``, ``span``, ``TAG`` for a
provenance label). Each page module adds its own globals to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from . import i18n
from .langmark import mark, span

TEMPLATES = Path(__file__).resolve().parent / "templates"
_LOADER = jinja2.FileSystemLoader(TEMPLATES)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Each template compiled once per process, kept in memory and shared by every
    environment: a page makes its own environment (its globals), and compiling the templates
    again for each of the ~250 pages of a build was half of the build's time. Jinja checks the
    template's source against the kept checksum, so a changed template is compiled again; every
    environment is made by :func:`environment` with the same options, so the code fits them all."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def other_lang(lang: str) -> str:
    """The site's other language."""
    return next(other for other in i18n.LANGS if other != lang)


def prov_tag(key: str, lang: str) -> str:
    """The provenance label ``key`` (original, translation, summary, reported) as HTML."""
    name = i18n.PROVENANCE[key][lang]
    return f'<span class="prov prov-{key}" title="{name}">{name}</span>'


def environment(lang: str, **extra: Any) -> jinja2.Environment:
    """The Jinja environment of a page in ``lang``, with the shared globals and ``extra``."""
    env = jinja2.Environment(loader=_LOADER, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True, bytecode_cache=_COMPILED)
    env.globals.update(
        lang=lang, other=other_lang(lang), span=span,
        L=lambda key, **params: mark(i18n.label(key, lang, **params), lang, lang),
        TAG=lambda kind: prov_tag(kind, lang),
        colon="：" if lang == "zh" else ": ", comma="，" if lang == "zh" else ", ",
        semicolon="；" if lang == "zh" else "; ", stop=i18n.stop(lang), dash="——" if lang == "zh" else " — ",
        paren=lambda inner: i18n.paren(inner, lang),
    )
    env.globals.update(extra)
    return env
