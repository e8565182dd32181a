"""The improvement plan: the fewest item improvements that lift an assessment to a target level.

No standard prescribes a plan; it is arithmetic on each standard's own scoring rules, and
every plan is checked by scoring the improved assessment with those rules
(:func:`calculator.scoring.score_one`) before it is returned.

What a plan is:

* a step raises one applicable item (one not rated ``na``; an unrated item counts as 0) to
  full marks. Excluded items stay excluded, and items a profile does not score are never
  steps;
* a plan reaches the target when the improved assessment's score, rounded half up to two
  decimals, reaches the target level's bound (and, for SB/T 10401-2006, every scored item
  (单项) reaches 50% of its points);
* **fewest steps first**: no plan with fewer steps reaches the target; **then fewest
  points**: among plans of that length, the one whose steps add the fewest points (in the
  standard's points: an item's points x the rating it gains; for SB/T 10401-2006 the
  condition's share of its item's points). Among plans equal in both, items earlier in the
  standard come first;
* SB/T 10401-2006: a step in an item (单项) below 50% of its points asks only the rating
  needed (rounded up to a whole percent) where less than full marks already keeps that item
  at 50% and the total at the target;
* GB/T 27922-2011: the special deductions and the special bonus stay as they are; with five
  or more special deductions no level above "fail" can be reached (6.3), and the plan says so;
* a combined GB/T 27922 + CTS Q/ZG025 file is planned for a number of stars, ``stars-<n>``:
  both parts are planned, for every pair of levels whose stars add up to at least n (CTS
  Q/ZG025-2022 6.3 a), and the pair needing the fewest steps (then points) is chosen.

How the fewest steps are found: every standard's score is linear in the items' ratings
(CTS 6.2 and GB/T 6.2: points earned / applicable points; SB/T 4: each item (单项) weighs
its conditions by item points / applicable condition points), so raising item i adds a
fixed gain g_i to the earned total, and the target is a threshold T on the sum of gains
(plus, for SB/T, a threshold per item below 50%). The fewest steps follow from the largest
gains of each item; the fewest points among plans of that length is an exact branch and
bound over groups of equal gains (equal gains are interchangeable, so the search looks at
how many of each group, not which), bounded above by the largest remaining gains and
below by the smallest. Tests compare it with a brute force over every subset.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .assessment import Assessment, StepFollowUp, parse_assessment, parse_plan, standard_of
from .constants import (
    CTS,
    FAILING_DEDUCTIONS,
    GBT,
    ITEM_MIN_PERCENT,
    MAX_STARS,
    SPECIAL_BONUS_POINTS,
    SPECIAL_DEDUCTION_POINTS,
)
from .errors import AssessmentError
from .explain import message
from .model import Level, Rubric
from .numbers import HALF_CENT, ONE, ZERO, cents, exact_or_cents, plain
from .profiles import Profile
from .scoring import choose_profile, combined_stars, combined_target, find_rubric, score, score_one
from .tally import Tally, tally

SEARCH_LIMIT = 20_000
"""Nodes the branch and bound may visit before it settles for the best plan found so far
(then marked ``"minimal": false``: the number of steps is still the fewest, the points may not
be). Assessments rated in bands and whole percentages take a few hundred, or use the exact
table; the limit bounds the time (under a second here) of one rated in many odd decimals."""


@dataclass(frozen=True)
class Candidate:
    """An item that can be raised: its gain to full marks in the score's points (``gain``)
    and in its SB/T item's condition points (``amount``)."""

    item: str
    clause: str
    section: str
    order: int
    rating: Decimal
    rated: bool
    points: Decimal
    gain: Fraction
    amount: Fraction


@dataclass
class Problem:
    """Reach ``need`` more gain in all, and ``section_need[s]`` more amount in section s."""

    candidates: list[Candidate]
    need: Fraction
    section_need: dict[str, Fraction]
    # per section: score points per condition point (SB/T item points / applicable points)
    scale: dict[str, Fraction]


