"""Weight profiles: the points of every scored unit of one standard, with provenance.

GB/T 27922-2011 fixes only the three first-level totals (40 / 35 / 25); SB/T 10401-2006
fixes item (单项) totals in Tables A.1 and A.2. Everything below that is set by a
certification body's scheme, so points come from a profile, and every number in a
profile says where it comes from:

* ``official``    -- the standard's own figure;
* ``reported``    -- from a secondary source, which the entry names (``source``);
* ``provisional`` -- ours; the profile's ``method`` says how it was set.

Profile format (YAML or JSON; ids are quoted text)::

    standard: gb-t-27922-2011
    id: default
    title: {zh: ..., en: ...}
    method: {zh: ..., en: ...}
    total: 100
    sections:                      # optional: totals of first-level units
      "5.1": {points: 40, provenance: official}
    items:                         # every scored unit of every scored section
      "5.1.2.2": {points: 5, provenance: reported, source: tenglian-gbt-27922-explainer}

A section that a profile does not list is not scored (SB/T Table A.2 scores five of
eight items). A profile is refused, naming the problem, when it names a unit the
standard does not have, leaves out a unit of a scored section, or when its points do
not add up (items to their section, everything to the standard's total).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .errors import ProfileError, quote
from .numbers import ZERO, NotANumber, to_decimal

PROVENANCES = ("official", "reported", "provisional")
PROFILE_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""A profile's id, as rubrics/profile.schema.json says: ``body-x``, never ``__proto__`` or ``../x``."""
PROFILE_KEYS = ("schema_version", "standard", "id", "title", "description", "method", "total",
                "sections", "items")


@dataclass(frozen=True)
class Weight:
    """Points of one unit and where the number comes from."""

    points: Decimal
    provenance: str
    source: str | None = None


@dataclass(frozen=True)
class Profile:
    """Checked points for one standard; ``sections`` lists the scored sections."""

    standard: str
    id: str
    title: Mapping[str, Any]  # {zh, en} text, or a message for the standard's own points
    items: Mapping[str, Weight]
    sections: Mapping[str, Weight]
    data: Mapping[str, Any] = field(repr=False)

    @property
    def provisional(self) -> bool:
        """Whether any number of the profile is provisional."""
        return any(w.provenance == "provisional" for w in (*self.items.values(), *self.sections.values()))


def _weight(raw: Any, where: str) -> Weight:
    if not isinstance(raw, Mapping):
        raise ProfileError("profile-weight-not-mapping", where=where, value=quote(raw))
    unknown = [k for k in raw if k not in ("points", "provenance", "source")]
    if unknown:
        raise ProfileError("profile-weight-unknown-key", where=where, key=str(unknown[0]),
                           allowed=["points", "provenance", "source"])
    try:
        points = to_decimal(raw.get("points"))
    except NotANumber:
        raise ProfileError("profile-not-number", where=f"{where}.points", value=quote(raw.get("points"))) from None
    if points <= 0:
        raise ProfileError("profile-points-positive", where=f"{where}.points", value=quote(raw.get("points")))
    provenance = raw.get("provenance")
    if provenance not in PROVENANCES:
        raise ProfileError("profile-provenance", where=f"{where}.provenance", value=quote(provenance),
                           known=list(PROVENANCES))
    source = raw.get("source")
    if provenance == "reported" and not (isinstance(source, str) and source.strip()):
        raise ProfileError("profile-no-source", where=where)
    return Weight(points, provenance, source)


def _units(raw: Any, where: str, known: Mapping[str, Any], kind: str, standard: str) -> dict[str, Weight]:
    if not isinstance(raw, Mapping):
        raise ProfileError("profile-units-not-mapping", where=where, value=quote(raw))
    out: dict[str, Weight] = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            raise ProfileError("profile-id-not-text", where=where, id=quote(key))
        if key not in known:
            if kind == "item":
                raise ProfileError("profile-unknown-item", where=where, unit=key, standard=standard)
            raise ProfileError("profile-unknown-section", where=where, unit=key, standard=standard)
        out[key] = _weight(value, f"{where}[{key}]")
    return out


def _official_figures(rubric: Any) -> list[tuple[Any, Mapping[str, Decimal]]]:
    """The standard's own section totals, as (name, {section: points}) per table: the
    rubric's ``official_points``, else, where its items carry official points (CTS Q/ZG025:
    1 each), the sums of those."""
    tables = [(table.name, table.sections) for table in rubric.official]
    if not tables and rubric.points_provenance == "official":
        tables = [(rubric.code, {section.id: sum((item.points for clause in section.clauses for item in clause.items),
                                                 ZERO) for section in rubric.sections})]
    return tables


