"""Reading files for the CLI (CPython only; the browser passes data in, never paths).

Rubrics are read from ``rubrics/<id>.yaml`` (the single source of truth) or a built
``<id>.json``; assessments from JSON or YAML. YAML needs PyYAML, which ``scripts/setup``
installs; it is imported only here, so the scoring modules stay standard-library only.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterator, Mapping

from . import jsontext
from .errors import InputFileError, ProfileError, UnknownStandardError
from .messages import Catalogue, CatalogueError
from .model import Rubric, load_rubric
from .profiles import Profile, profile_for

DEFAULT_RUBRICS = Path(__file__).resolve().parent.parent / "rubrics"
STANDARD_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9]{4}$")


def rubrics_dir(given: str | None = None) -> Path:
    """The rubric folder: ``--rubrics``, else $CALCULATOR_RUBRICS, else the repository's."""
    return Path(given or os.environ.get("CALCULATOR_RUBRICS") or DEFAULT_RUBRICS)


_LOADER: Any = None


def _yaml_loader() -> Any:
    """PyYAML and a strict SafeLoader: duplicate keys refused, dates kept as text."""
    global _LOADER
    try:
        import yaml
    except ImportError:
        raise InputFileError("yaml-missing") from None
    if _LOADER is not None:
        return yaml, _LOADER

    class StrictLoader(yaml.SafeLoader):
        """SafeLoader that refuses duplicate keys and leaves ISO dates as strings."""

    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            try:
                hash(key)
            except TypeError:
                raise InputFileError("yaml-key-not-text", line=key_node.start_mark.line + 1) from None
            if key in seen:
                raise InputFileError("yaml-duplicate-key", key=str(key), line=key_node.start_mark.line + 1)
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    _LOADER = StrictLoader
    return yaml, StrictLoader


def parse_text(text: str, name: str) -> Any:
    """Parse a CSV export (a ``.csv`` name), JSON, or YAML when the name says so or the text
    is not JSON-shaped."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if name.lower().endswith(".csv"):
        from .exports import read_csv

        try:
            return read_csv(text)
        except InputFileError as exc:
            raise InputFileError("in-file", file=name, problem=exc.as_message()) from None
    if name.endswith(".json") or stripped.startswith(("{", "[")):
        return jsontext.loads(text, name)
    yaml, loader = _yaml_loader()
    try:
        try:
            return yaml.load(text, Loader=loader)  # noqa: S506 - StrictLoader is a SafeLoader
        except InputFileError:
            raise
        except (TypeError, ValueError, RecursionError):
            raise InputFileError("yaml-unreadable") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            if mark is None:
                raise InputFileError("bad-yaml") from None
            raise InputFileError("bad-yaml-at", line=mark.line + 1, column=mark.column + 1) from None
    except InputFileError as exc:
        raise InputFileError("in-file", file=name, problem=exc.as_message()) from None


def read_file(path: str | Path) -> Any:
    """Read and parse a JSON or YAML file; every failure is an :class:`InputFileError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError("no-such-file", file=str(path)) from None
    except IsADirectoryError:
        raise InputFileError("is-a-folder", file=str(path)) from None
    except PermissionError:
        raise InputFileError("file-not-permitted", file=str(path)) from None
    except OSError as exc:
        raise InputFileError("file-unreadable", file=str(path), errno=exc.errno or 0) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError("not-utf8", file=str(path), offset=exc.start) from None
    return parse_text(text, str(path))


def known_standards(folder: Path) -> list[str]:
    """Ids of the rubric files in ``folder``: ``<id>.yaml`` (or a built ``<id>.json``) whose
    name is a standard id with its year (``_template``, the crosswalk and schemas are not)."""
    names = {p.stem for p in folder.glob("*.yaml")} | {p.stem for p in folder.glob("*.json")}
    return sorted(n for n in names if STANDARD_ID.match(n))


def profile_files(standard: str, folder: Path) -> list[Path]:
    """The shipped weight profiles of ``standard``: ``<folder>/profiles/<standard>/*.yaml``."""
    return sorted((folder / "profiles" / standard).glob("*.yaml"))


def rubric_data(standard: str, folder: Path) -> dict[str, Any]:
    """The rubric of ``standard`` as data, with its shipped profiles under ``profiles``."""
    known = known_standards(folder)
    if standard not in known:
        raise UnknownStandardError("unknown-standard", standard=standard, known=known)
    path = folder / f"{standard}.yaml"
    data = read_file(path if path.exists() else folder / f"{standard}.json")
    if isinstance(data, dict) and "profiles" not in data:
        profiles = {}
        for file in profile_files(standard, folder):
            profile = read_file(file)
            if not isinstance(profile, dict) or profile.get("id") != file.stem:
                raise InputFileError("profile-file-id", file=str(file), id=file.stem)
            profiles[file.stem] = profile
        if profiles:
            data["profiles"] = profiles
    return data


def load_standard(standard: str, folder: Path) -> Rubric:
    """Load the rubric for ``standard`` (with its shipped profiles) from ``folder``."""
    return load_rubric(rubric_data(standard, folder))


class RubricFolder(Mapping[str, Rubric]):
    """The rubrics of a folder as a mapping that loads each one when it is first asked for."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ids = known_standards(folder)
        self._loaded: dict[str, Rubric] = {}

    def __getitem__(self, standard: str) -> Rubric:
        if standard not in self._ids:
            raise KeyError(standard)
        if standard not in self._loaded:
            self._loaded[standard] = load_standard(standard, self.folder)
        return self._loaded[standard]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def read_profile(path: str | Path, rubrics: Mapping[str, Rubric]) -> Profile:
    """Read a user's weight profile file and check it against its standard's rubric; every
    problem is an error naming the file (``in-file``)."""
    data = read_file(path)
    try:
        return profile_for(data, rubrics)
    except ProfileError as exc:
        raise ProfileError("in-file", file=str(path), problem=exc.as_message()) from None


STRINGS_FILE = "strings.yaml"


def read_catalogue(folder: Path | None = None) -> Catalogue:
    """The string catalogue (``<rubrics folder>/strings.yaml``), checked."""
    path = (folder or DEFAULT_RUBRICS) / STRINGS_FILE
    try:
        return Catalogue(read_file(path))
    except CatalogueError as exc:
        raise InputFileError("bad-catalogue", file=str(path), problem=str(exc)) from None