def _candidates(rubric: Rubric, counted: Tally, profile: Profile, sbt: bool) -> tuple[list[Candidate], dict[str, Fraction]]:
    section_of = {c.id: c.section for c in counted.clauses}
    scale: dict[str, Fraction] = {}
    for total in counted.sections:
        if sbt:
            weight = profile.sections.get(total.id)
            item_points = Fraction(weight.points if weight else total.points)
            scale[total.id] = item_points / Fraction(total.available) if total.available > 0 else Fraction(0)
        else:
            scale[total.id] = Fraction(1)
    out = []
    for order, row in enumerate(counted.items):
        rating = counted.ratings[row["id"]]
        if rating is None or rating >= ONE:
            continue
        section = section_of[row["clause"]] or ""
        points = profile.items[row["id"]].points
        amount = Fraction(points) * (1 - Fraction(rating))
        if amount <= 0 or scale[section] <= 0:
            continue
        out.append(Candidate(row["id"], row["clause"], section, order, rating, row["rating"] is not None,
                             points, amount * scale[section], amount))
    return out, scale


def _problem(rubric: Rubric, profile: Profile, assessment: Assessment, level: Level) -> Problem | dict[str, Any]:
    """The thresholds ``level`` sets, or a message saying why no plan reaches it."""
    counted = tally(rubric, profile, assessment)
    counted.require_applicable(rubric.id)
    sbt = rubric.model == "sbt-10401"
    candidates, scale = _candidates(rubric, counted, profile, sbt)
    bound = Fraction(level.min) - HALF_CENT
    section_need: dict[str, Fraction] = {}
    if sbt:
        applicable = sum((Fraction(s.available) * scale[s.id] for s in counted.sections if s.available > 0), Fraction(0))
        earned = sum((Fraction(s.earned) * scale[s.id] for s in counted.sections if s.available > 0), Fraction(0))
        if level.passed:
            half = (Fraction(ITEM_MIN_PERCENT) - HALF_CENT) / 100
            for s in counted.sections:
                short = half * Fraction(s.available) - Fraction(s.earned)
                if s.available > 0 and short > 0:
                    section_need[s.id] = short
    else:
        applicable, earned = Fraction(counted.applicable), Fraction(counted.earned)
    if rubric.model == "gbt-27922":
        if assessment.special_deductions >= FAILING_DEDUCTIONS:
            return message("special-deductions-fail", count=assessment.special_deductions, limit=FAILING_DEDUCTIONS)
        bound -= assessment.special_bonus * SPECIAL_BONUS_POINTS - assessment.special_deductions * SPECIAL_DEDUCTION_POINTS
    if bound > 100:
        return message("unreachable-max")
    return Problem(candidates, bound * applicable / 100 - earned, section_need, scale)


@dataclass
class _Group:
    section: str
    gain: Fraction
    members: list[Candidate]


