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
from .jsontext import SURROGATE, number_text
from .limits import MAX_DEPTH, MAX_FILE_BYTES, MAX_VALUES
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
    """The rubric folder: ``--rubrics``, else $CALCULATOR_RUBRICS, else ``DEFAULT_RUBRICS``;
    refused, naming it, when it does not exist, is not a folder or holds no rubric."""
    folder = Path(given or os.environ.get("CALCULATOR_RUBRICS") or DEFAULT_RUBRICS)
    if not folder.exists():
        raise InputFileError("no-rubrics-folder", folder=str(folder))
    if not folder.is_dir():
        raise InputFileError("rubrics-not-a-folder", folder=str(folder))
    if not known_standards(folder):
        raise InputFileError("no-rubrics-in-folder", folder=str(folder))
    return folder


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


def _children(node: Any) -> list[Any]:
    """The nodes a composed YAML node holds (a mapping's keys and values), in order."""
    if not isinstance(node.value, list):
        return []
    return [part for child in node.value for part in (child if isinstance(child, tuple) else (child,))]


def _aliased(root: Any) -> bool:
    """Whether a composed YAML document holds a node twice (it has an alias)."""
    seen = {id(root)}
    stack = [root]
    while stack:
        value = stack.pop().value
        if isinstance(value, list):
            for child in value:
                for part in child if isinstance(child, tuple) else (child,):
                    if id(part) in seen:
                        return True
                    seen.add(id(part))
                    stack.append(part)
    return False


