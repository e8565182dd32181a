"""Reading files for the CLI (CPython only; the browser passes data in, never paths).

Rubrics are read from ``rubrics/<id>.yaml`` (the single source of truth) or a built
``<id>.json``; assessments from JSON or YAML. The default rubric folder is the package's
own ``calculator/rubrics/`` once installed (the wheel carries the repository's
``rubrics/`` there as package data, see pyproject.toml), else the checkout's ``rubrics/``.
YAML needs PyYAML (the package's one dependency, which ``scripts/setup`` installs too); it
is imported only here, so the scoring modules stay standard-library only.
"""

from __future__ import annotations

import os
import pickle
import re
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from . import jsontext
from .errors import InputFileError, ProfileError, UnknownStandardError
from .messages import Catalogue, CatalogueError
from .model import Rubric, load_rubric
from .profiles import Profile, profile_for


def _default_rubrics() -> Path:
    """``calculator/rubrics/`` in an installed package, else ``rubrics/`` beside the package
    (a checkout, or an editable install of one)."""
    package = Path(__file__).resolve().parent
    installed = package / "rubrics"
    return installed if (installed / STRINGS_FILE).is_file() else package.parent / "rubrics"


STRINGS_FILE = "strings.yaml"
DEFAULT_RUBRICS = _default_rubrics()
STANDARD_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*-[0-9]{4}$")


def rubrics_dir(given: str | None = None) -> Path:
    """The rubric folder: ``--rubrics``, else $CALCULATOR_RUBRICS, else ``DEFAULT_RUBRICS``."""
    return Path(given or os.environ.get("CALCULATOR_RUBRICS") or DEFAULT_RUBRICS)


_LOADER: Any = None


def _yaml_loader() -> Any:
    """PyYAML and a strict SafeLoader: duplicate keys refused, dates kept as text.

    It parses with libyaml (PyYAML's C loader, ``CSafeLoader``) where PyYAML was built with
    it, about ten times faster on the rubrics; otherwise with the pure-Python SafeLoader.
    Both construct the same data and refuse the same files.
    """
    global _LOADER
    try:
        import yaml
    except ImportError:
        raise InputFileError("yaml-missing") from None
    if _LOADER is None:
        _LOADER = strict_loader(yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader)
    return yaml, _LOADER


MAX_DEPTH = 64
"""Nesting deeper than this is refused: no assessment, profile or rubric comes near it, and
the pure-Python parser would fail on a few hundred levels where libyaml does not."""


def _refuse_deep(root: Any) -> None:
    """Walk the composed YAML nodes without recursion; refuse nesting deeper than MAX_DEPTH."""
    stack = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:  # an alias: already walked
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise InputFileError("yaml-too-deep", limit=MAX_DEPTH, line=node.start_mark.line + 1)
        if isinstance(node.value, list):
            for child in node.value:
                for part in child if isinstance(child, tuple) else (child,):
                    stack.append((part, depth + 1))


def strict_loader(base: Any) -> Any:
    """A strict loader class on ``base`` (``yaml.CSafeLoader`` or ``yaml.SafeLoader``)."""
    import yaml

    class StrictLoader(base):  # type: ignore[misc]
        """SafeLoader that refuses duplicate keys and deep nesting, and leaves ISO dates as strings."""

        def construct_document(self, node: Any) -> Any:
            _refuse_deep(node)
            return super().construct_document(node)

    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
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
    return StrictLoader


_PARSED: OrderedDict[tuple[Any, str], bytes] = OrderedDict()
_PARSED_KEPT = 16


def _load_yaml(yaml: Any, loader: Any, text: str) -> Any:
    """``yaml.load(text)``, once per text: the data of the last few texts parsed is kept
    (pickled, so each caller gets its own copy to change) and a text seen again is not parsed
    again. A process that reads the same files many times (the tests' in-process command
    line runs read the catalogue and a rubric each time) no longer spends most of its time
    in PyYAML; a text that fails to parse is never kept, so it fails each time."""
    key = (loader, text)
    kept = _PARSED.get(key)
    if kept is not None:
        _PARSED.move_to_end(key)
        return pickle.loads(kept)
    data = yaml.load(text, Loader=loader)
    _PARSED[key] = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    if len(_PARSED) > _PARSED_KEPT:
        _PARSED.popitem(last=False)
    return data


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
            return _load_yaml(yaml, loader, text)
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


def rubric_data(standard: str, folder: Path) -> Any:
    """The rubric of ``standard`` as data (checked when loaded), with its shipped profiles under
    ``profiles``."""
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


def read_catalogue(folder: Path | None = None) -> Catalogue:
    """The string catalogue (``<rubrics folder>/strings.yaml``), checked."""
    path = (folder or DEFAULT_RUBRICS) / STRINGS_FILE
    try:
        return Catalogue(read_file(path))
    except CatalogueError as exc:
        raise InputFileError("bad-catalogue", file=str(path), problem=str(exc)) from None