class _Search:
    """Exact branch and bound: the fewest points among plans of exactly ``k`` steps."""

    def __init__(self, problem: Problem, k: int) -> None:
        self.need, self.section_need, self.k = problem.need, problem.section_need, k
        by_key: dict[tuple[str, Fraction], list[Candidate]] = {}
        for c in problem.candidates:
            by_key.setdefault((c.section, c.gain), []).append(c)
        # sections in the standard's order, gains largest first inside each
        first = {c.section: c.order for c in reversed(problem.candidates)}
        self.groups = [_Group(s, g, sorted(m, key=lambda c: c.order))
                       for (s, g), m in sorted(by_key.items(), key=lambda kv: (first[kv[0][0]], -kv[0][1]))]
        self.scale = problem.scale
        n = len(self.groups)
        # the gains of the groups from index i on, largest first and smallest first, as prefix sums
        self.top: list[list[Fraction]] = []
        self.low: list[list[Fraction]] = []
        for i in range(n + 1):
            gains = sorted((g.gain for g in self.groups[i:] for _ in g.members), reverse=True)
            self.top.append(_prefix(gains))
            self.low.append(_prefix(gains[::-1]))
        # the fewest picks the sections starting at each group index or later need for 50%
        self.later_least = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            starts = i == 0 or self.groups[i - 1].section != self.groups[i].section
            least = (self._section_possible(i, self.groups[i].section, Fraction(0), len(problem.candidates)) or 0) \
                if starts else 0
            self.later_least[i] = self.later_least[i + 1] + least
        self.best: Fraction | None = None
        self.choice: list[int] = []
        self.visited = 0
        self.exhausted = False

    def _section_possible(self, index: int, section: str, amount: Fraction, left: int) -> int | None:
        """Fewest further picks section ``section`` needs from groups ``index``.. (None: impossible).
        A section's groups are contiguous and largest first, so the best picks are the next ones."""
        short = self.section_need.get(section, Fraction(0)) - amount
        if short <= 0:
            return 0
        count = 0
        for group in self.groups[index:]:
            if group.section != section:
                break
            value = group.gain / self.scale[section]
            for _ in group.members:
                if count >= left:
                    return None
                count += 1
                short -= value
                if short <= 0:
                    return count
        return None

    def start_from(self, takes: dict[str, int]) -> None:
        """Start with a plan known to reach the target: ``takes[s]`` largest gains of each section."""
        left = dict(takes)
        self.choice, self.best = [], Fraction(0)
        for group in self.groups:
            take = min(left.get(group.section, 0), len(group.members))
            left[group.section] = left.get(group.section, 0) - take
            self.choice.append(take)
            self.best += take * group.gain

    def run(self) -> None:
        self._visit(0, 0, Fraction(0), Fraction(0), [])

    def _visit(self, index: int, picked: int, gained: Fraction, amount: Fraction, counts: list[int]) -> None:
        self.visited += 1
        if self.visited > SEARCH_LIMIT and self.best is not None:
            self.exhausted = True
            return
        left = self.k - picked
        if index == len(self.groups):
            if left == 0 and gained >= self.need and (self.best is None or gained < self.best):
                self.best, self.choice = gained, list(counts)
            return
        group = self.groups[index]
        top, low = self.top[index], self.low[index]
        if left > len(top) - 1 or gained + top[left] < self.need:
            return
        lower = max(self.need, gained + low[left])
        if self.best is not None and lower >= self.best:
            return
        last_of_section = index + 1 == len(self.groups) or self.groups[index + 1].section != group.section
        for take in range(min(left, len(group.members)), -1, -1):
            got = amount + take * group.gain / self.scale[group.section]
            if last_of_section:
                if self.section_need.get(group.section, Fraction(0)) > got:
                    continue
                next_amount = Fraction(0)
            else:
                next_amount = got
                if self._section_possible(index + 1, group.section, got, left - take) is None:
                    continue
            if not self._later_sections_fit(index + 1, left - take):
                continue
            self._visit(index + 1, picked + take, gained + take * group.gain, next_amount, counts + [take])
            if self.exhausted:
                return

    def _later_sections_fit(self, index: int, left: int) -> bool:
        """Whether the sections that start at ``index`` or later can each still be lifted to 50%
        with ``left`` picks (the fewest each needs, worked out once)."""
        return self.later_least[index] <= left

    def chosen(self) -> list[Candidate]:
        out: list[Candidate] = []
        for group, take in zip(self.groups, self.choice, strict=False):
            out += group.members[:take]
        return sorted(out, key=lambda c: (-c.gain, c.order))


class _Table:
    """Exact dynamic programme for plans without SB/T's 50% thresholds: gains scaled to whole
    numbers (by their common denominator), the sums reachable with j steps kept as bit sets,
    one snapshot per group of equal gains so the counts taken of each group can be read back.
    Used when the table is small (ratings with a few decimals: bands, whole percentages)."""

    LIMIT_BITS = 400_000_000

    @staticmethod
    def _scale(problem: Problem) -> int:
        return math.lcm(*(c.gain.denominator for c in problem.candidates), problem.need.denominator)

    @classmethod
    def suits(cls, problem: Problem, k: int) -> bool:
        if problem.section_need or not problem.candidates:
            return False
        scale = cls._scale(problem)
        width = sum(int(c.gain * scale) for c in problem.candidates) + 1
        groups = len({c.gain for c in problem.candidates})
        return width * (k + 1) * (groups + 1) <= cls.LIMIT_BITS

    def __init__(self, problem: Problem, k: int) -> None:
        self.k = k
        self.scale = self._scale(problem)
        self.need = math.ceil(problem.need * self.scale)
        by_gain: dict[Fraction, list[Candidate]] = {}
        for c in sorted(problem.candidates, key=lambda c: (-c.gain, c.order)):
            by_gain.setdefault(c.gain, []).append(c)
        self.groups = list(by_gain.items())
        self.picked: list[Candidate] = []
        self.exhausted = False

    def run(self) -> None:
        k = self.k
        reach = [1] + [0] * k  # reach[j]: bit s set when j steps can add exactly s
        history = [reach]
        for gain, members in self.groups:
            value = int(gain * self.scale)
            reach = list(reach)
            for _ in members:
                for j in range(k - 1, -1, -1):
                    if reach[j]:
                        reach[j + 1] |= reach[j] << value
            history.append(reach)
        above = reach[k] >> self.need
        assert above, "the fewest steps reach the target"
        total = self.need + ((above & -above).bit_length() - 1)  # the smallest reachable sum >= need
        j = k
        for index in range(len(self.groups), 0, -1):
            gain, members = self.groups[index - 1]
            value = int(gain * self.scale)
            before = history[index - 1]
            for take in range(min(j, len(members)), -1, -1):
                rest = total - take * value
                if rest >= 0 and before[j - take] >> rest & 1:
                    self.picked += members[:take]
                    j, total = j - take, rest
                    break
        assert j == 0 and total == 0

    def chosen(self) -> list[Candidate]:
        return sorted(self.picked, key=lambda c: (-c.gain, c.order))


