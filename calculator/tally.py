"""Adding up an assessment under a weight profile: the arithmetic all three standards share.

For every scored item: its points come from the profile; a rating of ``na`` takes its
points out of the denominator (exclusion: CTS 6.2 b, GB/T 27922 6.2.2); an item that is
not rated earns 0 and stays applicable, and is listed under ``unrated``; earned points are
points x rating. Items of a section the profile does not score are listed under
``not_scored`` (SB/T 10401 Table A.2 leaves three items out); their ratings count nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .assessment import Assessment
from .errors import AssessmentError
from .model import Rubric
from .numbers import ZERO, cents, plain
from .profiles import Profile


@dataclass
class Sum:
    """Points of a clause or section: all, excluded (na) and earned."""

    id: str
    section: str | None = None
    points: Decimal = ZERO
    excluded: Decimal = ZERO
    earned: Decimal = ZERO
    provisional: bool = False
    values: set[Decimal] = field(default_factory=set)

    @property
    def available(self) -> Decimal:
        return self.points - self.excluded

    @property
    def lost(self) -> Decimal:
        return self.available - self.earned

    def row(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id}
        if self.section is not None:
            out["section"] = self.section
        out.update(points=plain(self.points), excluded=plain(self.excluded), available=plain(self.available),
                   earned=plain(self.earned), lost=plain(self.lost))
        # the amounts as people read them (page, printed report): two decimals, rounded half up
        out.update({f"{key}_text": cents(getattr(self, key)) for key in ("available", "excluded", "earned", "lost")})
        return out


@dataclass
class Tally:
    """The per-item, per-clause and per-section sums of one assessment."""

    items: list[dict[str, Any]] = field(default_factory=list)
    clauses: list[Sum] = field(default_factory=list)
    sections: list[Sum] = field(default_factory=list)
    ratings: dict[str, Decimal | None] = field(default_factory=dict)
    unrated: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    not_scored: list[str] = field(default_factory=list)

    @property
    def earned(self) -> Decimal:
        return sum((s.earned for s in self.sections), ZERO)

    @property
    def applicable(self) -> Decimal:
        return sum((s.available for s in self.sections), ZERO)

    def require_applicable(self, standard: str) -> None:
        """Refuse an assessment where every scored item is rated 'na' (no denominator)."""
        if self.applicable <= 0:
            raise AssessmentError("nothing-applies", count=len(self.items), standard=standard)

    def provisional_affects(self) -> bool:
        """Whether a provisional split inside a section can change the result.

        Points earned / points applicable does not depend on how a section's points are
        split when every applicable unit of the section has the same rating and none of
        its units is excluded; nor at all when every applicable unit of the whole
        assessment has the same rating (the score is that rating). Otherwise it may.
        """
        if len({v for s in self.sections for v in s.values}) <= 1:
            return False
        return any(s.provisional and (len(s.values) > 1 or s.excluded > 0) for s in self.sections)


def tally(rubric: Rubric, profile: Profile, assessment: Assessment) -> Tally:
    """Add up ``assessment`` with the points of ``profile``, in the standard's order."""
    out = Tally()
    for section in rubric.sections:
        s_sum = Sum(section.id)
        scored = any(item.id in profile.items for clause in section.clauses for item in clause.items)
        for clause in section.clauses:
            c_sum = Sum(clause.id, section.id)
            for item in clause.items:
                if not scored:
                    out.not_scored.append(item.id)
                    continue
                weight = profile.items[item.id]
                if item.id in assessment.ratings:
                    rating = assessment.ratings[item.id]
                    shown: Any = "na" if rating is None else plain(rating)
                else:
                    out.unrated.append(item.id)
                    rating, shown = ZERO, None
                out.ratings[item.id] = rating
                c_sum.points += weight.points
                if rating is None:
                    out.excluded.append(item.id)
                    c_sum.excluded += weight.points
                    earned = ZERO
                else:
                    earned = weight.points * rating
                    c_sum.earned += earned
                    c_sum.provisional |= weight.provenance == "provisional"
                    c_sum.values.add(rating)
                out.items.append({
                    "id": item.id, "clause": clause.id, "rating": shown, "points": plain(weight.points),
                    "points_provenance": weight.provenance, "earned": plain(earned),
                    "applicable": rating is not None,
                    "points_text": cents(weight.points), "earned_text": cents(earned),
                })
            if scored:
                out.clauses.append(c_sum)
                s_sum.points += c_sum.points
                s_sum.excluded += c_sum.excluded
                s_sum.earned += c_sum.earned
                s_sum.provisional |= c_sum.provisional
                s_sum.values |= c_sum.values
        if scored:
            out.sections.append(s_sum)
    return out
