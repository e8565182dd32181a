"""The rubric as the calculator sees it: sections, clauses, scored items, levels.

A rubric arrives as parsed data (a dict from the rubric YAML, or the JSON built from it
for the browser). :func:`load_rubric` turns it into frozen objects and checks what
scoring depends on; a rubric that would give wrong numbers raises :class:`RubricError`
naming the path inside the rubric and the bad value. (The full shape check against
``rubrics/schema.json`` runs at build and test time; this module re-checks only what it
needs, so it stays standard-library only and runs unchanged in Pyodide.)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .errors import ProfileError, RubricError, quote
from .numbers import ZERO, NotANumber, to_decimal
from .profiles import PROVENANCES, Profile, load_profile

SUPPORTED_MODELS = ("completeness", "gbt-27922", "sbt-10401")


@dataclass(frozen=True)
class Item:
    """One scored unit: a lettered item (CTS), an indicator (GB/T) or a condition (SB/T)."""

    id: str
    clause_id: str
    section_id: str
    points: Decimal | None  # None where a weight profile gives the points
    text: Mapping[str, Any]


@dataclass(frozen=True)
class Clause:
    """A clause that holds scored items; each one has its own page on the site."""

    id: str
    section_id: str
    title: Mapping[str, str]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Section:
    """A first-level grouping of clauses (CTS 5.1 服务文化 ...)."""

    id: str
    title: Mapping[str, str]
    clauses: tuple[Clause, ...]
    annex: str | None = None


@dataclass(frozen=True)
class Level:
    """A result level; ``min`` is inclusive and compared with the rounded score."""

    id: str
    min: Decimal
    stars: int | None
    passed: bool
    label: Mapping[str, str]


@dataclass(frozen=True)
class Band:
    """A rating band of a scoring table (CTS Q/ZG025-2022 Table 1 评分方法): the share of an
    item's points, from ``min_percent`` to ``max_percent`` inclusive; ``value`` is what the
    calculator scores a band at (its upper bound, our convention)."""

    id: str
    min_percent: int
    max_percent: int
    value: Decimal


@dataclass(frozen=True)
class OfficialPoints:
    """Points a standard fixes itself for its sections, as one of its tables gives them
    (GB/T 27922-2011 6.2.1: 5.1 40, 5.2 35, 5.3 25; SB/T 10401-2006 Table A.1 or A.2)."""

    id: str
    name: Mapping[str, str]
    sections: Mapping[str, Decimal]


@dataclass(frozen=True)
class Rubric:
    """A standard's scoring data, in the standard's own order."""

    id: str
    code: str
    title: Mapping[str, str]
    model: str
    total_points: Decimal
    points_provenance: str | None
    default_profile: str | None
    sections: tuple[Section, ...]
    levels: tuple[Level, ...]
    items: Mapping[str, Item] = field(repr=False)
    clauses: Mapping[str, Clause] = field(repr=False)
    profiles: Mapping[str, Profile] = field(default_factory=dict, repr=False)
    bands: tuple[Band, ...] = ()
    official: tuple[OfficialPoints, ...] = ()

    def band_for(self, share: Decimal) -> Band | None:
        """The band a rating (a share 0..1) falls in: the first whose upper bound it does not
        exceed (Table 1's ranges are whole percents, so 20.5% lies in 21%-40%); None
        without bands."""
        for band in self.bands:
            if share * 100 <= band.max_percent:
                return band
        return None

    def level_for(self, score: Decimal) -> Level:
        """The highest level whose ``min`` the (rounded) score reaches."""
        chosen = self.levels[0]
        for level in self.levels:
            if score >= level.min:
                chosen = level
        return chosen


def _require(data: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise RubricError("rubric-not-mapping", where=where, value=quote(data))
    if key not in data:
        raise RubricError("rubric-missing-key", where=where, key=key)
    return data[key]


def _text(value: Any, where: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(value.get(lang), str) and str(value[lang]).strip() for lang in ("zh", "en")
    ):
        raise RubricError("rubric-not-text", where=where, value=quote(value))
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise RubricError("rubric-not-string", where=where, value=quote(value))
    return value


def _points(value: Any, where: str) -> Decimal:
    try:
        points = to_decimal(value)
    except NotANumber:
        raise RubricError("rubric-not-number", where=where, value=quote(value)) from None
    if points <= 0:
        raise RubricError("rubric-points-positive", where=where, value=quote(value))
    return points


def _walk_clauses(raw: Any, where: str, section_id: str, parent_id: str,
                  out: list[Clause], items: dict[str, Item], clauses: dict[str, Clause],
                  fixed: bool) -> None:
    if not isinstance(raw, list) or not raw:
        raise RubricError("rubric-no-clauses", where=where, value=quote(raw))
    for index, node in enumerate(raw):
        here = f"{where}[{index}]"
        clause_id = _str(_require(node, "id", here), f"{here}.id")
        here = f"{where}[{clause_id}]"
        if not clause_id.startswith(parent_id + "."):
            raise RubricError("rubric-clause-parent", where=here, clause=clause_id, parent=parent_id)
        if clause_id in clauses:
            raise RubricError("rubric-duplicate-clause", where=here, clause=clause_id)
        title = _text(_require(node, "title", here), f"{here}.title")
        has_items, has_clauses = "items" in node, "clauses" in node
        if has_items == has_clauses:
            raise RubricError("rubric-items-or-clauses", where=here)
        if has_clauses:
            clauses[clause_id] = Clause(clause_id, section_id, title, ())
            _walk_clauses(node["clauses"], f"{here}.clauses", section_id, clause_id, out, items, clauses, fixed)
            continue
        raw_items = node["items"]
        if not isinstance(raw_items, list) or not raw_items:
            raise RubricError("rubric-no-items", where=f"{here}.items", value=quote(raw_items))
        built = []
        for position, raw_item in enumerate(raw_items):
            item_where = f"{here}.items[{position}]"
            item_id = _str(_require(raw_item, "id", item_where), f"{item_where}.id")
            item_where = f"{here}.items[{item_id}]"
            if item_id != clause_id and not item_id.startswith(clause_id + "."):
                raise RubricError("rubric-item-parent", where=item_where, item=item_id, clause=clause_id)
            if item_id in items:
                raise RubricError("rubric-duplicate-item", where=item_where, item=item_id)
            if not isinstance(raw_item, Mapping):
                raise RubricError("rubric-not-mapping", where=item_where, value=quote(raw_item))
            points = raw_item.get("points")
            if fixed and points is None:
                raise RubricError("rubric-item-points", where=item_where)
            item = Item(
                id=item_id,
                clause_id=clause_id,
                section_id=section_id,
                points=None if points is None else _points(points, f"{item_where}.points"),
                text=_text(_require(raw_item, "text", item_where), f"{item_where}.text"),
            )
            items[item_id] = item
            built.append(item)
        clause = Clause(clause_id, section_id, title, tuple(built))
        clauses[clause_id] = clause
        out.append(clause)


def _any_points(node: Any) -> bool:
    """Whether any item of the tree carries its own points."""
    if isinstance(node, list):
        return any(_any_points(entry) for entry in node)
    if isinstance(node, Mapping):
        if "items" in node and isinstance(node["items"], list):
            return any(isinstance(i, Mapping) and i.get("points") is not None for i in node["items"])
        return _any_points(node.get("clauses"))
    return False


def _levels(raw: Any, where: str) -> tuple[Level, ...]:
    if not isinstance(raw, list) or not raw:
        raise RubricError("rubric-no-levels", where=where, value=quote(raw))
    levels: list[Level] = []
    for index, node in enumerate(raw):
        here = f"{where}[{index}]"
        level_id = _str(_require(node, "id", here), f"{here}.id")
        try:
            minimum = to_decimal(_require(node, "min", here))
        except NotANumber:
            raise RubricError("rubric-not-number", where=f"{here}.min", value=quote(node["min"])) from None
        stars = _require(node, "stars", here)
        if stars is not None and (isinstance(stars, bool) or not isinstance(stars, int) or stars < 0):
            raise RubricError("rubric-level-stars", where=f"{here}.stars", value=quote(stars))
        passed = _require(node, "passed", here)
        if not isinstance(passed, bool):
            raise RubricError("rubric-level-passed", where=f"{here}.passed", value=quote(passed))
        if levels and minimum <= levels[-1].min:
            raise RubricError("rubric-levels-rise", where=f"{here}.min", min=str(minimum), previous=str(levels[-1].min))
        if any(level.id == level_id for level in levels):
            raise RubricError("rubric-duplicate-level", where=f"{here}.id", level=level_id)
        levels.append(Level(level_id, minimum, stars, passed, _text(_require(node, "label", here), f"{here}.label")))
    if levels[0].min != ZERO:
        raise RubricError("rubric-lowest-level", where=f"{where}[0].min", min=str(levels[0].min))
    return tuple(levels)


def _bands(raw: Any, where: str) -> tuple[Band, ...]:
    """The optional rating bands (``scoring.bands``): rising, whole percents 0..100."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RubricError("rubric-not-mapping", where=where, value=quote(raw))
    bands: list[Band] = []
    for index, node in enumerate(raw):
        here = f"{where}[{index}]"
        band_id = _str(_require(node, "id", here), f"{here}.id")
        low, high = _require(node, "min_percent", here), _require(node, "max_percent", here)
        if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100 for v in (low, high)) \
                or low > high or (bands and low <= bands[-1].max_percent):
            raise RubricError("rubric-band-range", where=here, min=quote(low), max=quote(high))
        try:
            value = to_decimal(_require(node, "value", here))
        except NotANumber:
            raise RubricError("rubric-not-number", where=f"{here}.value", value=quote(node["value"])) from None
        bands.append(Band(band_id, low, high, value))
    return tuple(bands)


