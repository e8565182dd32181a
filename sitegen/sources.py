"""The documents the project draws on (rubrics/sources.yaml), and how a page names one.

The project cites a document by its name: title, author or publisher, date. Rubrics list
the documents they use by id (``sources: [{id, description}]``) and a shipped weight
profile names the document behind a reported number the same way (``source: <id>``);
:func:`check_references` fails the build on an id that is not listed here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .rubrics import RUBRICS, RubricCheckError, _display, read_checked

SOURCES_FILE = "sources.yaml"
SOURCES_SCHEMA = Path(__file__).resolve().parent.parent / "rubrics" / "sources.schema.json"


@dataclass(frozen=True)
class Sources:
    """The checked source list: ``data`` as in the file, ``by_id`` for look-ups."""

    data: dict[str, Any]
    by_id: Mapping[str, dict[str, Any]]

    def provenance(self, node: Mapping[str, Any], lang: str) -> str:
        """Provenance of one language of a text in the file (its own label, else the default)."""
        return (node.get("provenance") or {}).get(lang, self.data["text_provenance"][lang])

    def cite(self, source_id: str, lang: str) -> str:
        """The document's name as the site cites it, one pattern for every document:
        "title — author — date" (plain text).

        The author is the entry's short ``by`` where it has one (``author`` may be a whole
        statement), the title its ``cite_title`` where the full title does not suit running
        text of that language. ``cite("tenglian-gbt-27922-explainer", "en")`` is "An
        explanatory article on GB/T 27922 certification (...) — Shenzhen Tenglian ... —
        undated in the copy we hold".
        """
        source = self.by_id[source_id]
        title = (source.get("cite_title") or source["title"])[lang]
        if "code" in source:
            title = f"{source['code']} {title}"
        author = (source.get("by") or source["author"])[lang]
        return " — ".join((title, author, source["date"][lang]))


def load_sources(folder: Path = RUBRICS) -> Sources:
    """``<folder>/sources.yaml``, checked against the schema; ids must be unique."""
    path = folder / SOURCES_FILE
    name = _display(path)
    data = read_checked(path, SOURCES_SCHEMA)
    by_id: dict[str, dict[str, Any]] = {}
    for source in data["sources"]:
        if source["id"] in by_id:
            raise RubricCheckError(name, f"sources[{source['id']}]", "duplicate source id")
        by_id[source["id"]] = source
    return Sources(data, by_id)


def check_references(rubric: Mapping[str, Any], profiles: Mapping[str, Mapping[str, Any]], sources: Sources,
                     rubric_file: str) -> None:
    """Every ``sources[].id`` of a rubric and every ``source`` of its shipped profiles is a
    listed document; raises :class:`RubricCheckError` naming the file, path and id."""
    for entry in rubric.get("sources", []):
        if entry["id"] not in sources.by_id:
            raise RubricCheckError(rubric_file, f"sources[{entry['id']}].id",
                                   f"{entry['id']!r} is not a document listed in {SOURCES_FILE}")
    for profile_id, profile in profiles.items():
        for group in ("sections", "items"):
            for unit, weight in (profile.get(group) or {}).items():
                source = weight.get("source")
                if source is not None and source not in sources.by_id:
                    raise RubricCheckError(f"profiles/{rubric['id']}/{profile_id}.yaml", f"{group}.{unit}.source",
                                           f"{source!r} is not a document listed in {SOURCES_FILE}")


@cache
def sources_for_build() -> Sources:
    """:func:`load_sources` for MkDocs: a failed check stops the build with one line."""
    from mkdocs.exceptions import PluginError

    try:
        return load_sources(RUBRICS)
    except RubricCheckError as exc:
        raise PluginError(f"sources check failed: {exc}") from None
