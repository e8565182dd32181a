"""The string catalogue in memory: every user-facing text, by key, in Chinese and English.

The catalogue itself is data, ``rubrics/strings.yaml``, read once by whoever has files
(the command line and the tests through :func:`calculator.loaders.read_catalogue`, the
site build through :mod:`sitegen.i18n`); the browser's JavaScript gets the same entries as
JSON built at build time. This module reads no file, so it runs unchanged in Pyodide.

An entry is named ``group.key`` (``site.home``); ``{name}`` in its text is a placeholder
filled from the parameters a message carries, the same placeholders in both languages.

A *message* is data, ``{"code": "score-below", "params": {"score": "65.00", "min": "70.00"}}``:
results and errors carry messages, never sentences, and whoever shows one words it in the
reader's language with :func:`render` (the browser's ``strings.js`` follows the same
rules). A parameter is shown as: a nested message, rendered in its own ``group`` if it
names one, else in the same group; a
bilingual text ``{zh, en}``, in the reader's language; a list, its entries joined with
``format.list_separator`` (``format.none`` when empty); anything else as its text.

The command line, the tests and the site build install the catalogue once with
:func:`use`; error messages (``str(error)``) are worded from it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

LANGS = ("zh", "en")
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class CatalogueError(ValueError):
    """The catalogue file is malformed: an entry lacks a language or mixes placeholders."""


class Catalogue(Mapping[str, Mapping[str, str]]):
    """Checked entries ``group.key -> {zh, en}``, read-only."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        entries: dict[str, Mapping[str, str]] = {}
        if not isinstance(data, Mapping):
            raise CatalogueError(f"strings: expected groups of entries, got {type(data).__name__}")
        for group, members in data.items():
            if not isinstance(members, Mapping):
                raise CatalogueError(f"strings: group {group!r} must map keys to {{zh, en}} texts")
            for key, entry in members.items():
                name = f"{group}.{key}"
                if not isinstance(entry, Mapping) or set(entry) != set(LANGS) or not all(
                        isinstance(entry[lang], str) and entry[lang].strip() for lang in LANGS):
                    raise CatalogueError(f"strings: {name} must have non-empty 'zh' and 'en' text and nothing else")
                if placeholders(entry["zh"]) != placeholders(entry["en"]):
                    raise CatalogueError(f"strings: {name} uses placeholders {sorted(placeholders(entry['zh']))} "
                                         f"in zh but {sorted(placeholders(entry['en']))} in en")
                entries[name] = dict(entry)
        self._entries = entries

    def __getitem__(self, name: str) -> Mapping[str, str]:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def group(self, group: str) -> dict[str, Mapping[str, str]]:
        """The entries of one group, by key (``provenance`` -> ``{original: {zh, en}, ...}``)."""
        prefix = group + "."
        return {name[len(prefix):]: entry for name, entry in self._entries.items() if name.startswith(prefix)}

    def text(self, name: str, lang: str, /, **params: Any) -> str:
        """The text of entry ``name`` in ``lang`` with its placeholders filled from ``params``.

        An unknown entry is a KeyError; a placeholder without a parameter is a KeyError
        naming it (a message is never shown half filled in).
        """
        template = self._entries[name][lang]

        def fill(match: re.Match[str]) -> str:
            key = match.group(1)
            if key not in params:
                raise KeyError(f"{name}: no value for placeholder {{{key}}}")
            return str(params[key])

        return PLACEHOLDER.sub(fill, template)

    def as_json_data(self, lang: str, groups: tuple[str, ...] | None = None) -> dict[str, str]:
        """``name -> text`` in one language, for the browser (optionally only some groups)."""
        return {name: entry[lang] for name, entry in self._entries.items()
                if groups is None or name.split(".", 1)[0] in groups}


_INSTALLED: Catalogue | None = None


def use(catalogue: Catalogue | None) -> None:
    """Install the catalogue that messages are worded from (None uninstalls it)."""
    global _INSTALLED
    _INSTALLED = catalogue


def installed() -> Catalogue | None:
    """The installed catalogue, or None."""
    return _INSTALLED


def required(what: str) -> Catalogue:
    """The installed catalogue; :class:`LookupError` naming ``what`` needs it when there is none."""
    if _INSTALLED is None:
        raise LookupError(f"{what} needs the string catalogue (calculator.messages.use)")
    return _INSTALLED


def _shown(value: Any, group: str, lang: str, catalogue: Catalogue) -> str:
    if isinstance(value, Mapping) and "code" in value:
        return render(value, value.get("group", group), lang, catalogue)
    if isinstance(value, Mapping) and set(value) >= set(LANGS):
        return str(value[lang])
    if isinstance(value, (list, tuple)):
        if not value:
            return catalogue.text("format.none", lang)
        return catalogue.text("format.list_separator", lang).join(
            _shown(entry, group, lang, catalogue) for entry in value)
    if value is None:
        return catalogue.text("format.none", lang)
    return str(value)


def render(message: Mapping[str, Any], group: str, lang: str, catalogue: Catalogue | None = None) -> str:
    """A message ``{code, params}`` worded in ``lang`` by entry ``<group>.<code>``.

    Uses ``catalogue``, else the installed one; an unknown code or a missing parameter is a
    KeyError (never a half-worded message).
    """
    catalogue = catalogue or _INSTALLED
    if catalogue is None:
        raise LookupError("no string catalogue installed (calculator.messages.use)")
    params = message.get("params") or {}
    return catalogue.text(f"{group}.{message['code']}", lang,
                          **{key: _shown(value, group, lang, catalogue) for key, value in params.items()})


def error_text(message: Mapping[str, Any], lang: str = "en") -> str:
    """An error message in ``lang``; without an installed catalogue (or with an unknown code),
    the code and its parameters, so that nothing is ever lost."""
    if _INSTALLED is not None and f"error.{message['code']}" in _INSTALLED:
        try:
            return render(message, "error", lang)
        except KeyError:
            pass
    params = message.get("params") or {}
    return f"{message['code']} {json.dumps(params, ensure_ascii=False)}" if params else str(message["code"])


def placeholders(text: str) -> set[str]:
    """The placeholder names used in a text."""
    return set(PLACEHOLDER.findall(text))