def _official(raw: Any, where: str, section_ids: list[str], total: Decimal) -> tuple[OfficialPoints, ...]:
    """The optional points the standard fixes for its sections (``scoring.official_points``):
    known sections, positive points adding up to the total."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RubricError("rubric-not-mapping", where=where, value=quote(raw))
    tables: list[OfficialPoints] = []
    for index, node in enumerate(raw):
        here = f"{where}[{index}]"
        table_id = _str(_require(node, "id", here), f"{here}.id")
        here = f"{where}[{table_id}]"
        sections = _require(node, "sections", here)
        if not isinstance(sections, Mapping) or not sections:
            raise RubricError("rubric-not-mapping", where=f"{here}.sections", value=quote(sections))
        points: dict[str, Decimal] = {}
        for section_id, value in sections.items():
            if section_id not in section_ids:
                raise RubricError("rubric-official-section", where=f"{here}.sections", section=str(section_id))
            points[section_id] = _points(value, f"{here}.sections[{section_id}]")
        summed = sum(points.values(), ZERO)
        if summed != total:
            raise RubricError("rubric-official-total", where=f"{here}.sections", summed=str(summed), total=str(total))
        tables.append(OfficialPoints(table_id, _text(_require(node, "name", here), f"{here}.name"), points))
    return tuple(tables)


def load_rubric(data: Mapping[str, Any]) -> Rubric:
    """Build a :class:`Rubric` from parsed rubric data, raising :class:`RubricError`.

    Checks: every clause holds items or sub-clauses; item ids extend their clause id and
    are unique; where items carry points they are positive and add up to
    ``scoring.total_points``, otherwise a default weight profile is named and shipped
    (``profiles``, attached by the loader or the site build); the scoring model is one
    this package implements; levels rise strictly from 0.
    """
    if not isinstance(data, Mapping):
        raise RubricError("rubric-not-mapping", where="rubric", value=quote(data))
    rubric_id = _str(_require(data, "id", "rubric"), "rubric.id")
    where = rubric_id
    scoring = _require(data, "scoring", where)
    model = _require(scoring, "model", f"{where}.scoring")
    if model not in SUPPORTED_MODELS:
        raise RubricError("rubric-model", where=f"{where}.scoring.model", value=quote(model),
                          known=list(SUPPORTED_MODELS))
    items: dict[str, Item] = {}
    clauses: dict[str, Clause] = {}
    sections: list[Section] = []
    raw_sections = _require(data, "sections", where)
    if not isinstance(raw_sections, list) or not raw_sections:
        raise RubricError("rubric-no-sections", where=f"{where}.sections", value=quote(raw_sections))
    seen_sections: set[str] = set()
    fixed = _any_points(raw_sections)
    for index, raw in enumerate(raw_sections):
        here = f"{where}.sections[{index}]"
        section_id = _str(_require(raw, "id", here), f"{here}.id")
        if section_id in seen_sections:
            raise RubricError("rubric-duplicate-section", where=f"{here}.id", section=section_id)
        seen_sections.add(section_id)
        here = f"{where}.sections[{section_id}]"
        leaf: list[Clause] = []
        _walk_clauses(_require(raw, "clauses", here), f"{here}.clauses", section_id, section_id,
                      leaf, items, clauses, fixed)
        annex = raw.get("annex")
        sections.append(Section(section_id, _text(_require(raw, "title", here), f"{here}.title"), tuple(leaf), annex))
    total = _points(_require(scoring, "total_points", f"{where}.scoring"), f"{where}.scoring.total_points")
    with_points = [item for item in items.values() if item.points is not None] if fixed else []
    provenance = scoring.get("points_provenance")
    default_profile = scoring.get("default_profile")
    if with_points:
        if provenance not in PROVENANCES:
            raise RubricError("rubric-points-provenance", where=f"{where}.scoring.points_provenance",
                              value=quote(provenance), known=list(PROVENANCES))
        summed = sum((item.points or ZERO for item in with_points), ZERO)
        if summed != total:
            raise RubricError("rubric-total", where=f"{where}.scoring.total_points", summed=str(summed), total=str(total))
    elif not isinstance(default_profile, str):
        raise RubricError("rubric-default-profile", where=f"{where}.scoring.default_profile")
    rubric = Rubric(
        id=rubric_id,
        code=_str(_require(data, "code", where), f"{where}.code"),
        title=_text(_require(data, "title", where), f"{where}.title"),
        model=model,
        total_points=total,
        points_provenance=provenance if with_points else None,
        default_profile=default_profile if not with_points else None,
        sections=tuple(sections),
        levels=_levels(_require(scoring, "levels", f"{where}.scoring"), f"{where}.scoring.levels"),
        items=items,
        clauses=clauses,
        bands=_bands(scoring.get("bands"), f"{where}.scoring.bands"),
        official=_official(scoring.get("official_points"), f"{where}.scoring.official_points",
                           [section.id for section in sections], total),
    )
    raw_profiles = data.get("profiles") or {}
    if not isinstance(raw_profiles, Mapping):
        raise RubricError("rubric-profiles-not-mapping", where=f"{where}.profiles", value=quote(raw_profiles))
    profiles = {}
    for key, raw in raw_profiles.items():
        try:
            profile = load_profile(raw, rubric)
        except ProfileError as exc:
            raise RubricError("rubric-profile", where=f"{where}.profiles[{key}]", problem=exc.as_message()) from None
        if profile.id != key:
            raise RubricError("rubric-profile-id", where=f"{where}.profiles[{key}]", id=profile.id)
        profiles[key] = profile
    if rubric.default_profile and rubric.default_profile not in profiles:
        raise RubricError("rubric-no-default-profile", where=f"{where}.scoring.default_profile",
                          profile=rubric.default_profile, shipped=sorted(profiles))
    return replace(rubric, profiles=profiles)
