"""The crosswalk: typed links between clauses of the standards (rubrics/crosswalk.yaml).

A link reads "<from> is <type> <to>". Seen from the other end, ``broader`` and
``narrower`` swap; ``equivalent`` and ``related`` stay. The map is our own analysis,
not part of any standard; the file says so and every page that shows it does too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .clauses import leaf_clauses
from .rubrics import ROOT, LoadedRubric, RubricCheckError, _display, read_checked

CROSSWALK = ROOT / "rubrics" / "crosswalk.yaml"
CROSSWALK_SCHEMA = ROOT / "rubrics" / "crosswalk.schema.json"
INVERSE = {"equivalent": "equivalent", "related": "related", "broader": "narrower", "narrower": "broader"}


@dataclass(frozen=True)
class Link:
    """One end's view of a link: this clause is ``type`` the ``other`` clause."""

    standard: str
    clause: str
    type: str
    other_standard: str
    other_clause: str
    note: dict[str, str] | None


@dataclass(frozen=True)
class Crosswalk:
    """The checked crosswalk data and every link seen from both ends."""

    data: dict[str, Any]
    links: tuple[Link, ...]

    def of(self, standard: str, clause: str) -> list[Link]:
        """Links of one clause, in the order the file gives them."""
        return [link for link in self.links if link.standard == standard and link.clause == clause]

    def no_successor(self) -> dict[str, dict[str, str]]:
        """Older-edition clause or item id -> note, for what has no direct successor."""
        editions = self.data.get("editions") or {}
        return {entry["id"]: entry["note"] for entry in editions.get("no_successor", [])}

    def predecessors(self, standard: str, clause: str) -> list[Link]:
        """The older edition's clauses that a newer-edition clause succeeds: its links to
        the older edition, less those from an indicator listed without a successor."""
        editions = self.data.get("editions") or {}
        if standard != editions.get("to"):
            return []
        gone = self.no_successor()
        return [l for l in self.of(standard, clause) if l.other_standard == editions["from"] and l.other_clause not in gone]


def _split(ref: str) -> tuple[str, str]:
    standard, _, clause = ref.partition("/")
    return standard, clause


def check_crosswalk(rubrics: dict[str, LoadedRubric], path: Path = CROSSWALK) -> Crosswalk:
    """Load the crosswalk, check its shape and that every clause it names exists."""
    name = _display(path)
    data = read_checked(path, CROSSWALK_SCHEMA)
    clauses = {sid: {ref.clause["id"] for ref in leaf_clauses(r.data)} for sid, r in rubrics.items()}
    seen: set[tuple[str, str]] = set()
    links: list[Link] = []
    for index, raw in enumerate(data["links"]):
        where = f"links[{index}]"
        for end in ("from", "to"):
            standard, clause = _split(raw[end])
            if standard not in clauses:
                raise RubricCheckError(name, f"{where}.{end}", f"unknown standard {standard!r}")
            if clause not in clauses[standard]:
                raise RubricCheckError(name, f"{where}.{end}", f"{standard} has no clause {clause!r} holding items")
        pair = (raw["from"], raw["to"])
        if pair in seen or pair[::-1] in seen:
            raise RubricCheckError(name, where, f"duplicate link {raw['from']} - {raw['to']}")
        if _split(raw["from"])[0] == _split(raw["to"])[0]:
            raise RubricCheckError(name, where, "a link must join two different standards")
        seen.add(pair)
        (fs, fc), (ts, tc) = _split(raw["from"]), _split(raw["to"])
        note = raw.get("note")
        links.append(Link(fs, fc, raw["type"], ts, tc, note))
        links.append(Link(ts, tc, INVERSE[raw["type"]], fs, fc, note))
    _check_no_successor(data, rubrics, links, name)
    return Crosswalk(data, tuple(links))


def _check_no_successor(data: dict[str, Any], rubrics: dict[str, LoadedRubric], links: list[Link], name: str) -> None:
    """``editions.no_successor`` names clauses or items of the older edition, and an
    indicator listed there is linked to the newer edition only as ``related`` (otherwise
    the edition-changes page would call it a predecessor and "no successor" at once)."""
    editions = data.get("editions")
    if not editions:
        return
    old, new = editions["from"], editions["to"]
    known = {ref.clause["id"] for ref in leaf_clauses(rubrics[old].data)}
    items = set(rubrics[old].model.items)
    for index, entry in enumerate(editions.get("no_successor", [])):
        where = f"editions.no_successor[{index}]"
        if entry["id"] not in known | items:
            raise RubricCheckError(name, f"{where}.id", f"{old} has no clause or item {entry['id']!r}")
        closer = [l for l in links if l.standard == old and l.clause == entry["id"] and l.other_standard == new
                  and l.type != "related"]
        if closer:
            raise RubricCheckError(name, f"{where}.id", f"{entry['id']} is listed without a successor but is "
                                   f"linked to {new}/{closer[0].other_clause} as {closer[0].type}")


@cache
def crosswalk_for_build() -> Crosswalk:
    """:func:`check_crosswalk` for MkDocs: a failed check stops the build with one line."""
    from mkdocs.exceptions import PluginError

    from .rubrics import rubrics_for_build

    try:
        return check_crosswalk(rubrics_for_build())
    except RubricCheckError as exc:
        raise PluginError(f"crosswalk check failed: {exc}") from None
