"""Load, schema-check and lint the rubrics before anything is generated.

Every problem is reported as ``<file>: <path inside the file>: <reason>`` so a broken
rubric fails the build (and the tests) pointing at the line to fix.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from calculator.errors import CalculatorError
from calculator.loaders import known_standards, profile_files, read_file
from calculator.model import Rubric, load_rubric

ROOT = Path(__file__).resolve().parent.parent
# SITEGEN_RUBRICS points the build at another rubric folder (the tests use it to
# show that a broken rubric fails the build); the schema always comes from the repo.
RUBRICS = Path(os.environ.get("SITEGEN_RUBRICS") or ROOT / "rubrics")
SCHEMA = ROOT / "rubrics" / "schema.json"
PROFILE_SCHEMA = ROOT / "rubrics" / "profile.schema.json"
LANGS = ("zh", "en")


class RubricCheckError(Exception):
    """A rubric file failed the schema or the lint; the message names file, path, reason."""

    def __init__(self, file: str, path: str, reason: str) -> None:
        super().__init__(f"{file}: {path}: {reason}" if path else f"{file}: {reason}")
        self.file, self.path, self.reason = file, path, reason


@dataclass(frozen=True)
class LoadedRubric:
    """A rubric as data (for pages and JSON) and as the calculator's model (for numbers)."""

    id: str
    file: Path
    data: dict[str, Any]
    model: Rubric
    profiles: dict[str, dict[str, Any]]

    def bundle(self) -> dict[str, Any]:
        """What the browser loads: the rubric data with its shipped profiles."""
        return {**self.data, "profiles": self.profiles} if self.profiles else dict(self.data)


def _json_path(data: Any, parts: Iterator[Any]) -> str:
    """A readable path: list entries are named by their ``id`` where they have one,
    e.g. ``sections[5.4].clauses[5.4.5].items[5.4.5.c].points``."""
    out, node = "", data
    for part in parts:
        if isinstance(part, int):
            entry = node[part] if isinstance(node, list) and part < len(node) else None
            label = entry.get("id", part) if isinstance(entry, dict) else part
            out += f"[{label}]"
        else:
            out += f".{part}" if out else str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return out


def schema_errors(data: Any, schema: Path = SCHEMA) -> list[tuple[str, str]]:
    """(path, reason) for every place where ``data`` breaks a schema (rubric by default)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
    found = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [(_json_path(data, e.absolute_path), e.message) for e in found]


def _texts(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every bilingual text mapping in a rubric, with its path."""
    if isinstance(node, dict):
        if "zh" in node and "en" in node and all(isinstance(node[k], str) for k in LANGS):
            yield path, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id", index) if isinstance(value, dict) else index
            yield from _texts(value, f"{path}[{label}]")


def _items(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every item of a rubric with its readable path."""
    def walk(clauses: list[Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for clause in clauses:
            here = f"{path}.clauses[{clause.get('id')}]"
            yield from walk(clause.get("clauses", []), here)
            for item in clause.get("items", []):
                yield f"{here}.items[{item.get('id')}]", item

    for section in data.get("sections", []):
        yield from walk(section.get("clauses", []), f"sections[{section.get('id')}]")


def lint(data: dict[str, Any], name: str) -> list[tuple[str, str]]:
    """Checks a schema cannot express; returns (path, reason) pairs."""
    problems: list[tuple[str, str]] = []
    if data.get("id") != Path(name).stem:
        problems.append(("id", f"id {data.get('id')!r} differs from the file name {Path(name).stem!r}"))
    for path, text in _texts(data):
        for lang in LANGS:
            value = text[lang]
            if value != value.strip():
                problems.append((f"{path}.{lang}", "leading or trailing white space"))
            if "■" in value or ("<" in value and ">" in value):
                problems.append((f"{path}.{lang}", f"transcription debris in {value[:30]!r}"))
    bands = data.get("scoring", {}).get("bands", [])
    for before, after in itertools.pairwise(bands):
        if after["min_percent"] <= before["max_percent"]:
            problems.append((f"scoring.bands[{after['id']}]", "band overlaps the one before it"))
    for band in bands:
        if not band["min_percent"] <= band["value"] * 100 <= band["max_percent"]:
            problems.append((f"scoring.bands[{band['id']}].value", "value lies outside the band"))
    for path, item in _items(data):
        for index, sic in enumerate(item.get("sic", [])):
            chinese = "\n".join([item["text"]["zh"], *(part["zh"] for part in item.get("parts", []))])
            if chinese.count(sic["text"]) != 1:
                problems.append((f"{path}.sic[{index}].text", f"{sic['text']!r} must occur exactly once in the "
                                 "item's Chinese text and its parts"))
        if item.get("sic") and "text_note" not in item:
            problems.append((f"{path}.sic", "a marked character needs a text_note that explains it"))
    term_ids = [t["id"] for t in data.get("terms", [])]
    if len(term_ids) != len(set(term_ids)):
        problems.append(("terms", "duplicate term id"))
    return problems


def _display(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def _read(path: Path) -> Any:
    try:
        return read_file(path)
    except CalculatorError as exc:
        raise RubricCheckError(_display(path), "", str(exc)) from None


def read_checked(path: Path, schema: Path) -> Any:
    """A data file read and checked against ``schema``; any problem is a
    :class:`RubricCheckError` naming the file, the place inside it and the reason."""
    data = _read(path)
    for where, reason in schema_errors(data, schema):
        raise RubricCheckError(_display(path), where, reason)
    return data


def check_profiles(standard: str, folder: Path) -> dict[str, dict[str, Any]]:
    """The shipped profiles of ``standard``, each checked against profile.schema.json."""
    profiles = {}
    for path in profile_files(standard, folder):
        data = read_checked(path, PROFILE_SCHEMA)
        if data.get("id") != path.stem or data.get("standard") != standard:
            raise RubricCheckError(_display(path), "id", f"a profile in profiles/{standard}/ must have "
                                   f"standard {standard!r} and the id of its file name {path.stem!r}")
        profiles[path.stem] = data
    return profiles


def check_file(path: Path) -> LoadedRubric:
    """Read one rubric file and its profiles and run every check; raises :class:`RubricCheckError`."""
    name = _display(path)
    data = _read(path)
    for where, reason in schema_errors(data) or lint(data, name):
        raise RubricCheckError(name, where, reason)
    profiles = check_profiles(data["id"], path.parent)
    try:
        model = load_rubric({**data, "profiles": profiles})
    except CalculatorError as exc:
        raise RubricCheckError(name, "", str(exc)) from None
    return LoadedRubric(data["id"], path, data, model, profiles)


@cache
def load_all(folder: Path = RUBRICS) -> dict[str, LoadedRubric]:
    """Every rubric in ``folder``, checked, keyed by id (in file-name order); every document
    a rubric or one of its shipped profiles names must be listed in ``sources.yaml``."""
    from .sources import check_references, load_sources

    loaded = {}
    for standard in known_standards(folder):
        loaded[standard] = check_file(folder / f"{standard}.yaml")
    if not loaded:
        raise RubricCheckError(str(folder), "", "no rubric files found")
    sources = load_sources(folder)
    for rubric in loaded.values():
        check_references(rubric.data, rubric.profiles, sources, _display(rubric.file))
    return loaded


def rubrics_for_build() -> dict[str, LoadedRubric]:
    """:func:`load_all` for MkDocs: a failed check stops the build with one clear line."""
    from mkdocs.exceptions import PluginError

    try:
        return load_all(RUBRICS)
    except RubricCheckError as exc:
        raise PluginError(f"rubric check failed: {exc}") from None