def _check_official(items: Mapping[str, Weight], sections: Mapping[str, Weight], rubric: Any) -> None:
    """Refuse a number marked ``official`` that is not the standard's own figure: an item's
    points where the standard fixes them (else there is no official figure for an item), and
    section totals all from one table of the standard (SB/T: Table A.1 or Table A.2)."""
    for item_id, weight in items.items():
        if weight.provenance != "official":
            continue
        official = rubric.items[item_id].points if rubric.points_provenance == "official" else None
        if official is None:
            raise ProfileError("profile-official-none", where=f"items[{item_id}]", standard=rubric.code)
        if weight.points != official:
            raise ProfileError("profile-not-official", where=f"items[{item_id}]", points=str(weight.points),
                               official=str(official), source=rubric.code)
    marked = {section_id: w.points for section_id, w in sections.items() if w.provenance == "official"}
    tables = _official_figures(rubric)
    if not marked or any(all(figures.get(i) == p for i, p in marked.items()) for _, figures in tables):
        return
    # the table the profile follows: the one that scores the same sections, else the closest
    name, figures = next(((n, f) for n, f in tables if set(f) == set(sections)), None) or max(
        tables, key=lambda table: sum(table[1].get(i) == p for i, p in marked.items()), default=(None, {}))
    for section_id, points in marked.items():
        if section_id not in figures:
            raise ProfileError("profile-official-none", where=f"sections[{section_id}]", standard=rubric.code)
        if figures[section_id] != points:
            raise ProfileError("profile-not-official", where=f"sections[{section_id}]", points=str(points),
                               official=str(figures[section_id]), source=name)


def load_profile(data: Any, rubric: Any) -> Profile:
    """Check a profile against its rubric (a :class:`calculator.model.Rubric`).

    Errors name the place inside the profile (``items[5.1.1.1].points``); whoever read the
    profile from a file adds the file's name (:func:`calculator.loaders.read_profile`)."""
    if not isinstance(data, Mapping):
        raise ProfileError("profile-not-mapping", value=quote(data))
    unknown = [k for k in data if k not in PROFILE_KEYS]
    if unknown:
        raise ProfileError("profile-unknown-key", key=str(unknown[0]), allowed=list(PROFILE_KEYS))
    if data.get("standard") != rubric.id:
        given = data.get("standard")
        raise ProfileError("profile-standard", given=given if isinstance(given, str) else quote(given),
                           expected=rubric.id)
    profile_id = data.get("id")
    if not isinstance(profile_id, str) or not profile_id.strip():
        raise ProfileError("profile-no-id", value=quote(profile_id))
    if not PROFILE_ID.fullmatch(profile_id):
        raise ProfileError("profile-bad-id", value=quote(profile_id))
    title = data.get("title")
    if not (isinstance(title, Mapping) and all(isinstance(title.get(k), str) for k in ("zh", "en"))):
        raise ProfileError("profile-no-title", profile=profile_id)
    sections_by_id = {s.id: s for s in rubric.sections}
    items = _units(data.get("items"), "items", rubric.items, "item", rubric.id)
    if not items:
        raise ProfileError("profile-no-items", profile=profile_id)
    sections = _units(data.get("sections", {}) or {}, "sections", sections_by_id, "section", rubric.id)
    _check_official(items, sections, rubric)
    scored = set(sections) | {rubric.items[i].section_id for i in items}
    for section_id in [s.id for s in rubric.sections if s.id in scored]:
        section = sections_by_id[section_id]
        ids = [item.id for clause in section.clauses for item in clause.items]
        missing = [i for i in ids if i not in items]
        if missing:
            raise ProfileError("profile-missing-unit", unit=missing[0], section=section_id)
        if section_id in sections:
            summed = sum((items[i].points for i in ids), ZERO)
            if summed != sections[section_id].points:
                raise ProfileError("profile-section-sum", section=section_id, summed=str(summed),
                                   points=str(sections[section_id].points))
    try:
        total = to_decimal(data.get("total"))
    except NotANumber:
        raise ProfileError("profile-not-number", where="total", value=quote(data.get("total"))) from None
    summed = sum((w.points for w in items.values()), ZERO)
    if total != rubric.total_points:
        raise ProfileError("profile-total", total=str(total), expected=str(rubric.total_points))
    if summed != total:
        raise ProfileError("profile-sum", summed=str(summed), total=str(total))
    return Profile(rubric.id, profile_id, title, items, sections, data)


def standard_profile(rubric: Any) -> Profile:
    """The points a standard fixes itself on each item (CTS Q/ZG025: 1 per item)."""
    provenance = rubric.points_provenance or "official"
    items = {item.id: Weight(item.points, provenance) for item in rubric.items.values()}
    title = {"code": "standard-points", "params": {}}  # worded by the catalogue (result.standard-points)
    return Profile(rubric.id, "standard", title, items, {}, {})


def profile_for(data: Any, rubrics: Mapping[str, Any]) -> Profile:
    """A user's profile (parsed data) checked against the rubric of the standard it names."""
    standard = data.get("standard") if isinstance(data, Mapping) else None
    if not isinstance(standard, str):
        raise ProfileError("profile-no-standard", value=quote(standard))
    if standard not in rubrics:
        raise ProfileError("profile-unknown-standard", standard=standard, known=sorted(rubrics))
    return load_profile(data, rubrics[standard])
