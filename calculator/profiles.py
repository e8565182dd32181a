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

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping

from .errors import ProfileError, quote
from .numbers import ZERO, to_decimal

PROVENANCES = ("official", "reported", "provisional")
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
    title: Mapping[str, str]
    items: Mapping[str, Weight]
    sections: Mapping[str, Weight]
    data: Mapping[str, Any] = field(repr=False)

    @property
    def provisional(self) -> bool:
        """Whether any number of the profile is provisional."""
        return any(w.provenance == "provisional" for w in (*self.items.values(), *self.sections.values()))


def _weight(raw: Any, where: str) -> Weight:
    if not isinstance(raw, Mapping):
        raise ProfileError(f"{where}: expected {{points, provenance}}, got {quote(raw)}")
    unknown = [k for k in raw if k not in ("points", "provenance", "source")]
    if unknown:
        raise ProfileError(f"{where}: unknown key {quote(unknown[0])}")
    try:
        points = to_decimal(raw.get("points"), f"{where}.points")
    except ValueError as exc:
        raise ProfileError(str(exc)) from None
    if points <= 0:
        raise ProfileError(f"{where}.points: must be positive, got {quote(raw.get('points'))}")
    provenance = raw.get("provenance")
    if provenance not in PROVENANCES:
        raise ProfileError(f"{where}.provenance: expected one of {', '.join(PROVENANCES)}, got {quote(provenance)}")
    source = raw.get("source")
    if provenance == "reported" and not (isinstance(source, str) and source.strip()):
        raise ProfileError(f"{where}: a reported number must name its source")
    return Weight(points, provenance, source)


def _units(raw: Any, where: str, known: Mapping[str, Any], kind: str, standard: str) -> dict[str, Weight]:
    if not isinstance(raw, Mapping):
        raise ProfileError(f"{where}: expected a mapping of {kind} ids to points, got {quote(raw)}")
    out: dict[str, Weight] = {}
    for key, value in raw.items():
        if not isinstance(key, str):
            raise ProfileError(f"{where}: id {quote(key)} must be quoted text (write \"{key}\")")
        if key not in known:
            raise ProfileError(f"{where}: unknown {kind} {key!r} for {standard}", "profile-unknown-unit",
                               unit=key, standard=standard)
        out[key] = _weight(value, f"{where}[{key}]")
    return out


def load_profile(data: Any, rubric: Any, origin: str = "profile") -> Profile:
    """Check a profile against its rubric (a :class:`calculator.model.Rubric`)."""
    if not isinstance(data, Mapping):
        raise ProfileError(f"{origin}: expected a mapping, got {quote(data)}")
    unknown = [k for k in data if k not in PROFILE_KEYS]
    if unknown:
        raise ProfileError(f"{origin}: unknown key {quote(unknown[0])}; allowed: {', '.join(PROFILE_KEYS)}")
    if data.get("standard") != rubric.id:
        raise ProfileError(f"{origin}: profile is for {quote(data.get('standard'))}, not {rubric.id!r}",
                           "profile-standard", given=quote(data.get("standard")), expected=rubric.id)
    profile_id = data.get("id")
    if not isinstance(profile_id, str) or not profile_id.strip():
        raise ProfileError(f"{origin}: 'id' must name the profile, got {quote(profile_id)}")
    where = f"{origin} {profile_id!r}"
    title = data.get("title")
    if not (isinstance(title, Mapping) and all(isinstance(title.get(k), str) for k in ("zh", "en"))):
        raise ProfileError(f"{where}: 'title' must be {{zh, en}} text")
    sections_by_id = {s.id: s for s in rubric.sections}
    items = _units(data.get("items"), f"{where}.items", rubric.items, "item", rubric.id)
    if not items:
        raise ProfileError(f"{where}.items: no scored items")
    sections = _units(data.get("sections", {}) or {}, f"{where}.sections", sections_by_id, "section", rubric.id)
    scored = set(sections) | {rubric.items[i].section_id for i in items}
    for section_id in [s.id for s in rubric.sections if s.id in scored]:
        section = sections_by_id[section_id]
        ids = [item.id for clause in section.clauses for item in clause.items]
        missing = [i for i in ids if i not in items]
        if missing:
            raise ProfileError(f"{where}.items: no points for {missing[0]!r}, although section "
                               f"{section_id!r} is scored (every unit of a scored section needs points)",
                               "profile-missing-unit", unit=missing[0], section=section_id)
        if section_id in sections:
            summed = sum((items[i].points for i in ids), ZERO)
            if summed != sections[section_id].points:
                raise ProfileError(f"{where}: items of section {section_id!r} add up to {summed}, "
                                   f"not its {sections[section_id].points} points", "profile-section-sum",
                                   section=section_id, summed=str(summed), points=str(sections[section_id].points))
    try:
        total = to_decimal(data.get("total"), f"{where}.total")
    except ValueError as exc:
        raise ProfileError(str(exc)) from None
    summed = sum((w.points for w in items.values()), ZERO)
    if total != rubric.total_points:
        raise ProfileError(f"{where}.total: {total} is not the standard's total of {rubric.total_points} points",
                           "profile-total", total=str(total), expected=str(rubric.total_points))
    if summed != total:
        raise ProfileError(f"{where}: points add up to {summed}, not the standard's total of {total}",
                           "profile-sum", summed=str(summed), total=str(total))
    return Profile(rubric.id, profile_id, title, items, sections, data)


def standard_profile(rubric: Any) -> Profile:
    """The points a standard fixes itself on each item (CTS Q/ZG025: 1 per item)."""
    provenance = rubric.points_provenance or "official"
    items = {item.id: Weight(item.points, provenance) for item in rubric.items.values()}
    title = {"zh": "标准规定的分值", "en": "Points fixed by the standard"}
    return Profile(rubric.id, "standard", title, items, {}, {})