def _prefix(values: list[Fraction]) -> list[Fraction]:
    out = [Fraction(0)]
    for value in values:
        out.append(out[-1] + value)
    return out


def _fewest_steps(problem: Problem) -> tuple[int, dict[str, int]] | None:
    """The fewest steps that can meet every threshold, and how many of them each section takes
    (its largest gains) in a plan of that length with the most gain; None: not even all steps."""
    by_section: dict[str, list[Candidate]] = {}
    for c in problem.candidates:
        by_section.setdefault(c.section, []).append(c)
    for section in problem.section_need:
        by_section.setdefault(section, [])
    # best[j]: the largest total gain of j picks that meet every section's threshold, and the picks per section
    best: dict[int, tuple[Fraction, dict[str, int]]] = {0: (Fraction(0), {})}
    for section, members in by_section.items():
        gains = _prefix(sorted((c.gain for c in members), reverse=True))
        short = problem.section_need.get(section, Fraction(0))
        scale = problem.scale.get(section, Fraction(1))
        least = next((j for j, total in enumerate(gains) if scale and total / scale >= short), None) \
            if short > 0 else 0
        if least is None:
            return None
        merged: dict[int, tuple[Fraction, dict[str, int]]] = {}
        for j, (total, takes) in best.items():
            for take in range(least, len(gains)):
                value = total + gains[take]
                if j + take not in merged or merged[j + take][0] < value:
                    merged[j + take] = (value, {**takes, section: take})
        best = merged
    return next(((j, best[j][1]) for j in sorted(best) if best[j][0] >= problem.need), None)


def _partial(problem: Problem, steps: list[Candidate]) -> dict[str, Decimal]:
    """SB/T 10401: the rating each step in an item below 50% needs, where less than full
    marks keeps both that item at 50% and the total at the target (rounded up to 0.01)."""
    slack = sum((c.gain for c in steps), Fraction(0)) - problem.need
    section_slack = {s: sum((c.amount for c in steps if c.section == s), Fraction(0)) - short
                     for s, short in problem.section_need.items()}
    out: dict[str, Decimal] = {}
    for c in sorted(steps, key=lambda c: (c.gain, -c.order)):
        if c.section not in section_slack:
            continue
        scale = problem.scale[c.section]
        cut = min(slack / scale, section_slack[c.section], c.amount)
        target = 1 - cut / Fraction(c.points)
        to = Decimal(math.ceil(target * 100)) / 100
        if to >= ONE or to <= c.rating:
            continue
        saved = Fraction(c.points) * (1 - Fraction(to))
        slack -= saved * scale
        section_slack[c.section] -= saved
        out[c.item] = to
    return out


def _improved(data: Mapping[str, Any], ratings: Mapping[str, Decimal]) -> dict[str, Any]:
    new = dict(data)
    new["ratings"] = {**dict(data.get("ratings") or {}), **{k: plain(v) for k, v in ratings.items()}}
    return new


def _level(rubric: Rubric, level_id: str) -> Level:
    for level in rubric.levels:
        if level.id == level_id:
            return level
    raise AssessmentError("plan-bad-target", value=level_id, allowed=[lv.id for lv in rubric.levels if lv.passed])


