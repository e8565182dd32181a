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
from .errors import InputFileError, ProfileError, UnknownStandardError, quote
from .messages import Catalogue, CatalogueError
from .model import Rubric, load_rubric
from .profiles import Profile, load_profile

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
        raise InputFileError("reading YAML needs PyYAML (scripts/setup installs it); "
                             "JSON files work without it") from None
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
                raise InputFileError(f"a key must be plain text, not {type(key).__name__} "
                                     f"(line {key_node.start_mark.line + 1})") from None
            if key in seen:
                raise InputFileError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
            seen.add(key)
        return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)

    StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    _LOADER = StrictLoader
    return yaml, StrictLoader


def parse_text(text: str, name: str) -> Any:
    """Parse JSON, or YAML when the name says so or the text is not JSON-shaped."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if name.endswith(".json") or stripped.startswith(("{", "[")):
        return jsontext.loads(text, name)
    yaml, loader = _yaml_loader()
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - StrictLoader is a SafeLoader
    except InputFileError as exc:
        raise InputFileError(f"{name}: {exc}") from None
    except (TypeError, ValueError, RecursionError) as exc:
        raise InputFileError(f"{name}: not a valid assessment file ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputFileError(f"{name}: not valid YAML ({problem}{where})") from None


def read_file(path: str | Path) -> Any:
    """Read and parse a JSON or YAML file; every failure is an :class:`InputFileError`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputFileError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputFileError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
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
        raise UnknownStandardError(f"unknown standard {standard!r}; known: {', '.join(known) or 'none'}")
    path = folder / f"{standard}.yaml"
    data = read_file(path if path.exists() else folder / f"{standard}.json")
    if isinstance(data, dict) and "profiles" not in data:
        profiles = {}
        for file in profile_files(standard, folder):
            profile = read_file(file)
            if not isinstance(profile, dict) or profile.get("id") != file.stem:
                raise InputFileError(f"{file}: 'id' must equal the file name {file.stem!r}")
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
    """Read a user's weight profile file and check it against its standard's rubric."""
    data = read_file(path)
    standard = data.get("standard") if isinstance(data, dict) else None
    if not isinstance(standard, str):
        raise ProfileError(f"{path}: a profile must name its 'standard', got {quote(standard)}")
    if standard not in rubrics:
        raise ProfileError(f"{path}: unknown standard {standard!r}; known: {', '.join(sorted(rubrics))}")
    rubric = rubrics[standard]
    return load_profile(data, rubric, str(path))


STRINGS_FILE = "strings.yaml"


def read_catalogue(folder: Path | None = None) -> Catalogue:
    """The string catalogue (``<rubrics folder>/strings.yaml``), checked."""
    path = (folder or DEFAULT_RUBRICS) / STRINGS_FILE
    try:
        return Catalogue(read_file(path))
    except CatalogueError as exc:
        raise InputFileError(f"{path}: {exc}") from None