def _check_aliases(root: Any) -> None:
    """Walk composed YAML nodes that hold aliases, each node once (a bomb costs no more than
    its text), and refuse: more than MAX_VALUES values once each alias counts as all it
    repeats; an alias inside its own value (a loop); nesting deeper than MAX_DEPTH through an
    alias (the composer checked the depth of what is written)."""
    sizes: dict[int, tuple[int, int]] = {}  # node id -> (values it stands for, its height)
    open_: set[int] = set()
    stack: list[tuple[Any, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, leaving = stack.pop()
        key = id(node)
        if leaving:
            children = [sizes[id(child)] for child in _children(node)]
            size = 1 + sum(count for count, _ in children)
            if size > MAX_VALUES:
                raise InputFileError("too-many-values", limit=MAX_VALUES)
            sizes[key] = (size, 1 + max((height for _, height in children), default=0))
            open_.discard(key)
        elif key in open_:
            raise InputFileError("yaml-alias-loop", line=node.start_mark.line + 1)
        elif key in sizes:  # an alias of a node already walked: as deep as it reaches from here
            if depth + sizes[key][1] - 1 > MAX_DEPTH:
                raise InputFileError("yaml-too-deep", limit=MAX_DEPTH, line=node.start_mark.line + 1)
        elif isinstance(node.value, str):
            sizes[key] = (1, 1)
        else:
            open_.add(key)
            stack.append((node, depth, True))
            stack.extend((child, depth + 1, False) for child in reversed(_children(node)))  # in the file's order


def _number_node(construct: Any) -> Any:
    """A YAML int or float constructor that first refuses a number written with more than
    MAX_NUMBER_CHARS characters (PyYAML would take seconds on a long base-60 ``1:59:59:...``,
    and raise on a long base-60 float)."""
    def number(loader: Any, node: Any) -> Any:
        number_text(str(node.value))
        return construct(loader, node)
    return number


def strict_loader(base: Any) -> Any:
    """A strict loader class on ``base`` (``yaml.CSafeLoader`` or ``yaml.SafeLoader``)."""
    import yaml

    class StrictLoader(base):  # type: ignore[misc]
        """SafeLoader that refuses duplicate keys, deep nesting, alias bombs, very long numbers
        and lone surrogates, and leaves ISO dates as strings."""

        composed = depth = 0
        may_alias = True  # parse_text says False for a text without "&" (no anchor, so no alias)

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            # called as each node is composed, below its parent ``current_node`` (by libyaml
            # too): stop a document of too many values, or nested too deep, before it is built
            # (PyYAML's C composer recurses in C: 30,000 levels crashed the process)
            self.composed += 1
            self.depth += 1
            if self.composed > MAX_VALUES:
                raise InputFileError("too-many-values", limit=MAX_VALUES)
            if self.depth > MAX_DEPTH:
                raise InputFileError("yaml-too-deep", limit=MAX_DEPTH, line=current_node.start_mark.line + 1)
            if self.yaml_path_resolvers:  # (none are added: PyYAML's own check, made here once)
                super().descend_resolver(current_node, current_index)

        def ascend_resolver(self) -> None:
            self.depth -= 1
            if self.yaml_path_resolvers:
                super().ascend_resolver()

        def construct_document(self, node: Any) -> Any:
            if self.may_alias and _aliased(node):
                _check_aliases(node)
            return super().construct_document(node)

        def construct_scalar(self, node: Any) -> Any:
            # every text, key and number passes here; the pure-Python parser reads "\ud800" as a
            # lone surrogate (libyaml refuses it, see parse_text)
            value = super().construct_scalar(node)
            found = SURROGATE.search(value) if isinstance(value, str) else None
            if found:
                raise InputFileError("yaml-not-unicode", line=node.start_mark.line + 1,
                                     column=node.start_mark.column + 1, char=found[0])
            return value

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
    for tag, construct in (("int", yaml.SafeLoader.construct_yaml_int), ("float", yaml.SafeLoader.construct_yaml_float)):
        StrictLoader.add_constructor(f"tag:yaml.org,2002:{tag}", _number_node(construct))
    return StrictLoader


_PARSED: OrderedDict[tuple[Any, str], bytes] = OrderedDict()
_PARSED_KEPT = 16


def _load_yaml(loader_class: Any, text: str) -> Any:
    """``yaml.load(text)`` with the strict loader, once per text: the data of the last few texts parsed is kept
    (pickled, so each caller gets its own copy to change) and a text seen again is not parsed
    again. A process that reads the same files many times (the tests' in-process command
    line runs read the catalogue and a rubric each time) no longer spends most of its time
    in PyYAML; a text that fails to parse is never kept, so it fails each time."""
    key = (loader_class, text)
    kept = _PARSED.get(key)
    if kept is not None:
        _PARSED.move_to_end(key)
        return pickle.loads(kept)
    loader = loader_class(text)  # as yaml.load does
    loader.may_alias = "&" in text  # the alias checks (calculator/limits.py) only where an anchor is
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
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
    yaml, loader_class = _yaml_loader()
    try:
        try:
            return _load_yaml(loader_class, text)
        except InputFileError:
            raise
        except (TypeError, ValueError, RecursionError, OverflowError):
            raise InputFileError("yaml-unreadable") from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            if mark is None:
                raise InputFileError("bad-yaml") from None
            if getattr(exc, "problem", None) == "found invalid Unicode character escape code":
                # libyaml refuses "\ud800" itself; say so as the pure-Python parser's check does
                start = getattr(exc, "context_mark", None) or mark
                at = text.rfind("\\", 0, mark.index)
                escape = text[at:at + {"x": 4, "u": 6, "U": 10}.get(text[at + 1:at + 2], 2)]
                raise InputFileError("yaml-not-unicode", line=start.line + 1, column=start.column + 1,
                                     char=escape) from None
            raise InputFileError("bad-yaml-at", line=mark.line + 1, column=mark.column + 1) from None
    except InputFileError as exc:
        raise InputFileError("in-file", file=name, problem=exc.as_message()) from None


def _read_bytes(path: Path) -> bytes:
    """The bytes of a file, refused when there are more than MAX_FILE_BYTES: no more than the
    limit is ever read (not even from ``/dev/zero``)."""
    with path.open("rb") as file:
        raw = file.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            size = os.fstat(file.fileno()).st_size
            raise InputFileError("file-too-large", file=str(path), size=size if size > MAX_FILE_BYTES else
                                 f">{MAX_FILE_BYTES}", limit=MAX_FILE_BYTES, mib=MAX_FILE_BYTES // 2**20)
    return raw


def read_file(path: str | Path) -> Any:
    """Read and parse a JSON or YAML file; every failure is an :class:`InputFileError`."""
    path = Path(path)
    try:
        raw = _read_bytes(path)
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