def _targets(rubric: Rubric, current: Level) -> list[dict[str, Any]]:
    return [{"id": lv.id, "label": dict(lv.label), "stars": lv.stars, "min_score": plain(lv.min)}
            for lv in rubric.levels if lv.passed and lv.min > current.min]


def _reached(result: dict[str, Any], level: Level, rubric: Rubric) -> bool:
    """Whether a result is at ``level`` or above (passed, and its level's bound as high)."""
    if not result["passed"]:
        return not level.passed
    return _level(rubric, result["level"]).min >= level.min


def plan_one(rubrics: Mapping[str, Rubric], data: Any, target: str | None = None,
             custom: Profile | None = None) -> dict[str, Any]:
    """The plan of one assessment (parsed data) to ``target`` (a level id of its standard;
    default: the ``plan.target`` the assessment names)."""
    rubric = find_rubric(rubrics, standard_of(data))
    assessment = parse_assessment(data, rubric)
    profile = choose_profile(rubric, assessment.profile, custom)
    current = score_one(rubrics, data, custom)
    target = target or (assessment.plan.target if assessment.plan else None)
    if target is None:
        raise AssessmentError("plan-no-target", allowed=[lv.id for lv in rubric.levels if lv.passed])
    level = _level(rubric, target)
    follow = assessment.plan.steps if assessment.plan else {}
    out: dict[str, Any] = {
        "standard": rubric.id, "code": rubric.code, "model": rubric.model, "target": level.id, "target_label": dict(level.label),
        "target_stars": level.stars, "target_min": plain(level.min),
        "current_score": current["score"], "current_score_text": current["score_text"],
        "current_level": current["level"], "current_level_label": current["level_label"],
        "current_passed": current["passed"],
        "targets": _targets(rubric, _level(rubric, current["level"]) if current["passed"] else rubric.levels[0]),
    }
    if _reached(current, level, rubric):
        return {**out, "reachable": True, "reached": True, "reason": None, "minimal": True, "steps": [],
                "points": 0, "points_text": cents(ZERO), "score_after": current["score"],
                "score_after_text": current["score_text"], "level_after": current["level"],
                "level_after_label": current["level_label"], "stars_after": current["stars"]}
    problem = _problem(rubric, profile, assessment, level)
    found = None if isinstance(problem, dict) else _fewest_steps(problem)
    if isinstance(problem, dict) or found is None:
        why = problem if isinstance(problem, dict) else message("unreachable-max")
        return {**out, "reachable": False, "reached": False, "reason": why, "minimal": True, "steps": [],
                "points": None, "points_text": None, "score_after": None, "score_after_text": None,
                "level_after": None, "level_after_label": None, "stars_after": None}
    fewest, takes = found
    search: _Search | _Table = _Table(problem, fewest) if _Table.suits(problem, fewest) else _Search(problem, fewest)
    if isinstance(search, _Search):
        search.start_from(takes)
    search.run()
    chosen = search.chosen()
    partial = _partial(problem, chosen) if rubric.model == "sbt-10401" else {}
    steps = []
    total = Fraction(0)
    for c in chosen:
        to = partial.get(c.item, ONE)
        gain = Fraction(c.points) * (Fraction(to) - Fraction(c.rating)) * problem.scale[c.section]
        total += gain
        kept = follow.get(c.item, StepFollowUp())
        steps.append({"item": c.item, "clause": c.clause, "section": c.section,
                      "from": plain(c.rating) if c.rated else None, "to": plain(to),
                      "points": plain(exact_or_cents(gain)), "points_text": cents(gain),
                      "owner": kept.owner, "due": kept.due, "status": kept.status})
    after = score_one(rubrics, _improved(data, {c.item: partial.get(c.item, ONE) for c in chosen}), custom)
    assert _reached(after, level, rubric), f"plan to {target} misses: {after['score_text']}"
    return {**out, "reachable": True, "reached": False, "reason": None, "minimal": not search.exhausted,
            "steps": steps, "points": plain(exact_or_cents(total)), "points_text": cents(total),
            "score_after": after["score"], "score_after_text": after["score_text"],
            "level_after": after["level"], "level_after_label": after["level_label"], "stars_after": after["stars"]}


def plan(rubrics: Mapping[str, Rubric], data: Any, target: str | None = None,
         custom: Profile | None = None) -> dict[str, Any]:
    """The improvement plan of an assessment file: one standard, or a combined GB/T 27922 +
    CTS Q/ZG025 file planned for ``stars-<n>`` (default: the file's ``plan.target``)."""
    if not (isinstance(data, Mapping) and "assessments" in data):
        return plan_one(rubrics, data, target, custom)
    whole = score(rubrics, data, custom)  # checks the whole file first, as scoring does
    allowed = [combined_target(n) for n in combined_stars(rubrics)]
    named = parse_plan(data["plan"], None, allowed).target if "plan" in data else None
    target = target or named
    if target is None or target not in allowed:
        if target is None:
            raise AssessmentError("plan-no-target", allowed=allowed)
        raise AssessmentError("plan-bad-target", value=target, allowed=allowed)
    wanted = int(target.removeprefix("stars-"))
    parts = {one["standard"]: one for one in data["assessments"]}
    combined = whole["combined"]
    current_stars = combined["stars"]
    out: dict[str, Any] = {"target": target, "target_stars": wanted, "current_stars": current_stars,
                           "current_passed": combined["passed"],
                           "targets": [{"id": t, "stars": n} for t, n in zip(allowed, combined_stars(rubrics), strict=True)
                                       if current_stars is None or n > current_stars]}
    if current_stars is not None and current_stars >= wanted:
        return {**out, "reachable": True, "reached": True, "reason": None, "minimal": True, "steps": [],
                "points": 0, "points_text": cents(ZERO), "score_after": None, "level_after": target,
                "stars_after": current_stars, "parts": []}
    best: tuple[int, Fraction, list[dict[str, Any]]] | None = None
    reasons = []
    levels = {s: [lv for lv in find_rubric(rubrics, s).levels if lv.passed and lv.stars is not None] for s in (GBT, CTS)}
    cache: dict[tuple[str, str], dict[str, Any]] = {}
    for g in levels[GBT]:
        for c in levels[CTS]:
            if min((g.stars or 0) + (c.stars or 0), MAX_STARS) < wanted:
                continue
            pair = []
            for standard, level in ((GBT, g), (CTS, c)):
                one_custom = custom if custom is not None and custom.standard == standard else None
                key = (standard, level.id)
                if key not in cache:
                    cache[key] = plan_one(rubrics, parts[standard], level.id, one_custom)
                pair.append(cache[key])
            if not all(p["reachable"] for p in pair):
                reasons += [p["reason"] for p in pair if not p["reachable"]]
                continue
            steps = sum(len(p["steps"]) for p in pair)
            points = sum((Fraction(str(p["points"])) for p in pair), Fraction(0))
            if best is None or (steps, points) < best[:2]:
                best = (steps, points, pair)
    if best is None:
        return {**out, "reachable": False, "reached": False, "reason": reasons[0] if reasons else message("unreachable-max"),
                "minimal": True, "steps": [], "points": None, "points_text": None, "score_after": None,
                "level_after": None, "stars_after": None, "parts": []}
    pair = best[2]
    stars = min(sum(p["stars_after"] for p in pair), MAX_STARS)
    return {**out, "reachable": True, "reached": False, "reason": None, "minimal": all(p["minimal"] for p in pair),
            "steps": [{"standard": p["standard"], **step} for p in pair for step in p["steps"]],
            "points": plain(exact_or_cents(best[1])), "points_text": cents(best[1]), "score_after": None,
            "level_after": combined_target(stars), "stars_after": stars, "parts": pair}


def targets(rubrics: Mapping[str, Rubric], data: Any, custom: Profile | None = None) -> list[dict[str, Any]]:
    """The levels a plan can aim at: the passed levels above the assessment's current one
    (``{id, label, stars, min_score}``), or for a combined file the star counts above its
    current stars (``{id: "stars-<n>", stars}``)."""
    if isinstance(data, Mapping) and "assessments" in data:
        now = score(rubrics, data, custom)["combined"]["stars"]
        return [{"id": combined_target(n), "stars": n} for n in combined_stars(rubrics) if now is None or n > now]
    rubric = find_rubric(rubrics, standard_of(data))
    current = score_one(rubrics, data, custom)
    return _targets(rubric, _level(rubric, current["level"]) if current["passed"] else rubric.levels[0])
